#include "render/docx/media.h"

#include <array>
#include <utility>

namespace tillit::render::docx {

std::string MediaStore::add(std::string_view key, std::string_view extension,
                            std::string_view content_type, std::string_view bytes) {
  auto found = targets_.find(key);
  if (found != targets_.end()) return found->second;
  std::string ext;
  for (char c : extension) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ext += c;
    if (c >= 'A' && c <= 'Z') ext += static_cast<char>(c - 'A' + 'a');
  }
  if (ext.empty()) ext = "bin";
  std::string target = "media/image" + std::to_string(files_.size() + 1) + "." + ext;
  files_.push_back({"word/" + target, std::string(content_type), bytes});
  targets_.emplace(std::string(key), target);
  return target;
}

void MediaStore::add_to(Package& package) const {
  for (const File& f : files_) package.add_media(f.name, f.content_type, f.bytes);
}

std::string image_content_type(std::string_view extension) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kTypes = {{
      {"png", "image/png"},
      {"jpeg", "image/jpeg"},
      {"jpg", "image/jpeg"},
      {"gif", "image/gif"},
      {"bmp", "image/bmp"},
      {"tif", "image/tiff"},
      {"tiff", "image/tiff"},
      {"svg", "image/svg+xml"},
      {"emf", "image/x-emf"},
      {"wmf", "image/x-wmf"},
  }};
  std::string lower;
  for (char c : extension) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (const auto& [ext, type] : kTypes) {
    if (ext == lower) return std::string(type);
  }
  return {};
}

}  // namespace tillit::render::docx
