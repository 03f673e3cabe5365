// Images of the output: word/media/image1.png, image2.jpeg... numbered in order of first use,
// each stored once however often it is shown.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "render/docx/package.h"

namespace tillit::render::docx {

class MediaStore {
 public:
  /// Registers an image under `key` (the model's image id, or the reference part it came from)
  /// and returns its target relative to word/ ("media/image1.png"). The bytes are borrowed.
  std::string add(std::string_view key, std::string_view extension, std::string_view content_type,
                  std::string_view bytes);
  /// Adds every image to the package.
  void add_to(Package& package) const;

 private:
  struct File {
    std::string name;  // "word/media/image1.png"
    std::string content_type;
    std::string_view bytes;
  };
  std::vector<File> files_;
  std::map<std::string, std::string, std::less<>> targets_;  // key -> "media/image1.png"
};

/// The content type of an image file by its extension ("png", "JPG"...); empty when unknown.
std::string image_content_type(std::string_view extension);

}  // namespace tillit::render::docx
