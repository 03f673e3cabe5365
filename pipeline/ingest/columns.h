// Finds the header row of a table and maps its columns to fields by header name, in
// English or Swedish, in any order, below any title rows. A language suffix such as
// "(sv)" or "[en]" marks a per-language column.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/table.h"
#include "support/diagnostics.h"

namespace tillit::ingest {

/// One field a table may have.
struct FieldSpec {
  std::string field;                 ///< Internal name, e.g. "description".
  std::string shown;                 ///< Header to name in messages: "Control description".
  std::vector<std::string> headers;  ///< Accepted headers (any case and punctuation).
  bool required = false;
  bool per_language = false;
};

/// Where each field was found. Per-language fields map language -> column index (0-based).
struct ColumnMap {
  size_t header_row = 0;  ///< Index into Table::rows.
  std::map<std::string, std::map<std::string, size_t>> columns;  ///< field -> lang -> column
  bool has(const std::string& field) const { return columns.count(field) > 0; }
};

/// Locate the header row among the first rows and map it. `default_lang` is the language of
/// text columns without a suffix. Reports missing required columns at the header row and
/// returns nullopt when a required column is missing or no header row is found.
std::optional<ColumnMap> map_columns(const Table& table, const std::vector<FieldSpec>& specs,
                                     const std::string& default_lang, Diagnostics& diags,
                                     const std::string& what);

/// Split "Control description (en)" into ("Control description", "en"); lang is empty when
/// there is no language suffix.
std::pair<std::string, std::string> split_language_suffix(std::string_view header);

/// Recognised headers of the control matrix, CUEC table and subservice table.
const std::vector<FieldSpec>& control_fields();
const std::vector<FieldSpec>& cuec_fields();
const std::vector<FieldSpec>& subservice_fields();

/// Sheet names recognised for each table (English and Swedish).
const std::vector<std::string>& control_sheet_names();
const std::vector<std::string>& cuec_sheet_names();
const std::vector<std::string>& subservice_sheet_names();

}  // namespace tillit::ingest
