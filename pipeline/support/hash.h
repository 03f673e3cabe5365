// Content hashes for the build log: SHA-256, so two different inputs never pass for one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace tillit {

/// Feeds values into one SHA-256. Each value is written with its length first, so
/// ("ab", "c") and ("a", "bc") hash differently.
class Hasher {
 public:
  Hasher();
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  Hasher& add(std::string_view bytes);
  Hasher& add(std::int64_t n);
  Hasher& add(bool b) { return add(std::int64_t{b ? 1 : 0}); }
  Hasher& add(double d);
  /// The digest as 64 lower-case hex digits; the hasher is then used up.
  std::string hex();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// SHA-256 of `bytes` in hex.
std::string sha256_hex(std::string_view bytes);

}  // namespace tillit
