// Image files for the Markdown stage: format sniffing and lexical path checks.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "model/document.h"

namespace tillit::markdown {

/// Largest image file accepted.
constexpr size_t kMaxImageBytes = 20u * 1024u * 1024u;
/// Largest width or height in pixels; anything bigger is a damaged or hostile header.
constexpr int kMaxImageSide = 20000;

/// Recognise PNG or JPEG by its magic bytes (never by the file name) and read the pixel size
/// from the PNG IHDR chunk or the JPEG SOFn marker. Returns nullopt for any other format and
/// for a header that cannot be read; the size is not range-checked here.
std::optional<model::ImageData> sniff_image(std::string bytes);

/// Normalise a '/'-separated path lexically: "a/./b/../c" -> "a/c", "" -> ".". Leading ".."
/// of a relative path are kept; ".." above "/" is dropped.
std::string normalise_path(std::string_view path);

/// True when the normalised `path` is strictly inside the normalised folder `root`.
bool path_inside(std::string_view path, std::string_view root);

}  // namespace tillit::markdown
