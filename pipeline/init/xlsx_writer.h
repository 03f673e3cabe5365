// Writes small XLSX workbooks: the starter control matrix of `tillit init`, and workbooks
// for tests and benchmarks. The output is deterministic: the same sheets give the same
// bytes on every run, machine and time zone.
#pragma once

#include <string>
#include <vector>

namespace tillit::init {

/// One worksheet: text cells only.
struct SheetSpec {
  /// Tab name. Made acceptable to Excel: characters []:*?/\ become '_', a leading or
  /// trailing apostrophe too, it is cut to 31 characters, an empty name becomes "SheetN" and
  /// a repeated one (case-insensitively) gets " (2)", " (3)" ...
  std::string name;
  /// Cells row by row, starting at A1. An empty string leaves the cell out.
  std::vector<std::vector<std::string>> rows;
  /// First row bold, the pane frozen below it, and an autofilter on it.
  bool header_bold_frozen = true;
  /// Widths of columns A, B, ... in Excel character units; empty or <= 0 keeps the default.
  std::vector<double> column_widths;
  bool hidden = false;
};

/// The .xlsx bytes of a workbook with these sheets in this order. Cells are shared strings
/// with wrap text, so multi-line text shows. Characters XML 1.0 forbids are dropped. With no
/// sheets, or only hidden ones, the first sheet is visible anyway (an empty "Sheet1" if
/// there is none), since Excel refuses a workbook without a visible sheet. Returns an empty
/// string only when libzip fails, which for an in-memory archive means out of memory.
std::string write_xlsx(const std::vector<SheetSpec>& sheets);

}  // namespace tillit::init
