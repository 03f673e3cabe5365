// The bilingual parity check: the language versions of a deliverable must have the same
// headings (in order and level) and, under each heading, the same number of tables, images,
// lists and list items. A translator who drops a paragraph's bullet or a table is told where.
#pragma once

#include <string>
#include <vector>

#include "markdown/markdown.h"
#include "support/diagnostics.h"

namespace tillit::deliverable {

/// One language version's structure (markdown::outline) and the name of its file.
struct VersionOutline {
  std::string shown;
  std::vector<markdown::OutlineItem> items;
};

/// Report every difference as a warning at the element that has no counterpart, with a note
/// at the place in the other version (rules parity-heading, parity-table, parity-image,
/// parity-list). Headings are paired by an alignment that weighs level and content, so one
/// missing heading is reported once, not as a shift of all that follow.
void check_parity(const VersionOutline& first, const VersionOutline& second, Diagnostics& diags);

}  // namespace tillit::deliverable
