#include "markdown/image.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <vector>

namespace tillit::markdown {

namespace {

uint32_t be16(std::string_view b, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) << 8 |
         static_cast<unsigned char>(b[at + 1]);
}

uint32_t be32(std::string_view b, size_t at) { return be16(b, at) << 16 | be16(b, at + 2); }

int to_int(uint32_t v) { return static_cast<int>(std::min<uint32_t>(v, INT_MAX)); }

bool read_png_size(std::string_view b, int& width, int& height) {
  // Signature, then the IHDR chunk, which the format requires to come first.
  constexpr std::string_view kSignature = "\x89PNG\r\n\x1a\n";
  if (b.size() < 24 || b.substr(0, 8) != kSignature || b.substr(12, 4) != "IHDR") return false;
  width = to_int(be32(b, 16));
  height = to_int(be32(b, 20));
  return true;
}

bool read_jpeg_size(std::string_view b, int& width, int& height) {
  if (b.size() < 4 || b.substr(0, 3) != "\xFF\xD8\xFF") return false;
  // Walk the marker segments up to the first frame header; every step moves forward, so a
  // hostile length cannot loop.
  size_t pos = 2;
  while (pos < b.size()) {
    if (static_cast<unsigned char>(b[pos]) != 0xFF) return false;
    while (pos < b.size() && static_cast<unsigned char>(b[pos]) == 0xFF) ++pos;  // fill bytes
    if (pos >= b.size()) return false;
    auto marker = static_cast<unsigned char>(b[pos++]);
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;  // no length field
    if (marker == 0xD9 || marker == 0xDA) return false;  // image or scan before any frame
    if (pos + 2 > b.size()) return false;
    size_t length = be16(b, pos);
    if (length < 2 || pos + length > b.size()) return false;
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    bool frame =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame) {
      if (length < 7) return false;
      height = to_int(be16(b, pos + 3));
      width = to_int(be16(b, pos + 5));
      return true;
    }
    pos += length;
  }
  return false;
}

}  // namespace

std::optional<model::ImageData> sniff_image(std::string bytes) {
  model::ImageData image;
  if (read_png_size(bytes, image.width_px, image.height_px)) {
    image.media_type = "image/png";
    image.extension = "png";
  } else if (read_jpeg_size(bytes, image.width_px, image.height_px)) {
    image.media_type = "image/jpeg";
    image.extension = "jpeg";
  } else {
    return std::nullopt;
  }
  image.bytes = std::move(bytes);
  return image;
}

std::string normalise_path(std::string_view path) {
  bool absolute = !path.empty() && path.front() == '/';
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = std::min(path.find('/', start), path.size());
    std::string_view part = path.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

bool path_inside(std::string_view path, std::string_view root) {
  bool absolute = path.substr(0, 1) == "/";
  if (root == ".") return !absolute && path != "." && path != ".." && path.substr(0, 3) != "../";
  if (root == "/") return absolute && path != "/";
  return path.size() > root.size() && path.substr(0, root.size()) == root &&
         path[root.size()] == '/';
}

}  // namespace tillit::markdown
