// Golden tests: the small engagement's report, unzipped and pretty-printed, against the
// approved XML in tests/golden/. Comparing XML (not zip bytes) keeps the test independent of
// zlib's version. After an intended change, approve the new output with
//   TILLIT_UPDATE_GOLDEN=1 build/tests/tillit_tests "[golden]"
// and review the diff in git.
#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "assemble/assemble.h"
#include "docx_test_support.h"
#include "engagement_fixture.h"

using namespace tillit;

namespace {

std::string pretty(const std::string& xml) {
  pugi::xml_document doc;
  REQUIRE(doc.load_buffer(xml.data(), xml.size()));
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent | pugi::format_no_declaration);
  return out.str();
}

void compare_with_golden(const std::string& name, const std::string& actual) {
  std::string path = std::string(TILLIT_SOURCE_DIR) + "/tests/golden/" + name;
  if (std::getenv("TILLIT_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream expected;
  expected << in.rdbuf();
  // Report the first differing line rather than two whole documents.
  std::istringstream a(actual), e(expected.str());
  std::string la, le;
  int line = 0;
  while (true) {
    bool more_a = static_cast<bool>(std::getline(a, la));
    bool more_e = static_cast<bool>(std::getline(e, le));
    ++line;
    if (!more_a && !more_e) break;
    INFO(name << " line " << line);
    REQUIRE(la == le);
  }
}

}  // namespace

TEST_CASE("the small engagement's report matches the approved XML", "[golden]") {
  auto env = testing::small_engagement();
  for (const char* lang : {"sv", "en"}) {
    Diagnostics diags;
    auto e = ingest::load_engagement(env, "eng", diags);
    REQUIRE(e);
    auto doc = assemble::assemble_report(*e, lang, env, diags);
    REQUIRE(diags.all().empty());
    auto parts = test::unzip(render::docx::write_docx(doc, render::docx::builtin_reference()));
    for (const char* part : {"word/document.xml", "word/header1.xml", "word/footer1.xml",
                             "docProps/core.xml", "[Content_Types].xml"}) {
      REQUIRE(parts.count(part));
      std::string file = std::string("small-") + lang + "-" + part;
      for (auto& c : file) {
        if (c == '/' || c == '[' || c == ']') c = '_';
      }
      compare_with_golden(file, pretty(parts[part]));
    }
  }
}
