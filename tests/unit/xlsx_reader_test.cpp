#include "ingest/xlsx_reader.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "zip_builder.h"

using namespace tillit;
using namespace tillit::ingest;
using tillit::test::build_zip;
using tillit::test::ZipEntries;

namespace {

using Texts = std::vector<std::vector<std::string>>;

constexpr const char* kDeclaration = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";
constexpr const char* kMain =
    R"(xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")";
constexpr const char* kRelationshipsNs =
    R"(xmlns="http://schemas.openxmlformats.org/package/2006/relationships")";
constexpr const char* kRelType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

struct SheetSpec {
  std::string name;
  std::string xml;  ///< The whole worksheet part.
  std::string state;
};

struct Book {
  std::vector<SheetSpec> sheets;
  std::string shared;  ///< The whole sharedStrings.xml part; empty for none.
  std::string styles;  ///< The whole styles.xml part; empty for none.
  std::string workbook_pr;
};

// A worksheet part: `rows` go inside <sheetData>, `after` after it (<mergeCells> ...).
std::string worksheet(const std::string& rows, const std::string& after = "") {
  return std::string(kDeclaration) + "<worksheet " + kMain + "><sheetData>" + rows +
         "</sheetData>" + after + "</worksheet>";
}

// A sharedStrings part; each item is the inside of one <si>.
std::string shared_strings(const std::vector<std::string>& items) {
  std::string xml = std::string(kDeclaration) + "<sst " + kMain + ">";
  for (const std::string& item : items) xml += "<si>" + item + "</si>";
  return xml + "</sst>";
}

std::string relationship(const std::string& id, const std::string& type,
                         const std::string& target) {
  return "<Relationship Id=\"" + id + "\" Type=\"" + kRelType + type + "\" Target=\"" + target +
         "\"/>";
}

// The parts Excel writes, as a (name, content) list a test can still edit.
ZipEntries parts(const Book& book) {
  ZipEntries entries;
  entries.emplace_back(
      "[Content_Types].xml",
      std::string(kDeclaration) +
          R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
          R"(<Default Extension="xml" ContentType="application/xml"/></Types>)");
  entries.emplace_back("_rels/.rels",
                       std::string(kDeclaration) + "<Relationships " + kRelationshipsNs + ">" +
                           relationship("rId1", "officeDocument", "xl/workbook.xml") +
                           "</Relationships>");
  std::string workbook =
      std::string(kDeclaration) + "<workbook " + kMain +
      R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)" +
      book.workbook_pr + "<sheets>";
  std::string rels = std::string(kDeclaration) + "<Relationships " + kRelationshipsNs + ">";
  for (size_t i = 0; i < book.sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    const SheetSpec& sheet = book.sheets[i];
    workbook += "<sheet name=\"" + sheet.name + "\" sheetId=\"" + n + "\"" +
                (sheet.state.empty() ? "" : " state=\"" + sheet.state + "\"") + " r:id=\"rId" + n +
                "\"/>";
    rels += relationship("rId" + n, "worksheet", "worksheets/sheet" + n + ".xml");
    entries.emplace_back("xl/worksheets/sheet" + n + ".xml", sheet.xml);
  }
  if (!book.shared.empty()) {
    rels += relationship("rId100", "sharedStrings", "sharedStrings.xml");
    entries.emplace_back("xl/sharedStrings.xml", book.shared);
  }
  if (!book.styles.empty()) {
    rels += relationship("rId101", "styles", "styles.xml");
    entries.emplace_back("xl/styles.xml", book.styles);
  }
  entries.emplace_back("xl/workbook.xml", workbook + "</sheets></workbook>");
  entries.emplace_back("xl/_rels/workbook.xml.rels", rels + "</Relationships>");
  return entries;
}

std::string xlsx(const Book& book) { return build_zip(parts(book)); }

// A workbook with one sheet, "Controls".
std::string one_sheet(const std::string& sheet_xml, const std::string& shared = "",
                      const std::string& styles = "") {
  return xlsx(Book{{{"Controls", sheet_xml, ""}}, shared, styles, ""});
}

std::optional<Table> read_first(const std::string& bytes, Diagnostics& diags) {
  std::optional<Workbook> book = Workbook::open("controls.xlsx", bytes, diags);
  if (!book) return std::nullopt;
  return book->read(0, diags);
}

Texts texts(const Table& table) {
  Texts out;
  for (const Row& row : table.rows) {
    std::vector<std::string> cells;
    for (const Cell& cell : row.cells) cells.push_back(cell.text);
    out.push_back(cells);
  }
  return out;
}

std::vector<int> row_lines(const Table& table) {
  std::vector<int> lines;
  for (const Row& row : table.rows) lines.push_back(row.line);
  return lines;
}

std::vector<CellKind> kinds(const Row& row) {
  std::vector<CellKind> out;
  for (const Cell& cell : row.cells) out.push_back(cell.kind);
  return out;
}

std::string only_message(const Diagnostics& diags) {
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.exit_code() == ExitCode::DataError);
  return format_human(diags.all()[0]);
}

// The message of a workbook that fails to open, or to read its first sheet.
std::string failure(const std::string& bytes) {
  Diagnostics diags;
  CHECK_FALSE(read_first(bytes, diags));
  return only_message(diags);
}

std::string inline_cell(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(TILLIT_FIXTURES) + "/xlsx/" + name, std::ios::binary);
  REQUIRE(in);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Short names for rows of kinds; O is an empty cell.
constexpr CellKind T = CellKind::Text, N = CellKind::Number, D = CellKind::Date,
                   B = CellKind::Boolean, E = CellKind::Error, O = CellKind::Empty;

}  // namespace

TEST_CASE("XLSX: shared strings, rich text, merged ranges and a title above the headers",
          "[xlsx]") {
  const std::string shared = shared_strings({
      "<t>Kontrollmatris FY2025</t>",
      "<t>Ref</t>",
      "<r><t>Kontroll</t></r><r><rPr><b/></rPr><t>beskrivning</t></r>",
      R"(<t>Ägare</t><rPh sb="0" eb="1"><t>エ</t></rPh><phoneticPr fontId="1"/>)",
      "<t>CC1.1</t>",
      R"(<t xml:space="preserve">  Åtkomst granskas  </t>)",
      "<t>IT-chef</t>",
      "<t>Behörigheter tas bort</t>",
      "<t/>",
      "<t>CC2.1</t>",
  });
  const std::string sheet =
      worksheet(R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/><c r="C1" s="1"/></row>)"
                R"(<row r="2"/>)"
                R"(<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c>)"
                R"(<c r="C3" t="s"><v>3</v></c></row>)"
                R"(<row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4" t="s"><v>5</v></c>)"
                R"(<c r="C4" t="s"><v>6</v></c></row>)"
                R"(<row r="5"><c r="A5" s="1"/><c r="B5" t="s"><v>7</v></c>)"
                R"(<c r="C5" t="s"><v>8</v></c></row>)"
                R"(<row r="7"><c r="A7" t="s"><v>9</v></c><c r="B7" t="s"><v>8</v></c></row>)",
                R"(<mergeCells count="4"><mergeCell ref="A1:C1"/><mergeCell ref="A4:A5"/>)"
                R"(<mergeCell ref="C4:C6"/><mergeCell ref="D1:D9"/></mergeCells>)");
  Diagnostics diags;
  std::optional<Table> table = read_first(one_sheet(sheet, shared), diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  CHECK(table->file == "controls.xlsx");
  CHECK(table->sheet == "Controls");
  CHECK(row_lines(*table) == std::vector<int>{1, 3, 4, 5, 6, 7});
  CHECK(texts(*table) ==
        Texts{{"Kontrollmatris FY2025", "Kontrollmatris FY2025", "Kontrollmatris FY2025"},
              {"Ref", "Kontrollbeskrivning", "Ägare"},
              {"CC1.1", "  Åtkomst granskas  ", "IT-chef"},
              {"CC1.1", "Behörigheter tas bort", "IT-chef"},
              {"", "", "IT-chef"},
              {"CC2.1"}});
  CHECK(kinds(table->rows[4]) == std::vector<CellKind>{O, O, T});
  const Cell& merged = table->rows[3].cells[0];
  CHECK(merged.kind == T);
  CHECK(merged.line == 5);
  CHECK(merged.column == 1);
  CHECK(table->at(merged).str() == "controls.xlsx:Controls!A5");
  CHECK(table->at(table->rows[4].cells[1]).str() == "controls.xlsx:Controls!B6");
  CHECK(table->at(table->rows[1]).str() == "controls.xlsx:Controls!3:3");
}

TEST_CASE("XLSX: inline strings, formulas, numbers, booleans and errors", "[xlsx]") {
  const std::string sheet = worksheet(
      R"(<row r="1">)"
      R"(<c r="A1" t="inlineStr"><is><t>Inline å</t></is></c>)"
      R"(<c r="B1" t="inlineStr"><is><r><t>Rich </t></r>)"
      R"(<r><rPr><i/></rPr><t>inline</t></r></is></c>)"
      R"(<c r="C1" t="str"><f>A1&amp;"!"</f><v>Inline å!</v></c>)"
      R"(<c r="D1"><f>SUM(F1:G1)</f><v>3</v></c>)"
      R"(<c r="E1"><f>NOW()</f></c>)"
      R"(<c r="F1" t="b"><v>1</v></c>)"
      R"(<c r="G1" t="b"><f>FALSE()</f><v>0</v></c>)"
      R"(<c r="H1" t="e"><v>#N/A</v></c>)"
      R"(<c r="I1" t="e"><f>1/0</f><v>#DIV/0!</v></c>)"
      R"(</row><row r="2">)"
      R"(<c r="A2"><v>42</v></c><c r="B2"><v>42.0</v></c><c r="C2"><v>0.1</v></c>)"
      R"(<c r="D2"><v>-3.5</v></c><c r="E2"><v>1E-3</v></c>)"
      R"(<c r="F2"><v>0.30000000000000004</v></c><c r="G2"><v>1234567890123</v></c>)"
      R"(<c r="H2"><v>-0</v></c><c r="I2" t="n"><v>2.5E+20</v></c><c r="J2"><v>abc</v></c>)"
      R"(</row>)");
  Diagnostics diags;
  std::optional<Table> table = read_first(one_sheet(sheet), diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  CHECK(texts(*table) ==
        Texts{{"Inline å", "Rich inline", "Inline å!", "3", "", "TRUE", "FALSE", "#N/A", "#DIV/0!"},
              {"42", "42", "0.1", "-3.5", "0.001", "0.30000000000000004", "1234567890123", "0",
               "2.5e+20", "abc"}});
  CHECK(kinds(table->rows[0]) == std::vector<CellKind>{T, T, T, N, O, B, B, E, E});
  CHECK(kinds(table->rows[1]) == std::vector<CellKind>{N, N, N, N, N, N, N, N, N, T});
}

TEST_CASE("XLSX: serial dates under built-in and custom formats", "[xlsx]") {
  const std::string styles =
      std::string(kDeclaration) + "<styleSheet " + kMain + "><numFmts count=\"9\">" +
      R"(<numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/>)"
      R"(<numFmt numFmtId="165" formatCode="d/m/yyyy\ h:mm"/>)"
      R"(<numFmt numFmtId="166" formatCode="h:mm"/>)"
      R"(<numFmt numFmtId="167" formatCode="0.00 &quot;days&quot;"/>)"
      R"(<numFmt numFmtId="168" formatCode="[h]:mm"/>)"
      R"(<numFmt numFmtId="169" formatCode="[$-41D]mmmm\ d\,\ yyyy;@"/>)"
      R"(<numFmt numFmtId="170" formatCode="[Red]0.00;[Blue]\-0.00"/>)"
      R"(<numFmt numFmtId="171" formatCode="mm:ss"/>)"
      R"(<numFmt numFmtId="172" formatCode="_-* #,##0.00\ &quot;kr&quot;_-;\-* #,##0.00_-;_-@_-"/>)"
      R"(</numFmts><cellXfs count="13">)"
      R"(<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/>)"
      R"(<xf numFmtId="165"/><xf numFmtId="22"/><xf numFmtId="166"/><xf numFmtId="167"/>)"
      R"(<xf numFmtId="168"/><xf numFmtId="169"/><xf numFmtId="170"/><xf numFmtId="10"/>)"
      R"(<xf numFmtId="171"/><xf numFmtId="172"/>)"
      R"(</cellXfs></styleSheet>)";
  const std::string sheet = worksheet(
      R"(<row r="1">)"
      R"(<c r="A1" s="1"><v>45292</v></c><c r="B1" s="2"><v>45292.5</v></c>)"
      R"(<c r="C1" s="3"><v>45292.5</v></c><c r="D1" s="3"><v>45292</v></c>)"
      R"(<c r="E1" s="4"><v>45337.75</v></c><c r="F1" s="5"><v>0.75</v></c>)"
      R"(<c r="G1" s="6"><v>1.5</v></c><c r="H1" s="7"><v>1.5</v></c>)"
      R"(<c r="I1" s="8"><v>45292</v></c><c r="J1" s="9"><v>45292</v></c>)"
      R"(<c r="K1" s="10"><v>0.25</v></c><c r="L1" s="11"><v>0.0125</v></c>)"
      R"(<c r="M1" s="12"><v>45292</v></c>)"
      R"(</row><row r="2">)"
      R"(<c r="A2" s="1"><v>59</v></c><c r="B2" s="1"><v>60</v></c><c r="C2" s="1"><v>61</v></c>)"
      R"(<c r="D2" s="1"><v>1</v></c><c r="E2" s="1"><v>-1</v></c>)"
      R"(<c r="F2" s="1"><v>3000000</v></c><c r="G2" s="99"><v>45292</v></c>)"
      R"(</row><row r="3">)"
      R"(<c r="A3" t="d"><v>2024-03-01T00:00:00Z</v></c>)"
      R"(<c r="B3" t="d"><v>2024-03-01T09:30:00</v></c>)"
      R"(<c r="C3" t="d" s="1"><v>2024-03-01T09:30:00</v></c><c r="D3" t="d"><v>soon</v></c>)"
      R"(</row>)");
  Diagnostics diags;
  std::optional<Table> table = read_first(one_sheet(sheet, "", styles), diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  CHECK(texts(*table) ==
        Texts{{"2024-01-01", "2024-01-01", "2024-01-01 12:00", "2024-01-01", "2024-02-15 18:00",
               "18:00", "1.5", "36:00", "2024-01-01", "45292", "0.25", "00:18", "45292"},
              {"1900-02-28", "1900-02-29", "1900-03-01", "1900-01-01", "-1", "3000000", "45292"},
              {"2024-03-01", "2024-03-01 09:30", "2024-03-01", "soon"}});
  CHECK(kinds(table->rows[0]) == std::vector<CellKind>{D, D, D, D, D, D, N, D, D, N, N, D, N});
  CHECK(kinds(table->rows[1]) == std::vector<CellKind>{D, D, D, D, N, N, N});
  CHECK(kinds(table->rows[2]) == std::vector<CellKind>{D, D, D, T});

  // The 1904 date system (old Mac Excel) counts from 1904-01-01, without the leap-year bug.
  for (const char* pr : {R"(<workbookPr date1904="1"/>)", R"(<workbookPr date1904="true"/>)"}) {
    Diagnostics d1904;
    const std::string bytes = xlsx(Book{
        {{"Controls",
          worksheet(
              R"(<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43830</v></c></row>)"),
          ""}},
        "",
        styles,
        pr});
    std::optional<Table> t = read_first(bytes, d1904);
    REQUIRE(t);
    CHECK(texts(*t) == Texts{{"1904-01-01", "2024-01-01"}});
  }
}

TEST_CASE("XLSX: rows and cells without r, out of order and repeated", "[xlsx]") {
  const std::string sheet = worksheet(
      R"(<row><c t="inlineStr"><is><t>a1</t></is></c><c t="inlineStr"><is><t>b1</t></is></c></row>)"
      R"(<row r="3">)" +
      inline_cell("C3", "c3") + R"(<c t="inlineStr"><is><t>d3</t></is></c></row>)" +
      R"(<row><c><v>4</v></c></row>)" + R"(<row><c r="B9"><v>9</v></c></row>)" +
      R"(<row r="6"><c r="A6"><v>6</v></c></row>)" + R"(<row r="3"><c r="A3"><v>3</v></c></row>)");
  Diagnostics diags;
  std::optional<Table> table = read_first(one_sheet(sheet), diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  CHECK(row_lines(*table) == std::vector<int>{1, 3, 4, 6, 9});
  CHECK(texts(*table) == Texts{{"a1", "b1"}, {"3", "", "c3", "d3"}, {"4"}, {"6"}, {"", "9"}});
  CHECK(table->at(table->rows[1].cells[3]).str() == "controls.xlsx:Controls!D3");
  CHECK(table->at(table->rows[4].cells[1]).str() == "controls.xlsx:Controls!B9");
}

TEST_CASE("XLSX: Strict Open XML, prefixed elements and parts found through relationships",
          "[xlsx]") {
  const std::string strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
  const std::string rel = "http://purl.oclc.org/ooxml/officeDocument/relationships/";
  const std::string pkg = R"(xmlns="http://schemas.openxmlformats.org/package/2006/relationships")";
  const ZipEntries entries{
      {"_rels/.rels", "<Relationships " + pkg + "><Relationship Id=\"rId1\" Type=\"" + rel +
                          "officeDocument\" Target=\"/book/main.xml\"/></Relationships>"},
      {"book/main.xml",
       "<x:workbook xmlns:x=\"" + strict + "\" xmlns:rel=\"" + rel.substr(0, rel.size() - 1) +
           "\"><x:workbookPr/><x:sheets><x:sheet name=\"Kontroller\" sheetId=\"1\" "
           "rel:id=\"rId7\"/></x:sheets></x:workbook>"},
      {"book/_rels/main.xml.rels",
       "<Relationships " + pkg + "><Relationship Id=\"rId7\" Type=\"" + rel +
           "worksheet\" Target=\"sheets/one.xml\"/><Relationship Id=\"rId8\" Type=\"" + rel +
           "sharedStrings\" Target=\"/book/strings.xml\"/><Relationship Id=\"rId9\" Type=\"" + rel +
           "styles\" Target=\"../book/./styles.xml\"/></Relationships>"},
      {"book/sheets/one.xml",
       "<x:worksheet xmlns:x=\"" + strict +
           "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c>"
           "<x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>Datum</x:t></x:is></x:c></x:row>"
           "<x:row r=\"2\"><x:c r=\"A2\" t=\"s\"><x:v>1</x:v></x:c>"
           "<x:c r=\"B2\" s=\"1\"><x:v>45292</x:v></x:c></x:row>"
           "<x:row r=\"3\"><x:c r=\"B3\" s=\"1\"><x:v>45293</x:v></x:c></x:row></x:sheetData>"
           "<x:mergeCells><x:mergeCell ref=\"A2:A3\"/></x:mergeCells></x:worksheet>"},
      {"book/strings.xml", "<x:sst xmlns:x=\"" + strict +
                               "\"><x:si><x:t>Ref</x:t></x:si><x:si><x:r><x:t>CC</x:t></x:r>"
                               "<x:r><x:t>6.1</x:t></x:r></x:si></x:sst>"},
      {"book/styles.xml", "<x:styleSheet xmlns:x=\"" + strict +
                              "\"><x:cellXfs><x:xf numFmtId=\"0\"/><x:xf numFmtId=\"14\"/>"
                              "</x:cellXfs></x:styleSheet>"},
  };
  Diagnostics diags;
  std::optional<Workbook> book = Workbook::open("strict.xlsx", build_zip(entries), diags);
  REQUIRE(book);
  REQUIRE(book->sheets().size() == 1);
  CHECK(book->sheets()[0].name == "Kontroller");
  std::optional<Table> table = book->read(0, diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  CHECK(texts(*table) == Texts{{"Ref", "Datum"}, {"CC6.1", "2024-01-01"}, {"CC6.1", "2024-01-02"}});
  CHECK(kinds(table->rows[2]) == std::vector<CellKind>{T, D});
}

TEST_CASE("XLSX: without relationships the conventional part names are used", "[xlsx]") {
  ZipEntries entries;
  for (const auto& [name, content] :
       parts(Book{{{"Blad1", worksheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"), ""}},
                  shared_strings({"<t>utan rels</t>"}),
                  "",
                  ""})) {
    if (name.find("_rels/") == std::string::npos) entries.emplace_back(name, content);
  }
  Diagnostics diags;
  std::optional<Table> table = read_first(build_zip(entries), diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  CHECK(texts(*table) == Texts{{"utan rels"}});
}

TEST_CASE("XLSX: hidden sheets are listed and matched last", "[xlsx]") {
  const std::string empty = worksheet("");
  const std::string bytes =
      xlsx(Book{{{"Lists", empty, "hidden"},
                 {"Kontroller", worksheet("<row r=\"2\">" + inline_cell("B2", "x") + "</row>"), ""},
                 {"CUEC", empty, "veryHidden"},
                 {"Data", empty, "hidden"},
                 {"DATA ", empty, "visible"}},
                "",
                "",
                ""});
  Diagnostics diags;
  std::optional<Workbook> book = Workbook::open("controls.xlsx", bytes, diags);
  REQUIRE(book);
  CHECK(book->file() == "controls.xlsx");
  REQUIRE(book->sheets().size() == 5);
  CHECK(book->sheets()[0].hidden);
  CHECK_FALSE(book->sheets()[1].hidden);
  CHECK(book->sheets()[2].hidden);
  CHECK_FALSE(book->sheets()[4].hidden);
  CHECK(book->first_visible_sheet() == 1);
  CHECK(book->find_sheet({"Controls", "KONTROLLER!"}) == 1u);
  CHECK(book->find_sheet({"c.u.e.c"}) == 2u);
  CHECK(book->find_sheet({"data"}) == 4u);
  CHECK_FALSE(book->find_sheet({"Subservice", "---"}));
  std::optional<Table> table = book->read(1, diags);
  REQUIRE(table);
  CHECK(table->sheet == "Kontroller");
  CHECK(texts(*table) == Texts{{"", "x"}});
  CHECK(book->read(0, diags)->rows.empty());
  CHECK(diags.all().empty());
}

TEST_CASE("XLSX: line breaks and Excel's _xHHHH_ escapes", "[xlsx]") {
  const std::string shared = shared_strings({
      "<t>rad 1&#13;&#10;rad 2</t>",
      "<t>rad 1_x000D_\nrad 2</t>",
      "<t>lone&#13;cr</t>",
      "<t>_x005F_x000D_ is literal</t>",
      "<t>tab_x0009_here_x000a_</t>",
      "<t>smile _xD83D__xDE00_ _x_ _x12_</t>",
      R"(<t xml:space="preserve"> </t>)",
  });
  std::string rows = "<row r=\"1\">";
  for (int i = 0; i < 7; ++i) {
    rows += "<c t=\"s\"><v>" + std::to_string(i) + "</v></c>";
  }
  rows += "</row><row r=\"2\">" + inline_cell("A2", "in_x000D_&#10;line") +
          R"(<c r="B2" t="str"><f>"x"</f><v>str_x000D_&#10;value</v></c></row>)";
  Diagnostics diags;
  std::optional<Table> table = read_first(one_sheet(worksheet(rows), shared), diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  CHECK(texts(*table) == Texts{{"rad 1\nrad 2", "rad 1\nrad 2", "lone\ncr", "_x000D_ is literal",
                                "tab\there\n", "smile \xF0\x9F\x98\x80 _x_ _x12_", " "},
                               {"in\nline", "str\nvalue"}});
}

TEST_CASE("XLSX: files that are not workbooks are refused with a reason", "[xlsx]") {
  CHECK(failure("") ==
        "controls.xlsx: error: the file is empty, not an XLSX workbook [not-xlsx]\n");
  CHECK(failure("Ref;Kontroll\nCC1.1;x\n") ==
        "controls.xlsx: error: the file is not an XLSX workbook (it is not a zip archive); open "
        "it in Excel and save it as .xlsx [not-xlsx]\n");
  CHECK(failure(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0')) ==
        "controls.xlsx: error: the file is a legacy .xls workbook or a password-protected "
        "workbook, which Tillit cannot read; open it in Excel and save it as .xlsx without a "
        "password [ole-file]\n");

  const std::string good =
      one_sheet(worksheet(R"(<row r="1">)" + inline_cell("A1", "x") + "</row>"));
  CHECK(failure(good.substr(0, good.size() * 2 / 3)) ==
        "controls.xlsx: error: cannot read the zip archive: it is truncated or corrupt (Not a "
        "zip archive) [corrupt-zip]\n");

  const std::string pkg = R"(xmlns="http://schemas.openxmlformats.org/package/2006/relationships")";
  CHECK(
      failure(build_zip(
          {{"_rels/.rels", "<Relationships " + pkg + "><Relationship Id=\"rId1\" Type=\"" +
                               kRelType +
                               "officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
           {"word/document.xml",
            R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
            "/>"}})) ==
      "controls.xlsx: error: the file is a Word document (.docx), not an Excel workbook (.xlsx) "
      "[not-xlsx]\n");
  CHECK(failure(build_zip({{"readme.txt", "hej"}})) ==
        "controls.xlsx: error: the file is a zip archive but not an XLSX workbook: it has no "
        "workbook part [not-xlsx]\n");

  ZipEntries missing = parts(Book{{{"Controls", worksheet(""), ""}}, "", "", ""});
  std::erase_if(missing, [](const auto& e) { return e.first == "xl/worksheets/sheet1.xml"; });
  CHECK(failure(build_zip(missing)) ==
        "controls.xlsx: error: the workbook lists sheet Controls, but its part "
        "xl/worksheets/sheet1.xml is missing [corrupt-xlsx]\n");
}

TEST_CASE("XLSX: a DOCTYPE in any part is refused (entity bombs)", "[xlsx]") {
  const std::string laughs =
      std::string(kDeclaration) +
      R"(<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;">)"
      R"(<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">)"
      R"(<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>)";
  // In the shared strings, read when the workbook opens.
  CHECK(failure(
            one_sheet(worksheet(""), laughs + "<sst " + kMain + "><si><t>&lol3;</t></si></sst>")) ==
        "controls.xlsx: error: xl/sharedStrings.xml has a DOCTYPE declaration, which no "
        "spreadsheet program writes; it is refused because its entities could expand without "
        "bound [xml-doctype]\n");
  // In a worksheet, read when the sheet is.
  CHECK(failure(one_sheet(laughs + "<worksheet " + kMain +
                          "><sheetData><row><c t=\"inlineStr\"><is><t>&lol3;</t></is></c></row>"
                          "</sheetData></worksheet>")) ==
        "controls.xlsx: error: xl/worksheets/sheet1.xml has a DOCTYPE declaration, which no "
        "spreadsheet program writes; it is refused because its entities could expand without "
        "bound [xml-doctype]\n");
}

TEST_CASE("XLSX: malformed XML is reported with the part and line", "[xlsx]") {
  const std::string sheet = std::string(kDeclaration) + "\n<worksheet " + kMain +
                            ">\n<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row>\n"
                            "</sheetData></worksheet>";
  CHECK(failure(one_sheet(sheet)) ==
        "controls.xlsx: error: malformed XML in xl/worksheets/sheet1.xml at line 3: start-end "
        "tags mismatch [malformed-xml]\n");
  CHECK(failure(one_sheet(worksheet(""), "<sst><si><t>open</si>")) ==
        "controls.xlsx: error: malformed XML in xl/sharedStrings.xml at line 1: start-end tags "
        "mismatch [malformed-xml]\n");
  CHECK(failure(one_sheet("")) ==
        "controls.xlsx: error: malformed XML in xl/worksheets/sheet1.xml at line 1: no document "
        "element found [malformed-xml]\n");
}

TEST_CASE("XLSX: a cell longer than Excel allows is an error at the cell", "[xlsx]") {
  const std::string most(kMaxCellChars, 'x');
  std::string swedish;
  for (size_t i = 0; i < kMaxCellChars; ++i) swedish += "å";  // characters, not bytes, count
  Diagnostics diags;
  std::optional<Table> table =
      read_first(one_sheet(worksheet("<row r=\"14\">" + inline_cell("C14", most) +
                                     inline_cell("D14", swedish) + "</row>")),
                 diags);
  REQUIRE(table);
  CHECK(table->rows[0].cells[2].text.size() == kMaxCellChars);
  CHECK(table->rows[0].cells[3].text.size() == 2 * kMaxCellChars);

  CHECK(
      failure(one_sheet(worksheet("<row r=\"14\">" + inline_cell("C14", most + "å") + "</row>"))) ==
      "controls.xlsx:Controls!C14: error: the cell has 32768 characters, more than the 32767 a "
      "cell can hold [cell-too-large]\n");
  // A shared string counts where a cell uses it.
  CHECK(failure(one_sheet(worksheet(R"(<row r="2"><c r="B2" t="s"><v>0</v></c></row>)"),
                          shared_strings({"<t>" + most + "y</t>"}))) ==
        "controls.xlsx:Controls!B2: error: the cell has 32768 characters, more than the 32767 a "
        "cell can hold [cell-too-large]\n");
}

TEST_CASE("XLSX: references outside the worksheet and broken indexes", "[xlsx]") {
  CHECK(failure(one_sheet(worksheet("<row r=\"3\">" + inline_cell("XFE3", "x") + "</row>"))) ==
        "controls.xlsx:Controls!XFE3: error: cell XFE3 is outside the worksheet (columns A to "
        "XFD, rows 1 to 1048576) [cell-out-of-range]\n");
  CHECK(failure(one_sheet(worksheet("<row r=\"1048577\"><c><v>1</v></c></row>"))) ==
        "controls.xlsx:Controls!A1048577: error: cell A1048577 is outside the worksheet "
        "(columns A to XFD, rows 1 to 1048576) [cell-out-of-range]\n");
  CHECK(failure(one_sheet(worksheet("<row r=\"2\">" + inline_cell("A1048577", "x") + "</row>"))) ==
        "controls.xlsx:Controls!A1048577: error: cell A1048577 is outside the worksheet "
        "(columns A to XFD, rows 1 to 1048576) [cell-out-of-range]\n");
  CHECK(failure(one_sheet(worksheet(R"(<row r="2"><c r="A2" t="s"><v>5</v></c></row>)"),
                          shared_strings({"<t>a</t>"}))) ==
        "controls.xlsx:Controls!A2: error: the cell refers to shared string '5', but the workbook "
        "has 1 [corrupt-xlsx]\n");
  CHECK(failure(one_sheet(worksheet("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>" +
                                    std::string(100000, '9') + "</v></c></row>"))) ==
        "controls.xlsx:Controls!A2: error: the cell refers to shared string "
        "'999999999999999999999999...', but the workbook has 0 [corrupt-xlsx]\n");
  CHECK(failure(one_sheet(worksheet(R"(<row r="2"><c r="2A"><v>1</v></c></row>)"))) ==
        "controls.xlsx:Controls!2:2: error: cell reference '2A' is not valid [corrupt-xlsx]\n");
  CHECK(failure(one_sheet(worksheet(R"(<row r="x"><c><v>1</v></c></row>)"))) ==
        "controls.xlsx:Controls!1:1: error: row number 'x' is not valid [corrupt-xlsx]\n");

  // Column XFD and row 1048576 themselves are fine.
  Diagnostics diags;
  std::optional<Table> table = read_first(
      one_sheet(worksheet("<row r=\"1048576\">" + inline_cell("XFD1048576", "last") + "</row>")),
      diags);
  REQUIRE(table);
  CHECK(table->rows[0].cells.size() == 16384u);
  CHECK(table->at(table->rows[0].cells.back()).str() == "controls.xlsx:Controls!XFD1048576");
}

TEST_CASE("XLSX: memory stays bounded on sparse, repetitive or huge input", "[xlsx]") {
  // A merge of whole columns fills only the rows and columns that hold values.
  Diagnostics diags;
  std::optional<Table> table = read_first(
      one_sheet(worksheet("<row r=\"1\">" + inline_cell("A1", "t") + inline_cell("B1", "u") +
                              "</row><row r=\"3\">" + inline_cell("B3", "v") + "</row>",
                          R"(<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>)")),
      diags);
  REQUIRE(table);
  CHECK(texts(*table) == Texts{{"t", "t"}, {"t", "t"}, {"t", "t"}});

  // One value at column XFD per row asks for 16384 cells a row.
  std::string far;
  for (int r = 1; r <= 130; ++r)
    far += "<row>" + inline_cell("XFD" + std::to_string(r), "x") + "</row>";
  CHECK(failure(one_sheet(worksheet(far))) ==
        "controls.xlsx: error: sheet Controls is too large to read: more than 2000000 cells or "
        "64 MiB of text [sheet-too-large]\n");

  // Overlapping copies of one merged range: each refill counts.
  std::string merges;
  for (int i = 0; i < 1100; ++i) merges += R"(<mergeCell ref="A1:T100"/>)";
  CHECK(
      failure(one_sheet(worksheet("<row r=\"1\">" + inline_cell("A1", "x") +
                                      "</row><row r=\"100\">" + inline_cell("T100", "y") + "</row>",
                                  "<mergeCells>" + merges + "</mergeCells>"))) ==
      "controls.xlsx: error: sheet Controls is too large to read: more than 2000000 cells or "
      "64 MiB of text [sheet-too-large]\n");

  // One long shared string used by many cells.
  std::string many = "<row>";
  for (int i = 0; i < 2200; ++i) many += "<c t=\"s\"><v>0</v></c>";
  many += "</row>";
  CHECK(failure(one_sheet(worksheet(many),
                          shared_strings({"<t>" + std::string(32000, 'x') + "</t>"}))) ==
        "controls.xlsx: error: sheet Controls is too large to read: more than 2000000 cells or "
        "64 MiB of text [sheet-too-large]\n");

  // Too many zip entries.
  ZipEntries entries = parts(Book{{{"Controls", worksheet(""), ""}}, "", "", ""});
  for (int i = 0; i < 10'000; ++i) entries.emplace_back("xl/media/m" + std::to_string(i), "");
  CHECK(failure(build_zip(entries)) ==
        "controls.xlsx: error: the zip archive has 10005 entries, more than the 10000 allowed "
        "[zip-too-large]\n");

  // A worksheet that is a zip bomb: 300 MiB of zeros, about 300 KB deflated.
  ZipEntries bomb = parts(Book{{{"Controls", "", ""}}, "", "", ""});
  std::erase_if(bomb, [](const auto& e) { return e.first == "xl/worksheets/sheet1.xml"; });
  std::optional<Workbook> book = Workbook::open(
      "controls.xlsx", build_zip(bomb, {{"xl/worksheets/sheet1.xml", uint64_t{300} << 20}}, 9),
      diags);
  REQUIRE(book);
  CHECK_FALSE(book->read(0, diags));
  CHECK(only_message(diags) ==
        "controls.xlsx: error: zip entry xl/worksheets/sheet1.xml unpacks to 300 MiB, more than "
        "the 256 MiB allowed for one entry [zip-too-large]\n");
}

// Speed is measured in scripts/bench.sh; this checks that a large sheet comes out whole.
TEST_CASE("XLSX: a 5,000 x 20 sheet reads whole", "[xlsx]") {
  std::vector<std::string> strings;
  for (int i = 0; i < 1000; ++i)
    strings.push_back("<t>Kontrollbeskrivning nummer " + std::to_string(i) + "</t>");
  std::string rows;
  rows.reserve(6 << 20);
  for (int r = 1; r <= 5000; ++r) {
    const std::string n = std::to_string(r);
    rows += "<row r=\"" + n + "\" spans=\"1:20\">";
    for (int c = 0; c < 20; ++c) {
      const std::string ref = column_letters(c + 1) + n;
      if (c % 2 == 0) {
        rows += "<c r=\"" + ref + "\" s=\"0\" t=\"s\"><v>" + std::to_string((r * 20 + c) % 1000) +
                "</v></c>";
      } else {
        rows += "<c r=\"" + ref + "\" s=\"0\"><v>" + std::to_string(r * 0.25 + c) + "</v></c>";
      }
    }
    rows += "</row>";
  }
  const std::string bytes = one_sheet(worksheet(rows), shared_strings(strings));

  Diagnostics diags;
  std::optional<Table> table = read_first(bytes, diags);
  REQUIRE(table);
  CHECK(table->rows.size() == 5000u);
  CHECK(table->rows[4999].cells.size() == 20u);
  CHECK(table->rows[0].cells[1].text == "1.25");
  CHECK(table->rows[4999].cells[0].text == "Kontrollbeskrivning nummer 0");
}

TEST_CASE("XLSX: a workbook written by openpyxl", "[xlsx]") {
  Diagnostics diags;
  std::optional<Workbook> book = Workbook::open("openpyxl.xlsx", fixture("openpyxl.xlsx"), diags);
  REQUIRE(book);
  REQUIRE(book->sheets().size() == 2);
  CHECK(book->sheets()[0].name == "Kontroller");
  CHECK_FALSE(book->sheets()[0].hidden);
  CHECK(book->sheets()[1].name == "Listor");
  CHECK(book->sheets()[1].hidden);
  std::optional<Table> table = book->read(0, diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  const std::string title = "Kontrollmatris – Tillit AB";
  CHECK(row_lines(*table) == std::vector<int>{1, 3, 4, 5, 6});
  CHECK(texts(*table) ==
        Texts{{title, title, title, title, title},
              {"Kontroll-ID", "Beskrivning", "Ägare", "Senast testad", "Antal"},
              {"CC1.1", "Åtkomst granskas kvartalsvis.\nAvvikelser åtgärdas.", "Åsa Öberg",
               "2025-03-31", "4"},
              {"CC1.2", "Behörigheter tas bort", "Åsa Öberg", "2025-04-01 13:45", "2.5"},
              {"CC2.1", "TRUE", "Ärende ö", "0.1", "-3"}});
  CHECK(kinds(table->rows[2]) == std::vector<CellKind>{T, T, T, D, N});
  CHECK(kinds(table->rows[4]) == std::vector<CellKind>{T, B, T, N, N});
  CHECK(texts(*book->read(1, diags)) == Texts{{"dold"}});
}

TEST_CASE("XLSX: a workbook written by LibreOffice", "[xlsx]") {
  Diagnostics diags;
  std::optional<Workbook> book =
      Workbook::open("libreoffice.xlsx", fixture("libreoffice.xlsx"), diags);
  REQUIRE(book);
  REQUIRE(book->sheets().size() == 2);
  CHECK(book->sheets()[1].name == "Dold");
  CHECK(book->sheets()[1].hidden);
  CHECK(book->find_sheet({"kontroller"}) == 0u);
  std::optional<Table> table = book->read(0, diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  const std::string title = "Kontrollmatris – Tillit AB";
  CHECK(row_lines(*table) == std::vector<int>{1, 3, 4, 5, 6});
  CHECK(texts(*table) ==
        Texts{{title, title, title},
              {"Kontroll-ID", "Beskrivning", "Ägare", "Senast testad", "Antal"},
              {"CC1.1", "Åtkomst granskas kvartalsvis.\nAvvikelser åtgärdas.", "Åsa Öberg",
               "2025-03-31", "4"},
              {"CC1.2", "Behörigheter tas bort", "Åsa Öberg", "2025-04-01 13:45", "8.5"},
              {"CC2.1", "TRUE", "Ärende CC2.1", "0.1", "-3"}});
  CHECK(kinds(table->rows[3]) == std::vector<CellKind>{T, T, T, D, N});
  CHECK(kinds(table->rows[4]) == std::vector<CellKind>{T, B, T, N, N});
  CHECK(texts(*book->read(1, diags)) == Texts{{"hemlig"}});
}
