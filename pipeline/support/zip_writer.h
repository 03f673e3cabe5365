// Deterministic zip archives (DOCX, XLSX): entries in the order given, deflated, and all
// dated 1980-01-01 00:00 through zip_file_set_dostime, so the bytes depend neither on the
// clock nor on the time zone (zip_file_set_mtime goes through localtime).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tillit {

struct ZipEntry {
  std::string name;
  std::string_view data;  ///< Must stay alive until write_zip returns.
};

/// The archive's bytes; empty only when libzip fails (out of memory).
std::string write_zip(const std::vector<ZipEntry>& entries, int deflate_level);

}  // namespace tillit
