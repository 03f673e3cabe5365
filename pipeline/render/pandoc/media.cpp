// The media folder: the model's images as files that pandoc embeds (HTML, ODT) or that the
// Markdown links to.
#include <cctype>
#include <set>

#include "render/pandoc/pandoc.h"

namespace tillit::render::pandoc {

namespace {

/// A file name piece without path separators, dot files or shell-hostile characters.
std::string safe_name(std::string_view s) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    bool keep = (u < 0x80 && std::isalnum(u)) || c == '-' || c == '_' || c == '.';
    out += keep ? c : '-';
  }
  if (!out.empty() && out.front() == '.') out.front() = '-';
  return out;
}

std::string extension_of(const model::ImageData& data) {
  if (!data.extension.empty()) return safe_name(data.extension);
  if (data.media_type == "image/png") return "png";
  if (data.media_type == "image/jpeg") return "jpeg";
  return "bin";
}

}  // namespace

std::map<std::string, std::string> media_names(const model::Document& doc) {
  std::map<std::string, std::string> names;
  std::set<std::string> used;
  for (const auto& [id, data] : doc.images) {
    std::string stem = id.empty() ? "image" : safe_name(id);
    const std::string extension = "." + extension_of(data);
    std::string name = stem + extension;
    // Two ids that differ only in replaced characters must not share a file.
    for (int n = 2; !used.insert(name).second; ++n) {
      name = stem + "-" + std::to_string(n) + extension;
    }
    names[id] = name;
  }
  return names;
}

bool write_media(Env& env, const model::Document& doc, const std::string& folder,
                 std::string* error) {
  if (doc.images.empty()) return true;
  if (!env.make_dirs(folder, error)) return false;
  for (const auto& [id, name] : media_names(doc)) {
    if (!env.write_atomic(join_path(folder, name), doc.images.at(id).bytes, error)) return false;
  }
  return true;
}

}  // namespace tillit::render::pandoc
