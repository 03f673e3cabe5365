// A private temporary folder for one pandoc run (its stylesheet, filter and stray files).
#pragma once

#include <string>
#include <string_view>

namespace tillit::render::pandoc {

class TempDir {
 public:
  /// Creates a fresh folder under the system's temporary directory; path() is empty when
  /// that fails.
  TempDir();
  /// Removes the folder with everything in it.
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

  /// Writes a file into the folder and returns its path, or an empty string.
  std::string write(const std::string& name, std::string_view bytes) const;

 private:
  std::string path_;
};

}  // namespace tillit::render::pandoc
