#include <catch2/catch.hpp>

#include "engagement_fixture.h"

using namespace tillit;
using namespace tillit::testing;

namespace {

std::string one(const CheckRun& run, const std::string& rule) {
  auto all = run.of(rule);
  REQUIRE(all.size() == 1);
  return all[0];
}

}  // namespace

TEST_CASE("the small engagement checks clean", "[validate]") {
  auto env = small_engagement();
  auto run = run_check(env);
  for (const auto& d : run.diags.all()) INFO(format_human(d));
  CHECK(run.diags.all().empty());
  REQUIRE(run.summary);
  CHECK(run.summary->criteria_in_scope == 33);
  CHECK(run.summary->gaps.empty());
  CHECK(run.summary->controls == 1);
  CHECK(run.diags.exit_code() == ExitCode::Ok);
}

TEST_CASE("unknown criteria are errors with a suggestion", "[validate]") {
  auto env = small_engagement();
  env.put("eng/controls.csv",
          matrix_header() + good_row("C-01", all_common_criteria()) +
              good_row("C-02", "CC10.1; PP1.1, CC 6.1 cc6.1 CC6.0"));
  auto run = run_check(env);
  auto all = run.of("unknown-criterion");
  REQUIRE(all.size() == 5);
  CHECK(all[0] ==
        "eng/controls.csv:3:6: error: control 'C-02' maps to unknown criterion 'CC10.1'; did "
        "you mean 'CC1.1'? [unknown-criterion]\n");
  CHECK(all[1].find("unknown criterion 'PP1.1'; did you mean 'PI1.1'?") != std::string::npos);
  CHECK(all[2].find("unknown criterion 'CC 6.1'; did you mean 'CC6.1'?") != std::string::npos);
  CHECK(all[3].find("unknown criterion 'cc6.1'; did you mean 'CC6.1'?") != std::string::npos);
  CHECK(all[4].find("'CC6.0'; CC6.0 is a series heading, not a criterion") != std::string::npos);
  CHECK(run.diags.exit_code() == ExitCode::Findings);
}

TEST_CASE("a criterion outside the categories in scope is a warning", "[validate]") {
  auto env = small_engagement();
  env.put("eng/controls.csv",
          matrix_header() + good_row("C-01", all_common_criteria() + ", A1.2"));
  auto run = run_check(env);
  CHECK(one(run, "criterion-out-of-scope") ==
        "eng/controls.csv:2:6: warning: control 'C-01' maps to A1.2, a Availability criterion, "
        "but that category is not in scope; the mapping is ignored [criterion-out-of-scope]\n");
  CHECK(run.diags.exit_code() == ExitCode::Ok);
}

TEST_CASE("a duplicate control ID is an error with a note at the first", "[validate]") {
  auto env = small_engagement();
  env.put("eng/controls.csv", matrix_header() + good_row("C-01", all_common_criteria()) +
                                  good_row("C-01", "CC6.1"));
  auto run = run_check(env);
  CHECK(one(run, "duplicate-control-id") ==
        "eng/controls.csv:3:1: error: duplicate control ID 'C-01' [duplicate-control-id]\n"
        "eng/controls.csv:2:1: note: first defined here\n");
}

TEST_CASE("a missing required column is located at the header row", "[validate]") {
  auto env = small_engagement();
  env.put("eng/controls.csv", "Titel\n\nControl ID,Control description (sv),Owner\nC-01,x,y\n");
  auto run = run_check(env);
  CHECK(one(run, "missing-column") ==
        "eng/controls.csv:3: error: missing required column 'Criteria' in the control matrix "
        "header row [missing-column]\n");
  CHECK(run.diags.exit_code() == ExitCode::Findings);
}

TEST_CASE("an empty required cell is an error", "[validate]") {
  auto env = small_engagement();
  env.put("eng/controls.csv", matrix_header() + good_row("C-01", all_common_criteria()) +
                                  "C-02,,Beskrivning,Description,a,b,,,,,,\n"
                                  ",CC6.1,,,a,b,,,,,,\n");
  auto run = run_check(env);
  auto all = run.of("empty-required-cell");
  REQUIRE(all.size() == 3);
  CHECK(all[0] == "eng/controls.csv:3:6: error: empty Criteria in control 'C-02' "
                  "[empty-required-cell]\n");
  CHECK(all[1] == "eng/controls.csv:4:1: error: empty Control ID in this row "
                  "[empty-required-cell]\n");
  CHECK(all[2] == "eng/controls.csv:4:8: error: empty Control description in this control "
                  "[empty-required-cell]\n");
}

TEST_CASE("criteria in scope without a control are the gap analysis", "[validate]") {
  auto env = small_engagement();
  env.put("eng/controls.csv", matrix_header() + good_row("C-01", "CC1.1, CC1.2"));
  auto run = run_check(env);
  auto gaps = run.of("uncovered-criterion");
  CHECK(gaps.size() == 31);
  CHECK(gaps[0] ==
        "eng/controls.csv: warning: no control addresses CC1.3 (Structures, reporting lines, "
        "authorities and responsibilities); map a control to it or mark it not applicable "
        "[uncovered-criterion]\n");
  REQUIRE(run.summary);
  CHECK(run.summary->gaps.size() == 31);
  CHECK(run.summary->coverage[0].covered == 2);
}

TEST_CASE("Type 2 controls need test procedures; deviations need responses", "[validate]") {
  auto env = small_engagement();
  env.put("eng/controls.csv",
          matrix_header() + good_row("C-01", all_common_criteria()) +
              "C-02,CC6.1,Beskrivning,Description,,,,,,,,\n"
              "C-03,CC6.2,Beskrivning,Description,a,b,Avvikelse noterad.,Exception noted.,"
              "2 av 25,2 of 25,,\n");
  auto run = run_check(env);
  CHECK(one(run, "missing-test-procedure") ==
        "eng/controls.csv:3:36: warning: Type 2 control 'C-02' has no test procedure "
        "[missing-test-procedure]\n");
  CHECK(one(run, "deviation-without-response") ==
        "eng/controls.csv:4:92: warning: deviation in control 'C-03' has no management response "
        "(Section V shows one per deviation) [deviation-without-response]\n");
  REQUIRE(run.summary);
  CHECK(run.summary->deviations == 1);
}

TEST_CASE("text missing in one language is a warning, an error under --strict", "[validate]") {
  auto env = small_engagement();
  env.put("eng/controls.csv", matrix_header() + good_row("C-01", all_common_criteria()) +
                                  "C-02,CC6.1,Beskrivning,,a,b,,,,,,\n");
  auto run = run_check(env);
  CHECK(one(run, "missing-translation") ==
        "eng/controls.csv:3:24: warning: no English text for the Control description of "
        "control 'C-02' [missing-translation]\n");
  CHECK(run.diags.exit_code() == ExitCode::Ok);
  auto strict = run_check(env, true);
  CHECK(strict.diags.error_count() == 1);
  CHECK(strict.diags.exit_code() == ExitCode::Findings);
}

TEST_CASE("period rules", "[validate]") {
  auto env = small_engagement();
  SECTION("shorter than six months") {
    env.put("eng/engagement.xml",
            small_manifest("<report type=\"2\">\n    <period start=\"2026-01-01\" "
                           "end=\"2026-05-31\"/>\n    <languages>sv en</languages>\n  </report>\n"));
    auto run = run_check(env);
    CHECK(one(run, "short-period") ==
          "eng/engagement.xml:6:5: warning: the period 2026-01-01 to 2026-05-31 is 151 days, "
          "shorter than six months; user entities and their auditors usually expect at least "
          "six months [short-period]\n");
  }
  SECTION("exactly six months is fine") {
    auto run = run_check(env);
    CHECK(run.of("short-period").empty());
  }
  SECTION("ending after the report date") {
    env.put("eng/engagement.xml",
            small_manifest("<report type=\"2\">\n    <period start=\"2026-03-01\" "
                           "end=\"2026-12-31\"/>\n    <languages>sv en</languages>\n  </report>\n"));
    auto run = run_check(env);
    CHECK(one(run, "period-after-report-date") ==
          "eng/engagement.xml:6:5: error: the period ends 2026-12-31, after the report date "
          "2026-08-01 [period-after-report-date]\n");
  }
  SECTION("Type 1 without an as-of date") {
    env.put("eng/engagement.xml",
            small_manifest("<report type=\"1\">\n    <languages>sv en</languages>\n  </report>\n"));
    auto run = run_check(env);
    CHECK(one(run, "missing-as-of-date") ==
          "eng/engagement.xml:5:3: error: a Type 1 report needs an as-of date "
          "(<as-of date=\"YYYY-MM-DD\"/>) [missing-as-of-date]\n");
  }
}

TEST_CASE("CUECs and CSOCs are checked", "[validate]") {
  auto env = small_engagement();
  env.put("eng/engagement.xml",
          small_manifest(
              "<report type=\"2\">\n    <period start=\"2026-01-01\" end=\"2026-06-30\"/>\n"
              "    <languages>sv en</languages>\n  </report>\n",
              "  <inputs><cuecs>cuecs.csv</cuecs><subservice>sub.csv</subservice></inputs>\n"));
  env.put("eng/cuecs.csv",
          "CUEC ID;Kriterier;Beskrivning (sv);Description (en)\nCUEC-01;CC6.1;a;b\n"
          "CUEC-02;CC 12.1;a;b\n");
  env.put("eng/sub.csv",
          "Subservice organization,Method,Service (sv),Service (en),CSOC ID,Criteria,"
          "Complementary control (sv),Complementary control (en)\n"
          "Molnet AB,,Drift,Hosting,CSOC-1,CC6.4,a,b\n"
          ",,,,CSOC-2,CC66.4,a,b\n"
          "Hallen AB,carve-out,Lokaler,Premises,CSOC-3,A1.2,a,b\n");
  auto run = run_check(env);
  auto unknown = run.of("unknown-criterion");
  REQUIRE(unknown.size() == 2);
  CHECK(unknown[0] == "eng/cuecs.csv:3:9: error: CUEC 'CUEC-02' maps to unknown criterion "
                      "'CC 12.1'; did you mean 'CC1.1'? [unknown-criterion]\n");
  CHECK(unknown[1] == "eng/sub.csv:3:12: error: CSOC 'CSOC-2' maps to unknown criterion "
                      "'CC66.4'; did you mean 'CC6.4'? [unknown-criterion]\n");
  CHECK(one(run, "subservice-without-method") ==
        "eng/sub.csv:2:11: error: subservice organisation 'Molnet AB' has no method; write "
        "carve-out or inclusive [subservice-without-method]\n");
  CHECK(run.of("criterion-out-of-scope").size() == 1);  // A1.2 with Security only
  REQUIRE(run.summary);
  CHECK(run.summary->cuecs == 2);
  CHECK(run.summary->subservice_orgs == 2);
  CHECK(run.summary->csocs == 3);
}

TEST_CASE("a missing narrative for a required topic is an error", "[validate]") {
  auto env = small_engagement();
  MemoryEnv copy;
  for (const auto& [path, bytes] : env.files()) {
    if (path != "eng/description/en/boundaries.md") copy.put(path, bytes);
  }
  auto run = run_check(copy);
  CHECK(one(run, "missing-narrative") ==
        "eng/description/en/boundaries.md: error: missing English narrative for DC3 "
        "(boundaries) [missing-narrative]\n");
}

TEST_CASE("a criterion marked not applicable must not have controls", "[validate]") {
  auto env = small_engagement();
  env.put("eng/engagement.xml",
          small_manifest(
              "<report type=\"2\">\n    <period start=\"2026-01-01\" end=\"2026-06-30\"/>\n"
              "    <languages>sv en</languages>\n  </report>\n",
              "  <not-applicable criterion=\"CC6.4\">\n"
              "    <reason lang=\"sv\">Inga lokaler.</reason><reason lang=\"en\">No premises."
              "</reason>\n  </not-applicable>\n"));
  auto run = run_check(env);
  CHECK(one(run, "not-applicable-with-controls") ==
        "eng/engagement.xml:12:3: error: CC6.4 is marked not applicable, but 1 control(s) map "
        "to it [not-applicable-with-controls]\n"
        "eng/controls.csv:2:6: note: control 'C-01' maps to CC6.4\n");
}
