// Blocks and inlines of the model as WordprocessingML, appended to a string: the body of
// word/document.xml and the footnotes of word/footnotes.xml. Blocks are in body_writer.cpp,
// tables in table_writer.cpp, inlines in inline_writer.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/document.h"
#include "render/docx/media.h"
#include "render/docx/numbering.h"
#include "render/docx/outline.h"
#include "render/docx/package.h"
#include "render/docx/page_setup.h"
#include "render/docx/styles.h"

namespace tillit::render::docx {

/// What the writers of the body and of the footnotes share. Ids run in document order across
/// both, so the output does not depend on anything but the input.
struct WriteState {
  const model::Document& doc;
  const StyleSheet& styles;
  const Outline& outline;
  const SectionLayout& layout;
  Numbering& numbering;
  MediaStore& media;
  int next_drawing_id = 1;  ///< wp:docPr ids, unique in the package.
  int next_bookmark_id = 0;
  int footnote_count = 0;
  std::string footnotes;  ///< The w:footnote elements written so far.
  Relationships footnote_rels;
  /// The w:author and w:date attributes of tracked changes (model::Change), from Meta::revision.
  std::string revision_attributes;
};

/// WriteState::revision_attributes for `who` (revisions.cpp).
std::string revision_attributes(const model::Revision& who);

class BodyWriter {
 public:
  enum class Kind { Body, Footnote };

  /// Appends to `out`; relationships (links, images) go to `rels`. `orientation` is the page
  /// orientation the content starts on.
  BodyWriter(WriteState& state, Relationships& rels, std::string& out, Kind kind,
             model::Orientation orientation);

  /// The blocks, then the final section properties.
  void write_body(const model::Blocks& blocks);
  /// The content of one footnote; its first paragraph starts with the footnote mark.
  void write_note(const model::Blocks& blocks);

 private:
  /// Paragraph properties the writer sets; written in CT_PPr's order.
  struct ParaProps {
    const std::string* style = nullptr;  ///< Style id; null or empty = Normal.
    bool keep_next = false;
    int num_id = 0;  ///< 0 = not numbered.
    int level = 0;
    int indent_left = 0;        ///< > 0: indented like the text of a list item.
    bool outline_body = false;  ///< A heading left out of the table of contents.
    int toc_tab = 0;  ///< > 0: right tab with dot leader there (table of contents entries).
    model::Change mark = model::Change::None;  ///< The paragraph mark inserted or deleted.
  };

  // body_writer.cpp
  void write_blocks(const model::Blocks& blocks);
  void write_block(const model::Block& block);
  void write_heading(const model::Heading& heading);
  void write_paragraph(const model::Paragraph& paragraph, ParaProps props);
  void write_list(const model::List& list, int level);
  void write_toc(const model::TableOfContents& toc);
  /// Before content at the top level: ends the section when a section break is pending.
  void start_content();
  void end_section();
  void open_paragraph(const ParaProps& props);
  void close_paragraph();
  void empty_paragraph(const ParaProps& props);
  /// A paragraph holding only a page break, for a break before a table.
  void flush_page_break();
  const std::string& role_style(model::ParaRole role) const;
  bool top_level() const { return depth_ == 0 && kind_ == Kind::Body; }

  // revisions.cpp: tracked changes. Runs of one mark share a w:ins or w:del, opened by
  // revise() before a run is written and closed by revise(None) before anything that may not
  // stand inside one (a hyperlink, a bookmark end, the end of the paragraph).
  /// The mark content inside a marked block takes: the block's, else its own.
  model::Change effective(model::Change own) const {
    return inherited_ != model::Change::None ? inherited_ : own;
  }
  void revise(model::Change change);
  /// A w:ins or w:del element's start tag with a new id; `empty` closes it at once.
  void revision_tag(model::Change change, bool empty);
  bool deleting() const { return open_ == model::Change::Deleted; }

  // table_writer.cpp
  void write_table(const model::Table& table);
  void write_cell(const model::TableCell* cell, int width, int span, bool restart,
                  bool continuation);

  // inline_writer.cpp
  void write_inlines(const model::Inlines& inlines);
  void write_run(std::string_view text, unsigned style, const std::string& char_style);
  void write_link(const model::Link& link);
  void write_field(std::string_view instruction, std::string_view cached);
  void write_image(const model::Image& image);
  void write_note_reference(const model::Note& note);
  void write_note_mark();
  /// "<w:r>" with the footnote reference style, superscript: the run of a note's number.
  void open_note_run();

  WriteState& state_;
  Relationships& rels_;
  std::string& out_;
  const Kind kind_;
  model::Orientation orientation_;
  int available_width_;  ///< Twips: the text width, or a table cell's.
  int depth_ = 0;        ///< Table cells we are in.
  int section_index_ = 0;
  bool section_has_content_ = false;
  std::optional<model::Orientation> next_section_;  ///< A section break not yet applied.
  bool page_break_pending_ = false;
  bool last_was_table_ = false;
  bool note_mark_pending_ = false;
  model::Change inherited_ = model::Change::None;  ///< The mark of the block being written.
  model::Change open_ = model::Change::None;       ///< The w:ins or w:del open in out_.
  bool last_paragraph_marked_ = false;  ///< Its mark is tracked: it cannot end a section.
  // Where the last top-level paragraph can take a w:sectPr: the offset of its "</w:pPr>" (or,
  // without pPr, just after "<w:p>") and the offset just after its "</w:p>".
  size_t sect_insert_at_ = 0;
  bool sect_needs_ppr_ = false;
  size_t last_paragraph_end_ = std::string::npos;
};

}  // namespace tillit::render::docx
