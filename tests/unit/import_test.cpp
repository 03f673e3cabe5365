#include "import/import.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "import/conversion.h"
#include "support/env.h"
#include "support/process.h"
#include "zip_builder.h"

using namespace tillit;
using namespace tillit::import;
namespace fs = std::filesystem;

namespace {

const std::string kFixture = std::string(TILLIT_FIXTURES) + "/import/narrative.docx";

/// A fresh copy of the sample engagement, so imports can overwrite its narratives.
std::string sample_copy(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("tillit-import-test-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(TILLIT_SOURCE_DIR) / "samples/molnkvarn", dir, fs::copy_options::recursive);
  return dir.string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

ImportOptions options(const std::string& dir, const std::string& input,
                      const std::string& topic = "infrastructure") {
  ImportOptions opts;
  opts.dir = dir;
  opts.input = input;
  opts.lang = "sv";
  opts.topic = topic;
  return opts;
}

/// Every diagnostic, one "location: severity: message [rule]" line each.
std::string all(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.all()) out += format_human(d);
  return out;
}

/// The destination of the first Markdown image link in `markdown`.
std::string first_image(const std::string& markdown) {
  const size_t open = markdown.find("](", markdown.find("!["));
  if (open == std::string::npos) return {};
  const size_t close = markdown.find(')', open);
  return markdown.substr(open + 2, close - open - 2);
}

}  // namespace

TEST_CASE("the format comes from the extension; paths follow the topic and language", "[import]") {
  CHECK(format_of("a/Narrative.DOCX") == Format::Docx);
  CHECK(format_of("x.odt") == Format::Odt);
  CHECK(format_of("page.htm") == Format::Html);
  CHECK(format_of("page.xhtml") == Format::Html);
  CHECK_FALSE(format_of("notes.pdf"));
  CHECK_FALSE(format_of("dir.docx/README"));
  CHECK(narrative_path("sv", "infrastructure") == "description/sv/infrastructure.md");
  CHECK(image_folder("en", "data") == "description/images/data-en");
}

TEST_CASE("pandoc's warnings are read from its standard error", "[import]") {
  CHECK(pandoc_warnings("[WARNING] Could not fetch resource x.png\n"
                        "  replacing image with description\n"
                        "[INFO] Loaded x\n"
                        "  not a warning\n"
                        "[WARNING] second\n") ==
        std::vector<std::string>{"Could not fetch resource x.png replacing image with description",
                                 "second"});
  CHECK(pandoc_warnings("").empty());
}

TEST_CASE("a Word narrative with a table and an image becomes the engagement's Markdown",
          "[import]") {
  const std::string dir = sample_copy("docx");
  DiskEnv env;
  Diagnostics diags;
  ImportOptions opts = options(dir, kFixture);
  opts.force = true;  // the sample has an infrastructure narrative already
  auto written = import_narrative(env, opts, diags);
  INFO(all(diags));
  REQUIRE_FALSE(diags.has_errors());
  CHECK(diags.warning_count() == 0);
  CHECK(written == std::vector<std::string>{"description/images/infrastructure-sv/media/image1.png",
                                            "description/sv/infrastructure.md"});

  const std::string markdown = read_file(dir + "/description/sv/infrastructure.md");
  CHECK(markdown.find("# Infrastruktur\n") != std::string::npos);
  CHECK(markdown.find("Tjänsten körs i **två** datacenter i Sverige, hos *Hetzner*.") !=
        std::string::npos);
  // A GitHub pipe table with the Word table's header row as its head.
  CHECK(markdown.find("| Komponent | Leverantör    | Plats    |\n"
                      "|-----------|---------------|----------|\n"
                      "| Servrar   | Hetzner       | Tyskland |\n") != std::string::npos);
  CHECK(markdown.find("<img") == std::string::npos);

  // The image link is relative to the Markdown file and names a PNG inside the engagement.
  const std::string link = first_image(markdown);
  CHECK(link == "../images/infrastructure-sv/media/image1.png");
  const fs::path image = fs::weakly_canonical(fs::path(dir) / "description/sv" / link);
  const std::string root = fs::weakly_canonical(dir).string() + "/";
  CHECK(image.string().rfind(root, 0) == 0);
  REQUIRE(fs::is_regular_file(image));
  CHECK(read_file(image.string()).rfind("\x89PNG", 0) == 0);

  // tillit check reads the imported narrative, image included, without a Markdown finding.
  ProcessRequest check;
  check.argv = {TILLIT_BINARY, "check", dir, "--format", "json"};
  ProcessResult result = run_process(check);
  INFO(result.out + result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("\"rule\":\"markdown-") == std::string::npos);
  CHECK(result.out.find("\"errors\":0") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("an existing narrative is kept unless --force", "[import]") {
  const std::string dir = sample_copy("exists");
  const std::string before = read_file(dir + "/description/sv/infrastructure.md");
  DiskEnv env;
  Diagnostics diags;
  CHECK(import_narrative(env, options(dir, kFixture), diags).empty());
  CHECK(diags.exit_code() == ExitCode::CantCreate);
  CHECK(all(diags) == dir +
                          "/description/sv/infrastructure.md: error: the narrative already "
                          "exists; use --force to replace it [narrative-exists]\n");
  CHECK(read_file(dir + "/description/sv/infrastructure.md") == before);
  CHECK_FALSE(fs::exists(dir + "/description/images/infrastructure-sv"));

  // The command line says the same, with exit code 73.
  ProcessRequest cli;
  cli.argv = {TILLIT_BINARY, "import", dir, kFixture, "--lang", "sv", "--topic", "infrastructure"};
  ProcessResult result = run_process(cli);
  CHECK(result.exit_code == 73);
  CHECK(result.err.find("[narrative-exists]") != std::string::npos);

  // A new narrative for a topic without one is written without --force, once.
  fs::remove(dir + "/description/sv/data.md");
  cli.argv = {TILLIT_BINARY, "import", dir, kFixture, "--lang", "sv", "--topic", "data"};
  result = run_process(cli);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("description/sv/data.md with 1 image(s)") != std::string::npos);
  fs::remove(dir + "/description/sv/data.md");
  result = run_process(cli);  // the images are there now
  CHECK(result.exit_code == 73);
  CHECK(result.err.find("description/images/data-sv: error: the image folder already has "
                        "files; use --force to replace them [narrative-exists]") !=
        std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("unknown topics and languages are refused, naming the valid ones", "[import]") {
  const std::string dir = sample_copy("topic");
  DiskEnv env;
  Diagnostics diags;
  ImportOptions opts = options(dir, kFixture, "infrastucture");
  opts.lang = "fi";
  CHECK(import_narrative(env, opts, diags).empty());
  CHECK(diags.exit_code() == ExitCode::Usage);
  CHECK(all(diags) ==
        "error: unknown topic 'infrastucture'; did you mean 'infrastructure'? use one of: "
        "services, commitments, infrastructure, software, people, procedures, data, "
        "boundaries, incidents, control-environment, risk-assessment, control-activities, "
        "information-communication, monitoring, subservice-monitoring, "
        "user-entity-responsibilities, significant-changes, other-information [unknown-topic]\n"
        "error: unsupported language 'fi'; use sv or en [unknown-language]\n");
  fs::remove_all(dir);
}

TEST_CASE("missing inputs, files that are not what they say and a missing pandoc", "[import]") {
  const std::string dir = sample_copy("bad");
  const std::string bad = dir + "/bad";
  fs::create_directories(bad);
  DiskEnv env;
  auto run = [&](ImportOptions opts) {
    opts.force = true;
    Diagnostics diags;
    CHECK(import_narrative(env, opts, diags).empty());
    return std::make_pair(diags.exit_code(), all(diags));
  };

  auto [code, text] = run(options(bad + "/none", kFixture));
  CHECK(code == ExitCode::NoInput);
  CHECK(text == bad + "/none: error: engagement folder not found [missing-engagement]\n");
  std::tie(code, text) = run(options(bad, kFixture));
  CHECK(code == ExitCode::NoInput);
  CHECK(text.find("no engagement.xml in this folder") != std::string::npos);
  std::tie(code, text) = run(options(dir, bad + "/missing.docx"));
  CHECK(code == ExitCode::NoInput);

  write_file(bad + "/notes.pdf", "%PDF-1.7");
  std::tie(code, text) = run(options(dir, bad + "/notes.pdf"));
  CHECK(code == ExitCode::DataError);
  CHECK(text.find("[import-format]") != std::string::npos);

  write_file(bad + "/text.docx", "just text");
  std::tie(code, text) = run(options(dir, bad + "/text.docx"));
  CHECK(code == ExitCode::DataError);
  CHECK(text == bad +
                    "/text.docx: error: this is not a DOCX or ODT file (not a zip archive) "
                    "[import-format]\n");

  write_file(bad + "/old.docx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "rest");
  std::tie(code, text) = run(options(dir, bad + "/old.docx"));
  CHECK(code == ExitCode::DataError);
  CHECK(text.find("Word 97-2003 document or a password-protected file") != std::string::npos);

  // A zip that is no Word document: pandoc fails, and says why.
  write_file(bad + "/corrupt.docx", test::build_zip({{"hello.txt", "hello"}}));
  std::tie(code, text) = run(options(dir, bad + "/corrupt.docx"));
  CHECK(code == ExitCode::DataError);
  CHECK(text.rfind(bad + "/corrupt.docx: error: pandoc failed to read ", 0) == 0);
  CHECK(text.find("[import-failed]") != std::string::npos);

  ImportOptions no_pandoc = options(dir, kFixture);
  no_pandoc.program = "tillit-no-such-pandoc";
  std::tie(code, text) = run(no_pandoc);
  CHECK(code == ExitCode::Unavailable);
  CHECK(text.find("install pandoc (Debian package 'pandoc'") != std::string::npos);

  // Nothing was written by any of them.
  CHECK_FALSE(fs::exists(dir + "/description/images/infrastructure-sv"));
  fs::remove_all(dir);
}

TEST_CASE("a web page brings the images beside it and no others", "[import]") {
  const std::string dir = sample_copy("html");
  const std::string page = dir + "/page";
  fs::create_directories(page + "/img");
  fs::copy_file(dir + "/description/images/architecture.png", page + "/img/an (old) view.png");
  write_file(page + "/narrative.html",
             "<html><body><h2>Data</h2><p>Kept <u>as text</u>.<br>Second line.</p>"
             "<p><img src=\"img/an%20(old)%20view.png\" alt=\"Overview\" width=\"300\">"
             "<img src=\"https://example.com/x.png\" alt=\"remote\">"
             "<img src=\"../description/images/arkitektur.png\" alt=\"up\"></p>"
             "<table><tr><th>A</th><th>B</th></tr><tr><td>1<br>2</td><td>3</td></tr></table>"
             "</body></html>");
  DiskEnv env;
  Diagnostics diags;
  ImportOptions opts = options(dir, page + "/narrative.html", "data");
  opts.lang = "en";
  opts.force = true;
  auto written = import_narrative(env, opts, diags);
  INFO(all(diags));
  REQUIRE_FALSE(diags.has_errors());
  CHECK(written == std::vector<std::string>{"description/images/data-en/img/an (old) view.png",
                                            "description/en/data.md"});
  CHECK(all(diags) ==
        page +
            "/narrative.html: warning: image 'https://example.com/x.png' left out: only images "
            "in the page's own folder are imported [pandoc-warning]\n" +
            page +
            "/narrative.html: warning: image '../description/images/arkitektur.png' left out: "
            "only images in the page's own folder are imported [pandoc-warning]\n" +
            page +
            "/narrative.html: warning: table cells with several paragraphs, lists or line "
            "breaks were joined into one line each: a Markdown table cell holds one line "
            "[pandoc-warning]\n");
  const std::string markdown = read_file(dir + "/description/en/data.md");
  CHECK(markdown ==
        "## Data\n"
        "\n"
        "Kept as text.  \n"
        "Second line.\n"
        "\n"
        "![Overview](../images/data-en/img/an%20%28old%29%20view.png)\n"
        "\n"
        "| A   | B   |\n"
        "|-----|-----|\n"
        "| 1 2 | 3   |\n");

  ProcessRequest check;
  check.argv = {TILLIT_BINARY, "check", dir, "--format", "json"};
  ProcessResult result = run_process(check);
  INFO(result.out + result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("\"rule\":\"markdown-") == std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("an ODT narrative is imported with its pictures and its heading rows", "[import]") {
  const std::string dir = sample_copy("odt");
  const std::string odt = dir + "/narrative.odt";
  ProcessRequest make;
  make.argv = {"pandoc", "--from=docx", "--to=odt", "--output=" + odt, kFixture};
  REQUIRE(run_process(make).exit_code == 0);
  DiskEnv env;
  Diagnostics diags;
  ImportOptions opts = options(dir, odt, "people");
  opts.force = true;
  auto written = import_narrative(env, opts, diags);
  INFO(all(diags));
  REQUIRE_FALSE(diags.has_errors());
  REQUIRE(written.size() == 2);
  CHECK(written[0].rfind("description/images/people-sv/Pictures/", 0) == 0);
  const std::string markdown = read_file(dir + "/description/sv/people.md");
  CHECK(first_image(markdown) == "../" + written[0].substr(std::string("description/").size()));
  // pandoc writes the heading row as LibreOffice does, inside <table:table-header-rows>, which
  // pandoc 2.17 alone would drop.
  CHECK(markdown.find("| Komponent | Leverantör    | Plats    |\n"
                      "|-----------|---------------|----------|\n"
                      "| Servrar   | Hetzner       | Tyskland |\n") != std::string::npos);
  fs::remove_all(dir);
}
