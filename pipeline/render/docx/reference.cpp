#include "render/docx/reference.h"

#include <pugixml.hpp>
#include <utility>
#include <vector>

#include "render/docx/numbering.h"
#include "render/docx/package.h"
#include "render/docx/page_setup.h"
#include "render/docx/settings.h"
#include "render/docx/styles.h"
#include "render/docx/xml_dom.h"
#include "support/embedded.h"

namespace tillit::render::docx {

namespace {

constexpr std::string_view kTemplateFolder = "templates/docx/";

bool well_formed(std::string_view xml) {
  pugi::xml_document doc;
  return parse_xml(doc, xml) && doc.document_element();
}

// Copies part `part` of `source` into `out` as `name`, with its relationships and the images
// they point at.
void copy_with_relationships(const ReferenceDoc& source, const std::string& part,
                             const std::string& name, ReferenceDoc& out) {
  out.parts[name] = source.parts.at(part);
  auto rels = source.parts.find(rels_path(part));
  if (rels == source.parts.end()) return;
  out.parts[rels_path(name)] = rels->second;
  pugi::xml_document doc;
  parse_xml(doc, rels->second);
  for (pugi::xml_node r : doc.child("Relationships").children("Relationship")) {
    if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
    const std::string target = resolve_target(part, r.attribute("Target").value());
    auto bytes = source.parts.find(target);
    if (bytes != source.parts.end()) out.parts[target] = bytes->second;
  }
}

// The branded page setup with the headers and footers described in merge_reference().
void merge_page_setup(const ReferenceDoc& builtin, const ReferenceDoc& branded, ReferenceDoc& out) {
  pugi::xml_document branded_sect;
  std::vector<HeaderFooterRef> branded_refs;
  if (!read_page_setup(branded, branded_sect, branded_refs)) return;
  pugi::xml_document builtin_sect;
  std::vector<HeaderFooterRef> builtin_refs;
  read_page_setup(builtin, builtin_sect, builtin_refs);

  std::vector<std::pair<const ReferenceDoc*, HeaderFooterRef>> chosen;
  for (bool header : {true, false}) {
    bool has_default = false;
    for (const HeaderFooterRef& r : branded_refs) {
      if (r.header != header) continue;
      chosen.emplace_back(&branded, r);
      has_default = has_default || r.type == "default";
    }
    if (has_default) continue;
    for (const HeaderFooterRef& r : builtin_refs) {
      if (r.header == header && r.type == "default") chosen.emplace_back(&builtin, r);
    }
  }

  for (const HeaderFooterRef& r : builtin_refs) {
    out.parts.erase(r.part);
    out.parts.erase(rels_path(r.part));
  }
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("w:document");
  set_attr(root, "xmlns:w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main");
  set_attr(root, "xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
  pugi::xml_node sect = root.append_child("w:body").append_child("w:sectPr");
  Relationships rels;
  int headers = 0;
  int footers = 0;
  for (const auto& [source, r] : chosen) {
    const std::string file = r.header ? "header" + std::to_string(++headers) + ".xml"
                                      : "footer" + std::to_string(++footers) + ".xml";
    copy_with_relationships(*source, r.part, "word/" + file, out);
    pugi::xml_node reference =
        sect.append_child(r.header ? "w:headerReference" : "w:footerReference");
    set_attr(reference, "w:type", r.type);
    set_attr(reference, "r:id", rels.add(r.header ? rel::kHeader : rel::kFooter, file));
  }
  for (pugi::xml_node child : branded_sect.child("w:sectPr").children()) sect.append_copy(child);
  out.parts["word/document.xml"] = serialize(document);
  out.parts["word/_rels/document.xml.rels"] = rels.xml();
}

}  // namespace

ReferenceDoc builtin_reference() {
  ReferenceDoc ref;
  for (const EmbeddedFile& file : embedded_files()) {
    if (file.path.starts_with(kTemplateFolder)) {
      ref.parts.emplace(std::string(file.path.substr(kTemplateFolder.size())),
                        std::string(file.bytes));
    }
  }
  return ref;
}

ReferenceDoc merge_reference(const ReferenceDoc& builtin, const ReferenceDoc& branded) {
  ReferenceDoc out = builtin;
  auto branded_part = [&](const std::string& name) -> const std::string* {
    auto found = branded.parts.find(name);
    return found != branded.parts.end() && well_formed(found->second) ? &found->second : nullptr;
  };

  if (const std::string* styles = branded_part("word/styles.xml")) {
    pugi::xml_document doc;
    pugi::xml_document defaults;
    parse_xml(doc, *styles);
    parse_xml(defaults, reference_part(builtin, builtin, "word/styles.xml"));
    add_missing_styles(doc, defaults);
    out.parts["word/styles.xml"] = serialize(doc);
  }
  if (const std::string* numbering = branded_part("word/numbering.xml")) {
    pugi::xml_document doc;
    pugi::xml_document defaults;
    parse_xml(doc, *numbering);
    parse_xml(defaults, reference_part(builtin, builtin, "word/numbering.xml"));
    add_missing_list_definitions(doc, defaults);
    // Picture bullets refer to images through the numbering part's relationships.
    copy_with_relationships(branded, "word/numbering.xml", "word/numbering.xml", out);
    out.parts["word/numbering.xml"] = serialize(doc);
  }
  for (const char* name : {"word/theme/theme1.xml", "word/fontTable.xml", "word/webSettings.xml"}) {
    if (const std::string* part = branded_part(name)) out.parts[name] = *part;
  }
  if (const std::string* settings = branded_part("word/settings.xml")) {
    out.parts["word/settings.xml"] =
        merge_settings(reference_part(builtin, builtin, "word/settings.xml"), *settings);
  }
  merge_page_setup(builtin, branded, out);
  return out;
}

std::string_view reference_part(const ReferenceDoc& ref, const ReferenceDoc& builtin,
                                const std::string& name) {
  auto found = ref.parts.find(name);
  if (found != ref.parts.end()) return found->second;
  found = builtin.parts.find(name);
  return found != builtin.parts.end() ? std::string_view(found->second) : std::string_view();
}

std::string normalized_part(std::string_view xml, std::string_view fallback) {
  pugi::xml_document doc;
  if (!parse_xml(doc, xml) || !doc.document_element()) parse_xml(doc, fallback);
  return serialize(doc);
}

std::string font_table(std::string_view xml, std::string_view fallback) {
  pugi::xml_document doc;
  if (!parse_xml(doc, xml) || !doc.child("w:fonts")) parse_xml(doc, fallback);
  for (pugi::xml_node font : doc.child("w:fonts").children("w:font")) {
    for (const char* embed :
         {"w:embedRegular", "w:embedBold", "w:embedItalic", "w:embedBoldItalic"}) {
      font.remove_child(embed);
    }
  }
  return serialize(doc);
}

}  // namespace tillit::render::docx
