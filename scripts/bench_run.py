#!/usr/bin/python3
"""The measuring half of scripts/bench.sh: times Tillit and its baselines on the engagements
bench.sh generated, prints a table of medians and peak memory, then one `bench:` line per figure.

usage: bench_run.py TILLIT WORK RUNS
WORK holds eng<N>/ (the engagement) and changed<N>.xlsx (its matrix with one result changed)
for every size in BENCH_SIZES. Every command runs under /usr/bin/time -v for its CPU time and
peak resident memory; wall time is measured around it. Each figure is the median of RUNS runs (of
min(RUNS, 3) for the slow baselines, pandoc and LibreOffice)."""
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

TIME = "/usr/bin/time"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "templates", "pdf"))
sys.dont_write_bytecode = True  # templates/ is embedded into the binary: no __pycache__ there
from export import PROFILE_SEED  # noqa: E402  (the profile seed of Tillit's own PDF export)


def sizes(variable, default):
    return [int(n) for n in os.environ.get(variable, default).split()]


class Sample:
    """One timed run: wall seconds, CPU seconds (user + system, child processes included),
    and the peak resident memory of the largest process."""

    def __init__(self, seconds, cpu, peak_kb):
        self.seconds = seconds
        self.cpu = cpu
        self.peak_kb = peak_kb


class Figure:
    """The runs of one measurement: median times, highest peak memory."""

    def __init__(self, samples):
        self.seconds = statistics.median(s.seconds for s in samples)
        self.cpu = statistics.median(s.cpu for s in samples)
        self.peak_mb = max(s.peak_kb for s in samples) / 1024


def time_report(report):
    """CPU seconds and peak resident kilobytes from a /usr/bin/time -v report."""
    with open(report) as f:
        text = f.read()

    def field(name):
        match = re.search(re.escape(name) + r": ([\d.]+)", text)
        if not match:
            sys.exit(f"bench: no '{name}' in {report}")
        return float(match.group(1))
    return (field("User time (seconds)") + field("System time (seconds)"),
            int(field("Maximum resident set size (kbytes)")))


def start(cmd, report):
    return subprocess.Popen([TIME, "-v", "-o", report] + cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def finish(process, cmd):
    _, err = process.communicate()
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} exited {process.returncode}:\n{err[-2000:]}")


def run_steps(steps, work, parallel=False):
    """Runs the commands in `steps` one after the other (or all at once) as one sample."""
    reports = [os.path.join(work, f"time-{i}.txt") for i in range(len(steps))]
    t = time.perf_counter()
    if parallel:
        processes = [start(cmd, r) for cmd, r in zip(steps, reports)]
        for process, cmd in zip(processes, steps):
            finish(process, cmd)
    else:
        for cmd, r in zip(steps, reports):
            finish(start(cmd, r), cmd)
    seconds = time.perf_counter() - t
    measured = [time_report(r) for r in reports]
    return Sample(seconds, sum(cpu for cpu, _ in measured), max(kb for _, kb in measured))


def measure(runs, steps, work, before=None, parallel=False):
    """`before` (untimed) prepares each run: removes outputs, swaps a workbook."""
    samples = []
    for i in range(runs):
        if before:
            before(i)
        samples.append(run_steps(steps, work, parallel))
    return Figure(samples)


def machine():
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())

    def version(cmd):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True).stdout
            return out.splitlines()[0].strip() if out else "?"
        except OSError:
            return "missing"
    return (f"machine: {model}, {os.cpu_count()} cores, {mem_kb / 1024 / 1024:.1f} GiB RAM, "
            f"{platform.system()} {platform.release()}; load average {load} at start\n"
            f"tools: {version(['pandoc', '--version'])}; {version(['soffice', '--version'])}")


class Bench:
    def __init__(self, tillit, work, runs):
        self.tillit = tillit
        self.work = work
        self.runs = runs
        self.slow_runs = min(runs, 3)
        self.rows = {}  # (figure name, size) -> Figure
        self.remade = {}  # size -> outputs made again after a Swedish edit
        self.lines = []

    def eng(self, n):
        return os.path.join(self.work, f"eng{n}")

    def out(self, name):
        return os.path.join(self.work, name)

    def fresh(self, folder):
        return lambda _: shutil.rmtree(folder, ignore_errors=True)

    def outputs(self, folder, ext):
        return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(ext))

    def docx(self, n):
        eng, out = self.eng(n), self.out(f"docx{n}")
        build = [self.tillit, "build", eng, "--out", out]
        self.rows["check", n] = measure(self.runs, [[self.tillit, "check", eng, "--quiet"]],
                                        self.work)
        self.rows["cold", n] = measure(self.runs, [build], self.work, before=self.fresh(out))
        # The cold runs left the outputs of a build of these very inputs in `out`.
        self.rows["unchanged", n] = measure(self.runs, [build], self.work)
        # Each run swaps in the other workbook, so every rebuild sees one result changed.
        matrix = os.path.join(eng, "controls.xlsx")
        original = os.path.join(self.work, f"original{n}.xlsx")
        changed = os.path.join(self.work, f"changed{n}.xlsx")
        shutil.copyfile(matrix, original)

        def swap(i):
            shutil.copyfile(changed if i % 2 == 0 else original, matrix)
        try:
            self.rows["one-result", n] = measure(self.runs, [build], self.work, before=swap)
        finally:
            shutil.copyfile(original, matrix)

    def pandoc(self, n):
        """pandoc converting Tillit's own Markdown (the issue's baseline; pandoc's Markdown
        reader leaves the HTML tables Section IV needs as loose paragraphs, so it does less
        work than the report takes) and Tillit's own HTML (the same tables as the DOCX)."""
        for fmt, key in (("md", "pandoc"), ("html", "pandoc-html")):
            folder = self.out(f"{fmt}{n}")
            shutil.rmtree(folder, ignore_errors=True)
            subprocess.run([self.tillit, "build", self.eng(n), "--format", fmt, "--out", folder],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            steps = [["pandoc", f, "-o", f + ".docx"] for f in self.outputs(folder, "." + fmt)]
            self.rows[key, n] = measure(self.slow_runs, steps, self.work)

    def pdf(self, n):
        out = self.out(f"pdf{n}")
        self.rows["pdf", n] = measure(
            self.slow_runs, [[self.tillit, "build", self.eng(n), "--format", "pdf", "--out", out]],
            self.work, before=self.fresh(out))
        docx = self.outputs(out, ".docx")
        plain = self.out(f"soffice{n}")

        def soffice(profile, files):
            url = "file://" + self.out(profile)
            return ["soffice", "--headless", f"-env:UserInstallation={url}", "--convert-to",
                    "pdf", "--outdir", plain] + files
        # Profiles seeded as Tillit seeds its own: without the seed every soffice start
        # runs LibreOffice's graphics self-tests (about 4 s), as --convert-to never records
        # that they ran. The first conversion then sets the profiles up, untimed.
        for i in range(len(docx)):
            user = self.out(f"profile{i}/user")
            os.makedirs(user, exist_ok=True)
            with open(os.path.join(user, "registrymodifications.xcu"), "w") as f:
                f.write(PROFILE_SEED)
            run_steps([soffice(f"profile{i}", docx[:1])], self.work)
        self.rows["soffice", n] = measure(
            self.slow_runs, [soffice(f"profile{i}", [d]) for i, d in enumerate(docx)], self.work,
            before=self.fresh(plain), parallel=True)
        self.rows["soffice-one-call", n] = measure(
            self.slow_runs, [soffice("profile0", docx)], self.work, before=self.fresh(plain))

    def pdf_one_language(self, n):
        """After a PDF build: a Swedish narrative edited, the build run again. Only the Swedish
        DOCX and PDF may be made again; the English PDF must not be converted again."""
        out = self.out(f"pdf{n}")
        folder = os.path.join(self.eng(n), "description", "sv")
        narrative = os.path.join(folder, sorted(f for f in os.listdir(folder) if f.endswith(".md"))[0])
        with open(narrative, encoding="utf-8") as f:
            original = f.read()
        build = [self.tillit, "build", self.eng(n), "--format", "pdf", "--out", out]

        def edit(i):
            with open(narrative, "w", encoding="utf-8") as f:
                f.write(original + f"\nEtt stycke som lagts till efter förgranskningen ({i}).\n")
        try:
            self.rows["pdf-one-language", n] = measure(self.slow_runs, [build], self.work,
                                                       before=edit)
            edit(self.slow_runs)
            made = subprocess.run(build, check=True, capture_output=True, text=True).stdout
        finally:
            with open(narrative, "w", encoding="utf-8") as f:
                f.write(original)
        self.remade[n] = sorted(os.path.basename(p) for p in made.split() if p.startswith(out))
        # The restored narrative is one more change; after it, nothing changes.
        subprocess.run(build, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.rows["pdf-unchanged", n] = measure(self.runs, [build], self.work)

    def table(self, all_sizes):
        names = [
            ("check", "check"),
            ("cold", "build docx, cold (sv + en)"),
            ("unchanged", "rebuild, nothing changed"),
            ("one-result", "rebuild, one result changed"),
            ("pandoc", "pandoc md -> docx (sv, en)"),
            ("pandoc-html", "pandoc html -> docx (sv, en)"),
            ("pdf", "build pdf, cold (sv + en)"),
            ("pdf-unchanged", "rebuild pdf, nothing changed"),
            ("pdf-one-language", "rebuild pdf, sv text edited"),
            ("soffice-one-call", "soffice -> pdf, one call"),
            ("soffice", "soffice -> pdf, 2 in parallel"),
        ]
        print(f"{'':30}" + "".join(f"{f'{n} controls':>27}" for n in all_sizes))
        print(f"{'':30}" + f"{'wall':>9}{'cpu':>9}{'peak':>9}" * len(all_sizes))
        for key, label in names:
            cells = []
            for n in all_sizes:
                fig = self.rows.get((key, n))
                cells.append(f"{'-':>9}" * 3 if fig is None else
                             f"{fig.seconds:>7.2f} s{fig.cpu:>7.2f} s{fig.peak_mb:>6.0f} MB")
            print(f"{label:30}" + "".join(cells))

    def figures(self, all_sizes):
        line = self.lines.append
        for n in all_sizes:
            check, cold = self.rows["check", n], self.rows["cold", n]
            line(f"bench: check {n} controls: {check.seconds * 1000:.0f} ms, "
                 f"{check.peak_mb:.0f} MB peak")
            line(f"bench: build-docx {n} controls: {cold.seconds * 1000:.0f} ms for sv + en, "
                 f"{cold.peak_mb:.0f} MB peak (target at 5000: under 150 MB)")
        for n in all_sizes:
            for key, name, source in (("pandoc", "docx-vs-pandoc", "from Tillit's Markdown"),
                                      ("pandoc-html", "docx-vs-pandoc-html",
                                       "from Tillit's HTML")):
                if (key, n) not in self.rows:
                    continue
                cold, pandoc = self.rows["cold", n], self.rows[key, n]
                line(f"bench: {name} {n} controls: {pandoc.seconds / cold.seconds:.1f}x "
                     f"faster ({cold.seconds:.2f} s vs {pandoc.seconds:.2f} s {source}"
                     + ("; target at 1000: 20x)" if key == "pandoc" else ")"))
        if 1000 in all_sizes and 5000 in all_sizes:
            ratio = self.rows["cold", 5000].seconds / self.rows["cold", 1000].seconds
            line(f"bench: docx-scaling 5000-vs-1000 controls: {ratio:.1f}x the time "
                 "(target: at most 6x)")
        for n in all_sizes:
            cold = self.rows["cold", n].seconds
            for key, name in (("unchanged", "rebuild-unchanged"),
                              ("one-result", "rebuild-one-result")):
                fig = self.rows[key, n]
                line(f"bench: {name} {n} controls: {fig.seconds / cold:.2f}x of a cold build "
                     f"({fig.seconds * 1000:.0f} ms vs {cold * 1000:.0f} ms"
                     + ("; target: at most 0.10x)" if key == "unchanged" else ")"))
        for n in all_sizes:
            if ("pdf", n) in self.rows:
                pdf = self.rows["pdf", n]
                for key, name, how in (
                        ("soffice-one-call", "pdf-vs-soffice", "one soffice call for both"),
                        ("soffice", "pdf-vs-soffice-parallel", "2 soffice at once, as Tillit")):
                    alone = self.rows[key, n]
                    line(f"bench: {name} {n} controls: {pdf.seconds / alone.seconds:.2f}x the "
                         f"time of LibreOffice alone ({pdf.seconds:.2f} s vs "
                         f"{alone.seconds:.2f} s; CPU {pdf.cpu:.2f} s vs {alone.cpu:.2f} s; {how}"
                         + ("; target: at most 1.10x)" if key == "soffice-one-call" else ")"))
        for n in all_sizes:
            if ("pdf-one-language", n) in self.rows:
                pdf, same = self.rows["pdf", n], self.rows["pdf-unchanged", n]
                line(f"bench: pdf-rebuild-unchanged {n} controls: {same.seconds / pdf.seconds:.3f}x "
                     f"of a cold PDF build ({same.seconds * 1000:.0f} ms vs {pdf.seconds:.2f} s; "
                     "target: at most 0.10x)")
                edit = self.rows["pdf-one-language", n]
                only_sv = bool(self.remade[n]) and all("-sv." in f for f in self.remade[n])
                line(f"bench: pdf-rebuild-one-language {n} controls: {edit.seconds / pdf.seconds:.2f}x "
                     f"of a cold PDF build ({edit.seconds:.2f} s vs {pdf.seconds:.2f} s); made "
                     f"again: {', '.join(self.remade[n]) or 'nothing'}"
                     + ("" if only_sv else "; NOT only the Swedish outputs"))
        print("\n".join(self.lines))


def main(tillit, work, runs):
    all_sizes = sizes("BENCH_SIZES", "100 1000 5000")
    pandoc_sizes = [n for n in sizes("BENCH_PANDOC_SIZES", "100 1000") if n in all_sizes]
    pdf_sizes = [n for n in sizes("BENCH_PDF_SIZES", "100") if n in all_sizes]
    print(machine())
    print(f"runs: {runs} per figure, {min(runs, 3)} for pandoc and LibreOffice; "
          "times are medians, peaks the largest process's resident memory\n")
    bench = Bench(tillit, work, runs)
    for n in all_sizes:
        bench.docx(n)
    for n in pandoc_sizes:
        bench.pandoc(n)
    for n in pdf_sizes:
        bench.pdf(n)
        bench.pdf_one_language(n)
    bench.table(all_sizes)
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    bench.figures(all_sizes)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
