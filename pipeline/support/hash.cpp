#include "support/hash.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <cstring>

namespace tillit {

struct Hasher::Impl {
  Poco::SHA2Engine engine{Poco::SHA2Engine::SHA_256};
};

Hasher::Hasher() : impl_(std::make_unique<Impl>()) {}
Hasher::~Hasher() = default;

Hasher& Hasher::add(std::int64_t n) {
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(n) >> (8 * i));
  impl_->engine.update(bytes, sizeof bytes);
  return *this;
}

Hasher& Hasher::add(std::string_view bytes) {
  add(static_cast<std::int64_t>(bytes.size()));
  impl_->engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return *this;
}

Hasher& Hasher::add(double d) {
  std::int64_t bits;
  static_assert(sizeof bits == sizeof d);
  std::memcpy(&bits, &d, sizeof bits);
  return add(bits);
}

std::string Hasher::hex() { return Poco::DigestEngine::digestToHex(impl_->engine.digest()); }

std::string sha256_hex(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace tillit
