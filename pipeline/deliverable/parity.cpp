#include "deliverable/parity.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace tillit::deliverable {

namespace {

using markdown::OutlineItem;
using Kind = OutlineItem::Kind;

/// The content under one heading (or before the first), up to the next heading.
struct Section {
  const OutlineItem* heading = nullptr;  ///< Null for the text before the first heading.
  std::vector<const OutlineItem*> tables, images, lists;

  size_t items() const {
    size_t n = 0;
    for (const auto* l : lists) n += l->items.size();
    return n;
  }
  void absorb(const Section& other) {
    tables.insert(tables.end(), other.tables.begin(), other.tables.end());
    images.insert(images.end(), other.images.begin(), other.images.end());
    lists.insert(lists.end(), other.lists.begin(), other.lists.end());
  }
};

std::vector<Section> sections(const std::vector<OutlineItem>& items) {
  std::vector<Section> out(1);
  for (const auto& item : items) {
    switch (item.kind) {
      case Kind::Heading:
        out.emplace_back().heading = &item;
        break;
      case Kind::Table:
        out.back().tables.push_back(&item);
        break;
      case Kind::Image:
        out.back().images.push_back(&item);
        break;
      case Kind::List:
        out.back().lists.push_back(&item);
        break;
    }
  }
  return out;
}

int difference(size_t a, size_t b) {
  return static_cast<int>(a > b ? a - b : b - a);
}

/// What pairing two headings costs: a different level weighs most, then content.
int match_cost(const Section& a, const Section& b) {
  int cost = a.heading->level == b.heading->level ? 0 : 4;
  int content = difference(a.tables.size(), b.tables.size()) +
                difference(a.images.size(), b.images.size()) +
                difference(a.lists.size(), b.lists.size()) + (a.items() == b.items() ? 0 : 1);
  return cost + std::min(content, 3);
}
constexpr int kGapCost = 3;
// The alignment keeps a cost table of headings x headings; beyond this many cells (two
// versions of 1,000 headings each) headings are paired in order instead.
constexpr size_t kMaxAlignmentCells = 1000000;
// Findings reported per deliverable; two unrelated texts could otherwise give thousands.
constexpr int kMaxFindings = 100;

/// Pairing in order, the rest of the longer version unpaired: for texts too large to align.
std::vector<std::pair<int, int>> pair_in_order(size_t n, size_t m) {
  std::vector<std::pair<int, int>> path;
  for (size_t k = 1; k <= std::max(n, m); ++k) {
    path.emplace_back(k <= n ? static_cast<int>(k) : -1, k <= m ? static_cast<int>(k) : -1);
  }
  return path;
}

/// Index pairs of aligned headings (section indices from 1); -1 on one side = no counterpart.
std::vector<std::pair<int, int>> align(const std::vector<Section>& a, const std::vector<Section>& b) {
  const size_t n = a.size() - 1;
  const size_t m = b.size() - 1;
  if ((n + 1) * (m + 1) > kMaxAlignmentCells) return pair_in_order(n, m);
  std::vector<std::vector<int>> cost(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = 1; i <= n; ++i) cost[i][0] = static_cast<int>(i) * kGapCost;
  for (size_t j = 1; j <= m; ++j) cost[0][j] = static_cast<int>(j) * kGapCost;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      cost[i][j] = std::min({cost[i - 1][j - 1] + match_cost(a[i], b[j]),
                             cost[i - 1][j] + kGapCost, cost[i][j - 1] + kGapCost});
    }
  }
  std::vector<std::pair<int, int>> path;
  size_t i = n;
  size_t j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && cost[i][j] == cost[i - 1][j - 1] + match_cost(a[i], b[j])) {
      path.emplace_back(static_cast<int>(i--), static_cast<int>(j--));
    } else if (i > 0 && cost[i][j] == cost[i - 1][j] + kGapCost) {
      path.emplace_back(static_cast<int>(i--), -1);
    } else {
      path.emplace_back(-1, static_cast<int>(j--));
    }
  }
  std::reverse(path.begin(), path.end());
  return path;
}

std::string quoted(const OutlineItem* heading) {
  return heading ? "'" + heading->text + "'" : std::string("before the first heading");
}

class Reporter {
 public:
  Reporter(const VersionOutline& a, const VersionOutline& b, Diagnostics& diags)
      : a_(a), b_(b), diags_(diags) {}

  void run() {
    auto sa = sections(a_.items);
    auto sb = sections(b_.items);
    // Merged groups: an aligned heading pair with the sections of unpaired headings after it,
    // whose content the other version has under the paired heading.
    std::vector<Section> ga{sa[0]};
    std::vector<Section> gb{sb[0]};
    auto path = align(sa, sb);
    for (size_t k = 0; k < path.size(); ++k) {
      auto [i, j] = path[k];
      if (i >= 0 && j >= 0) {
        ga.push_back(sa[static_cast<size_t>(i)]);
        gb.push_back(sb[static_cast<size_t>(j)]);
        if (sa[static_cast<size_t>(i)].heading->level != sb[static_cast<size_t>(j)].heading->level) {
          level_mismatch(*sa[static_cast<size_t>(i)].heading, *sb[static_cast<size_t>(j)].heading);
        }
        continue;
      }
      bool in_a = i >= 0;
      const Section& lone = in_a ? sa[static_cast<size_t>(i)] : sb[static_cast<size_t>(j)];
      (in_a ? ga : gb).back().absorb(lone);
      missing_heading(*lone.heading, in_a, next_heading(path, k, in_a ? sb : sa, !in_a));
    }
    for (size_t g = 0; g < ga.size(); ++g) compare(ga[g], gb[g]);
    if (suppressed_ > 0) {
      diags_.warning(Location{b_.shown}, "parity-limit",
                     std::to_string(suppressed_) + " more differences from " + a_.shown +
                         " not shown");
    }
  }

 private:
  /// The heading of the other version that follows position k of the alignment, if any.
  static const OutlineItem* next_heading(const std::vector<std::pair<int, int>>& path, size_t k,
                                         const std::vector<Section>& other, bool other_is_a) {
    for (size_t n = k + 1; n < path.size(); ++n) {
      int index = other_is_a ? path[n].first : path[n].second;
      if (index >= 0) return other[static_cast<size_t>(index)].heading;
    }
    return nullptr;
  }

  const std::string& other_file(bool in_a) const { return in_a ? b_.shown : a_.shown; }

  /// A finding, or null once kMaxFindings have been reported.
  Diagnostic* warn(const Location& where, const std::string& rule, const std::string& message) {
    if (reported_ >= kMaxFindings) {
      ++suppressed_;
      return nullptr;
    }
    ++reported_;
    return &diags_.warning(where, rule, message);
  }

  static void note(Diagnostic* d, const Location& where, const std::string& message) {
    if (d) d->notes.push_back(Diagnostic{Severity::Note, "", where, message, {}, {}});
  }

  void missing_heading(const OutlineItem& heading, bool in_a, const OutlineItem* before) {
    auto* d = warn(heading.where, "parity-heading",
                   "heading '" + heading.text + "' has no counterpart in " + other_file(in_a));
    if (before) {
      note(d, before->where, "expected before this heading");
    } else {
      note(d, Location{other_file(in_a)}, "expected after the last heading");
    }
  }

  void level_mismatch(const OutlineItem& a, const OutlineItem& b) {
    auto* d = warn(b.where, "parity-heading",
                   "heading '" + b.text + "' is level " + std::to_string(b.level) +
                       ", its counterpart in " + a_.shown + " is level " + std::to_string(a.level));
    note(d, a.where, "the counterpart '" + a.text + "'");
  }

  /// Elements of one kind beyond what the other version has: a warning at the first of them.
  void surplus(const std::vector<const OutlineItem*>& a, const std::vector<const OutlineItem*>& b,
               const Section& sa, const Section& sb, const std::string& rule,
               const std::string& noun) {
    if (a.size() == b.size()) return;
    bool in_a = a.size() > b.size();
    const auto& more = in_a ? a : b;
    const auto& fewer = in_a ? b : a;
    const Section& other = in_a ? sb : sa;
    const Section& own = in_a ? sa : sb;
    auto* d = warn(more[fewer.size()]->where, rule,
                   "section " + quoted(own.heading) + " has " + std::to_string(more.size()) + " " +
                       noun + " here and " + std::to_string(fewer.size()) + " in " +
                       other_file(in_a) + "; this one has no counterpart");
    if (other.heading) {
      note(d, other.heading->where, "the section in " + other_file(in_a));
    }
  }

  void compare(const Section& a, const Section& b) {
    surplus(a.tables, b.tables, a, b, "parity-table", "table(s)");
    surplus(a.images, b.images, a, b, "parity-image", "image(s)");
    surplus(a.lists, b.lists, a, b, "parity-list", "list(s)");
    for (size_t l = 0; l < std::min(a.lists.size(), b.lists.size()); ++l) {
      const OutlineItem& la = *a.lists[l];
      const OutlineItem& lb = *b.lists[l];
      if (la.items.size() == lb.items.size()) continue;
      bool in_a = la.items.size() > lb.items.size();
      const OutlineItem& more = in_a ? la : lb;
      const OutlineItem& fewer = in_a ? lb : la;
      auto* d = warn(more.items[fewer.items.size()], "parity-list",
                     "this list has " + std::to_string(more.items.size()) + " items, its "
                     "counterpart in " + other_file(in_a) + " has " +
                         std::to_string(fewer.items.size()) + "; this item has no counterpart");
      note(d, fewer.where, "the list in " + other_file(in_a));
    }
  }

  const VersionOutline& a_;
  const VersionOutline& b_;
  Diagnostics& diags_;
  int reported_ = 0;
  int suppressed_ = 0;
};

}  // namespace

void check_parity(const VersionOutline& first, const VersionOutline& second, Diagnostics& diags) {
  Reporter(first, second, diags).run();
}

}  // namespace tillit::deliverable
