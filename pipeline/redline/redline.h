// The redline: a later version of a report with every change since an earlier one marked as a
// tracked change (model::Change), which the DOCX writer turns into Word's w:ins and w:del so a
// reviewer accepts or rejects each one in Word or LibreOffice.
#pragma once

#include <string>

#include "model/document.h"
#include "render/docx/docx_writer.h"

namespace tillit::redline {

/// Who the changes are attributed to and their date (ISO, never the wall clock).
using Revision = model::Revision;

/// `after` with the changes since `before` marked:
/// - blocks (paragraphs, headings, lists, tables) are aligned by a longest common
///   subsequence; a block only in `before` comes back marked Deleted where it stood, a block
///   only in `after` is marked Inserted; page and section breaks and the table of contents
///   are taken from `after` unmarked;
/// - a block replaced by one of its kind (a paragraph of the same role, a heading of the same
///   level) is compared word by word when it is the only change at that place or when half of
///   its words remain; else it reads as deleted and inserted;
/// - table rows are aligned by their first cell's text when that is a key in both tables
///   (non-empty and unique: a control ID), else by their content; rows of the same shape are
///   compared cell by cell, each cell's content as blocks; other rows are deleted or inserted;
/// - list items are aligned as blocks are, and compared as blocks.
/// Unchanged content carries no mark; meta, images and everything else come from `after`,
/// with `who` as the changes' author and date (Meta::revision).
model::Document compare(const model::Document& before, const model::Document& after,
                        const Revision& who);

/// The redline as .docx bytes: compare(), then render::docx::write_docx() over `ref`.
std::string write_redline_docx(const model::Document& before, const model::Document& after,
                               const Revision& who, const render::docx::ReferenceDoc& ref);

}  // namespace tillit::redline
