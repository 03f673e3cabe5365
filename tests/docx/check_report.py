#!/usr/bin/python3
"""Reads built SOC 2 reports back with python-docx and checks their content and shape.

usage: check_report.py ENGAGEMENT_CSV_DIR REPORT.docx [REPORT.docx ...]

ENGAGEMENT_CSV_DIR holds controls.csv, cuecs.csv and subservice.csv (the sample's csv/ folder).
Checks, per report: five Heading 1 sections in order; every control ID stands in a table of
Section IV; every criterion of the categories in scope has a heading in Section IV; every
CUEC ID and every subservice organisation stands in Section III. Across reports: the same
heading structure and the same table shapes (rows x columns) in every language.
Prints 'N passed, M failed'."""
import csv
import sys

import docx
import docx.table
import docx.text.paragraph
from docx.oxml.ns import qn

failures = []
passes = 0


def check(ok, what):
    global passes
    if ok:
        passes += 1
    else:
        failures.append(what)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        header = f.readline()
        f.seek(0)
        delim = ";" if header.count(";") > header.count(",") else ","
        return list(csv.reader(f, delimiter=delim))


def walk(document):
    """Yields ('heading', level, text) and ('table', rows, cols, texts) in body order."""
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            p = docx.text.paragraph.Paragraph(child, document)
            style = p.style.name if p.style is not None else ""
            if style.lower().startswith("heading "):
                yield ("heading", int(style.split()[-1]), p.text.strip())
        elif child.tag == qn("w:tbl"):
            t = docx.table.Table(child, document)
            texts = [c.text.strip() for row in t.rows for c in row.cells]
            yield ("table", len(t.rows), len(t.columns), texts)


def sections(items):
    """Splits body items at Heading 1."""
    out = []
    for it in items:
        if it[0] == "heading" and it[1] == 1:
            out.append((it[2], []))
        elif out:
            out[-1][1].append(it)
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    data_dir, reports = sys.argv[1], sys.argv[2:]
    controls = read_csv(f"{data_dir}/controls.csv")
    control_ids = [r[0] for r in controls[1:] if r and r[0]]
    criteria = sorted({c.strip() for r in controls[1:] if len(r) > 1 for c in r[1].split(",") if c.strip()})
    cuec_ids = [r[0] for r in read_csv(f"{data_dir}/cuecs.csv")[1:] if r and r[0]]
    orgs = sorted({r[0] for r in read_csv(f"{data_dir}/subservice.csv")[1:] if r and r[0]})

    shapes = {}
    for path in reports:
        items = list(walk(docx.Document(path)))
        secs = sections(items)
        check(len(secs) == 5, f"{path}: {len(secs)} sections, expected 5: {[s[0] for s in secs]}")
        if len(secs) != 5:
            continue
        for i, numeral in enumerate(["I", "II", "III", "IV", "V"]):
            check(f" {numeral} " in f" {secs[i][0]} ".replace("–", " "),
                  f"{path}: section {i + 1} heading '{secs[i][0]}' lacks '{numeral}'")
        iv_cells = {t for it in secs[3][1] if it[0] == "table" for t in it[3]}
        for cid in control_ids:
            check(cid in iv_cells, f"{path}: control {cid} not in a Section IV table")
        iv_headings = [it[2] for it in secs[3][1] if it[0] == "heading"]
        for crit in criteria:
            check(any(h.startswith(crit + " ") for h in iv_headings),
                  f"{path}: criterion {crit} has no heading in Section IV")
        iii_text = {t for it in secs[2][1] if it[0] == "table" for t in it[3]}
        iii_text |= {it[2] for it in secs[2][1] if it[0] == "heading"}
        for cid in cuec_ids:
            check(cid in iii_text, f"{path}: CUEC {cid} not in Section III")
        for org in orgs:
            check(org in iii_text, f"{path}: subservice organisation {org} not in Section III")
        shapes[path] = (
            [("h", it[1]) for it in items if it[0] == "heading"],
            [(it[1], it[2]) for it in items if it[0] == "table"],
        )
    paths = list(shapes)
    for other in paths[1:]:
        check(shapes[other][0] == shapes[paths[0]][0],
              f"{other}: heading structure differs from {paths[0]}")
        check(shapes[other][1] == shapes[paths[0]][1],
              f"{other}: table shapes differ from {paths[0]}")
    for f in failures[:40]:
        print("FAIL:", f)
    print(f"{passes} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
