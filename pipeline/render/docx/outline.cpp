#include "render/docx/outline.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace tillit::render::docx {

namespace {

constexpr size_t kMaxBookmark = 40;  // Word drops longer bookmark names

const std::string kEmpty;

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Walks every heading in document order, into lists and table cells (Word's table of contents
// finds headings there too), but not into footnotes.
template <typename F>
void for_each_heading(const model::Blocks& blocks, F&& f) {
  for (const model::Block& block : blocks) {
    if (const auto* h = std::get_if<model::Heading>(&block.value)) {
      f(*h);
    } else if (const auto* list = std::get_if<model::List>(&block.value)) {
      for (const model::Blocks& item : list->items) for_each_heading(item, f);
    } else if (const auto* table = std::get_if<model::Table>(&block.value)) {
      for (const model::TableRow& row : table->rows) {
        for (const model::TableCell& cell : row.cells) for_each_heading(cell.content, f);
      }
    }
  }
}

template <typename F>
void for_each_toc(const model::Blocks& blocks, F&& f) {
  for (const model::Block& block : blocks) {
    if (const auto* toc = std::get_if<model::TableOfContents>(&block.value)) f(*toc);
  }
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

}  // namespace

std::string bookmark_name(std::string_view name) {
  std::string out;
  for (char c : name) out += is_word_char(c) ? c : '_';
  if (out.empty() || !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' && out[0] <= 'Z'))) {
    out.insert(0, "b");
  }
  if (out.size() > kMaxBookmark) {
    // Keep the names of long anchors apart by a hash of the whole name (FNV-1a).
    uint32_t hash = 2166136261u;
    for (char c : name) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    char suffix[10];
    std::snprintf(suffix, sizeof suffix, "_%08x", hash);
    out = out.substr(0, kMaxBookmark - 9) + suffix;
  }
  return out;
}

Outline::Outline(const model::Blocks& blocks) {
  for_each_toc(blocks, [&](const model::TableOfContents& toc) {
    toc_levels_ = std::max(toc_levels_, std::clamp(toc.levels, 1, 9));
  });
  collect(blocks);
}

void Outline::collect(const model::Blocks& blocks) {
  for_each_heading(blocks, [&](const model::Heading& h) {
    // A redline's deleted heading is not in the document as it reads: no bookmark, no entry.
    if (h.change == model::Change::Deleted) return;
    std::string name;
    if (!h.bookmark.empty()) {
      name = unique(bookmark_name(h.bookmark));
      // A repeated model bookmark: links go to its first heading.
      by_model_name_.emplace(h.bookmark, name);
    }
    index_[&h] = headings_.size();
    headings_.push_back({&h, std::move(name)});
  });
  for (Entry& e : headings_) {
    if (e.bookmark.empty() && e.heading->in_toc && e.heading->level >= 1 &&
        e.heading->level <= toc_levels_) {
      char name[16];
      std::snprintf(name, sizeof name, "_Toc%08d", ++generated_);
      e.bookmark = name;
    }
  }
}

std::string Outline::unique(const std::string& name) {
  std::string candidate = name;
  for (int n = 2; taken_.count(candidate) > 0; ++n) {
    std::string suffix = "_" + std::to_string(n);
    candidate = name.substr(0, kMaxBookmark - suffix.size()) + suffix;
  }
  taken_.insert(candidate);
  return candidate;
}

const std::string& Outline::bookmark(const model::Heading& heading) const {
  auto found = index_.find(&heading);
  return found == index_.end() ? kEmpty : headings_[found->second].bookmark;
}

std::string Outline::anchor(std::string_view model_name) const {
  auto found = by_model_name_.find(model_name);
  return found != by_model_name_.end() ? found->second : bookmark_name(model_name);
}

std::vector<TocEntry> Outline::toc(int levels) const {
  std::vector<TocEntry> entries;
  for (const Entry& e : headings_) {
    const model::Heading& h = *e.heading;
    if (!h.in_toc || h.level < 1 || h.level > levels || e.bookmark.empty()) continue;
    entries.push_back({h.level, one_line(model::plain_text(h.content)), e.bookmark});
  }
  return entries;
}

}  // namespace tillit::render::docx
