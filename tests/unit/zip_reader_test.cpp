#include "ingest/zip_reader.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <string>

#include "zip_builder.h"

using namespace tillit;
using namespace tillit::ingest;
using tillit::test::build_zip;
using tillit::test::ZeroEntry;

namespace {

uint16_t get16(const std::string& s, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(s[at]) |
                               static_cast<unsigned char>(s[at + 1]) << 8);
}

uint32_t get32(const std::string& s, size_t at) {
  return get16(s, at) | static_cast<uint32_t>(get16(s, at + 2)) << 16;
}

void put32(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>(v >> (8 * i) & 0xFF);
}

// Rewrites the uncompressed size an entry declares, in its local header and in the central
// directory, as a forged archive would.
void forge_declared_size(std::string& zip, const std::string& name, uint32_t size) {
  const size_t end = zip.rfind(std::string("PK\x05\x06", 4));
  REQUIRE(end != std::string::npos);
  size_t at = get32(zip, end + 16);
  for (uint16_t i = 0, n = get16(zip, end + 10); i < n; ++i) {
    REQUIRE(get32(zip, at) == 0x02014b50);
    const uint16_t name_length = get16(zip, at + 28);
    if (zip.compare(at + 46, name_length, name) == 0) {
      put32(zip, at + 24, size);
      put32(zip, get32(zip, at + 42) + 22, size);
    }
    at += 46u + name_length + get16(zip, at + 30) + get16(zip, at + 32);
  }
}

// 300 MiB of zeros deflate at level 9 to about 300 KB; built once, as it takes a second.
const std::string& zip_bomb() {
  static const std::string bytes =
      build_zip({{"a.txt", "a"}}, {{"bomb.bin", uint64_t{300} << 20}}, 9);
  return bytes;
}

std::string only_message(const Diagnostics& diags) {
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.exit_code() == ExitCode::DataError);
  return format_human(diags.all()[0]);
}

}  // namespace

TEST_CASE("zip reader lists and reads entries", "[zip]") {
  const std::string bytes = build_zip({{"[Content_Types].xml", "<Types/>"},
                                       {"word/document.xml", "<w:document>å ä ö</w:document>"},
                                       {"empty.txt", ""}});
  Diagnostics diags;
  std::optional<ZipReader> zip = ZipReader::open("t.docx", bytes, diags);
  REQUIRE(zip);
  CHECK(zip->file() == "t.docx");
  CHECK(zip->names() ==
        std::vector<std::string>{"[Content_Types].xml", "word/document.xml", "empty.txt"});
  CHECK(zip->read("word/document.xml", diags) == "<w:document>å ä ö</w:document>");
  CHECK(zip->read("empty.txt", diags) == "");
  // OPC part names ignore case; some writers use backslashes.
  CHECK(zip->contains("Word\\Document.XML"));
  CHECK(zip->read("WORD/document.xml", diags) == "<w:document>å ä ö</w:document>");
  CHECK_FALSE(zip->contains("word/styles.xml"));
  CHECK_FALSE(zip->read("word/styles.xml", diags));
  CHECK(diags.all().empty());

  // Moving keeps the archive readable: libzip reads from bytes the reader owns.
  ZipReader moved = std::move(*zip);
  CHECK(moved.read("[Content_Types].xml", diags) == "<Types/>");
}

TEST_CASE("zip reader rejects what is not a whole zip archive", "[zip]") {
  const std::string whole = build_zip({{"a.xml", std::string(5000, 'a')}});
  Diagnostics empty;
  CHECK_FALSE(ZipReader::open("a.zip", "", empty));
  CHECK(only_message(empty) ==
        "a.zip: error: cannot read the zip archive: the file is empty [corrupt-zip]\n");
  for (const std::string& bytes : {std::string("Ref;Kontroll\n"), whole.substr(0, whole.size() / 2),
                                   whole.substr(0, whole.size() - 10)}) {
    Diagnostics diags;
    CHECK_FALSE(ZipReader::open("a.zip", bytes, diags));
    CHECK(only_message(diags) ==
          "a.zip: error: cannot read the zip archive: it is truncated or corrupt (Not a zip "
          "archive) [corrupt-zip]\n");
  }
}

TEST_CASE("zip reader reports an entry whose data is corrupt", "[zip]") {
  std::string bytes = build_zip({{"a.xml", std::string(100000, 'a') + std::string(100, 'b')}});
  // Overwrite the middle of the deflated data (after the 30-byte header and the name).
  for (size_t i = 40; i < 60; ++i) bytes[i] = '\x55';
  Diagnostics diags;
  std::optional<ZipReader> zip = ZipReader::open("a.zip", bytes, diags);
  REQUIRE(zip);
  CHECK_FALSE(zip->read("a.xml", diags));
  CHECK(only_message(diags) ==
        "a.zip: error: cannot read zip entry a.xml: Zlib error: data error [corrupt-zip]\n");
}

TEST_CASE("zip reader limits the number of entries", "[zip]") {
  tillit::test::ZipEntries entries;
  for (int i = 0; i < 10'001; ++i) entries.emplace_back("e" + std::to_string(i), "");
  const std::string bytes = build_zip(entries);
  Diagnostics diags;
  CHECK_FALSE(ZipReader::open("many.zip", bytes, diags));
  CHECK(only_message(diags) ==
        "many.zip: error: the zip archive has 10001 entries, more than the 10000 allowed "
        "[zip-too-large]\n");

  entries.pop_back();
  Diagnostics fine;
  CHECK(ZipReader::open("many.zip", build_zip(entries), fine));
  CHECK(fine.all().empty());
}

TEST_CASE("zip reader refuses a zip bomb by its declared size", "[zip]") {
  const std::string& bytes = zip_bomb();
  CHECK(bytes.size() < 400'000);
  Diagnostics diags;
  std::optional<ZipReader> zip = ZipReader::open("bomb.zip", bytes, diags);
  REQUIRE(zip);
  CHECK(zip->read("a.txt", diags) == "a");
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(zip->read("bomb.bin", diags));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(200));
  CHECK(only_message(diags) ==
        "bomb.zip: error: zip entry bomb.bin unpacks to 300 MiB, more than the 256 MiB allowed "
        "for one entry [zip-too-large]\n");
}

TEST_CASE("zip reader stops an entry that unpacks to more than it declares", "[zip]") {
  std::string bytes = zip_bomb();
  forge_declared_size(bytes, "bomb.bin", 1000);
  Diagnostics diags;
  std::optional<ZipReader> zip = ZipReader::open("bomb.zip", bytes, diags);
  REQUIRE(zip);
  // Inflating stops at the first chunk past the declared size, not after 300 MiB.
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(zip->read("bomb.bin", diags));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(200));
  CHECK(only_message(diags) ==
        "bomb.zip: error: zip entry bomb.bin unpacks to more than the 1000 bytes its header "
        "declares: the archive is corrupt or a zip bomb [corrupt-zip]\n");
}

TEST_CASE("zip reader limits the total of the declared sizes", "[zip]") {
  std::string bytes = build_zip({{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}});
  for (const char* name : {"a", "b", "c", "d", "e"}) {
    forge_declared_size(bytes, name, 250u << 20);  // each below the one-entry limit
  }
  Diagnostics diags;
  CHECK_FALSE(ZipReader::open("big.zip", bytes, diags));
  CHECK(only_message(diags) ==
        "big.zip: error: the zip archive unpacks to more than the 1 GiB allowed "
        "[zip-too-large]\n");

  // Limits are parameters, so callers with smaller needs can tighten them.
  Diagnostics small;
  ZipLimits limits;
  limits.max_entry_bytes = 1000;
  std::optional<ZipReader> zip =
      ZipReader::open("s.zip", build_zip({{"big", std::string(1001, 'x')}}), small, limits);
  REQUIRE(zip);
  CHECK_FALSE(zip->read("big", small));
  CHECK(only_message(small) ==
        "s.zip: error: zip entry big unpacks to 1001 bytes, more than the 1000 bytes allowed "
        "for one entry [zip-too-large]\n");
}
