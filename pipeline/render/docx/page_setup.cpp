#include "render/docx/page_setup.h"

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <map>
#include <string_view>
#include <utility>

#include "render/docx/package.h"
#include "render/docx/xml_dom.h"

namespace tillit::render::docx {

namespace {

// CT_SectPr's sequence after the header and footer references.
const std::initializer_list<std::string_view> kSectOrder = {"w:headerReference",
                                                            "w:footerReference",
                                                            "w:footnotePr",
                                                            "w:endnotePr",
                                                            "w:type",
                                                            "w:pgSz",
                                                            "w:pgMar",
                                                            "w:paperSrc",
                                                            "w:pgBorders",
                                                            "w:lnNumType",
                                                            "w:pgNumType",
                                                            "w:cols",
                                                            "w:formProt",
                                                            "w:vAlign",
                                                            "w:noEndnote",
                                                            "w:titlePg",
                                                            "w:textDirection",
                                                            "w:bidi",
                                                            "w:rtlGutter",
                                                            "w:docGrid",
                                                            "w:printerSettings",
                                                            "w:sectPrChange"};

// A4 with 2.5 cm margins, for a reference without page size or margins.
constexpr int kA4Width = 11906;
constexpr int kA4Height = 16838;
constexpr int kMargin = 1417;

std::map<std::string, std::string> relationship_targets(const ReferenceDoc& ref,
                                                        const std::string& part) {
  std::map<std::string, std::string> targets;
  auto rels = ref.parts.find(rels_path(part));
  if (rels == ref.parts.end()) return targets;
  pugi::xml_document doc;
  parse_xml(doc, rels->second);
  for (pugi::xml_node r : doc.child("Relationships").children("Relationship")) {
    if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
    targets[r.attribute("Id").value()] = resolve_target(part, r.attribute("Target").value());
  }
  return targets;
}

}  // namespace

bool read_page_setup(const ReferenceDoc& ref, pugi::xml_document& sect_pr,
                     std::vector<HeaderFooterRef>& refs) {
  const std::string document_part = "word/document.xml";
  auto document = ref.parts.find(document_part);
  pugi::xml_document doc;
  if (document == ref.parts.end() || !parse_xml(doc, document->second)) return false;
  pugi::xml_node body = doc.child("w:document").child("w:body");
  if (!body) return false;
  pugi::xml_node source = body.last_child();
  while (source && source.type() != pugi::node_element) source = source.previous_sibling();
  sect_pr.reset();
  pugi::xml_node sect = sect_pr.append_child("w:sectPr");
  if (source && std::string_view(source.name()) == "w:sectPr") {
    for (pugi::xml_node child : source.children()) sect.append_copy(child);
  }
  const auto targets = relationship_targets(ref, document_part);
  for (const char* name : {"w:headerReference", "w:footerReference"}) {
    while (pugi::xml_node r = sect.child(name)) {
      auto target = targets.find(r.attribute("r:id").value());
      if (target != targets.end() && ref.parts.count(target->second) > 0) {
        refs.push_back({std::string_view(name) == "w:headerReference",
                        r.attribute("w:type").as_string("default"), target->second});
      }
      sect.remove_child(r);
    }
  }
  sect.remove_child("w:printerSettings");
  sect.remove_child("w:sectPrChange");
  return true;
}

SectionLayout::SectionLayout(const pugi::xml_node& sect_pr, const std::string& reference_xml) {
  pugi::xml_document base;
  pugi::xml_node sect = base.append_copy(sect_pr);
  // A continuous or even-page start would keep a landscape section on a portrait page.
  sect.remove_child("w:type");

  pugi::xml_node size = child_in_order(sect, "w:pgSz", kSectOrder);
  int w = size.attribute("w:w").as_int(kA4Width);
  int h = size.attribute("w:h").as_int(kA4Height);
  if (w <= 0) w = kA4Width;
  if (h <= 0) h = kA4Height;
  natural_ = w > h || std::string_view(size.attribute("w:orient").value()) == "landscape"
                 ? model::Orientation::Landscape
                 : model::Orientation::Portrait;
  page_short_ = std::min(w, h);
  page_long_ = std::max(w, h);

  pugi::xml_node margins = child_in_order(sect, "w:pgMar", kSectOrder);
  // CT_PageMar requires all seven attributes.
  const std::pair<const char*, const char*> kDefaults[] = {
      {"w:top", "1417"},   {"w:right", "1417"}, {"w:bottom", "1417"}, {"w:left", "1417"},
      {"w:header", "708"}, {"w:footer", "708"}, {"w:gutter", "0"}};
  for (const auto& [side, value] : kDefaults) {
    if (!margins.attribute(side)) set_attr(margins, side, value);
  }
  top_ = std::abs(margins.attribute("w:top").as_int(kMargin));
  bottom_ = std::abs(margins.attribute("w:bottom").as_int(kMargin));
  left_ = margins.attribute("w:left").as_int(kMargin);
  right_ = margins.attribute("w:right").as_int(kMargin);
  gutter_ = margins.attribute("w:gutter").as_int(0);

  for (bool first : {false, true}) {
    for (auto orientation : {model::Orientation::Portrait, model::Orientation::Landscape}) {
      pugi::xml_document variant;
      pugi::xml_node s = variant.append_copy(sect);
      pugi::xml_node pg = s.child("w:pgSz");
      const bool landscape = orientation == model::Orientation::Landscape;
      set_attr(pg, "w:w", std::to_string(landscape ? page_long_ : page_short_));
      set_attr(pg, "w:h", std::to_string(landscape ? page_short_ : page_long_));
      if (landscape) {
        set_attr(pg, "w:orient", "landscape");
      } else {
        pg.remove_attribute("w:orient");
      }
      if (!first) {
        s.remove_child("w:titlePg");
        s.child("w:pgNumType").remove_attribute("w:start");
      }
      // The references come first in CT_SectPr. The element has children (w:pgSz at least),
      // so its start tag ends at the first '>'.
      std::string text = serialize(s);
      text.insert(text.find('>') + 1, reference_xml);
      xml_[index(orientation, first)] = std::move(text);
    }
  }
}

const std::string& SectionLayout::xml(model::Orientation orientation, bool first_section) const {
  return xml_[index(orientation, first_section)];
}

int SectionLayout::text_width(model::Orientation orientation) const {
  const int page = orientation == model::Orientation::Landscape ? page_long_ : page_short_;
  return std::max(1440, page - left_ - right_ - gutter_);
}

int SectionLayout::text_height(model::Orientation orientation) const {
  const int page = orientation == model::Orientation::Landscape ? page_short_ : page_long_;
  return std::max(1440, page - top_ - bottom_);
}

}  // namespace tillit::render::docx
