// What changed between an issued report and the engagement now, as a reader of the report
// would see it: controls, coverage, results and deviations, narratives, CUECs, subservice
// organisations, opinion and assertion. Plain data; issued.h finds the snapshots to compare.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "history/snapshot.h"

namespace tillit::history {

/// One value that differs.
struct FieldChange {
  std::string field;  ///< JSON key: "result", "criteria", "method", "basis", "period_end", ...
  std::string lang;   ///< Empty for a value that is not per language.
  std::string before, after;
  std::string where;  ///< Where the value is now; where it was when it is gone.
};

/// A control, CUEC, subservice organisation or CSOC found on one side only.
struct ItemRef {
  std::string id;
  std::string where;
  std::vector<std::string> criteria;  ///< Resolved criteria; empty for organisations.
  bool deviation = false;             ///< A control whose test found an exception.
};

struct ItemEdit {
  std::string id;
  std::vector<FieldChange> changes;
};

struct ItemChanges {
  std::vector<ItemRef> added, removed;
  std::vector<ItemEdit> edited;

  bool empty() const { return added.empty() && removed.empty() && edited.empty(); }
};

/// Controls that started or stopped addressing a criterion, and gaps opened or closed.
struct CoverageChange {
  std::string criterion;
  std::vector<std::string> added, removed;
  bool became_gap = false;
  bool gap_closed = false;
};

struct ResultChange {
  std::string control;
  FieldChange change;
};

struct ParagraphChange {
  enum class Kind { Added, Removed, Changed };
  Kind kind = Kind::Changed;
  int number = 0;  ///< 1-based position now; in the issued text for a removed paragraph.
  int line = 0;    ///< Where it starts, on the same side as `number`.
  std::string excerpt;
};

struct NarrativeChange {
  std::string topic;
  std::string lang;
  std::string file;
  std::vector<ParagraphChange> paragraphs;
};

struct Diff {
  std::string since_label;
  std::string since_date;
  std::vector<FieldChange> report;   ///< Names, type, status, dates, languages, categories.
  std::vector<FieldChange> opinion;  ///< "kind", "basis" and "assertion" per language.
  ItemChanges controls;
  std::vector<CoverageChange> coverage;
  std::vector<ResultChange> results;
  std::vector<std::string> deviations_opened;  ///< Controls present in both, by ID.
  std::vector<std::string> deviations_closed;
  std::vector<NarrativeChange> narratives;
  ItemChanges cuecs;
  ItemChanges subservice;  ///< Organisations by name.
  ItemChanges csocs;       ///< "Organisation: CSOC-01", for organisations present in both.

  bool empty() const;
};

/// Compare by ID (controls, CUECs), name (organisations) and text (paragraphs, aligned by
/// longest common subsequence); locations never count as changes.
Diff compare(const Snapshot& issued, const Snapshot& now);

/// Align two versions of a narrative by the longest common subsequence of paragraph texts;
/// between two aligned paragraphs, a removed and an added one pair up as one changed.
std::vector<ParagraphChange> compare_paragraphs(const std::vector<Paragraph>& before,
                                                const std::vector<Paragraph>& after);

/// Grouped, one change per line, ending with summary_line().
std::string format_text(const Diff& d);
/// A stable JSON object: every member always present, in a fixed order.
std::string format_json(const Diff& d);
/// "since v1: 2 deviations closed, 1 control added, ..." or "no changes since v1".
std::string summary_line(const Diff& d);

/// Text on one line (whitespace runs as one space), cut after `max_chars` code points with "…".
std::string excerpt(std::string_view text, size_t max_chars = 60);

}  // namespace tillit::history
