// What the engagement said at the last build, kept beside the build log so `build --explain`
// can say which inputs changed ("controls.xlsx:Kontroller!M14 changed: result of CHG-02").
// Only a short hash of each value is kept, not the value: the record must cost little to
// write on every build (a 5,000-control engagement has some 90,000 values), and whether an
// output is made again never depends on it — that is the build log's content hash.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "history/snapshot.h"

namespace tillit::build {

/// One value: which item and field it is, its language, where it is now, a hash of it.
struct InputValue {
  std::string group;  ///< "report", "opinion", "control", "CUEC", "subservice organisation", "CSOC"
  std::string id;     ///< The item; empty for report details.
  std::string field;  ///< "result", "criteria", "period_end"...
  std::string lang;   ///< Empty when not per language.
  std::string where;
  std::string hash;
};

struct InputRecord {
  std::vector<InputValue> values;
  /// Narrative paragraphs in order, per file: line and a hash of the text.
  struct Narrative {
    std::string file;
    std::string lang;
    std::vector<history::Paragraph> paragraphs;  ///< text = the hash
  };
  std::vector<Narrative> narratives;
};

/// Flatten a snapshot into a record.
InputRecord record_inputs(const history::Snapshot& s);

/// A line-based text form; parse_record returns nullopt on anything it did not write.
std::string to_text(const InputRecord& r);
std::optional<InputRecord> parse_record(std::string_view text);

struct InputChange {
  std::string lang;  ///< Empty when every language's outputs depend on it.
  std::string text;
};

/// What changed between two records, one line each: edited values with where they are now,
/// items added or removed, narrative paragraphs added, removed or changed.
std::vector<InputChange> compare(const InputRecord& before, const InputRecord& now);

/// The lines of `changes` that reach an output in `lang`.
std::vector<std::string> changes_for(const std::vector<InputChange>& changes,
                                     const std::string& lang);

}  // namespace tillit::build
