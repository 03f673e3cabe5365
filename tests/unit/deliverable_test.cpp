// Deliverables: front matter errors at their line and column, Mustache variables (with an
// engagement's figures), line numbers through template expansion, and the parity check.
#include "deliverable/deliverable.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "deliverable/front_matter.h"
#include "deliverable/template.h"
#include "docx_test_support.h"
#include "engagement_fixture.h"

using namespace tillit;
using namespace tillit::deliverable;

namespace {

const std::string kFront =
    "---\n"
    "title: Om SOC 2\n"
    "date: 2026-09-01\n"
    "language: sv\n"
    "kind: whitepaper\n"
    "---\n";

std::string english(std::string text) {
  auto swap = [&](const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
  };
  swap("language: sv", "language: en");
  swap("title: Om SOC 2", "title: About SOC 2");
  return text;
}

/// Every diagnostic as "file:line:col: severity: message [rule]" plus note lines.
std::vector<std::string> lines_of(const Diagnostics& diags, const std::string& rule = "") {
  std::vector<std::string> out;
  for (const auto& d : diags.all()) {
    if (rule.empty() || d.rule == rule) out.push_back(format_human(d));
  }
  return out;
}

bool has(const std::vector<std::string>& lines, const std::string& part) {
  for (const auto& l : lines) {
    if (l.find(part) != std::string::npos) return true;
  }
  return false;
}

struct Run {
  Diagnostics diags;
  std::vector<Prepared> versions;
};

/// Prepare the deliverable "paper/doc" from the given versions (empty = absent).
Run prepare_in(MemoryEnv& env, const std::string& sv, const std::string& en) {
  if (!sv.empty()) env.put("paper/doc.sv.md", sv);
  if (!en.empty()) env.put("paper/doc.en.md", en);
  Run run;
  auto found = find(env, "paper", {}, run.diags);
  REQUIRE(found.size() == 1);
  run.versions = prepare(env, found[0], run.diags);
  return run;
}

Run prepare_sv(const std::string& sv) {
  MemoryEnv env;
  return prepare_in(env, sv, "");
}

std::string body_text(const model::Document& doc) {
  std::string out;
  for (const auto& b : doc.blocks) {
    if (auto* p = std::get_if<model::Paragraph>(&b.value)) out += model::plain_text(p->content) + "\n";
    if (auto* h = std::get_if<model::Heading>(&b.value)) out += model::plain_text(h->content) + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("front matter: a valid one gives every field", "[deliverable]") {
  Diagnostics diags;
  auto fm = parse_front_matter(
      "---\ntitle: \"SOC 2: en introduktion\"\nsubtitle: 'Det ''viktigaste'''\n"
      "firm: Byrån AB # a comment\ndate: 2026-09-01\nlanguage: sv\nkind: letter\n"
      "confidentiality: strictly-confidential\ntoc: yes\ndraft: true\n---\n# Rubrik\n",
      "x.sv.md", diags);
  REQUIRE(fm);
  CHECK(diags.all().empty());
  CHECK(fm->title.value == "SOC 2: en introduktion");
  CHECK(fm->subtitle.value == "Det 'viktigaste'");
  CHECK(fm->firm.value == "Byrån AB");
  CHECK(fm->kind == Kind::Letter);
  CHECK(fm->confidentiality == Confidentiality::StrictlyConfidential);
  CHECK(fm->has_toc());
  CHECK(fm->draft);
  CHECK(fm->body_line == 12);
  CHECK(fm->title.where.str() == "x.sv.md:2:8");
}

TEST_CASE("front matter: errors are located at their line and column", "[deliverable]") {
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"---\ntitel: X\ndate: 2026-09-01\nlanguage: sv\nkind: memo\n---\n",
       "x.sv.md:2:1: error: unknown key 'titel'; did you mean 'title'? [front-matter-unknown-key]"},
      {"---\ntitle: X\nlanguage: sv\nkind: memo\n---\n",
       "x.sv.md:1:1: error: the front matter lacks 'date': the date of the document as "
       "YYYY-MM-DD [front-matter-missing-key]"},
      {"---\ntitle: X\ndate: 2026-13-01\nlanguage: sv\nkind: memo\n---\n",
       "x.sv.md:3:7: error: '2026-13-01' is not a date; write it as YYYY-MM-DD "
       "[front-matter-value]"},
      {"---\ntitle: X\ndate: 2026-09-01\nlanguage:   de\nkind: memo\n---\n",
       "x.sv.md:4:13: error: unknown language 'de'; use sv or en [front-matter-value]"},
      {"---\ntitle: X\ndate: 2026-09-01\nlanguage: sv\nkind: whitepapper\n---\n",
       "x.sv.md:5:7: error: unknown kind 'whitepapper'; did you mean 'whitepaper'? "
       "[front-matter-value]"},
      {"---\ntitle: X\ndate: 2026-09-01\nlanguage: sv\nkind: memo\n",
       "x.sv.md:1:1: error: the front matter is not closed"},
      {"# Rubrik\n", "x.sv.md:1:1: error: a deliverable starts with its front matter"},
      {"---\ntitle: X\n  nested: 1\n---\n", "x.sv.md:3:1: error: indented line"},
      {"---\ntitle: [a, b]\n---\n",
       "x.sv.md:2:8: error: a value starting with '[' must be quoted"},
      {"---\ntitle: \"öppen\n---\n", "x.sv.md:2:8: error: the quoted value is not closed"},
  };
  for (const auto& c : cases) {
    Diagnostics diags;
    INFO(c.text);
    CHECK_FALSE(parse_front_matter(c.text, "x.sv.md", diags));
    CHECK(has(lines_of(diags), c.expected));
  }
}

TEST_CASE("front matter: a key given twice points at the first", "[deliverable]") {
  Diagnostics diags;
  CHECK_FALSE(parse_front_matter(kFront.substr(0, kFront.size() - 4) + "title: Igen\n---\n",
                                 "x.sv.md", diags));
  auto lines = lines_of(diags, "front-matter-duplicate-key");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "x.sv.md:6:1: error: 'title' is given twice [front-matter-duplicate-key]\n"
                    "x.sv.md:2:1: note: first given here\n");
}

TEST_CASE("front matter: the language must match the file name", "[deliverable]") {
  auto run = prepare_sv(english(kFront) + "Text.\n");
  CHECK(has(lines_of(run.diags), "paper/doc.sv.md:4:11: error: the file name says 'sv' but the "
                                 "front matter says 'en' [front-matter-language]"));
}

TEST_CASE("templates: front matter variables in the language of the version", "[deliverable]") {
  auto run = prepare_sv(kFront + "Daterad {{date}}: *{{title}}* ({{kind}}).\n");
  REQUIRE(run.diags.all().empty());
  REQUIRE(run.versions.size() == 1);
  CHECK(body_text(run.versions[0].doc).find("Daterad 1 september 2026: Om SOC 2 (Vitbok).") !=
        std::string::npos);
}

TEST_CASE("templates: unknown variables and broken sections are located", "[deliverable]") {
  auto run = prepare_sv(kFront + "Rad ett.\n\nHej {{titel}} och {{organisation}}.\n{{#toc\n");
  auto lines = lines_of(run.diags);
  CHECK(has(lines, "paper/doc.sv.md:9:5: error: unknown variable 'titel'; did you mean 'title'? "
                   "[template-variable]"));
  CHECK(has(lines, "paper/doc.sv.md:9:19: error: unknown variable 'organisation': it comes from "
                   "an engagement"));
  CHECK(has(lines, "paper/doc.sv.md:10:1: error: '{{' is not closed by '}}' [template-syntax]"));

  auto unclosed = prepare_sv(kFront + "\n{{#subtitle}}\nText.\n");
  CHECK(has(lines_of(unclosed.diags), "paper/doc.sv.md:8:1: error: section '{{#subtitle}}' is "
                                      "not closed; end it with '{{/subtitle}}' [template-syntax]"));
  auto flag = prepare_sv(kFront + "{{/title}}\n");
  CHECK(has(lines_of(flag.diags), "paper/doc.sv.md:7:1: error: '{{/title}}' closes no section"));
}

TEST_CASE("templates: an engagement's figures, per language", "[deliverable]") {
  MemoryEnv env = testing::small_engagement();
  std::string sv = kFront;
  sv.insert(sv.size() - 4, "engagement: ../eng\n");
  const std::string body =
      "{{organisation}}: {{control_count}} kontroll(er), {{criteria_covered}} av "
      "{{criteria_in_scope}} kriterier, period {{period}}, kategorier {{categories}}."
      "{{#type2}} Typ 2.{{/type2}}{{^has_gaps}} Inga luckor.{{/has_gaps}}\n\n"
      "{{{coverage_table}}}\n"
      "{{#coverage}}- {{category}}: {{covered}}/{{in_scope}}\n{{/coverage}}";
  auto run = prepare_in(env, sv + body, english(sv) + body);
  REQUIRE(lines_of(run.diags).empty());
  REQUIRE(run.versions.size() == 2);
  std::string text_sv = body_text(run.versions[0].doc);
  std::string text_en = body_text(run.versions[1].doc);
  CHECK(text_sv.find("Exempel AB: 1 kontroll(er), 33 av 33 kriterier, period 1 januari 2026 – "
                     "30 juni 2026, kategorier säkerhet. Typ 2. Inga luckor.") != std::string::npos);
  CHECK(text_en.find("period January 1, 2026 to June 30, 2026, kategorier security.") !=
        std::string::npos);
  // The coverage table is a real table: header, one category, the total.
  const model::Table* table = nullptr;
  const model::List* list = nullptr;
  for (const auto& b : run.versions[0].doc.blocks) {
    if (!table) table = std::get_if<model::Table>(&b.value);
    if (!list) list = std::get_if<model::List>(&b.value);
  }
  REQUIRE(table);
  REQUIRE(table->rows.size() == 3);
  auto cell = [&](size_t r, size_t c) {
    return model::plain_text(std::get<model::Paragraph>(table->rows[r].cells[c].content[0].value).content);
  };
  CHECK(cell(0, 4) == "Luckor");
  CHECK(cell(1, 0) == "Säkerhet (gemensamma kriterier)");
  CHECK(cell(2, 2) == "33");
  REQUIRE(list);
  CHECK(list->items.size() == 1);
}

TEST_CASE("templates: lines after a multi-line value keep their numbers", "[deliverable]") {
  MemoryEnv env = testing::small_engagement();
  std::string sv = kFront;
  sv.insert(sv.size() - 4, "engagement: ../eng\n");
  // The table adds four lines and the sections remove some; the image is on line 17.
  auto run = prepare_in(env,
                        sv + "{{{coverage_table}}}\n\n{{#type1}}\nTyp 1.\n{{/type1}}\n"
                             "{{#type2}}\nTyp 2.\n{{/type2}}\n\n![Bild](saknas.png)\n",
                        "");
  CHECK(has(lines_of(run.diags),
            "paper/doc.sv.md:17:1: error: image 'saknas.png' not found [markdown-image]"));
}

TEST_CASE("parity: matching versions give no findings", "[deliverable]") {
  const std::string body =
      "# Ett\n\nText.\n\n- a\n- b\n\n## Två\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n# Tre\n\n1. x\n";
  MemoryEnv env;
  auto run = prepare_in(env, kFront + body, english(kFront) + body);
  CHECK(lines_of(run.diags).empty());
}

TEST_CASE("parity: a removed heading, an extra table and a missing list item", "[deliverable]") {
  const std::string sv = kFront +
                         "# Inledning\n"            // 7
                         "\n"
                         "- första\n"               // 9
                         "- andra\n"                // 10
                         "- tredje\n"               // 11
                         "\n"
                         "# Typ 1 och typ 2\n"      // 13
                         "\n"
                         "Text.\n"
                         "\n"
                         "# Avgränsning\n"          // 17
                         "\n"
                         "| A | B |\n"              // 19
                         "|---|---|\n"
                         "| 1 | 2 |\n";
  const std::string en = english(kFront) +
                         "# Introduction\n"         // 7
                         "\n"
                         "- first\n"                // 9
                         "- second\n"               // 10
                         "\n"
                         "# Scoping\n"              // 12
                         "\n"
                         "| A | B |\n"              // 14
                         "|---|---|\n"
                         "| 1 | 2 |\n"
                         "\n"
                         "| C | D |\n"              // 18
                         "|---|---|\n"
                         "| 3 | 4 |\n";
  MemoryEnv env;
  auto run = prepare_in(env, sv, en);
  auto lines = lines_of(run.diags);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] ==
        "paper/doc.sv.md:13:1: warning: heading 'Typ 1 och typ 2' has no counterpart in "
        "paper/doc.en.md [parity-heading]\n"
        "paper/doc.en.md:12:1: note: expected before this heading\n");
  CHECK(lines[1] ==
        "paper/doc.sv.md:11:1: warning: this list has 3 items, its counterpart in "
        "paper/doc.en.md has 2; this item has no counterpart [parity-list]\n"
        "paper/doc.en.md:9:1: note: the list in paper/doc.en.md\n");
  CHECK(lines[2] ==
        "paper/doc.en.md:18:1: warning: section 'Scoping' has 2 table(s) here and 1 in "
        "paper/doc.sv.md; this one has no counterpart [parity-table]\n"
        "paper/doc.sv.md:17:1: note: the section in paper/doc.sv.md\n");
}

TEST_CASE("parity: a heading at another level, images and front matter", "[deliverable]") {
  std::string sv = kFront + "# A\n\n## B\n\n![x](x.png)\n";
  sv.insert(sv.find("kind:"), "confidentiality: internal\n");
  const std::string en = english(kFront) + "# A\n\n### B\n";
  MemoryEnv env;
  env.put("paper/x.png", test::make_png(2, 2));
  auto run = prepare_in(env, sv, en);
  auto lines = lines_of(run.diags);
  CHECK(has(lines, "paper/doc.en.md:9:1: warning: heading 'B' is level 3, its counterpart in "
                   "paper/doc.sv.md is level 2 [parity-heading]"));
  CHECK(has(lines, "paper/doc.sv.md:12:1: warning: section 'B' has 1 image(s) here and 0 in "
                   "paper/doc.en.md; this one has no counterpart [parity-image]"));
  CHECK(has(lines, "paper/doc.en.md:1:1: warning: 'confidentiality' is '' here but 'internal' "
                   "in paper/doc.sv.md [parity-front-matter]"));
}

TEST_CASE("finding deliverables in a folder or from one file", "[deliverable]") {
  MemoryEnv env;
  env.put("d/a.sv.md", kFront);
  env.put("d/a.en.md", english(kFront));
  env.put("d/b.sv.md", kFront);
  env.put("d/README.md", "Not a deliverable.\n");
  Diagnostics diags;
  auto all = find(env, "d", {}, diags);
  REQUIRE(all.size() == 2);
  CHECK(all[0].name == "a");
  REQUIRE(all[0].versions.size() == 2);
  CHECK(all[0].versions[0].lang == "sv");
  CHECK(all[1].versions.size() == 1);

  auto pair = find(env, "d/a.en.md", {}, diags);
  REQUIRE(pair.size() == 1);
  CHECK(pair[0].versions.size() == 2);
  CHECK(diags.all().empty());

  find(env, "d/b.sv.md", {"en"}, diags);
  CHECK(has(lines_of(diags), "d/b.en.md: error: 'b' has no English version [missing-file]"));
  Diagnostics none;
  find(env, "d/README.md", {}, none);
  CHECK(has(lines_of(none), "not-a-deliverable"));
}

TEST_CASE("a whitepaper gets a cover page and contents, a letter starts at once", "[deliverable]") {
  auto count = [](const model::Document& doc) {
    int breaks = 0;
    int tocs = 0;
    for (const auto& b : doc.blocks) {
      breaks += std::holds_alternative<model::PageBreak>(b.value);
      tocs += std::holds_alternative<model::TableOfContents>(b.value);
    }
    return std::pair{breaks, tocs};
  };
  std::string paper = kFront;
  paper.insert(paper.size() - 4, "firm: Byrån AB\nconfidentiality: confidential\ndraft: yes\n");
  auto whitepaper = prepare_sv(paper + "# Rubrik\n");
  REQUIRE(whitepaper.versions.size() == 1);
  const auto& doc = whitepaper.versions[0].doc;
  CHECK(count(doc) == std::pair{2, 1});
  CHECK(doc.meta.header_text == "Byrån AB – Om SOC 2 – Konfidentiell");
  CHECK(doc.meta.watermark == "UTKAST");
  CHECK(doc.meta.date == "2026-09-01");
  CHECK(doc.meta.language == "sv-SE");

  std::string letter = kFront;
  letter.replace(letter.find("whitepaper"), 10, "letter");
  auto brief = prepare_sv(letter + "Hej!\n");
  REQUIRE(brief.versions.size() == 1);
  CHECK(count(brief.versions[0].doc) == std::pair{0, 0});
  CHECK(body_text(brief.versions[0].doc).find("1 september 2026\nHej!") != std::string::npos);
}

TEST_CASE("hostile texts: nesting, many bad tags and many differences are bounded",
          "[deliverable]") {
  std::string nested;
  for (int i = 0; i < 5000; ++i) nested += "{{#title}}";
  auto deep = prepare_sv(kFront + nested + "\n");
  CHECK(has(lines_of(deep.diags), "paper/doc.sv.md:7:321: error: sections nested more than 32 deep"));
  CHECK(deep.diags.error_count() <= 101);

  std::string unknown;
  for (int i = 0; i < 200000; ++i) unknown += "{{x}}";
  auto many = prepare_sv(kFront + unknown + "\n");
  CHECK(many.diags.error_count() == 101);
  CHECK(has(lines_of(many.diags), "paper/doc.sv.md:7:501: error: too many template errors"));

  // Two versions of 1,500 headings each, every level different: too large to align, paired
  // in order, and only the first hundred differences reported.
  std::string sv = kFront;
  std::string en = english(kFront);
  for (int i = 0; i < 1500; ++i) {
    sv += "# A\n\n";
    en += "## A\n\n";
  }
  MemoryEnv env;
  auto run = prepare_in(env, sv, en);
  CHECK(run.diags.warning_count() == 101);
  CHECK(has(lines_of(run.diags, "parity-limit"), "1400 more differences from paper/doc.sv.md"));
}
