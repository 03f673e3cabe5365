#include "redline/keys.h"

namespace tillit::redline {

namespace {

// Fields are separated by control characters that XML text cannot hold, so no text can
// imitate a separator.
constexpr char kOpen = '\x01';
constexpr char kClose = '\x02';
constexpr char kSep = '\x03';

void put(std::string& out, char tag, const std::string& value) {
  out += tag;
  out += value;
  out += kSep;
}

void put(std::string& out, char tag, double value) { put(out, tag, std::to_string(value)); }

class KeyWriter {
 public:
  std::string out;

  void inlines(const model::Inlines& content) {
    out += kOpen;
    // Adjacent runs of one style are joined into one text before they are written.
    std::string pending;
    unsigned pending_style = 0;
    bool has_pending = false;
    auto flush = [&] {
      if (!has_pending) return;
      put(out, 'r', std::to_string(pending_style));
      put(out, 't', pending);
      pending.clear();
      has_pending = false;
    };
    for (const model::Inline& in : content) {
      if (const auto* run = std::get_if<model::Run>(&in)) {
        if (run->text.empty()) continue;
        if (has_pending && pending_style != run->style) flush();
        pending += run->text;
        pending_style = run->style;
        has_pending = true;
        continue;
      }
      flush();
      if (const auto* link = std::get_if<model::Link>(&in)) {
        put(out, 'L', link->target);
        model::Inlines runs(link->content.begin(), link->content.end());
        inlines(runs);
      } else if (std::holds_alternative<model::LineBreak>(in)) {
        put(out, 'B', "");
      } else if (const auto* field = std::get_if<model::Field>(&in)) {
        put(out, 'F', std::to_string(static_cast<int>(field->kind)));
      } else if (const auto* image = std::get_if<model::Image>(&in)) {
        put(out, 'I', image->id);
        put(out, 'a', image->alt);
        put(out, 'w', image->width_cm);
        put(out, 'h', image->height_cm);
      } else if (const auto* note = std::get_if<std::shared_ptr<model::Note>>(&in)) {
        put(out, 'N', "");
        if (*note) blocks((*note)->content);
      }
    }
    flush();
    out += kClose;
  }

  void blocks(const model::Blocks& content) {
    out += kOpen;
    for (const model::Block& b : content) block(b);
    out += kClose;
  }

  void row(const model::TableRow& r) {
    out += kOpen;
    put(out, 'c', r.cant_split ? "1" : "0");
    for (const model::TableCell& cell : r.cells) {
      put(out, 'C',
          std::to_string(cell.col_span) + "x" + std::to_string(cell.row_span) +
              (cell.shaded ? "s" : ""));
      blocks(cell.content);
    }
    out += kClose;
  }

  void block(const model::Block& b) {
    out += kind(b);
    if (const auto* h = std::get_if<model::Heading>(&b.value)) {
      put(out, 'b', h->bookmark);
      put(out, 'o', h->in_toc ? "1" : "0");
      inlines(h->content);
    } else if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
      put(out, 'k', p->keep_with_next ? "1" : "0");
      inlines(p->content);
    } else if (const auto* list = std::get_if<model::List>(&b.value)) {
      for (const model::Blocks& item : list->items) blocks(item);
    } else if (const auto* table = std::get_if<model::Table>(&b.value)) {
      for (double w : table->widths) put(out, 'w', w);
      put(out, 'H', std::to_string(table->header_rows));
      inlines(table->caption);
      for (const model::TableRow& r : table->rows) row(r);
    }
    out += kSep;
  }
};

template <typename T>
std::string key_of(const T& content, void (KeyWriter::*write)(const T&)) {
  KeyWriter w;
  (w.*write)(content);
  return std::move(w.out);
}

}  // namespace

std::string key(const model::Inlines& content) { return key_of(content, &KeyWriter::inlines); }
std::string key(const model::Block& block) { return key_of(block, &KeyWriter::block); }
std::string key(const model::Blocks& blocks) { return key_of(blocks, &KeyWriter::blocks); }
std::string key(const model::TableRow& row) { return key_of(row, &KeyWriter::row); }

std::string shape(const model::TableRow& row) {
  std::string out;
  for (const model::TableCell& cell : row.cells) {
    out += std::to_string(cell.col_span) + "x" + std::to_string(cell.row_span) + ";";
  }
  return out;
}

std::string kind(const model::Block& block) {
  const auto& v = block.value;
  if (const auto* h = std::get_if<model::Heading>(&v)) return "heading " + std::to_string(h->level);
  if (const auto* p = std::get_if<model::Paragraph>(&v)) {
    return "paragraph " + std::to_string(static_cast<int>(p->role));
  }
  if (const auto* list = std::get_if<model::List>(&v)) {
    return list->ordered ? "ordered list" : "bullet list";
  }
  if (const auto* table = std::get_if<model::Table>(&v)) {
    return "table " + std::to_string(static_cast<int>(table->role)) + " " +
           std::to_string(table->widths.size());
  }
  if (std::holds_alternative<model::PageBreak>(v)) return "page break";
  if (const auto* brk = std::get_if<model::SectionBreak>(&v)) {
    return "section break " + std::to_string(static_cast<int>(brk->next));
  }
  const auto& toc = std::get<model::TableOfContents>(v);
  return "contents " + toc.title + " " + std::to_string(toc.levels);
}

}  // namespace tillit::redline
