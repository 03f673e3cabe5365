// Revision marks resolved: a redline read as if every change was accepted (what pandoc's
// outputs show) or rejected (the earlier version; used to check a redline against it).
#include <optional>

#include "model/document.h"

namespace tillit::model {

namespace {

/// Removes the content marked `dropped` and clears every other mark.
class Resolver {
 public:
  explicit Resolver(Change dropped) : dropped_(dropped) {}

  Blocks blocks(const Blocks& in) const {
    Blocks out;
    for (const Block& b : in) {
      if (auto kept = block(b)) out.push_back(std::move(*kept));
    }
    return out;
  }

 private:
  bool drops(Change c) const { return c == dropped_; }

  /// A heading or paragraph: dropped, or kept with its marks cleared.
  template <typename T>
  std::optional<Block> text_block(const T& in) const {
    if (drops(in.change)) return std::nullopt;
    T out = in;
    out.content = inlines(in.content);
    out.change = Change::None;
    return out;
  }

  std::optional<Block> block(const Block& b) const {
    if (const auto* h = std::get_if<Heading>(&b.value)) return text_block(*h);
    if (const auto* p = std::get_if<Paragraph>(&b.value)) return text_block(*p);
    if (const auto* list = std::get_if<List>(&b.value)) {
      List out{list->ordered, {}};
      for (const Blocks& item : list->items) {
        Blocks kept = blocks(item);
        // An item whose content was all dropped was itself inserted or deleted.
        if (!kept.empty() || item.empty()) out.items.push_back(std::move(kept));
      }
      if (out.items.empty() && !list->items.empty()) return std::nullopt;
      return out;
    }
    if (const auto* table = std::get_if<Table>(&b.value)) {
      Table out = *table;
      out.rows.clear();
      int header_rows = 0;
      for (size_t r = 0; r < table->rows.size(); ++r) {
        const TableRow& row = table->rows[r];
        if (drops(row.change)) continue;
        if (static_cast<int>(r) < table->header_rows) ++header_rows;
        TableRow kept = row;
        kept.change = Change::None;
        for (TableCell& cell : kept.cells) cell.content = blocks(cell.content);
        out.rows.push_back(std::move(kept));
      }
      if (out.rows.empty() && !table->rows.empty()) return std::nullopt;
      out.header_rows = header_rows;
      out.caption = inlines(table->caption);
      return out;
    }
    return b;
  }

  Inlines inlines(const Inlines& in) const {
    Inlines out;
    for (const Inline& i : in) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::shared_ptr<Note>>) {
              if (!v || drops(v->change)) return;
              out.push_back(std::make_shared<Note>(Note{blocks(v->content), Change::None}));
            } else if constexpr (std::is_same_v<T, Link>) {
              if (drops(v.change)) return;
              Link link{{}, v.target, Change::None};
              for (const Run& r : v.content) {
                if (!drops(r.change)) link.content.push_back(Run{r.text, r.style, Change::None});
              }
              out.push_back(std::move(link));
            } else {
              if (drops(v.change)) return;
              T copy = v;
              copy.change = Change::None;
              out.push_back(std::move(copy));
            }
          },
          i);
    }
    return out;
  }

  Change dropped_;
};

bool marked(const Inlines& content);

bool marked(const Blocks& blocks) {
  for (const Block& b : blocks) {
    if (const auto* h = std::get_if<Heading>(&b.value)) {
      if (h->change != Change::None || marked(h->content)) return true;
    } else if (const auto* p = std::get_if<Paragraph>(&b.value)) {
      if (p->change != Change::None || marked(p->content)) return true;
    } else if (const auto* list = std::get_if<List>(&b.value)) {
      for (const Blocks& item : list->items) {
        if (marked(item)) return true;
      }
    } else if (const auto* table = std::get_if<Table>(&b.value)) {
      if (marked(table->caption)) return true;
      for (const TableRow& row : table->rows) {
        if (row.change != Change::None) return true;
        for (const TableCell& cell : row.cells) {
          if (marked(cell.content)) return true;
        }
      }
    }
  }
  return false;
}

bool marked(const Inlines& content) {
  for (const Inline& i : content) {
    const bool found = std::visit(
        [](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::shared_ptr<Note>>) {
            return v && (v->change != Change::None || marked(v->content));
          } else if constexpr (std::is_same_v<T, Link>) {
            if (v.change != Change::None) return true;
            for (const Run& r : v.content) {
              if (r.change != Change::None) return true;
            }
            return false;
          } else {
            return v.change != Change::None;
          }
        },
        i);
    if (found) return true;
  }
  return false;
}

Document resolve(const Document& doc, Change dropped) {
  Document out;
  out.meta = doc.meta;
  out.meta.revision = Revision{};
  out.blocks = Resolver(dropped).blocks(doc.blocks);
  out.images = doc.images;
  return out;
}

}  // namespace

bool has_revisions(const Document& doc) { return marked(doc.blocks); }

Document accept_revisions(const Document& doc) { return resolve(doc, Change::Deleted); }

Document reject_revisions(const Document& doc) { return resolve(doc, Change::Inserted); }

}  // namespace tillit::model
