// Tables: a fixed grid scaled to the text width, header rows repeated on every page, rows kept
// whole, and spans. The model leaves the cells a row span covers out of their rows; Word wants
// them back as w:vMerge continuation cells.
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <vector>

#include "render/docx/body_writer.h"
#include "render/docx/xml_text.h"

namespace tillit::render::docx {

namespace {

// Default cell margins (108 twips a side) in Word's Normal Table.
constexpr int kCellMargins = 216;
constexpr int kMinContentWidth = 360;
constexpr std::string_view kShadedFill = "E8EDF5";

// One w:tc of a row: a model cell, a cell a row span above covers, or filler where a row is
// shorter than the grid.
struct Slot {
  enum Kind { Cell, Covered, Filler };
  Kind kind;
  const model::TableCell* cell;
  int column;
  int span;
  bool restart;  // the first cell of a row span
};

// Places the cells on the grid. Returns the rows of slots and sets `columns`.
std::vector<std::vector<Slot>> layout(const model::Table& table, int& columns) {
  const int rows = static_cast<int>(table.rows.size());
  // Per grid column: the last row a row span covers it to, and the span's width at its start.
  std::vector<int> covered_to;
  std::vector<int> cover_span;
  std::vector<std::vector<Slot>> slots(table.rows.size());
  columns = static_cast<int>(table.widths.size());
  auto covered = [&](int column, int row) {
    return column < static_cast<int>(covered_to.size()) && covered_to[column] >= row;
  };
  for (int r = 0; r < rows; ++r) {
    const auto& cells = table.rows[static_cast<size_t>(r)].cells;
    int column = 0;
    size_t next = 0;
    while (true) {
      if (covered(column, r)) {
        const int span = std::max(1, cover_span[column]);
        slots[r].push_back({Slot::Covered, nullptr, column, span, false});
        column += span;
        continue;
      }
      if (next == cells.size()) break;
      const model::TableCell& cell = cells[next++];
      const int span = std::max(1, cell.col_span);
      const int last_row = std::min(rows - 1, r + std::max(1, cell.row_span) - 1);
      if (covered_to.size() < static_cast<size_t>(column + span)) {
        covered_to.resize(static_cast<size_t>(column + span), -1);
        cover_span.resize(covered_to.size(), 0);
      }
      if (last_row > r) {
        for (int c = column; c < column + span; ++c) covered_to[c] = last_row;
        cover_span[column] = span;
      }
      slots[r].push_back({Slot::Cell, &cell, column, span, last_row > r});
      column += span;
    }
    columns = std::max(columns, column);
  }
  for (auto& row : slots) {
    const int end = row.empty() ? 0 : row.back().column + row.back().span;
    if (end < columns) row.push_back({Slot::Filler, nullptr, end, columns - end, false});
  }
  return slots;
}

// Relative widths made twips that add up to `total`. Missing or non-positive widths get the
// mean of the others.
std::vector<int> grid_widths(const std::vector<double>& relative, int columns, int total) {
  std::vector<double> w(static_cast<size_t>(columns), 0.0);
  double sum = 0;
  int given = 0;
  for (size_t i = 0; i < w.size() && i < relative.size(); ++i) {
    if (relative[i] > 0) {
      w[i] = relative[i];
      sum += relative[i];
      ++given;
    }
  }
  const double mean = given > 0 ? sum / given : 1.0;
  for (double& x : w) {
    if (x <= 0) x = mean;
  }
  const double all = std::accumulate(w.begin(), w.end(), 0.0);
  std::vector<int> out;
  double running = 0;
  int placed = 0;
  for (double x : w) {
    running += x;
    const int edge = static_cast<int>(running / all * total + 0.5);
    out.push_back(edge - placed);
    placed = edge;
  }
  return out;
}

}  // namespace

void BodyWriter::write_table(const model::Table& table) {
  if (top_level()) start_content();
  flush_page_break();
  if (!table.caption.empty()) {
    ParaProps props;
    props.style = &state_.styles.id(StyleKey::Caption);
    props.keep_next = true;
    // The caption's paragraph goes with the table when the whole table was inserted or deleted.
    if (!table.rows.empty() &&
        std::all_of(table.rows.begin(), table.rows.end(),
                    [&](const model::TableRow& r) { return r.change == table.rows[0].change; })) {
      props.mark = table.rows[0].change;
    }
    open_paragraph(props);
    write_inlines(table.caption);
    close_paragraph();
  } else if (last_was_table_) {
    // Word joins two tables that touch into one.
    empty_paragraph(ParaProps{});
  }
  if (table.rows.empty()) return;

  int columns = 0;
  const auto slots = layout(table, columns);
  const std::vector<int> widths = grid_widths(table.widths, columns, available_width_);
  const int header_rows = std::clamp(table.header_rows, 0, static_cast<int>(table.rows.size()));
  StyleKey style = StyleKey::TableGrid;
  if (table.role == model::TableRole::Controls) style = StyleKey::ControlsTable;
  if (table.role == model::TableRole::KeyValue) style = StyleKey::KeyValueTable;
  const bool first_row = header_rows > 0;
  const bool first_column = table.role == model::TableRole::KeyValue;

  out_ += "<w:tbl><w:tblPr>";
  if (const std::string& id = state_.styles.id(style); !id.empty()) {
    out_ += "<w:tblStyle w:val=\"";
    append_attr(out_, id);
    out_ += "\"/>";
  }
  out_ += "<w:tblW w:w=\"";
  append_int(out_, std::accumulate(widths.begin(), widths.end(), 0));
  out_ += "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>";
  // Which parts of the table style apply; w:val repeats them as Word 2007 reads them.
  char look[5];
  std::snprintf(look, sizeof look, "%04X",
                (first_row ? 0x20u : 0u) | (first_column ? 0x80u : 0u) | 0x200u | 0x400u);
  out_ += "<w:tblLook w:val=\"";
  out_ += look;
  out_ += first_row ? "\" w:firstRow=\"1\"" : "\" w:firstRow=\"0\"";
  out_ += " w:lastRow=\"0\"";
  out_ += first_column ? " w:firstColumn=\"1\"" : " w:firstColumn=\"0\"";
  out_ += " w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>";
  for (int w : widths) {
    out_ += "<w:gridCol w:w=\"";
    append_int(out_, w);
    out_ += "\"/>";
  }
  out_ += "</w:tblGrid>";

  for (size_t r = 0; r < slots.size(); ++r) {
    const model::TableRow& row = table.rows[r];
    out_ += "<w:tr>";
    const bool header = static_cast<int>(r) < header_rows;
    const model::Change saved = inherited_;
    inherited_ = effective(row.change);
    if (row.cant_split || header || inherited_ != model::Change::None) {
      out_ += "<w:trPr>";
      if (row.cant_split) out_ += "<w:cantSplit/>";
      // Repeated at the top of every page the table runs onto.
      if (header) out_ += "<w:tblHeader/>";
      // An inserted or deleted row; its cells' text is marked as well.
      if (inherited_ != model::Change::None) revision_tag(inherited_, true);
      out_ += "</w:trPr>";
    }
    for (const Slot& slot : slots[r]) {
      int width = 0;
      for (int c = slot.column; c < slot.column + slot.span; ++c) width += widths[c];
      write_cell(slot.cell, width, slot.span, slot.restart, slot.kind == Slot::Covered);
    }
    inherited_ = saved;
    out_ += "</w:tr>";
  }
  out_ += "</w:tbl>";
  last_was_table_ = true;
}

void BodyWriter::write_cell(const model::TableCell* cell, int width, int span, bool restart,
                            bool continuation) {
  out_ += "<w:tc><w:tcPr><w:tcW w:w=\"";
  append_int(out_, width);
  out_ += "\" w:type=\"dxa\"/>";
  if (span > 1) {
    out_ += "<w:gridSpan w:val=\"";
    append_int(out_, span);
    out_ += "\"/>";
  }
  if (restart) out_ += "<w:vMerge w:val=\"restart\"/>";
  if (continuation) out_ += "<w:vMerge/>";
  if (cell && cell->shaded) {
    out_ += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"";
    out_ += kShadedFill;
    out_ += "\"/>";
  }
  out_ += "</w:tcPr>";

  const int saved_width = available_width_;
  const bool saved_last_was_table = last_was_table_;
  available_width_ = std::max(kMinContentWidth, width - kCellMargins);
  last_was_table_ = false;
  ++depth_;
  if (cell) write_blocks(cell->content);
  // A cell ends with a paragraph, also when it is empty or ends with a nested table.
  if (!out_.ends_with("</w:p>")) {
    ParaProps props;
    props.style = &state_.styles.id(StyleKey::TableText);
    empty_paragraph(props);
  }
  --depth_;
  available_width_ = saved_width;
  last_was_table_ = saved_last_was_table;
  out_ += "</w:tc>";
}

}  // namespace tillit::render::docx
