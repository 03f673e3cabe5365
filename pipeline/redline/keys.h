// What counts as "the same" when two versions of a report are compared: a canonical string
// per piece of content. Revision marks are ignored, and adjacent runs of the same formatting
// are one, since assembly may split a text differently without changing what it says.
#pragma once

#include <string>

#include "model/document.h"

namespace tillit::redline {

std::string key(const model::Inlines& content);
std::string key(const model::Block& block);
std::string key(const model::Blocks& blocks);
std::string key(const model::TableRow& row);

/// The shape of a row: its number of cells and their spans. Rows of one shape can be
/// compared cell by cell.
std::string shape(const model::TableRow& row);

/// A string that says what kind of block this is and so which blocks it can be compared with
/// as an edited version of itself: headings of one level, paragraphs of one role, lists of one
/// kind, tables of one role and width. Other blocks (breaks, the table of contents) only
/// match an identical block.
std::string kind(const model::Block& block);

}  // namespace tillit::redline
