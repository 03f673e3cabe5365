#include "redline/blocks.h"

#include <functional>
#include <optional>
#include <set>

#include "redline/align.h"
#include "redline/keys.h"
#include "redline/words.h"

namespace tillit::redline {

namespace {

using model::Change;

// A paragraph replaced by another at a place where several changed is taken as edited when at
// least half its words remain; else the old one reads as deleted and the new one as inserted.
constexpr double kEditedSimilarity = 0.5;

bool spans_rows(const model::Table& t) {
  for (const model::TableRow& row : t.rows) {
    for (const model::TableCell& cell : row.cells) {
      if (cell.row_span > 1) return true;
    }
  }
  return false;
}

std::string first_cell_text(const model::TableRow& row) {
  if (row.cells.empty()) return "";
  std::string text;
  for (const model::Block& b : row.cells.front().content) {
    if (const auto* p = std::get_if<model::Paragraph>(&b.value))
      text += model::plain_text(p->content);
  }
  return text;
}

/// The rows' first-cell texts when they are keys: non-empty and unique among the body rows.
std::optional<std::vector<std::string>> row_keys(const model::Table& t) {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    std::string text = first_cell_text(t.rows[r]);
    if (static_cast<int>(r) >= t.header_rows && (text.empty() || !seen.insert(text).second)) {
      return std::nullopt;
    }
    keys.push_back("\x01" + text);
  }
  return keys;
}

/// Merges two sequences of the same kind of thing (blocks, list items, rows): aligned by
/// `same`; at each place where they differ, one-to-one replacements and pairs that `pairable`
/// accepts are passed to `edit`, which returns nothing when the pair is too different.
template <typename T, typename Out>
std::vector<Out> merge(const std::vector<T>& a, const std::vector<T>& b,
                       const std::function<bool(size_t, size_t)>& same,
                       const std::function<bool(const T&, const T&)>& pairable,
                       const std::function<std::optional<Out>(const T&, const T&, bool)>& edit,
                       const std::function<void(std::vector<Out>&, const T&, Change)>& whole) {
  std::vector<Out> out;
  std::vector<size_t> gap_a, gap_b;
  auto flush = [&] {
    if (gap_a.size() == 1 && gap_b.size() == 1 && pairable(a[gap_a[0]], b[gap_b[0]])) {
      if (auto merged = edit(a[gap_a[0]], b[gap_b[0]], true)) {
        out.push_back(std::move(*merged));
        gap_a.clear();
        gap_b.clear();
        return;
      }
    }
    auto pairs = align(gap_a.size(), gap_b.size(),
                       [&](size_t i, size_t j) { return pairable(a[gap_a[i]], b[gap_b[j]]); });
    std::vector<Out> deleted;
    for (const Step& s : pairs) {
      if (s.kind == Step::Kind::Delete) {
        whole(out, a[gap_a[s.before]], Change::Deleted);
      } else if (s.kind == Step::Kind::Insert) {
        whole(out, b[gap_b[s.after]], Change::Inserted);
      } else if (auto merged = edit(a[gap_a[s.before]], b[gap_b[s.after]], false)) {
        out.push_back(std::move(*merged));
      } else {
        whole(out, a[gap_a[s.before]], Change::Deleted);
        whole(out, b[gap_b[s.after]], Change::Inserted);
      }
    }
    gap_a.clear();
    gap_b.clear();
  };
  for (const Step& s : align(a.size(), b.size(), same)) {
    if (s.kind == Step::Kind::Delete) {
      gap_a.push_back(s.before);
    } else if (s.kind == Step::Kind::Insert) {
      gap_b.push_back(s.after);
    } else {
      flush();
      // The same key (a control ID) over content of another shape: replaced whole.
      if (auto merged = edit(a[s.before], b[s.after], true)) {
        out.push_back(std::move(*merged));
      } else {
        whole(out, a[s.before], Change::Deleted);
        whole(out, b[s.after], Change::Inserted);
      }
    }
  }
  flush();
  return out;
}

std::vector<std::string> keys_of(const model::Blocks& blocks) {
  std::vector<std::string> out;
  for (const model::Block& b : blocks) out.push_back(key(b));
  return out;
}

model::Blocks marked_blocks(const model::Blocks& blocks, Change change) {
  model::Blocks out = blocks;
  for (model::Block& b : out) mark(b, change);
  return out;
}

std::optional<model::Block> edit_block(const model::Block& a, const model::Block& b, bool only);

/// A paragraph or heading compared word by word (see edit_block).
template <typename T>
std::optional<model::Block> edit_text(const T& a, const T& b, bool only) {
  WordDiff diff = compare_words(a.content, b.content);
  if (!only && diff.similarity < kEditedSimilarity) return std::nullopt;
  T out = b;
  out.content = std::move(diff.merged);
  return out;
}

model::Table edit_table(const model::Table& a, const model::Table& b) {
  const auto keys_a = row_keys(a);
  const auto keys_b = row_keys(b);
  std::vector<std::string> ka, kb;
  const bool keyed = keys_a && keys_b;
  if (keyed) {
    ka = *keys_a;
    kb = *keys_b;
  } else {
    for (const auto& r : a.rows) ka.push_back(key(r));
    for (const auto& r : b.rows) kb.push_back(key(r));
  }
  // Where each output row came from, to count the header rows.
  struct Row {
    model::TableRow row;
    bool header;
  };
  const auto is_header = [](const model::Table& t, const model::TableRow& r) {
    return &r - t.rows.data() < t.header_rows;
  };
  // Rows with keys are the same row only under the same key: ACC-02 is never an edited ACC-03.
  std::function<bool(const model::TableRow&, const model::TableRow&)> pairable =
      [keyed](const model::TableRow& x, const model::TableRow& y) {
        return !keyed && shape(x) == shape(y);
      };
  std::function<std::optional<Row>(const model::TableRow&, const model::TableRow&, bool)> edit =
      [&](const model::TableRow& x, const model::TableRow& y, bool) -> std::optional<Row> {
    if (shape(x) != shape(y)) return std::nullopt;
    Row out{y, is_header(b, y)};
    for (size_t c = 0; c < y.cells.size(); ++c) {
      out.row.cells[c].content = compare_blocks(x.cells[c].content, y.cells[c].content);
    }
    return out;
  };
  std::function<void(std::vector<Row>&, const model::TableRow&, Change)> whole =
      [&](std::vector<Row>& out, const model::TableRow& r, Change change) {
        const model::Table& from = change == Change::Deleted ? a : b;
        Row row{r, is_header(from, r)};
        row.row.change = change;
        out.push_back(std::move(row));
      };
  auto rows = merge<model::TableRow, Row>(
      a.rows, b.rows, [&](size_t i, size_t j) { return ka[i] == kb[j]; }, pairable, edit, whole);

  model::Table out = b;
  out.caption = compare_words(a.caption, b.caption).merged;
  out.rows.clear();
  out.header_rows = 0;
  bool leading = true;
  for (Row& r : rows) {
    leading = leading && r.header;
    if (leading) ++out.header_rows;
    out.rows.push_back(std::move(r.row));
  }
  return out;
}

model::List edit_list(const model::List& a, const model::List& b) {
  std::vector<std::string> ka, kb;
  for (const auto& item : a.items) ka.push_back(key(item));
  for (const auto& item : b.items) kb.push_back(key(item));
  std::function<bool(const model::Blocks&, const model::Blocks&)> pairable =
      [](const model::Blocks&, const model::Blocks&) { return true; };
  std::function<std::optional<model::Blocks>(const model::Blocks&, const model::Blocks&, bool)>
      edit = [](const model::Blocks& x, const model::Blocks& y, bool) {
        return std::optional<model::Blocks>(compare_blocks(x, y));
      };
  std::function<void(std::vector<model::Blocks>&, const model::Blocks&, Change)> whole =
      [](std::vector<model::Blocks>& out, const model::Blocks& item, Change change) {
        out.push_back(marked_blocks(item, change));
      };
  model::List out = b;
  out.items = merge<model::Blocks, model::Blocks>(
      a.items, b.items, [&](size_t i, size_t j) { return ka[i] == kb[j]; }, pairable, edit, whole);
  return out;
}

/// `b` as an edited version of `a`, or nothing when they are not of one kind or, unless
/// `only` (the one change at its place), too different to read as an edit.
std::optional<model::Block> edit_block(const model::Block& a, const model::Block& b, bool only) {
  if (kind(a) != kind(b)) return std::nullopt;
  if (key(a) == key(b)) return b;
  if (std::holds_alternative<model::Paragraph>(b.value)) {
    return edit_text(std::get<model::Paragraph>(a.value), std::get<model::Paragraph>(b.value),
                     only);
  }
  if (std::holds_alternative<model::Heading>(b.value)) {
    return edit_text(std::get<model::Heading>(a.value), std::get<model::Heading>(b.value), only);
  }
  if (const auto* lb = std::get_if<model::List>(&b.value)) {
    return edit_list(std::get<model::List>(a.value), *lb);
  }
  if (const auto* tb = std::get_if<model::Table>(&b.value)) {
    const auto& ta = std::get<model::Table>(a.value);
    // Row spans tie rows together; such a table, once changed, is replaced whole.
    if (spans_rows(ta) || spans_rows(*tb)) return std::nullopt;
    return edit_table(ta, *tb);
  }
  return std::nullopt;
}

}  // namespace

void mark(model::Block& block, Change change) {
  auto& v = block.value;
  if (auto* h = std::get_if<model::Heading>(&v)) {
    h->change = change;
  } else if (auto* p = std::get_if<model::Paragraph>(&v)) {
    p->change = change;
  } else if (auto* list = std::get_if<model::List>(&v)) {
    for (model::Blocks& item : list->items) {
      for (model::Block& b : item) mark(b, change);
    }
  } else if (auto* table = std::get_if<model::Table>(&v)) {
    mark(table->caption, change);
    for (model::TableRow& row : table->rows) row.change = change;
  }
}

model::Blocks compare_blocks(const model::Blocks& before, const model::Blocks& after) {
  const std::vector<std::string> ka = keys_of(before), kb = keys_of(after);
  std::function<bool(const model::Block&, const model::Block&)> pairable =
      [](const model::Block& x, const model::Block& y) { return kind(x) == kind(y); };
  std::function<std::optional<model::Block>(const model::Block&, const model::Block&, bool)> edit =
      edit_block;
  std::function<void(model::Blocks&, const model::Block&, Change)> whole =
      [](model::Blocks& out, const model::Block& b, Change change) {
        // Layout (breaks, the table of contents) is the later version's: none is deleted.
        const bool content = std::holds_alternative<model::Heading>(b.value) ||
                             std::holds_alternative<model::Paragraph>(b.value) ||
                             std::holds_alternative<model::List>(b.value) ||
                             std::holds_alternative<model::Table>(b.value);
        if (!content) {
          if (change == Change::Inserted) out.push_back(b);
          return;
        }
        model::Block copy = b;
        mark(copy, change);
        out.push_back(std::move(copy));
      };
  return merge<model::Block, model::Block>(
      before, after, [&](size_t i, size_t j) { return ka[i] == kb[j]; }, pairable, edit, whole);
}

}  // namespace tillit::redline
