// Data files compiled into the binary (locales/, templates/), looked up by relative path.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace tillit {

struct EmbeddedFile {
  std::string_view path;  ///< Relative to the repository, e.g. "locales/criteria.csv".
  std::string_view bytes;
};

/// Every embedded file, in the order CMake listed them.
std::span<const EmbeddedFile> embedded_files();

/// The bytes of one embedded file, or nullopt.
std::optional<std::string_view> embedded(std::string_view path);

}  // namespace tillit
