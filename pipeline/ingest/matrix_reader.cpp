#include "ingest/matrix_reader.h"

#include <algorithm>
#include <cctype>

#include "ingest/columns.h"
#include "support/text.h"

namespace tillit::ingest {

namespace {

/// Reads the mapped fields of one data row.
class RowView {
 public:
  RowView(const Table& table, const Row& row, const ColumnMap& map)
      : table_(table), row_(row), map_(map) {}

  bool blank() const {
    for (auto& c : row_.cells) {
      if (!trim(c.text).empty()) return false;
    }
    return true;
  }

  /// Cells that hold text, mapped or not.
  int filled_cells() const {
    int n = 0;
    for (auto& c : row_.cells) n += trim(c.text).empty() ? 0 : 1;
    return n;
  }

  Text text(const std::string& field) const {
    auto it = map_.columns.find(field);
    if (it == map_.columns.end() || it->second.empty()) return Text{"", table_.at(row_)};
    return cell_text(it->second.begin()->second);
  }

  LocalizedText localized(const std::string& field) const {
    LocalizedText out;
    auto it = map_.columns.find(field);
    if (it == map_.columns.end()) return out;
    for (auto& [lang, col] : it->second) out.by_lang[lang] = cell_text(col);
    return out;
  }

  Location where(const std::string& field) const { return text(field).where; }
  Location row_location() const { return table_.at(row_); }

 private:
  Text cell_text(size_t col) const {
    if (col < row_.cells.size()) {
      const Cell& c = row_.cells[col];
      return Text{trim(c.text), table_.at(c)};
    }
    return Text{"", Location{table_.file, table_.sheet, row_.line, static_cast<int>(col) + 1}};
  }

  const Table& table_;
  const Row& row_;
  const ColumnMap& map_;
};

std::vector<CriterionRef> criteria_of(const Text& cell) {
  std::vector<CriterionRef> refs;
  for (auto& id : split_criteria(cell.value)) refs.push_back(CriterionRef{id, cell.where});
  return refs;
}

/// A title or grouping row inside the data ("CC1 Control environment"): either one filled
/// cell of text with a space in it, outside the description column, or one text merged
/// across the row (so every filled cell holds the same text).
bool is_section_row(const RowView& v, const Row& row, const std::string& description_field) {
  std::string only;
  for (auto& c : row.cells) {
    std::string t = trim(c.text);
    if (t.empty()) continue;
    if (!only.empty() && t != only) return false;
    only = t;
  }
  if (only.find(' ') == std::string::npos) return false;
  if (v.filled_cells() == 1 && v.localized(description_field).any()) return false;
  return true;
}

void require(const Text& t, const std::string& column, const std::string& what,
             Diagnostics& diags) {
  if (t.empty()) {
    diags.error(t.where, "empty-required-cell", "empty " + column + " in " + what);
  }
}

}  // namespace

std::vector<std::string> split_criteria(const std::string& cell) {
  std::vector<std::string> pieces = split_any(cell, ",;/|\n\r\t ");
  std::vector<std::string> ids;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const std::string& p = pieces[i];
    bool letters_only = std::all_of(p.begin(), p.end(), [](char c) {
      return std::isalpha(static_cast<unsigned char>(c));
    });
    // "CC 6.1": a bare series prefix followed by its number is one ID written with a space.
    if (letters_only && p.size() <= 2 && i + 1 < pieces.size() &&
        std::isdigit(static_cast<unsigned char>(pieces[i + 1][0]))) {
      ids.push_back(p + " " + pieces[i + 1]);
      ++i;
    } else {
      ids.push_back(p);
    }
  }
  return ids;
}

bool read_controls(const Table& table, const std::string& default_lang,
                   std::vector<Control>& out, ColumnPresence& columns, Diagnostics& diags) {
  auto map = map_columns(table, control_fields(), default_lang, diags, "control matrix");
  if (!map) return false;
  columns.test_procedure = map->has("test_procedure");
  columns.result = map->has("result");
  columns.deviation = map->has("deviation");
  columns.management_response = map->has("management_response");
  for (size_t r = map->header_row + 1; r < table.rows.size(); ++r) {
    RowView v(table, table.rows[r], *map);
    if (v.blank() || is_section_row(v, table.rows[r], "description")) continue;
    Control c;
    c.row = v.row_location();
    c.id = v.text("id");
    Text criteria = v.text("criteria");
    c.criteria_cell = criteria.where;
    c.criteria = criteria_of(criteria);
    c.title = v.localized("title");
    c.description = v.localized("description");
    c.owner = v.localized("owner");
    c.test_procedure = v.localized("test_procedure");
    c.result = v.localized("result");
    c.deviation = v.localized("deviation");
    c.management_response = v.localized("management_response");
    c.frequency = v.text("frequency");
    c.control_type = v.text("control_type");
    c.population = v.text("population");
    c.sample_size = v.text("sample_size");
    // Frequency and type are single values in most matrices but may be per language.
    if (c.frequency.empty()) {
      for (auto& [lang, t] : v.localized("frequency").by_lang) {
        if (!t.empty()) { c.frequency = t; break; }
      }
    }
    std::string what = c.id.empty() ? "this control" : "control '" + c.id.value + "'";
    require(c.id, "Control ID", "this row", diags);
    require(criteria, "Criteria", what, diags);
    if (!c.description.any()) {
      const Location* cell = c.description.first_location();
      diags.error(cell ? *cell : c.row, "empty-required-cell", "empty Control description in " + what);
    }
    out.push_back(std::move(c));
  }
  return true;
}

bool read_cuecs(const Table& table, const std::string& default_lang, std::vector<Cuec>& out,
                Diagnostics& diags) {
  auto map = map_columns(table, cuec_fields(), default_lang, diags, "CUEC table");
  if (!map) return false;
  for (size_t r = map->header_row + 1; r < table.rows.size(); ++r) {
    RowView v(table, table.rows[r], *map);
    if (v.blank() || is_section_row(v, table.rows[r], "description")) continue;
    Cuec c;
    c.row = v.row_location();
    c.id = v.text("id");
    Text criteria = v.text("criteria");
    c.criteria_cell = criteria.where;
    c.criteria = criteria_of(criteria);
    c.description = v.localized("description");
    std::string what = c.id.empty() ? "this CUEC" : "CUEC '" + c.id.value + "'";
    require(c.id, "CUEC ID", "this row", diags);
    require(criteria, "Criteria", what, diags);
    if (!c.description.any()) {
      diags.error(c.row, "empty-required-cell", "empty description in " + what);
    }
    out.push_back(std::move(c));
  }
  return true;
}

bool read_subservice(const Table& table, const std::string& default_lang,
                     std::vector<SubserviceOrg>& out, Diagnostics& diags) {
  auto map =
      map_columns(table, subservice_fields(), default_lang, diags, "subservice organisation table");
  if (!map) return false;
  for (size_t r = map->header_row + 1; r < table.rows.size(); ++r) {
    RowView v(table, table.rows[r], *map);
    if (v.blank()) continue;
    Text name = v.text("name");
    if (name.empty() && out.empty()) {
      diags.error(name.where, "empty-required-cell",
                  "empty Subservice organization in the first row of the table");
      continue;
    }
    // A new name starts an organisation; a blank one continues the previous (merged cells).
    if (!name.empty() && (out.empty() || out.back().name.value != name.value)) {
      SubserviceOrg org;
      org.name = name;
      org.row = v.row_location();
      org.method.where = v.where("method");
      out.push_back(std::move(org));
    }
    SubserviceOrg& org = out.back();
    Text method = v.text("method");
    if (org.method.empty() && !method.empty()) org.method = method;
    for (auto& [lang, t] : v.localized("service").by_lang) {
      if (!org.service.get(lang) && !t.empty()) org.service.by_lang[lang] = t;
    }
    LocalizedText description = v.localized("description");
    Text criteria = v.text("criteria");
    Text csoc_id = v.text("csoc_id");
    if (description.any() || !criteria.empty() || !csoc_id.empty()) {
      Csoc c;
      c.id = csoc_id;
      c.row = v.row_location();
      c.criteria_cell = criteria.where;
      c.criteria = criteria_of(criteria);
      c.description = description;
      if (!c.description.any()) {
        diags.error(c.row, "empty-required-cell",
                    "empty complementary control for '" + org.name.value + "'");
      }
      org.csocs.push_back(std::move(c));
    }
  }
  return true;
}

}  // namespace tillit::ingest
