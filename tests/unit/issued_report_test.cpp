// The report recorded at issue and the redline against it: the JSON form of the document
// model (round trip, corrupt files refused where they break), finding an issued report again,
// and the sample issued, remediated and compared end to end in both languages.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>

#include "assemble/assemble.h"
#include "docx_test_support.h"
#include "history/document_json.h"
#include "history/issued.h"
#include "ingest/engagement_loader.h"
#include "redline/keys.h"
#include "redline/redline.h"
#include "redline_test_support.h"
#include "sample_remediation.h"

using namespace tillit;
using namespace tillit::testing;

namespace {

history::IssuedDocument issued_kitchen_sink() {
  auto doc = test::kitchen_sink("sv-SE");
  // Marks too, so that a redline could be kept the same way.
  doc = redline::compare(doc, redline_test::revised_kitchen_sink(doc), {"Revisor", "2026-09-01"});
  return history::IssuedDocument{"v1", "sv", std::string(64, 'a'), doc};
}

/// The error a corrupt issued report gives, read as `eng/issued/reports/v1.sv.json`.
std::string refusal(const std::string& text) {
  Diagnostics diags;
  CHECK_FALSE(history::document_from_json(text, "v1.sv.json", diags));
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.exit_code() == ExitCode::DataError);
  return format_human(diags.all().front());
}

const redline::Revision kWho{"Revisionsbyrån Ek & Lind AB", "2026-09-01"};

}  // namespace

TEST_CASE("an issued report reads back as written", "[issued-report]") {
  const auto issued = issued_kitchen_sink();
  const std::string text = history::to_json(issued);
  Diagnostics diags;
  auto read = history::document_from_json(text, "v1.sv.json", diags);
  INFO(all_diagnostics(diags));
  REQUIRE(read);
  CHECK(history::to_json(*read) == text);
  CHECK(read->label == "v1");
  CHECK(read->lang == "sv");
  CHECK(redline::key(read->doc.blocks) == redline::key(issued.doc.blocks));
  CHECK(model::has_revisions(read->doc));
  CHECK(read->doc.meta.revision.author == "Revisor");
  CHECK(read->doc.meta.title == issued.doc.meta.title);
  REQUIRE(read->doc.images.count("logo") == 1);
  CHECK(read->doc.images.at("logo").bytes == issued.doc.images.at("logo").bytes);
  CHECK(read->doc.images.at("logo").width_px == 96);
  // The same model gives the same bytes; the DOCX from what was read is the DOCX from the model.
  CHECK(history::to_json(issued_kitchen_sink()) == text);
  const auto ref = render::docx::builtin_reference();
  CHECK(render::docx::write_docx(read->doc, ref) == render::docx::write_docx(issued.doc, ref));
}

TEST_CASE("a corrupt issued report is refused where it breaks", "[issued-report]") {
  const std::string good = history::to_json(issued_kitchen_sink());
  std::string text = good;

  SECTION("cut short") {
    const std::string error = refusal(good.substr(0, good.size() / 2));
    CHECK(std::regex_search(
        error, std::regex(R"(^v1\.sv\.json:\d{2,}:\d+: error: corrupt issued report: )")));
    CHECK_THAT(error, Catch::EndsWith("[issued-report-corrupt]\n"));
  }
  SECTION("a value of the wrong kind") {
    replace_once(text, "\"level\":1,", "\"level\":\"1\",");
    // At the value: its line, and its column on that line (ASCII before it on the line).
    const size_t value = text.find("\"level\":\"1\"") + 8;
    const size_t line_start = text.rfind('\n', value) + 1;
    const auto line = std::count(text.begin(), text.begin() + static_cast<long>(value), '\n') + 1;
    CHECK_THAT(refusal(text), Catch::StartsWith("v1.sv.json:" + std::to_string(line) + ":" +
                                                std::to_string(value - line_start + 1) +
                                                ": error: corrupt issued report: 'level' "
                                                "should be a number;"));
  }
  SECTION("a number out of range") {
    replace_once(text, "\"col_span\":1,", "\"col_span\":1000000000,");
    CHECK_THAT(refusal(text), Catch::Contains("'col_span' should be from 1 to 1000"));
  }
  SECTION("an image size out of range") {
    replace_once(text, "\"width_cm\":4,", "\"width_cm\":-4,");
    CHECK_THAT(refusal(text), Catch::Contains("'width_cm' should be from 0 to 1000"));
  }
  SECTION("an unknown kind of block") {
    replace_once(text, "\"type\":\"heading\"", "\"type\":\"chart\"");
    CHECK_THAT(refusal(text), Catch::Contains("unknown block type 'chart'"));
  }
  SECTION("an unknown mark") {
    replace_once(text, "\"change\":\"deleted\"", "\"change\":\"moved\"");
    CHECK_THAT(refusal(text), Catch::Contains("unknown change 'moved'"));
  }
  SECTION("image bytes that are not Base64") {
    const auto at = text.find("\"base64\":\"") + 10;
    text.replace(at, 4, "!!!!");
    CHECK_THAT(refusal(text), Catch::Contains("the bytes of image 'logo' are not Base64"));
  }
  SECTION("another format version") {
    replace_once(text, "\"format_version\": 1,", "\"format_version\": 2,");
    CHECK(refusal(text) ==
          "v1.sv.json:3:21: error: written in issued report format 2 by tillit " TILLIT_VERSION
          "; this tillit reads format 1 only [issued-report-format]\n");
  }
  SECTION("a snapshot instead") {
    CHECK_THAT(refusal("{\"format\": \"tillit-issued-report\"}"),
               Catch::Contains("not an issued report (it should begin with \"format\": "
                               "\"tillit-issued-document\")"));
  }
}

TEST_CASE("issue records the report per language; a redline compares against it",
          "[issued-report]") {
  TempDir tmp;
  DiskEnv env;
  const std::string dir = copy_sample_as_csv(tmp.path);
  Diagnostics diags;
  REQUIRE(history::issue(env, history::IssueOptions{dir, "v1", std::nullopt, false}, diags));
  INFO(all_diagnostics(diags));
  CHECK(!diags.has_errors());

  auto load = [&](const std::string& label, const std::string& lang) {
    Diagnostics d;
    auto doc = history::load_issued_report(env, dir, label, lang, d);
    INFO(all_diagnostics(d));
    REQUIRE(doc);
    return *doc;
  };
  auto assemble = [&](const std::string& lang) {
    Diagnostics d;
    auto e = ingest::load_engagement(env, dir, d);
    REQUIRE(e);
    return assemble::assemble_report(*e, lang, env, d);
  };
  // Exactly what was assembled then; and the newest issue when no label is given.
  for (const char* lang : {"sv", "en"}) {
    CHECK(env.kind(history::issued_report_path(dir, "v1", lang)) == Env::Kind::File);
    const auto issued = load("v1", lang);
    CHECK(redline::key(issued.blocks) == redline::key(assemble(lang).blocks));
    CHECK(issued.meta.language == (std::string(lang) == "sv" ? "sv-SE" : "en-US"));
    CHECK(redline::key(load("", lang).blocks) == redline::key(issued.blocks));
    CHECK_FALSE(model::has_revisions(redline::compare(issued, assemble(lang), kWho)));
  }

  remediate_sample(env, dir);
  for (const char* lang : {"sv", "en"}) {
    const auto before = load("v1", lang);
    const auto after = assemble(lang);
    const auto red = redline::compare(before, after, kWho);
    CHECK(redline::key(model::accept_revisions(red).blocks) == redline::key(after.blocks));
    CHECK(redline::key(model::reject_revisions(red).blocks) == redline::key(before.blocks));
    const std::string xml = test::unzip(redline::write_redline_docx(
        before, after, kWho, render::docx::builtin_reference()))["word/document.xml"];
    const bool sv = std::string(lang) == "sv";
    // The deviation of ACC-04 struck out where it stood; no exception noted in its place.
    CHECK(xml.find(sv ? "<w:delText>För 2 av 18 avslutade användare"
                      : "<w:delText>For 2 of 18 terminated users") != std::string::npos);
    // CHG-11 in an inserted row (and in the coverage of CC8.1).
    CHECK(std::regex_search(
        xml,
        std::regex(
            R"(<w:trPr><w:cantSplit/><w:ins w:id="\d+" w:author="Revisionsbyrån Ek &amp; Lind AB" w:date="2026-09-01T00:00:00Z"/></w:trPr><w:tc><w:tcPr>(?:(?!</w:p>).)*<w:ins [^>]*><w:r><w:t>CHG-11</w:t>)")));
    // The reworded narrative: one word inserted, in Swedish only.
    CHECK((xml.find("Z\"><w:r><w:t xml:space=\"preserve\">alltid </w:t></w:r></w:ins>") !=
           std::string::npos) == sv);
    // Nothing else in the narrative changed: its neighbour sentences carry no mark.
    CHECK(xml.find("<w:delText xml:space=\"preserve\">Alla kunder") == std::string::npos);
  }

  SECTION("a language the report was not issued in") {
    Diagnostics d;
    CHECK_FALSE(history::load_issued_report(env, dir, "v1", "de", d));
    CHECK_THAT(all_diagnostics(d),
               Catch::Contains("was not issued in 'de'; it was issued in sv, en"));
    CHECK(d.exit_code() == ExitCode::NoInput);
  }
  SECTION("issued by a Tillit that did not record the report") {
    std::filesystem::remove(history::issued_report_path(dir, "v1", "en"));
    Diagnostics d;
    CHECK_FALSE(history::load_issued_report(env, dir, "v1", "en", d));
    CHECK_THAT(all_diagnostics(d), Catch::Contains("issue it again with 'tillit issue " + dir +
                                                   " --label v1 --force'"));
    CHECK(d.exit_code() == ExitCode::NoInput);
  }
  SECTION("a report left from an earlier issue of the label") {
    const std::string path = history::issued_report_path(dir, "v1", "sv");
    const std::string earlier = read(env, path);
    Diagnostics d;
    REQUIRE(history::issue(env, history::IssueOptions{dir, "v1", std::nullopt, true}, d));
    write(env, path, earlier);
    CHECK_FALSE(history::load_issued_report(env, dir, "v1", "sv", d));
    CHECK_THAT(all_diagnostics(d), Catch::Contains("it does not belong to"));
    CHECK(d.exit_code() == ExitCode::DataError);
  }
  SECTION("line ends changed by a checkout do not matter") {
    const std::string path = history::issued_path(dir, "v1");
    std::string crlf;
    for (char c : read(env, path)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    write(env, path, crlf);
    CHECK(redline::key(load("v1", "sv").blocks).size() > 1000);
  }
}

// Not a test: writes a redline for the validator and LibreOffice (tests/CMakeLists.txt):
// TILLIT_REDLINE_SAMPLE=path, TILLIT_REDLINE_SOURCE=sample-sv|sample-en|kitchen-sink.
TEST_CASE("redline DOCX written for the validator", "[.redline-sample]") {
  const char* path = std::getenv("TILLIT_REDLINE_SAMPLE");
  const char* source_env = std::getenv("TILLIT_REDLINE_SOURCE");
  REQUIRE(path != nullptr);
  const std::string source = source_env ? source_env : "sample-sv";
  model::Document before, after;
  if (source == "kitchen-sink") {
    before = test::kitchen_sink("sv-SE");
    after = redline_test::revised_kitchen_sink(before);
  } else {
    const std::string lang = source.substr(source.size() - 2);
    TempDir tmp;
    DiskEnv env;
    const std::string dir = copy_sample_as_csv(tmp.path);
    Diagnostics diags;
    REQUIRE(history::issue(env, history::IssueOptions{dir, "v1", std::nullopt, false}, diags));
    remediate_sample(env, dir);
    auto issued = history::load_issued_report(env, dir, "v1", lang, diags);
    auto e = ingest::load_engagement(env, dir, diags);
    INFO(all_diagnostics(diags));
    REQUIRE(issued);
    REQUIRE(e);
    before = *issued;
    after = assemble::assemble_report(*e, lang, env, diags);
  }
  const std::string bytes =
      redline::write_redline_docx(before, after, kWho, render::docx::builtin_reference());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}
