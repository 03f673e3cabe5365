#include "import/odt_tables.h"

#include <string_view>
#include <vector>

#include "ingest/zip_reader.h"
#include "support/zip_writer.h"

namespace tillit::import {

namespace {

/// Removes every occurrence of `tag`; true when there was one.
bool erase_all(std::string& xml, std::string_view tag) {
  bool found = false;
  for (size_t at = xml.find(tag); at != std::string::npos; at = xml.find(tag, at)) {
    xml.erase(at, tag.size());
    found = true;
  }
  return found;
}

}  // namespace

std::optional<std::string> unwrap_header_rows(const std::string& odt) {
  Diagnostics ignored;  // an unreadable file is left for pandoc to report
  auto zip = ingest::ZipReader::open("odt", odt, ignored);
  if (!zip) return std::nullopt;
  auto content = zip->read("content.xml", ignored);
  if (!content) return std::nullopt;
  // The element has no attributes: only its tags go, its rows stay where they are.
  bool found = erase_all(*content, "<table:table-header-rows>");
  found = erase_all(*content, "</table:table-header-rows>") || found;
  found = erase_all(*content, "<table:table-header-rows/>") || found;
  if (!found) return std::nullopt;

  std::vector<std::string> parts;  // owns the bytes the entries point at
  std::vector<ZipEntry> entries;
  parts.reserve(zip->names().size());
  for (const auto& name : zip->names()) {
    if (name.empty() || name.back() == '/') continue;
    if (name == "content.xml") {
      parts.push_back(std::move(*content));
    } else {
      auto bytes = zip->read(name, ignored);
      if (!bytes) return std::nullopt;
      parts.push_back(std::move(*bytes));
    }
    entries.push_back({name, parts.back()});
  }
  std::string rewritten = write_zip(entries, 6);
  if (rewritten.empty()) return std::nullopt;
  return rewritten;
}

}  // namespace tillit::import
