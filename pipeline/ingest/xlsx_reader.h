// Reads worksheets of an XLSX workbook (as Excel, LibreOffice and openpyxl write them,
// Transitional or Strict Open XML) into Tables. The zip is bounded: entry count and
// uncompressed sizes are limited, so a zip bomb is an error, not an outage.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ingest/table.h"
#include "support/diagnostics.h"

namespace tillit::ingest {

struct SheetInfo {
  std::string name;
  bool hidden = false;  ///< state="hidden" or "veryHidden" in workbook.xml.
};

class ZipReader;  // ingest/zip_reader.h

/// An opened workbook. Cheap to move; reading a sheet parses only that sheet (shared strings
/// and styles are parsed once, by open()). Not thread-safe: reads share one zip handle.
class Workbook {
 public:
  /// Open from the file's bytes. `shown` is the path used in diagnostics. Reports a corrupt
  /// or truncated zip, an OLE file (.xls or password-protected), a missing part, or a
  /// DOCTYPE in any part as errors (ExitCode::DataError) and returns nullopt.
  static std::optional<Workbook> open(const std::string& shown, std::string bytes,
                                      Diagnostics& diags);

  Workbook(Workbook&&) noexcept;
  Workbook& operator=(Workbook&&) noexcept;
  ~Workbook();

  const std::string& file() const;
  const std::vector<SheetInfo>& sheets() const;

  /// Index of the first sheet whose name matches one of `names` (case-insensitive, ignoring
  /// spaces and punctuation), preferring visible sheets; nullopt when none matches.
  std::optional<size_t> find_sheet(const std::vector<std::string>& names) const;
  /// Index of the first visible sheet (or 0).
  size_t first_visible_sheet() const;

  /// Read one sheet: shared strings, inline strings, rich text, cached formula values,
  /// numbers, booleans, errors, dates (serial numbers with a date format -> YYYY-MM-DD),
  /// merged ranges (the top-left value fills the range), rows/cells without an `r`
  /// attribute. Blank rows are left out. `sheet` must be below sheets().size(). A cell
  /// longer than kMaxCellChars ("cell-too-large"), a cell past XFD or row 1,048,576
  /// ("cell-out-of-range"), a sheet past kMaxSheetCells or kMaxSheetTextBytes
  /// ("sheet-too-large") or a broken part is an error (ExitCode::DataError): nullopt.
  std::optional<Table> read(size_t sheet, Diagnostics& diags) const;

 private:
  struct Impl;
  explicit Workbook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Excel's own limit on the characters in one cell.
constexpr size_t kMaxCellChars = 32767;

/// The most cells (blank ones between values included) and text bytes one sheet may yield.
/// A few bytes of XML can ask for a cell at column XFD, or repeat one long shared string
/// a million times; past these limits read() reports "sheet-too-large" instead of
/// exhausting memory.
constexpr size_t kMaxSheetCells = 2'000'000;
constexpr size_t kMaxSheetTextBytes = size_t{64} << 20;

}  // namespace tillit::ingest
