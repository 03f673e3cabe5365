#include "init/xlsx_writer.h"


#include <algorithm>
#include <charconv>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "support/location.h"
#include "support/text.h"
#include "support/zip_writer.h"

namespace tillit::init {

namespace {

constexpr std::string_view kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Style indices into cellXfs of styles.xml.
constexpr int kStyleWrap = 1;
constexpr int kStyleBoldWrap = 2;

constexpr size_t kMaxSheetNameChars = 31;

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Appends `s` escaped for XML text or a double-quoted attribute. CR is written as a
// character reference because a parser turns a literal CR into LF.
void append_escaped(std::string& out, std::string_view s) {
  while (!s.empty()) {
    size_t special = s.find_first_of("&<>\"\r");
    out.append(s.substr(0, special));
    if (special == std::string_view::npos) return;
    switch (s[special]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += "&#13;";
    }
    s.remove_prefix(special + 1);
  }
}

// Appends cell text for a shared string. Excel reads "_xHHHH_" in cell text as an escaped
// character, so a literal one gets its underscore escaped as "_x005F_".
void append_cell_text(std::string& out, std::string_view s) {
  size_t plain = 0;
  for (size_t i = 0; i + 6 < s.size(); ++i) {
    if (s[i] == '_' && s[i + 1] == 'x' && is_hex(s[i + 2]) && is_hex(s[i + 3]) &&
        is_hex(s[i + 4]) && is_hex(s[i + 5]) && s[i + 6] == '_') {
      append_escaped(out, s.substr(plain, i - plain));
      out += "_x005F_";
      plain = i + 1;
    }
  }
  append_escaped(out, s.substr(plain));
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The first `n` code points of UTF-8 text.
std::string_view utf8_prefix(std::string_view s, size_t n) {
  size_t i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == 0) break;
      --n;
    }
  }
  return s.substr(0, i);
}

// Makes a tab name Excel accepts (see SheetSpec::name), unique among `taken` (folded).
std::string sheet_name(const std::string& wanted, size_t index, std::set<std::string>& taken) {
  std::string name = strip_xml_forbidden(wanted);
  for (char& c : name) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  }
  name = std::string(utf8_prefix(name, kMaxSheetNameChars));
  if (!name.empty() && name.front() == '\'') name.front() = '_';
  if (!name.empty() && name.back() == '\'') name.back() = '_';
  if (name.empty()) name = "Sheet" + std::to_string(index + 1);
  std::string unique = name;
  for (int k = 2; taken.count(fold_case(unique)) > 0; ++k) {
    std::string suffix = " (" + std::to_string(k) + ")";
    unique = std::string(utf8_prefix(name, kMaxSheetNameChars - suffix.size())) + suffix;
  }
  taken.insert(fold_case(unique));
  return unique;
}

std::string cell_ref(int column, int row) { return column_letters(column) + std::to_string(row); }

// Shortest round-trip form, independent of the locale.
std::string format_width(double width) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, width);
  return std::string(buffer, result.ptr);
}

// Sheets run to a hundred thousand cells in benchmarks: append numbers without temporaries.
void append_number(std::string& out, int value) {
  char buffer[16];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

// Numbers the distinct cell texts in order of first use, as Excel's shared string table.
class SharedStrings {
 public:
  int index(std::string text) {
    ++references_;
    auto [it, inserted] = indices_.try_emplace(std::move(text), static_cast<int>(order_.size()));
    if (inserted) order_.push_back(&it->first);
    return it->second;
  }

  std::string xml() const {
    std::string out(kXmlDeclaration);
    out += "<sst xmlns=\"";
    out += kMainNs;
    out += "\" count=\"" + std::to_string(references_) + "\" uniqueCount=\"" +
           std::to_string(order_.size()) + "\">";
    for (const std::string* text : order_) {
      bool preserve = is_xml_space(text->front()) || is_xml_space(text->back());
      out += preserve ? "<si><t xml:space=\"preserve\">" : "<si><t>";
      append_cell_text(out, *text);
      out += "</t></si>";
    }
    out += "</sst>";
    return out;
  }

 private:
  // Node-based, so the keys order_ points at stay put as the map grows.
  std::unordered_map<std::string, int> indices_;
  std::vector<const std::string*> order_;
  size_t references_ = 0;
};

struct Sheet {
  const SheetSpec* spec;
  std::string name;
  bool hidden;
  int rows;     // Last row number (0 when the sheet is empty).
  int columns;  // Widest row, in cells.
};

std::string sheet_xml(const Sheet& sheet, bool selected, SharedStrings& strings) {
  const SheetSpec& spec = *sheet.spec;
  const bool header = spec.header_bold_frozen && sheet.rows > 0 && sheet.columns > 0;
  std::string out(kXmlDeclaration);
  out += "<worksheet xmlns=\"";
  out += kMainNs;
  out += "\" xmlns:r=\"";
  out += kRelNs;
  out += "\"><dimension ref=\"";
  out += sheet.rows > 0 && sheet.columns > 0 ? "A1:" + cell_ref(sheet.columns, sheet.rows)
                                             : std::string("A1");
  out += "\"/><sheetViews><sheetView";
  if (selected) out += " tabSelected=\"1\"";
  out += " workbookViewId=\"0\">";
  if (header) {
    out +=
        "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>";
  }
  out += "</sheetView></sheetViews>";

  bool any_width = false;
  for (size_t i = 0; i < spec.column_widths.size(); ++i) {
    if (spec.column_widths[i] <= 0) continue;
    if (!any_width) out += "<cols>";
    any_width = true;
    std::string n = std::to_string(i + 1);
    out += "<col min=\"" + n + "\" max=\"" + n + "\" width=\"" +
           format_width(spec.column_widths[i]) + "\" customWidth=\"1\"/>";
  }
  if (any_width) out += "</cols>";

  out += "<sheetData>";
  for (size_t r = 0; r < spec.rows.size(); ++r) {
    const int row = static_cast<int>(r) + 1;
    const int style = header && r == 0 ? kStyleBoldWrap : kStyleWrap;
    bool open = false;
    for (size_t c = 0; c < spec.rows[r].size(); ++c) {
      std::string text = strip_xml_forbidden(spec.rows[r][c]);
      if (text.empty()) continue;
      if (!open) {
        out += "<row r=\"";
        append_number(out, row);
        out += "\">";
        open = true;
      }
      out += "<c r=\"";
      out += column_letters(static_cast<int>(c) + 1);
      append_number(out, row);
      out += "\" s=\"";
      append_number(out, style);
      out += "\" t=\"s\"><v>";
      append_number(out, strings.index(std::move(text)));
      out += "</v></c>";
    }
    if (open) out += "</row>";
  }
  out += "</sheetData>";
  if (header) out += "<autoFilter ref=\"A1:" + cell_ref(sheet.columns, sheet.rows) + "\"/>";
  out += "</worksheet>";
  return out;
}

std::string content_types_xml(size_t sheet_count) {
  std::string out(kXmlDeclaration);
  out +=
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
  for (size_t i = 1; i <= sheet_count; ++i) {
    out += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i) +
           ".xml\" ContentType=\"application/"
           "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  }
  out +=
      "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
      "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
      "<Override PartName=\"/docProps/core.xml\" "
      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
      "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
      "</Types>";
  return out;
}

std::string package_rels_xml() {
  std::string out(kXmlDeclaration);
  out +=
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
      "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
      "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
      "</Relationships>";
  return out;
}

// No created/modified dates: they would make every run's bytes differ.
std::string core_xml() {
  std::string out(kXmlDeclaration);
  out +=
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
      "<dc:creator>Tillit</dc:creator></cp:coreProperties>";
  return out;
}

std::string app_xml() {
  std::string out(kXmlDeclaration);
  out +=
      "<Properties "
      "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
      "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
      "<Application>Tillit</Application></Properties>";
  return out;
}

std::string workbook_xml(const std::vector<Sheet>& sheets, size_t active) {
  std::string out(kXmlDeclaration);
  out += "<workbook xmlns=\"";
  out += kMainNs;
  out += "\" xmlns:r=\"";
  out += kRelNs;
  out += "\"><bookViews><workbookView activeTab=\"" + std::to_string(active) +
         "\"/></bookViews><sheets>";
  std::string filters;
  for (size_t i = 0; i < sheets.size(); ++i) {
    const Sheet& sheet = sheets[i];
    const std::string n = std::to_string(i + 1);
    out += "<sheet name=\"";
    append_escaped(out, sheet.name);
    out += "\" sheetId=\"" + n + "\"";
    if (sheet.hidden) out += " state=\"hidden\"";
    out += " r:id=\"rId" + n + "\"/>";
    // Excel keeps an autofilter's range as this hidden name too and repairs a file without it.
    if (sheet.spec->header_bold_frozen && sheet.rows > 0 && sheet.columns > 0) {
      std::string quoted = "'";
      for (char c : sheet.name) quoted += c == '\'' ? std::string("''") : std::string(1, c);
      quoted += "'!$A$1:$" + column_letters(sheet.columns) + "$" + std::to_string(sheet.rows);
      filters += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"" + std::to_string(i) +
                 "\" hidden=\"1\">";
      append_escaped(filters, quoted);
      filters += "</definedName>";
    }
  }
  out += "</sheets>";
  if (!filters.empty()) out += "<definedNames>" + filters + "</definedNames>";
  out += "</workbook>";
  return out;
}

std::string workbook_rels_xml(size_t sheet_count) {
  std::string out(kXmlDeclaration);
  out += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  const std::string type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  for (size_t i = 1; i <= sheet_count; ++i) {
    std::string n = std::to_string(i);
    out += "<Relationship Id=\"rId" + n + "\" Type=\"" + type +
           "worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
  }
  out += "<Relationship Id=\"rId" + std::to_string(sheet_count + 1) + "\" Type=\"" + type +
         "styles\" Target=\"styles.xml\"/>";
  out += "<Relationship Id=\"rId" + std::to_string(sheet_count + 2) + "\" Type=\"" + type +
         "sharedStrings\" Target=\"sharedStrings.xml\"/>";
  out += "</Relationships>";
  return out;
}

// cellXfs: 0 = default, kStyleWrap = wrap text, kStyleBoldWrap = bold with wrap text. Top
// alignment keeps short cells next to a tall wrapped one readable.
std::string styles_xml() {
  std::string out(kXmlDeclaration);
  out += "<styleSheet xmlns=\"";
  out += kMainNs;
  out +=
      "\"><fonts count=\"2\">"
      "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
      "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
      "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
      "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
      "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
      "</cellStyleXfs>"
      "<cellXfs count=\"3\">"
      "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
      "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
      "applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
      "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" "
      "applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
      "</cellXfs>"
      "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
      "</cellStyles></styleSheet>";
  return out;
}

// Level 1: several times faster than zlib's default on large sheets, for a file a third to a
// half larger.
std::string zip_parts(const std::vector<std::pair<std::string, std::string>>& parts) {
  std::vector<ZipEntry> entries;
  for (const auto& [name, data] : parts) entries.push_back({name, data});
  return write_zip(entries, 1);
}

}  // namespace

std::string write_xlsx(const std::vector<SheetSpec>& specs) {
  const SheetSpec fallback{"Sheet1", {}, false, {}, false};
  std::vector<Sheet> sheets;
  std::set<std::string> taken;
  for (size_t i = 0; i < specs.size(); ++i) {
    const SheetSpec& spec = specs[i];
    int columns = 0;
    for (const auto& row : spec.rows) columns = std::max(columns, static_cast<int>(row.size()));
    sheets.push_back(Sheet{&spec, sheet_name(spec.name, i, taken), spec.hidden,
                           static_cast<int>(spec.rows.size()), columns});
  }
  if (sheets.empty()) sheets.push_back(Sheet{&fallback, fallback.name, false, 0, 0});
  auto visible = std::find_if(sheets.begin(), sheets.end(), [](auto& s) { return !s.hidden; });
  if (visible == sheets.end()) {
    visible = sheets.begin();
    visible->hidden = false;
  }
  const auto active = static_cast<size_t>(visible - sheets.begin());

  // Sheets first: writing them fills the shared string table.
  SharedStrings strings;
  std::vector<std::string> sheet_parts;
  for (size_t i = 0; i < sheets.size(); ++i) {
    sheet_parts.push_back(sheet_xml(sheets[i], i == active, strings));
  }

  std::vector<std::pair<std::string, std::string>> parts;
  parts.emplace_back("[Content_Types].xml", content_types_xml(sheets.size()));
  parts.emplace_back("_rels/.rels", package_rels_xml());
  parts.emplace_back("docProps/core.xml", core_xml());
  parts.emplace_back("docProps/app.xml", app_xml());
  parts.emplace_back("xl/workbook.xml", workbook_xml(sheets, active));
  parts.emplace_back("xl/_rels/workbook.xml.rels", workbook_rels_xml(sheets.size()));
  parts.emplace_back("xl/styles.xml", styles_xml());
  parts.emplace_back("xl/sharedStrings.xml", strings.xml());
  for (size_t i = 0; i < sheet_parts.size(); ++i) {
    parts.emplace_back("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml",
                       std::move(sheet_parts[i]));
  }
  return zip_parts(parts);
}

}  // namespace tillit::init
