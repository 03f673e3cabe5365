#!/usr/bin/python3
"""Writes a synthetic Type 2 engagement with N controls (both languages, XLSX matrix, CUECs,
subservice organisations, deviations, narratives) for benchmarks.

usage: gen_engagement.py DIR N [--changed-result]
--changed-result writes the same engagement except for one control's result (the middle one's),
as an auditor editing one cell would: a benchmark swaps the two workbooks to time a rebuild
after a small change.
Run with Debian's /usr/bin/python3 (python3-openpyxl)."""
import argparse
import csv
import os

import openpyxl

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def criteria():
    with open(os.path.join(SRC, "locales", "criteria.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["id"] for r in rows if r["category"] in ("Security", "Availability", "Confidentiality")]


def main(out, n, changed_result=False):
    ids = criteria()
    changed = n // 2
    os.makedirs(out, exist_ok=True)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Kontroller")
    ws.append(["Kontroll-ID", "Kriterier", "Kontrollbeskrivning (sv)", "Control description (en)",
               "Kontrollägare (sv)", "Control owner (en)", "Frekvens", "Kontrolltyp",
               "Testprocedur (sv)", "Test procedure (en)", "Population", "Urvalsstorlek",
               "Resultat (sv)", "Result (en)", "Avvikelse (sv)", "Deviation (en)",
               "Ledningens kommentar (sv)", "Management response (en)"])
    for i in range(n):
        crit = ", ".join(dict.fromkeys([ids[i % len(ids)], ids[(i * 7 + 3) % len(ids)]]))
        deviation = i % 50 == 7
        result_sv, result_en = ("Avvikelse noterad.", "Exception noted.") if deviation else ("", "")
        if changed_result and i == changed:
            result_sv = "Inga avvikelser noterades i urvalet om 2 kvartal."
            result_en = "No exceptions noted in the sample of 2 quarters."
        ws.append([
            f"CTL-{i + 1:05d}", crit,
            f"IT-säkerhetschefen granskar behörigheterna i system {i} varje kvartal och dokumenterar "
            "granskningen i ärendehanteringssystemet.",
            f"The Head of IT Security reviews access rights in system {i} every quarter and records "
            "the review in the ticketing system.",
            "IT-säkerhetschef", "Head of IT Security", "Kvartalsvis", "Manuell",
            "För ett urval om 2 kvartal inspekterades granskningsunderlaget för att fastställa att "
            "granskningen utförts och godkänts.",
            "For a sample of 2 quarters, inspected the review evidence to determine that the review "
            "was performed and approved.",
            "2", "2",
            result_sv, result_en,
            "För 1 av 2 kvartal saknades dokumentation." if deviation else "",
            "For 1 of 2 quarters the review was not documented." if deviation else "",
            "Rutinen har förtydligats." if deviation else "",
            "The procedure has been clarified." if deviation else "",
        ])
    cu = wb.create_sheet("Kompletterande kontroller")
    cu.append(["CUEC-ID", "Kriterier", "Beskrivning (sv)", "Description (en)"])
    for i in range(max(8, n // 100)):
        cu.append([f"CUEC-{i + 1:03d}", ids[i % len(ids)], "Användarföretaget ansvarar för sina "
                   "användares behörigheter.", "User entities manage their users' access."])
    sub = wb.create_sheet("Underleverantörer")
    sub.append(["Underleverantör", "Metod", "Tjänst (sv)", "Service (en)", "CSOC-ID", "Kriterier",
                "Kompletterande kontroll (sv)", "Complementary control (en)"])
    for i in range(5):
        sub.append(["Molnet AB", "Carve-out", "Drift", "Hosting", f"CSOC-{i + 1}", "CC6.4",
                    "Fysiskt tillträde begränsas.", "Physical access is restricted."])
    wb.save(os.path.join(out, "controls.xlsx"))

    for lang in ("sv", "en"):
        d = os.path.join(out, "description", lang)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(SRC, "locales", "topics.csv"), encoding="utf-8") as f:
            for t in csv.DictReader(f):
                text = t["guidance_" + lang]
                with open(os.path.join(d, t["id"] + ".md"), "w", encoding="utf-8") as md:
                    md.write((text + "\n\n") * 6)

    with open(os.path.join(out, "engagement.xml"), "w", encoding="utf-8") as f:
        f.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<engagement version="1">
  <organisation><name>Syntet AB</name></organisation>
  <system><name lang="sv">Syntetsystemet</name><name lang="en">Synthetic System</name></system>
  <report type="2" status="draft">
    <period start="2026-01-01" end="2026-06-30"/>
    <languages>sv en</languages>
    <categories>security availability confidentiality</categories>
  </report>
  <auditor><firm>Revisorerna AB</firm><city>Stockholm</city><report-date>2026-08-14</report-date></auditor>
  <management><signer>Anna Andersson</signer><title lang="sv">VD</title><title lang="en">CEO</title></management>
  <opinion kind="unmodified"/>
  <inputs>
    <matrix sheet="Kontroller">controls.xlsx</matrix>
  </inputs>
</engagement>
""")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument("dir")
    parser.add_argument("n", type=int)
    parser.add_argument("--changed-result", action="store_true")
    args = parser.parse_args()
    main(args.dir, args.n, args.changed_result)
