#include "init/xlsx_writer.h"

#include <zip.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "ingest/xlsx_reader.h"

using namespace tillit;
using namespace tillit::init;

namespace {

struct Unzipped {
  std::vector<std::string> order;
  std::map<std::string, std::string> parts;
};

Unzipped unzip(const std::string& bytes) {
  Unzipped out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  REQUIRE(source);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  zip_error_fini(&error);
  if (!archive) zip_source_free(source);
  REQUIRE(archive);
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t stat;
    REQUIRE(zip_stat_index(archive, index, 0, &stat) == 0);
    CHECK(stat.comp_method == ZIP_CM_DEFLATE);
    std::string data(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, index, 0);
    REQUIRE(file);
    CHECK(zip_fread(file, data.data(), stat.size) == static_cast<zip_int64_t>(stat.size));
    zip_fclose(file);
    out.order.push_back(stat.name);
    out.parts[stat.name] = data;
  }
  zip_discard(archive);
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

SheetSpec controls_sheet() {
  SheetSpec sheet;
  sheet.name = "Controls";
  sheet.rows = {{"ID", "Description", "Owner"},
                {"CC-1", "Reviews logs\nweekly", "Anna"},
                {"CC-2", "", "Anna"}};
  sheet.column_widths = {12, 60.5, 0};
  return sheet;
}

}  // namespace

TEST_CASE("XLSX writer: the same sheets give the same bytes", "[xlsx-writer]") {
  std::vector<SheetSpec> sheets = {controls_sheet(), {"CUECs", {{"ID"}, {"U-1"}}, true, {}, true}};
  std::string first = write_xlsx(sheets);
  REQUIRE(!first.empty());
  CHECK(first == write_xlsx(sheets));
  // The first local header's DOS time and date: 00:00, 1980-01-01.
  REQUIRE(first.size() > 14);
  CHECK(first.substr(0, 4) == std::string("PK\x03\x04", 4));
  CHECK(first.substr(10, 4) == std::string("\x00\x00\x21\x00", 4));
}

TEST_CASE("XLSX writer: parts, in a fixed order", "[xlsx-writer]") {
  std::vector<SheetSpec> sheets = {controls_sheet(), {"CUECs", {{"ID"}, {"U-1"}}, true, {}, true}};
  Unzipped zip = unzip(write_xlsx(sheets));
  CHECK(zip.order == std::vector<std::string>{
                         "[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
                         "docProps/app.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                         "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
                         "xl/worksheets/sheet2.xml"});
  CHECK(contains(zip.parts["[Content_Types].xml"], "PartName=\"/xl/worksheets/sheet2.xml\""));
  const std::string& workbook = zip.parts["xl/workbook.xml"];
  CHECK(contains(workbook, "<sheet name=\"Controls\" sheetId=\"1\" r:id=\"rId1\"/>"));
  CHECK(contains(workbook, "<sheet name=\"CUECs\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"));
  CHECK(contains(workbook,
                 "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">"
                 "'Controls'!$A$1:$C$3</definedName>"));
  const std::string& rels = zip.parts["xl/_rels/workbook.xml.rels"];
  CHECK(contains(rels,
                 "Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                 "2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\""));
  CHECK(contains(rels,
                 "Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                 "2006/relationships/sharedStrings\""));
  CHECK_FALSE(contains(zip.parts["docProps/core.xml"], "dcterms:created"));
}

TEST_CASE("XLSX writer: cells are deduplicated shared strings", "[xlsx-writer]") {
  Unzipped zip = unzip(write_xlsx({controls_sheet()}));
  const std::string& sheet = zip.parts["xl/worksheets/sheet1.xml"];
  // Header bold (style 2), the rest wrapped (style 1); "Anna" is one string used twice; the
  // empty cell B3 is left out.
  CHECK(contains(sheet,
                 "<row r=\"1\"><c r=\"A1\" s=\"2\" t=\"s\"><v>0</v></c>"
                 "<c r=\"B1\" s=\"2\" t=\"s\"><v>1</v></c>"
                 "<c r=\"C1\" s=\"2\" t=\"s\"><v>2</v></c></row>"));
  CHECK(contains(sheet,
                 "<row r=\"2\"><c r=\"A2\" s=\"1\" t=\"s\"><v>3</v></c>"
                 "<c r=\"B2\" s=\"1\" t=\"s\"><v>4</v></c>"
                 "<c r=\"C2\" s=\"1\" t=\"s\"><v>5</v></c></row>"));
  CHECK(contains(sheet,
                 "<row r=\"3\"><c r=\"A3\" s=\"1\" t=\"s\"><v>6</v></c>"
                 "<c r=\"C3\" s=\"1\" t=\"s\"><v>5</v></c></row>"));
  CHECK(contains(sheet, "<dimension ref=\"A1:C3\"/>"));
  CHECK(contains(sheet,
                 "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
                 "state=\"frozen\"/>"));
  CHECK(contains(sheet, "<autoFilter ref=\"A1:C3\"/>"));
  CHECK(contains(sheet,
                 "<cols><col min=\"1\" max=\"1\" width=\"12\" customWidth=\"1\"/>"
                 "<col min=\"2\" max=\"2\" width=\"60.5\" customWidth=\"1\"/></cols>"));
  const std::string& strings = zip.parts["xl/sharedStrings.xml"];
  CHECK(contains(strings, "count=\"8\" uniqueCount=\"7\""));
  CHECK(contains(strings,
                 "<si><t>ID</t></si><si><t>Description</t></si><si><t>Owner</t></si>"
                 "<si><t>CC-1</t></si><si><t>Reviews logs\nweekly</t></si>"
                 "<si><t>Anna</t></si><si><t>CC-2</t></si></sst>"));
  const std::string& styles = zip.parts["xl/styles.xml"];
  CHECK(contains(styles, "<font><b/>"));
  CHECK(contains(styles, "wrapText=\"1\""));
}

TEST_CASE("XLSX writer: text is escaped for XML and Excel", "[xlsx-writer]") {
  SheetSpec sheet;
  sheet.name = "Data";
  sheet.header_bold_frozen = false;
  sheet.rows = {{"<a & \"b\">", " lead", "trail\n", std::string("bell\x07!", 6), "_x000D_",
                 "cr\r\nlf", "\x01"}};
  Unzipped zip = unzip(write_xlsx({sheet}));
  const std::string& strings = zip.parts["xl/sharedStrings.xml"];
  CHECK(contains(strings,
                 "<si><t>&lt;a &amp; &quot;b&quot;&gt;</t></si>"
                 "<si><t xml:space=\"preserve\"> lead</t></si>"
                 "<si><t xml:space=\"preserve\">trail\n</t></si>"
                 "<si><t>bell!</t></si>"
                 "<si><t>_x005F_x000D_</t></si>"
                 "<si><t>cr&#13;\nlf</t></si></sst>"));
  const std::string& xml = zip.parts["xl/worksheets/sheet1.xml"];
  // A cell left empty by stripping is not written.
  CHECK_FALSE(contains(xml, "r=\"G1\""));
  CHECK_FALSE(contains(xml, "<pane"));
  CHECK_FALSE(contains(xml, "<autoFilter"));
  CHECK(contains(xml, "<c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c>"));
  CHECK_FALSE(contains(zip.parts["xl/workbook.xml"], "definedName"));
}

TEST_CASE("XLSX writer: sheet names are made acceptable to Excel", "[xlsx-writer]") {
  std::vector<SheetSpec> sheets(5);
  sheets[0].name = "Q1/Q2 [draft]?";
  sheets[1].name = "q1_q2 _draft__";
  sheets[2].name = "";
  sheets[3].name = "'Subservice organizations and more'";
  sheets[4].name = "Ägare & <ansvar>";
  Unzipped zip = unzip(write_xlsx(sheets));
  const std::string& workbook = zip.parts["xl/workbook.xml"];
  CHECK(contains(workbook, "name=\"Q1_Q2 _draft__\""));
  CHECK(contains(workbook, "name=\"q1_q2 _draft__ (2)\""));
  CHECK(contains(workbook, "name=\"Sheet3\""));
  CHECK(contains(workbook, "name=\"_Subservice organizations and m\""));
  CHECK(contains(workbook, "name=\"Ägare &amp; &lt;ansvar&gt;\""));
}

TEST_CASE("XLSX writer: a workbook always has a visible sheet", "[xlsx-writer]") {
  Unzipped empty = unzip(write_xlsx({}));
  CHECK(contains(empty.parts["xl/workbook.xml"],
                 "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"));
  CHECK(contains(empty.parts["xl/worksheets/sheet1.xml"], "<dimension ref=\"A1\"/>"));
  CHECK(contains(empty.parts["xl/sharedStrings.xml"], "count=\"0\" uniqueCount=\"0\""));

  std::vector<SheetSpec> hidden = {{"A", {{"x"}}, true, {}, true}, {"B", {{"y"}}, true, {}, true}};
  Unzipped zip = unzip(write_xlsx(hidden));
  const std::string& workbook = zip.parts["xl/workbook.xml"];
  CHECK(contains(workbook, "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"));
  CHECK(contains(workbook, "<sheet name=\"B\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"));
  CHECK(contains(zip.parts["xl/worksheets/sheet1.xml"], "tabSelected=\"1\""));
  CHECK_FALSE(contains(zip.parts["xl/worksheets/sheet2.xml"], "tabSelected"));

  // The first visible sheet is the active one.
  hidden[1].hidden = false;
  zip = unzip(write_xlsx(hidden));
  CHECK(contains(zip.parts["xl/workbook.xml"], "<workbookView activeTab=\"1\"/>"));
  CHECK(contains(zip.parts["xl/worksheets/sheet2.xml"], "tabSelected=\"1\""));
  CHECK_FALSE(contains(zip.parts["xl/worksheets/sheet1.xml"], "tabSelected"));
}

TEST_CASE("XLSX writer: what it writes, the XLSX reader reads back", "[xlsx-writer]") {
  SheetSpec controls = controls_sheet();
  controls.rows.push_back({"CC-3", " Kontrollägare ", "_x000D_ & <b>", "cr\r\nlf"});
  std::vector<SheetSpec> sheets = {controls, {"CUECs", {{"ID"}, {"U-1"}}, true, {}, true}};
  Diagnostics diags;
  auto workbook = ingest::Workbook::open("m.xlsx", write_xlsx(sheets), diags);
  REQUIRE(workbook);
  REQUIRE(workbook->sheets().size() == 2);
  CHECK(workbook->sheets()[0].name == "Controls");
  CHECK_FALSE(workbook->sheets()[0].hidden);
  CHECK(workbook->sheets()[1].name == "CUECs");
  CHECK(workbook->sheets()[1].hidden);

  auto table = workbook->read(0, diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  REQUIRE(table->rows.size() == 4);
  for (size_t r = 0; r < controls.rows.size(); ++r) {
    const ingest::Row& row = table->rows[r];
    CHECK(row.line == static_cast<int>(r) + 1);
    for (size_t c = 0; c < controls.rows[r].size(); ++c) {
      const std::string& expected = controls.rows[r][c];
      if (c >= row.cells.size()) {
        CHECK(expected.empty());
        continue;
      }
      // The reader makes every line break LF, as worksheet cells hold them.
      CHECK(row.cells[c].text == (expected == "cr\r\nlf" ? "cr\nlf" : expected));
      CHECK(row.cells[c].kind ==
            (expected.empty() ? ingest::CellKind::Empty : ingest::CellKind::Text));
    }
  }
  CHECK(table->at(table->rows[3].cells[2]).str() == "m.xlsx:Controls!C4");

  auto cuecs = workbook->read(1, diags);
  REQUIRE(cuecs);
  REQUIRE(cuecs->rows.size() == 2);
  CHECK(cuecs->rows[1].cells[0].text == "U-1");
}
