// Headers and footers of the output, taken from the reference: their placeholders filled in
// from the document's Meta, the watermark added to headers, their images carried along.
#pragma once

#include <string>
#include <string_view>

#include "model/document.h"
#include "render/docx/docx_writer.h"
#include "render/docx/media.h"
#include "render/docx/package.h"

namespace tillit::render::docx {

/// A reference header (w:hdr) or footer (w:ftr) made into an output part: {{header_text}},
/// {{page_label_before}}, {{page_label_between}} and {{title}} replaced in its w:t texts and,
/// in a header of a document with Meta::watermark, the watermark added as the first run of its
/// first paragraph. `shape_number` keeps the watermark shapes of several headers apart. A part
/// that is not well-formed becomes an empty one.
std::string render_header_footer(std::string_view xml, bool header, const model::Meta& meta,
                                 int shape_number);

/// The relationships of reference part `part` that the output keeps, under their own ids:
/// images (copied into `media`) and external hyperlinks. Other kinds are left out.
Relationships carry_relationships(const ReferenceDoc& ref, const std::string& part,
                                  MediaStore& media);

}  // namespace tillit::render::docx
