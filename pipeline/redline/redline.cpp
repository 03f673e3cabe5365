#include "redline/redline.h"

#include "redline/blocks.h"

namespace tillit::redline {

model::Document compare(const model::Document& before, const model::Document& after,
                        const Revision& who) {
  model::Document out;
  out.meta = after.meta;
  out.meta.revision = who;
  out.blocks = compare_blocks(before.blocks, after.blocks);
  out.images = after.images;
  // A deleted image is still shown, struck through, so its bytes come along.
  for (const auto& [id, data] : before.images) out.images.emplace(id, data);
  return out;
}

std::string write_redline_docx(const model::Document& before, const model::Document& after,
                               const Revision& who, const render::docx::ReferenceDoc& ref) {
  return render::docx::write_docx(compare(before, after, who), ref);
}

}  // namespace tillit::redline
