// The redline: word-level and block-level comparison of two versions of a report, the marks
// resolved (accepted, rejected), and the tracked changes in the DOCX's XML.
#include "redline/redline.h"

#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "docx_test_support.h"
#include "redline/keys.h"
#include "redline/words.h"
#include "redline_test_support.h"
#include "render/pandoc/pandoc.h"

using namespace tillit;
using namespace tillit::redline_test;
using model::Change;

namespace {

const redline::Revision kWho{"Revisionsbyrån Ek & Lind AB", "2026-09-01"};

model::Document doc_of(model::Blocks blocks) {
  model::Document doc;
  doc.meta.language = "sv-SE";
  doc.blocks = std::move(blocks);
  return doc;
}

model::TableRow row(std::vector<std::string> cells) {
  model::TableRow r;
  for (auto& text : cells) {
    r.cells.push_back(model::TableCell{{model::para(std::move(text), model::ParaRole::TableText)}});
  }
  return r;
}

model::Table controls_table(const std::vector<std::vector<std::string>>& rows) {
  model::Table t;
  t.widths = {1, 3, 2};
  t.header_rows = 1;
  t.role = model::TableRole::Controls;
  t.rows.push_back(row({"ID", "Kontroll", "Resultat"}));
  for (const auto& r : rows) t.rows.push_back(row(r));
  return t;
}

std::string document_xml(const model::Document& doc) {
  auto parts = test::unzip(render::docx::write_docx(doc, render::docx::builtin_reference()));
  return parts.at("word/document.xml");
}

}  // namespace

// ---- words ----------------------------------------------------------------------------------

TEST_CASE("a word added inside a paragraph is the only thing marked", "[redline]") {
  auto diff = redline::compare_words(model::text("Alla kunder använder samma version."),
                                     model::text("Alla kunder använder alltid samma version."));
  CHECK(diff.changed);
  CHECK(marked_text(diff.merged) == "Alla kunder använder {+alltid +}samma version.");
  CHECK(diff.similarity == Approx(12.0 / 13.0));
}

TEST_CASE("a reworded phrase reads as one deletion and one insertion", "[redline]") {
  auto diff = redline::compare_words(model::text("Avvikelse noterad."),
                                     model::text("Inga avvikelser noterades."));
  CHECK(marked_text(diff.merged) == "[-Avvikelse noterad-]{+Inga avvikelser noterades+}.");
  CHECK(diff.similarity < 0.5);
}

TEST_CASE("words: removed, replaced, formatting changed, unchanged", "[redline]") {
  CHECK(marked_text(redline::compare_words(model::text("Granskade ett urval av 25 ändringar."),
                                           model::text("Granskade 25 ändringar."))
                        .merged) == "Granskade [-ett urval av -]25 ändringar.");
  CHECK(marked_text(redline::compare_words(model::text("Perioden 2026-01-01 – 2026-03-31."),
                                           model::text("Perioden 2026-01-01 – 2026-06-30."))
                        .merged) == "Perioden 2026-01-01 – 2026-[-03-31-]{+06-30+}.");
  CHECK(marked_text(redline::compare_words(model::text("Kvartalsvis granskning"),
                                           model::text("Månatlig granskning"))
                        .merged) == "[-Kvartalsvis-]{+Månatlig+} granskning");
  model::Inlines bold = {model::Run{"Kontrollen ", model::kPlain},
                         model::Run{"brast", model::kBold}};
  auto diff = redline::compare_words(model::text("Kontrollen brast"), bold);
  CHECK(marked_text(diff.merged) == "Kontrollen [-brast-]{+brast+}");
  auto same =
      redline::compare_words(model::text("Oförändrad text."), model::text("Oförändrad text."));
  CHECK_FALSE(same.changed);
  CHECK(marked_text(same.merged) == "Oförändrad text.");
}

TEST_CASE("a link or a footnote changes as a whole", "[redline]") {
  model::Inlines before = {model::Run{"Se "}, model::Link{{model::Run{"policyn"}}, "https://a.se"}};
  model::Inlines after = {model::Run{"Se "}, model::Link{{model::Run{"policyn"}}, "https://b.se"}};
  auto diff = redline::compare_words(before, after);
  REQUIRE(diff.merged.size() == 3);
  CHECK(std::get<model::Link>(diff.merged[1]).change == Change::Deleted);
  CHECK(std::get<model::Link>(diff.merged[1]).target == "https://a.se");
  CHECK(std::get<model::Link>(diff.merged[2]).change == Change::Inserted);
}

// ---- blocks ---------------------------------------------------------------------------------

TEST_CASE("paragraphs deleted and inserted keep their places", "[redline]") {
  auto before = doc_of({model::para("Första stycket om tjänsten."),
                        model::para("Ett stycke som tas bort."), model::para("Tredje stycket.")});
  auto after = doc_of({model::para("Första stycket om tjänsten."), model::para("Tredje stycket."),
                       model::para("Ett nytt stycke på slutet.")});
  auto red = redline::compare(before, after, kWho);
  CHECK(describe(red.blocks) ==
        std::vector<std::string>{"P Första stycket om tjänsten.", "-P Ett stycke som tas bort.",
                                 "P Tredje stycket.", "+P Ett nytt stycke på slutet."});
  CHECK(red.meta.revision.author == kWho.author);
  CHECK(red.meta.revision.date == kWho.date);
}

TEST_CASE("a paragraph among several changes is edited only when half of it remains", "[redline]") {
  auto before =
      doc_of({model::para("Oförändrat."), model::para("Loggar granskas varje vecka av driften."),
              model::para("Helt annan text här.")});
  auto after =
      doc_of({model::para("Oförändrat."), model::para("Loggar granskas varje dag av driften."),
              model::para("Ny mening om något.")});
  CHECK(describe(redline::compare(before, after, kWho).blocks) ==
        std::vector<std::string>{"P Oförändrat.",
                                 "P Loggar granskas varje [-vecka-]{+dag+} av driften.",
                                 "-P Helt annan text här.", "+P Ny mening om något."});
}

TEST_CASE("headings, list items and their kinds", "[redline]") {
  model::Heading h1{1, model::text("Avvikelser"), "sec-v", true};
  model::Heading h2{1, model::text("Avvikelser och svar"), "sec-v", true};
  model::List l1{false, {{model::para("Ett")}, {model::para("Två")}, {model::para("Tre")}}};
  model::List l2{false, {{model::para("Ett")}, {model::para("Tre")}, {model::para("Fyra")}}};
  auto red = redline::compare(doc_of({h1, l1}), doc_of({h2, l2}), kWho);
  CHECK(describe(red.blocks) == std::vector<std::string>{"H1 Avvikelser{+ och svar+}", "L",
                                                         "  P Ett", "  -P Två", "  P Tre",
                                                         "  +P Fyra"});
  // A heading of another level is another kind of block.
  model::Heading h3{2, model::text("Avvikelser"), "sec-v", true};
  CHECK(describe(redline::compare(doc_of({h1}), doc_of({h3}), kWho).blocks) ==
        std::vector<std::string>{"-H1 Avvikelser", "+H2 Avvikelser"});
}

TEST_CASE("table rows are matched by control ID and compared cell by cell", "[redline]") {
  auto before =
      doc_of({controls_table({{"ACC-01", "Behörigheter granskas.", "Inga avvikelser noterades."},
                              {"ACC-02", "Konton spärras.", "Inga avvikelser noterades."},
                              {"ACC-04", "Avslut hanteras.", "Avvikelse noterad."}})});
  auto after =
      doc_of({controls_table({{"ACC-01", "Behörigheter granskas.", "Inga avvikelser noterades."},
                              {"ACC-04", "Avslut hanteras.", "Inga avvikelser noterades."},
                              {"ACC-05", "Loggar granskas.", "Inga avvikelser noterades."}})});
  auto red = redline::compare(before, after, kWho);
  CHECK(describe(red.blocks) ==
        std::vector<std::string>{
            "T", "  R ID | Kontroll | Resultat",
            "  R ACC-01 | Behörigheter granskas. | Inga avvikelser noterades.",
            "  -R ACC-02 | Konton spärras. | Inga avvikelser noterades.",
            "  R ACC-04 | Avslut hanteras. | [-Avvikelse noterad-]{+Inga avvikelser noterades+}.",
            "  +R ACC-05 | Loggar granskas. | Inga avvikelser noterades."});
  CHECK(std::get<model::Table>(red.blocks[0].value).header_rows == 1);
}

TEST_CASE("rows without a key column are aligned by their content", "[redline]") {
  auto table = [](std::vector<std::vector<std::string>> rows) {
    model::Table t;
    t.widths = {1, 1};
    for (auto& r : rows) t.rows.push_back(row(r));
    return t;
  };
  auto before = doc_of({table({{"", "a"}, {"", "b"}, {"", "c"}})});
  auto after = doc_of({table({{"", "a"}, {"", "c"}, {"", "d"}})});
  CHECK(describe(redline::compare(before, after, kWho).blocks) ==
        std::vector<std::string>{"T", "  R  | a", "  -R  | b", "  R  | c", "  +R  | d"});
}

TEST_CASE("an unchanged document comes back unmarked", "[redline]") {
  for (const char* lang : {"sv-SE", "en-US"}) {
    auto doc = test::kitchen_sink(lang);
    auto red = redline::compare(doc, doc, kWho);
    CHECK_FALSE(model::has_revisions(red));
    CHECK(redline::key(red.blocks) == redline::key(doc.blocks));
    CHECK(document_xml(red).find("<w:ins ") == std::string::npos);
  }
}

TEST_CASE("accepting a redline gives the later version, rejecting it the earlier", "[redline]") {
  const auto before = test::kitchen_sink("sv-SE");
  const auto after = revised_kitchen_sink(before);
  const auto red = redline::compare(before, after, kWho);
  CHECK(model::has_revisions(red));
  CHECK(redline::key(model::accept_revisions(red).blocks) == redline::key(after.blocks));
  CHECK(redline::key(model::reject_revisions(red).blocks) == redline::key(before.blocks));
  // Plain text reads as accepted.
  CHECK(model::plain_text(model::Inlines{model::Run{"bort", model::kPlain, Change::Deleted},
                                         model::Run{"kvar"}}) == "kvar");
}

TEST_CASE("a paragraph rewritten throughout beyond the budget is replaced whole", "[redline]") {
  std::string before, after;
  for (int i = 0; i < 3000; ++i) {
    before += "ord" + std::to_string(i) + " ";
    after += "ord" + std::to_string(2999 - i) + " ";
  }
  before += "slut.";
  after += "slut.";
  // 6,000 tokens a side: 36 million table cells, above the budget.
  auto diff = redline::compare_words(model::text(before), model::text(after));
  REQUIRE(diff.merged.size() == 3);
  CHECK(std::get<model::Run>(diff.merged[0]).change == Change::Deleted);
  CHECK(std::get<model::Run>(diff.merged[1]).change == Change::Inserted);
  CHECK(std::get<model::Run>(diff.merged[2]).text == " slut.");
  CHECK(model::plain_text(diff.merged) == after);
}

TEST_CASE("pandoc's outputs show a redline with its changes accepted", "[redline]") {
  auto before = doc_of({model::para("Avvikelse noterad."), model::para("Borttaget stycke.")});
  auto after = doc_of({model::para("Inga avvikelser noterades.")});
  const std::string json =
      render::pandoc::to_json(redline::compare(before, after, kWho), render::pandoc::kApi1_22);
  CHECK(json == render::pandoc::to_json(after, render::pandoc::kApi1_22));
  CHECK(json.find("Borttaget") == std::string::npos);
}

// ---- the DOCX -------------------------------------------------------------------------------

TEST_CASE("the DOCX wraps exactly the changed text in w:ins and w:del", "[redline]") {
  auto before = doc_of(
      {model::para("Alla kunder använder samma version."), model::para("Ett stycke som tas bort."),
       controls_table({{"ACC-01", "Behörigheter granskas.", "Avvikelse noterad."},
                       {"ACC-02", "Konton spärras.", "Inga avvikelser noterades."}})});
  auto after =
      doc_of({model::para("Alla kunder använder alltid samma version."),
              controls_table({{"ACC-01", "Behörigheter granskas.", "Inga avvikelser noterades."},
                              {"ACC-03", "Loggar granskas.", "Inga avvikelser noterades."}})});
  const auto red = redline::compare(before, after, kWho);
  const std::string xml = document_xml(red);
  const std::string attrs =
      R"( w:author="Revisionsbyrån Ek &amp; Lind AB" w:date="2026-09-01T00:00:00Z")";
  auto has = [&](const std::string& pattern) {
    return std::regex_search(xml, std::regex(pattern));
  };
  // The added word, and only it.
  CHECK(has(
      R"(<w:r><w:t xml:space="preserve">Alla kunder använder </w:t></w:r><w:ins w:id="\d+")" +
      attrs +
      R"(><w:r><w:t xml:space="preserve">alltid </w:t></w:r></w:ins><w:r><w:t>samma version\.</w:t></w:r></w:p>)"));
  // The deleted paragraph: its mark and its text.
  CHECK(has(R"(<w:p><w:pPr><w:rPr><w:del w:id="\d+")" + attrs +
            R"(/></w:rPr></w:pPr><w:del w:id="\d+")" + attrs +
            R"(><w:r><w:delText>Ett stycke som tas bort\.</w:delText></w:r></w:del></w:p>)"));
  // The cell edited in place.
  CHECK(has(R"(<w:del w:id="\d+")" + attrs +
            R"(><w:r><w:delText>Avvikelse noterad</w:delText></w:r></w:del><w:ins w:id="\d+")" +
            attrs +
            R"(><w:r><w:t>Inga avvikelser noterades</w:t></w:r></w:ins><w:r><w:t>\.</w:t></w:r>)"));
  // The rows: ACC-02 deleted, ACC-03 inserted, with their text.
  CHECK(has(R"(<w:trPr><w:cantSplit/><w:del w:id="\d+")" + attrs +
            R"(/></w:trPr>(?:(?!</w:tr>).)*<w:delText>ACC-02</w:delText>)"));
  CHECK(has(R"(<w:trPr><w:cantSplit/><w:ins w:id="\d+")" + attrs +
            R"(/></w:trPr>(?:(?!</w:tr>).)*<w:ins w:id="\d+")" + attrs +
            R"(><w:r><w:t>ACC-03</w:t>)"));
  // Unchanged text carries no mark: ACC-01's row has none.
  CHECK(has(R"(<w:trPr><w:cantSplit/></w:trPr>(?:(?!<w:ins|<w:del|</w:tr>).)*ACC-01)"));
  // Every id once; the same input gives the same bytes.
  std::set<std::string> ids;
  size_t count = 0;
  const std::regex annotation(R"re(<w:(?:ins|del|bookmarkStart) w:id="(\d+)")re");
  for (std::sregex_iterator it(xml.begin(), xml.end(), annotation), end; it != end; ++it) {
    ids.insert((*it)[1]);
    ++count;
  }
  CHECK(count == ids.size());
  CHECK(count >= 8);
  const auto ref = render::docx::builtin_reference();
  CHECK(render::docx::write_docx(red, ref) ==
        redline::write_redline_docx(before, after, kWho, ref));
}

TEST_CASE("a deleted heading leaves the table of contents and keeps no bookmark", "[redline]") {
  model::Heading kept{1, model::text("Kvar"), "sec-kept", true};
  model::Heading gone{1, model::text("Borttagen"), "sec-gone", true};
  auto before = doc_of({model::TableOfContents{"Innehåll", 3}, kept, model::para("Text."), gone,
                        model::para("Mer text i avsnittet.")});
  auto after = doc_of({model::TableOfContents{"Innehåll", 3}, kept, model::para("Text.")});
  const std::string xml = document_xml(redline::compare(before, after, kWho));
  CHECK(xml.find("<w:delText>Borttagen</w:delText>") != std::string::npos);
  CHECK(xml.find("sec_gone") == std::string::npos);
  CHECK(xml.find("sec_kept") != std::string::npos);
}

TEST_CASE("a tracked paragraph never carries a section break", "[redline]") {
  auto before =
      doc_of({model::para("Stående."), model::para("Sista stycket före brytningen."),
              model::SectionBreak{model::Orientation::Landscape}, model::para("Liggande.")});
  auto after = doc_of({model::para("Stående."), model::SectionBreak{model::Orientation::Landscape},
                       model::para("Liggande.")});
  const std::string xml = document_xml(redline::compare(before, after, kWho));
  // The deleted paragraph ends without the section's properties; a paragraph of its own has them.
  CHECK(std::regex_search(
      xml,
      std::regex(
          R"(<w:delText>Sista stycket före brytningen\.</w:delText></w:r></w:del></w:p><w:p><w:pPr><w:spacing[^>]*/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr><w:sectPr)")));
}
