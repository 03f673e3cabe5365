#include <catch2/catch.hpp>

#include "support/diagnostics.h"
#include "support/embedded.h"
#include "support/env.h"
#include "support/location.h"
#include "support/text.h"

using namespace tillit;

TEST_CASE("locations render in compiler style", "[support]") {
  CHECK(Location{"controls.csv", "", 14, 3}.str() == "controls.csv:14:3");
  CHECK(Location{"engagement.xml", "", 12, 0}.str() == "engagement.xml:12");
  CHECK(Location{"controls.xlsx", "Controls", 14, 3}.str() == "controls.xlsx:Controls!C14");
  CHECK(Location{"c.xlsx", "Subservice organizations", 2, 28}.str() ==
        "c.xlsx:'Subservice organizations'!AB2");
  CHECK(Location{"c.xlsx", "Kontroller", 7, 0}.str() == "c.xlsx:Kontroller!7:7");
  CHECK(column_letters(1) == "A");
  CHECK(column_letters(26) == "Z");
  CHECK(column_letters(27) == "AA");
  CHECK(column_letters(703) == "AAA");
}

TEST_CASE("diagnostics print with rule ids and pick the exit code", "[support]") {
  Diagnostics d;
  d.warning({"a.csv", "", 2, 1}, "missing-translation", "no English text");
  CHECK(d.exit_code() == ExitCode::Ok);
  auto& e = d.error({"a.csv", "", 3, 5}, "duplicate-control-id", "duplicate control ID 'X'");
  e.notes.push_back({Severity::Note, "", {"a.csv", "", 1, 5}, "first defined here", {}, {}});
  CHECK(d.exit_code() == ExitCode::Findings);
  CHECK(format_human(d.all()[1]) ==
        "a.csv:3:5: error: duplicate control ID 'X' [duplicate-control-id]\n"
        "a.csv:1:5: note: first defined here\n");
  d.error({"b.xlsx"}, "corrupt-zip", "not a zip", ExitCode::DataError);
  CHECK(d.exit_code() == ExitCode::DataError);
  d.promote("missing-translation");
  CHECK(d.error_count() == 3);
  CHECK(format_json(d.all()).find("\"rule\":\"corrupt-zip\"") != std::string::npos);
}

TEST_CASE("UTF-8 helpers", "[support]") {
  size_t bad = 0;
  CHECK(is_valid_utf8("Kontrollägare"));
  CHECK_FALSE(is_valid_utf8("K\xE4gare", &bad));
  CHECK(bad == 1);
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));  // overlong '/'
  CHECK(cp1252_to_utf8("\xC4gare \x96 \x80") == "Ägare – €");
  CHECK(trim("\xC2\xA0 Ref \t") == "Ref");
  CHECK(fold_case("KONTROLLÄGARE") == "kontrollägare");
  CHECK(alnum_key("Kontroll-ID ") == "kontrollid");
  CHECK(alnum_key("Ägare (SV)") == "ägaresv");
  CHECK(strip_xml_forbidden(std::string("a\x01\x0b" "b\tc", 6)) == "ab\tc");
  CHECK(line_column_at("ab\ncå d", 7).line == 2);
  CHECK(line_column_at("ab\ncå d", 7).column == 4);
  CHECK(edit_distance("PP1.1", "PI1.1") == 1);
  CHECK(split_any("CC6.1, CC6.2;\nA1.1", ",; \n") ==
        std::vector<std::string>{"CC6.1", "CC6.2", "A1.1"});
}

TEST_CASE("memory env reads, lists and reports missing inputs", "[support]") {
  MemoryEnv env;
  env.put("eng/description/sv/services.md", "x");
  env.put("eng/engagement.xml", "");
  CHECK(env.kind("eng/description") == Env::Kind::Directory);
  CHECK(env.list("eng") == std::vector<std::string>{"description", "engagement.xml"});
  Diagnostics d;
  CHECK_FALSE(read_input(env, "eng/none.csv", "none.csv", 10, d));
  CHECK_FALSE(read_input(env, "eng/description", "description", 10, d));
  CHECK_FALSE(read_input(env, "eng/engagement.xml", "engagement.xml", 10, d));
  REQUIRE(d.all().size() == 3);
  CHECK(format_human(d.all()[0]) == "none.csv: error: no such file [missing-file]\n");
  CHECK(d.all()[1].rule == "not-a-file");
  CHECK(d.all()[2].rule == "empty-file");
  CHECK(d.exit_code() == ExitCode::NoInput);
}

TEST_CASE("the criteria catalogue is embedded", "[support]") {
  auto csv = embedded("locales/criteria.csv");
  REQUIRE(csv);
  CHECK(csv->find("CC6.1,Security") != std::string_view::npos);
}

TEST_CASE("nearest picks the closest candidate within the distance", "[support]") {
  std::vector<std::string_view> names = {"init", "check", "build", "issue"};
  CHECK(nearest("chekc", names, 2) == "check");
  CHECK(nearest("biuld", names, 2) == "build");
  CHECK(nearest("frobnicate", names, 2).empty());
}
