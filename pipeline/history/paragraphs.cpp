// Paragraph alignment for narratives, and the one-line excerpts that name a paragraph.
#include <algorithm>
#include <cstdint>

#include "history/diff.h"

namespace tillit::history {

namespace {

/// Above this many table cells (16 MB) the middle of two very different texts is not aligned
/// but reported paragraph by paragraph, so a huge narrative cannot exhaust memory.
constexpr size_t kMaxAlignmentCells = 4u * 1024u * 1024u;

ParagraphChange change(ParagraphChange::Kind kind, const std::vector<Paragraph>& side, size_t i) {
  return ParagraphChange{kind, static_cast<int>(i + 1), side[i].line, excerpt(side[i].text)};
}

/// Pairs of (before, after) indexes of paragraphs that stay, in order, by longest common
/// subsequence over [begin, end) of each side.
std::vector<std::pair<size_t, size_t>> align(const std::vector<Paragraph>& a, size_t a_begin,
                                             size_t a_end, const std::vector<Paragraph>& b,
                                             size_t b_begin, size_t b_end) {
  std::vector<std::pair<size_t, size_t>> kept;
  size_t n = a_end - a_begin, m = b_end - b_begin;
  if (n == 0 || m == 0 || (n + 1) * (m + 1) > kMaxAlignmentCells) return kept;
  // lcs[i * (m + 1) + j]: length of the longest common subsequence of a[i..] and b[j..].
  std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i * (m + 1) + j] = a[a_begin + i].text == b[b_begin + j].text
                                 ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                                 : std::max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
    }
  }
  for (size_t i = 0, j = 0; i < n && j < m;) {
    if (a[a_begin + i].text == b[b_begin + j].text) {
      kept.emplace_back(a_begin + i, b_begin + j);
      ++i;
      ++j;
    } else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return kept;
}

}  // namespace

std::vector<ParagraphChange> compare_paragraphs(const std::vector<Paragraph>& before,
                                                const std::vector<Paragraph>& after) {
  // Equal heads and tails are common (one paragraph edited) and need no table.
  size_t head = 0;
  while (head < before.size() && head < after.size() && before[head].text == after[head].text) {
    ++head;
  }
  size_t tail = 0;
  while (tail < before.size() - head && tail < after.size() - head &&
         before[before.size() - 1 - tail].text == after[after.size() - 1 - tail].text) {
    ++tail;
  }
  auto kept = align(before, head, before.size() - tail, after, head, after.size() - tail);
  kept.emplace_back(before.size() - tail, after.size() - tail);  // the end of the middle

  std::vector<ParagraphChange> out;
  size_t i = head, j = head;
  for (const auto& [next_i, next_j] : kept) {
    size_t removed = next_i - i, added = next_j - j;
    size_t changed = std::min(removed, added);
    for (size_t k = 0; k < changed; ++k) {
      out.push_back(change(ParagraphChange::Kind::Changed, after, j + k));
    }
    for (size_t k = changed; k < removed; ++k) {
      out.push_back(change(ParagraphChange::Kind::Removed, before, i + k));
    }
    for (size_t k = changed; k < added; ++k) {
      out.push_back(change(ParagraphChange::Kind::Added, after, j + k));
    }
    i = next_i + 1;
    j = next_j + 1;
  }
  return out;
}

std::string excerpt(std::string_view text, size_t max_chars) {
  std::string flat;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !flat.empty();
      continue;
    }
    if (space) flat += ' ';
    space = false;
    flat += c;
  }
  size_t chars = 0, pos = 0;
  for (; pos < flat.size(); ++pos) {
    if ((static_cast<unsigned char>(flat[pos]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) break;
    ++chars;
  }
  if (pos == flat.size()) return flat;
  flat.resize(pos);
  while (!flat.empty() && flat.back() == ' ') flat.pop_back();
  return flat + "…";
}

}  // namespace tillit::history
