// A snapshot of what a report said when it was issued: the engagement's content per language,
// every value with the place it was read, so a later comparison can say what changed and
// where. Plain data; `tillit issue` stores one per label as DIR/issued/<label>.json.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue/catalogue.h"
#include "ingest/engagement.h"
#include "support/diagnostics.h"

namespace tillit::history {

/// Bumped whenever the JSON layout changes; other versions are refused, never guessed at.
inline constexpr int kFormatVersion = 1;
/// The "format" member that marks a file as an issued snapshot.
inline constexpr std::string_view kFormatName = "tillit-issued-report";

/// A value and where it was read, relative to the engagement ("controls.csv:14:3").
struct Field {
  std::string value;
  std::string where;
};

/// Text per language code. Empty texts are not written to the file, so a language that is
/// missing and one whose text is empty mean the same.
using Localized = std::map<std::string, Field>;

struct Criteria {
  std::vector<std::string> written;   ///< As in the cell, split: "CC6.1", "cc 6.2".
  std::vector<std::string> resolved;  ///< Catalogue IDs in scope, once each: what counts.
  std::string where;                  ///< The criteria cell.
};

struct ControlRecord {
  std::string id;
  std::string where;  ///< The row.
  Criteria criteria;
  Localized title, description, owner, test_procedure, result, deviation, management_response;
  Field frequency, control_type, population, sample_size;
};

/// The fields of a control in a fixed order, for writing and comparing them alike.
struct LocalizedMember {
  std::string_view key;  ///< JSON member and the name shown with "_" read as a space.
  Localized ControlRecord::*member;
};
struct PlainMember {
  std::string_view key;
  Field ControlRecord::*member;
};
inline constexpr LocalizedMember kControlTexts[] = {
    {"title", &ControlRecord::title},
    {"description", &ControlRecord::description},
    {"owner", &ControlRecord::owner},
    {"test_procedure", &ControlRecord::test_procedure},
    {"result", &ControlRecord::result},
    {"deviation", &ControlRecord::deviation},
    {"management_response", &ControlRecord::management_response}};
inline constexpr PlainMember kControlValues[] = {{"frequency", &ControlRecord::frequency},
                                                 {"control_type", &ControlRecord::control_type},
                                                 {"population", &ControlRecord::population},
                                                 {"sample_size", &ControlRecord::sample_size}};

/// The controls that address one criterion in scope.
struct CoverageEntry {
  std::string criterion;
  std::vector<std::string> controls;  ///< Control IDs, sorted.
  bool not_applicable = false;        ///< Marked not applicable in the manifest.

  bool gap() const { return controls.empty() && !not_applicable; }
};

struct CuecRecord {
  std::string id;
  std::string where;
  Criteria criteria;
  Localized description;
};

struct CsocRecord {
  std::string id;  ///< May be empty; then its position in the organisation identifies it.
  std::string where;
  Criteria criteria;
  Localized description;
};

struct SubserviceRecord {
  std::string name;
  std::string where;
  Field method;  ///< As written: "Carve-out", "inkluderande".
  Localized service;
  std::vector<CsocRecord> csocs;  ///< In table order.
};

struct Paragraph {
  int line = 0;      ///< Where it starts in the file.
  std::string text;  ///< Raw Markdown, lines joined with "\n", no trailing newline.
};

struct NarrativeRecord {
  std::string topic;
  std::string lang;
  std::string file;  ///< "description/sv/services.md"
  std::vector<Paragraph> paragraphs;
};

struct ReportRecord {
  std::string organisation;
  Localized system_name;
  std::string type;                                          ///< "1" or "2".
  std::string status;                                        ///< "draft" or "final".
  std::string period_start, period_end, as_of, report_date;  ///< ISO dates or empty.
  std::vector<std::string> languages;
  std::vector<std::string> categories;  ///< Category keys in scope, Security first.
};

struct OpinionRecord {
  std::string kind;  ///< "unmodified" when the manifest names none.
  Localized basis;
};

struct Snapshot {
  int format_version = kFormatVersion;
  std::string tool_version;
  std::string label;
  std::string date;         ///< The issue date, ISO.
  std::string date_source;  ///< "option" (--date), "report-date" (manifest) or "today".
  ReportRecord report;
  OpinionRecord opinion;
  Localized assertion;                  ///< Management's assertion written by hand, per language.
  std::vector<ControlRecord> controls;  ///< Sorted by ID.
  std::vector<CoverageEntry> coverage;  ///< Every criterion in scope, catalogue order.
  std::vector<CuecRecord> cuecs;        ///< Sorted by ID.
  std::vector<SubserviceRecord> subservice;  ///< In table order.
  std::vector<NarrativeRecord> narratives;   ///< Topic order, then language order.
};

/// A label names an issued report and its file: [A-Za-z0-9._-]+, at most 64 characters.
bool valid_label(std::string_view label);

/// The content of an engagement as the report would show it; label and date left empty.
/// Locations are made relative to the engagement folder, so a snapshot does not depend on
/// where the folder was when it was taken.
Snapshot take_snapshot(const ingest::Engagement& e, const catalogue::Catalogue& cat);

/// Split Markdown at blank lines (lines of spaces and tabs only). CRLF reads as LF.
std::vector<Paragraph> split_paragraphs(std::string_view markdown);

/// The snapshot as pretty-printed JSON, members in a fixed order.
std::string to_json(const Snapshot& s);

/// Read a snapshot written by to_json. Anything else, including another format version, is
/// an error (DataError) located in `shown` at the line and column where it goes wrong.
std::optional<Snapshot> from_json(std::string_view text, const std::string& shown,
                                  Diagnostics& diags);

}  // namespace tillit::history
