#include "import/workspace.h"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace tillit::import {

namespace fs = std::filesystem;

Workspace::Workspace(const std::string& lang, const std::string& topic) {
  std::error_code ec;
  const fs::path base = fs::temp_directory_path(ec);
  if (ec) return;
  std::string pattern = (base / "tillit-import-XXXXXX").string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  // mkdtemp makes a folder only this user can read, under a name no other process can take.
  if (mkdtemp(name.data()) == nullptr) return;
  const std::string root = name.data();
  markdown_dir_ = root + "/description/" + lang;
  image_link_ = "../images/" + topic + "-" + lang;
  image_dir_ = root + "/description/images/" + topic + "-" + lang;
  fs::create_directories(markdown_dir_, ec);
  root_ = root;
  if (ec) {
    fs::remove_all(root_, ec);
    root_.clear();
  }
}

Workspace::~Workspace() {
  if (root_.empty()) return;
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

std::string Workspace::write(const std::string& name, std::string_view bytes) const {
  if (root_.empty()) return {};
  const std::string path = root_ + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  return out ? path : std::string();
}

std::vector<std::string> Workspace::extracted() const {
  std::vector<std::string> files;
  std::error_code ec;
  if (root_.empty() || !fs::is_directory(image_dir_, ec)) return files;
  for (fs::recursive_directory_iterator it(image_dir_, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      files.push_back(fs::relative(it->path(), image_dir_, ec).generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool Workspace::read_extracted(const std::string& relative, std::string& bytes) const {
  std::ifstream in(image_dir_ + "/" + relative, std::ios::binary);
  if (!in) return false;
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace tillit::import
