#!/usr/bin/env bash
# Benchmarks, with every baseline measured in the same run: builds Tillit in Release mode,
# generates synthetic Type 2 engagements (100, 1,000 and 5,000 controls, both languages), and
# prints a table of medians and peak memory, then one machine-readable `bench: ...` line per
# figure (docs/benchmarks.md explains them and holds a recorded run).
#   scripts/bench.sh [RUNS]      (default 5 runs per figure; 3 at most for pandoc and PDF)
# Sizes, overridable (an empty list skips the figure): BENCH_SIZES="100 1000 5000",
# BENCH_PANDOC_SIZES="100 1000" (pandoc needs minutes a run at 5,000), BENCH_PDF_SIZES="100"
# (LibreOffice needs about 20 s a run at 1,000).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/bench.sh [RUNS]" >&2
  exit 64
fi
for tool in /usr/bin/time pandoc soffice /usr/bin/python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench: $tool is missing; run scripts/setup.sh" >&2
    exit 69
  fi
done

cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-bench -j2 >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for n in ${BENCH_SIZES-100 1000 5000}; do
  /usr/bin/python3 scripts/gen_engagement.py "$work/eng$n" "$n"
  /usr/bin/python3 scripts/gen_engagement.py "$work/changed$n" "$n" --changed-result
  mv "$work/changed$n/controls.xlsx" "$work/changed$n.xlsx"
  rm -rf "$work/changed$n"
done
/usr/bin/python3 scripts/bench_run.py "$PWD/build-bench/tillit" "$work" "$runs"
