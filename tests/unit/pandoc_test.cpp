#include "render/pandoc/pandoc.h"

#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/env.h"
#include "support/process.h"

using namespace tillit;
using namespace tillit::render::pandoc;
namespace m = tillit::model;

namespace {

const std::string kPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00"
    "\x00\x02\x08\x02\x00\x00\x00\xfd\xd4\x9a\x73\x00\x00\x00\x10\x49\x44\x41\x54\x78\xda\x63"
    "\x90\x8b\x5a\x00\x44\x0c\x10\x0a\x00\x1c\xa6\x04\x61\xe5\xb7\xad\x09\x00\x00\x00\x00\x49"
    "\x45\x4e\x44\xae\x42\x60\x82",
    73);

constexpr const char* kHead = R"({"pandoc-api-version":[1,22,2,1],"meta":{},"blocks":[)";

/// The JSON of a document holding only `blocks`.
std::string json_of(m::Blocks blocks) {
  m::Document doc;
  doc.blocks = std::move(blocks);
  return to_json(doc, kApi1_22);
}

std::string para_json(const std::string& inlines) {
  return std::string(kHead) + R"({"t":"Para","c":[)" + inlines + "]}]}";
}

m::Paragraph para(m::Inlines content) { return m::Paragraph{std::move(content), {}, false}; }

m::TableCell cell(const std::string& text, int col_span = 1, int row_span = 1) {
  return m::TableCell{{m::para(text, m::ParaRole::TableText)}, col_span, row_span, false};
}

/// One of everything the model has, as a report would use it.
m::Document kitchen_sink() {
  m::Document doc;
  doc.meta.title = "SOC 2 Type 2 report – Molnkvarn AB";
  doc.meta.subtitle = "Type 2";
  doc.meta.author = "Revisorerna AB";
  doc.meta.date = "2026-08-01";
  doc.meta.language = "en-US";
  doc.images["image-arch"] = m::ImageData{kPng, "image/png", "png", 2, 2};

  auto note = std::make_shared<m::Note>();
  note->content.push_back(m::para("As agreed."));

  m::Blocks& b = doc.blocks;
  b.push_back(m::para("SOC 2 Type 2 report", m::ParaRole::Title));
  b.push_back(m::para("Molnkvarn AB", m::ParaRole::Subtitle));
  b.push_back(m::para("Restricted use.", m::ParaRole::CoverNote));
  b.push_back(m::PageBreak{});
  b.push_back(m::TableOfContents{"Contents", 2});
  b.push_back(m::Heading{1, m::text("Section I"), "sec-1", true});
  b.push_back(
      para({m::Run{"We have ", m::kPlain}, m::Run{"examined", m::kBold}, m::Run{" the ", m::kPlain},
            m::Run{"description", m::kItalic}, m::Run{".", m::kPlain}, note}));
  b.push_back(
      para({m::Run{"See ", m::kPlain}, m::Link{{m::Run{"the criteria", 0}}, "#sec-4"},
            m::Run{" and ", m::kPlain}, m::Link{{m::Run{"AICPA", 0}}, "https://www.aicpa.org/"},
            m::LineBreak{}, m::Run{"Use ", m::kPlain}, m::Run{"tillit check", m::kCode},
            m::Run{" ", m::kPlain}, m::Run{"old", m::kStrike}, m::Run{" m", m::kPlain},
            m::Run{"2", m::kSuperscript}, m::Run{" H", m::kPlain}, m::Run{"2", m::kSubscript},
            m::Run{"O", m::kPlain}}));
  b.push_back(m::Heading{2, m::text("System overview"), "sec-3-overview", true});
  b.push_back(para({m::Image{"image-arch", "Architecture", 0, 0}}));
  b.push_back(m::List{false, {{m::para("Servers")}, {m::para("Databases")}}});
  b.push_back(m::List{true, {{m::para("First")}, {m::para("Second")}}});
  b.push_back(m::para("Quoted.", m::ParaRole::Quote));
  b.push_back(m::para("make all", m::ParaRole::Code));
  b.push_back(m::SectionBreak{m::Orientation::Landscape});
  m::Table t;
  t.widths = {1, 3};
  t.header_rows = 1;
  t.caption = m::text("Controls");
  t.rows.push_back({{cell("ID"), cell("Control")}, true});
  t.rows.push_back({{cell("CC1.1", 2)}, true});
  t.rows.push_back({{cell("C-01"), cell("Access is reviewed.")}, true});
  b.push_back(std::move(t));
  return doc;
}

std::string temp_folder(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("tillit-pandoc-test-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

void write_script(const std::string& path, const std::string& body) {
  std::ofstream(path) << "#!/bin/sh\n" << body;
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
}

}  // namespace

// ---- to_json: exact JSON ------------------------------------------------------------------

TEST_CASE("an empty document is the version stamp, empty meta and no blocks", "[pandoc]") {
  CHECK(json_of({}) == R"({"pandoc-api-version":[1,22,2,1],"meta":{},"blocks":[]})");
  m::Document doc;
  CHECK(to_json(doc, kApi1_23) == R"({"pandoc-api-version":[1,23,1],"meta":{},"blocks":[]})");
  CHECK_THROWS_AS(to_json(doc, ApiVersion{{1, 21}}), std::invalid_argument);
}

TEST_CASE("headings keep their bookmark; headings outside the contents are unlisted", "[pandoc]") {
  CHECK(json_of({m::Heading{2, m::text("Scope"), "sec-scope", true}}) ==
        std::string(kHead) +
            R"({"t":"Header","c":[2,["sec-scope",[],[]],[{"t":"Str","c":"Scope"}]]}]})");
  CHECK(json_of({m::Heading{9, m::text("Run-in"), "", false}}) ==
        std::string(kHead) +
            R"({"t":"Header","c":[6,["",["unlisted"],[]],[{"t":"Str","c":"Run-in"}]]}]})");
}

TEST_CASE("runs split into words and single spaces, trimmed at the ends", "[pandoc]") {
  CHECK(json_of({para({m::Run{"  Hello,  wide\tworld \n", m::kPlain}, m::Run{" again", 0}})}) ==
        para_json(R"({"t":"Str","c":"Hello,"},{"t":"Space"},{"t":"Str","c":"wide"},)"
                  R"({"t":"Space"},{"t":"Str","c":"world"},{"t":"Space"},)"
                  R"({"t":"Str","c":"again"})"));
  // Runs that meet inside a word make one Str; a no-break space is not a separator.
  CHECK(json_of({para({m::Run{"Molnkvarn", 0}, m::Run{"\xC2\xA0"
                                                      "AB",
                                                      0}})}) ==
        para_json(R"({"t":"Str","c":"Molnkvarn)"
                  "\xC2\xA0"
                  R"(AB"})"));
}

TEST_CASE("styles nest in a fixed order and neighbouring runs share one wrapper", "[pandoc]") {
  CHECK(json_of({para({m::Run{"a ", m::kBold}, m::Run{"b", m::kBold | m::kItalic},
                       m::Run{" c", m::kBold}})}) ==
        para_json(R"({"t":"Strong","c":[{"t":"Str","c":"a"},{"t":"Space"},)"
                  R"({"t":"Emph","c":[{"t":"Str","c":"b"}]},{"t":"Space"},)"
                  R"({"t":"Str","c":"c"}]})"));
  // Spaces at the edge of a styled run go outside the wrapper.
  CHECK(json_of({para({m::Run{"x", 0}, m::Run{" y ", m::kItalic}, m::Run{"z", 0}})}) ==
        para_json(R"({"t":"Str","c":"x"},{"t":"Space"},{"t":"Emph","c":[{"t":"Str","c":"y"}]},)"
                  R"({"t":"Space"},{"t":"Str","c":"z"})"));
  CHECK(json_of({para({m::Run{"gone", m::kStrike}, m::Run{"2", m::kSuperscript},
                       m::Run{"x", m::kSubscript}})}) ==
        para_json(R"({"t":"Strikeout","c":[{"t":"Str","c":"gone"}]},)"
                  R"({"t":"Superscript","c":[{"t":"Str","c":"2"}]},)"
                  R"({"t":"Subscript","c":[{"t":"Str","c":"x"}]})"));
  // Code keeps its spaces and takes the other styles around it.
  CHECK(json_of({para({m::Run{"a  b\nc", m::kCode | m::kBold}})}) ==
        para_json(R"({"t":"Strong","c":[{"t":"Code","c":[["",[],[]],"a  b c"]}]})"));
}

TEST_CASE("links, line breaks and fields", "[pandoc]") {
  // The style all of a link's text shares goes around the link.
  CHECK(json_of({para({m::Run{"see ", m::kBold},
                       m::Link{{m::Run{"CC6.1", m::kBold | m::kItalic}}, "#sec-cc6-1"},
                       m::LineBreak{}, m::Field{}, m::Link{{}, "https://x.se/"}})}) ==
        para_json(R"({"t":"Strong","c":[{"t":"Str","c":"see"},{"t":"Space"},)"
                  R"({"t":"Emph","c":[{"t":"Link","c":[["",[],[]],[{"t":"Str","c":"CC6.1"}],)"
                  R"(["#sec-cc6-1",""]]}]}]},{"t":"LineBreak"},)"
                  R"({"t":"Link","c":[["",[],[]],[{"t":"Str","c":"https://x.se/"}],)"
                  R"(["https://x.se/",""]]})"));
}

TEST_CASE("strings are escaped and malformed UTF-8 is replaced", "[pandoc]") {
  CHECK(json_of({para(m::text("\"q\" \\ \x01 \xC3\xA5 \xFF \xED\xA0\x80"))}) ==
        para_json(R"({"t":"Str","c":"\"q\""},{"t":"Space"},{"t":"Str","c":"\\"},{"t":"Space"},)"
                  R"({"t":"Str","c":"\u0001"},{"t":"Space"},{"t":"Str","c":")"
                  "\xC3\xA5"
                  R"("},{"t":"Space"},{"t":"Str","c":")"
                  "\xEF\xBF\xBD"
                  R"("},{"t":"Space"},{"t":"Str","c":")"
                  "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                  R"("})"));
}

TEST_CASE("paragraph roles: divs, code blocks, quotes; layout blocks are dropped", "[pandoc]") {
  CHECK(
      json_of({m::para("Report", m::ParaRole::Title), m::PageBreak{}, m::SectionBreak{},
               m::TableOfContents{"Contents", 2}, m::para("", m::ParaRole::Body),
               m::para("a = 1", m::ParaRole::Code), m::para("", m::ParaRole::Code),
               m::para("b", m::ParaRole::Code), m::para("One", m::ParaRole::Quote),
               m::para("Two", m::ParaRole::Quote), m::para("Fig", m::ParaRole::Caption)}) ==
      std::string(R"({"pandoc-api-version":[1,22,2,1],)"
                  R"("meta":{"toc-title":{"t":"MetaInlines","c":[{"t":"Str","c":"Contents"}]}},)"
                  R"("blocks":[)") +
          R"({"t":"Div","c":[["",["title"],[]],[{"t":"Para","c":[{"t":"Str","c":"Report"}]}]]},)"
          R"({"t":"CodeBlock","c":[["",[],[]],"a = 1\n\nb"]},)"
          R"({"t":"BlockQuote","c":[{"t":"Para","c":[{"t":"Str","c":"One"}]},)"
          R"({"t":"Para","c":[{"t":"Str","c":"Two"}]}]},)"
          R"({"t":"Div","c":[["",["caption"],[]],[{"t":"Para","c":[{"t":"Str","c":"Fig"}]}]]}]})");
}

TEST_CASE("lists: tight items are Plain, items with several paragraphs Para", "[pandoc]") {
  CHECK(json_of({m::List{true, {{m::para("a")}, {m::para("b")}}}}) ==
        std::string(kHead) + R"({"t":"OrderedList","c":[[1,{"t":"Decimal"},{"t":"Period"}],)"
                             R"([[{"t":"Plain","c":[{"t":"Str","c":"a"}]}],)"
                             R"([{"t":"Plain","c":[{"t":"Str","c":"b"}]}]]]}]})");
  CHECK(json_of({m::List{false, {{m::para("a"), m::para("b")}, {}}}}) ==
        std::string(kHead) + R"({"t":"BulletList","c":[[{"t":"Para","c":[{"t":"Str","c":"a"}]},)"
                             R"({"t":"Para","c":[{"t":"Str","c":"b"}]}],[]]}]})");
  CHECK(json_of({m::List{false, {}}}) == std::string(kHead) + "]}");
}

TEST_CASE("tables: caption, widths as fractions, head, spans and shading", "[pandoc]") {
  m::Table t;
  t.widths = {1, 3};
  t.header_rows = 1;
  t.role = m::TableRole::Controls;
  t.caption = m::text("Controls");
  t.rows.push_back({{cell("ID"), cell("Text")}, true});
  m::TableCell criterion = cell("CC1.1", 2);
  criterion.shaded = true;
  t.rows.push_back({{criterion}, true});
  t.rows.push_back({{cell("C-01", 1, 2), cell("One")}, true});
  t.rows.push_back({{cell("Two")}, true});
  const std::string no_attr = R"(["",[],[]])";
  auto plain_cell = [&](const std::string& text, int rows, int cols,
                        const std::string& attr = R"(["",[],[]])") {
    return "[" + attr + R"(,{"t":"AlignDefault"},)" + std::to_string(rows) + "," +
           std::to_string(cols) + R"(,[{"t":"Plain","c":[{"t":"Str","c":")" + text + R"("}]}]])";
  };
  auto row = [&](const std::string& cells) { return "[" + no_attr + ",[" + cells + "]]"; };
  CHECK(json_of({t}) ==
        std::string(kHead) + R"({"t":"Table","c":[["",["controls"],[]],)" +
            R"([null,[{"t":"Plain","c":[{"t":"Str","c":"Controls"}]}]],)" +
            R"([[{"t":"AlignDefault"},{"t":"ColWidth","c":0.25}],)" +
            R"([{"t":"AlignDefault"},{"t":"ColWidth","c":0.75}]],)" + "[" + no_attr + ",[" +
            row(plain_cell("ID", 1, 1) + "," + plain_cell("Text", 1, 1)) + "]],[[" + no_attr +
            ",0,[],[" + row(plain_cell("CC1.1", 1, 2, R"(["",["shaded"],[]])")) + "," +
            row(plain_cell("C-01", 2, 1) + "," + plain_cell("One", 1, 1)) + "," +
            row(plain_cell("Two", 1, 1)) + "]]],[" + no_attr + ",[]]]}]}");

  // Without widths the columns are counted from the rows; a header-only table has no body.
  m::Table bare;
  bare.header_rows = 5;
  bare.rows.push_back({{cell("A"), cell("B", 2)}, true});
  std::string json = json_of({bare});
  CHECK(json.find(R"([[{"t":"AlignDefault"},{"t":"ColWidthDefault"}],)"
                  R"([{"t":"AlignDefault"},{"t":"ColWidthDefault"}],)"
                  R"([{"t":"AlignDefault"},{"t":"ColWidthDefault"}]])") != std::string::npos);
  CHECK(json.find(R"(]]]],[],[["",[],[]],[]]]})") != std::string::npos);
}

TEST_CASE("images point into the media folder; notes hold blocks", "[pandoc]") {
  m::Document doc;
  doc.images["image-a/b"] = m::ImageData{kPng, "image/png", "png", 2, 2};
  doc.images["image-a-b"] = m::ImageData{kPng, "image/png", "png", 2, 2};
  doc.images["photo"] = m::ImageData{"\xFF\xD8\xFF", "image/jpeg", "", 1, 1};
  auto note = std::make_shared<m::Note>();
  note->content.push_back(m::para("Source: CMDB."));
  doc.blocks.push_back(
      para({m::Image{"image-a/b", "The system", 5.5, 0}, m::Image{"missing", "Gone", 0, 0}, note}));
  JsonOptions opts;
  opts.media_dir = "report_files";
  CHECK(to_json(doc, kApi1_22, opts) ==
        para_json(R"({"t":"Image","c":[["",[],[["width","5.5cm"]]],)"
                  R"([{"t":"Str","c":"The"},{"t":"Space"},{"t":"Str","c":"system"}],)"
                  R"(["report_files/image-a-b-2.png",""]]},{"t":"Str","c":"Gone"},)"
                  R"({"t":"Note","c":[{"t":"Para","c":[{"t":"Str","c":"Source:"},)"
                  R"({"t":"Space"},{"t":"Str","c":"CMDB."}]}]})"));

  auto names = media_names(doc);
  CHECK(names == std::map<std::string, std::string>{{"image-a-b", "image-a-b.png"},
                                                    {"image-a/b", "image-a-b-2.png"},
                                                    {"photo", "photo.jpeg"}});
  MemoryEnv env;
  std::string error;
  REQUIRE(write_media(env, doc, "out/media", &error));
  CHECK(env.files().at("out/media/image-a-b-2.png") == kPng);
  CHECK(env.files().count("out/media/photo.jpeg") == 1);
  CHECK(env.files().size() == 3);
}

TEST_CASE("meta: title, subtitle, author, date, language, sorted", "[pandoc]") {
  m::Document doc;
  doc.meta.title = "SOC 2 – Molnkvarn";
  doc.meta.subtitle = "Typ 2";
  doc.meta.author = "Revisorerna AB";
  doc.meta.date = "2026-08-01";
  doc.meta.language = "sv-SE";
  doc.meta.watermark = "UTKAST";
  CHECK(to_json(doc, kApi1_22) ==
        R"({"pandoc-api-version":[1,22,2,1],"meta":{)"
        R"("author":{"t":"MetaInlines","c":[{"t":"Str","c":"Revisorerna"},{"t":"Space"},)"
        R"({"t":"Str","c":"AB"}]},)"
        R"("date":{"t":"MetaInlines","c":[{"t":"Str","c":"2026-08-01"}]},)"
        R"("lang":{"t":"MetaString","c":"sv-SE"},)"
        R"("subtitle":{"t":"MetaInlines","c":[{"t":"Str","c":"Typ"},{"t":"Space"},)"
        R"({"t":"Str","c":"2"}]},)"
        R"("title":{"t":"MetaInlines","c":[{"t":"Str","c":"SOC"},{"t":"Space"},)"
        R"({"t":"Str","c":"2"},{"t":"Space"},{"t":"Str","c":"–"},{"t":"Space"},)"
        R"({"t":"Str","c":"Molnkvarn"}]}},"blocks":[]})");
}

TEST_CASE("the output is deterministic", "[pandoc]") {
  CHECK(to_json(kitchen_sink(), kApi1_22) == to_json(kitchen_sink(), kApi1_22));
}

// ---- detect_api -------------------------------------------------------------------------

TEST_CASE("the API version is read from pandoc --version", "[pandoc]") {
  std::string error;
  auto v = api_from_version_text(
      "pandoc 2.17.1.1\nCompiled with pandoc-types 1.22.2.1, texmath 0.12.4, skylighting "
      "0.12.3.1,\nciteproc 0.6.0.1, ipynb 0.2\n",
      &error);
  REQUIRE(v);
  CHECK(*v == kApi1_22);
  v = api_from_version_text("pandoc 3.1.11.1\nFeatures: +server +lua\n", &error);
  REQUIRE(v);
  CHECK(*v == ApiVersion{{1, 23}});
  v = api_from_version_text("pandoc.exe 3.6\nFeatures: +server +lua\n", &error);
  REQUIRE(v);
  CHECK(*v == kApi1_23);

  CHECK_FALSE(
      api_from_version_text("pandoc 2.9.2.1\nCompiled with pandoc-types 1.20, ...\n", &error));
  CHECK(error ==
        "pandoc 2.9.2.1 uses pandoc-types 1.20; Tillit writes Pandoc JSON for pandoc-types "
        "1.22 (pandoc 2.11 to 2.19, Debian 12's 2.17) and 1.23 (pandoc 3)");
  CHECK_FALSE(api_from_version_text("pandoc 4.0\n", &error));
  CHECK(error.rfind("pandoc 4.0 does not say which pandoc-types it uses", 0) == 0);
  CHECK_FALSE(api_from_version_text("something else\n", &error));
  CHECK(error == "cannot read a pandoc version from 'pandoc --version': 'something else'");
}

TEST_CASE("detect_api finds Debian's pandoc 2.17 on this machine", "[pandoc]") {
  std::string error;
  auto v = detect_api(&error);
  INFO(error);
  REQUIRE(v);
  CHECK(v->parts.size() >= 2);
  CHECK(v->parts[0] == 1);
  CHECK(v->parts[1] == 22);
}

TEST_CASE("detect_api reads a fake pandoc first on PATH, and names the package when missing",
          "[pandoc]") {
  const std::string dir = temp_folder("fake");
  write_script(dir + "/pandoc", "echo 'pandoc 3.1.9'\necho 'Features: +server +lua'\n");
  const std::string old_path = getenv("PATH") ? getenv("PATH") : "";
  setenv("PATH", (dir + ":" + old_path).c_str(), 1);
  std::string error;
  auto v = detect_api(&error);
  CHECK(v == std::optional<ApiVersion>(ApiVersion{{1, 23}}));

  write_script(dir + "/pandoc", "echo 'pandoc 2.9.2'\necho 'Compiled with pandoc-types 1.20'\n");
  CHECK_FALSE(detect_api(&error));
  CHECK(error.rfind("pandoc 2.9.2 uses pandoc-types 1.20;", 0) == 0);

  write_script(dir + "/pandoc", "echo 'pandoc: broken' >&2\nexit 3\n");
  CHECK_FALSE(detect_api(&error));
  CHECK(error == "'pandoc --version' failed with exit code 3: pandoc: broken");

  setenv("PATH", old_path.c_str(), 1);
  std::filesystem::remove_all(dir);

  CHECK_FALSE(detect_api(&error, "tillit-no-such-pandoc"));
  CHECK(error ==
        "'tillit-no-such-pandoc' was not found; install pandoc (Debian package 'pandoc': "
        "apt-get install pandoc)");
}

// ---- through the real pandoc -----------------------------------------------------------

TEST_CASE("pandoc reads the JSON of every construct", "[pandoc]") {
  ProcessRequest request;
  request.argv = {"pandoc", "--from=json", "--to=native"};
  request.input = to_json(kitchen_sink(), kApi1_22);
  ProcessResult result = run_process(request);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK(result.out.find("Header\n    1 ( \"sec-1\" , [] , [] )") != std::string::npos);
  CHECK(result.out.find("(ColSpan 2)") != std::string::npos);
  CHECK(result.out.find("Note") != std::string::npos);
}

TEST_CASE("convert to Markdown gives stable, plain GitHub Markdown", "[pandoc]") {
  m::Document doc = kitchen_sink();
  const std::string dir = temp_folder("gfm");
  DiskEnv env;
  std::string error;
  REQUIRE(write_media(env, doc, dir + "/media", &error));
  ConvertOptions opts;
  opts.resource_dir = dir;
  opts.toc = false;
  auto result = convert(to_json(doc, kApi1_22), "gfm", opts);
  INFO(result.error);
  REQUIRE(result.ok());
  // The meta as YAML front matter; text and tables without raw HTML (the cover's Divs),
  // only what GitHub Markdown cannot say otherwise (superscripts, subscripts).
  CHECK(result.output ==
        "---\n"
        "author: Revisorerna AB\n"
        "date: 2026-08-01\n"
        "lang: en-US\n"
        "subtitle: Type 2\n"
        "title: SOC 2 Type 2 report – Molnkvarn AB\n"
        "toc-title: Contents\n"
        "---\n"
        "\n"
        "SOC 2 Type 2 report\n"
        "\n"
        "Molnkvarn AB\n"
        "\n"
        "Restricted use.\n"
        "\n"
        "# Section I\n"
        "\n"
        "We have **examined** the *description*.[^1]\n"
        "\n"
        "See [the criteria](#sec-4) and [AICPA](https://www.aicpa.org/)  \n"
        "Use `tillit check` ~~old~~ m<sup>2</sup> H<sub>2</sub>O\n"
        "\n"
        "## System overview\n"
        "\n"
        "![Architecture](media/image-arch.png)\n"
        "\n"
        "-   Servers\n"
        "-   Databases\n"
        "\n"
        "1.  First\n"
        "2.  Second\n"
        "\n"
        "> Quoted.\n"
        "\n"
        "    make all\n"
        "\n"
        "| ID    | Control             |\n"
        "|-------|---------------------|\n"
        "| CC1.1 |                     |\n"
        "| C-01  | Access is reviewed. |\n"
        "\n"
        "Controls\n"
        "\n"
        "[^1]: As agreed.\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("convert to HTML gives one self-contained file", "[pandoc]") {
  m::Document doc = kitchen_sink();
  const std::string dir = temp_folder("html");
  DiskEnv env;
  std::string error;
  REQUIRE(write_media(env, doc, dir + "/media", &error));
  ConvertOptions opts;
  opts.resource_dir = dir;
  opts.toc_depth = 2;
  auto result = convert(to_json(doc, kApi1_22), "html", opts);
  INFO(result.error);
  REQUIRE(result.ok());
  const std::string& html = result.output;
  CHECK(html.find("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-US\"") !=
        std::string::npos);
  CHECK(html.find("<title>SOC 2 Type 2 report – Molnkvarn AB</title>") != std::string::npos);
  CHECK(html.find("Carlito") != std::string::npos);  // the stylesheet, embedded
  CHECK(html.find("<link rel=\"stylesheet\"") == std::string::npos);
  CHECK(html.find("src=\"data:image/png;base64,") != std::string::npos);
  CHECK(html.find("<nav id=\"TOC\" role=\"doc-toc\">") != std::string::npos);
  CHECK(html.find("<h2 id=\"toc-title\">Contents</h2>") != std::string::npos);
  CHECK(html.find("<a href=\"#sec-3-overview\"") != std::string::npos);
  CHECK(html.find("<div class=\"title\">") != std::string::npos);
  CHECK(html.find("colspan=\"2\"") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("convert to ODT, and the failures convert reports", "[pandoc]") {
  auto odt = convert(to_json(kitchen_sink(), kApi1_22), "odt", {});
  INFO(odt.error);
  REQUIRE(odt.ok());
  CHECK(odt.output.rfind("PK", 0) == 0);

  auto unknown = convert("{}", "docx", {});
  CHECK(unknown.status == ConvertResult::Status::Failed);
  CHECK(unknown.error == "unknown output format 'docx'; use html, gfm or odt");

  auto bad = convert(R"({"pandoc-api-version":[1,21],"meta":{},"blocks":[]})", "gfm", {});
  CHECK(bad.status == ConvertResult::Status::Failed);
  CHECK(bad.error.find("Incompatible API versions") != std::string::npos);

  ConvertOptions missing;
  missing.program = "tillit-no-such-pandoc";
  CHECK(convert("{}", "gfm", missing).status == ConvertResult::Status::NotFound);
}
