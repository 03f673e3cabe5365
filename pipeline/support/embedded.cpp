#include "support/embedded.h"

namespace tillit {

std::optional<std::string_view> embedded(std::string_view path) {
  for (const auto& f : embedded_files()) {
    if (f.path == path) return f.bytes;
  }
  return std::nullopt;
}

}  // namespace tillit
