#include "markdown/markdown.h"

#include <catch2/catch.hpp>
#include <initializer_list>
#include <string>
#include <vector>

#include "markdown/image.h"
#include "support/env.h"

using namespace tillit;
using namespace tillit::markdown;
namespace m = tillit::model;

namespace {

// ---- a compact, exact text form of the model, so expectations read like the Markdown -------

std::string dump(const m::Blocks& blocks);

std::string flags(unsigned style) {
  std::string f;
  if (style & m::kBold) f += 'b';
  if (style & m::kItalic) f += 'i';
  if (style & m::kCode) f += 'c';
  if (style & m::kStrike) f += 's';
  return f;
}

std::string run(const m::Run& r) {
  return r.style == m::kPlain ? r.text : flags(r.style) + "{" + r.text + "}";
}

std::string dump(const m::Inlines& inlines) {
  std::string out;
  for (const auto& in : inlines) {
    if (auto* r = std::get_if<m::Run>(&in)) {
      out += run(*r);
    } else if (auto* l = std::get_if<m::Link>(&in)) {
      out += "link(" + l->target + ")[";
      for (const auto& x : l->content) out += run(x);
      out += "]";
    } else if (std::holds_alternative<m::LineBreak>(in)) {
      out += "<br>";
    } else if (auto* i = std::get_if<m::Image>(&in)) {
      out += "img(" + i->id + "|" + i->alt + ")";
    } else if (auto* n = std::get_if<std::shared_ptr<m::Note>>(&in)) {
      out += "note[" + dump((*n)->content) + "]";
    } else {
      out += "?";
    }
  }
  return out;
}

std::string role(m::ParaRole r) {
  switch (r) {
    case m::ParaRole::Body:
      return "P";
    case m::ParaRole::Quote:
      return "Q";
    case m::ParaRole::Code:
      return "Code";
    case m::ParaRole::TableText:
      return "TT";
    case m::ParaRole::TableHeader:
      return "TH";
    default:
      return "X";
  }
}

std::string dump(const m::Block& b) {
  if (auto* p = std::get_if<m::Paragraph>(&b.value))
    return role(p->role) + "[" + dump(p->content) + "]";
  if (auto* h = std::get_if<m::Heading>(&b.value)) {
    return "H" + std::to_string(h->level) + "#" + h->bookmark + "[" + dump(h->content) + "]";
  }
  if (auto* l = std::get_if<m::List>(&b.value)) {
    std::string out = l->ordered ? "OL{" : "UL{";
    for (size_t i = 0; i < l->items.size(); ++i) out += (i ? " | " : "") + dump(l->items[i]);
    return out + "}";
  }
  if (auto* t = std::get_if<m::Table>(&b.value)) {
    return "Table(" + std::to_string(t->widths.size()) + "x" + std::to_string(t->rows.size()) + ")";
  }
  return "?";
}

std::string dump(const m::Blocks& blocks) {
  std::string out;
  for (size_t i = 0; i < blocks.size(); ++i) out += (i ? " ; " : "") + dump(blocks[i]);
  return out;
}

std::vector<std::string> top(const m::Blocks& blocks) {
  std::vector<std::string> out;
  for (const auto& b : blocks) out.push_back(dump(b));
  return out;
}

std::vector<std::string> lines(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& x : d.all()) out.push_back(format_human(x));
  return out;
}

// ---- a small engagement in memory -----------------------------------------------------------

const char* const kFile = "eng/description/sv/a.md";
const char* const kShown = "description/sv/a.md";

Options options(const Env* env = nullptr, int level = 3) {
  Options o;
  o.env = env;
  o.file = kFile;
  o.shown = kShown;
  o.root = "eng";
  o.heading_level = level;
  return o;
}

/// Convert without images; the diagnostics must be empty unless `d` is given.
std::vector<std::string> convert(std::string_view md, int level = 3) {
  m::Document doc;
  Diagnostics d;
  auto blocks = to_blocks(md, options(nullptr, level), doc, d);
  CHECK(lines(d).empty());
  return top(blocks);
}

std::string bytes(std::initializer_list<int> values) {
  std::string s;
  for (int v : values) s += static_cast<char>(v);
  return s;
}

std::string be16(unsigned v) { return bytes({int(v >> 8 & 0xFF), int(v & 0xFF)}); }
std::string be32(unsigned v) { return be16(v >> 16) + be16(v & 0xFFFF); }

std::string png(unsigned width, unsigned height) {
  return bytes({0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}) + be32(13) + "IHDR" + be32(width) +
         be32(height) + bytes({8, 2, 0, 0, 0}) + be32(0);
}

std::string jpeg(unsigned width, unsigned height) {
  std::string app0 =
      bytes({0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
  std::string sof0 = bytes({0xFF, 0xC0, 0x00, 0x11, 8}) + be16(height) + be16(width) +
                     bytes({3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
  return bytes({0xFF, 0xD8}) + app0 + sof0 + bytes({0xFF, 0xD9});
}

}  // namespace

// ---- inlines ----------------------------------------------------------------------------------

TEST_CASE("paragraphs and character formatting", "[markdown]") {
  CHECK(convert("Hello *wo **rld***, ~~gone~~ `x = 1`\nnext  \nline\n\nSecond _one_ __two__.") ==
        std::vector<std::string>{
            "P[Hello i{wo }bi{rld}, s{gone} c{x = 1} next<br>line]",
            "P[Second i{one} b{two}.]",
        });
  CHECK(convert("***x*** **~~y~~** *a `c`* ~z~") ==
        std::vector<std::string>{"P[bi{x} bs{y} i{a }ic{c} s{z}]"});
  CHECK(convert("back\\\nslash break") == std::vector<std::string>{"P[back<br>slash break]"});
}

TEST_CASE("links, autolinks and unsupported link targets", "[markdown]") {
  CHECK(convert("[site](https://x.se) and [sec](#within) <https://a.se> www.b.se info@c.se") ==
        std::vector<std::string>{
            "P[link(https://x.se)[site] and link(#within)[sec] link(https://a.se)[https://a.se] "
            "link(http://www.b.se)[www.b.se] link(mailto:info@c.se)[info@c.se]]"});
  CHECK(convert("[a *b* `c`](mailto:x@y.se)") ==
        std::vector<std::string>{"P[link(mailto:x@y.se)[a i{b} c{c}]]"});

  m::Document doc;
  Diagnostics d;
  auto blocks = to_blocks("See [the other file](other.md).", options(), doc, d);
  CHECK(top(blocks) == std::vector<std::string>{"P[See the other file.]"});
  CHECK(lines(d) == std::vector<std::string>{
                        "description/sv/a.md:1:5: warning: link to 'other.md' dropped, its text "
                        "kept: only http:, https:, mailto: and #anchor links work in a report "
                        "[markdown-link]\n"});
}

TEST_CASE("to_inlines joins blocks with line breaks", "[markdown]") {
  m::Document doc;
  Diagnostics d;
  CHECK(dump(to_inlines("a *b*\n\n- c\n- d", options(), doc, d)) == "a i{b}<br>c<br>d");
  CHECK(dump(to_inlines("", options(), doc, d)).empty());
  CHECK(d.all().empty());
}

// ---- blocks -----------------------------------------------------------------------------------

TEST_CASE("headings shift so the shallowest gets the requested level", "[markdown]") {
  CHECK(convert("# A\n\n## B\n\n#### C") ==
        std::vector<std::string>{"H3#a[A]", "H4#b[B]", "H6#c[C]"});
  CHECK(convert("### A\n\n#### B\n\n###### C\n", 1) ==
        std::vector<std::string>{"H1#a[A]", "H2#b[B]", "H4#c[C]"});
  CHECK(convert("# A\n\n## B\n\n### C\n\n#### D\n\n##### E") ==
        std::vector<std::string>{"H3#a[A]", "H4#b[B]", "H5#c[C]", "H6#d[D]", "H6#e[E]"});
  CHECK(convert("Setext\n======\n\nSub\n---", 2) ==
        std::vector<std::string>{"H2#setext[Setext]", "H3#sub[Sub]"});
}

TEST_CASE("heading bookmarks are GitHub slugs, unique in the document", "[markdown]") {
  CHECK(convert("### Inom avgränsningen\n\n### Hello, *World*!\n\n### Hello, World\n\n###") ==
        std::vector<std::string>{"H3#inom-avgränsningen[Inom avgränsningen]",
                                 "H3#hello-world[Hello, i{World}!]",
                                 "H3#hello-world-1[Hello, World]", "H3#[]"});
  CHECK(slug("CC6.1 – Logisk åtkomst") == "cc61--logisk-åtkomst");
  CHECK(slug("snake_case and-dash") == "snake_case-and-dash");

  m::Document doc;
  doc.blocks.push_back(m::Heading{2, m::text("Intro"), "intro", true});
  Diagnostics d;
  auto blocks = to_blocks("# Intro\n\n# Intro", options(), doc, d);
  CHECK(top(blocks) == std::vector<std::string>{"H3#intro-1[Intro]", "H3#intro-2[Intro]"});
}

TEST_CASE("lists, quotes, code and thematic breaks", "[markdown]") {
  CHECK(convert("- a\n- b\n  - c\n\n  more\n\n1. one\n2. two\n") ==
        std::vector<std::string>{"UL{P[a] | P[b] ; UL{P[c]} ; P[more]}", "OL{P[one] | P[two]}"});
  CHECK(convert("> q1\n> line\n>\n> > q2\n> - li\n\nafter") ==
        std::vector<std::string>{"Q[q1 line]", "Q[q2]", "UL{Q[li]}", "P[after]"});
  CHECK(convert("```text\nline 1\n\n  *x*\n```\n\n    indented\n\n```\n```") ==
        std::vector<std::string>{"Code[line 1]", "Code[]", "Code[  *x*]", "Code[indented]"});
  CHECK(convert("a\n\n---\n\n***\n\nb") == std::vector<std::string>{"P[a]", "P[b]"});
}

TEST_CASE("GFM tables become grid tables with one header row", "[markdown]") {
  m::Document doc;
  Diagnostics d;
  auto blocks = to_blocks(
      "| Id | Purpose | Who |\n|---|:-:|--:|\n| 1 | Runs *apps* and a \\| pipe |\n"
      "| 2 | A very long description that goes on and on past forty characters | x |\n",
      options(), doc, d);
  CHECK(d.all().empty());
  REQUIRE(blocks.size() == 1);
  auto* t = std::get_if<m::Table>(&blocks[0].value);
  REQUIRE(t);
  CHECK(t->role == m::TableRole::Grid);
  CHECK(t->header_rows == 1);
  CHECK(t->widths == std::vector<double>{4, 40, 4});
  REQUIRE(t->rows.size() == 3);
  std::vector<std::string> cells;
  for (const auto& row : t->rows) {
    CHECK(row.cells.size() == 3);
    for (const auto& cell : row.cells) cells.push_back(dump(cell.content));
  }
  CHECK(cells == std::vector<std::string>{
                     "TH[Id]", "TH[Purpose]", "TH[Who]",  //
                     "TT[1]", "TT[Runs i{apps} and a | pipe]", "TT[]", "TT[2]",
                     "TT[A very long description that goes on and on past forty characters]",
                     "TT[x]"});
}

TEST_CASE("footnotes become notes, shared by repeated references", "[markdown]") {
  m::Document doc;
  Diagnostics d;
  auto blocks = to_blocks(
      "One[^a] two[^b] again[^a] and [^missing].\n\n[^a]: Note *A*.\n[^b]: Note B[^a].\n"
      "[^unused]: never shown\n",
      options(), doc, d);
  CHECK(top(blocks) == std::vector<std::string>{"P[One"
                                                "note[P[Note i{A}.]] two"
                                                "note[P[Note B.]] again"
                                                "note[P[Note i{A}.]] and [^missing].]"});
  auto& p = std::get<m::Paragraph>(blocks[0].value);
  CHECK(std::get<std::shared_ptr<m::Note>>(p.content[1]) ==
        std::get<std::shared_ptr<m::Note>>(p.content[5]));
  CHECK(lines(d) == std::vector<std::string>{
                        "description/sv/a.md:4:13: warning: a footnote inside a footnote is not "
                        "supported and is dropped [markdown-footnote]\n"});
}

// ---- raw HTML ---------------------------------------------------------------------------------

TEST_CASE("raw HTML is dropped with a located warning; comments silently", "[markdown]") {
  m::Document doc;
  Diagnostics d;
  auto blocks = to_blocks(
      "<!-- tillit:stub: replace this file -->\n\nText <b>bold</b> here\n\n<div>\nx\n</div>\n\n"
      "A <!-- c --> B, Åäö <br/>\n\n<!-- open\n\nhidden",
      options(), doc, d);
  CHECK(top(blocks) == std::vector<std::string>{"P[Text bold here]", "P[A  B, Åäö ]"});
  CHECK(lines(d) ==
        std::vector<std::string>{
            "description/sv/a.md:3:6: warning: raw HTML is not passed through "
            "[markdown-raw-html]\n",
            "description/sv/a.md:3:13: warning: raw HTML is not passed through "
            "[markdown-raw-html]\n",
            "description/sv/a.md:5:1: warning: raw HTML is not passed through "
            "[markdown-raw-html]\n",
            "description/sv/a.md:9:21: warning: raw HTML is not passed through "
            "[markdown-raw-html]\n",
            "description/sv/a.md:11:1: warning: HTML comment is not closed; the text after it "
            "is dropped [markdown-raw-html]\n"});
  CHECK(d.exit_code() == ExitCode::Ok);
}

TEST_CASE("locations count characters after a BOM and across CRLF lines", "[markdown]") {
  m::Document doc;
  Diagnostics d;
  auto blocks = to_blocks("\xEF\xBB\xBFÅ <i>\r\n\r\nb\rc <u>", options(), doc, d);
  CHECK(top(blocks) == std::vector<std::string>{"P[Å ]", "P[b c ]"});
  CHECK(lines(d) ==
        std::vector<std::string>{"description/sv/a.md:1:3: warning: raw HTML is not passed through "
                                 "[markdown-raw-html]\n",
                                 "description/sv/a.md:4:3: warning: raw HTML is not passed through "
                                 "[markdown-raw-html]\n"});
}

TEST_CASE("at most 100 diagnostics per text, then a count", "[markdown]") {
  std::string md;
  for (int i = 0; i < 150; ++i) md += "<i>\n\n";
  m::Document doc;
  Diagnostics d;
  to_blocks(md, options(), doc, d);
  REQUIRE(d.all().size() == 101);
  CHECK(format_human(d.all()[99]) ==
        "description/sv/a.md:199:1: warning: raw HTML is not passed through [markdown-raw-html]\n");
  CHECK(format_human(d.all()[100]) ==
        "description/sv/a.md: warning: 50 more problems in this file not shown [markdown-limit]\n");
}

// ---- images -----------------------------------------------------------------------------------

TEST_CASE("PNG and JPEG sizes come from their headers", "[markdown]") {
  auto p = sniff_image(png(640, 480));
  REQUIRE(p);
  CHECK(p->media_type == "image/png");
  CHECK(p->extension == "png");
  CHECK((p->width_px == 640 && p->height_px == 480));
  auto j = sniff_image(jpeg(300, 200));
  REQUIRE(j);
  CHECK(j->media_type == "image/jpeg");
  CHECK(j->extension == "jpeg");
  CHECK((j->width_px == 300 && j->height_px == 200));
  CHECK_FALSE(sniff_image("GIF89a\x01\x00\x01\x00"));
  CHECK_FALSE(sniff_image(png(1, 1).substr(0, 20)));
  CHECK_FALSE(sniff_image(bytes({0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x40, 0})));  // length past end
  CHECK_FALSE(sniff_image(bytes({0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02})));     // scan first

  CHECK(normalise_path("a/./b/../c") == "a/c");
  CHECK(normalise_path("../a/../../b/") == "../../b");
  CHECK(normalise_path("/../x") == "/x");
  CHECK(normalise_path("a/..") == ".");
  CHECK(path_inside("eng/x.png", "eng"));
  CHECK_FALSE(path_inside("engine/x.png", "eng"));
  CHECK_FALSE(path_inside("eng", "eng"));
  CHECK(path_inside("x.png", "."));
  CHECK_FALSE(path_inside("../x.png", "."));
}

TEST_CASE("images resolve next to the Markdown file and are stored once", "[markdown]") {
  MemoryEnv env;
  env.put("eng/description/images/x.png", png(640, 480));
  env.put("eng/description/images/photo.jpg", jpeg(300, 200));
  env.put("eng/description/images/my pic.png", jpeg(10, 20));  // the name does not decide
  m::Document doc;
  Diagnostics d;
  auto blocks = to_blocks(
      "![Arkitektur *ny*](../images/x.png) ![Foto](../images/photo.jpg)\n\n"
      "![Igen](../images/./x.png) [![Länkad](../images/my%20pic.png)](https://x.se)",
      options(&env), doc, d);
  CHECK(d.all().empty());
  CHECK(top(blocks) ==
        std::vector<std::string>{"P[img(image-description-images-x-png|Arkitektur ny) "
                                 "img(image-description-images-photo-jpg|Foto)]",
                                 "P[img(image-description-images-x-png|Igen) "
                                 "img(image-description-images-my-pic-png|Länkad)]"});
  REQUIRE(doc.images.size() == 3);
  const auto& x = doc.images.at("image-description-images-x-png");
  CHECK((x.width_px == 640 && x.height_px == 480 && x.media_type == "image/png"));
  CHECK(x.bytes == png(640, 480));
  const auto& pic = doc.images.at("image-description-images-my-pic-png");
  CHECK((pic.width_px == 10 && pic.height_px == 20 && pic.extension == "jpeg"));

  // Another text of the same document reuses the stored image.
  auto again = to_blocks("![Åter](../images/x.png)", options(&env), doc, d);
  CHECK(top(again) == std::vector<std::string>{"P[img(image-description-images-x-png|Åter)]"});
  CHECK(doc.images.size() == 3);
  CHECK(d.all().empty());
}

TEST_CASE("bad images are located errors, never silently dropped", "[markdown]") {
  MemoryEnv env;
  env.put("eng/description/images/anim.png", "GIF89a\x01\x00\x01\x00");
  env.put("eng/description/images/huge.png", png(100000, 10));
  env.put("eng/description/images/big.png", png(10, 10) + std::string(21u << 20, '\0'));
  env.put("eng/description/images/folder/inner.png", png(1, 1));
  env.put("outside.png", png(1, 1));
  m::Document doc;
  Diagnostics d;
  auto blocks = to_blocks(
      "![a](../images/nope.png)\n"
      "![b](../../../outside.png)\n"
      "![c](https://example.com/x.png) ![d](data:image/png;base64,AAAA)\n"
      "![e](/etc/passwd.png) ![f](C:\\bilder\\x.png)\n"
      "Text ![g](../images/anim.png) ![h](../images/huge.png) ![i](../images/big.png)\n"
      "![j](../images/folder) ![k](../images/nope.png)",
      options(&env), doc, d);
  CHECK(doc.images.empty());
  CHECK(lines(d) ==
        std::vector<std::string>{
            "description/sv/a.md:1:1: error: image '../images/nope.png' not found "
            "[markdown-image]\n",
            "description/sv/a.md:2:1: error: image '../../../outside.png' is outside the "
            "engagement folder [markdown-image]\n",
            "description/sv/a.md:3:1: error: image 'https://example.com/x.png' is a URL; images "
            "must be files in the engagement folder [markdown-image]\n",
            "description/sv/a.md:3:33: error: image 'data:image/png;base64,AAAA' is a URL; "
            "images must be files in the engagement folder [markdown-image]\n",
            "description/sv/a.md:4:1: error: image '/etc/passwd.png' has an absolute path; give "
            "it relative to this file [markdown-image]\n",
            "description/sv/a.md:4:23: error: image 'C:\\bilder\\x.png' has an absolute path; "
            "give it relative to this file [markdown-image]\n",
            "description/sv/a.md:5:6: error: image '../images/anim.png' is not a PNG or JPEG "
            "file [markdown-image]\n",
            "description/sv/a.md:5:31: error: image '../images/huge.png' has an implausible size "
            "of 100000 x 10 pixels [markdown-image]\n",
            "description/sv/a.md:5:56: error: image '../images/big.png' is larger than 20 MB "
            "[markdown-image]\n",
            "description/sv/a.md:6:1: error: image '../images/folder' is not a file "
            "[markdown-image]\n",
            "description/sv/a.md:6:24: error: image '../images/nope.png' not found "
            "[markdown-image]\n"});
  CHECK(d.exit_code() == ExitCode::NoInput);

  Diagnostics d2;
  to_blocks("![x](../../../outside.png)", options(&env), doc, d2);
  CHECK(d2.exit_code() == ExitCode::DataError);

  Diagnostics d3;
  to_blocks("Logo: ![x](x.png)", options(), doc, d3);
  CHECK(lines(d3) == std::vector<std::string>{"description/sv/a.md:1:7: error: images are not "
                                              "allowed here [markdown-image]\n"});
}

// ---- escaping ---------------------------------------------------------------------------------

TEST_CASE("escape() gives back exactly the plain text", "[markdown]") {
  const std::vector<std::string> nasty = {
      "AB *Nord* [1] <x> _y_ # z | w \\ `c`",
      "# Rubrik",
      "- item",
      "+ plus",
      "1. first",
      "2) second",
      "12345678901. long",
      "> quote",
      "===",
      "---",
      "***",
      "___",
      "~~strike~~ ~one~",
      "![img](x.png) [^1] [a]: b",
      "<!-- c --> <div>",
      "https://example.com www.example.com WWW.Example.se info@example.com",
      "&amp; &#169; &copy",
      "a\\",
      "\\",
      "Molnkvarn AB (publ), 1.5 mkr",
      "x|y \\| z",
      "Tab\there",
      "    four spaces",
      "trailing  ",
      "Åäö – ”citat” 😀",
  };
  for (const auto& x : nasty) {
    INFO(x);
    m::Document doc;
    Diagnostics d;
    auto para = to_blocks(escape(x), options(), doc, d);
    CHECK(top(para) == std::vector<std::string>{"P[" + x + "]"});
    auto in_line = to_inlines("Before " + escape(x) + " after", options(), doc, d);
    CHECK(dump(in_line) == "Before " + x + " after");
    auto cell = to_blocks("| h |\n|---|\n| " + escape(x) + " |\n", options(), doc, d);
    REQUIRE(cell.size() == 1);
    auto* t = std::get_if<m::Table>(&cell[0].value);
    REQUIRE(t);
    CHECK(dump(t->rows.at(1).cells.at(0).content) == "TT[" + x + "]");
    CHECK(d.all().empty());
  }
  CHECK(escape("a\r\nb\nc") == "a b c");
  CHECK(escape("Molnkvarn AB") == "Molnkvarn AB");
}

// ---- hostile input ----------------------------------------------------------------------------

TEST_CASE("invalid UTF-8 is reported at its position", "[markdown]") {
  m::Document doc;
  Diagnostics d;
  auto blocks = to_blocks("ok\nåb\xFF", options(), doc, d);
  CHECK(blocks.empty());
  CHECK(lines(d) == std::vector<std::string>{"description/sv/a.md:2:3: error: invalid UTF-8; save "
                                             "the file as UTF-8 [invalid-utf8]\n"});
  CHECK(d.exit_code() == ExitCode::DataError);
}

TEST_CASE("deep nesting, long lines and table bombs stay cheap", "[markdown]") {
  m::Document doc;
  SECTION("block quotes 100000 deep flatten into quote paragraphs") {
    Diagnostics d;
    auto blocks = to_blocks(std::string(100000, '>') + " deep", options(), doc, d);
    CHECK(top(blocks) == std::vector<std::string>{"Q[deep]"});
    CHECK(lines(d) == std::vector<std::string>{
                          "description/sv/a.md:1:33: warning: lists and block quotes nested more "
                          "than 32 levels deep are flattened [markdown-nesting]\n"});
  }
  SECTION("lists 200 deep keep 32 levels") {
    std::string md;
    for (int i = 0; i < 200; ++i) md += std::string(static_cast<size_t>(2 * i), ' ') + "- x\n";
    Diagnostics d;
    auto blocks = to_blocks(md, options(), doc, d);
    int depth = 0;
    for (const m::Blocks* level = &blocks; level;) {
      const m::Blocks* inner = nullptr;
      for (const auto& b : *level) {
        if (auto* l = std::get_if<m::List>(&b.value)) inner = &l->items.back();
      }
      if (inner) ++depth;
      level = inner;
    }
    CHECK(depth == 32);
    CHECK(d.warning_count() == 1);
  }
  SECTION("long lines and deep emphasis") {
    std::string md;
    for (int i = 0; i < 20000; ++i) md += "*a ";
    md += "b";
    for (int i = 0; i < 20000; ++i) md += " a*";
    md += "\n\n" + std::string(200000, 'x') + " ![z](../images/none.png)";
    MemoryEnv env;
    Diagnostics d;
    auto blocks = to_blocks(md, options(&env), doc, d);
    REQUIRE(blocks.size() == 2);
    CHECK(lines(d) ==
          std::vector<std::string>{"description/sv/a.md:3:200002: error: image "
                                   "'../images/none.png' not found [markdown-image]\n"});
  }
  SECTION("a wide table over many lines is refused before parsing") {
    std::string md = "|";
    for (int i = 0; i < 1000; ++i) md += "a|";
    md += "\n|";
    for (int i = 0; i < 1000; ++i) md += "-|";
    for (int i = 0; i < 20000; ++i) md += "\nx";
    Diagnostics d;
    auto blocks = to_blocks(md, options(), doc, d);
    CHECK(blocks.empty());
    CHECK(lines(d) == std::vector<std::string>{"description/sv/a.md:2: error: tables too large: "
                                               "20001000 cells or more; the limit is 100000 "
                                               "[markdown-table]\n"});
  }
}

// ---- the sample engagement --------------------------------------------------------------------

TEST_CASE("every sample narrative converts cleanly", "[markdown]") {
  DiskEnv env;
  const std::string root = std::string(TILLIT_SOURCE_DIR) + "/samples/molnkvarn";
  for (const std::string lang : {"sv", "en"}) {
    const std::string dir = root + "/description/" + lang;
    auto names = env.list(dir);
    CHECK(names.size() == 18);
    m::Document doc;
    for (const auto& name : names) {
      INFO(lang + "/" + name);
      Options o;
      o.env = &env;
      o.file = dir + "/" + name;
      o.shown = "description/" + lang + "/" + name;
      o.root = root;
      auto text = env.read(o.file);
      REQUIRE(text);
      Diagnostics d;
      auto blocks = to_blocks(*text, o, doc, d);
      CHECK(lines(d).empty());
      CHECK_FALSE(blocks.empty());
      if (name == "boundaries.md") {
        auto& p = std::get<m::Paragraph>(blocks.at(1).value);
        REQUIRE(p.content.size() == 1);
        auto& image = std::get<m::Image>(p.content[0]);
        CHECK(image.alt == (lang == "sv" ? "Systemöversikt" : "System overview"));
        const auto& data = doc.images.at(image.id);
        CHECK((data.width_px == 1600 && data.height_px == 900));
      }
      if (name == "infrastructure.md") {
        auto& t = std::get<m::Table>(blocks.at(1).value);
        CHECK(t.widths.size() == 3);
        CHECK(t.rows.size() == 8);
        for (const auto& row : t.rows) CHECK(row.cells.size() == 3);
      }
    }
    CHECK(doc.images.size() == 1);
  }
}
