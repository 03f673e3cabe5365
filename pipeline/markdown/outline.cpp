// The structure of a Markdown text, for the bilingual parity check of deliverables.
#include "markdown/cmark_tree.h"
#include "markdown/markdown.h"
#include "support/text.h"

namespace tillit::markdown {

namespace {

class OutlineWalker {
 public:
  OutlineWalker(std::string_view text, const Options& opts) : text_(text), opts_(opts) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  std::vector<OutlineItem> walk(cmark_node* root) {
    std::vector<OutlineItem> out;
    int list_depth = 0;
    IterPtr it(cmark_iter_new(root));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(it.get());
      const bool enter = ev == CMARK_EVENT_ENTER;
      if (is_type(n, CMARK_NODE_LIST)) {
        if (enter && list_depth++ == 0) out.push_back(item(OutlineItem::Kind::List, n));
        if (!enter) --list_depth;
        continue;
      }
      if (!enter) continue;
      if (is_type(n, CMARK_NODE_FOOTNOTE_DEFINITION)) {
        cmark_iter_reset(it.get(), n, CMARK_EVENT_EXIT);
      } else if (is_type(n, CMARK_NODE_ITEM) && list_depth > 0) {
        out.back().items.push_back(where(n));
      } else if (is_type(n, CMARK_NODE_HEADING)) {
        OutlineItem h = item(OutlineItem::Kind::Heading, n);
        h.level = cmark_node_get_heading_level(n);
        h.text = plain(n);
        out.push_back(std::move(h));
        cmark_iter_reset(it.get(), n, CMARK_EVENT_EXIT);
      } else if (is_type(n, CMARK_NODE_TABLE)) {
        out.push_back(item(OutlineItem::Kind::Table, n));
      } else if (is_type(n, CMARK_NODE_IMAGE)) {
        out.push_back(item(OutlineItem::Kind::Image, n));
        cmark_iter_reset(it.get(), n, CMARK_EVENT_EXIT);
      }
    }
    return out;
  }

 private:
  OutlineItem item(OutlineItem::Kind kind, cmark_node* n) {
    OutlineItem i;
    i.kind = kind;
    i.where = where(n);
    return i;
  }

  Location where(cmark_node* n) {
    int line = cmark_node_get_start_line(n);
    int byte_column = cmark_node_get_start_column(n);
    int column = 0;
    if (line >= 1 && static_cast<size_t>(line) <= line_starts_.size() && byte_column > 0) {
      size_t start = line_starts_[static_cast<size_t>(line - 1)];
      size_t bytes = std::min(static_cast<size_t>(byte_column - 1), text_.size() - start);
      column = 1 + static_cast<int>(utf8_length(text_.substr(start, bytes)));
    }
    return Location{opts_.shown, "", source_line(opts_, line), column};
  }

  static std::string plain(cmark_node* heading) {
    std::string out;
    IterPtr it(cmark_iter_new(heading));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(it.get());
      if (ev != CMARK_EVENT_ENTER) continue;
      if (is_type(n, CMARK_NODE_TEXT) || is_type(n, CMARK_NODE_CODE)) out += literal(n);
      if (is_type(n, CMARK_NODE_SOFTBREAK)) out += ' ';
    }
    return out;
  }

  std::string_view text_;
  const Options& opts_;
  std::vector<size_t> line_starts_;
};

}  // namespace

std::vector<OutlineItem> outline(std::string_view markdown, const Options& opts) {
  if (!is_valid_utf8(markdown)) return {};
  NodePtr root = parse(markdown);
  return OutlineWalker(markdown, opts).walk(root.get());
}

}  // namespace tillit::markdown
