// cmark-gfm for the Markdown stage's own files: the parser with GitHub's extensions, owning
// pointers, and the node types of the extensions Debian installs no headers for.
#pragma once

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <string_view>

extern "C" {
// Debian installs neither table.h nor strikethrough.h of cmark-gfm-extensions; these are their
// declarations of the node types the extensions register.
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;
extern cmark_node_type CMARK_NODE_STRIKETHROUGH;
}

namespace tillit::markdown {

struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterFree {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;
using IterPtr = std::unique_ptr<cmark_iter, IterFree>;

/// Parse GitHub-flavoured Markdown: tables, strikethrough, autolinks and footnotes.
NodePtr parse(std::string_view text);

inline std::string_view literal(cmark_node* node) {
  const char* s = cmark_node_get_literal(node);
  return s ? std::string_view(s) : std::string_view();
}

inline bool is_type(cmark_node* node, cmark_node_type type) {
  return cmark_node_get_type(node) == type;
}

}  // namespace tillit::markdown
