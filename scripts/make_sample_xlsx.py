#!/usr/bin/python3
"""Build samples/molnkvarn/controls.xlsx from the CSVs in samples/molnkvarn/csv/.

The CSVs (UTF-8 with BOM, semicolon-delimited, as Swedish Excel writes them) are the
reviewable source of the sample; the workbook is what a consultant would actually hand
over, and it is the main input of the sample engagement (see engagement.xml).

Run with Debian's Python, which has openpyxl:

    /usr/bin/python3 scripts/make_sample_xlsx.py

The output is deterministic: fixed document properties and fixed timestamps inside the
zip container, so rerunning on unchanged CSVs gives a byte-identical file.
"""

import csv
import datetime
import io
import math
import os
import sys
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "samples", "molnkvarn")
CSV_DIR = os.path.join(SAMPLE, "csv")
OUT = os.path.join(SAMPLE, "controls.xlsx")

TITLE = "Molnkvarn AB \u2013 Kontrollmatris SOC 2 typ 2"
PERIOD = "Granskningsperiod: 2026-01-01 \u2013 2026-06-30"

FREQUENCIES = ["Löpande", "Flera gånger dagligen", "Dagligen", "Veckovis", "Månadsvis",
               "Kvartalsvis", "Halvårsvis", "Årligen", "Vid behov"]
CONTROL_TYPES = ["Manuell", "Automatiserad", "IT-beroende manuell"]

FIXED_TIME = datetime.datetime(2026, 7, 1, 9, 0, 0)
ZIP_TIME = (2026, 7, 1, 9, 0, 0)

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")

# Column widths (in characters) by header name; anything else gets 18.
WIDTHS = {
    "Kontroll-ID": 11, "Kriterier": 16,
    "Kontrollbeskrivning (sv)": 60, "Control description (en)": 60,
    "Kontrollägare (sv)": 22, "Control owner (en)": 22,
    "Frekvens": 15, "Kontrolltyp": 19,
    "Testprocedur (sv)": 70, "Test procedure (en)": 70,
    "Population": 11, "Urvalsstorlek": 13,
    "Resultat (sv)": 22, "Result (en)": 20,
    "Avvikelse (sv)": 50, "Deviation (en)": 50,
    "Ledningens kommentar (sv)": 70, "Management response (en)": 70,
    "CUEC-ID": 11, "Beskrivning (sv)": 80, "Description (en)": 80,
    "Underleverantör": 22, "Metod": 13, "Tjänst (sv)": 40, "Service (en)": 40,
    "CSOC-ID": 11, "Kompletterande kontroll (sv)": 70, "Complementary control (en)": 70,
}
NUMERIC = {"Population", "Urvalsstorlek"}


def read_csv(name):
    with open(os.path.join(CSV_DIR, name), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    if not rows:
        sys.exit(f"{name}: empty file")
    header, body = rows[0], rows[1:]
    for i, row in enumerate(body, start=2):
        if len(row) != len(header):
            sys.exit(f"{name}:{i}: {len(row)} fields, expected {len(header)}")
    return header, body


def cell_value(column, text):
    """Numbers where the column is numeric, None for empty cells, text otherwise."""
    if text == "":
        return None
    if column in NUMERIC and text.isdigit():
        return int(text)
    return text


def write_header(ws, row, header):
    for col, name in enumerate(header, start=1):
        cell = ws.cell(row=row, column=col, value=name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
        cell.border = BORDER
    ws.row_dimensions[row].height = 32


def estimated_height(header, row):
    """Row height in points that shows all wrapped text (Excel does not autofit on open)."""
    lines = 1
    for name, text in zip(header, row):
        per_line = max(1, int(WIDTHS.get(name, 18) * 1.3))
        n = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, n)
    return min(409, 15 * lines + 3)


def write_body(ws, first_row, header, body):
    for r, row in enumerate(body, start=first_row):
        for c, (name, text) in enumerate(zip(header, row), start=1):
            cell = ws.cell(row=r, column=c, value=cell_value(name, text))
            cell.alignment = WRAP_TOP
            cell.border = BORDER
        ws.row_dimensions[r].height = estimated_height(header, row)


def set_widths(ws, header):
    for col, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(name, 18)


def landscape(ws, title_rows):
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows


def controls_sheet(wb, header, body):
    ws = wb.active
    ws.title = "Kontroller"
    last_col = get_column_letter(len(header))

    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(vertical="center")
    ws.merge_cells(f"A1:{last_col}1")
    ws.row_dimensions[1].height = 24
    ws["A2"] = PERIOD
    ws["A2"].font = Font(italic=True)
    # row 3 stays blank
    write_header(ws, 4, header)
    write_body(ws, 5, header, body)
    last_row = 4 + len(body)

    set_widths(ws, header)
    ws.freeze_panes = "B5"
    ws.auto_filter.ref = f"A4:{last_col}{last_row}"
    landscape(ws, "4:4")

    # Drop-down lists for the two enumerated columns, fed from the hidden sheet.
    for name, list_col, values in (("Frekvens", "A", FREQUENCIES),
                                   ("Kontrolltyp", "B", CONTROL_TYPES)):
        col = get_column_letter(header.index(name) + 1)
        dv = DataValidation(type="list",
                            formula1=f"=Listor!${list_col}$2:${list_col}${len(values) + 1}",
                            allow_blank=True, showErrorMessage=True,
                            errorTitle="Ogiltigt värde",
                            error=f"Välj ett värde ur listan för {name}.")
        dv.add(f"{col}5:{col}{max(last_row, 5) + 200}")
        ws.add_data_validation(dv)


def simple_sheet(wb, title, header, body):
    ws = wb.create_sheet(title)
    write_header(ws, 1, header)
    write_body(ws, 2, header, body)
    set_widths(ws, header)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{1 + len(body)}"
    landscape(ws, "1:1")
    return ws


def subservice_sheet(wb, header, body):
    ws = simple_sheet(wb, "Underleverantörer", header, body)
    # Merge the organisation-level cells (name, method, service) of consecutive rows that
    # belong to the same subservice organisation, as a consultant would lay it out.
    merged_cols = [header.index(n) for n in ("Underleverantör", "Metod", "Tjänst (sv)", "Service (en)")]
    start = 0
    while start < len(body):
        end = start
        while end + 1 < len(body) and body[end + 1][0] == body[start][0]:
            end += 1
        if end > start:
            for c in merged_cols:
                col = get_column_letter(c + 1)
                ws.merge_cells(f"{col}{start + 2}:{col}{end + 2}")
                ws[f"{col}{start + 2}"].alignment = WRAP_TOP
        start = end + 1


def lists_sheet(wb):
    ws = wb.create_sheet("Listor")
    ws["A1"], ws["B1"] = "Frekvens", "Kontrolltyp"
    ws["A1"].font = ws["B1"].font = Font(bold=True)
    for i, v in enumerate(FREQUENCIES, start=2):
        ws.cell(row=i, column=1, value=v)
    for i, v in enumerate(CONTROL_TYPES, start=2):
        ws.cell(row=i, column=2, value=v)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 22
    ws.sheet_state = "hidden"


def normalise_zip(data):
    """Rewrite the zip container with fixed timestamps so the output is reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def main():
    c_header, c_body = read_csv("controls.csv")
    u_header, u_body = read_csv("cuecs.csv")
    s_header, s_body = read_csv("subservice.csv")

    wb = Workbook()
    wb.properties.creator = "Molnkvarn AB"
    wb.properties.lastModifiedBy = "Molnkvarn AB"
    wb.properties.title = TITLE
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME

    controls_sheet(wb, c_header, c_body)
    simple_sheet(wb, "Kompletterande kontroller", u_header, u_body)
    subservice_sheet(wb, s_header, s_body)
    lists_sheet(wb)
    wb.active = 0

    buf = io.BytesIO()
    wb.save(buf)
    with open(OUT, "wb") as f:
        f.write(normalise_zip(buf.getvalue()))
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {len(c_body)} controls, "
          f"{len(u_body)} CUECs, {len(s_body)} subservice rows")


if __name__ == "__main__":
    main()
