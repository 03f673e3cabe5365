#include <catch2/catch.hpp>

#include "locale/locale.h"
#include "support/embedded.h"

using namespace tillit;
using tillit::locale::Locale;

namespace {
Date date(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
}  // namespace

TEST_CASE("dates and periods as each language writes them", "[locale]") {
  const Locale& sv = Locale::get("sv");
  const Locale& en = Locale::get("en");
  CHECK(sv.date(date(2026, 8, 14)) == "14 augusti 2026");
  CHECK(en.date(date(2026, 8, 14)) == "August 14, 2026");
  CHECK(sv.period(date(2026, 1, 1), date(2026, 6, 30)) == "1 januari 2026 – 30 juni 2026");
  CHECK(en.period(date(2026, 1, 1), date(2026, 6, 30)) == "January 1, 2026 to June 30, 2026");
  CHECK(iso_date(date(2026, 6, 30)) == "2026-06-30");
}

TEST_CASE("lists join with the language's conjunction", "[locale]") {
  const Locale& sv = Locale::get("sv");
  const Locale& en = Locale::get("en");
  CHECK(sv.list({"säkerhet"}) == "säkerhet");
  CHECK(sv.list({"säkerhet", "tillgänglighet"}) == "säkerhet och tillgänglighet");
  CHECK(sv.list({"a", "b", "c"}) == "a, b och c");
  CHECK(en.list({"a", "b"}) == "a and b");
  CHECK(en.list({"a", "b", "c"}) == "a, b, and c");
}

TEST_CASE("strings render with template data", "[locale]") {
  locale::Data data;
  data.set("organisation", "Molnkvarn AB");
  data.set("type", "2");
  CHECK(Locale::get("sv").str("header", data) == "Molnkvarn AB – SOC 2 typ 2-rapport");
  CHECK(Locale::get("en").str("header", data) == "Molnkvarn AB – SOC 2 Type 2 Report");
  CHECK(Locale::get("sv").str("result.no_exceptions") == "Inga avvikelser noterades.");
  CHECK_THROWS(Locale::get("sv").str("no.such.key"));
}

TEST_CASE("both languages have every string and every report template", "[locale]") {
  const Locale& sv = Locale::get("sv");
  const Locale& en = Locale::get("en");
  CHECK(sv.keys() == en.keys());
  for (const auto& key : sv.keys()) {
    INFO(key);
    if (key == "list.serial_comma") continue;  // empty in Swedish by design
    CHECK_FALSE(sv.str(key).empty());
    CHECK_FALSE(en.str(key).empty());
  }
  for (const auto& f : embedded_files()) {
    std::string path(f.path);
    if (path.rfind("locales/sv/report/", 0) != 0) continue;
    std::string twin = "locales/en/report/" + path.substr(std::string("locales/sv/report/").size());
    INFO(path);
    CHECK(embedded(twin));
  }
}
