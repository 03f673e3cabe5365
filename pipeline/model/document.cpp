#include "model/document.h"

namespace tillit::model {

std::string plain_text(const Inlines& content) {
  std::string out;
  for (const auto& in : content) {
    if (auto* r = std::get_if<Run>(&in)) {
      out += r->text;
    } else if (auto* l = std::get_if<Link>(&in)) {
      for (const auto& run : l->content) out += run.text;
    } else if (std::holds_alternative<LineBreak>(in)) {
      out += '\n';
    }
  }
  return out;
}

}  // namespace tillit::model
