// Inlines: runs with character formatting, hyperlinks, line breaks, fields, images (DrawingML)
// and footnote references.
#include <algorithm>
#include <cstdint>

#include "render/docx/body_writer.h"
#include "render/docx/xml_text.h"

namespace tillit::render::docx {

namespace {

constexpr int64_t kEmuPerCm = 360000;
constexpr int64_t kEmuPerPixel = 9525;  // at 96 dpi
constexpr int64_t kEmuPerTwip = 635;
constexpr double kDefaultImageCm = 5.0;

// Relationship targets must be URIs: what is not allowed in one is percent-encoded.
std::string uri_target(std::string_view target) {
  static constexpr std::string_view kAllowed =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : target) {
    if (kAllowed.find(c) != std::string_view::npos) {
      out += c;
    } else {
      const auto u = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

std::string blocks_text(const model::Blocks& blocks) {
  std::string out;
  for (const model::Block& block : blocks) {
    if (const auto* p = std::get_if<model::Paragraph>(&block.value)) {
      if (!out.empty()) out += ' ';
      out += model::plain_text(p->content);
    }
  }
  return out;
}

struct Extent {
  int64_t cx;
  int64_t cy;
};

// The display size: the model's centimetres (one of them derived from the pixel proportions
// when only the other is given), else the pixels at 96 dpi; scaled down to fit the space.
Extent image_extent(const model::Image& image, const model::ImageData& data, double max_cx,
                    double max_cy) {
  const double aspect = data.width_px > 0 && data.height_px > 0
                            ? static_cast<double>(data.height_px) / data.width_px
                            : 1.0;
  double cx = 0;
  double cy = 0;
  if (image.width_cm > 0 && image.height_cm > 0) {
    cx = image.width_cm * kEmuPerCm;
    cy = image.height_cm * kEmuPerCm;
  } else if (image.width_cm > 0) {
    cx = image.width_cm * kEmuPerCm;
    cy = cx * aspect;
  } else if (image.height_cm > 0) {
    cy = image.height_cm * kEmuPerCm;
    cx = cy / aspect;
  } else if (data.width_px > 0 && data.height_px > 0) {
    cx = static_cast<double>(data.width_px * kEmuPerPixel);
    cy = static_cast<double>(data.height_px * kEmuPerPixel);
  } else {
    cx = kDefaultImageCm * kEmuPerCm;
    cy = cx * aspect;
  }
  const double scale = std::min({1.0, max_cx / cx, max_cy / cy});
  return {std::max<int64_t>(1, static_cast<int64_t>(cx * scale)),
          std::max<int64_t>(1, static_cast<int64_t>(cy * scale))};
}

}  // namespace

void BodyWriter::write_inlines(const model::Inlines& inlines) {
  const std::string& verbatim = state_.styles.id(StyleKey::VerbatimChar);
  for (const model::Inline& in : inlines) {
    if (const auto* run = std::get_if<model::Run>(&in)) {
      revise(effective(run->change));
      write_run(run->text, run->style, (run->style & model::kCode) ? verbatim : std::string());
    } else if (const auto* link = std::get_if<model::Link>(&in)) {
      write_link(*link);
    } else if (const auto* br = std::get_if<model::LineBreak>(&in)) {
      revise(effective(br->change));
      out_ += "<w:r><w:br/></w:r>";
    } else if (const auto* field = std::get_if<model::Field>(&in)) {
      revise(effective(field->change));
      write_field(field->kind == model::Field::Kind::Page ? " PAGE " : " NUMPAGES ", "1");
    } else if (const auto* image = std::get_if<model::Image>(&in)) {
      revise(effective(image->change));
      write_image(*image);
    } else if (const auto* note = std::get_if<std::shared_ptr<model::Note>>(&in)) {
      if (!*note) continue;
      revise(effective((*note)->change));
      write_note_reference(**note);
    }
  }
}

void BodyWriter::write_run(std::string_view text, unsigned style, const std::string& char_style) {
  if (text.empty()) return;
  out_ += "<w:r>";
  if (style != model::kPlain || !char_style.empty()) {
    out_ += "<w:rPr>";
    if (!char_style.empty()) {
      out_ += "<w:rStyle w:val=\"";
      append_attr(out_, char_style);
      out_ += "\"/>";
    }
    if (style & model::kBold) out_ += "<w:b/><w:bCs/>";
    if (style & model::kItalic) out_ += "<w:i/><w:iCs/>";
    if (style & model::kStrike) out_ += "<w:strike/>";
    if (style & model::kSuperscript) {
      out_ += "<w:vertAlign w:val=\"superscript\"/>";
    } else if (style & model::kSubscript) {
      out_ += "<w:vertAlign w:val=\"subscript\"/>";
    }
    out_ += "</w:rPr>";
  }
  // Tabs become w:tab; line ends inside a run are not breaks (the model says so): spaces.
  while (!text.empty()) {
    const size_t tab = text.find('\t');
    std::string_view piece = text.substr(0, tab);
    if (!piece.empty()) {
      std::string spaced;
      // Two memchr scans: find_first_of calls memchr once per character of the text.
      if (piece.find('\n') != std::string_view::npos ||
          piece.find('\r') != std::string_view::npos) {
        spaced = std::string(piece);
        std::replace(spaced.begin(), spaced.end(), '\r', ' ');
        std::replace(spaced.begin(), spaced.end(), '\n', ' ');
        piece = spaced;
      }
      // Deleted text is w:delText, or Word reports the file as corrupt.
      out_ += deleting() ? "<w:delText" : "<w:t";
      out_ += needs_space_preserve(piece) ? " xml:space=\"preserve\">" : ">";
      append_text(out_, piece);
      out_ += deleting() ? "</w:delText>" : "</w:t>";
    }
    if (tab == std::string_view::npos) break;
    out_ += "<w:tab/>";
    text.remove_prefix(tab + 1);
  }
  out_ += "</w:r>";
}

void BodyWriter::write_link(const model::Link& link) {
  const std::string& hyperlink = state_.styles.id(StyleKey::Hyperlink);
  // A whole link's mark, else each run's; inside the hyperlink, which w:ins may not hold.
  auto mark = [&](const model::Run& run) {
    revise(effective(link.change != model::Change::None ? link.change : run.change));
  };
  if (link.target.empty()) {
    for (const model::Run& run : link.content) {
      mark(run);
      write_run(run.text, run.style, std::string());
    }
    return;
  }
  revise(model::Change::None);
  if (link.target.front() == '#') {
    out_ += "<w:hyperlink w:anchor=\"";
    append_attr(out_, state_.outline.anchor(std::string_view(link.target).substr(1)));
  } else {
    out_ += "<w:hyperlink r:id=\"";
    out_ += rels_.add(rel::kHyperlink, uri_target(xml_safe(link.target)), true);
  }
  out_ += "\" w:history=\"1\">";
  for (const model::Run& run : link.content) {
    mark(run);
    write_run(run.text, run.style, hyperlink);
  }
  revise(model::Change::None);
  out_ += "</w:hyperlink>";
}

void BodyWriter::write_field(std::string_view instruction, std::string_view cached) {
  out_ += "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>";
  out_ += deleting() ? "<w:delInstrText" : "<w:instrText";
  out_ += " xml:space=\"preserve\">";
  append_text(out_, instruction);
  out_ += deleting() ? "</w:delInstrText>" : "</w:instrText>";
  out_ += "</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
  if (!cached.empty()) {
    out_ += deleting() ? "<w:r><w:delText>" : "<w:r><w:t>";
    append_text(out_, cached);
    out_ += deleting() ? "</w:delText></w:r>" : "</w:t></w:r>";
  }
  out_ += "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
}

void BodyWriter::write_image(const model::Image& image) {
  auto found = state_.doc.images.find(image.id);
  if (found == state_.doc.images.end() || found->second.bytes.empty()) {
    // A missing picture still says what it showed.
    write_run(image.alt.empty() ? std::string() : "[" + image.alt + "]", model::kPlain, {});
    return;
  }
  const model::ImageData& data = found->second;
  std::string content_type = data.media_type;
  if (content_type.empty()) content_type = image_content_type(data.extension);
  const std::string target = state_.media.add(image.id, data.extension, content_type, data.bytes);
  const std::string rid = rels_.add(rel::kImage, target);
  const auto max_cx = static_cast<double>(int64_t{available_width_} * kEmuPerTwip);
  const auto max_cy =
      static_cast<double>(int64_t{state_.layout.text_height(orientation_)} * kEmuPerTwip);
  const Extent size = image_extent(image, data, max_cx, max_cy);
  const int id = state_.next_drawing_id++;
  const std::string name = target.substr(target.rfind('/') + 1);

  std::string extent = "cx=\"";
  append_int(extent, size.cx);
  extent += "\" cy=\"";
  append_int(extent, size.cy);
  extent += "\"/>";
  out_ += "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent ";
  out_ += extent;
  out_ += "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"";
  append_int(out_, id);
  out_ += "\" name=\"Picture ";
  append_int(out_, id);
  out_ += "\" descr=\"";
  append_attr(out_, image.alt);
  out_ +=
      "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
      "</wp:cNvGraphicFramePr><a:graphic><a:graphicData "
      "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr>"
      "<pic:cNvPr id=\"0\" name=\"";
  append_attr(out_, name);
  out_ += "\" descr=\"";
  append_attr(out_, image.alt);
  out_ += "\"/><pic:cNvPicPr><a:picLocks noChangeAspect=\"1\" noChangeArrowheads=\"1\"/>";
  out_ += "</pic:cNvPicPr></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"";
  out_ += rid;
  out_ +=
      "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr bwMode=\"auto\">"
      "<a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext ";
  out_ += extent;
  out_ +=
      "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
      "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
}

void BodyWriter::write_note_reference(const model::Note& note) {
  if (kind_ == Kind::Footnote) {
    // Word has no footnotes inside footnotes: the inner one's text goes in parentheses.
    write_run(" (" + blocks_text(note.content) + ")", model::kPlain, {});
    return;
  }
  const int id = ++state_.footnote_count;
  state_.footnotes += "<w:footnote w:id=\"";
  append_int(state_.footnotes, id);
  state_.footnotes += "\">";
  BodyWriter writer(state_, state_.footnote_rels, state_.footnotes, Kind::Footnote, orientation_);
  // An inserted or deleted reference takes its footnote along.
  writer.inherited_ = open_;
  writer.write_note(note.content);
  state_.footnotes += "</w:footnote>";

  open_note_run();
  out_ += "<w:footnoteReference w:id=\"";
  append_int(out_, id);
  out_ += "\"/></w:r>";
}

void BodyWriter::open_note_run() {
  out_ += "<w:r><w:rPr>";
  const std::string& style = state_.styles.id(StyleKey::FootnoteReference);
  if (!style.empty()) {
    out_ += "<w:rStyle w:val=\"";
    append_attr(out_, style);
    out_ += "\"/>";
  }
  out_ += "<w:vertAlign w:val=\"superscript\"/></w:rPr>";
}

void BodyWriter::write_note_mark() {
  note_mark_pending_ = false;
  revise(inherited_);
  open_note_run();
  out_ += "<w:footnoteRef/></w:r>";
  out_ += "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>";
}

}  // namespace tillit::render::docx
