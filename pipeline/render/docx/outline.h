// The document's headings, read before the body is written: the table of contents comes
// first and lists them with the bookmarks they will carry.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"

namespace tillit::render::docx {

struct TocEntry {
  int level = 1;
  std::string text;
  std::string bookmark;
};

class Outline {
 public:
  explicit Outline(const model::Blocks& blocks);

  /// The bookmark a heading carries; empty for none. Model bookmarks are kept where Word
  /// accepts them (letters, digits and '_', at most 40 characters) and adapted otherwise;
  /// headings listed in a table of contents without one get "_Toc" names, as Word's are.
  const std::string& bookmark(const model::Heading& heading) const;
  /// The bookmark name a link to "#name" points at.
  std::string anchor(std::string_view model_name) const;
  /// The headings of levels 1..levels that go into a table of contents, in document order.
  std::vector<TocEntry> toc(int levels) const;

 private:
  void collect(const model::Blocks& blocks);
  std::string unique(const std::string& name);

  struct Entry {
    const model::Heading* heading;
    std::string bookmark;
  };
  std::vector<Entry> headings_;
  std::map<const model::Heading*, size_t> index_;
  std::map<std::string, std::string, std::less<>> by_model_name_;
  std::set<std::string> taken_;
  int toc_levels_ = 0;
  int generated_ = 0;
};

/// A bookmark name Word accepts for `name` (see Outline::bookmark), not yet made unique.
std::string bookmark_name(std::string_view name);

}  // namespace tillit::render::docx
