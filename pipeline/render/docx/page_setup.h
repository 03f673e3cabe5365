// Page setup: the reference's final section properties (page size, margins, header and footer
// references), turned into the w:sectPr of every section of the output in either orientation.
#pragma once

#include <array>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "model/document.h"
#include "render/docx/docx_writer.h"

namespace tillit::render::docx {

/// A header or footer a section refers to.
struct HeaderFooterRef {
  bool header = true;
  std::string type;  ///< "default", "first" or "even".
  std::string part;  ///< Part name in its package: "word/header1.xml".
};

/// The body's final w:sectPr of a reference package, without its header and footer references
/// (returned in `refs`, resolved to part names) and without anything pointing at other parts
/// (printer settings) or at revisions. False when the reference has no usable document.xml.
bool read_page_setup(const ReferenceDoc& ref, pugi::xml_document& sect_pr,
                     std::vector<HeaderFooterRef>& refs);

/// The w:sectPr of the output's sections.
class SectionLayout {
 public:
  /// `sect_pr` as read_page_setup gives it; `reference_xml` holds the header and footer
  /// references of the output, in order ("<w:headerReference w:type=... r:id=.../>...").
  SectionLayout(const pugi::xml_node& sect_pr, const std::string& reference_xml);

  /// The orientation of the reference's page.
  model::Orientation natural() const { return natural_; }
  /// The sectPr of a section. Every section keeps the header and footer references and lets
  /// page numbers run on; only the first keeps a different first page (w:titlePg).
  const std::string& xml(model::Orientation orientation, bool first_section) const;
  /// Text width and height between the margins, in twips.
  int text_width(model::Orientation orientation) const;
  int text_height(model::Orientation orientation) const;

 private:
  static size_t index(model::Orientation orientation, bool first) {
    return (orientation == model::Orientation::Landscape ? 2u : 0u) + (first ? 1u : 0u);
  }
  model::Orientation natural_ = model::Orientation::Portrait;
  int page_short_ = 11906;  // twips
  int page_long_ = 16838;
  int left_ = 1417, right_ = 1417, top_ = 1417, bottom_ = 1417, gutter_ = 0;
  std::array<std::string, 4> xml_;
};

}  // namespace tillit::render::docx
