// GitHub-flavoured Markdown (narratives, assertion overrides, locale templates) to model
// blocks, parsed with cmark-gfm. Raw HTML is never passed through, and images must be PNG or
// JPEG files inside the engagement.
#pragma once

#include <string>
#include <string_view>

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
};

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

}  // namespace tillit::markdown
