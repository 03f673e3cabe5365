#include "render/docx/body_writer.h"

#include <algorithm>

#include "render/docx/xml_text.h"

namespace tillit::render::docx {

namespace {

// The built-in list definitions indent each level by a quarter inch more.
constexpr int kListIndentStep = 360;

const std::string kNoStyle;

StyleKey heading_style(int level) {
  switch (level) {
    case 2:
      return StyleKey::Heading2;
    case 3:
      return StyleKey::Heading3;
    default:
      return level >= 4 ? StyleKey::Heading4 : StyleKey::Heading1;
  }
}

}  // namespace

BodyWriter::BodyWriter(WriteState& state, Relationships& rels, std::string& out, Kind kind,
                       model::Orientation orientation)
    : state_(state),
      rels_(rels),
      out_(out),
      kind_(kind),
      orientation_(orientation),
      available_width_(state.layout.text_width(orientation)) {}

void BodyWriter::write_body(const model::Blocks& blocks) {
  write_blocks(blocks);
  // Breaks at the very end would only add empty pages.
  page_break_pending_ = false;
  next_section_.reset();
  if (section_index_ == 0 && !section_has_content_) out_ += "<w:p/>";
  out_ += state_.layout.xml(orientation_, section_index_ == 0);
}

void BodyWriter::write_note(const model::Blocks& blocks) {
  note_mark_pending_ = true;
  if (blocks.empty() || !std::holds_alternative<model::Paragraph>(blocks.front().value)) {
    ParaProps props;
    props.style = &state_.styles.id(StyleKey::FootnoteText);
    empty_paragraph(props);
  }
  write_blocks(blocks);
}

void BodyWriter::write_blocks(const model::Blocks& blocks) {
  for (const model::Block& block : blocks) write_block(block);
}

void BodyWriter::write_block(const model::Block& block) {
  if (const auto* h = std::get_if<model::Heading>(&block.value)) {
    write_heading(*h);
  } else if (const auto* p = std::get_if<model::Paragraph>(&block.value)) {
    write_paragraph(*p, ParaProps{});
  } else if (const auto* list = std::get_if<model::List>(&block.value)) {
    write_list(*list, 0);
  } else if (const auto* table = std::get_if<model::Table>(&block.value)) {
    write_table(*table);
  } else if (std::holds_alternative<model::PageBreak>(block.value)) {
    // Page layout exists only in the body, outside tables.
    if (top_level()) page_break_pending_ = true;
  } else if (const auto* brk = std::get_if<model::SectionBreak>(&block.value)) {
    // Takes effect with the next content, so that a break with nothing after it (or another
    // break right after it) adds no empty section.
    if (top_level()) next_section_ = brk->next;
  } else if (const auto* toc = std::get_if<model::TableOfContents>(&block.value)) {
    if (kind_ == Kind::Body) write_toc(*toc);
  }
}

const std::string& BodyWriter::role_style(model::ParaRole role) const {
  const StyleSheet& s = state_.styles;
  switch (role) {
    case model::ParaRole::Body:
      return kind_ == Kind::Footnote ? s.id(StyleKey::FootnoteText) : kNoStyle;
    case model::ParaRole::Title:
      return s.id(StyleKey::Title);
    case model::ParaRole::Subtitle:
      return s.id(StyleKey::Subtitle);
    case model::ParaRole::CoverNote:
      return s.id(StyleKey::CoverNote);
    case model::ParaRole::Caption:
      return s.id(StyleKey::Caption);
    case model::ParaRole::Quote:
      return s.id(StyleKey::Quote);
    case model::ParaRole::Code:
      return s.id(StyleKey::SourceCode);
    case model::ParaRole::Signature:
      return s.id(StyleKey::Signature);
    case model::ParaRole::TableText:
      return s.id(StyleKey::TableText);
    case model::ParaRole::TableHeader:
      return s.id(StyleKey::TableHeading);
  }
  return kNoStyle;
}

void BodyWriter::write_heading(const model::Heading& heading) {
  const model::Change saved = inherited_;
  inherited_ = effective(heading.change);
  ParaProps props;
  props.style = &state_.styles.id(heading_style(heading.level));
  // Also direct: a branded heading style without "keep with next" must not strand a heading.
  props.keep_next = true;
  props.outline_body = !heading.in_toc;
  open_paragraph(props);
  const std::string& bookmark = state_.outline.bookmark(heading);
  const int id = state_.next_bookmark_id;
  if (!bookmark.empty()) {
    // Inside the paragraph, after its properties, as Word writes it: LibreOffice loses a
    // bookmark that stands between paragraphs.
    ++state_.next_bookmark_id;
    out_ += "<w:bookmarkStart w:id=\"";
    append_int(out_, id);
    out_ += "\" w:name=\"";
    append_attr(out_, bookmark);
    out_ += "\"/>";
  }
  write_inlines(heading.content);
  if (!bookmark.empty()) {
    revise(model::Change::None);
    out_ += "<w:bookmarkEnd w:id=\"";
    append_int(out_, id);
    out_ += "\"/>";
  }
  close_paragraph();
  inherited_ = saved;
}

void BodyWriter::write_paragraph(const model::Paragraph& paragraph, ParaProps props) {
  if (!props.style) props.style = &role_style(paragraph.role);
  props.keep_next = props.keep_next || paragraph.keep_with_next;
  const model::Change saved = inherited_;
  inherited_ = effective(paragraph.change);
  open_paragraph(props);
  write_inlines(paragraph.content);
  close_paragraph();
  inherited_ = saved;
}

void BodyWriter::write_list(const model::List& list, int level) {
  const int num_id = state_.numbering.new_list(list.ordered, level);
  ParaProps numbered;
  numbered.style = &state_.styles.id(StyleKey::ListParagraph);
  numbered.num_id = num_id;
  numbered.level = std::min(level, 8);
  ParaProps continued;
  continued.style = numbered.style;
  continued.indent_left = kListIndentStep * (numbered.level + 1);

  for (const model::Blocks& item : list.items) {
    bool has_number = false;
    for (const model::Block& block : item) {
      const auto* paragraph = std::get_if<model::Paragraph>(&block.value);
      if (paragraph) {
        ParaProps props = has_number ? continued : numbered;
        // A cell's list keeps the cell's text style; elsewhere the list style.
        if (paragraph->role != model::ParaRole::Body) props.style = &role_style(paragraph->role);
        write_paragraph(*paragraph, props);
        has_number = true;
        continue;
      }
      // An item that starts with something else still shows its number or bullet.
      if (!has_number) empty_paragraph(numbered);
      has_number = true;
      if (const auto* nested = std::get_if<model::List>(&block.value)) {
        write_list(*nested, level + 1);
      } else {
        write_block(block);
      }
    }
    if (!has_number) empty_paragraph(numbered);
  }
}

void BodyWriter::write_toc(const model::TableOfContents& toc) {
  const int levels = std::clamp(toc.levels, 1, 9);
  if (!toc.title.empty()) {
    ParaProps props;
    props.style = &state_.styles.id(StyleKey::TocHeading);
    props.keep_next = true;
    open_paragraph(props);
    write_run(toc.title, model::kPlain, kNoStyle);
    close_paragraph();
  }
  const std::string instruction = " TOC \\o \"1-" + std::to_string(levels) + "\" \\h \\z \\u ";
  auto field_start = [&] {
    out_ +=
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">";
    append_text(out_, instruction);
    out_ += "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
  };
  constexpr std::string_view kFieldEnd = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";

  // Pre-filled entries, so that a reader that does not update fields (LibreOffice) shows the
  // table of contents too; Word rebuilds it on open (w:updateFields).
  const std::vector<TocEntry> entries = state_.outline.toc(levels);
  if (entries.empty()) {
    open_paragraph(ParaProps{&state_.styles.id(StyleKey::Toc1)});
    field_start();
    out_ += kFieldEnd;
    close_paragraph();
    return;
  }
  const StyleKey toc_styles[] = {StyleKey::Toc1, StyleKey::Toc2, StyleKey::Toc3};
  for (size_t i = 0; i < entries.size(); ++i) {
    const TocEntry& e = entries[i];
    ParaProps props;
    props.style = e.level <= 3 ? &state_.styles.id(toc_styles[e.level - 1]) : &kNoStyle;
    props.toc_tab = available_width_;
    open_paragraph(props);
    if (i == 0) field_start();
    out_ += "<w:hyperlink w:anchor=\"";
    append_attr(out_, e.bookmark);
    out_ += "\" w:history=\"1\">";
    write_run(e.text, model::kPlain, kNoStyle);
    out_ += "<w:r><w:tab/></w:r>";
    write_field(" PAGEREF " + e.bookmark + " \\h ", "");
    out_ += "</w:hyperlink>";
    if (i + 1 == entries.size()) out_ += kFieldEnd;
    close_paragraph();
  }
}

void BodyWriter::start_content() {
  if (next_section_) {
    if (section_has_content_) end_section();
    orientation_ = *next_section_;
    available_width_ = state_.layout.text_width(orientation_);
    next_section_.reset();
  }
  section_has_content_ = true;
}

void BodyWriter::end_section() {
  const std::string& sect = state_.layout.xml(orientation_, section_index_ == 0);
  if (last_paragraph_end_ == out_.size() && !last_paragraph_marked_) {
    // The section ends in a paragraph: its mark carries the section properties, as in Word.
    // Not a tracked paragraph mark: accepting or rejecting it would take the section along.
    out_.insert(sect_insert_at_, sect_needs_ppr_ ? "<w:pPr>" + sect + "</w:pPr>" : sect);
  } else {
    // After a table: a paragraph of its own, made as small as possible so that it does not
    // push a page-filling table's section onto an extra page.
    out_ +=
        "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" "
        "w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr>";
    out_ += sect;
    out_ += "</w:pPr></w:p>";
  }
  ++section_index_;
  page_break_pending_ = false;  // a new section starts on a new page anyway
  last_paragraph_end_ = std::string::npos;
  last_was_table_ = false;
}

void BodyWriter::open_paragraph(const ParaProps& props) {
  if (top_level()) start_content();
  const bool page_break = page_break_pending_ && top_level();
  page_break_pending_ = page_break_pending_ && !page_break;
  out_ += "<w:p>";
  const size_t ppr_at = out_.size();
  out_ += "<w:pPr>";
  if (props.style && !props.style->empty()) {
    out_ += "<w:pStyle w:val=\"";
    append_attr(out_, *props.style);
    out_ += "\"/>";
  }
  if (props.keep_next) out_ += "<w:keepNext/>";
  if (page_break) out_ += "<w:pageBreakBefore/>";
  if (props.num_id > 0) {
    out_ += "<w:numPr><w:ilvl w:val=\"";
    append_int(out_, props.level);
    out_ += "\"/><w:numId w:val=\"";
    append_int(out_, props.num_id);
    out_ += "\"/></w:numPr>";
  }
  if (props.toc_tab > 0) {
    out_ += "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"";
    append_int(out_, props.toc_tab);
    out_ += "\"/></w:tabs>";
  }
  if (props.indent_left > 0) {
    out_ += "<w:ind w:left=\"";
    append_int(out_, props.indent_left);
    out_ += "\"/>";
  }
  if (props.outline_body) out_ += "<w:outlineLvl w:val=\"9\"/>";
  const model::Change mark = effective(props.mark);
  if (mark != model::Change::None) {
    out_ += "<w:rPr>";
    revision_tag(mark, true);
    out_ += "</w:rPr>";
  }
  const bool has_ppr = out_.size() > ppr_at + 7;
  if (has_ppr) {
    out_ += "</w:pPr>";
  } else {
    out_.resize(ppr_at);
  }
  if (top_level()) {
    sect_insert_at_ = has_ppr ? out_.size() - 8 : ppr_at;
    sect_needs_ppr_ = !has_ppr;
    last_paragraph_marked_ = mark != model::Change::None;
  }
  if (note_mark_pending_) write_note_mark();
}

void BodyWriter::close_paragraph() {
  revise(model::Change::None);
  out_ += "</w:p>";
  last_was_table_ = false;
  if (top_level()) last_paragraph_end_ = out_.size();
}

void BodyWriter::empty_paragraph(const ParaProps& props) {
  open_paragraph(props);
  close_paragraph();
}

void BodyWriter::flush_page_break() {
  if (!page_break_pending_ || !top_level()) return;
  page_break_pending_ = false;
  out_ += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
}

}  // namespace tillit::render::docx
