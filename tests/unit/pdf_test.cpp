// The PDF stage. Fake soffice programs on a temporary PATH show how hangs and failures are
// reported; two real conversions of the kitchen-sink document (each soffice run costs seconds)
// check what poppler-utils read back: table-of-contents page numbers, landscape pages, embedded
// fonts, Swedish letters, title, language and PDF/A.
#include "render/pdf/pdf.h"

#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "docx_test_support.h"
#include "render/docx/docx_writer.h"
#include "render/pdf/verify.h"
#include "support/process.h"

namespace fs = std::filesystem;
namespace pdf = tillit::render::pdf;
using tillit::ExitCode;
using namespace std::chrono_literals;

namespace {

/// A fresh folder under the system's temporary one, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "tillit-pdf-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()));
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

/// PATH replaced for the duration of a test (each test case runs in its own process under
/// ctest, so no other test sees it).
class ScopedPath {
 public:
  explicit ScopedPath(const std::string& value) {
    const char* old = std::getenv("PATH");
    old_ = old ? old : "";
    ::setenv("PATH", value.c_str(), 1);
  }
  ~ScopedPath() { ::setenv("PATH", old_.c_str(), 1); }

 private:
  std::string old_;
};

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_script(const fs::path& path, const std::string& body) {
  write_file(path, "#!/bin/sh\n" + body);
  fs::permissions(path, fs::perms::owner_all);
}

/// PATH with `dir` in front, where a fake soffice waits.
std::string path_with(const fs::path& dir) {
  const char* path = std::getenv("PATH");
  return dir.string() + ":" + (path ? path : "/usr/bin:/bin");
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// Whether a live (not zombie) process has `needle` in its command line.
bool process_running_with(const std::string& needle) {
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::string args = read_file(entry.path() / "cmdline");
    for (char& c : args) c = c == '\0' ? ' ' : c;
    if (args.find(needle) != std::string::npos) return true;  // a zombie has no cmdline
  }
  return false;
}

std::string tool(const std::vector<std::string>& argv) {
  tillit::ProcessRequest request;
  request.argv = argv;
  const auto result = tillit::run_process(request);
  INFO(argv[0] << ": " << result.err);
  REQUIRE(result.exit_code == 0);
  return result.out;
}

std::string trim(const std::string& s) {
  const size_t begin = s.find_first_not_of(" \t\f\r");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\f\r") + 1 - begin);
}

/// A PDF as poppler-utils see it: per page its text and orientation.
struct PdfPages {
  std::vector<std::string> text;  // text[0] is page 1
  std::vector<bool> landscape;

  explicit PdfPages(const std::string& file) {
    std::smatch m;
    const std::string info = tool({"pdfinfo", file});
    REQUIRE(std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)")));
    const std::string last = m[1];
    const std::string sizes = tool({"pdfinfo", "-f", "1", "-l", last, file});
    const std::regex size("Page\\s+\\d+ size:\\s+([\\d.]+) x ([\\d.]+)");
    for (std::sregex_iterator it(sizes.begin(), sizes.end(), size), end; it != end; ++it) {
      landscape.push_back(std::stod((*it)[1]) > std::stod((*it)[2]));
    }
    for (size_t page = 1; page <= landscape.size(); ++page) {
      const std::string n = std::to_string(page);
      text.push_back(tool({"pdftotext", "-f", n, "-l", n, "-layout", file, "-"}));
    }
    REQUIRE(text.size() == std::stoul(last));
  }

  /// The first page (1-based) other than `skip` with a line that is exactly `line`; 0 = none.
  size_t page_with_line(const std::string& line, size_t skip = 0) const {
    for (size_t i = 0; i < text.size(); ++i) {
      if (i + 1 == skip) continue;
      std::istringstream lines(text[i]);
      for (std::string l; std::getline(lines, l);) {
        if (trim(l) == line) return i + 1;
      }
    }
    return 0;
  }

  std::string all() const {
    std::string joined;
    for (const auto& page : text) joined += page;
    return joined;
  }
};

struct TocEntry {
  std::string text;
  size_t page;     // the number the entry shows
  size_t on_page;  // where the entry itself is
};

/// "Avsnitt I – Revisorns rapport ........ 3" lines.
std::vector<TocEntry> toc_entries(const PdfPages& pages) {
  const std::regex entry(R"(^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$)");
  std::vector<TocEntry> entries;
  for (size_t i = 0; i < pages.text.size(); ++i) {
    std::istringstream lines(pages.text[i]);
    std::smatch m;
    for (std::string line; std::getline(lines, line);) {
      if (std::regex_match(line, m, entry)) entries.push_back({m[1], std::stoul(m[2]), i + 1});
    }
  }
  return entries;
}

/// Every font of the PDF, and whether it is embedded ("emb" in pdffonts' table; the type
/// column may contain spaces, so it is counted from the right).
std::vector<std::pair<std::string, bool>> fonts(const std::string& file) {
  std::istringstream lines(tool({"pdffonts", file}));
  std::vector<std::pair<std::string, bool>> found;
  std::string line;
  std::getline(lines, line);  // header
  std::getline(lines, line);  // rule
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::vector<std::string> f{std::istream_iterator<std::string>(fields), {}};
    if (f.size() >= 6) found.emplace_back(f.front(), f[f.size() - 5] == "yes");
  }
  return found;
}

std::string pdfinfo_field(const std::string& file, const std::string& field) {
  std::smatch m;
  const std::string info = tool({"pdfinfo", file});
  if (!std::regex_search(info, m, std::regex(field + ":\\s+(.*)"))) return "";
  return trim(m[1]);
}

pdf::PdfJob kitchen_sink_job(const fs::path& dir, const std::string& language) {
  const auto doc = tillit::test::kitchen_sink(language);
  const fs::path docx = dir / ("kitchen-sink-" + language + ".docx");
  write_file(docx,
             tillit::render::docx::write_docx(doc, tillit::render::docx::builtin_reference()));
  return {docx.string(), (dir / ("kitchen-sink-" + language + ".pdf")).string(), doc.meta.title,
          language};
}

void require_available() {
  std::string why;
  const bool ok = pdf::available({}, &why);
  INFO(why);
  REQUIRE(ok);
}

}  // namespace

// ---- without LibreOffice ------------------------------------------------------------------

TEST_CASE("a PDF is verified before it counts as written", "[pdf]") {
  const std::string page = "1 0 obj<</Type/Page/Parent 2 0 R>>endobj\n";
  const std::string tree = "2 0 obj<</Type /Pages /Kids[1 0 R]/Count 1>>endobj\n";
  CHECK(pdf::pdf_problem("") == "is empty");
  CHECK(pdf::pdf_problem("Error: source file could not be loaded\n") ==
        "does not start with %PDF-");
  CHECK(pdf::pdf_problem("%PDF-1.6\n" + page) == "is truncated");
  CHECK(pdf::pdf_problem("%PDF-1.6\n" + tree + "%%EOF\n") == "has no pages");
  CHECK(pdf::pdf_problem("%PDF-1.6\n" + page + tree + "%%EOF\n").empty());
  CHECK(pdf::count_pages(page + tree + "<</Type /Page >> <</Type\n/Page/X>> /TypeFace/Page") == 3);
}

TEST_CASE("without LibreOffice the PDF stage names the Debian package", "[pdf]") {
  TempDir dir;
  {
    ScopedPath empty(dir.path.string());
    std::string why;
    CHECK_FALSE(pdf::available({}, &why));
    CHECK_THAT(why, Catch::Contains("libreoffice-writer-nogui"));
    const auto results =
        pdf::convert({{"a.docx", "a.pdf", "", ""}, {"b.docx", "b.pdf", "", ""}}, {});
    REQUIRE(results.size() == 2);
    for (const auto& result : results) {
      CHECK_FALSE(result.ok);
      CHECK(result.code == ExitCode::Unavailable);
      CHECK_THAT(result.error, Catch::Contains("libreoffice-writer-nogui"));
    }
  }
  pdf::PdfOptions options;
  options.soffice = (dir.path / "no-such-soffice").string();
  std::string why;
  CHECK_FALSE(pdf::available(options, &why));
  CHECK_THAT(why, Catch::Contains("libreoffice-writer-nogui"));

  // LibreOffice's core without Writer (libreoffice-core-nogui alone) cannot open a DOCX.
  write_script(dir.path / "program" / "soffice.bin", "exit 0\n");
  write_script(dir.path / "program" / "soffice", "exit 0\n");
  options.soffice = (dir.path / "program" / "soffice").string();
  CHECK_FALSE(pdf::available(options, &why));
  CHECK_THAT(why, Catch::Contains("Writer") && Catch::Contains("libreoffice-writer-nogui"));
}

TEST_CASE("a hung soffice is killed at the time limit and reported", "[pdf]") {
  TempDir dir;
  // A number no other process uses, to look for the fake's sleep afterwards.
  const std::string marker = "600." + std::to_string(::getpid());
  write_script(dir.path / "bin" / "soffice", "sleep " + marker + "\n");
  ScopedPath path(path_with(dir.path / "bin"));
  write_file(dir.path / "out" / "report.docx", "not read by the fake");
  write_file(dir.path / "out" / "report.pdf", "the previous PDF");

  pdf::PdfOptions options;
  options.timeout = 2s;
  const auto results = pdf::convert({{(dir.path / "out" / "report.docx").string(),
                                      (dir.path / "out" / "report.pdf").string(), "T", "sv-SE"}},
                                    options);
  REQUIRE(results.size() == 1);
  CHECK_FALSE(results[0].ok);
  CHECK(results[0].code == ExitCode::Unavailable);
  CHECK_THAT(results[0].error, Catch::Contains("report.docx") && Catch::Contains("2 s"));
  CHECK(results[0].seconds < 10);
  // Nothing is left: neither the sleep, nor the fake, nor the Python driver that started it
  // (both have the fake's path on their command line).
  CHECK_FALSE(process_running_with("sleep " + marker));
  CHECK_FALSE(process_running_with((dir.path / "bin" / "soffice").string()));
  CHECK(read_file(dir.path / "out" / "report.pdf") == "the previous PDF");
  CHECK(names_in(dir.path / "out") == std::vector<std::string>{"report.docx", "report.pdf"});
}

TEST_CASE("an soffice that exits 0 without writing a PDF is a failed conversion", "[pdf]") {
  TempDir dir;
  write_script(dir.path / "bin" / "soffice", "exit 0\n");
  ScopedPath path(path_with(dir.path / "bin"));
  write_file(dir.path / "report.docx", "not read by the fake");

  const auto results = pdf::convert(
      {{(dir.path / "report.docx").string(), (dir.path / "report.pdf").string(), "T", "sv-SE"}},
      {});
  REQUIRE(results.size() == 1);
  CHECK_FALSE(results[0].ok);
  CHECK(results[0].code == ExitCode::Unavailable);
  CHECK_THAT(results[0].error, Catch::Contains("soffice exited with status 0"));
  CHECK(names_in(dir.path) == std::vector<std::string>{"bin", "report.docx"});
}

TEST_CASE("a PDF is not written into a folder that does not exist", "[pdf]") {
  TempDir dir;
  write_script(dir.path / "bin" / "soffice", "exit 0\n");  // never started
  ScopedPath path(path_with(dir.path / "bin"));
  write_file(dir.path / "report.docx", "x");
  const auto results = pdf::convert(
      {{(dir.path / "report.docx").string(), (dir.path / "gone" / "report.pdf").string(), "", ""},
       {(dir.path / "missing.docx").string(), (dir.path / "missing.pdf").string(), "", ""}},
      {});
  REQUIRE(results.size() == 2);
  CHECK(results[0].code == ExitCode::CantCreate);
  CHECK(results[1].code == ExitCode::NoInput);
}

// ---- with LibreOffice (a few seconds each) ------------------------------------------------

TEST_CASE("Swedish and English convert in parallel with a correct table of contents",
          "[pdf][libreoffice]") {
  require_available();
  TempDir dir;
  const std::vector<pdf::PdfJob> jobs = {kitchen_sink_job(dir.path, "sv-SE"),
                                         kitchen_sink_job(dir.path, "en-US")};
  const auto results = pdf::convert(jobs, {});
  REQUIRE(results.size() == 2);
  for (const auto& result : results) {
    INFO(result.error);
    REQUIRE(result.ok);
    CHECK(result.code == ExitCode::Ok);
  }
  CHECK(names_in(dir.path) ==
        std::vector<std::string>{"kitchen-sink-en-US.docx", "kitchen-sink-en-US.pdf",
                                 "kitchen-sink-sv-SE.docx", "kitchen-sink-sv-SE.pdf"});

  const PdfPages sv(jobs[0].pdf);
  // Every entry's number is the page its heading is on (LibreOffice's own layout, not the
  // numbers cached in the DOCX); all five headings of levels 1-3 are listed.
  const auto entries = toc_entries(sv);
  std::vector<std::string> listed;
  for (const auto& entry : entries) {
    listed.push_back(entry.text);
    INFO(entry.text);
    CHECK(sv.page_with_line(entry.text, entry.on_page) == entry.page);
  }
  CHECK(listed == std::vector<std::string>{"Avsnitt I – Revisorns rapport", "Omfattning",
                                           "Underrubrik", "Avsnitt IV – Kontroller och tester",
                                           "Avsnitt V – Övrig information"});

  // Section IV, and only it, is landscape.
  const size_t iv = sv.page_with_line("Avsnitt IV – Kontroller och tester", entries[0].on_page);
  const size_t v = sv.page_with_line("Avsnitt V – Övrig information", entries[0].on_page);
  REQUIRE(iv > 0);
  REQUIRE(v > iv + 1);  // the 40-row table runs over several pages
  for (size_t page = 1; page <= sv.landscape.size(); ++page) {
    INFO("page " << page);
    CHECK(sv.landscape[page - 1] == (page >= iv && page < v));
  }

  const std::string text = sv.all();
  for (const char* swedish : {"Åtkomst", "Ändringar", "Säkerhet", "Övrig", "Tillgänglighet"}) {
    CHECK_THAT(text, Catch::Contains(swedish));
  }
  CHECK(pdfinfo_field(jobs[0].pdf, "Title") == jobs[0].title);
  CHECK(pdfinfo_field(jobs[0].pdf, "Tagged") == "yes");
  CHECK_THAT(read_file(jobs[0].pdf), Catch::Contains("/Lang(sv-SE)"));
  for (const auto& job : jobs) {
    const auto found = fonts(job.pdf);
    CHECK_FALSE(found.empty());
    for (const auto& [name, embedded] : found) {
      INFO(job.pdf << ": " << name);
      CHECK(embedded);
    }
  }

  const PdfPages en(jobs[1].pdf);
  const auto en_entries = toc_entries(en);
  CHECK(en_entries.size() == 5);
  for (const auto& entry : en_entries) {
    INFO(entry.text);
    CHECK(en.page_with_line(entry.text, entry.on_page) == entry.page);
  }
  CHECK_THAT(read_file(jobs[1].pdf), Catch::Contains("/Lang(en-US)"));
}

TEST_CASE("PDF/A-2b is written when asked", "[pdf][libreoffice]") {
  require_available();
  TempDir dir;
  const auto job = kitchen_sink_job(dir.path, "en-US");
  pdf::PdfOptions options;
  options.pdf_a = true;
  const auto results = pdf::convert({job}, options);
  REQUIRE(results.size() == 1);
  INFO(results[0].error);
  REQUIRE(results[0].ok);
  const std::string bytes = read_file(job.pdf);
  CHECK_THAT(bytes, Catch::Contains("<pdfaid:part>2</pdfaid:part>"));
  CHECK_THAT(bytes, Catch::Contains("<pdfaid:conformance>B</pdfaid:conformance>"));
  for (const auto& [name, embedded] : fonts(job.pdf)) {
    INFO(name);
    CHECK(embedded);
  }
}
