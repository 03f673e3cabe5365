// Block-level comparison: blocks, list items, tables and rows (see compare() in redline.h).
#pragma once

#include "model/document.h"

namespace tillit::redline {

/// `after` with the changes since `before` marked.
model::Blocks compare_blocks(const model::Blocks& before, const model::Blocks& after);

/// Marks a whole block as inserted or deleted: a paragraph or heading, every row of a table
/// (and its caption), every item of a list.
void mark(model::Block& block, model::Change change);

}  // namespace tillit::redline
