#!/usr/bin/env bash
# Benchmarks, with every baseline measured in the same run. Prints a table of medians and one
# machine-readable "bench: ..." line per figure.
#   scripts/bench.sh [RUNS]      (default 5 runs per figure)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for n in 100 1000 5000; do
  /usr/bin/python3 scripts/gen_engagement.py "$work/eng$n" "$n"
done

/usr/bin/python3 - "$work" "$runs" <<'PY'
import statistics, subprocess, sys, time
work, runs = sys.argv[1], int(sys.argv[2])
tillit = "build-bench/tillit"

def median_time(cmd, accept=(0,)):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
        if r.returncode not in accept:
            sys.exit(f"bench: {' '.join(cmd)} exited {r.returncode}")
    return statistics.median(times)

# Baseline: openpyxl (what most Python compliance tooling uses) only loading the same
# workbook and touching every cell, in read-only mode, its fastest.
OPENPYXL = ("import sys, openpyxl\n"
            "wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
            "n = sum(1 for ws in wb for row in ws.iter_rows(values_only=True) for v in row)\n")

print(f"{'controls':>8}  {'tillit check':>13}  {'openpyxl read':>13}  {'ratio':>7}")
lines = []
for n in (100, 1000, 5000):
    eng = f"{work}/eng{n}"
    check = median_time([tillit, "check", eng, "--quiet"], accept=(0,))
    base = median_time(["/usr/bin/python3", "-c", OPENPYXL, f"{eng}/controls.xlsx"])
    print(f"{n:>8}  {check * 1000:>10.1f} ms  {base * 1000:>10.1f} ms  {base / check:>6.1f}x")
    lines.append(f"bench: check-vs-openpyxl {n} controls: {base / check:.1f}x faster "
                 f"({check * 1000:.1f} ms vs {base * 1000:.1f} ms)")
print()
print(f"{'report':>14}  {'check':>10}  {'build docx':>10}  {'render share':>12}")
for name, eng in [("sample", "samples/molnkvarn")] + [(f"{n} controls", f"{work}/eng{n}") for n in (1000, 5000)]:
    check = median_time([tillit, "check", eng, "--quiet"])
    build = median_time([tillit, "build", eng, "--out", f"{work}/out"])
    print(f"{name:>14}  {check * 1000:>7.1f} ms  {build * 1000:>7.1f} ms  {(build - check) * 1000:>9.1f} ms")
    lines.append(f"bench: build-docx {name}: {build * 1000:.1f} ms for both languages "
                 f"({build / check:.2f}x the time of check alone)")

# PDF: Tillit's whole build (check, assemble, DOCX, LibreOffice with the index update) against
# LibreOffice alone converting the same DOCX files, one after the other as a script would.
import glob, os, shutil, tempfile
pdf_runs = max(1, min(runs, 3))
out = f"{work}/pdf"
def once(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t
build = statistics.median(
    [once([tillit, "build", "samples/molnkvarn", "--out", out, "--format", "pdf"])
     for _ in range(pdf_runs)])
docx_files = sorted(glob.glob(f"{out}/*.docx"))
profile = tempfile.mkdtemp()
def soffice_alone():
    for d in docx_files:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
                        "--convert-to", "pdf", "--outdir", f"{work}/plain", d],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
plain = []
for _ in range(pdf_runs):
    t = time.perf_counter(); soffice_alone(); plain.append(time.perf_counter() - t)
plain = statistics.median(plain)
shutil.rmtree(profile, ignore_errors=True)
print(f"\nPDF of the sample (sv + en): tillit build --format pdf {build:.2f} s, "
      f"soffice --convert-to pdf alone {plain:.2f} s")
lines.append(f"bench: pdf-build-vs-soffice sample: {build / plain:.2f}x of LibreOffice alone "
             f"({build:.2f} s vs {plain:.2f} s; tillit updates the contents before export and "
             f"converts both languages in parallel)")
print()
print("\n".join(lines))
PY
