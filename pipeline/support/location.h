// Where a value came from, so every diagnostic can point at it.
#pragma once

#include <string>

namespace tillit {

/// A position in an input file. Text files use line:column; workbook cells use Sheet!A1.
struct Location {
  std::string file;   ///< Path as shown to the user (relative to the engagement when possible).
  std::string sheet;  ///< Worksheet name for XLSX cells; empty for text files.
  int line = 0;       ///< 1-based line or worksheet row; 0 when the whole file is meant.
  int column = 0;     ///< 1-based column (characters for text, column index for sheets); 0 = none.

  /// Render as "file", "file:12", "file:12:5" or "file:Sheet!C14".
  std::string str() const;
};

/// Convert a 1-based column index to spreadsheet letters (1 -> "A", 28 -> "AB").
std::string column_letters(int column);

/// Quote a sheet name the way Excel does in references when it needs it ('My sheet'!A1).
std::string quoted_sheet_name(const std::string& sheet);

}  // namespace tillit
