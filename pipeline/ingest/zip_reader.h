// A bounded reader for zip archives held in memory (XLSX workbooks, DOCX templates). Entry
// count and uncompressed sizes are limited, and sizes are enforced while inflating, because
// the sizes an archive declares can lie: a zip bomb becomes a diagnostic, not an outage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/diagnostics.h"

namespace tillit::ingest {

struct ZipLimits {
  size_t max_entries = 10'000;
  uint64_t max_entry_bytes = uint64_t{256} << 20;  ///< One entry, uncompressed.
  uint64_t max_total_bytes = uint64_t{1} << 30;    ///< All entries together, uncompressed.
};

/// An opened archive. Not thread-safe: read() inflates through the one libzip handle.
class ZipReader {
 public:
  /// Open from the archive's bytes. `shown` is the path used in diagnostics. A truncated or
  /// corrupt archive ("corrupt-zip"), more than `limits.max_entries` entries, or declared
  /// sizes adding up to more than `limits.max_total_bytes` ("zip-too-large") are errors
  /// (ExitCode::DataError) and return nullopt.
  static std::optional<ZipReader> open(const std::string& shown, std::string bytes,
                                       Diagnostics& diags, const ZipLimits& limits = {});

  ZipReader(ZipReader&&) noexcept;
  ZipReader& operator=(ZipReader&&) noexcept;
  ~ZipReader();

  const std::string& file() const;
  /// Entry names in archive order, directories included.
  const std::vector<std::string>& names() const;
  /// True when an entry of that name exists (see read() for how names match).
  bool contains(std::string_view name) const;

  /// The uncompressed bytes of one entry. Names match exactly, else ignoring ASCII case and
  /// '\' versus '/' (OPC part names are case-insensitive; some writers use backslashes).
  /// Returns nullopt without a diagnostic when there is no such entry, and nullopt with an
  /// error when the entry is larger than `limits.max_entry_bytes` ("zip-too-large"), unpacks
  /// to more than it declares, is encrypted or fails to inflate ("corrupt-zip").
  std::optional<std::string> read(std::string_view name, Diagnostics& diags) const;

 private:
  struct Impl;
  explicit ZipReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tillit::ingest
