// The numbering part: the reference's list definitions, the two the writer uses ("Tillit
// Bullet", "Tillit Ordered") added when missing, and one w:num per list of the document.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace tillit::render::docx {

/// Adds to `numbering` the abstract numbering definitions of `builtin` whose w:name it lacks,
/// renumbered after its own.
void add_missing_list_definitions(pugi::xml_document& numbering, const pugi::xml_document& builtin);

class Numbering {
 public:
  /// `numbering_xml` falls back to `builtin_xml` when it is not well-formed.
  Numbering(std::string_view numbering_xml, std::string_view builtin_xml);
  /// A fresh numbering instance for one list whose paragraphs sit at `level` (0-8). Ordered
  /// lists restart at their first number: every list is numbered on its own.
  int new_list(bool ordered, int level);
  std::string xml() const;

 private:
  struct Instance {
    int num_id;
    int abstract_id;
    int level;
    int start;  // 0 for bullets: no restart needed
  };
  pugi::xml_document doc_;
  int bullet_abstract_ = 0;
  int ordered_abstract_ = 0;
  std::vector<int> ordered_starts_;  // start value per level of the ordered definition
  int next_num_id_ = 1;
  std::vector<Instance> instances_;
};

}  // namespace tillit::render::docx
