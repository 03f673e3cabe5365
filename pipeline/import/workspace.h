// The private temporary folder an import runs pandoc in, laid out like the engagement's
// description folder: pandoc works in description/<lang>/ and extracts images into
// ../images/<topic>-<lang>/, so the links it writes are already the ones the engagement needs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tillit::import {

class Workspace {
 public:
  /// Creates the folder under the system's temporary directory; ok() says whether that worked.
  Workspace(const std::string& lang, const std::string& topic);
  /// Removes the folder with everything in it.
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  bool ok() const { return !root_.empty(); }
  /// Where pandoc runs: <root>/description/<lang>.
  const std::string& markdown_dir() const { return markdown_dir_; }
  /// The image folder as pandoc is told it: "../images/<topic>-<lang>".
  const std::string& image_link() const { return image_link_; }

  /// Writes a file at the root (a filter) and returns its path, or an empty string.
  std::string write(const std::string& name, std::string_view bytes) const;

  /// The files pandoc extracted, relative to the image folder, sorted.
  std::vector<std::string> extracted() const;

  /// Reads an extracted file (a path from extracted()); false when it cannot.
  bool read_extracted(const std::string& relative, std::string& bytes) const;

 private:
  std::string root_;
  std::string markdown_dir_;
  std::string image_link_;
  std::string image_dir_;
};

}  // namespace tillit::import
