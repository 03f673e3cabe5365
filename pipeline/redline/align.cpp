#include "redline/align.h"

#include <algorithm>
#include <cstdint>

namespace tillit::redline {

std::vector<Step> align(size_t n, size_t m, const std::function<bool(size_t, size_t)>& same,
                        size_t budget) {
  std::vector<Step> script;
  // The common start and end cost nothing and are most of a document that changed little.
  size_t start = 0;
  while (start < n && start < m && same(start, start)) ++start;
  size_t end_a = n, end_b = m;
  while (end_a > start && end_b > start && same(end_a - 1, end_b - 1)) {
    --end_a;
    --end_b;
  }
  for (size_t i = 0; i < start; ++i) script.push_back({Step::Kind::Same, i, i});

  const size_t rows = end_a - start, cols = end_b - start;
  if (rows > 0 && cols > 0 && rows * cols <= budget) {
    // lcs[i][j]: the longest common subsequence of a[start+i..end_a) and b[start+j..end_b).
    const size_t width = cols + 1;
    std::vector<uint32_t> lcs((rows + 1) * width, 0);
    for (size_t i = rows; i-- > 0;) {
      for (size_t j = cols; j-- > 0;) {
        lcs[i * width + j] = same(start + i, start + j)
                                 ? lcs[(i + 1) * width + j + 1] + 1
                                 : std::max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    size_t i = 0, j = 0;
    while (i < rows || j < cols) {
      if (i < rows && j < cols && same(start + i, start + j) &&
          lcs[i * width + j] == lcs[(i + 1) * width + j + 1] + 1) {
        script.push_back({Step::Kind::Same, start + i++, start + j++});
      } else if (j == cols || (i < rows && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) {
        script.push_back({Step::Kind::Delete, start + i++, 0});
      } else {
        script.push_back({Step::Kind::Insert, 0, start + j++});
      }
    }
  } else {
    for (size_t i = start; i < end_a; ++i) script.push_back({Step::Kind::Delete, i, 0});
    for (size_t j = start; j < end_b; ++j) script.push_back({Step::Kind::Insert, 0, j});
  }
  for (size_t k = 0; end_a + k < n; ++k) script.push_back({Step::Kind::Same, end_a + k, end_b + k});
  deletions_first(script);
  return script;
}

void deletions_first(std::vector<Step>& script) {
  auto gap_start = script.begin();
  while (gap_start != script.end()) {
    auto gap_end = std::find_if(gap_start, script.end(),
                                [](const Step& s) { return s.kind == Step::Kind::Same; });
    std::stable_partition(gap_start, gap_end,
                          [](const Step& s) { return s.kind == Step::Kind::Delete; });
    gap_start = gap_end == script.end() ? gap_end : gap_end + 1;
  }
}

}  // namespace tillit::redline
