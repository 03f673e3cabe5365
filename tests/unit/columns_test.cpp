#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "ingest/columns.h"
#include "ingest/matrix_reader.h"

using namespace tillit;
using namespace tillit::ingest;

TEST_CASE("language suffixes mark per-language columns", "[columns]") {
  using P = std::pair<std::string, std::string>;
  CHECK(split_language_suffix("Control description (en)") == P{"Control description", "en"});
  CHECK(split_language_suffix("Kontrollbeskrivning [SV]") == P{"Kontrollbeskrivning", "sv"});
  CHECK(split_language_suffix("Beskrivning - svenska") == P{"Beskrivning", "sv"});
  CHECK(split_language_suffix("Description_EN") == P{"Description", "en"});
  CHECK(split_language_suffix("Result (en-US)") == P{"Result", "en"});
  CHECK(split_language_suffix("Control owner") == P{"Control owner", ""});
  CHECK(split_language_suffix("Testprocedur (English)") == P{"Testprocedur", "en"});
}

TEST_CASE("criteria cells split on any separator, keeping 'CC 6.1' whole", "[columns]") {
  CHECK(split_criteria("CC6.1, CC6.2;CC6.3\nA1.1 / C1.2 | PI1.1") ==
        std::vector<std::string>{"CC6.1", "CC6.2", "CC6.3", "A1.1", "C1.2", "PI1.1"});
  CHECK(split_criteria("CC 6.1 CC6.2") == std::vector<std::string>{"CC 6.1", "CC6.2"});
}

TEST_CASE("the header row is found below title rows, in any order and language", "[columns]") {
  Table t{"m.xlsx", "Kontroller", {}};
  auto row = [&](int line, std::vector<std::string> texts) {
    Row r{line, {}};
    int col = 1;
    for (auto& s : texts) {
      r.cells.push_back(Cell{s, s.empty() ? CellKind::Empty : CellKind::Text, line, col++});
    }
    t.rows.push_back(r);
  };
  row(1, {"Molnkvarn AB – Kontrollmatris"});
  row(3, {"Kriterier", "KONTROLL-ID", "Kontrollbeskrivning", "Control description (en)",
          "Ägare"});
  Diagnostics d;
  auto map = map_columns(t, control_fields(), "sv", d, "control matrix");
  REQUIRE(map);
  CHECK(d.all().empty());
  CHECK(map->header_row == 1);
  CHECK(map->columns.at("id").at("") == 1);
  CHECK(map->columns.at("criteria").at("") == 0);
  CHECK(map->columns.at("description").at("sv") == 2);
  CHECK(map->columns.at("description").at("en") == 3);
  CHECK(map->columns.at("owner").at("sv") == 4);
}

TEST_CASE("every recognised header is documented", "[columns]") {
  std::ifstream in(std::string(TILLIT_SOURCE_DIR) + "/docs/engagement-format.md");
  std::stringstream buf;
  buf << in.rdbuf();
  std::string doc = buf.str();
  REQUIRE(!doc.empty());
  for (auto* specs : {&control_fields(), &cuec_fields(), &subservice_fields()}) {
    for (const auto& spec : *specs) {
      for (const auto& h : spec.headers) {
        INFO(h);
        CHECK(doc.find(h) != std::string::npos);
      }
    }
  }
  for (auto* names : {&control_sheet_names(), &cuec_sheet_names(), &subservice_sheet_names()}) {
    for (const auto& n : *names) {
      INFO(n);
      CHECK(doc.find(n) != std::string::npos);
    }
  }
}
