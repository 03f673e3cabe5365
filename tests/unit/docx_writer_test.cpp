// The DOCX writer, model to OOXML: each test writes a small document, unzips it and asserts on
// the XML of its parts.
#include "render/docx/docx_writer.h"

#include <catch2/catch.hpp>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <string>

#include "docx_test_support.h"

namespace docx = tillit::render::docx;
namespace model = tillit::model;
using tillit::test::unzip;

namespace {

struct Output {
  std::map<std::string, std::string> parts;

  explicit Output(const model::Document& doc, const docx::ReferenceDoc& ref)
      : parts(unzip(docx::write_docx(doc, ref))) {}
  explicit Output(const model::Document& doc) : Output(doc, docx::builtin_reference()) {}

  bool has(const std::string& name) const { return parts.count(name) > 0; }

  pugi::xml_document xml(const std::string& name) const {
    pugi::xml_document doc;
    auto found = parts.find(name);
    REQUIRE(found != parts.end());
    INFO(name);
    REQUIRE(doc.load_buffer(found->second.data(), found->second.size()));
    return doc;
  }
};

model::Heading heading(int level, std::string text, std::string bookmark = {}) {
  model::Heading h;
  h.level = level;
  h.content = model::text(std::move(text));
  h.bookmark = std::move(bookmark);
  return h;
}

model::TableCell cell(std::string text) {
  model::TableCell c;
  c.content.push_back(model::para(std::move(text), model::ParaRole::TableText));
  return c;
}

model::Document one_block(model::Block block) {
  model::Document doc;
  doc.blocks.push_back(std::move(block));
  return doc;
}

std::string style_id_by_name(const pugi::xml_document& styles, const std::string& name) {
  for (pugi::xml_node s : styles.child("w:styles").children("w:style")) {
    if (name == s.child("w:name").attribute("w:val").value()) {
      return s.attribute("w:styleId").value();
    }
  }
  return {};
}

size_t count(const pugi::xml_document& doc, const char* xpath) {
  return doc.select_nodes(xpath).size();
}

}  // namespace

TEST_CASE("headings use heading styles and carry their bookmark inside the paragraph", "[docx]") {
  model::Document doc;
  doc.blocks.push_back(model::TableOfContents{"Contents", 3});
  doc.blocks.push_back(heading(1, "Section IV", "sec-iv"));
  doc.blocks.push_back(heading(2, "Untitled anchor"));
  doc.blocks.push_back(heading(5, "Run-in"));
  const auto body = Output(doc).xml("word/document.xml");

  pugi::xml_node h1 = body.select_node("//w:p[w:pPr/w:pStyle/@w:val='Heading1']").node();
  REQUIRE(h1);
  CHECK(h1.child("w:pPr").child("w:keepNext"));
  // The bookmark is the first thing after the paragraph properties.
  pugi::xml_node start = h1.child("w:pPr").next_sibling();
  CHECK(std::string(start.name()) == "w:bookmarkStart");
  CHECK(std::string(start.attribute("w:name").value()) == "sec_iv");
  CHECK(std::string(h1.last_child().name()) == "w:bookmarkEnd");
  CHECK(std::string(h1.last_child().attribute("w:id").value()) == start.attribute("w:id").value());

  pugi::xml_node h2 = body.select_node("//w:p[w:pPr/w:pStyle/@w:val='Heading2']").node();
  CHECK(std::string(h2.child("w:bookmarkStart").attribute("w:name").value()) == "_Toc00000001");
  // Level 4 and below are run-in subheadings outside the table of contents.
  pugi::xml_node h5 = body.select_node("//w:p[w:pPr/w:pStyle/@w:val='Heading4']").node();
  REQUIRE(h5);
  CHECK_FALSE(h5.child("w:bookmarkStart"));
}

TEST_CASE("the table of contents is a TOC field pre-filled with links to the headings", "[docx]") {
  model::Document doc;
  doc.blocks.push_back(model::TableOfContents{"Innehåll", 3});
  doc.blocks.push_back(heading(1, "Avsnitt I", "sec-i"));
  doc.blocks.push_back(heading(2, "Omfattning"));
  doc.blocks.push_back(heading(3, "Detalj"));
  model::Heading hidden = heading(2, "Not listed");
  hidden.in_toc = false;
  doc.blocks.push_back(hidden);
  const Output out(doc);
  const auto body = out.xml("word/document.xml");

  CHECK(count(body, "//w:p[w:pPr/w:pStyle/@w:val='TOCHeading']") == 1);
  auto instr = body.select_nodes("//w:instrText");
  REQUIRE(instr.size() >= 1);
  CHECK(std::string(instr.first().node().text().get()) == R"( TOC \o "1-3" \h \z \u )");
  CHECK(count(body, "//w:fldChar[@w:fldCharType='begin']") == 4);  // TOC + 3 PAGEREF
  CHECK(count(body, "//w:fldChar[@w:fldCharType='separate']") == 4);
  CHECK(count(body, "//w:fldChar[@w:fldCharType='end']") == 4);
  CHECK(count(body, "//w:p[w:pPr/w:pStyle/@w:val='TOC1']") == 1);
  CHECK(count(body, "//w:p[w:pPr/w:pStyle/@w:val='TOC2']") == 1);
  CHECK(count(body, "//w:p[w:pPr/w:pStyle/@w:val='TOC3']") == 1);
  auto links = body.select_nodes("//w:p[w:pPr/w:pStyle/@w:val='TOC1']/w:hyperlink");
  REQUIRE(links.size() == 1);
  CHECK(std::string(links.first().node().attribute("w:anchor").value()) == "sec_i");
  CHECK(count(body, "//w:instrText[contains(., 'PAGEREF sec_i ')]") == 1);
  // The heading left out of the contents: body-text outline level.
  CHECK(count(body, "//w:p[w:pPr/w:outlineLvl/@w:val='9']") == 1);
  // Word refreshes the contents on open.
  const auto settings = out.xml("word/settings.xml");
  CHECK(std::string(
            settings.child("w:settings").child("w:updateFields").attribute("w:val").value()) ==
        "true");
}

TEST_CASE("tables repeat header rows, keep rows whole and merge spanned cells", "[docx]") {
  model::Table table;
  table.role = model::TableRole::Controls;
  table.widths = {1, 3};
  table.header_rows = 1;
  table.rows.push_back({{cell("ID"), cell("Description")}, true});
  model::TableCell wide = cell("CC6.1");
  wide.col_span = 2;
  wide.shaded = true;
  table.rows.push_back({{wide}, true});
  model::TableCell tall = cell("ACC-1");
  tall.row_span = 2;
  table.rows.push_back({{tall, cell("first")}, true});
  table.rows.push_back({{cell("second")}, false});  // the ID cell is covered
  const Output out(one_block(table));
  const auto body = out.xml("word/document.xml");

  pugi::xml_node tbl = body.select_node("//w:tbl").node();
  REQUIRE(tbl);
  CHECK(std::string(tbl.child("w:tblPr").child("w:tblStyle").attribute("w:val").value()) ==
        "ControlsTable");
  auto rows = tbl.select_nodes("w:tr");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].node().child("w:trPr").child("w:tblHeader"));
  CHECK_FALSE(rows[0].node().child("w:trPr").child("w:tblHeader").attribute("w:val"));
  CHECK_FALSE(rows[1].node().child("w:trPr").child("w:tblHeader"));
  CHECK(rows[1].node().child("w:trPr").child("w:cantSplit"));
  CHECK_FALSE(rows[3].node().child("w:trPr").child("w:cantSplit"));

  pugi::xml_node spanned = rows[1].node().child("w:tc");
  CHECK(spanned.child("w:tcPr").child("w:gridSpan").attribute("w:val").as_int() == 2);
  CHECK(std::string(spanned.child("w:tcPr").child("w:shd").attribute("w:fill").value()) != "");
  pugi::xml_node restart = rows[2].node().child("w:tc");
  CHECK(std::string(restart.child("w:tcPr").child("w:vMerge").attribute("w:val").value()) ==
        "restart");
  // The covered cell comes back as a continuation cell, first in its row.
  auto last_cells = rows[3].node().select_nodes("w:tc");
  REQUIRE(last_cells.size() == 2);
  pugi::xml_node continuation = last_cells[0].node();
  CHECK(continuation.child("w:tcPr").child("w:vMerge"));
  CHECK_FALSE(continuation.child("w:tcPr").child("w:vMerge").attribute("w:val"));
  CHECK(continuation.child("w:p"));
  CHECK(std::string(last_cells[1].node().child("w:p").child("w:r").child("w:t").text().get()) ==
        "second");

  // Widths 1:3 of the built-in A4 text width (11906 - 2 x 1417 twips).
  auto cols = tbl.select_nodes("w:tblGrid/w:gridCol");
  REQUIRE(cols.size() == 2);
  CHECK(cols[0].node().attribute("w:w").as_int() == 2268);
  CHECK(cols[1].node().attribute("w:w").as_int() == 6804);
  CHECK(tbl.child("w:tblPr").child("w:tblW").attribute("w:w").as_int() == 9072);
}

TEST_CASE("two tables in a row are kept apart by a paragraph", "[docx]") {
  model::Table table;
  table.rows.push_back({{cell("x")}, true});
  model::Document doc;
  doc.blocks.push_back(table);
  doc.blocks.push_back(table);
  const auto body = Output(doc).xml("word/document.xml");
  pugi::xml_node first = body.select_node("//w:body/w:tbl").node();
  CHECK(std::string(first.next_sibling().name()) == "w:p");
}

TEST_CASE("a landscape section ends in the properties of its last paragraph", "[docx]") {
  model::Document doc;
  doc.blocks.push_back(model::para("portrait"));
  doc.blocks.push_back(model::SectionBreak{model::Orientation::Landscape});
  doc.blocks.push_back(model::para("landscape"));
  model::Table table;
  table.widths = {1};
  table.rows.push_back({{cell("wide")}, true});
  doc.blocks.push_back(table);
  doc.blocks.push_back(model::SectionBreak{model::Orientation::Portrait});
  doc.blocks.push_back(model::para("portrait again"));
  const auto body = Output(doc).xml("word/document.xml");

  auto sections = body.select_nodes("//w:sectPr");
  REQUIRE(sections.size() == 3);
  // The first section ends with the paragraph "portrait".
  pugi::xml_node first = sections[0].node();
  CHECK(std::string(first.parent().parent().child("w:r").child("w:t").text().get()) == "portrait");
  CHECK_FALSE(first.child("w:pgSz").attribute("w:orient"));
  // The landscape one follows a table: a paragraph of its own carries it.
  pugi::xml_node landscape = sections[1].node();
  CHECK(std::string(landscape.parent().parent().previous_sibling().name()) == "w:tbl");
  CHECK(std::string(landscape.child("w:pgSz").attribute("w:orient").value()) == "landscape");
  CHECK(landscape.child("w:pgSz").attribute("w:w").as_int() == 16838);
  CHECK(landscape.child("w:pgSz").attribute("w:h").as_int() == 11906);
  // The table fills the landscape text width.
  CHECK(body.select_node("//w:tbl/w:tblGrid/w:gridCol").node().attribute("w:w").as_int() ==
        16838 - 2 * 1417);
  // The final section is the body's last child; every section keeps header and footer.
  pugi::xml_node last = sections[2].node();
  CHECK(std::string(last.parent().name()) == "w:body");
  for (const auto& s : sections) {
    CHECK(s.node().child("w:headerReference"));
    CHECK(s.node().child("w:footerReference"));
    CHECK_FALSE(s.node().child("w:pgNumType").attribute("w:start"));
  }
}

TEST_CASE("page and section breaks add no empty pages", "[docx]") {
  model::Table table;
  table.rows.push_back({{cell("x")}, true});
  model::Document doc;
  doc.blocks.push_back(model::SectionBreak{model::Orientation::Landscape});  // sets the start
  doc.blocks.push_back(model::para("first"));
  doc.blocks.push_back(model::PageBreak{});
  doc.blocks.push_back(model::para("second"));
  doc.blocks.push_back(model::PageBreak{});
  doc.blocks.push_back(table);
  doc.blocks.push_back(model::PageBreak{});  // the new section starts a page anyway
  doc.blocks.push_back(model::SectionBreak{model::Orientation::Portrait});
  doc.blocks.push_back(model::SectionBreak{model::Orientation::Landscape});  // replaces it
  doc.blocks.push_back(model::para("third"));
  doc.blocks.push_back(model::SectionBreak{model::Orientation::Portrait});  // nothing follows
  doc.blocks.push_back(model::PageBreak{});
  const auto body = Output(doc).xml("word/document.xml");

  auto sections = body.select_nodes("//w:sectPr");
  REQUIRE(sections.size() == 2);
  for (const auto& s : sections) {
    CHECK(std::string(s.node().child("w:pgSz").attribute("w:orient").value()) == "landscape");
  }
  CHECK(count(body, "//w:p[w:pPr/w:pageBreakBefore]") == 1);
  CHECK(
      std::string(body.select_node("//w:p[w:pPr/w:pageBreakBefore]/w:r/w:t").node().text().get()) ==
      "second");
  CHECK(count(body, "//w:br[@w:type='page']") == 1);
  CHECK(
      std::string(body.select_node("//w:br[@w:type='page']/../..").node().next_sibling().name()) ==
      "w:tbl");
}

TEST_CASE("an empty document is a valid one: one paragraph and the section", "[docx]") {
  const auto body = Output(model::Document{}).xml("word/document.xml");
  pugi::xml_node b = body.child("w:document").child("w:body");
  CHECK(std::string(b.first_child().name()) == "w:p");
  CHECK(std::string(b.last_child().name()) == "w:sectPr");
}

TEST_CASE("lists are numbered paragraphs, each list with its own numbering", "[docx]") {
  model::List ordered;
  ordered.ordered = true;
  ordered.items.push_back({model::para("one")});
  model::List bullets;
  bullets.items.push_back({model::para("a"), ordered, model::para("more of a")});
  model::Document doc;
  doc.blocks.push_back(bullets);
  doc.blocks.push_back(ordered);
  const Output out(doc);
  const auto body = out.xml("word/document.xml");
  const auto numbering = out.xml("word/numbering.xml");

  auto numbered = body.select_nodes("//w:p[w:pPr/w:numPr]");
  REQUIRE(numbered.size() == 3);
  std::set<std::string> ids;
  for (const auto& p : numbered) {
    CHECK(std::string(p.node().child("w:pPr").child("w:pStyle").attribute("w:val").value()) ==
          "ListParagraph");
    ids.insert(p.node().select_node("w:pPr/w:numPr/w:numId").node().attribute("w:val").value());
  }
  CHECK(ids.size() == 3);
  // The nested list sits one level down; the continued paragraph is indented, not numbered.
  CHECK(numbered[1].node().select_node("w:pPr/w:numPr/w:ilvl").node().attribute("w:val").as_int() ==
        1);
  CHECK(count(body, "//w:p[w:pPr/w:ind and not(w:pPr/w:numPr)]") == 1);

  for (const std::string& id : ids) {
    INFO(id);
    CHECK(count(numbering, ("//w:num[@w:numId='" + id + "']").c_str()) == 1);
  }
  // Ordered lists restart: their instances override the start.
  CHECK(count(numbering, "//w:num[w:lvlOverride/w:startOverride/@w:val='1']") == 2);
  CHECK(count(numbering, "//w:abstractNum[w:name/@w:val='Tillit Bullet']") == 1);
  CHECK(count(numbering, "//w:abstractNum[w:name/@w:val='Tillit Ordered']") == 1);
}

TEST_CASE("images are embedded PNG parts shown inline at their size", "[docx]") {
  model::Document doc;
  doc.images["chart"] = {tillit::test::make_png(200, 100), "image/png", "png", 200, 100};
  model::Paragraph p;
  p.content.push_back(model::Image{"chart", "Coverage per category", 4.0, 0});
  p.content.push_back(model::Image{"chart", "Same picture, pixel size", 0, 0});
  doc.blocks.push_back(p);
  const Output out(doc);
  const auto body = out.xml("word/document.xml");

  REQUIRE(out.has("word/media/image1.png"));
  CHECK_FALSE(out.has("word/media/image2.png"));  // stored once
  CHECK(out.parts.at("word/media/image1.png") == doc.images["chart"].bytes);
  CHECK(out.parts.at("[Content_Types].xml")
            .find("<Default Extension=\"png\" ContentType=\"image/png\"/>") != std::string::npos);

  auto drawings = body.select_nodes("//wp:inline");
  REQUIRE(drawings.size() == 2);
  pugi::xml_node first = drawings[0].node();
  CHECK(first.child("wp:extent").attribute("cx").as_llong() == 4 * 360000);
  CHECK(first.child("wp:extent").attribute("cy").as_llong() == 2 * 360000);
  CHECK(std::string(first.child("wp:docPr").attribute("descr").value()) == "Coverage per category");
  CHECK(drawings[1].node().child("wp:extent").attribute("cx").as_llong() == 200 * 9525);
  CHECK(first.child("wp:docPr").attribute("id").as_int() !=
        drawings[1].node().child("wp:docPr").attribute("id").as_int());

  const std::string rid = body.select_node("//a:blip").node().attribute("r:embed").value();
  const auto rels = out.xml("word/_rels/document.xml.rels");
  pugi::xml_node rel = rels.select_node(("//Relationship[@Id='" + rid + "']").c_str()).node();
  CHECK(std::string(rel.attribute("Target").value()) == "media/image1.png");
  CHECK(std::string(rel.attribute("Type").value()).ends_with("/image"));
}

TEST_CASE("an image wider than the text is scaled down to the text width", "[docx]") {
  model::Document doc;
  // The writer sizes pictures by the pixel counts of ImageData; small bytes keep this fast.
  doc.images["wide"] = {tillit::test::make_png(40, 10), "image/png", "png", 4000, 1000};
  doc.blocks.push_back(model::Paragraph{{model::Image{"wide", "", 0, 0}}});
  const auto body = Output(doc).xml("word/document.xml");
  pugi::xml_node extent = body.select_node("//wp:extent").node();
  CHECK(extent.attribute("cx").as_llong() == 9072LL * 635);
  CHECK(extent.attribute("cy").as_llong() == 9072LL * 635 / 4);
}

TEST_CASE("external links are relationships, internal links anchors", "[docx]") {
  model::Paragraph p;
  p.content.push_back(
      model::Link{{model::Run{"AICPA", model::kPlain}}, "https://example.com/a b?x=1&y=2"});
  p.content.push_back(model::Link{{model::Run{"section IV", model::kPlain}}, "#sec-iv"});
  model::Document doc;
  doc.blocks.push_back(p);
  doc.blocks.push_back(heading(1, "IV", "sec-iv"));
  const Output out(doc);
  const auto body = out.xml("word/document.xml");

  auto links = body.select_nodes("//w:hyperlink");
  REQUIRE(links.size() == 2);
  const std::string rid = links[0].node().attribute("r:id").value();
  const auto rels = out.xml("word/_rels/document.xml.rels");
  pugi::xml_node rel = rels.select_node(("//Relationship[@Id='" + rid + "']").c_str()).node();
  CHECK(std::string(rel.attribute("Target").value()) == "https://example.com/a%20b?x=1&y=2");
  CHECK(std::string(rel.attribute("TargetMode").value()) == "External");
  CHECK(std::string(links[1].node().attribute("w:anchor").value()) == "sec_iv");
  CHECK(std::string(links[0]
                        .node()
                        .child("w:r")
                        .child("w:rPr")
                        .child("w:rStyle")
                        .attribute("w:val")
                        .value()) == "Hyperlink");
}

TEST_CASE("footnotes go to footnotes.xml after Word's separators", "[docx]") {
  auto note = std::make_shared<model::Note>();
  note->content.push_back(model::para("The 2017 criteria."));
  model::Paragraph p;
  p.content.push_back(model::Run{"Criteria", model::kPlain});
  p.content.push_back(note);
  const Output out(one_block(p));
  const auto body = out.xml("word/document.xml");
  const auto notes = out.xml("word/footnotes.xml");

  CHECK(body.select_node("//w:footnoteReference[@w:id='1']"));
  auto all = notes.select_nodes("/w:footnotes/w:footnote");
  REQUIRE(all.size() == 3);
  CHECK(std::string(all[0].node().attribute("w:type").value()) == "separator");
  CHECK(all[0].node().attribute("w:id").as_int() == -1);
  CHECK(std::string(all[1].node().attribute("w:type").value()) == "continuationSeparator");
  CHECK(all[1].node().attribute("w:id").as_int() == 0);
  pugi::xml_node mine = all[2].node();
  CHECK(mine.attribute("w:id").as_int() == 1);
  CHECK(mine.select_node("w:p/w:r/w:footnoteRef"));
  CHECK(std::string(mine.select_node("w:p/w:pPr/w:pStyle").node().attribute("w:val").value()) ==
        "FootnoteText");

  const auto settings = out.xml("word/settings.xml");
  CHECK(count(settings, "//w:footnotePr/w:footnote") == 2);
  CHECK(out.parts.at("[Content_Types].xml").find("/word/footnotes.xml") != std::string::npos);
  CHECK(out.xml("word/_rels/document.xml.rels")
            .select_node("//Relationship[@Target='footnotes.xml']"));
}

TEST_CASE("no footnotes part without footnotes", "[docx]") {
  const Output out(one_block(model::para("plain")));
  CHECK_FALSE(out.has("word/footnotes.xml"));
  CHECK(count(out.xml("word/settings.xml"), "//w:footnotePr") == 0);
}

TEST_CASE("the document language is set in styles, settings and properties", "[docx]") {
  model::Document doc = one_block(model::para("Hej"));
  doc.meta.language = "sv-SE";
  const Output out(doc);
  pugi::xml_node lang = out.xml("word/styles.xml")
                            .select_node("/w:styles/w:docDefaults/w:rPrDefault/w:rPr/w:lang")
                            .node();
  CHECK(std::string(lang.attribute("w:val").value()) == "sv-SE");
  CHECK(std::string(lang.attribute("w:eastAsia").value()) == "en-US");
  CHECK(std::string(lang.attribute("w:bidi").value()) == "ar-SA");
  const auto settings = out.xml("word/settings.xml");
  CHECK(std::string(settings.select_node("//w:themeFontLang").node().attribute("w:val").value()) ==
        "sv-SE");
  CHECK(std::string(settings.select_node("//w:decimalSymbol").node().attribute("w:val").value()) ==
        ",");
  CHECK(
      std::string(out.xml("docProps/core.xml").select_node("//dc:language").node().text().get()) ==
      "sv-SE");

  doc.meta.language = "en-US";
  const Output english(doc);
  CHECK(std::string(english.xml("word/styles.xml")
                        .select_node("//w:docDefaults//w:lang")
                        .node()
                        .attribute("w:val")
                        .value()) == "en-US");
}

TEST_CASE("core properties come from Meta, dates from Meta::date only", "[docx]") {
  model::Document doc = one_block(model::para("x"));
  doc.meta.title = "Rapport & bilagor";
  doc.meta.subject = "SOC 2";
  doc.meta.author = "Ek & Lind AB";
  doc.meta.keywords = "SOC 2; typ 2";
  doc.meta.description = "Utkast";
  doc.meta.date = "2026-03-31";
  const Output out(doc);
  const auto core = out.xml("docProps/core.xml");
  auto text = [&](const char* xpath) {
    return std::string(core.select_node(xpath).node().text().get());
  };
  CHECK(text("//dc:title") == "Rapport & bilagor");
  CHECK(text("//dc:subject") == "SOC 2");
  CHECK(text("//dc:creator") == "Ek & Lind AB");
  CHECK(text("//cp:keywords") == "SOC 2; typ 2");
  CHECK(text("//dc:description") == "Utkast");
  CHECK(text("//dcterms:created") == "2026-03-31T00:00:00Z");
  CHECK(text("//dcterms:modified") == "2026-03-31T00:00:00Z");
  CHECK(out.has("docProps/app.xml"));

  doc.meta.date.clear();
  const auto undated = Output(doc).xml("docProps/core.xml");
  CHECK_FALSE(undated.select_node("//dcterms:created"));
  CHECK_FALSE(undated.select_node("//dcterms:modified"));
}

TEST_CASE("header and footer: running head and Page X of Y", "[docx]") {
  model::Document doc = one_block(model::para("x"));
  doc.meta.header_text = "Molnkvarn AB – SOC 2";
  doc.meta.page_label_before = "Sida ";
  doc.meta.page_label_between = " av ";
  const Output out(doc);
  const auto header = out.xml("word/header1.xml");
  CHECK(std::string(header.select_node("//w:t").node().text().get()) == "Molnkvarn AB – SOC 2");
  const auto footer = out.xml("word/footer1.xml");
  auto texts = footer.select_nodes("//w:t");
  REQUIRE(texts.size() >= 2);
  CHECK(std::string(texts[0].node().text().get()) == "Sida ");
  CHECK(std::string(texts[0].node().attribute("xml:space").value()) == "preserve");
  auto instr = footer.select_nodes("//w:instrText");
  REQUIRE(instr.size() == 2);
  CHECK(std::string(instr[0].node().text().get()) == " PAGE ");
  CHECK(std::string(instr[1].node().text().get()) == " NUMPAGES ");
  CHECK(footer.select_node("//w:t[.=' av ']"));
}

TEST_CASE("a watermark is in the header only when Meta asks for one", "[docx]") {
  model::Document doc = one_block(model::para("x"));
  CHECK(Output(doc).parts.at("word/header1.xml").find("WaterMark") == std::string::npos);
  doc.meta.watermark = "UTKAST";
  const Output out(doc);
  const auto header = out.xml("word/header1.xml");
  pugi::xml_node path = header.select_node("//v:shape/v:textpath").node();
  REQUIRE(path);
  CHECK(std::string(path.attribute("string").value()) == "UTKAST");
  CHECK(std::string(path.parent().attribute("style").value()).find("rotation:315") !=
        std::string::npos);
  CHECK(std::string(header.child("w:hdr").attribute("xmlns:v").value()) ==
        "urn:schemas-microsoft-com:vml");
}

TEST_CASE("characters XML 1.0 forbids are stripped", "[docx]") {
  model::Document doc =
      one_block(model::para("a\x01"
                            "b\x1F"
                            "c\xEF\xBF\xBF"
                            "d\xFF"
                            "e"));
  doc.meta.title = "T\x02itle";
  const Output out(doc);
  const auto body = out.xml("word/document.xml");
  CHECK(std::string(body.select_node("//w:t").node().text().get()) ==
        "abcd\xEF\xBF\xBD"
        "e");
  CHECK(std::string(out.xml("docProps/core.xml").select_node("//dc:title").node().text().get()) ==
        "Title");
}

TEST_CASE("runs carry bold, italic, code, strike, super- and subscript; tabs and breaks",
          "[docx]") {
  model::Paragraph p;
  p.content.push_back(model::Run{"b", model::kBold | model::kItalic});
  p.content.push_back(model::Run{"c", model::kCode});
  p.content.push_back(model::Run{"s", model::kStrike | model::kSuperscript});
  p.content.push_back(model::Run{"x", model::kSubscript});
  p.content.push_back(model::LineBreak{});
  p.content.push_back(model::Run{"  two\tcols", model::kPlain});
  const auto body = Output(one_block(p)).xml("word/document.xml");
  auto runs = body.select_nodes("//w:r");
  REQUIRE(runs.size() == 6);
  CHECK(runs[0].node().select_node("w:rPr/w:b"));
  CHECK(runs[0].node().select_node("w:rPr/w:i"));
  CHECK(
      std::string(runs[1].node().select_node("w:rPr/w:rStyle").node().attribute("w:val").value()) ==
      "VerbatimChar");
  CHECK(runs[2].node().select_node("w:rPr/w:strike"));
  CHECK(std::string(
            runs[2].node().select_node("w:rPr/w:vertAlign").node().attribute("w:val").value()) ==
        "superscript");
  CHECK(std::string(
            runs[3].node().select_node("w:rPr/w:vertAlign").node().attribute("w:val").value()) ==
        "subscript");
  CHECK(runs[4].node().child("w:br"));
  pugi::xml_node last = runs[5].node();
  CHECK(std::string(last.child("w:t").attribute("xml:space").value()) == "preserve");
  CHECK(std::string(last.child("w:t").text().get()) == "  two");
  CHECK(last.child("w:tab"));
}

TEST_CASE("the package lists exactly its parts, as a document", "[docx]") {
  const Output out(tillit::test::kitchen_sink("sv-SE"));
  const auto types = out.xml("[Content_Types].xml");
  std::set<std::string> overrides;
  for (const auto& o : types.select_nodes("//Override")) {
    overrides.insert(o.node().attribute("PartName").value());
  }
  for (const auto& [name, bytes] : out.parts) {
    if (name == "[Content_Types].xml" || name.ends_with(".rels") ||
        name.starts_with("word/media/")) {
      continue;
    }
    INFO(name);
    CHECK(overrides.count("/" + name) == 1);
  }
  for (const std::string& name : overrides) {
    INFO(name);
    CHECK(out.has(name.substr(1)));
  }
  CHECK(
      types.select_node("//Override[@PartName='/word/document.xml' and @ContentType="
                        "'application/vnd.openxmlformats-officedocument.wordprocessingml."
                        "document.main+xml']"));
  // Every relationship of the document points at a part of the package.
  for (const auto& r : out.xml("word/_rels/document.xml.rels").select_nodes("//Relationship")) {
    if (std::string(r.node().attribute("TargetMode").value()) == "External") continue;
    INFO(r.node().attribute("Target").value());
    CHECK(out.has(std::string("word/") + r.node().attribute("Target").value()));
  }
}

TEST_CASE("the same input gives the same bytes", "[docx]") {
  const auto doc = tillit::test::kitchen_sink("en-US");
  const auto ref = docx::builtin_reference();
  const std::string first = docx::write_docx(doc, ref);
  const std::string second = docx::write_docx(doc, ref);
  REQUIRE_FALSE(first.empty());
  CHECK(first == second);
}

TEST_CASE("a branded reference replaces styles, page setup and footer", "[docx]") {
  const auto branded = tillit::test::branded_reference();
  const auto merged = docx::merge_reference(docx::builtin_reference(), branded);
  model::Document doc;
  doc.meta.page_label_before = "Page ";
  doc.blocks.push_back(model::TableOfContents{"Contents", 3});
  doc.blocks.push_back(heading(1, "Section I", "sec-i"));
  model::Table table;
  table.role = model::TableRole::Controls;
  table.header_rows = 1;
  table.rows.push_back({{cell("ID")}, true});
  doc.blocks.push_back(table);
  const Output out(doc, merged);
  const auto styles = out.xml("word/styles.xml");
  const auto body = out.xml("word/document.xml");

  // The branded heading 1 (id Rubrik1) is used; its Normal stays; its language gives way.
  CHECK(style_id_by_name(styles, "heading 1") == "Rubrik1");
  CHECK(body.select_node("//w:p[w:pPr/w:pStyle/@w:val='Rubrik1']"));
  CHECK(std::string(styles.select_node("//w:style[@w:styleId='Normal']//w:rFonts")
                        .node()
                        .attribute("w:ascii")
                        .value()) == "Georgia");
  CHECK_FALSE(styles.select_node("//w:style//w:lang"));
  // Styles it lacks come from the built-in ones, pointing at its own.
  CHECK(style_id_by_name(styles, "toc 1") == "TOC1");
  CHECK(style_id_by_name(styles, "Controls Table") == "ControlsTable");
  CHECK(std::string(styles.select_node("//w:style[@w:styleId='TOCHeading']/w:basedOn")
                        .node()
                        .attribute("w:val")
                        .value()) == "Rubrik1");
  CHECK(count(styles, "//w:style[@w:type='paragraph' and @w:default='1']") == 1);
  // Every style the body names exists.
  for (const auto& s : body.select_nodes("//w:pStyle | //w:rStyle | //w:tblStyle")) {
    const std::string id = s.node().attribute("w:val").value();
    INFO(id);
    CHECK(styles.select_node(("//w:style[@w:styleId='" + id + "']").c_str()));
  }

  // US Letter from the branded page setup; its footer; the built-in header as it has none.
  pugi::xml_node sect = body.select_node("/w:document/w:body/w:sectPr").node();
  CHECK(sect.child("w:pgSz").attribute("w:w").as_int() == 12240);
  CHECK_FALSE(sect.child("w:printerSettings"));
  REQUIRE(out.has("word/footer1.xml"));
  CHECK(out.parts.at("word/footer1.xml").find("Brand &amp; Co") != std::string::npos);
  CHECK(out.parts.at("word/footer1.xml").find("– Page ") != std::string::npos);
  CHECK(out.has("word/header1.xml"));
  // Settings: layout kept, revision tracking and the attached template not.
  const auto settings = out.xml("word/settings.xml");
  CHECK(std::string(settings.select_node("//w:defaultTabStop").node().attribute("w:val").value()) ==
        "720");
  CHECK_FALSE(settings.select_node("//w:trackRevisions"));
  CHECK_FALSE(settings.select_node("//w:attachedTemplate"));
  CHECK(settings.select_node("//w:compat"));
  // A .dotx reference still gives a document.
  CHECK(out.parts.at("[Content_Types].xml").find("template.main+xml") == std::string::npos);
  CHECK(out.parts.at("[Content_Types].xml").find("document.main+xml") != std::string::npos);
}

TEST_CASE("a branded header keeps its logo and gets the watermark", "[docx]") {
  auto branded = tillit::test::branded_reference();
  const std::string png = tillit::test::make_png(30, 10);
  branded.parts["word/document.xml"].replace(
      branded.parts["word/document.xml"].find("<w:footerReference"), 0,
      "<w:headerReference w:type=\"default\" r:id=\"rId3\"/>");
  branded.parts["word/_rels/document.xml.rels"].replace(
      branded.parts["word/_rels/document.xml.rels"].find("</Relationships>"), 0,
      "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/header\" Target=\"header2.xml\"/>");
  branded.parts["word/header2.xml"] =
      "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
      "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
      "<w:p><w:r><w:t>{{title}}</w:t></w:r><w:r><w:drawing><wp:inline><wp:docPr id=\"7\" "
      "name=\"Logo\"/></wp:inline></w:drawing></w:r></w:p></w:hdr>";
  branded.parts["word/_rels/header2.xml.rels"] =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/image\" Target=\"media/logo.png\"/></Relationships>";
  branded.parts["word/media/logo.png"] = png;

  model::Document doc;
  doc.meta.title = "Rapport";
  doc.meta.watermark = "DRAFT";
  doc.images["chart"] = {png, "image/png", "png", 30, 10};
  doc.blocks.push_back(model::Paragraph{{model::Image{"chart", "chart", 0, 0}}});
  const Output out(doc, docx::merge_reference(docx::builtin_reference(), branded));

  REQUIRE(out.has("word/header1.xml"));
  const auto header = out.xml("word/header1.xml");
  CHECK(header.select_node("//w:t[.='Rapport']"));
  CHECK(header.select_node("//v:textpath[@string='DRAFT']"));
  const auto rels = out.xml("word/_rels/header1.xml.rels");
  pugi::xml_node logo = rels.select_node("//Relationship[@Id='rId1']").node();
  REQUIRE(logo);
  const std::string target = logo.attribute("Target").value();
  REQUIRE(out.has("word/" + target));
  CHECK(out.parts.at("word/" + target) == png);
  // The body's picture is numbered after the header's drawing ids.
  CHECK(out.xml("word/document.xml").select_node("//wp:docPr").node().attribute("id").as_int() ==
        8);
}

TEST_CASE("write_docx over a raw branded package still names no missing style", "[docx]") {
  model::Document doc;
  doc.blocks.push_back(heading(1, "One"));
  doc.blocks.push_back(model::para("caption", model::ParaRole::Caption));
  const Output out(doc, tillit::test::branded_reference());
  const auto styles = out.xml("word/styles.xml");
  const auto body = out.xml("word/document.xml");
  for (const auto& s : body.select_nodes("//w:pStyle")) {
    const std::string id = s.node().attribute("w:val").value();
    INFO(id);
    CHECK(styles.select_node(("//w:style[@w:styleId='" + id + "']").c_str()));
  }
}

// Speed is measured in scripts/bench.sh; this only checks that a large table comes out whole.
TEST_CASE("5,000 controls are written whole", "[docx]") {
  model::Table table;
  table.role = model::TableRole::Controls;
  table.widths = {1, 4, 3, 3};
  table.header_rows = 1;
  for (int i = 0; i <= 5000; ++i) {
    table.rows.push_back({{cell("ACC-" + std::to_string(i)),
                           cell("Access is reviewed quarterly by the system owner and approved."),
                           cell("Inspected a sample of 25 quarterly reviews for approval."),
                           cell("No deviations noted.")},
                          true});
  }
  model::Document doc = one_block(table);
  const auto ref = docx::builtin_reference();
  const std::string bytes = docx::write_docx(doc, ref);
  const std::string xml = unzip(bytes).at("word/document.xml");
  size_t rows = 0;
  for (size_t at = xml.find("<w:tr>"); at != std::string::npos; at = xml.find("<w:tr>", at + 1)) {
    ++rows;
  }
  CHECK(rows == 5001);
  CHECK(xml.find("ACC-5000") != std::string::npos);
}
