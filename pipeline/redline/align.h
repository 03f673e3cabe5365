// The edit script between two sequences: a longest common subsequence under any notion of
// "the same", shared by the comparison of blocks, table rows, list items and words.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace tillit::redline {

struct Step {
  enum class Kind { Same, Delete, Insert };
  Kind kind;
  size_t before = 0;  ///< Index into the first sequence (Same, Delete).
  size_t after = 0;   ///< Index into the second sequence (Same, Insert).
};

/// Above this many table cells the middle of two sequences (what is left between their
/// common start and end) is taken as replaced whole: a 2000-word paragraph rewritten
/// throughout, a 4000-row table reordered. It bounds time and memory (4 bytes a cell).
inline constexpr size_t kAlignBudget = size_t{4} << 20;

/// Turns a[0..n) into b[0..m): Same steps for a longest common subsequence under `same`,
/// Delete and Insert steps for the rest, every gap's deletions before its insertions.
std::vector<Step> align(size_t n, size_t m, const std::function<bool(size_t, size_t)>& same,
                        size_t budget = kAlignBudget);

/// Moves the deletions of every gap (a run of steps between two Same steps) before its
/// insertions, keeping their order; for scripts edited after align().
void deletions_first(std::vector<Step>& script);

}  // namespace tillit::redline
