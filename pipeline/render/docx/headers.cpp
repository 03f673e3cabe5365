#include "render/docx/headers.h"

#include <algorithm>
#include <array>
#include <pugixml.hpp>
#include <utility>

#include "render/docx/xml_dom.h"
#include "render/docx/xml_text.h"
#include "support/text.h"

namespace tillit::render::docx {

namespace {

constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// The namespaces of Word's VML watermark.
constexpr std::array<std::pair<const char*, const char*>, 3> kVmlNamespaces = {{
    {"xmlns:v", "urn:schemas-microsoft-com:vml"},
    {"xmlns:o", "urn:schemas-microsoft-com:office:office"},
    {"xmlns:w10", "urn:schemas-microsoft-com:office:word"},
}};

// Word's text watermark ("PowerPlusWaterMarkObject"): a WordArt text path (shape type 136)
// centred on the margins, rotated 315 degrees, light grey and half transparent, behind the
// text. Word and LibreOffice both recognise it as a watermark.
constexpr std::string_view kShapeType =
    "<v:shapetype id=\"_x0000_t136\" coordsize=\"21600,21600\" o:spt=\"136\" adj=\"10800\" "
    "path=\"m@7,l@8,m@5,21600l@6,21600e\"><v:formulas><v:f eqn=\"sum #0 0 10800\"/>"
    "<v:f eqn=\"prod #0 2 1\"/><v:f eqn=\"sum 21600 0 @1\"/><v:f eqn=\"sum 0 0 @2\"/>"
    "<v:f eqn=\"sum 21600 0 @3\"/><v:f eqn=\"if @0 @3 0\"/><v:f eqn=\"if @0 21600 @1\"/>"
    "<v:f eqn=\"if @0 0 @2\"/><v:f eqn=\"if @0 @4 21600\"/><v:f eqn=\"mid @5 @6\"/>"
    "<v:f eqn=\"mid @8 @5\"/><v:f eqn=\"mid @7 @8\"/><v:f eqn=\"mid @6 @7\"/>"
    "<v:f eqn=\"sum @6 0 @5\"/></v:formulas><v:path textpathok=\"t\" o:connecttype=\"custom\" "
    "o:connectlocs=\"@9,0;@10,10800;@11,21600;@12,10800\" o:connectangles=\"270,180,90,0\"/>"
    "<v:textpath on=\"t\" fitshape=\"t\"/><v:handles><v:h position=\"#0,bottomRight\" "
    "xrange=\"6629,14971\"/></v:handles><o:lock v:ext=\"edit\" text=\"t\" shapetype=\"t\"/>"
    "</v:shapetype>";

// The text is stretched to the shape, so the shape gets the proportions of the text: about
// 0.65 em per character in Calibri capitals, 430 pt wide at most (a portrait text width).
std::string watermark_run(const std::string& text, int shape_number) {
  const double chars = std::max<double>(1.0, static_cast<double>(utf8_length(text)));
  const double width = std::min(430.0, 95.0 * chars);
  const auto height = static_cast<long long>(width / (0.65 * chars));
  std::string out = "<w:r><w:rPr><w:noProof/></w:rPr><w:pict>";
  out += kShapeType;
  out += "<v:shape id=\"PowerPlusWaterMarkObject";
  append_int(out, shape_number);
  out += "\" o:spid=\"_x0000_s";
  append_int(out, 2048 + shape_number);
  out += "\" type=\"#_x0000_t136\" style=\"position:absolute;margin-left:0;margin-top:0;";
  out += "width:";
  append_int(out, static_cast<long long>(width));
  out += "pt;height:";
  append_int(out, height);
  out +=
      "pt;rotation:315;z-index:-251654144;mso-position-horizontal:center;"
      "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
      "mso-position-vertical-relative:margin\" o:allowincell=\"f\" fillcolor=\"silver\" "
      "stroked=\"f\"><v:fill opacity=\".5\"/><v:textpath style=\"font-family:&quot;Calibri&quot;;"
      "font-size:1pt\" string=\"";
  append_attr(out, text);
  out += "\"/><w10:wrap anchorx=\"margin\" anchory=\"margin\"/></v:shape></w:pict></w:r>";
  return out;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Every w:t below `node`, in document order.
void fill_placeholders(pugi::xml_node node, const model::Meta& meta) {
  const std::array<std::pair<std::string_view, const std::string*>, 4> fields = {{
      {"{{header_text}}", &meta.header_text},
      {"{{page_label_before}}", &meta.page_label_before},
      {"{{page_label_between}}", &meta.page_label_between},
      {"{{title}}", &meta.title},
  }};
  for (pugi::xml_node child : node.children()) {
    if (std::string_view(child.name()) != "w:t") {
      fill_placeholders(child, meta);
      continue;
    }
    std::string text = child.text().get();
    if (text.find("{{") == std::string::npos) continue;
    for (const auto& [placeholder, value] : fields)
      replace_all(text, placeholder, xml_safe(*value));
    child.text().set(text.c_str());
    if (needs_space_preserve(text)) set_attr(child, "xml:space", "preserve");
  }
}

void add_watermark(pugi::xml_node root, const std::string& text, int shape_number) {
  for (const auto& [name, uri] : kVmlNamespaces) {
    if (!root.attribute(name)) set_attr(root, name, uri);
  }
  pugi::xml_node paragraph = root.child("w:p");
  if (!paragraph) paragraph = root.append_child("w:p");
  pugi::xml_document run;
  const std::string xml = watermark_run(xml_safe(text), shape_number);
  run.load_buffer(xml.data(), xml.size());
  if (pugi::xml_node ppr = paragraph.child("w:pPr")) {
    paragraph.insert_copy_after(run.first_child(), ppr);
  } else {
    paragraph.prepend_copy(run.first_child());
  }
}

}  // namespace

std::string render_header_footer(std::string_view xml, bool header, const model::Meta& meta,
                                 int shape_number) {
  const char* root_name = header ? "w:hdr" : "w:ftr";
  pugi::xml_document doc;
  if (!parse_xml(doc, xml) || !doc.child(root_name)) {
    doc.reset();
    pugi::xml_node root = doc.append_child(root_name);
    set_attr(root, "xmlns:w", kMainNs);
    root.append_child("w:p");
  }
  pugi::xml_node root = doc.child(root_name);
  fill_placeholders(root, meta);
  if (header && !meta.watermark.empty()) add_watermark(root, meta.watermark, shape_number);
  return serialize(doc);
}

Relationships carry_relationships(const ReferenceDoc& ref, const std::string& part,
                                  MediaStore& media) {
  Relationships kept;
  auto rels = ref.parts.find(rels_path(part));
  if (rels == ref.parts.end()) return kept;
  pugi::xml_document doc;
  parse_xml(doc, rels->second);
  for (pugi::xml_node r : doc.child("Relationships").children("Relationship")) {
    std::string_view type = r.attribute("Type").value();
    std::string_view id = r.attribute("Id").value();
    const bool external = std::string_view(r.attribute("TargetMode").value()) == "External";
    if (type.ends_with("/hyperlink") && external) {
      kept.add_with_id(id, rel::kHyperlink, r.attribute("Target").value(), true);
    } else if (type.ends_with("/image") && !external) {
      const std::string source = resolve_target(part, r.attribute("Target").value());
      auto bytes = ref.parts.find(source);
      if (bytes == ref.parts.end()) continue;
      const std::string extension = source.substr(source.rfind('.') + 1);
      kept.add_with_id(
          id, rel::kImage,
          media.add("reference:" + source, extension, image_content_type(extension), bytes->second),
          false);
    }
  }
  return kept;
}

}  // namespace tillit::render::docx
