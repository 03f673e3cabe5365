#include "ingest/xlsx_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <pugixml.hpp>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "ingest/zip_reader.h"
#include "support/text.h"

namespace tillit::ingest {

namespace {

constexpr int kMaxRows = 1'048'576;
constexpr int kMaxColumns = 16'384;  // XFD

// Escapes and character references are decoded and CDATA is kept. A whitespace-only text
// survives when it is an element's only child (<t xml:space="preserve"> </t>), while the
// indentation between elements is never built, nor are comments or processing
// instructions. DOCTYPE nodes are built only so that they can be refused.
constexpr unsigned kParseFlags = pugi::parse_escapes | pugi::parse_eol | pugi::parse_cdata |
                                 pugi::parse_doctype | pugi::parse_ws_pcdata_single;

// ---------------------------------------------------------------------------------------
// XML. Elements match by local name, so prefixed writers ("x:row") and the Strict
// namespaces read like plain Transitional files.

bool is_local(const char* qname, const char* want) {
  if (std::strcmp(qname, want) == 0) return true;
  const char* colon = std::strrchr(qname, ':');
  return colon && std::strcmp(colon + 1, want) == 0;
}

bool is_element(pugi::xml_node n, const char* want) {
  return n.type() == pugi::node_element && is_local(n.name(), want);
}

pugi::xml_node child_element(pugi::xml_node parent, const char* want) {
  for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
    if (is_element(n, want)) return n;
  }
  return {};
}

// An attribute by local name under whatever prefix the writer bound ("r:id").
const char* attribute_local(pugi::xml_node n, const char* want) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (is_local(a.name(), want)) return a.value();
  }
  return "";
}

void append_text(std::string& out, pugi::xml_node t) {
  for (pugi::xml_node n = t.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) out += n.value();
  }
}

// The text of a shared string <si> or an inline <is>: a plain <t>, or the <t> of each
// rich-text run <r>. Phonetic runs (<rPh>, furigana) are not part of the value.
void append_rich_text(std::string& out, pugi::xml_node holder) {
  for (pugi::xml_node n = holder.first_child(); n; n = n.next_sibling()) {
    if (is_element(n, "t")) {
      append_text(out, n);
    } else if (is_element(n, "r")) {
      for (pugi::xml_node t = n.first_child(); t; t = t.next_sibling()) {
        if (is_element(t, "t")) append_text(out, t);
      }
    }
  }
}

// A value from the file, quoted for a message and cut short: attributes can be megabytes.
std::string excerpt(std::string_view value) {
  constexpr size_t kShown = 24;
  if (value.size() <= kShown) return "'" + std::string(value) + "'";
  size_t cut = kShown;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(value.substr(0, cut)) + "...'";
}

// Digits only; saturates at `cap` so that absurd values cannot overflow.
std::optional<int> parse_count(std::string_view s, int cap) {
  if (s.empty()) return std::nullopt;
  long long value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = std::min<long long>(value * 10 + (c - '0'), cap);
  }
  return static_cast<int>(value);
}

// ---------------------------------------------------------------------------------------
// Text.

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// One "_xHHHH_" escape at `i`.
bool escape_at(std::string_view s, size_t i, uint32_t* cp) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return false;
  uint32_t value = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    const int digit = hex_value(s[k]);
    if (digit < 0) return false;
    value = value * 16 + static_cast<uint32_t>(digit);
  }
  *cp = value;
  return true;
}

// Excel writes characters that XML cannot carry (and a few it could, like CR) as _xHHHH_.
// "_x005F_" is an escaped underscore, so decoding left to right turns "_x005F_x000D_" back
// into the literal text "_x000D_", as Excel does.
void decode_escapes(std::string& s) {
  if (s.find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    if (!escape_at(s, i, &cp)) {
      out += s[i++];
      continue;
    }
    i += 7;
    uint32_t low = 0;
    if (cp >= 0xD800 && cp <= 0xDBFF && escape_at(s, i, &low) && low >= 0xDC00 && low <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 7;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    append_utf8(out, cp);
  }
  s = std::move(out);
}

// Line breaks inside a cell become "\n" whether they were written as CRLF or a lone CR.
void normalise_breaks(std::string& s) {
  if (s.find('\r') == std::string::npos) return;
  size_t w = 0;
  for (size_t r = 0; r < s.size(); ++r) {
    if (s[r] == '\r') {
      s[w++] = '\n';
      if (r + 1 < s.size() && s[r + 1] == '\n') ++r;
    } else {
      s[w++] = s[r];
    }
  }
  s.resize(w);
}

void clean_text(std::string& s) {
  decode_escapes(s);
  normalise_breaks(s);
}

// ---------------------------------------------------------------------------------------
// Package (OPC) part names and relationships.

std::string directory_of(const std::string& part) {
  const size_t slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

// "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"; the package itself ("") -> "_rels/.rels".
std::string rels_part_of(const std::string& part) {
  const std::string dir = directory_of(part);
  return dir + "_rels/" + part.substr(dir.size()) + ".rels";
}

// A relationship target as a part name. Targets are relative to the source part's folder,
// or absolute ("/xl/worksheets/sheet1.xml", as some writers put them), and percent-encoded.
std::string resolve_target(const std::string& dir, std::string_view target) {
  std::string path;
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] == '%' && i + 2 < target.size() && hex_value(target[i + 1]) >= 0 &&
        hex_value(target[i + 2]) >= 0) {
      path += static_cast<char>(hex_value(target[i + 1]) * 16 + hex_value(target[i + 2]));
      i += 2;
    } else {
      path += target[i] == '\\' ? '/' : target[i];
    }
  }
  path = !path.empty() && path[0] == '/' ? path.substr(1) : dir + path;
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string_view segment(path.data() + start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string resolved;
  for (std::string_view segment : segments) {
    if (!resolved.empty()) resolved += '/';
    resolved += segment;
  }
  return resolved;
}

struct Relationship {
  std::string id;
  std::string type;
  std::string target;  ///< Resolved part name.
};

// Relationship types differ between Transitional (http://schemas.openxmlformats.org/...)
// and Strict (http://purl.oclc.org/ooxml/...) only before the last segment.
bool type_is(std::string_view type, std::string_view kind) {
  return type.size() > kind.size() && type.ends_with(kind) &&
         type[type.size() - kind.size() - 1] == '/';
}

const Relationship* find_type(const std::vector<Relationship>& rels, std::string_view kind) {
  for (const Relationship& r : rels) {
    if (type_is(r.type, kind)) return &r;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------
// Numbers and dates.

enum class DateStyle : uint8_t {
  None,      ///< Not a date format: the cell is a number.
  Date,      ///< YYYY-MM-DD
  DateTime,  ///< YYYY-MM-DD, plus " HH:MM" when there is a time of day
  Time,      ///< HH:MM of the day
  Elapsed,   ///< [h]:mm: hours counted past 24
};

DateStyle builtin_date_style(int id) {
  // ECMA-376 Part 1, 18.8.30, plus the East Asian ids Excel maps to local date formats.
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
      id == 57 || id == 58) {
    return DateStyle::Date;
  }
  if (id == 22) return DateStyle::DateTime;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || id == 45 || id == 47 || id == 55 ||
      id == 56) {
    return DateStyle::Time;
  }
  if (id == 46) return DateStyle::Elapsed;
  return DateStyle::None;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// Whether the next letter of a format code (within its section) is 's': "mm:ss" counts
// minutes, "mm/dd" months.
bool next_letter_is_s(std::string_view code, size_t from) {
  for (size_t i = from; i < code.size() && code[i] != ';'; ++i) {
    const auto c = static_cast<unsigned char>(code[i]);
    if (std::isalpha(c)) return std::tolower(c) == 's';
  }
  return false;
}

// Classify a custom number format by its date and time codes. Quoted text, escaped and
// padding characters (\x, _x, *x) and bracketed parts ([Red], [$-41D]) are not codes,
// except elapsed time ([h], [mm], [ss]). Only the first section formats positive numbers.
DateStyle classify_format(std::string_view code) {
  bool date = false, time = false, elapsed = false;
  char last = 0;  // the last code letter: "h:mm" counts minutes
  for (size_t i = 0; i < code.size(); ++i) {
    const auto c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    if (c == ';') break;
    if (c == '"') {
      const size_t end = code.find('"', i + 1);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const size_t end = code.find(']', i + 1);
      if (end == std::string_view::npos) break;
      const std::string_view inner = code.substr(i + 1, end - i - 1);
      if (!inner.empty() && inner.find_first_not_of("hHmMsS") == std::string_view::npos) {
        elapsed = true;
        last = static_cast<char>(std::tolower(static_cast<unsigned char>(inner.back())));
      }
      i = end;
    } else if (starts_with_nocase(code.substr(i), "am/pm")) {
      time = true;
      i += 4;
    } else if (starts_with_nocase(code.substr(i), "a/p")) {
      time = true;
      i += 2;
    } else if (c == 'y' || c == 'd') {
      date = true;
      last = c;
    } else if (c == 'h' || c == 's') {
      time = true;
      last = c;
    } else if (c == 'm') {
      size_t run = 1;
      while (i + run < code.size() &&
             std::tolower(static_cast<unsigned char>(code[i + run])) == 'm') {
        ++run;
      }
      const bool minutes = run <= 2 && (last == 'h' || next_letter_is_s(code, i + run));
      (minutes ? time : date) = true;
      last = 'm';
      i += run - 1;
    }
  }
  if (date) return time ? DateStyle::DateTime : DateStyle::Date;
  if (elapsed) return DateStyle::Elapsed;
  return time ? DateStyle::Time : DateStyle::None;
}

std::string civil_date(std::chrono::sys_days epoch, long long days) {
  const std::chrono::year_month_day ymd{epoch + std::chrono::days{days}};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string clock_text(long long hours, long long minutes) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld", hours, minutes);
  return buf;
}

// A serial date as Excel shows it. nullopt outside Excel's calendar (negative, or after
// 9999-12-31): such cells stay numbers.
std::optional<std::string> serial_text(double serial, DateStyle style, bool date1904) {
  using namespace std::chrono;
  const double end = date1904 ? 2957004.0 : 2958466.0;
  if (!(serial >= 0.0) || serial >= end) return std::nullopt;
  const long long seconds = std::llround(serial * 86400.0);
  const long long days = seconds / 86400;
  const long long of_day = seconds % 86400;
  if (style == DateStyle::Time) return clock_text(of_day / 3600, of_day % 3600 / 60);
  if (style == DateStyle::Elapsed) return clock_text(seconds / 3600, seconds % 3600 / 60);
  std::string text;
  if (date1904) {
    text = civil_date(sys_days{year{1904} / January / 1}, days);
  } else if (days == 0) {
    text = "1900-01-00";  // Excel's day zero, shown under a time of day
  } else if (days == 60) {
    text = "1900-02-29";  // Lotus 1-2-3's leap-year bug, kept by Excel: a day that never was
  } else {
    // Past the phantom 29 February every serial is one day ahead of the real calendar.
    text = civil_date(sys_days{year{1899} / December / (days < 60 ? 31 : 30)}, days);
  }
  if (style == DateStyle::DateTime && of_day != 0) {
    text += ' ';
    text += clock_text(of_day / 3600, of_day % 3600 / 60);
  }
  return text;
}

// An ISO 8601 date cell (t="d": "2024-03-01" or "2024-03-01T09:30:00Z") as Excel shows it.
std::optional<std::string> iso_text(std::string_view v, DateStyle style) {
  auto digits = [&](size_t from, size_t n) {
    if (from + n > v.size()) return false;
    for (size_t i = from; i < from + n; ++i) {
      if (v[i] < '0' || v[i] > '9') return false;
    }
    return true;
  };
  auto number = [&](size_t from) { return (v[from] - '0') * 10 + (v[from + 1] - '0'); };
  if (!digits(0, 4) || v.size() < 10 || v[4] != '-' || !digits(5, 2) || v[7] != '-' ||
      !digits(8, 2)) {
    return std::nullopt;
  }
  int hours = 0, minutes = 0, seconds = 0;
  if (v.size() >= 16 && (v[10] == 'T' || v[10] == ' ') && digits(11, 2) && v[13] == ':' &&
      digits(14, 2)) {
    hours = number(11);
    minutes = number(14);
    if (v.size() >= 19 && v[16] == ':' && digits(17, 2)) seconds = number(17);
  }
  if (style == DateStyle::Time || style == DateStyle::Elapsed) return clock_text(hours, minutes);
  std::string text(v.substr(0, 10));
  if (style != DateStyle::Date && (hours || minutes || seconds)) {
    text += ' ';
    text += clock_text(hours, minutes);
  }
  return text;
}

// Integers without ".0"; anything else in the shortest form that reads back to the same
// double (0.1 -> "0.1"), which is what the cell holds rather than what its format shows.
void number_text(double v, std::string& out) {
  char buf[64];
  std::to_chars_result done;
  if (v == std::trunc(v) && std::fabs(v) < 1e15) {
    done = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
  } else {
    done = std::to_chars(buf, buf + sizeof buf, v);
  }
  out.assign(buf, done.ptr);
}

// ---------------------------------------------------------------------------------------
// Parts.

// A part parsed in place: the document's strings point into `text`, so both live together.
struct XmlPart {
  std::string text;
  pugi::xml_document doc;
};

// Reads and parses one part. A missing or unreadable part, malformed XML and any DOCTYPE
// (which can define entities that expand without bound) are errors.
bool load_part(const ZipReader& zip, const std::string& name, XmlPart& part, Diagnostics& diags) {
  const Location where{zip.file()};
  std::optional<std::string> bytes = zip.read(name, diags);
  if (!bytes) {
    if (!zip.contains(name)) {
      diags.error(where, "corrupt-xlsx", "the workbook has no part " + name, ExitCode::DataError);
    }
    return false;
  }
  part.text = std::move(*bytes);
  const pugi::xml_parse_result result = part.doc.load_buffer_inplace(
      part.text.data(), part.text.size(), kParseFlags, pugi::encoding_auto);
  if (!result) {
    // In-place parsing has rewritten the buffer, so count lines in a fresh copy (after
    // letting go of the first, which may be large).
    part.doc.reset();
    std::string().swap(part.text);
    std::string line;
    if (std::optional<std::string> again = zip.read(name, diags)) {
      line = " at line " +
             std::to_string(line_column_at(*again, static_cast<size_t>(result.offset)).line);
    }
    std::string what = result.description();
    if (!what.empty())
      what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    diags.error(where, "malformed-xml", "malformed XML in " + name + line + ": " + what,
                ExitCode::DataError);
    return false;
  }
  for (pugi::xml_node n = part.doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) {
      diags.error(where, "xml-doctype",
                  name +
                      " has a DOCTYPE declaration, which no spreadsheet program writes; it "
                      "is refused because its entities could expand without bound",
                  ExitCode::DataError);
      return false;
    }
  }
  return true;
}

// The relationships of `part` ("" for the package). A missing .rels part is no error: the
// caller falls back to the conventional part names.
bool load_relationships(const ZipReader& zip, const std::string& part,
                        std::vector<Relationship>& out, Diagnostics& diags) {
  const std::string name = rels_part_of(part);
  if (!zip.contains(name)) return true;
  XmlPart xml;
  if (!load_part(zip, name, xml, diags)) return false;
  const std::string dir = directory_of(part);
  for (pugi::xml_node n : xml.doc.document_element().children()) {
    if (!is_element(n, "Relationship")) continue;
    if (std::strcmp(n.attribute("TargetMode").value(), "External") == 0) continue;
    out.push_back({n.attribute("Id").value(), n.attribute("Type").value(),
                   resolve_target(dir, n.attribute("Target").value())});
  }
  return true;
}

// What cell values need from the rest of the workbook.
struct BookData {
  std::string strings;                               ///< Shared strings, back to back.
  std::vector<std::pair<size_t, size_t>> string_at;  ///< Offset and length of each.
  std::vector<DateStyle> styles;                     ///< By cellXfs index (a cell's s).
  bool date1904 = false;

  std::string_view shared(size_t i) const {
    return std::string_view(strings).substr(string_at[i].first, string_at[i].second);
  }
  DateStyle style(size_t xf) const { return xf < styles.size() ? styles[xf] : DateStyle::None; }
};

bool load_shared_strings(const ZipReader& zip, const std::string& name, BookData& book,
                         Diagnostics& diags) {
  XmlPart xml;
  if (!load_part(zip, name, xml, diags)) return false;
  std::string text;
  for (pugi::xml_node si : xml.doc.document_element().children()) {
    if (!is_element(si, "si")) continue;
    text.clear();
    append_rich_text(text, si);
    clean_text(text);
    book.string_at.emplace_back(book.strings.size(), text.size());
    book.strings += text;
  }
  return true;
}

bool load_styles(const ZipReader& zip, const std::string& name, BookData& book,
                 Diagnostics& diags) {
  XmlPart xml;
  if (!load_part(zip, name, xml, diags)) return false;
  const pugi::xml_node root = xml.doc.document_element();
  // A custom format may also redefine a built-in id, so custom codes take precedence.
  std::unordered_map<int, DateStyle> custom;
  for (pugi::xml_node f : child_element(root, "numFmts").children()) {
    if (!is_element(f, "numFmt")) continue;
    if (auto id = parse_count(f.attribute("numFmtId").value(), 1 << 20)) {
      custom[*id] = classify_format(f.attribute("formatCode").value());
    }
  }
  for (pugi::xml_node xf : child_element(root, "cellXfs").children()) {
    if (!is_element(xf, "xf")) continue;
    const int id = parse_count(xf.attribute("numFmtId").value(), 1 << 20).value_or(0);
    const auto it = custom.find(id);
    book.styles.push_back(it != custom.end() ? it->second : builtin_date_style(id));
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// Worksheets.

// "C14" -> column 3, row 14; either part may be missing in the wild. Values saturate just
// past Excel's limits, so "ZZZZZZ1" is reported as out of range rather than overflowing.
struct CellRef {
  int column = 0;
  int row = 0;
  bool valid = false;
};

CellRef parse_ref(std::string_view s) {
  CellRef ref;
  size_t i = 0;
  for (; i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])); ++i) {
    const int letter = std::toupper(static_cast<unsigned char>(s[i])) - 'A' + 1;
    ref.column = std::min(ref.column * 26 + letter, kMaxColumns + 1);
  }
  const size_t letters = i;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    ref.row = std::min(ref.row * 10 + (s[i] - '0'), kMaxRows + 1);
  }
  // "A0" names no row: keep it apart from a reference that simply has no row part.
  ref.valid = i == s.size() && i > 0 && (i == letters || ref.row > 0);
  return ref;
}

class SheetBuilder {
 public:
  SheetBuilder(const BookData& book, Table& table, Diagnostics& diags)
      : book_(book), table_(table), diags_(diags) {}

  bool read(pugi::xml_node worksheet) {
    int previous = 0;
    for (pugi::xml_node row : child_element(worksheet, "sheetData").children()) {
      if (is_element(row, "row") && !read_row(row, previous)) return false;
    }
    if (!sorted_) merge_duplicate_rows();
    if (!fill_merges(child_element(worksheet, "mergeCells"))) return false;
    for (Row& row : table_.rows) {
      for (size_t i = 0; i < row.cells.size(); ++i) {
        row.cells[i].line = row.line;
        row.cells[i].column = static_cast<int>(i + 1);
      }
    }
    return true;
  }

 private:
  Location at(int line, int column) const {
    return Location{table_.file, table_.sheet, line, column};
  }

  bool error(const Location& where, const char* rule, std::string message) {
    diags_.error(where, rule, std::move(message), ExitCode::DataError);
    return false;
  }

  bool out_of_range(int line, int column) {
    return error(at(line, column), "cell-out-of-range",
                 "cell " + column_letters(column) + std::to_string(line) +
                     " is outside the worksheet (columns A to XFD, rows 1 to 1048576)");
  }

  bool read_row(pugi::xml_node row_node, int& previous) {
    int line = previous + 1;
    if (const char* r = row_node.attribute("r").value(); *r) {
      const std::optional<int> n = parse_count(r, kMaxRows + 1);
      if (!n || *n == 0) {
        return error(at(previous + 1, 0), "corrupt-xlsx",
                     "row number " + excerpt(r) + " is not valid");
      }
      line = *n;
    } else if (const pugi::xml_node c = child_element(row_node, "c")) {
      // Writers that leave out row numbers may still number their cells.
      const CellRef ref = parse_ref(c.attribute("r").value());
      if (ref.valid && ref.row > 0) line = ref.row;
    }
    if (line > kMaxRows) return out_of_range(line, 1);
    previous = line;

    Row row{line, {}};
    // Rows tend to be as wide as the one before: one allocation per row, not several.
    row.cells.reserve(std::min<size_t>(width_hint_, 256));
    int column = 0;
    for (pugi::xml_node c : row_node.children()) {
      if (!is_element(c, "c")) continue;
      const char* ref = "";
      std::string_view type;
      size_t style = 0;
      for (pugi::xml_attribute a = c.first_attribute(); a; a = a.next_attribute()) {
        const char* name = a.name();
        if (name[0] == 0 || name[1] != 0) continue;
        switch (name[0]) {
          case 'r':
            ref = a.value();
            break;
          case 't':
            type = a.value();
            break;
          case 's':
            style = static_cast<size_t>(parse_count(a.value(), 1 << 20).value_or(0));
            break;
          default:
            break;
        }
      }
      if (*ref) {
        const CellRef parsed = parse_ref(ref);
        if (!parsed.valid) {
          return error(at(line, 0), "corrupt-xlsx",
                       "cell reference " + excerpt(ref) + " is not valid");
        }
        column = parsed.column > 0 ? parsed.column : column + 1;
        if (parsed.row > kMaxRows) return out_of_range(parsed.row, column);
      } else {
        ++column;
      }
      if (column > kMaxColumns) return out_of_range(line, column);
      Cell cell;
      if (!value(c, type, style, cell, line, column)) return false;
      if (!cell.text.empty() && !place(row, column, std::move(cell))) return false;
    }
    if (row.cells.empty()) return true;
    width_hint_ = row.cells.size();
    if (!table_.rows.empty() && line <= table_.rows.back().line) sorted_ = false;
    table_.rows.push_back(std::move(row));
    return true;
  }

  bool value(pugi::xml_node c, std::string_view type, size_t style, Cell& out, int line,
             int column) {
    pugi::xml_node v, inline_string;
    for (pugi::xml_node n = c.first_child(); n; n = n.next_sibling()) {
      if (n.type() != pugi::node_element) continue;
      if (is_local(n.name(), "v")) v = n;
      if (is_local(n.name(), "is")) inline_string = n;
    }
    // "" when there is no <v>, e.g. a formula that was never calculated.
    const std::string_view raw = v.child_value();
    if (type == "s") {
      if (raw.empty()) return true;
      const std::optional<int> index = parse_count(raw, INT32_MAX);
      if (!index || static_cast<size_t>(*index) >= book_.string_at.size()) {
        return error(at(line, column), "corrupt-xlsx",
                     "the cell refers to shared string " + excerpt(raw) +
                         ", but the workbook has " + std::to_string(book_.string_at.size()));
      }
      out.text.assign(book_.shared(static_cast<size_t>(*index)));
      out.kind = CellKind::Text;
    } else if (type == "inlineStr" || type == "str") {
      if (inline_string) {
        append_rich_text(out.text, inline_string);
      } else {
        out.text.assign(raw);
      }
      clean_text(out.text);
      out.kind = CellKind::Text;
    } else if (type == "b") {
      if (raw.empty()) return true;
      out.text = raw == "0" || raw == "false" ? "FALSE" : "TRUE";
      out.kind = CellKind::Boolean;
    } else if (type == "e") {
      out.text.assign(raw);
      out.kind = CellKind::Error;
    } else if (type == "d") {
      if (std::optional<std::string> text = iso_text(raw, book_.style(style))) {
        out.text = std::move(*text);
        out.kind = CellKind::Date;
      } else {
        out.text.assign(raw);
        out.kind = CellKind::Text;
      }
    } else {
      number(raw, style, out);
    }
    if (out.text.size() > kMaxCellChars) {
      const size_t chars = utf8_length(out.text);
      if (chars > kMaxCellChars) {
        return error(at(line, column), "cell-too-large",
                     "the cell has " + std::to_string(chars) + " characters, more than the " +
                         std::to_string(kMaxCellChars) + " a cell can hold");
      }
    }
    return true;
  }

  // t="n" (or no type): a number, or a date when the cell's format is a date format.
  void number(std::string_view raw, size_t style, Cell& out) const {
    while (!raw.empty() && raw.front() == ' ') raw.remove_prefix(1);
    while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
    if (raw.empty()) return;
    double v = 0;
    const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
    if (ec != std::errc() || end != raw.data() + raw.size() || !std::isfinite(v)) {
      out.text.assign(raw);  // not a number after all: keep what the file says
      out.kind = CellKind::Text;
      return;
    }
    if (const DateStyle date = book_.style(style); date != DateStyle::None) {
      if (std::optional<std::string> text = serial_text(v, date, book_.date1904)) {
        out.text = std::move(*text);
        out.kind = CellKind::Date;
        return;
      }
    }
    number_text(v, out.text);
    out.kind = CellKind::Number;
  }

  bool too_large() {
    return error(Location{table_.file}, "sheet-too-large",
                 "sheet " + table_.sheet + " is too large to read: more than " +
                     std::to_string(kMaxSheetCells) + " cells or " +
                     std::to_string(kMaxSheetTextBytes >> 20) + " MiB of text");
  }

  // Pads the row with blank cells up to `width`, within the cell budget.
  bool widen(Row& row, size_t width) {
    if (row.cells.size() >= width) return true;
    cells_ += width - row.cells.size();
    if (cells_ > kMaxSheetCells) return too_large();
    row.cells.resize(width);
    return true;
  }

  // Puts a non-empty value at `column`, within the sheet's budgets. Overwriting a value
  // counts as one more cell: otherwise a thousand copies of one large merged range would
  // refill it a thousand times.
  bool place(Row& row, int column, Cell&& cell) {
    const auto index = static_cast<size_t>(column - 1);
    if (!widen(row, index + 1)) return false;
    Cell& target = row.cells[index];
    if (!target.text.empty()) ++cells_;
    text_bytes_ += cell.text.size();
    if (cells_ > kMaxSheetCells || text_bytes_ > kMaxSheetTextBytes) return too_large();
    target = std::move(cell);
    return true;
  }

  // Rows came out of order or twice: sort them, and let a later row's values win.
  void merge_duplicate_rows() {
    std::stable_sort(table_.rows.begin(), table_.rows.end(),
                     [](const Row& a, const Row& b) { return a.line < b.line; });
    std::vector<Row> merged;
    merged.reserve(table_.rows.size());
    for (Row& row : table_.rows) {
      if (merged.empty() || merged.back().line != row.line) {
        merged.push_back(std::move(row));
        continue;
      }
      std::vector<Cell>& into = merged.back().cells;
      if (into.size() < row.cells.size()) into.resize(row.cells.size());
      for (size_t i = 0; i < row.cells.size(); ++i) {
        if (!row.cells[i].text.empty()) into[i] = std::move(row.cells[i]);
      }
    }
    table_.rows = std::move(merged);
  }

  // Copies each merged range's top-left value into the rest of the range. Ranges are cut
  // to the rows and columns that hold values, so a merge of whole columns stays small.
  bool fill_merges(pugi::xml_node merges) {
    if (!merges || table_.rows.empty()) return true;
    const int last_line = table_.rows.back().line;
    size_t width = 0;
    std::map<int, size_t> by_line;
    for (size_t i = 0; i < table_.rows.size(); ++i) {
      width = std::max(width, table_.rows[i].cells.size());
      by_line.emplace(table_.rows[i].line, i);
    }
    bool added = false;
    for (pugi::xml_node m : merges.children()) {
      if (!is_element(m, "mergeCell")) continue;
      const std::string_view ref = m.attribute("ref").value();
      const size_t colon = ref.find(':');
      if (colon == std::string_view::npos) continue;  // one cell: nothing to fill
      const CellRef a = parse_ref(ref.substr(0, colon));
      const CellRef b = parse_ref(ref.substr(colon + 1));
      if (!a.valid || !b.valid || a.column < 1 || b.column < 1 || a.row < 1 || b.row < 1) {
        continue;
      }
      const int top = std::min(a.row, b.row), left = std::min(a.column, b.column);
      const int bottom = std::min(std::max(a.row, b.row), last_line);
      const int right = std::min(std::max(a.column, b.column), static_cast<int>(width));
      const auto anchor = by_line.find(top);
      if (right < left || anchor == by_line.end()) continue;
      const std::vector<Cell>& anchor_cells = table_.rows[anchor->second].cells;
      if (static_cast<size_t>(left) > anchor_cells.size()) continue;
      const Cell value = anchor_cells[static_cast<size_t>(left - 1)];
      if (value.text.empty()) continue;
      for (int line = top; line <= bottom; ++line) {
        const auto [it, inserted] = by_line.try_emplace(line, table_.rows.size());
        if (inserted) {
          table_.rows.push_back(Row{line, {}});
          added = true;
        }
        // One allocation for the row, not one per doubling as the fill walks right.
        if (!widen(table_.rows[it->second], static_cast<size_t>(right))) return false;
        for (int column = left; column <= right; ++column) {
          if (line == top && column == left) continue;
          if (!place(table_.rows[it->second], column, Cell{value.text, value.kind, 0, 0})) {
            return false;
          }
        }
      }
    }
    if (added) {
      std::sort(table_.rows.begin(), table_.rows.end(),
                [](const Row& x, const Row& y) { return x.line < y.line; });
    }
    return true;
  }

  const BookData& book_;
  Table& table_;
  Diagnostics& diags_;
  size_t cells_ = 0;
  size_t text_bytes_ = 0;
  size_t width_hint_ = 0;
  bool sorted_ = true;
};

}  // namespace

// ---------------------------------------------------------------------------------------
// Workbook.

struct Workbook::Impl {
  explicit Impl(ZipReader z) : zip(std::move(z)) {}

  bool load(Diagnostics& diags);

  ZipReader zip;
  std::vector<SheetInfo> sheets;
  std::vector<std::string> sheet_parts;
  BookData book;
};

bool Workbook::Impl::load(Diagnostics& diags) {
  const Location where{zip.file()};
  auto fail = [&](const char* rule, std::string message) {
    diags.error(where, rule, std::move(message), ExitCode::DataError);
    return false;
  };

  std::vector<Relationship> package_rels;
  if (!load_relationships(zip, "", package_rels, diags)) return false;
  std::string book_part;
  if (const Relationship* main = find_type(package_rels, "officeDocument");
      main && zip.contains(main->target)) {
    book_part = main->target;
  } else if (zip.contains("xl/workbook.xml")) {
    book_part = "xl/workbook.xml";
  } else {
    return fail("not-xlsx",
                "the file is a zip archive but not an XLSX workbook: it has no "
                "workbook part");
  }

  XmlPart xml;
  if (!load_part(zip, book_part, xml, diags)) return false;
  const pugi::xml_node root = xml.doc.document_element();
  if (!is_element(root, "workbook")) {
    const std::string kind = is_element(root, "document")       ? "a Word document (.docx)"
                             : is_element(root, "presentation") ? "a PowerPoint file (.pptx)"
                                                                : "not a workbook";
    return fail("not-xlsx", "the file is " + kind + ", not an Excel workbook (.xlsx)");
  }
  const std::string_view date1904 = child_element(root, "workbookPr").attribute("date1904").value();
  book.date1904 = date1904 == "1" || date1904 == "true";

  std::vector<Relationship> rels;
  if (!load_relationships(zip, book_part, rels, diags)) return false;
  const std::string dir = directory_of(book_part);
  int position = 0;
  for (pugi::xml_node sheet : child_element(root, "sheets").children()) {
    if (!is_element(sheet, "sheet")) continue;
    ++position;
    const std::string name = sheet.attribute("name").value();
    const std::string id = attribute_local(sheet, "id");
    const auto rel =
        std::find_if(rels.begin(), rels.end(), [&](const Relationship& r) { return r.id == id; });
    std::string part;
    if (rel != rels.end()) {
      if (!type_is(rel->type, "worksheet")) continue;  // chart and dialog sheets hold no cells
      part = rel->target;
    } else {
      part = dir + "worksheets/sheet" + std::to_string(position) + ".xml";
    }
    if (!zip.contains(part)) {
      return fail("corrupt-xlsx",
                  "the workbook lists sheet " + name + ", but its part " + part + " is missing");
    }
    const std::string_view state = sheet.attribute("state").value();
    sheets.push_back({name, state == "hidden" || state == "veryHidden"});
    sheet_parts.push_back(std::move(part));
  }
  if (sheets.empty()) return fail("corrupt-xlsx", "the workbook has no worksheets");

  // Shared strings and styles are optional parts (openpyxl writes no shared strings).
  auto optional_part = [&](std::string_view kind, const char* fallback) {
    const Relationship* r = find_type(rels, kind);
    const std::string part = r ? r->target : dir + fallback;
    return zip.contains(part) ? part : std::string();
  };
  const std::string strings_part = optional_part("sharedStrings", "sharedStrings.xml");
  if (!strings_part.empty() && !load_shared_strings(zip, strings_part, book, diags)) {
    return false;
  }
  const std::string styles_part = optional_part("styles", "styles.xml");
  return styles_part.empty() || load_styles(zip, styles_part, book, diags);
}

Workbook::Workbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Workbook::Workbook(Workbook&&) noexcept = default;
Workbook& Workbook::operator=(Workbook&&) noexcept = default;
Workbook::~Workbook() = default;

std::optional<Workbook> Workbook::open(const std::string& shown, std::string bytes,
                                       Diagnostics& diags) {
  const Location where{shown};
  constexpr std::string_view kOleMagic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  if (bytes.empty()) {
    diags.error(where, "not-xlsx", "the file is empty, not an XLSX workbook", ExitCode::DataError);
    return std::nullopt;
  }
  if (bytes.starts_with(kOleMagic)) {
    diags.error(where, "ole-file",
                "the file is a legacy .xls workbook or a password-protected workbook, which "
                "Tillit cannot read; open it in Excel and save it as .xlsx without a password",
                ExitCode::DataError);
    return std::nullopt;
  }
  if (!bytes.starts_with("PK")) {
    diags.error(where, "not-xlsx",
                "the file is not an XLSX workbook (it is not a zip archive); open it in Excel "
                "and save it as .xlsx",
                ExitCode::DataError);
    return std::nullopt;
  }
  std::optional<ZipReader> zip = ZipReader::open(shown, std::move(bytes), diags);
  if (!zip) return std::nullopt;
  auto impl = std::make_unique<Impl>(std::move(*zip));
  if (!impl->load(diags)) return std::nullopt;
  return Workbook(std::move(impl));
}

const std::string& Workbook::file() const { return impl_->zip.file(); }

const std::vector<SheetInfo>& Workbook::sheets() const { return impl_->sheets; }

std::optional<size_t> Workbook::find_sheet(const std::vector<std::string>& names) const {
  std::vector<std::string> keys;
  for (const std::string& name : names) {
    if (std::string key = alnum_key(name); !key.empty()) keys.push_back(std::move(key));
  }
  std::optional<size_t> hidden;
  for (size_t i = 0; i < impl_->sheets.size(); ++i) {
    const std::string key = alnum_key(impl_->sheets[i].name);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
    if (!impl_->sheets[i].hidden) return i;
    if (!hidden) hidden = i;
  }
  return hidden;
}

size_t Workbook::first_visible_sheet() const {
  for (size_t i = 0; i < impl_->sheets.size(); ++i) {
    if (!impl_->sheets[i].hidden) return i;
  }
  return 0;
}

std::optional<Table> Workbook::read(size_t sheet, Diagnostics& diags) const {
  XmlPart xml;
  if (!load_part(impl_->zip, impl_->sheet_parts.at(sheet), xml, diags)) return std::nullopt;
  Table table;
  table.file = impl_->zip.file();
  table.sheet = impl_->sheets[sheet].name;
  SheetBuilder builder(impl_->book, table, diags);
  if (!builder.read(xml.doc.document_element())) return std::nullopt;
  return table;
}

}  // namespace tillit::ingest
