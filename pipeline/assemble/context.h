// What every part of the assembly shares: the engagement, the language, the locale text,
// the template data, and small helpers to turn inputs into model blocks.
#pragma once

#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "ingest/engagement.h"
#include "locale/locale.h"
#include "model/document.h"
#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::assemble {

struct Context {
  const ingest::Engagement& e;
  const std::string& lang;
  const locale::Locale& loc;
  const catalogue::Catalogue& cat;
  const Env& env;
  Diagnostics& diags;
  model::Document& doc;
  locale::Data data;  ///< Template variables (see fill_data).
  std::vector<catalogue::Category> categories;
  int type = 2;

  /// Text in this language, else in the report's other language, else "".
  std::string text(const ingest::LocalizedText& t) const;
  /// A fixed string, rendered with the template data.
  std::string str(const std::string& key) const { return loc.str(key, data); }
  /// A locale Markdown template rendered and converted to blocks; headings start at `level`.
  model::Blocks report_template(const std::string& name, int level);
  /// The narrative of a topic in this language, converted to blocks; empty when absent.
  model::Blocks narrative(const std::string& topic, int level);
  /// Text from a matrix cell: paragraphs at blank lines, line breaks at single newlines.
  static model::Blocks cell(const std::string& text, model::ParaRole role);
  /// The heading of a description topic in this language.
  std::string topic_heading(const std::string& topic) const;
};

/// Fill ctx.data with the template variables (organisation, period, flags ...).
void fill_data(Context& ctx);

/// Move the blocks of `from` to the end of `to`.
void append(model::Blocks& to, model::Blocks from);

/// A heading block with a bookmark.
model::Block heading(int level, const std::string& text, const std::string& bookmark,
                     bool in_toc = true);

/// Bookmark-safe slug: "CC6.1" -> "cc6-1".
std::string slug(const std::string& s);

void add_cover(Context& ctx);
void add_section1(Context& ctx);
void add_section2(Context& ctx);
void add_section3(Context& ctx);
void add_section4(Context& ctx);
void add_section5(Context& ctx);

/// The Section IV / V content of one control, shared by several tables.
struct ControlTexts {
  std::string id, description, test, result, deviation, response;
  bool has_deviation = false;
};
ControlTexts control_texts(const Context& ctx, const ingest::Control& c);

}  // namespace tillit::assemble
