// Issued reports and what changed since: the JSON reader and writer, paragraph alignment,
// `issue` and `diff` on small engagements in memory, a scripted remediation of the real sample
// on disk, and the exit codes of the two commands.
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "engagement_fixture.h"
#include "sample_remediation.h"
#include "history/issued.h"
#include "history/json.h"

namespace fs = std::filesystem;
namespace history = tillit::history;
namespace json = tillit::history::json;
using namespace tillit;
using namespace tillit::testing;

namespace {


std::optional<history::Snapshot> issue(Env& env, const std::string& label,
                                       std::optional<Date> date = std::nullopt,
                                       bool force = false) {
  Diagnostics diags;
  auto s = history::issue(env, history::IssueOptions{"eng", label, date, force}, diags);
  INFO(all_diagnostics(diags));
  CHECK(!diags.has_errors());
  return s;
}

Diagnostics issue_fails(Env& env, const std::string& label, bool force = false) {
  Diagnostics diags;
  CHECK_FALSE(history::issue(env, history::IssueOptions{"eng", label, std::nullopt, force}, diags));
  return diags;
}

history::Diff diff(const Env& env, const std::string& since = "") {
  Diagnostics diags;
  auto d = history::compare_with_issued(env, history::CompareOptions{"eng", since}, diags);
  INFO(all_diagnostics(diags));
  REQUIRE(d);
  return *d;
}

Diagnostics diff_fails(const Env& env, const std::string& since = "") {
  Diagnostics diags;
  CHECK_FALSE(history::compare_with_issued(env, history::CompareOptions{"eng", since}, diags));
  return diags;
}

Date date(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

std::vector<std::string> errors(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.all()) {
    if (d.severity == Severity::Error) out.push_back(format_human(d));
  }
  return out;
}

struct FieldSummary {
  std::string field, lang, before, after;
  bool operator==(const FieldSummary&) const = default;
};

std::vector<FieldSummary> summarise(const std::vector<history::FieldChange>& changes) {
  std::vector<FieldSummary> out;
  for (const auto& c : changes) out.push_back(FieldSummary{c.field, c.lang, c.before, c.after});
  return out;
}

}  // namespace

namespace Catch {
template <>
struct StringMaker<FieldSummary> {
  static std::string convert(const FieldSummary& f) {
    return "{" + f.field + " (" + f.lang + "): '" + f.before + "' -> '" + f.after + "'}";
  }
};
}  // namespace Catch

// ---- JSON ---------------------------------------------------------------------------------

TEST_CASE("json is written one value per line and read back", "[history]") {
  json::Value v = json::object();
  v.add("name", json::string("Åsa \"A\"\n"));
  v.add("n", json::number(-12));
  v.add("list", json::string_array({"a", "b"}));
  v.add("empty", json::array());
  v.add("none", json::object());
  v.add("yes", json::boolean(true));
  std::string text = json::write(v);
  CHECK(text ==
        "{\n"
        "  \"name\": \"Åsa \\\"A\\\"\\n\",\n"
        "  \"n\": -12,\n"
        "  \"list\": [\n"
        "    \"a\",\n"
        "    \"b\"\n"
        "  ],\n"
        "  \"empty\": [],\n"
        "  \"none\": {},\n"
        "  \"yes\": true\n"
        "}\n");
  json::ParseError error;
  auto back = json::parse(text, error);
  REQUIRE(back);
  CHECK(json::write(*back) == text);
  CHECK(back->find("list")->line == 4);
  CHECK(back->find("list")->column == 11);
}

TEST_CASE("json escapes and surrogate pairs decode to UTF-8", "[history]") {
  json::ParseError error;
  auto v = json::parse(R"({"a": "\u00e5\ud83d\ude00\/\t", "b": [1.5e3, null, false]})", error);
  REQUIRE(v);
  CHECK(v->find("a")->text == "å\xF0\x9F\x98\x80/\t");
  CHECK(v->find("b")->items.at(0).text == "1.5e3");
}

TEST_CASE("json errors say where", "[history]") {
  auto fails = [](const std::string& text) {
    json::ParseError error;
    CHECK_FALSE(json::parse(text, error));
    return std::to_string(error.line) + ":" + std::to_string(error.column) + " " + error.message;
  };
  CHECK(fails("{\n  \"a\": 1,\n<<<<<<< HEAD\n") ==
        "3:1 expected a member name in quotes, found '<'");
  CHECK(fails("{\"a\": 1, \"a\": 2}") == "1:10 duplicate member 'a'");
  CHECK(fails("{\"å\": tru}") == "1:7 expected a value, found 't'");
  CHECK(fails("[1] x") == "1:5 unexpected 'x' after the end of the document");
  CHECK(fails("\"\\ud800\"") == "1:8 unpaired surrogate in a string");
  CHECK(fails("\"a\nb\"") == "1:3 control character in a string (write it as an escape)");
  CHECK(fails("[\"\xFF\"]") == "1:3 invalid UTF-8");
  CHECK(fails("[01]") == "1:3 expected ',' or ']', found '1'");
  CHECK(fails(std::string(100, '[')) == "1:66 nesting deeper than 64 levels");
  CHECK(fails("") == "1:1 expected a value, found end of the document");
}

// ---- paragraphs ---------------------------------------------------------------------------

TEST_CASE("narratives split into paragraphs at blank lines", "[history]") {
  auto ps = history::split_paragraphs("# Title\r\n\r\nOne\r\ntwo  \n \t\n\n- a\n- b\n");
  REQUIRE(ps.size() == 3);
  CHECK(ps[0].line == 1);
  CHECK(ps[0].text == "# Title");
  CHECK(ps[1].line == 3);
  CHECK(ps[1].text == "One\ntwo  ");
  CHECK(ps[2].line == 7);
  CHECK(ps[2].text == "- a\n- b");
  CHECK(history::split_paragraphs("").empty());
}

TEST_CASE("paragraphs align by longest common subsequence", "[history]") {
  using Kind = history::ParagraphChange::Kind;
  auto changes = [](const std::string& before, const std::string& after) {
    std::vector<std::string> out;
    for (const auto& c : history::compare_paragraphs(history::split_paragraphs(before),
                                                     history::split_paragraphs(after))) {
      const char* kind = c.kind == Kind::Added     ? "added"
                         : c.kind == Kind::Removed ? "removed"
                                                   : "changed";
      out.push_back(std::string(kind) + " " + std::to_string(c.number) + " at " +
                    std::to_string(c.line) + ": " + c.excerpt);
    }
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(changes("A\n\nB\n\nC\n", "A\n\nB\n\nC\n").empty());
  CHECK(changes("A\n\nB\n\nC\n", "A\n\nB2\n\nC\n\nD\n") ==
        V{"changed 2 at 3: B2", "added 4 at 7: D"});
  CHECK(changes("A\n\nB\n\nC\n", "B\n\nC\n") == V{"removed 1 at 1: A"});
  CHECK(changes("A\n\nC\n", "A\n\nB\n\nC\n") == V{"added 2 at 3: B"});
  CHECK(changes("A\n\nX\n\nB\n\nY\n\nC\n", "A\n\nB\n\nC\n") ==
        V{"removed 2 at 3: X", "removed 4 at 7: Y"});
  CHECK(changes("A\n\nB\n", "") == V{"removed 1 at 1: A", "removed 2 at 3: B"});
}

TEST_CASE("excerpts are one line and cut after 60 characters", "[history]") {
  CHECK(history::excerpt("  a\n  b\t c  ") == "a b c");
  std::string long_text;
  for (int i = 0; i < 70; ++i) long_text += "å";
  std::string sixty;
  for (int i = 0; i < 60; ++i) sixty += "å";
  CHECK(history::excerpt(long_text) == sixty + "…");
  CHECK(history::excerpt(sixty) == sixty);
}

// ---- issue --------------------------------------------------------------------------------

TEST_CASE("issue records the engagement under issued/", "[history]") {
  auto env = small_engagement();
  auto s = issue(env, "v1");
  REQUIRE(s);
  CHECK(s->label == "v1");
  CHECK(s->date == "2026-08-01");
  CHECK(s->date_source == "report-date");
  CHECK(s->tool_version == TILLIT_VERSION);
  REQUIRE(s->controls.size() == 1);
  const auto& c = s->controls[0];
  CHECK(c.id == "C-01");
  CHECK(c.where == "controls.csv:2");
  CHECK(c.criteria.resolved.size() == 33);
  CHECK(c.criteria.where == "controls.csv:2:6");
  CHECK(c.description.at("sv").value == "Beskrivning");
  const size_t criteria_chars = all_common_criteria().size();
  CHECK(c.description.at("sv").where == "controls.csv:2:" + std::to_string(9 + criteria_chars));
  CHECK(c.description.at("en").where == "controls.csv:2:" + std::to_string(21 + criteria_chars));
  REQUIRE(s->coverage.size() == 33);
  CHECK(s->coverage[0].criterion == "CC1.1");
  CHECK(s->coverage[0].controls == std::vector<std::string>{"C-01"});
  CHECK(s->narratives.size() == 30);
  CHECK(s->narratives[0].file == "description/sv/services.md");

  std::string text = read(env, "eng/issued/v1.json");
  CHECK(text.rfind("{\n  \"format\": \"tillit-issued-report\",\n  \"format_version\": 1,\n", 0) ==
        0);
  CHECK(text == history::to_json(*s));
  Diagnostics diags;
  auto back = history::from_json(text, "eng/issued/v1.json", diags);
  REQUIRE(back);
  CHECK(history::to_json(*back) == text);
}

TEST_CASE("the issue date: --date, else the report date, else today", "[history]") {
  auto env = small_engagement();
  auto s = issue(env, "v1", date(2026, 9, 2));
  REQUIRE(s);
  CHECK(s->date == "2026-09-02");
  CHECK(s->date_source == "option");

  std::string manifest = small_manifest();
  replace_once(manifest, "<report-date>2026-08-01</report-date>", "");
  env.put("eng/engagement.xml", manifest);
  s = issue(env, "v2");
  REQUIRE(s);
  CHECK(s->date == "2026-01-01");  // MemoryEnv's today
  CHECK(s->date_source == "today");
}

TEST_CASE("labels are letters, digits, dots, underscores and dashes", "[history]") {
  for (const char* good : {"v1", "final", "2026-08-14", "v1.2_rc-3", "A"}) {
    CHECK(history::valid_label(good));
  }
  for (const char* bad : {"", "v 1", "v/1", "../v1", "v1\n", "å", "v1;rm"}) {
    CHECK_FALSE(history::valid_label(bad));
  }
  CHECK_FALSE(history::valid_label(std::string(65, 'a')));
  auto env = small_engagement();
  auto diags = issue_fails(env, "../v1");
  CHECK(diags.exit_code() == ExitCode::Usage);
  CHECK(env.files().count("eng/issued/../v1.json") == 0);
}

TEST_CASE("an issued label is not replaced without --force", "[history]") {
  auto env = small_engagement();
  REQUIRE(issue(env, "v1", date(2026, 8, 1)));
  auto diags = issue_fails(env, "v1");
  CHECK(errors(diags) ==
        std::vector<std::string>{"eng/issued/v1.json: error: a report labelled 'v1' was already "
                                 "issued; choose another label, or give --force to replace it "
                                 "[issued-exists]\n"});
  CHECK(diags.exit_code() == ExitCode::CantCreate);
  CHECK(read(env, "eng/issued/v1.json").find("\"date\": \"2026-08-01\"") != std::string::npos);

  REQUIRE(issue(env, "v1", date(2026, 8, 20), true));
  CHECK(read(env, "eng/issued/v1.json").find("\"date\": \"2026-08-20\"") != std::string::npos);
}

TEST_CASE("a report with errors is not issued", "[history]") {
  auto env = small_engagement();
  env.put("eng/controls.csv",
          matrix_header() + good_row("C-01", all_common_criteria()) + good_row("C-02", "PP1.1"));
  auto diags = issue_fails(env, "v1");
  CHECK(diags.exit_code() == ExitCode::Findings);
  auto all = errors(diags);
  REQUIRE(all.size() == 1);
  CHECK(all[0].find("[unknown-criterion]") != std::string::npos);
  CHECK(env.kind("eng/issued") == Env::Kind::Missing);
}

// ---- diff ---------------------------------------------------------------------------------

TEST_CASE("diff without an issued report is a missing input", "[history]") {
  auto env = small_engagement();
  auto diags = diff_fails(env);
  CHECK(errors(diags) ==
        std::vector<std::string>{"eng/issued: error: no report has been issued yet; record one "
                                 "with 'tillit issue eng --label v1' [nothing-issued]\n"});
  CHECK(diags.exit_code() == ExitCode::NoInput);

  REQUIRE(issue(env, "v1"));
  diags = diff_fails(env, "v2");
  CHECK(errors(diags) == std::vector<std::string>{"eng/issued/v2.json: error: no report labelled "
                                                  "'v2' was issued; issued: v1 "
                                                  "[nothing-issued]\n"});
  CHECK(diags.exit_code() == ExitCode::NoInput);
}

TEST_CASE("a corrupt snapshot is refused with its location", "[history]") {
  auto env = small_engagement();
  REQUIRE(issue(env, "v1"));
  const std::string good = read(env, "eng/issued/v1.json");

  SECTION("a merge conflict") {
    std::string text = good;
    replace_once(text, "  \"format_version\": 1,\n", "<<<<<<< HEAD\n");
    env.put("eng/issued/v1.json", text);
    auto diags = diff_fails(env);
    CHECK(errors(diags) == std::vector<std::string>{
                               "eng/issued/v1.json:3:1: error: corrupt snapshot: expected a "
                               "member name in quotes, found '<'; it cannot be trusted: restore "
                               "it from version control or issue the report again "
                               "[snapshot-corrupt]\n"});
    CHECK(diags.exit_code() == ExitCode::DataError);
  }
  SECTION("a value of the wrong kind") {
    std::string text = good;
    replace_once(text, "\"type\": \"2\"", "\"type\": 2");
    env.put("eng/issued/v1.json", text);
    auto all = errors(diff_fails(env));
    REQUIRE(all.size() == 1);
    CHECK(all[0].rfind("eng/issued/v1.json:20:13: error: corrupt snapshot: 'type' should be a "
                       "string;",
                       0) == 0);
  }
  SECTION("cut short") {
    env.put("eng/issued/v1.json", good.substr(0, good.size() / 2));
    auto diags = diff_fails(env);
    CHECK(diags.exit_code() == ExitCode::DataError);
    CHECK(diags.all().at(0).rule == "snapshot-corrupt");
    CHECK(diags.all().at(0).where.line > 100);
  }
  SECTION("another format version") {
    std::string text = good;
    replace_once(text, "\"format_version\": 1,", "\"format_version\": 2,");
    env.put("eng/issued/v1.json", text);
    auto diags = diff_fails(env);
    CHECK(errors(diags) ==
          std::vector<std::string>{"eng/issued/v1.json:3:21: error: written in snapshot format 2 "
                                   "by tillit " TILLIT_VERSION
                                   "; this tillit reads format 1 only [snapshot-format]\n"});
    CHECK(diags.exit_code() == ExitCode::DataError);
  }
  SECTION("not a snapshot at all") {
    env.put("eng/issued/v1.json", "{\"controls\": []}\n");
    auto all = errors(diff_fails(env));
    REQUIRE(all.size() == 1);
    CHECK(all[0].rfind("eng/issued/v1.json:1:1: error: corrupt snapshot: not an issued report",
                       0) == 0);
  }
  SECTION("a copy under another name") {
    env.put("eng/issued/v2.json", good);
    auto all = errors(diff_fails(env, "v2"));
    REQUIRE(all.size() == 1);
    CHECK(all[0].rfind("eng/issued/v2.json: error: corrupt snapshot: the file is named 'v2' but "
                       "records 'v1'",
                       0) == 0);
  }
  SECTION("any corrupt one stops the search for the newest") {
    env.put("eng/issued/v0.json", "");
    auto diags = diff_fails(env);
    CHECK(diags.exit_code() == ExitCode::DataError);
    CHECK(errors(diags).at(0).find("eng/issued/v0.json") == 0);
    CHECK(diff(env, "v1").empty());
  }
}

TEST_CASE("the newest issued report is found by date, then label", "[history]") {
  auto env = small_engagement();
  REQUIRE(issue(env, "v2", date(2026, 9, 1)));
  REQUIRE(issue(env, "v10", date(2026, 9, 1)));
  REQUIRE(issue(env, "v9", date(2026, 9, 1)));
  REQUIRE(issue(env, "z-early", date(2026, 7, 1)));
  env.put("eng/issued/notes.txt", "not a snapshot");
  Diagnostics diags;
  auto newest = history::load_issued(env, "eng", "", diags);
  REQUIRE(newest);
  CHECK(newest->label == "v10");
  CHECK(diff(env).since_label == "v10");
  CHECK(diff(env, "z-early").since_label == "z-early");
}

TEST_CASE("an engagement with errors is not compared", "[history]") {
  auto env = small_engagement();
  REQUIRE(issue(env, "v1"));
  env.put("eng/controls.csv", matrix_header() + good_row("C-01", "CC1.1, XX9.9"));
  auto diags = diff_fails(env);
  CHECK(diags.exit_code() == ExitCode::Findings);
}

TEST_CASE("diff on the small engagement: every kind of change", "[history]") {
  auto env = small_engagement();
  REQUIRE(issue(env, "v1"));
  std::string criteria = all_common_criteria();
  // C-01 loses CC6.5 to the new C-02; CC6.6 loses its only control.
  std::string c01 = criteria;
  replace_once(c01, "CC6.5, ", "");
  replace_once(c01, "CC6.6, ", "");
  env.put("eng/controls.csv", matrix_header() + good_row("C-01", c01) +
                                  "C-02,CC6.5,Ny,New,Granskning,Test,Avvikelse noterad.,Exception "
                                  "noted.,En avvikelse,A deviation,Svar,Response\n");
  env.put("eng/description/en/services.md", "Text.\n\nA second paragraph.\n");
  std::string manifest = small_manifest();
  replace_once(manifest, "</engagement>",
               "<opinion kind=\"qualified\"><basis lang=\"sv\">Grund</basis>"
               "<basis lang=\"en\">Basis</basis></opinion></engagement>");
  env.put("eng/engagement.xml", manifest);

  auto d = diff(env);
  CHECK(summarise(d.opinion) == std::vector<FieldSummary>{{"kind", "", "unmodified", "qualified"},
                                                          {"basis", "sv", "", "Grund"},
                                                          {"basis", "en", "", "Basis"}});
  CHECK(d.report.empty());
  REQUIRE(d.controls.added.size() == 1);
  CHECK(d.controls.added[0].id == "C-02");
  CHECK(d.controls.added[0].where == "controls.csv:3");
  CHECK(d.controls.added[0].deviation);
  REQUIRE(d.controls.edited.size() == 1);
  REQUIRE(d.controls.edited[0].changes.size() == 1);
  CHECK(d.controls.edited[0].changes[0].field == "criteria");
  CHECK(d.controls.edited[0].changes[0].where == "controls.csv:2:6");
  REQUIRE(d.coverage.size() == 2);
  CHECK(d.coverage[0].criterion == "CC6.5");
  CHECK(d.coverage[0].added == std::vector<std::string>{"C-02"});
  CHECK(d.coverage[0].removed == std::vector<std::string>{"C-01"});
  CHECK_FALSE(d.coverage[0].became_gap);
  CHECK(d.coverage[1].criterion == "CC6.6");
  CHECK(d.coverage[1].became_gap);
  CHECK(d.results.empty());
  CHECK(d.deviations_opened.empty());  // C-02 is new: it shows among the added controls
  REQUIRE(d.narratives.size() == 1);
  CHECK(d.narratives[0].lang == "en");
  REQUIRE(d.narratives[0].paragraphs.size() == 1);
  CHECK(d.narratives[0].paragraphs[0].kind == history::ParagraphChange::Kind::Added);
  CHECK(history::summary_line(d) ==
        "since v1: 1 control added, 1 control edited, 1 new gap, 1 narrative paragraph added, "
        "opinion changed");
  CHECK(history::format_text(d) ==
        "Changes since v1 (issued 2026-08-01):\n"
        "Opinion and assertion\n"
        "  kind: \"unmodified\" -> \"qualified\"\n"
        "  basis (sv) added at engagement.xml:13:27\n"
        "  basis (en) added at engagement.xml:13:57\n"
        "Controls\n"
        "  added C-02 (CC6.5) at controls.csv:3, with a deviation\n"
        "  C-01: criteria changed at controls.csv:2:6\n"
        "Coverage\n"
        "  CC6.5: added C-02; removed C-01\n"
        "  CC6.6: removed C-01; now a gap\n"
        "Narratives\n"
        "  services (en): paragraph 2 added at description/en/services.md:3: \"A second "
        "paragraph.\"\n"
        "since v1: 1 control added, 1 control edited, 1 new gap, 1 narrative paragraph added, "
        "opinion changed\n");

  // Then the deviation is closed and the gap too; the removed control goes.
  env.put("eng/controls.csv", matrix_header() + good_row("C-02", criteria));
  d = diff(env);
  CHECK(d.deviations_closed.empty());
  CHECK(d.controls.removed.size() == 1);
  CHECK(d.controls.added.size() == 1);
}

TEST_CASE("diff: CUECs, subservice organisations, CSOCs and the assertion", "[history]") {
  auto env = small_engagement();
  std::string manifest = small_manifest();
  replace_once(manifest, "<inputs><matrix>controls.csv</matrix></inputs>",
               "<inputs><matrix>controls.csv</matrix><cuecs>cuecs.csv</cuecs>"
               "<subservice>subservice.csv</subservice>"
               "<assertion lang=\"sv\">assertion/sv.md</assertion></inputs>");
  env.put("eng/engagement.xml", manifest);
  const std::string cuec_header = "CUEC ID,Criteria,Description (sv),Description (en)\n";
  const std::string org_header =
      "Subservice organisation,Method,Service (sv),Service (en),CSOC ID,Criteria,"
      "Complementary control (sv),Complementary control (en)\n";
  env.put("eng/cuecs.csv", cuec_header + "U-01,CC6.1,Användare,Users\nU-02,CC6.2,Två,Two\n");
  env.put("eng/subservice.csv", org_header +
                                    "Moln AB,carve-out,Drift,Hosting,S-01,CC6.4,Fysisk,Physical\n"
                                    ",,,,S-02,A1.2,Kraft,Power\n"
                                    "Gammal AB,inclusive,Gammalt,Old,S-09,CC6.4,X,Y\n");
  env.put("eng/assertion/sv.md", "Vi intygar.\n");
  REQUIRE(issue(env, "v1"));

  env.put("eng/cuecs.csv", cuec_header + "U-01,CC6.1,Användarna,Users\nU-03,CC6.3,Tre,Three\n");
  env.put("eng/subservice.csv", org_header +
                                    "Moln AB,inclusive,Drift,Hosting,S-01,CC6.4,Fysisk,Physical\n"
                                    ",,,,S-03,CC6.4,Ny,New\n"
                                    "Ny AB,carve-out,Nytt,New,S-10,CC6.4,X,Y\n");
  env.put("eng/assertion/sv.md", "Vi intygar härmed.\n");
  auto d = diff(env);
  CHECK(history::summary_line(d) ==
        "since v1: 1 CUEC added, 1 CUEC removed, 1 CUEC edited, 1 subservice organisation "
        "added, 1 subservice organisation removed, 1 subservice organisation edited, 1 CSOC "
        "added, 1 CSOC removed, assertion changed");
  std::string text = history::format_text(d);
  for (const char* line :
       {"Opinion and assertion\n  assertion (sv) changed at assertion/sv.md\n",
        "CUECs\n  added U-03 (CC6.3) at cuecs.csv:3\n  removed U-02 (CC6.2) at cuecs.csv:3\n"
        "  U-01: description (sv) changed at cuecs.csv:2:12\n",
        "Subservice organisations\n  added Ny AB at subservice.csv:4\n"
        "  removed Gammal AB at subservice.csv:4\n"
        "  Moln AB: method changed at subservice.csv:2:9\n",
        "CSOCs\n  added Moln AB: S-03 (CC6.4) at subservice.csv:3\n"
        "  removed Moln AB: S-02 at subservice.csv:3\n"}) {
    CHECK_THAT(text, Catch::Contains(line));
  }
  CHECK(d.controls.empty());
  CHECK(d.coverage.empty());
}

TEST_CASE("deviations open and close on the same control", "[history]") {
  auto env = small_engagement();
  REQUIRE(issue(env, "v1"));
  env.put("eng/controls.csv",
          matrix_header() + "C-01,\"" + all_common_criteria() +
              "\",Beskrivning,Description,Granskning,Test,Avvikelse noterad.,Exception noted.,,,"
              "Svar,Response\n");
  auto d = diff(env);
  CHECK(d.deviations_opened == std::vector<std::string>{"C-01"});
  REQUIRE(d.results.size() == 2);
  CHECK(d.results[0].change.lang == "sv");
  CHECK(d.results[0].change.after == "Avvikelse noterad.");
  CHECK(d.results[0].change.where ==
        "controls.csv:2:" + std::to_string(49 + all_common_criteria().size()));
  REQUIRE(issue(env, "v2", date(2026, 9, 1)));
  env.put("eng/controls.csv", matrix_header() + good_row("C-01", all_common_criteria()));
  d = diff(env);
  CHECK(d.since_label == "v2");
  CHECK(d.deviations_closed == std::vector<std::string>{"C-01"});
  CHECK(history::summary_line(d) == "since v2: 1 deviation closed, 1 control edited");
}

TEST_CASE("the build's closing line", "[history]") {
  auto env = small_engagement();
  Diagnostics diags;
  auto e = ingest::load_engagement(env, "eng", diags);
  REQUIRE(e);
  CHECK(history::diff_summary_line(env, *e) == "");
  REQUIRE(issue(env, "v1"));
  CHECK(history::diff_summary_line(env, *e) == "no changes since v1");
  env.put("eng/description/sv/services.md", "Ny text.\n");
  e = ingest::load_engagement(env, "eng", diags);
  REQUIRE(e);
  CHECK(history::diff_summary_line(env, *e) == "since v1: 1 narrative paragraph changed");
  env.put("eng/issued/v1.json", "{");
  CHECK(history::diff_summary_line(env, *e) ==
        "cannot compare with the issued reports: eng/issued/v1.json:1:2: error: corrupt "
        "snapshot: expected a member name in quotes, found end of the document; it cannot be "
        "trusted: restore it from version control or issue the report again "
        "[snapshot-corrupt]");
}

// ---- the sample, remediated ---------------------------------------------------------------

TEST_CASE("remediating the sample: diff reports exactly what was done", "[history]") {
  TempDir tmp;
  DiskEnv env;
  const std::string dir = copy_sample_as_csv(tmp.path);
  const std::string controls = dir + "/controls.csv";
  const std::string services = dir + "/description/sv/services.md";
  Diagnostics diags;
  auto v1 = history::issue(env, history::IssueOptions{dir, "v1", std::nullopt, false}, diags);
  INFO(all_diagnostics(diags));
  REQUIRE(v1);
  CHECK(v1->date == "2026-08-14");
  CHECK(v1->controls.size() == 109);
  CHECK(read(env, dir + "/issued/v1.json") == history::to_json(*v1));
  auto compare = [&](const std::string& since) {
    Diagnostics d;
    auto result = history::compare_with_issued(env, history::CompareOptions{dir, since}, d);
    INFO(all_diagnostics(d));
    REQUIRE(result);
    return *result;
  };

  // Saved again by another program: every field quoted, LF line ends; CRLF in a narrative.
  auto records = read_csv_records(read(env, controls));
  write(env, controls, write_csv_records(records, true, "\n"));
  std::string narrative = read(env, services);
  std::string crlf;
  for (char c : narrative) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  write(env, services, crlf);
  auto unchanged = compare("");
  CHECK(unchanged.empty());
  CHECK(history::format_text(unchanged) == "no changes since v1 (issued 2026-08-14)\n");

  // The remediation: two deviations resolved, one control added, one paragraph reworded.
  remediate_sample(env, dir);

  auto d = compare("v1");
  CHECK(d.report.empty());
  CHECK(d.opinion.empty());
  REQUIRE(d.controls.added.size() == 1);
  CHECK(d.controls.added[0].id == "CHG-11");
  CHECK(d.controls.added[0].where == "controls.csv:111");
  CHECK(d.controls.added[0].criteria == std::vector<std::string>{"CC8.1"});
  CHECK_FALSE(d.controls.added[0].deviation);
  CHECK(d.controls.removed.empty());
  REQUIRE(d.controls.edited.size() == 2);
  const std::vector<std::pair<std::string, int>> edited = {{"ACC-04", 40}, {"CHG-04", 79}};
  for (size_t i = 0; i < edited.size(); ++i) {
    const auto& edit = d.controls.edited[i];
    CHECK(edit.id == edited[i].first);
    CHECK(summarise(edit.changes) ==
          std::vector<FieldSummary>{{"result", "sv", "Avvikelse noterad.", ""},
                                    {"result", "en", "Exception noted.", ""},
                                    {"deviation", "sv", edit.changes.at(2).before, ""},
                                    {"deviation", "en", edit.changes.at(3).before, ""}});
    for (const auto& change : edit.changes) {
      CHECK(change.where.rfind("controls.csv:" + std::to_string(edited[i].second) + ":", 0) == 0);
    }
  }
  CHECK(d.controls.edited[0].changes[2].before.rfind("För 2 av 18 avslutade användare", 0) == 0);
  REQUIRE(d.coverage.size() == 1);
  CHECK(d.coverage[0].criterion == "CC8.1");
  CHECK(d.coverage[0].added == std::vector<std::string>{"CHG-11"});
  CHECK(d.coverage[0].removed.empty());
  CHECK_FALSE(d.coverage[0].became_gap);
  CHECK_FALSE(d.coverage[0].gap_closed);
  CHECK(d.results.size() == 4);
  CHECK(d.deviations_closed == std::vector<std::string>{"ACC-04", "CHG-04"});
  CHECK(d.deviations_opened.empty());
  REQUIRE(d.narratives.size() == 1);
  CHECK(d.narratives[0].topic == "services");
  CHECK(d.narratives[0].lang == "sv");
  CHECK(d.narratives[0].file == "description/sv/services.md");
  REQUIRE(d.narratives[0].paragraphs.size() == 1);
  const auto& p = d.narratives[0].paragraphs[0];
  CHECK(p.kind == history::ParagraphChange::Kind::Changed);
  CHECK(p.number == 3);
  CHECK(p.line == 5);
  CHECK(p.excerpt == "Kvarn HR-plattformen tillhandahålls som en molntjänst (SaaS)…");
  CHECK(d.cuecs.empty());
  CHECK(d.subservice.empty());
  CHECK(d.csocs.empty());
  const std::string line =
      "since v1: 2 deviations closed, 1 control added, 2 controls edited, 1 narrative paragraph "
      "changed";
  CHECK(history::summary_line(d) == line);

  std::string text = history::format_text(d);
  CHECK(text.find("  added CHG-11 (CC8.1) at controls.csv:111\n") != std::string::npos);
  CHECK(text.find("  CHG-04: result (sv) cleared at controls.csv:79:") != std::string::npos);
  CHECK(text.find("  CC8.1: added CHG-11\n") != std::string::npos);
  CHECK(text.find("  ACC-04 (en): \"Exception noted.\" -> (empty)\n") != std::string::npos);
  CHECK(text.find("Deviations\n  closed: ACC-04, CHG-04\n") != std::string::npos);
  CHECK(text.find("  services (sv): paragraph 3 changed at description/sv/services.md:5: "
                  "\"Kvarn HR-plattformen tillhandahålls som en molntjänst (SaaS)…\"\n") !=
        std::string::npos);
  CHECK(text.substr(text.size() - line.size() - 1) == line + "\n");

  json::ParseError error;
  auto as_json = json::parse(history::format_json(d), error);
  REQUIRE(as_json);
  CHECK(as_json->find("changed")->flag);
  CHECK(as_json->find("summary")->text == line);
  CHECK(as_json->find("controls")->find("added")->items.at(0).find("id")->text == "CHG-11");
  CHECK(as_json->find("deviations")->find("closed")->items.size() == 2);
  CHECK(as_json->find("cuecs")->find("edited")->items.empty());

  Diagnostics load_diags;
  auto now = ingest::load_engagement(env, dir, load_diags);
  REQUIRE(now);
  CHECK(history::diff_summary_line(env, *now) == line);
}

// ---- the commands -------------------------------------------------------------------------

TEST_CASE("issue and diff exit codes", "[history]") {
  TempDir tmp;
  DiskEnv disk;
  const MemoryEnv memory = small_engagement();
  for (const auto& [path, bytes] : memory.files()) {
    fs::create_directories((tmp.path / path).parent_path());
    write(disk, (tmp.path / path).string(), bytes);
  }
  const std::string eng = (tmp.path / "eng").string();
  auto run = [&](const std::string& args) {
    std::string command = std::string(TILLIT_BINARY) + " " + args + " >/dev/null 2>&1";
    int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    return WEXITSTATUS(status);
  };
  CHECK(run("diff " + eng) == 66);
  CHECK(run("issue " + eng) == 64);
  CHECK(run("issue " + eng + " --label 'v 1'") == 64);
  CHECK(run("issue " + eng + " --label v1 --date 2026-13-01") == 64);
  CHECK(run("issue " + eng + " --label v1") == 0);
  CHECK(run("issue " + eng + " --label v1") == 73);
  CHECK(run("issue " + eng + " --label v1 --force") == 0);
  CHECK(run("diff " + eng) == 0);
  CHECK(run("diff " + eng + " --format json") == 0);
  CHECK(run("diff " + eng + " --format xml") == 64);
  CHECK(run("diff " + eng + " --since v2") == 66);
  write(disk, eng + "/description/sv/services.md", "Ändrad.\n");
  CHECK(run("diff " + eng) == 0);
  write(disk, eng + "/issued/v1.json", "{}");
  CHECK(run("diff " + eng) == 65);
  write(disk, eng + "/controls.csv", matrix_header() + good_row("C-01", "PP1.1"));
  CHECK(run("issue " + eng + " --label v2") == 1);
}
