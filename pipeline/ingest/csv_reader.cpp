#include "ingest/csv_reader.h"

#include <array>
#include <utility>
#include <vector>

#include "ingest/xlsx_reader.h"
#include "support/text.h"

namespace tillit::ingest {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Records looked at when guessing the delimiter: enough to see past a title or header line,
// few enough that guessing costs nothing next to the parse itself.
constexpr size_t kSampleRecords = 50;

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Physical line (1-based) of a byte offset; CRLF, LF and a lone CR each end one line.
int line_of(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
    }
  }
  return line;
}

// Why the bytes cannot be CSV at all, or nullptr when they may be. Spreadsheets renamed to
// .csv are the usual cause, so those get a message that names them.
const char* not_text_reason(std::string_view bytes) {
  if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06")) {
    return "file is a zip archive (an .xlsx workbook renamed .csv?), not CSV";
  }
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return "file is an OLE document (an .xls or password-protected workbook renamed .csv?), "
           "not CSV";
  }
  if (bytes.find('\0') != std::string_view::npos) return "file looks binary, not CSV";
  return nullptr;
}

// Splits CSV text into records, RFC 4180 style. Line and column bookkeeping is incremental,
// so a parse stays linear in the size of the input.
class Splitter {
 public:
  enum class Result { kRecord, kEnd, kUnterminated };

  // `diags` receives the lenient-quote warnings; null while guessing the delimiter.
  Splitter(std::string_view text, char delim, int first_line, const std::string& shown,
           Diagnostics* diags)
      : text_(text), delim_(delim), shown_(shown), diags_(diags), line_(first_line) {}

  // Reads the next record into `cells`. On kUnterminated, error_line()/error_column() give
  // the opening quote.
  Result next(std::vector<Cell>& cells, int& record_line) {
    cells.clear();
    if (pos_ >= text_.size()) return Result::kEnd;
    record_line = line_;
    while (true) {
      Cell& cell = cells.emplace_back();
      cell.line = line_;
      cell.column = column_at(pos_);
      if (pos_ < text_.size() && text_[pos_] == '"') {
        if (!read_quoted(cell.text)) {
          error_line_ = cell.line;
          error_column_ = cell.column;
          return Result::kUnterminated;
        }
      } else {
        read_plain(cell.text);
      }
      cell.kind = cell.text.empty() ? CellKind::Empty : CellKind::Text;
      if (pos_ < text_.size() && text_[pos_] == delim_) {
        ++pos_;
        continue;
      }
      skip_line_end();
      return Result::kRecord;
    }
  }

  int error_line() const { return error_line_; }
  int error_column() const { return error_column_; }

 private:
  bool ends_field(char c) const { return c == delim_ || c == '\n' || c == '\r'; }

  // Appends up to the next delimiter or line end. A quote here is data (12" screen), as
  // Excel and LibreOffice read it too.
  void read_plain(std::string& out) {
    size_t start = pos_;
    while (pos_ < text_.size() && !ends_field(text_[pos_])) ++pos_;
    out.append(text_.substr(start, pos_ - start));
  }

  // pos_ is at the opening quote. Returns false when the text ends before the closing quote.
  bool read_quoted(std::string& out) {
    ++pos_;
    while (true) {
      size_t start = pos_;
      while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\n' &&
             text_[pos_] != '\r') {
        ++pos_;
      }
      out.append(text_.substr(start, pos_ - start));
      if (pos_ >= text_.size()) return false;
      char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          out += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      // A line break inside the field. Worksheet cells hold LF, so CRLF and CR become LF
      // and a cell reads the same whichever format the matrix came in.
      out += '\n';
      pos_ += (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ? 2 : 1;
      new_line();
    }
    if (pos_ < text_.size() && !ends_field(text_[pos_])) {
      if (diags_) {
        diags_->warning(Location{shown_, "", line_, column_at(pos_)}, "csv-quote",
                        "text after the closing quote of a quoted field; kept as part of the "
                        "field");
      }
      read_plain(out);
    }
    return true;
  }

  void skip_line_end() {
    if (pos_ >= text_.size()) return;
    pos_ += (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ? 2 : 1;
    new_line();
  }

  void new_line() {
    ++line_;
    column_pos_ = pos_;
    column_ = 1;
  }

  // Code-point column of `pos`, counted on from the last position asked about; positions
  // only move forward within a line.
  int column_at(size_t pos) {
    for (size_t i = column_pos_; i < pos; ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column_;
    }
    column_pos_ = pos;
    return column_;
  }

  std::string_view text_;
  char delim_;
  const std::string& shown_;
  Diagnostics* diags_;
  size_t pos_ = 0;
  int line_;
  size_t column_pos_ = 0;  // Byte offset whose column is column_.
  int column_ = 1;
  int error_line_ = 0;
  int error_column_ = 0;
};

bool is_blank(const std::vector<Cell>& cells) {
  for (const Cell& c : cells) {
    if (!c.text.empty()) return false;
  }
  return true;
}

// An Excel "sep=;" first line: returns the delimiter and the length of the line with its
// line end, or {0, 0} when there is none.
std::pair<char, size_t> sep_line(std::string_view text) {
  if (text.size() < 5) return {0, 0};
  std::string prefix(text.substr(0, 4));
  for (char& c : prefix) c = static_cast<char>(c | 0x20);
  char delim = text[4];
  if (prefix != "sep=" || delim == '"' || delim == '\r' || delim == '\n') return {0, 0};
  size_t end = 5;
  if (end < text.size()) {
    if (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') {
      end += 2;
    } else if (text[end] == '\r' || text[end] == '\n') {
      end += 1;
    } else {
      return {0, 0};
    }
  }
  return {delim, end};
}

// Picks the delimiter that splits the first records into the same number of fields (more
// than one) most often. Counting is quote-aware, so the commas in Swedish text inside a
// ';' file do not count. Ties go to the earlier candidate: ';' first because Swedish Excel
// writes it and commas in prose are more common than semicolons.
char detect_delimiter(std::string_view text, const std::string& shown) {
  constexpr std::array<char, 3> kCandidates = {';', ',', '\t'};
  char best = ',';
  size_t best_frequency = 0;
  size_t best_fields = 0;
  std::vector<Cell> cells;
  for (char delim : kCandidates) {
    Splitter splitter(text, delim, 1, shown, nullptr);
    std::vector<size_t> counts;
    int line = 0;
    while (counts.size() < kSampleRecords &&
           splitter.next(cells, line) == Splitter::Result::kRecord) {
      if (!is_blank(cells)) counts.push_back(cells.size());
    }
    size_t frequency = 0;
    size_t fields = 0;
    for (size_t candidate : counts) {
      size_t n = 0;
      for (size_t c : counts) n += c == candidate ? 1 : 0;
      if (n > frequency || (n == frequency && candidate > fields)) {
        frequency = n;
        fields = candidate;
      }
    }
    if (fields < 2) continue;
    if (frequency > best_frequency || (frequency == best_frequency && fields > best_fields)) {
      best = delim;
      best_frequency = frequency;
      best_fields = fields;
    }
  }
  return best;
}

}  // namespace

std::optional<Table> read_csv(const std::string& shown, std::string_view bytes,
                              Diagnostics& diags) {
  const Location whole_file{shown, "", 0, 0};
  if (const char* reason = not_text_reason(bytes)) {
    diags.error(whole_file, "csv-binary", reason, ExitCode::DataError);
    return std::nullopt;
  }
  if (starts_with(bytes, kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());

  std::string decoded;
  std::string_view text = bytes;
  size_t bad = 0;
  if (!is_valid_utf8(bytes, &bad)) {
    diags.warning(whole_file, "csv-encoding",
                  "file is not valid UTF-8 (first bad byte on line " +
                      std::to_string(line_of(bytes, bad)) + "); read as Windows-1252");
    decoded = cp1252_to_utf8(bytes);
    text = decoded;
  }

  int first_line = 1;
  auto [delim, sep_length] = sep_line(text);
  if (sep_length > 0) {
    text.remove_prefix(sep_length);
    first_line = 2;
  } else {
    delim = detect_delimiter(text, shown);
  }

  Table table;
  table.file = shown;
  bool too_large = false;
  Splitter splitter(text, delim, first_line, shown, &diags);
  std::vector<Cell> cells;
  int line = 0;
  while (true) {
    Splitter::Result result = splitter.next(cells, line);
    if (result == Splitter::Result::kEnd) break;
    if (result == Splitter::Result::kUnterminated) {
      diags.error(Location{shown, "", splitter.error_line(), splitter.error_column()},
                  "csv-unterminated-quote",
                  "quoted field is never closed: no closing '\"' before the end of the file",
                  ExitCode::DataError);
      return std::nullopt;
    }
    if (is_blank(cells)) continue;
    for (const Cell& cell : cells) {
      if (cell.text.size() <= kMaxCellChars) continue;
      size_t length = utf8_length(cell.text);
      if (length <= kMaxCellChars) continue;
      diags.error(table.at(cell), "cell-too-large",
                  "cell has " + std::to_string(length) +
                      " characters; a spreadsheet cell holds at most 32,767",
                  ExitCode::DataError);
      too_large = true;
    }
    const size_t width = cells.size();
    table.rows.push_back(Row{line, std::move(cells)});
    cells = {};
    cells.reserve(width);
  }
  if (too_large) return std::nullopt;
  return table;
}

}  // namespace tillit::ingest
