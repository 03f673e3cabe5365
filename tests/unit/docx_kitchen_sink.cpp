// Writes the kitchen-sink DOCX for the CTest entries that run Microsoft's validator on it
// (tests/CMakeLists.txt): hidden from normal runs, driven by the environment.
//   TILLIT_DOCX_SAMPLE  output path (required)
//   TILLIT_DOCX_LANG    sv-SE (default) or en-US
//   TILLIT_DOCX_BRANDED 1 = over the test's branded reference instead of the built-in one
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <string>

#include "docx_test_support.h"
#include "render/docx/docx_writer.h"

namespace docx = tillit::render::docx;

TEST_CASE("kitchen-sink DOCX written for the validator", "[.docx-sample]") {
  const char* path = std::getenv("TILLIT_DOCX_SAMPLE");
  REQUIRE(path != nullptr);
  const char* lang = std::getenv("TILLIT_DOCX_LANG");
  const char* branded = std::getenv("TILLIT_DOCX_BRANDED");
  const auto doc = tillit::test::kitchen_sink(lang ? lang : "sv-SE");
  const docx::ReferenceDoc builtin = docx::builtin_reference();
  const docx::ReferenceDoc ref =
      branded && std::string(branded) == "1"
          ? docx::merge_reference(builtin, tillit::test::branded_reference())
          : builtin;
  const std::string bytes = docx::write_docx(doc, ref);
  REQUIRE_FALSE(bytes.empty());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}
