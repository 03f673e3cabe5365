// Word-level comparison of two versions of a paragraph's text.
#pragma once

#include "model/document.h"

namespace tillit::redline {

struct WordDiff {
  /// The later text, with the earlier text's removed words marked Deleted in place and the
  /// added ones marked Inserted; unchanged words carry no mark.
  model::Inlines merged;
  bool changed = false;
  /// How much of the two versions is common, 0..1: twice the words (and punctuation marks)
  /// they share over the words of both; 1 for two empty texts. Whitespace does not count.
  double similarity = 1.0;
};

/// Compares words, whitespace and punctuation; a link, image, line break or footnote is one
/// unit, changed as a whole. Whitespace and punctuation left between two changes join them,
/// so a reworded phrase reads as one deletion and one insertion rather than word by word. Very long texts
/// rewritten throughout are replaced whole (see kAlignBudget).
WordDiff compare_words(const model::Inlines& before, const model::Inlines& after);

/// Sets the mark of every inline (a whole link, a whole footnote).
void mark(model::Inlines& content, model::Change change);

}  // namespace tillit::redline
