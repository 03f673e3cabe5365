// The DOCX writer: renders a model::Document as WordprocessingML over a reference document, in
// the manner of pandoc's --reference-doc. The reference supplies the styles, list definitions,
// theme, fonts, settings, page setup and headers and footers; the writer supplies the body.
//
// Styles are found by their w:name ("heading 1", "toc 1", "Table Text"...), not by their id,
// so a branded template saved by a Swedish Word (style id "Rubrik1") works too. The built-in
// reference is templates/docx/, compiled into the binary.
#pragma once

#include <map>
#include <string>

#include "model/document.h"

namespace tillit::render::docx {

/// An unpacked .docx/.dotx: part name ("word/styles.xml") -> bytes.
struct ReferenceDoc {
  std::map<std::string, std::string> parts;
};

/// The built-in reference: the files of templates/docx/.
ReferenceDoc builtin_reference();

/// A branded reference over the built-in one. Where the branded package has them, its
/// styles.xml, numbering.xml, theme, fontTable.xml and webSettings.xml replace the built-in
/// ones; layout settings (tab stops, hyphenation, compatibility, even/odd headers...) come from
/// its settings.xml; its page setup (the body's final w:sectPr: page size, margins, columns)
/// replaces the built-in one, and so do its headers and footers, with their images. Where it
/// has no default header (or footer) the built-in one stays, so pages keep their running head
/// and "Page X of Y". Styles and list definitions the writer needs that the branded parts lack
/// are added from the built-in ones, so the output never names a missing style.
ReferenceDoc merge_reference(const ReferenceDoc& builtin, const ReferenceDoc& branded);

/// The .docx bytes of `doc` over `ref` (any part `ref` lacks comes from the built-in reference).
/// Always a document (document.main+xml), even over a .dotx template. Identical inputs give
/// identical bytes: nothing depends on the clock, the machine or chance. Text is cleaned of the
/// characters XML 1.0 forbids. Returns an empty string only when libzip fails (out of memory).
///
/// In headers and footers the texts {{header_text}}, {{page_label_before}},
/// {{page_label_between}} and {{title}} are replaced by the Meta fields of those names, so a
/// branded template can place them too.
std::string write_docx(const model::Document& doc, const ReferenceDoc& ref);

}  // namespace tillit::render::docx
