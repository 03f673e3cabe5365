// Tracked changes: w:ins and w:del around runs, and the attributes every one carries.
#include "render/docx/body_writer.h"
#include "render/docx/xml_text.h"

namespace tillit::render::docx {

void BodyWriter::revision_tag(model::Change change, bool empty) {
  out_ += change == model::Change::Deleted ? "<w:del w:id=\"" : "<w:ins w:id=\"";
  // One counter for bookmarks and revisions keeps every annotation id in the package unique.
  append_int(out_, state_.next_bookmark_id++);
  out_ += '"';
  out_ += state_.revision_attributes;
  out_ += empty ? "/>" : ">";
}

void BodyWriter::revise(model::Change change) {
  if (change == open_) return;
  if (open_ != model::Change::None) {
    out_ += open_ == model::Change::Deleted ? "</w:del>" : "</w:ins>";
  }
  open_ = change;
  if (change != model::Change::None) revision_tag(change, false);
}

std::string revision_attributes(const model::Revision& who) {
  std::string out = " w:author=\"";
  // w:author is required; a redline made without one is still Tillit's.
  append_attr(out, who.author.empty() ? std::string("Tillit") : who.author);
  out += '"';
  if (!who.date.empty()) {
    out += " w:date=\"";
    append_attr(out, who.date);
    // xsd:dateTime: a plain date becomes its midnight, UTC.
    if (who.date.find('T') == std::string::npos) out += "T00:00:00Z";
    out += '"';
  }
  return out;
}

}  // namespace tillit::render::docx
