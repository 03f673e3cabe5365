#include "support/hash.h"

#include <openssl/evp.h>

#include <cstring>
#include <stdexcept>

namespace tillit {

// OpenSSL's SHA-256 uses the processor's SHA instructions where there are any: hashing the
// assembled report on every build must cost little next to writing it.
//
// Values arrive a few bytes at a time (a run's text, a style number); the digest is fed in
// large blocks, since each update costs far more than appending to a buffer.
struct Hasher::Impl {
  static constexpr size_t kBlock = 64 * 1024;
  EVP_MD_CTX* ctx = nullptr;
  std::string buffer;

  Impl() : ctx(EVP_MD_CTX_new()) {
    if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1) {
      EVP_MD_CTX_free(ctx);
      throw std::runtime_error("OpenSSL cannot compute SHA-256");
    }
    buffer.reserve(kBlock + 4096);
  }
  ~Impl() { EVP_MD_CTX_free(ctx); }

  void put(const void* data, size_t n) {
    buffer.append(static_cast<const char*>(data), n);
    if (buffer.size() >= kBlock) flush();
  }
  void flush() {
    EVP_DigestUpdate(ctx, buffer.data(), buffer.size());
    buffer.clear();
  }
};

namespace {

std::string to_hex(const unsigned char* digest, unsigned size) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (unsigned i = 0; i < size; ++i) {
    out += digits[digest[i] >> 4];
    out += digits[digest[i] & 15];
  }
  return out;
}

}  // namespace

Hasher::Hasher() : impl_(std::make_unique<Impl>()) {}
Hasher::~Hasher() = default;

Hasher& Hasher::add(std::int64_t n) {
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(n) >> (8 * i));
  }
  impl_->put(bytes, sizeof bytes);
  return *this;
}

Hasher& Hasher::add(std::string_view bytes) {
  add(static_cast<std::int64_t>(bytes.size()));
  impl_->put(bytes.data(), bytes.size());
  return *this;
}

Hasher& Hasher::add(double d) {
  std::int64_t bits;
  static_assert(sizeof bits == sizeof d);
  std::memcpy(&bits, &d, sizeof bits);
  return add(bits);
}

std::string Hasher::hex() {
  impl_->flush();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned size = 0;
  EVP_DigestFinal_ex(impl_->ctx, digest, &size);
  return to_hex(digest, size);
}

std::string sha256_hex(std::string_view bytes) {
  Hasher h;
  h.add(bytes);
  return h.hex();
}

}  // namespace tillit
