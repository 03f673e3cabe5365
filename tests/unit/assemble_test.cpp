#include <catch2/catch.hpp>

#include "assemble/assemble.h"
#include "engagement_fixture.h"

#include <sstream>

using namespace tillit;
using namespace tillit::testing;

namespace {

struct Outline {
  std::vector<std::string> h1, h2, h3;
  int tables = 0;
  std::string all_text;
};

void collect_text(const model::Blocks& blocks, std::string& out);

void collect_text(const model::Block& b, std::string& out) {
  if (auto* p = std::get_if<model::Paragraph>(&b.value)) {
    out += model::plain_text(p->content) + "\n";
  } else if (auto* h = std::get_if<model::Heading>(&b.value)) {
    out += model::plain_text(h->content) + "\n";
  } else if (auto* t = std::get_if<model::Table>(&b.value)) {
    for (auto& r : t->rows)
      for (auto& c : r.cells) collect_text(c.content, out);
  } else if (auto* l = std::get_if<model::List>(&b.value)) {
    for (auto& item : l->items) collect_text(item, out);
  }
}

void collect_text(const model::Blocks& blocks, std::string& out) {
  for (auto& b : blocks) collect_text(b, out);
}

Outline outline(const model::Document& doc) {
  Outline o;
  for (const auto& b : doc.blocks) {
    if (auto* h = std::get_if<model::Heading>(&b.value)) {
      std::string t = model::plain_text(h->content);
      (h->level == 1 ? o.h1 : h->level == 2 ? o.h2 : o.h3).push_back(t);
    }
    if (std::holds_alternative<model::Table>(b.value)) ++o.tables;
  }
  collect_text(doc.blocks, o.all_text);
  return o;
}

model::Document build_report(const MemoryEnv& env, const std::string& lang, Diagnostics& d) {
  auto e = ingest::load_engagement(env, "eng", d);
  REQUIRE(e);
  return assemble::assemble_report(*e, lang, env, d);
}

}  // namespace

TEST_CASE("the report has Sections I-V in both languages with the same shape", "[assemble]") {
  auto env = small_engagement();
  Diagnostics d;
  auto sv = outline(build_report(env, "sv", d));
  auto en = outline(build_report(env, "en", d));
  for (const auto& x : d.all()) INFO(format_human(x));
  CHECK(d.all().empty());
  REQUIRE(sv.h1.size() == 5);
  CHECK(sv.h1[0] == "Avsnitt I – Oberoende revisors rapport");
  CHECK(en.h1[0] == "Section I – Independent Service Auditor's Report");
  CHECK(sv.h1[2] == "Avsnitt III – Beskrivning av Exempelsystemet");
  CHECK(en.h1[4] == "Section V – Other Information Provided by Exempel AB");
  CHECK(sv.h1.size() == en.h1.size());
  CHECK(sv.h2.size() == en.h2.size());
  CHECK(sv.h3.size() == en.h3.size());
  CHECK(sv.tables == en.tables);
  // Section IV: every common criterion with its localised title.
  CHECK(std::count(sv.h3.begin(), sv.h3.end(), "CC6.1 Logiskt åtkomstskydd för skyddade informationstillgångar") == 1);
  CHECK(std::count(en.h3.begin(), en.h3.end(), "CC6.1 Logical access security over protected information assets") == 1);
  // An empty result without a deviation reads "no exceptions noted".
  CHECK(sv.all_text.find("Inga avvikelser noterades.") != std::string::npos);
  CHECK(en.all_text.find("No exceptions noted.") != std::string::npos);
  CHECK(sv.all_text.find("No exceptions noted.") == std::string::npos);
}

TEST_CASE("Section IV sits in its own landscape section", "[assemble]") {
  auto env = small_engagement();
  Diagnostics d;
  auto doc = build_report(env, "sv", d);
  int landscape_at = -1, portrait_at = -1, sec4_at = -1;
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const auto& b = doc.blocks[i];
    if (auto* s = std::get_if<model::SectionBreak>(&b.value)) {
      (s->next == model::Orientation::Landscape ? landscape_at : portrait_at) = static_cast<int>(i);
    }
    if (auto* h = std::get_if<model::Heading>(&b.value)) {
      if (h->bookmark == "sec-4") sec4_at = static_cast<int>(i);
    }
  }
  CHECK(landscape_at >= 0);
  CHECK(landscape_at < sec4_at);
  CHECK(sec4_at < portrait_at);
  CHECK(doc.meta.language == "sv-SE");
  CHECK(doc.meta.watermark == "UTKAST");  // no status in the manifest means a draft
}

TEST_CASE("dates, Type 1 and opinion wording follow the manifest", "[assemble]") {
  auto env = small_engagement();
  Diagnostics d;
  SECTION("Type 2 period in running text") {
    auto sv = outline(build_report(env, "sv", d));
    CHECK(sv.all_text.find("1 januari 2026 – 30 juni 2026") != std::string::npos);
    auto en = outline(build_report(env, "en", d));
    CHECK(en.all_text.find("January 1, 2026 to June 30, 2026") != std::string::npos);
  }
  SECTION("Type 1 has no tests and no results") {
    env.put("eng/engagement.xml",
            small_manifest("<report type=\"1\">\n    <as-of date=\"2026-06-30\"/>\n"
                           "    <languages>sv en</languages>\n  </report>\n"));
    auto doc = build_report(env, "en", d);
    auto en = outline(doc);
    CHECK(en.all_text.find("June 30, 2026") != std::string::npos);
    CHECK(en.all_text.find("No exceptions noted.") == std::string::npos);
    CHECK(en.h1[3] == "Section IV – Trust Services Criteria and Related Controls");
  }
  SECTION("a qualified opinion carries its basis") {
    env.put("eng/engagement.xml",
            small_manifest("<report type=\"2\">\n    <period start=\"2026-01-01\" end=\"2026-06-30\"/>\n"
                           "    <languages>sv en</languages>\n  </report>\n"
                           "  <opinion kind=\"qualified\"><basis lang=\"sv\">Kontrollen ACC-04 fungerade inte.</basis>"
                           "<basis lang=\"en\">Control ACC-04 did not operate.</basis></opinion>\n"));
    auto sv = outline(build_report(env, "sv", d));
    CHECK(sv.all_text.find("Kontrollen ACC-04 fungerade inte.") != std::string::npos);
    CHECK(sv.all_text.find("reservation") != std::string::npos);
  }
}

TEST_CASE("the Swedish report has no English fixed sentence", "[assemble]") {
  auto env = small_engagement();
  env.put("eng/engagement.xml",
          small_manifest("<report type=\"2\">\n    <period start=\"2026-01-01\" end=\"2026-06-30\"/>\n"
                         "    <languages>sv en</languages>\n  </report>\n"
                         "  <opinion kind=\"qualified\"><basis lang=\"sv\">Grund.</basis>"
                         "<basis lang=\"en\">Basis.</basis></opinion>\n"));
  Diagnostics d;
  auto sv = outline(build_report(env, "sv", d));
  auto en = outline(build_report(env, "en", d));
  // Every English line of some length, cut into sentences; none may stand in the Swedish text.
  size_t checked = 0;
  std::istringstream lines(en.all_text);
  for (std::string line; std::getline(lines, line);) {
    size_t start = 0;
    while (start < line.size()) {
      size_t end = line.find(". ", start);
      std::string sentence = line.substr(start, end == std::string::npos ? end : end - start);
      start = end == std::string::npos ? line.size() : end + 2;
      // Identifiers and lists of criteria are the same in both languages.
      bool has_words = std::count_if(sentence.begin(), sentence.end(),
                                     [](char c) { return c >= 'a' && c <= 'z'; }) > 10;
      if (sentence.size() < 25 || !has_words) continue;
      ++checked;
      INFO(sentence);
      CHECK(sv.all_text.find(sentence) == std::string::npos);
    }
  }
  CHECK(checked > 100);
}
