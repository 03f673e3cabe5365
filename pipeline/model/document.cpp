#include "model/document.h"

namespace tillit::model {

std::string plain_text(const Inlines& content) {
  std::string out;
  for (const auto& in : content) {
    if (auto* r = std::get_if<Run>(&in)) {
      if (r->change != Change::Deleted) out += r->text;
    } else if (auto* l = std::get_if<Link>(&in)) {
      if (l->change == Change::Deleted) continue;
      for (const auto& run : l->content) {
        if (run.change != Change::Deleted) out += run.text;
      }
    } else if (auto* br = std::get_if<LineBreak>(&in)) {
      if (br->change != Change::Deleted) out += '\n';
    }
  }
  return out;
}

}  // namespace tillit::model
