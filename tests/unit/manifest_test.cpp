#include <catch2/catch.hpp>

#include "engagement_fixture.h"
#include "ingest/manifest_reader.h"

using namespace tillit;
using namespace tillit::ingest;

namespace {

std::vector<std::string> lines(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& x : d.all()) out.push_back(format_human(x));
  return out;
}

}  // namespace

TEST_CASE("the manifest is read with locations", "[manifest]") {
  Diagnostics d;
  auto m = read_manifest("engagement.xml", testing::small_manifest(), d);
  REQUIRE(m);
  CHECK(d.all().empty());
  CHECK(m->organisation.value == "Exempel AB");
  CHECK(m->organisation.where.str() == "engagement.xml:3:17");
  CHECK(m->system_name.get("en")->value == "Example System");
  CHECK(m->report_type.value == "2");
  CHECK(m->languages == std::vector<std::string>{"sv", "en"});
  REQUIRE(m->period_end);
  CHECK(static_cast<unsigned>(m->period_end->month()) == 6);
  CHECK(m->matrix->path.value == "controls.csv");
}

TEST_CASE("malformed manifests give located errors", "[manifest]") {
  Diagnostics d;
  SECTION("malformed XML") {
    CHECK_FALSE(read_manifest("engagement.xml", "<engagement>\n  <report>\n</engagement>\n", d));
    CHECK(lines(d) == std::vector<std::string>{
                          "engagement.xml:3:3: error: malformed XML: Start-end tags mismatch "
                          "[malformed-xml]\n"});
    CHECK(d.exit_code() == ExitCode::DataError);
  }
  SECTION("an XML bomb is refused before any expansion") {
    std::string bomb =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n"
        "<engagement>&lol2;</engagement>\n";
    CHECK_FALSE(read_manifest("engagement.xml", bomb, d));
    CHECK(lines(d) == std::vector<std::string>{
                          "engagement.xml:2:1: error: DOCTYPE declarations are not allowed "
                          "[xml-doctype]\n"});
  }
  SECTION("bad values") {
    auto m = read_manifest("engagement.xml",
                           "<engagement>\n  <report type=\"2\">\n"
                           "    <period start=\"2026-02-30\" end=\"2026-06-30\"/>\n"
                           "    <languages>sv de</languages>\n    <catgories>x</catgories>\n"
                           "  </report>\n  <inputs><matrix>../other/controls.xlsx</matrix></inputs>\n"
                           "</engagement>\n",
                           d);
    REQUIRE(m);
    CHECK(lines(d) ==
          std::vector<std::string>{
              "engagement.xml:5:5: warning: unknown element <catgories> in <report>; did you "
              "mean <categories>?; it is ignored [manifest-unknown-element]\n",
              "engagement.xml:3:5: error: invalid date '2026-02-30' in attribute start; write "
              "YYYY-MM-DD [manifest-date]\n",
              "engagement.xml:4:5: error: unsupported language 'de'; Tillit writes sv and en "
              "[manifest-language]\n",
              "engagement.xml:7:11: error: path '../other/controls.xlsx' leaves the engagement "
              "folder [manifest-path]\n"});
  }
  SECTION("invalid UTF-8") {
    CHECK_FALSE(read_manifest("engagement.xml", "<engagement>\n <x>\xE4</x></engagement>", d));
    CHECK(lines(d)[0] == "engagement.xml:2:5: error: invalid UTF-8; save the manifest as UTF-8 "
                         "[manifest-encoding]\n");
  }
}

TEST_CASE("dates and paths", "[manifest]") {
  CHECK(parse_iso_date("2026-06-30"));
  CHECK(parse_iso_date("2026-06-30 00:00"));
  CHECK_FALSE(parse_iso_date("2026-6-30"));
  CHECK_FALSE(parse_iso_date("2025-02-29"));
  CHECK(parse_iso_date("2024-02-29"));
  CHECK(stays_inside("description/sv"));
  CHECK(stays_inside("a/../b.csv"));
  CHECK_FALSE(stays_inside("../b.csv"));
  CHECK_FALSE(stays_inside("/etc/passwd"));
  CHECK_FALSE(stays_inside("C:\\x.xlsx"));
}
