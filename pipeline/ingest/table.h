// A table read from a worksheet or a CSV file: the common shape every tabular reader
// produces and the matrix, CUEC and subservice mappers consume.
#pragma once

#include <string>
#include <vector>

#include "support/location.h"

namespace tillit::ingest {

enum class CellKind { Empty, Text, Number, Boolean, Date, Error };

/// One cell's value as text, with where it stood.
struct Cell {
  std::string text;  ///< Text as shown: numbers without trailing ".0", dates as YYYY-MM-DD,
                     ///< booleans TRUE/FALSE, errors as Excel writes them (#N/A).
  CellKind kind = CellKind::Empty;
  int line = 0;    ///< Worksheet row, or the CSV line on which the field starts (1-based).
  int column = 0;  ///< Worksheet column index, or the CSV character column (1-based).
};

struct Row {
  int line = 0;             ///< Worksheet row or CSV line where the record starts.
  std::vector<Cell> cells;  ///< Worksheet: index = column - 1 (dense). CSV: index = field.
};

/// Rows of one sheet or file. Blank rows are kept out; row.line keeps the real position.
struct Table {
  std::string file;   ///< Path as shown in diagnostics.
  std::string sheet;  ///< Sheet name for XLSX; empty for CSV.
  std::vector<Row> rows;

  /// The location of a cell ("controls.xlsx:Controls!C14" or "controls.csv:14:3").
  Location at(const Cell& c) const { return Location{file, sheet, c.line, c.column}; }
  /// The location of a row as a whole ("controls.xlsx:Controls!14" style / "controls.csv:14").
  Location at(const Row& r) const { return Location{file, sheet, r.line, 0}; }
};

}  // namespace tillit::ingest
