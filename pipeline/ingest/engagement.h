// The engagement as read from disk: plain data, every value with the place it came from.
// Ingest only reads and records; the validate stage decides what the values mean.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "support/env.h"
#include "support/location.h"

namespace tillit::ingest {

/// A value and where it was read.
struct Text {
  std::string value;
  Location where;
  bool empty() const { return value.empty(); }
};

/// Text per language code ("sv", "en"). Missing languages are absent from the map.
struct LocalizedText {
  std::map<std::string, Text> by_lang;

  const Text* get(const std::string& lang) const {
    auto it = by_lang.find(lang);
    return it == by_lang.end() || it->second.empty() ? nullptr : &it->second;
  }
  /// The location of the leftmost language column (for "empty cell" messages).
  const Location* first_location() const {
    const Location* best = nullptr;
    for (auto& [lang, t] : by_lang) {
      if (!best || t.where.column < best->column) best = &t.where;
    }
    return best;
  }
  bool any() const {
    for (auto& [lang, t] : by_lang) {
      if (!t.empty()) return true;
    }
    return false;
  }
};

struct Manifest {
  std::string file;  ///< As shown in diagnostics ("engagement.xml").
  int format_version = 1;

  Text organisation;  ///< Service organisation's legal name.
  Text slug;          ///< For output file names; empty = derived from the name.
  LocalizedText system_name;

  Text report_type;  ///< "1" or "2" as written; validate interprets it.
  Location report_where;
  bool draft = true;
  std::optional<Date> period_start, period_end, as_of;
  Location period_where, as_of_where;
  std::vector<std::string> languages;  ///< In the order given; the first is the default.
  Location languages_where;
  std::vector<Text> categories;        ///< Raw names; validate resolves them.
  Location categories_where;
  Text template_path;

  Text auditor_firm;
  Text auditor_city;
  std::optional<Date> report_date;
  Location report_date_where;

  Text signer;
  LocalizedText signer_title;

  Text opinion;  ///< "unmodified", "qualified", "adverse", "disclaimer".
  Location opinion_where;
  LocalizedText opinion_basis;

  /// An input named in <inputs>: path relative to the engagement, optional sheet.
  struct Input {
    Text path;
    Text sheet;
    std::string lang;  ///< <matrix lang="sv">: language of unsuffixed text columns.
  };
  std::optional<Input> matrix, cuecs, subservice;
  Text description_dir;
  std::map<std::string, Text> assertion_override;  ///< lang -> path

  struct NotApplicable {
    Text criterion;
    LocalizedText reason;
    Location where;
  };
  std::vector<NotApplicable> not_applicable;
};

/// A criterion ID as written in a cell ("CC6.1", "cc 6.1", "PP1.1"), resolved by validate.
struct CriterionRef {
  std::string raw;
  Location where;
};

struct Control {
  Text id;
  Location row;
  std::vector<CriterionRef> criteria;
  Location criteria_cell;
  LocalizedText title, description, owner, test_procedure, result, deviation, management_response;
  Text frequency, control_type, population, sample_size;
};

struct Cuec {
  Text id;
  Location row;
  std::vector<CriterionRef> criteria;
  Location criteria_cell;
  LocalizedText description;
};

struct Csoc {
  Text id;
  Location row;
  std::vector<CriterionRef> criteria;
  Location criteria_cell;
  LocalizedText description;
};

struct SubserviceOrg {
  Text name;
  Location row;  ///< Its first row.
  Text method;   ///< Raw: "carve-out", "Inkluderande", ...
  LocalizedText service;
  std::vector<Csoc> csocs;
};

/// Which optional columns a table had, so validate can tell "empty" from "no such column".
struct ColumnPresence {
  bool test_procedure = false;
  bool result = false;
  bool deviation = false;
  bool management_response = false;
};

struct Narrative {
  std::string topic;  ///< "services", "control-environment", ...
  std::string lang;
  std::string path;   ///< Real path, for reading images later.
  std::string shown;  ///< "description/sv/services.md"
  std::string text;
  bool is_stub = false;  ///< Still the starter text that `tillit init` wrote.
};

struct Engagement {
  std::string dir;
  Manifest manifest;
  std::string matrix_file;  ///< As shown.
  std::vector<Control> controls;
  ColumnPresence columns;
  std::vector<Cuec> cuecs;
  std::vector<SubserviceOrg> subservice_orgs;
  std::vector<Narrative> narratives;
  std::map<std::string, std::string> assertion_text;  ///< lang -> Markdown override
  bool matrix_read = false;  ///< False when the matrix could not be read at all.
};

}  // namespace tillit::ingest
