// write_docx in phases: (1) the reference's styles, lists and page setup, (2) headers and
// footers, (3) the body and its footnotes, (4) settings and properties, (5) the package.
#include "render/docx/docx_writer.h"

#include <algorithm>
#include <cstdlib>
#include <pugixml.hpp>
#include <utility>
#include <vector>

#include "render/docx/body_writer.h"
#include "render/docx/headers.h"
#include "render/docx/media.h"
#include "render/docx/numbering.h"
#include "render/docx/outline.h"
#include "render/docx/package.h"
#include "render/docx/page_setup.h"
#include "render/docx/properties.h"
#include "render/docx/reference.h"
#include "render/docx/settings.h"
#include "render/docx/styles.h"
#include "render/docx/xml_dom.h"
#include "render/docx/xml_text.h"

namespace tillit::render::docx {

namespace {

// Namespaces of the body and the footnotes: WordprocessingML, relationships, and DrawingML
// for inline pictures.
constexpr std::string_view kBodyNamespaces =
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
    " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

// Word requires the separator footnotes (-1, 0) that settings.xml's w:footnotePr names.
constexpr std::string_view kFootnoteSeparators =
    "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" "
    "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
    "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing "
    "w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/>"
    "</w:r></w:p></w:footnote>";

struct HeaderFooterPart {
  std::string name;  // "word/header1.xml"
  bool header;
  std::string xml;
  Relationships rels;
};

// The largest wp:docPr id in `xml`: pictures of the body are numbered after those of the
// headers, since Word wants the ids unique in the whole package.
int max_drawing_id(const std::string& xml) {
  int max_id = 0;
  for (size_t at = xml.find("<wp:docPr "); at != std::string::npos;
       at = xml.find("<wp:docPr ", at + 1)) {
    const size_t end = xml.find('>', at);
    const size_t id = xml.find(" id=\"", at);
    if (id < end) max_id = std::max(max_id, std::atoi(xml.c_str() + id + 5));
  }
  return max_id;
}

std::string package_relationships() {
  Relationships rels;
  rels.add(rel::kOfficeDocument, "word/document.xml");
  rels.add(rel::kCoreProperties, "docProps/core.xml");
  rels.add(rel::kExtendedProperties, "docProps/app.xml");
  return rels.xml();
}

}  // namespace

std::string write_docx(const model::Document& doc, const ReferenceDoc& ref) {
  const ReferenceDoc builtin = builtin_reference();
  auto part = [&](const char* name) { return reference_part(ref, builtin, name); };
  auto builtin_part = [&](const char* name) { return reference_part(builtin, builtin, name); };
  const std::string language = document_language(doc.meta.language);

  // 1. Styles, list definitions and page setup of the reference.
  const StyleSheet styles(part("word/styles.xml"), builtin_part("word/styles.xml"), language);
  Numbering numbering(part("word/numbering.xml"), builtin_part("word/numbering.xml"));
  pugi::xml_document sect_pr;
  std::vector<HeaderFooterRef> refs;
  const ReferenceDoc* layout_ref = &ref;
  if (!read_page_setup(ref, sect_pr, refs)) {
    layout_ref = &builtin;
    refs.clear();
    read_page_setup(builtin, sect_pr, refs);
  }

  // 2. Headers and footers, after the fixed parts among the document's relationships.
  Relationships rels;
  rels.add(rel::kStyles, "styles.xml");
  rels.add(rel::kNumbering, "numbering.xml");
  rels.add(rel::kSettings, "settings.xml");
  rels.add(rel::kWebSettings, "webSettings.xml");
  rels.add(rel::kFontTable, "fontTable.xml");
  rels.add(rel::kTheme, "theme/theme1.xml");
  MediaStore media;
  std::vector<HeaderFooterPart> header_footers;
  std::string reference_xml;
  int headers = 0;
  int footers = 0;
  int max_id = 0;
  for (const HeaderFooterRef& r : refs) {
    const std::string file = r.header ? "header" + std::to_string(++headers) + ".xml"
                                      : "footer" + std::to_string(++footers) + ".xml";
    HeaderFooterPart hf{
        "word/" + file, r.header,
        render_header_footer(layout_ref->parts.at(r.part), r.header, doc.meta, headers),
        carry_relationships(*layout_ref, r.part, media)};
    max_id = std::max(max_id, max_drawing_id(hf.xml));
    reference_xml += r.header ? "<w:headerReference w:type=\"" : "<w:footerReference w:type=\"";
    append_attr(reference_xml, r.type);
    reference_xml += "\" r:id=\"" + rels.add(r.header ? rel::kHeader : rel::kFooter, file);
    reference_xml += "\"/>";
    header_footers.push_back(std::move(hf));
  }
  const SectionLayout layout(sect_pr.first_child(), reference_xml);
  // Picture bullets of a branded numbering part.
  const ReferenceDoc& numbering_ref = ref.parts.count("word/numbering.xml") ? ref : builtin;
  const Relationships numbering_rels =
      carry_relationships(numbering_ref, "word/numbering.xml", media);

  // 3. The body, and the footnotes it refers to.
  const Outline outline(doc.blocks);
  WriteState state{doc, styles, outline, layout, numbering, media};
  state.next_drawing_id = max_id + 1;
  state.revision_attributes = revision_attributes(doc.meta.revision);
  std::string body(kXmlDeclaration);
  body += "<w:document";
  body += kBodyNamespaces;
  body += "><w:body>";
  BodyWriter writer(state, rels, body, BodyWriter::Kind::Body, layout.natural());
  writer.write_body(doc.blocks);
  body += "</w:body></w:document>";
  const bool has_footnotes = state.footnote_count > 0;
  if (has_footnotes) rels.add(rel::kFootnotes, "footnotes.xml");

  // 4. Settings and document properties.
  const std::string settings = document_settings(
      part("word/settings.xml"), builtin_part("word/settings.xml"), language, has_footnotes);

  // 5. The package, in a fixed order.
  Package package;
  package.add("_rels/.rels", "", package_relationships());
  package.add("docProps/core.xml", content_type::kCoreProperties,
              core_properties_xml(doc.meta, language));
  package.add("docProps/app.xml", content_type::kExtendedProperties, app_properties_xml(doc.meta));
  package.add("word/document.xml", content_type::kDocument, std::move(body));
  package.add("word/_rels/document.xml.rels", "", rels.xml());
  package.add("word/styles.xml", content_type::kStyles, styles.xml());
  package.add("word/numbering.xml", content_type::kNumbering, numbering.xml());
  if (!numbering_rels.empty()) {
    package.add("word/_rels/numbering.xml.rels", "", numbering_rels.xml());
  }
  package.add("word/settings.xml", content_type::kSettings, settings);
  package.add("word/webSettings.xml", content_type::kWebSettings,
              normalized_part(part("word/webSettings.xml"), builtin_part("word/webSettings.xml")));
  package.add("word/fontTable.xml", content_type::kFontTable,
              font_table(part("word/fontTable.xml"), builtin_part("word/fontTable.xml")));
  package.add(
      "word/theme/theme1.xml", content_type::kTheme,
      normalized_part(part("word/theme/theme1.xml"), builtin_part("word/theme/theme1.xml")));
  if (has_footnotes) {
    std::string footnotes(kXmlDeclaration);
    footnotes += "<w:footnotes";
    footnotes += kBodyNamespaces;
    footnotes += ">";
    footnotes += kFootnoteSeparators;
    footnotes += state.footnotes;
    footnotes += "</w:footnotes>";
    package.add("word/footnotes.xml", content_type::kFootnotes, std::move(footnotes));
    if (!state.footnote_rels.empty()) {
      package.add("word/_rels/footnotes.xml.rels", "", state.footnote_rels.xml());
    }
  }
  for (HeaderFooterPart& hf : header_footers) {
    if (!hf.rels.empty()) package.add(rels_path(hf.name), "", hf.rels.xml());
    package.add(hf.name, hf.header ? content_type::kHeader : content_type::kFooter,
                std::move(hf.xml));
  }
  media.add_to(package);
  return package.zip();
}

}  // namespace tillit::render::docx
