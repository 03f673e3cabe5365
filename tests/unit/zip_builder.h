// Builds zip archives in memory for tests, so a test states the exact bytes of every entry
// (hand-written XLSX parts, zip bombs) instead of depending on a binary fixture.
#pragma once

#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tillit::test {

using ZipEntries = std::vector<std::pair<std::string, std::string>>;

/// An entry of `size` zero bytes, produced while compressing: a 300 MiB zip bomb is built
/// without ever holding 300 MiB.
struct ZeroEntry {
  std::string name;
  uint64_t size = 0;
};

namespace detail {

struct ZeroSource {
  uint64_t size = 0;
  uint64_t done = 0;
};

inline zip_int64_t zero_source(void* user, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* z = static_cast<ZeroSource*>(user);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      z->done = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const uint64_t n = std::min<uint64_t>(len, z->size - z->done);
      std::memset(data, 0, static_cast<size_t>(n));
      z->done += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = z->size;
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_FREE:
      delete z;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return -1;
  }
}

inline void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("build_zip: ") + what);
}

}  // namespace detail

/// A zip archive holding `entries` (deflated at `level`), then `zeros`.
inline std::string build_zip(const ZipEntries& entries, const std::vector<ZeroEntry>& zeros = {},
                             int level = 6) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  detail::check(out != nullptr, "buffer");
  zip_t* za = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  detail::check(za != nullptr, "open");
  zip_source_keep(out);  // the archive frees its source on close; the bytes are read after

  auto add = [&](const std::string& name, zip_source_t* src) {
    detail::check(src != nullptr, "source");
    const zip_int64_t index = zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (index < 0) zip_source_free(src);
    detail::check(index >= 0, "add");
    detail::check(zip_set_file_compression(za, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE,
                                           static_cast<zip_uint32_t>(level)) == 0,
                  "compression");
  };
  for (const auto& [name, content] : entries) {
    add(name, zip_source_buffer(za, content.data(), content.size(), 0));
  }
  for (const ZeroEntry& z : zeros) {
    add(z.name, zip_source_function(za, detail::zero_source, new detail::ZeroSource{z.size, 0}));
  }
  detail::check(zip_close(za) == 0, "close");

  std::string bytes;
  detail::check(zip_source_open(out) == 0, "reopen");
  char chunk[64 * 1024];
  for (zip_int64_t n; (n = zip_source_read(out, chunk, sizeof chunk)) > 0;) {
    bytes.append(chunk, static_cast<size_t>(n));
  }
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

}  // namespace tillit::test
