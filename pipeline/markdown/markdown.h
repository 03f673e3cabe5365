// GitHub-flavoured Markdown (narratives, assertion overrides, locale templates) to model
// blocks, parsed with cmark-gfm. Raw HTML is never passed through, and images must be PNG or
// JPEG files inside the engagement.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"
#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::markdown {

struct Options {
  const Env* env = nullptr;  ///< For reading images; null = images are not allowed.
  std::string file;          ///< Real path of the Markdown file; empty = images are not allowed.
  std::string shown;         ///< Path shown in diagnostics.
  /// Images must stay inside this folder (the engagement); empty = the Markdown file's folder.
  /// Give it in the same form as `file` (both relative or both absolute).
  std::string root;
  int heading_level = 3;  ///< The shallowest heading in the file becomes this level.
  /// For a text made from a template: the line of the file the author wrote that each line
  /// of the text comes from (index 0 for line 1), so diagnostics point there. Empty = the
  /// text's own lines. Columns are the text's.
  std::vector<int> line_map;
};

/// The line of the author's file that line `line` of the text comes from (see line_map).
int source_line(const Options& opts, int line);

/// Convert a Markdown text. Headings get bookmarks from their text (see slug()), made unique
/// against the bookmarks already in `doc.blocks`; images are stored once in `doc.images`.
/// Problems are reported into `diags` at file:line:column and the rest is still converted.
model::Blocks to_blocks(std::string_view markdown, const Options& opts, model::Document& doc,
                        Diagnostics& diags);

/// Convert a short text (a table cell, a manifest text) to inlines: its paragraphs and other
/// blocks are joined with line breaks.
model::Inlines to_inlines(std::string_view markdown, const Options& opts, model::Document& doc,
                          Diagnostics& diags);

/// Escape a plain one-line value (an organisation name, a date) for insertion anywhere in
/// Markdown, at a line start or inside a table cell included: parsed back it gives exactly
/// `text`, without markup, links or HTML. Line breaks in `text` become spaces. Meant for
/// to_blocks(): an e-mail address gets an empty HTML comment, which to_blocks() drops, so that
/// it does not become a link.
std::string escape(std::string_view text);

/// GitHub's anchor for a heading: lower case, punctuation removed, spaces as '-'
/// ("Inom avgränsningen" -> "inom-avgränsningen"), so "#anchor" links written against
/// GitHub's preview work in the report too.
std::string slug(std::string_view heading_text);

/// One element of a text's structure, for comparing the language versions of a document.
struct OutlineItem {
  enum class Kind { Heading, Table, Image, List };
  Kind kind = Kind::Heading;
  int level = 0;     ///< Heading level as written (1..6).
  std::string text;  ///< Heading text.
  Location where;    ///< Through Options::line_map.
  std::vector<Location> items;  ///< A list's items, nested ones included, in order.
};

/// Headings, tables, images and top-level lists in document order; footnotes are left out
/// (cmark-gfm moves them to the end, away from the section they belong to).
std::vector<OutlineItem> outline(std::string_view markdown, const Options& opts);

}  // namespace tillit::markdown
