#include "ingest/csv_reader.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace tillit;
using namespace tillit::ingest;

namespace {

using Texts = std::vector<std::vector<std::string>>;

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

std::vector<std::string> messages(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.all()) out.push_back(format_human(d));
  return out;
}

}  // namespace

TEST_CASE("CSV: UTF-8 with a BOM, comma delimited, CRLF", "[csv]") {
  Diagnostics diags;
  auto table = read_csv("controls.csv", "\xEF\xBB\xBFID,Name\r\nC-1,Anna\r\n", diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  CHECK(table->file == "controls.csv");
  CHECK(table->sheet.empty());
  CHECK(texts(*table) == Texts{{"ID", "Name"}, {"C-1", "Anna"}});
  CHECK(row_lines(*table) == std::vector<int>{1, 2});
  // The BOM is not a character of the first field.
  CHECK(table->rows[0].cells[0].column == 1);
  CHECK(table->rows[1].cells[1].column == 5);
  CHECK(table->rows[1].cells[1].kind == CellKind::Text);
  CHECK(table->at(table->rows[1].cells[1]).str() == "controls.csv:2:5");
}

TEST_CASE("CSV: semicolons win over commas inside Swedish text", "[csv]") {
  Diagnostics diags;
  auto table = read_csv("controls.csv",
                        "Kontroll-ID;Beskrivning;Ägare\n"
                        "CC-1;Granskar loggar, veckovis, och åtgärdar avvikelser;Anna\n"
                        "CC-2;Behörigheter, kvartalsvis;Bo\n",
                        diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  CHECK(texts(*table) ==
        Texts{{"Kontroll-ID", "Beskrivning", "Ägare"},
              {"CC-1", "Granskar loggar, veckovis, och åtgärdar avvikelser", "Anna"},
              {"CC-2", "Behörigheter, kvartalsvis", "Bo"}});
  // Columns count characters, not bytes: "Behörigheter, kvartalsvis" is 25 characters.
  CHECK(table->rows[2].cells[2].column == 32);
}

TEST_CASE("CSV: commas win over semicolons inside text", "[csv]") {
  Diagnostics diags;
  auto table = read_csv("c.csv", "ID,Text\nA,\"x; y\"\nB,w;v\n", diags);
  REQUIRE(table);
  CHECK(texts(*table) == Texts{{"ID", "Text"}, {"A", "x; y"}, {"B", "w;v"}});
}

TEST_CASE("CSV: tab delimited", "[csv]") {
  Diagnostics diags;
  auto table = read_csv("c.csv", "ID\tText\nA\tx, y; z\nB\t\"q\tr\"\n", diags);
  REQUIRE(table);
  CHECK(texts(*table) == Texts{{"ID", "Text"}, {"A", "x, y; z"}, {"B", "q\tr"}});
}

TEST_CASE("CSV: one column", "[csv]") {
  Diagnostics diags;
  auto table = read_csv("c.csv", "ID\nA\nB", diags);
  REQUIRE(table);
  CHECK(texts(*table) == Texts{{"ID"}, {"A"}, {"B"}});
}

TEST_CASE("CSV: an Excel sep= line sets the delimiter", "[csv]") {
  Diagnostics diags;
  auto table = read_csv("c.csv", "sep=;\r\nID;Name\r\nA,1;B\r\n", diags);
  REQUIRE(table);
  CHECK(texts(*table) == Texts{{"ID", "Name"}, {"A,1", "B"}});
  CHECK(row_lines(*table) == std::vector<int>{2, 3});

  // Without it these lines would split on ';'.
  table = read_csv("c.csv", "SEP=,\nID;x,Name\nA;1,B;2\n", diags);
  REQUIRE(table);
  CHECK(texts(*table) == Texts{{"ID;x", "Name"}, {"A;1", "B;2"}});
  CHECK(diags.all().empty());
}

TEST_CASE("CSV: quoted fields with line breaks, delimiters and doubled quotes", "[csv]") {
  Diagnostics diags;
  auto table = read_csv("c.csv",
                        "ID,Text,Owner\n"
                        "1,\"Line one\r\nline \"\"two\"\", with comma\nthree\",Anna\n"
                        "2,x,\"Bo\"\n",
                        diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  REQUIRE(table->rows.size() == 3);
  const Row& multi = table->rows[1];
  CHECK(multi.line == 2);
  // Line breaks inside a field come out as LF, as in a worksheet cell.
  CHECK(multi.cells[1].text == "Line one\nline \"two\", with comma\nthree");
  CHECK(multi.cells[1].line == 2);
  CHECK(multi.cells[1].column == 3);
  // The field after the multi-line one starts on physical line 4.
  CHECK(multi.cells[2].text == "Anna");
  CHECK(multi.cells[2].line == 4);
  CHECK(multi.cells[2].column == 8);
  const Row& next = table->rows[2];
  CHECK(next.line == 5);
  CHECK(next.cells[2].text == "Bo");
  CHECK(next.cells[2].column == 5);  // the opening quote
}

TEST_CASE("CSV: CR line endings and blank lines", "[csv]") {
  Diagnostics diags;
  auto table = read_csv("c.csv", "a,b\rc,d\r\r\ne,f\r", diags);
  REQUIRE(table);
  CHECK(texts(*table) == Texts{{"a", "b"}, {"c", "d"}, {"e", "f"}});
  CHECK(row_lines(*table) == std::vector<int>{1, 2, 4});
}

TEST_CASE("CSV: records of empty fields are left out", "[csv]") {
  Diagnostics diags;
  auto table = read_csv("c.csv", "ID;Name;\n;;\n\n\"\";\nA;B;\n", diags);
  REQUIRE(table);
  CHECK(texts(*table) == Texts{{"ID", "Name", ""}, {"A", "B", ""}});
  CHECK(row_lines(*table) == std::vector<int>{1, 5});
  CHECK(table->rows[1].cells[2].kind == CellKind::Empty);
  CHECK(table->rows[1].cells[2].column == 5);
}

TEST_CASE("CSV: stray quotes are kept", "[csv]") {
  Diagnostics diags;
  auto table = read_csv("c.csv", "ID,Size,Note\nA,12\" screen,x\nB,\"abc\"def,y\n", diags);
  REQUIRE(table);
  CHECK(texts(*table) ==
        Texts{{"ID", "Size", "Note"}, {"A", "12\" screen", "x"}, {"B", "abcdef", "y"}});
  CHECK(messages(diags) ==
        std::vector<std::string>{"c.csv:3:8: warning: text after the closing quote of a quoted "
                                 "field; kept as part of the field [csv-quote]\n"});
  CHECK(diags.error_count() == 0);
}

TEST_CASE("CSV: Windows-1252 is decoded with a warning", "[csv]") {
  Diagnostics diags;
  auto table =
      read_csv("controls.csv", "ID;Owner\nA;x\nB;y\n\xC4gare;J\xF6rgen \x96 \x80\n", diags);
  REQUIRE(table);
  CHECK(texts(*table) == Texts{{"ID", "Owner"}, {"A", "x"}, {"B", "y"}, {"Ägare", "Jörgen – €"}});
  CHECK(table->rows[3].cells[1].column == 7);
  CHECK(messages(diags) ==
        std::vector<std::string>{"controls.csv: warning: file is not valid UTF-8 (first bad byte "
                                 "on line 4); read as Windows-1252 [csv-encoding]\n"});
  CHECK(diags.exit_code() == ExitCode::Ok);
}

TEST_CASE("CSV: an unterminated quote is an error at the opening quote", "[csv]") {
  Diagnostics diags;
  auto table = read_csv("controls.csv", "ID,Text,More\nA,ok,1\nB,\"never closed\nmore,2\n", diags);
  CHECK_FALSE(table);
  CHECK(messages(diags) ==
        std::vector<std::string>{"controls.csv:3:3: error: quoted field is never closed: no "
                                 "closing '\"' before the end of the file "
                                 "[csv-unterminated-quote]\n"});
  CHECK(diags.exit_code() == ExitCode::DataError);
}

TEST_CASE("CSV: a cell longer than Excel allows is an error", "[csv]") {
  Diagnostics diags;
  // 32,767 two-byte characters fit: the limit counts characters, not bytes.
  std::string fits;
  for (int i = 0; i < 32767; ++i) fits += "ä";
  auto table = read_csv("c.csv", "ID,Text\nA," + fits + "\n", diags);
  REQUIRE(table);
  CHECK(table->rows[1].cells[1].text.size() == 65534);
  CHECK(diags.all().empty());

  table = read_csv("c.csv", "ID,Text\nA,\"" + std::string(40000, 'x') + "\"\n", diags);
  CHECK_FALSE(table);
  CHECK(messages(diags) ==
        std::vector<std::string>{"c.csv:2:3: error: cell has 40000 characters; a spreadsheet "
                                 "cell holds at most 32,767 [cell-too-large]\n"});
  CHECK(diags.exit_code() == ExitCode::DataError);
}

TEST_CASE("CSV: binary input is refused", "[csv]") {
  auto first_message = [](std::string_view bytes) {
    Diagnostics diags;
    auto table = read_csv("controls.csv", bytes, diags);
    CHECK_FALSE(table);
    CHECK(diags.exit_code() == ExitCode::DataError);
    return diags.all().empty() ? std::string() : format_human(diags.all()[0]);
  };
  CHECK(first_message(std::string_view("a,b\n\0\0\x01,c\n", 10)) ==
        "controls.csv: error: file looks binary, not CSV [csv-binary]\n");
  CHECK(first_message(std::string_view("PK\x03\x04\x14\0\0\0", 8)) ==
        "controls.csv: error: file is a zip archive (an .xlsx workbook renamed .csv?), not CSV "
        "[csv-binary]\n");
  CHECK(first_message("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest") ==
        "controls.csv: error: file is an OLE document (an .xls or password-protected workbook "
        "renamed .csv?), not CSV [csv-binary]\n");
}

TEST_CASE("CSV: empty input gives an empty table", "[csv]") {
  Diagnostics diags;
  auto table = read_csv("c.csv", "\xEF\xBB\xBF", diags);
  REQUIRE(table);
  CHECK(table->rows.empty());
  CHECK(diags.all().empty());
}

TEST_CASE("CSV: a large file parses whole", "[csv]") {
  std::string csv;
  for (int r = 0; r < 5000; ++r) {
    for (int c = 0; c < 20; ++c) {
      if (c > 0) csv += ';';
      if (c == 3) {
        csv += "\"Text, with comma\nand \"\"quotes\"\"\"";
      } else {
        csv += "R" + std::to_string(r) + "C" + std::to_string(c);
      }
    }
    csv += "\r\n";
  }
  Diagnostics diags;
  auto table = read_csv("big.csv", csv, diags);
  REQUIRE(table);
  CHECK(diags.all().empty());
  REQUIRE(table->rows.size() == 5000);
  const Row& last = table->rows.back();
  CHECK(last.line == 9999);
  REQUIRE(last.cells.size() == 20);
  CHECK(last.cells[3].text == "Text, with comma\nand \"quotes\"");
  CHECK(last.cells[19].text == "R4999C19");
  CHECK(last.cells[19].line == 10000);
}
