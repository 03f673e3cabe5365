#!/usr/bin/env bash
# End-to-end tests of the tillit command line: exit codes, located diagnostics, and bad
# inputs that must never crash. Usage: cli_test.sh TILLIT SOURCE_DIR CASE
set -uo pipefail
tillit=$1
src=$2
case_name=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL [$case_name]: $*"; echo "--- stdout"; cat "$work/out"; echo "--- stderr"; cat "$work/err"; exit 1; }

# run ARGS...: runs tillit, keeps stdout/stderr, sets $status.
run() { "$tillit" "$@" >"$work/out" 2>"$work/err"; status=$?; }
expect_status() { [ "$status" -eq "$1" ] || fail "exit status $status, expected $1"; }
expect_err() { grep -qF -- "$1" "$work/err" || fail "stderr lacks: $1"; }
expect_out() { grep -qF -- "$1" "$work/out" || fail "stdout lacks: $1"; }
expect_err_lines() { local n; n=$(grep -c ": error: " "$work/err"); [ "$n" -eq "$1" ] || fail "$n error lines, expected $1"; }

# A copy of the sample engagement to break.
sample() { cp -r "$src/samples/molnkvarn" "$work/eng"; rm -rf "$work/eng/out"; }

case "$case_name" in
  sample-checks-clean)
    run check "$src/samples/molnkvarn"
    expect_status 0
    expect_out "Gaps:          none"
    expect_out "33/33 criteria covered"
    expect_out "0 errors, 0 warnings"
    ;;
  sample-csv-checks-clean)
    sample
    cp "$work/eng/csv/"*.csv "$work/eng/"
    sed -i -e 's|<matrix sheet="Kontroller">controls.xlsx</matrix>|<matrix>controls.csv</matrix>|' \
      -e 's|<cuecs sheet="Kompletterande kontroller">controls.xlsx</cuecs>|<cuecs>cuecs.csv</cuecs>|' \
      -e 's|<subservice sheet="Underleverantörer">controls.xlsx</subservice>|<subservice>subservice.csv</subservice>|' \
      "$work/eng/engagement.xml"
    rm "$work/eng/controls.xlsx"
    run check "$work/eng"
    expect_status 0
    expect_out "0 errors, 0 warnings"
    ;;
  init-then-check)
    run init "$work/new" --type 2 --lang sv,en --categories säkerhet,availability,confidentiality
    expect_status 0
    run check "$work/new"
    expect_status 0
    expect_out "Gaps:          38"
    expect_err "[narrative-stub]"
    expect_err "[uncovered-criterion]"
    expect_err_lines 0
    run init "$work/new"
    expect_status 73
    expect_err "already exists"
    ;;
  init-with-client-matrix)
    run init "$work/new" --matrix "$src/samples/molnkvarn/controls.xlsx" --categories \
      security,availability,confidentiality --type 2 --lang sv,en
    expect_status 0
    [ -f "$work/new/controls.xlsx" ] || fail "matrix not copied"
    run check "$work/new"
    expect_status 0
    expect_out "Gaps:          none"
    ;;
  unknown-criterion)
    sample
    sed -i '0,/CC6.1/s//CC10.1/' "$work/eng/csv/controls.csv"
    cp "$work/eng/csv/"*.csv "$work/eng/"
    sed -i -e 's|<matrix sheet="Kontroller">controls.xlsx</matrix>|<matrix>controls.csv</matrix>|' "$work/eng/engagement.xml"
    run check "$work/eng"
    expect_status 1
    expect_err "error: control '"
    expect_err "unknown criterion 'CC10.1'"
    ;;
  duplicate-id-xlsx)
    sample
    /usr/bin/python3 - "$work/eng/controls.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Kontroller"]
ids = [r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("ACC-")]
ws.cell(ids[1], 1).value = ws.cell(ids[0], 1).value
wb.save(sys.argv[1])
PY
    run check "$work/eng"
    expect_status 1
    expect_err "controls.xlsx:Kontroller!A"
    expect_err "error: duplicate control ID 'ACC-01' [duplicate-control-id]"
    expect_err "note: first defined here"
    ;;
  missing-column-xlsx)
    sample
    /usr/bin/python3 - "$work/eng/controls.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Kontroller"]
for row in ws.iter_rows():
    for c in row:
        if c.value == "Kriterier":
            c.value = "Anteckningar"
wb.save(sys.argv[1])
PY
    run check "$work/eng"
    expect_status 1
    expect_err "error: missing required column 'Criteria' in the control matrix header row [missing-column]"
    ;;
  corrupt-workbook)
    sample
    head -c 2000 "$src/samples/molnkvarn/controls.xlsx" > "$work/eng/controls.xlsx"
    run check "$work/eng"
    expect_status 65
    expect_err "controls.xlsx: error:"
    expect_err_lines 1
    ;;
  ole-workbook)
    sample
    printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1' > "$work/eng/controls.xlsx"
    head -c 4096 /dev/zero >> "$work/eng/controls.xlsx"
    run check "$work/eng"
    expect_status 65
    expect_err "password-protected"
    ;;
  empty-workbook)
    sample
    : > "$work/eng/controls.xlsx"
    run check "$work/eng"
    expect_status 65
    expect_err "controls.xlsx: error: file is empty [empty-file]"
    ;;
  matrix-is-directory)
    sample
    rm "$work/eng/controls.xlsx"; mkdir "$work/eng/controls.xlsx"
    run check "$work/eng"
    expect_status 66
    expect_err "controls.xlsx: error: is a directory, expected a file [not-a-file]"
    ;;
  missing-matrix)
    sample
    rm "$work/eng/controls.xlsx"
    run check "$work/eng"
    expect_status 66
    expect_err "controls.xlsx: error: no such file [missing-file]"
    expect_err_lines 1
    ;;
  missing-folder)
    run check "$work/nowhere"
    expect_status 66
    expect_err "nowhere: error: no such engagement folder"
    ;;
  manifest-doctype)
    sample
    sed -i '1a <!DOCTYPE e [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' "$work/eng/engagement.xml"
    run check "$work/eng"
    expect_status 65
    expect_err "engagement.xml:2:1: error: DOCTYPE declarations are not allowed [xml-doctype]"
    ;;
  narrative-invalid-utf8)
    sample
    printf 'Hej\n\xE5tta\n' > "$work/eng/description/sv/services.md"
    run check "$work/eng"
    expect_status 65
    expect_err "services.md:2:1: error: invalid UTF-8; save the file as UTF-8 [invalid-utf8]"
    ;;
  csv-windows-1252)
    sample
    cp "$work/eng/csv/"*.csv "$work/eng/"
    tail -c +4 "$work/eng/csv/controls.csv" | iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT > "$work/eng/controls.csv"
    sed -i -e 's|<matrix sheet="Kontroller">controls.xlsx</matrix>|<matrix>controls.csv</matrix>|' "$work/eng/engagement.xml"
    run check "$work/eng"
    expect_status 0
    expect_err "controls.csv"
    expect_err "Windows-1252"
    ;;
  json-format)
    run check "$src/samples/molnkvarn" --format json
    expect_status 0
    expect_out '"summary":{"organisation":"Molnkvarn AB"'
    ;;
  usage-errors)
    run frobnicate
    expect_status 64
    expect_err "unknown command 'frobnicate'"
    run check
    expect_status 64
    run check --bogus x
    expect_status 64
    run check --help
    expect_status 0
    expect_out "--strict"
    run render "$src/samples/whitepaper" --format html
    expect_status 64
    expect_err "unknown format 'html'; use docx or pdf"
    run render
    expect_status 64
    run --version
    expect_status 0
    expect_out "tillit "
    ;;
  build-sample)
    run build "$src/samples/molnkvarn" --out "$work/o"
    expect_status 0
    expect_out "molnkvarn-soc2-type2-sv.docx"
    bash "$src/scripts/validate_docx.sh" "$work/o/"*.docx >"$work/out.v" 2>&1 || { cat "$work/out.v"; fail "validator"; }
    /usr/bin/python3 "$src/tests/docx/check_report.py" "$src/samples/molnkvarn/csv" \
      "$work/o/molnkvarn-soc2-type2-sv.docx" "$work/o/molnkvarn-soc2-type2-en.docx" >"$work/out.c" ||
      { cat "$work/out.c"; fail "content check"; }
    # Identical inputs, identical bytes.
    run build "$src/samples/molnkvarn" --out "$work/again"
    cmp "$work/o/molnkvarn-soc2-type2-sv.docx" "$work/again/molnkvarn-soc2-type2-sv.docx" || fail "sv not byte-identical"
    cmp "$work/o/molnkvarn-soc2-type2-en.docx" "$work/again/molnkvarn-soc2-type2-en.docx" || fail "en not byte-identical"
    ;;
  build-type1)
    sample
    sed -i -e 's|<report type="2" status="draft">|<report type="1" status="final">|' \
      -e 's|<period start="2026-01-01" end="2026-06-30"/>|<as-of date="2026-06-30"/>|' "$work/eng/engagement.xml"
    run build "$work/eng" --out "$work/o"
    expect_status 0
    expect_out "molnkvarn-soc2-type1-en.docx"
    bash "$src/scripts/validate_docx.sh" "$work/o/"*.docx >"$work/out.v" 2>&1 || { cat "$work/out.v"; fail "validator"; }
    /usr/bin/python3 "$src/tests/docx/check_report.py" "$src/samples/molnkvarn/csv" "$work/o/"*.docx >"$work/out.c" ||
      { cat "$work/out.c"; fail "content check"; }
    ;;
  build-qualified)
    sample
    sed -i 's|<opinion kind="unmodified"/>|<opinion kind="qualified"><basis lang="sv">Kontrollen ACC-04 fungerade inte under hela perioden.</basis><basis lang="en">Control ACC-04 did not operate effectively throughout the period.</basis></opinion>|' "$work/eng/engagement.xml"
    run build "$work/eng" --out "$work/o" --lang sv
    expect_status 0
    [ ! -e "$work/o/molnkvarn-soc2-type2-en.docx" ] || fail "--lang sv also wrote English"
    bash "$src/scripts/validate_docx.sh" "$work/o/"*.docx >"$work/out.v" 2>&1 || { cat "$work/out.v"; fail "validator"; }
    /usr/bin/python3 - "$work/o/molnkvarn-soc2-type2-sv.docx" <<'PY' || fail "basis missing"
import sys, docx
text = "\n".join(p.text for p in docx.Document(sys.argv[1]).paragraphs)
assert "Kontrollen ACC-04 fungerade inte under hela perioden." in text
assert "reservation" in text
PY
    ;;
  build-branded)
    run build "$src/samples/molnkvarn" --out "$work/o" --template "$src/tests/fixtures/branded/firm.dotx"
    expect_status 0
    bash "$src/scripts/validate_docx.sh" "$work/o/"*.docx >"$work/out.v" 2>&1 || { cat "$work/out.v"; fail "validator"; }
    unzip -p "$work/o/molnkvarn-soc2-type2-sv.docx" word/styles.xml | grep -q "Liberation Serif" || fail "branded styles not used"
    unzip -p "$work/o/molnkvarn-soc2-type2-sv.docx" '\[Content_Types\].xml' | grep -q "document.main+xml" || fail "not a .docx document"
    unzip -p "$work/o/molnkvarn-soc2-type2-sv.docx" word/document.xml | grep -q '12240' || fail "branded page size not used"
    ;;
  build-failure-keeps-outputs)
    sample
    run build "$work/eng"
    expect_status 0
    cp "$work/eng/out/molnkvarn-soc2-type2-sv.docx" "$work/before.docx"
    sed -i '0,/CC6.1/s//CC10.1/' "$work/eng/csv/controls.csv"
    cp "$work/eng/csv/controls.csv" "$work/eng/"
    sed -i -e 's|<matrix sheet="Kontroller">controls.xlsx</matrix>|<matrix>controls.csv</matrix>|' "$work/eng/engagement.xml"
    run build "$work/eng"
    expect_status 1
    expect_err "nothing was written"
    cmp "$work/before.docx" "$work/eng/out/molnkvarn-soc2-type2-sv.docx" || fail "previous output changed"
    ls "$work/eng/out" | grep -q tmp && fail "temporary file left"
    ;;
  build-html-md)
    run build "$src/samples/molnkvarn" --out "$work/o" --format html,md --lang en
    expect_status 0
    [ -s "$work/o/molnkvarn-soc2-type2-en.html" ] || fail "no HTML"
    [ -s "$work/o/molnkvarn-soc2-type2-en.md" ] || fail "no Markdown"
    tail -n +2 "$src/samples/molnkvarn/csv/controls.csv" | cut -d';' -f1 | grep -E '^[A-Z]+-[0-9]+$' | while read -r id; do
      grep -q -- "$id" "$work/o/molnkvarn-soc2-type2-en.md" || { echo "missing $id in md"; exit 1; }
      grep -q -- "$id" "$work/o/molnkvarn-soc2-type2-en.html" || { echo "missing $id in html"; exit 1; }
    done || fail "a control is missing from the HTML or Markdown"
    ;;
  build-pdf-without-libreoffice)
    mkdir "$work/bin"
    PATH="$work/bin" "$tillit" build "$src/samples/molnkvarn" --out "$work/o" --format pdf --lang sv >"$work/out" 2>"$work/err"
    status=$?
    expect_status 69
    expect_err "libreoffice"
    [ -s "$work/o/molnkvarn-soc2-type2-sv.docx" ] || fail "the DOCX was not written"
    [ ! -e "$work/o/molnkvarn-soc2-type2-sv.pdf" ] || fail "a PDF appeared"
    ;;
  build-summary-since-issue)
    sample
    run issue "$work/eng" --label v1
    expect_status 0
    run build "$work/eng" --lang sv
    expect_status 0
    expect_out "no changes since v1"
    sed -i '0,/Molnkvarn/s//Molnkvarn AB/' "$work/eng/description/sv/services.md"
    run build "$work/eng" --lang sv
    expect_status 0
    expect_out "since v1: 1 narrative paragraph changed"
    ;;
  issue-records-reports)
    sample
    run issue "$work/eng" --label v1
    expect_status 0
    expect_out "report (sv): $work/eng/issued/reports/v1.sv.json"
    expect_out "report (en): $work/eng/issued/reports/v1.en.json"
    grep -q '"format": "tillit-issued-document"' "$work/eng/issued/reports/v1.en.json" || fail "not an issued report"
    # Issued by an older Tillit: v1 is re-issued with --force, which records the reports again.
    rm -r "$work/eng/issued/reports"
    run issue "$work/eng" --label v1 --force
    expect_status 0
    [ -f "$work/eng/issued/reports/v1.sv.json" ] || fail "--force does not record the report"
    ;;
  import-then-build)
    sample
    run import "$work/eng" "$src/tests/fixtures/import/narrative.docx" --lang en --topic infrastructure --force
    expect_status 0
    run build "$work/eng" --lang en --out "$work/o"
    expect_status 0
    bash "$src/scripts/validate_docx.sh" "$work/o/"*.docx >"$work/out.v" 2>&1 || { cat "$work/out.v"; fail "validator"; }
    # The sample's own report has one image; the imported narrative adds its own and its text.
    [ "$(unzip -l "$work/o/molnkvarn-soc2-type2-en.docx" | grep -c "word/media/")" -ge 2 ] || fail "the imported image is not in the DOCX"
    unzip -p "$work/o/molnkvarn-soc2-type2-en.docx" word/document.xml | grep -q "Servrar i Falkenstein" || fail "the imported text is not in the DOCX"
    ;;
  rebuild-resaved-workbook)
    # A workbook saved again by another program (other bytes, same cells) rebuilds nothing.
    sample
    run build "$work/eng" --out "$work/o"
    expect_status 0
    before=$(stat -c %Y.%y "$work/o/"*.docx)
    cp "$work/eng/controls.xlsx" "$work/orig.xlsx"
    /usr/bin/python3 -c 'import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[1])' "$work/eng/controls.xlsx"
    cmp -s "$work/orig.xlsx" "$work/eng/controls.xlsx" && fail "openpyxl wrote the same bytes; the test proves nothing"
    run build "$work/eng" --out "$work/o"
    expect_status 0
    [ -s "$work/out" ] && fail "outputs were made again"
    expect_err "2 of 2 output(s) up to date, nothing to do"
    [ "$before" = "$(stat -c %Y.%y "$work/o/"*.docx)" ] || fail "the DOCX files were touched"
    # And with nothing changed at all, still nothing.
    run build "$work/eng" --out "$work/o"
    [ -s "$work/out" ] && fail "outputs were made again"
    expect_err "nothing to do"
    ;;
  rebuild-explain-cell)
    # One result cell changed in Excel: only the Swedish report is made again, and --explain
    # names the cell.
    sample
    run build "$work/eng" --out "$work/o"
    expect_status 0
    cell=$(/usr/bin/python3 - "$work/eng/controls.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Kontroller"]
header = [c.value for c in ws[4]]
col = header.index("Resultat (sv)") + 1
for row in range(5, ws.max_row + 1):
    if ws.cell(row, 1).value == "CHG-02":
        ws.cell(row, col).value = "Inga avvikelser noterades i urvalet."
        print(f"Kontroller!{ws.cell(row, col).coordinate}")
wb.save(sys.argv[1])
PY
)
    [ -n "$cell" ] || fail "CHG-02 or its result column not found"
    run build "$work/eng" --out "$work/o" --explain
    expect_status 0
    expect_out "molnkvarn-soc2-type2-sv.docx"
    grep -q "type2-en.docx" "$work/out" && fail "the English report was made again"
    expect_err "molnkvarn-soc2-type2-sv.docx: controls.xlsx:$cell changed: result of CHG-02"
    expect_err "molnkvarn-soc2-type2-en.docx: up to date"
    ;;
  rebuild-skips-pdf)
    # An English narrative edited: the Swedish PDF is not converted again.
    sample
    run build "$work/eng" --out "$work/o" --format docx,pdf
    expect_status 0
    sv_pdf=$(stat -c %y "$work/o/molnkvarn-soc2-type2-sv.pdf")
    printf '\nA paragraph added after the pre-audit.\n' >>"$work/eng/description/en/services.md"
    run build "$work/eng" --out "$work/o" --format docx,pdf --explain
    expect_status 0
    expect_out "molnkvarn-soc2-type2-en.pdf"
    grep -q "type2-sv" "$work/out" && fail "a Swedish output was made again"
    expect_err "molnkvarn-soc2-type2-sv.pdf: up to date"
    expect_err "molnkvarn-soc2-type2-en.pdf: its DOCX changed"
    [ "$sv_pdf" = "$(stat -c %y "$work/o/molnkvarn-soc2-type2-sv.pdf")" ] || fail "the Swedish PDF was touched"
    ;;
  render-whitepaper)
    run render "$src/samples/whitepaper" --out "$work/o"
    expect_status 0
    [ ! -s "$work/err" ] || fail "warnings for the sample"
    expect_out "soc2-whitepaper-sv.docx"
    expect_out "soc2-whitepaper-en.docx"
    bash "$src/scripts/validate_docx.sh" "$work/o/"*.docx >"$work/out.v" 2>&1 || { cat "$work/out.v"; fail "validator"; }
    /usr/bin/python3 - "$work/o/soc2-whitepaper-sv.docx" "$work/o/soc2-whitepaper-en.docx" <<'PY' || fail "content"
import sys, zipfile, docx
for path, title, lang, total in ((sys.argv[1], "SOC 2 i praktiken", "sv-SE", "Totalt"),
                                 (sys.argv[2], "SOC 2 in Practice", "en-US", "Total")):
    d = docx.Document(path)
    text = "\n".join(p.text for p in d.paragraphs)
    assert d.core_properties.title == title, d.core_properties.title
    assert d.core_properties.language == lang, d.core_properties.language
    assert "Molnkvarn AB" in text and "109" in text and "{{" not in text, path
    # The hand-written table and the engagement's coverage table with its total row.
    assert len(d.tables) == 2, len(d.tables)
    assert d.tables[1].rows[-1].cells[0].text == total
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert sum(n.startswith("word/media/") for n in names) == 1, names
        assert "word/footnotes.xml" in names
        assert b"TOC \\o" in z.read("word/document.xml")
PY
    run render "$src/samples/whitepaper/soc2-whitepaper.en.md" --out "$work/again"
    expect_status 0
    cmp "$work/o/soc2-whitepaper-sv.docx" "$work/again/soc2-whitepaper-sv.docx" || fail "sv not byte-identical"
    cmp "$work/o/soc2-whitepaper-en.docx" "$work/again/soc2-whitepaper-en.docx" || fail "en not byte-identical"
    ;;
  render-whitepaper-pdf)
    run render "$src/samples/whitepaper" --out "$work/o" --format pdf
    expect_status 0
    for lang in sv en; do
      pdf="$work/o/soc2-whitepaper-$lang.pdf"
      [ -s "$work/o/soc2-whitepaper-$lang.docx" ] || fail "no $lang DOCX"
      pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
      [ "${pages:-0}" -ge 6 ] && [ "$pages" -le 10 ] || fail "$lang PDF has ${pages:-no} pages, expected 6-10"
    done
    pdftotext "$work/o/soc2-whitepaper-sv.pdf" "$work/sv.txt" && pdftotext "$work/o/soc2-whitepaper-en.pdf" "$work/en.txt"
    grep -q "Sida 3 av" "$work/sv.txt" || fail "no Swedish page numbers"
    grep -q "Granskningsbyrån Nord AB – SOC 2 in Practice" "$work/en.txt" || fail "no running header"
    ;;
  render-parity)
    cp -r "$src/samples/whitepaper" "$work/wp"
    cp -r "$src/samples/molnkvarn" "$work/molnkvarn"
    en="$work/wp/soc2-whitepaper.en.md"
    # From the bottom up, so the line numbers above stay put: drop a list item, add a table,
    # remove a heading.
    sed -i '130d' "$en"
    sed -i '86a\\n| A | B |\n|---|---|\n| 1 | 2 |' "$en"
    sed -i '44d' "$en"
    run render "$work/wp" --out "$work/o"
    expect_status 0
    expect_err "soc2-whitepaper.sv.md:44:1: warning: heading 'Vem som läser rapporten' has no counterpart in $en [parity-heading]"
    expect_err "soc2-whitepaper.en.md:47:1: note: expected before this heading"
    expect_err "soc2-whitepaper.en.md:87:1: warning: section 'Complementary user entity controls' has 1 table(s) here and 0 in"
    expect_err "soc2-whitepaper.sv.md:84:1: note: the section in"
    expect_err "soc2-whitepaper.sv.md:130:1: warning: this list has 5 items, its counterpart in $en has 4"
    expect_err "soc2-whitepaper.en.md:129:1: note: the list in"
    [ "$(grep -c ': warning: ' "$work/err")" -eq 3 ] || fail "expected exactly three warnings"
    run render "$work/wp" --out "$work/strict" --strict
    expect_status 1
    expect_err "nothing was written"
    [ ! -e "$work/strict" ] || fail "--strict wrote output"
    ;;
  render-front-matter-errors)
    cp -r "$src/samples/whitepaper" "$work/wp"
    cp -r "$src/samples/molnkvarn" "$work/molnkvarn"
    sed -i -e 's/^date: 2026-09-01/date: 2026-09-31/' -e 's/^firm:/frim:/' "$work/wp/soc2-whitepaper.sv.md"
    sed -i -e 's/^language: en/language: sv/' "$work/wp/soc2-whitepaper.en.md"
    sed -i -e 's/{{control_count}}/{{control_cont}}/' "$work/wp/soc2-whitepaper.en.md"
    run render "$work/wp" --out "$work/o"
    expect_status 65
    expect_err "soc2-whitepaper.sv.md:5:1: error: unknown key 'frim'; did you mean 'firm'? [front-matter-unknown-key]"
    expect_err "soc2-whitepaper.sv.md:7:7: error: '2026-09-31' is not a date; write it as YYYY-MM-DD [front-matter-value]"
    expect_err "soc2-whitepaper.en.md:8:11: error: the file name says 'en' but the front matter says 'sv' [front-matter-language]"
    expect_err "nothing was written"
    [ ! -e "$work/o" ] || fail "output written despite errors"
    sed -i -e 's/^language: sv/language: en/' "$work/wp/soc2-whitepaper.en.md"
    cp "$src/samples/whitepaper/soc2-whitepaper.sv.md" "$work/wp/"
    run render "$work/wp" --out "$work/o"
    expect_status 65
    expect_err "soc2-whitepaper.en.md:107:"
    expect_err "error: unknown variable 'control_cont'; did you mean 'control_count'? [template-variable]"
    ;;
  render-letter)
    run render "$src/samples/letters/status-letter.sv.md" --out "$work/o"
    expect_status 0
    [ ! -s "$work/err" ] || fail "warnings for the sample letter"
    bash "$src/scripts/validate_docx.sh" "$work/o/"*.docx >"$work/out.v" 2>&1 || { cat "$work/out.v"; fail "validator"; }
    /usr/bin/python3 - "$work/o/status-letter-sv.docx" "$work/o/status-letter-en.docx" <<'PY' || fail "content"
import sys, zipfile, docx
for path, words in ((sys.argv[1], ["Till ledningen för Molnkvarn AB", "109 kontroller", "4 kontroller"]),
                    (sys.argv[2], ["To the management of Molnkvarn AB", "109 controls", "for 4 controls"])):
    text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    for w in words:
        assert w in text, (path, w)
    with zipfile.ZipFile(path) as z:
        assert b"TOC \\o" not in z.read("word/document.xml"), "a letter has no table of contents"
PY
    ;;
  render-pdf-without-libreoffice)
    mkdir "$work/bin"
    PATH="$work/bin" "$tillit" render "$src/samples/whitepaper" --out "$work/o" --format pdf --lang en >"$work/out" 2>"$work/err"
    status=$?
    expect_status 69
    expect_err "libreoffice"
    [ -s "$work/o/soc2-whitepaper-en.docx" ] || fail "the DOCX was not written"
    [ ! -e "$work/o/soc2-whitepaper-sv.docx" ] || fail "--lang en also wrote Swedish"
    [ ! -e "$work/o/soc2-whitepaper-en.pdf" ] || fail "a PDF appeared"
    ;;
  build-redline)
    # Issue v1, remediate, rebuild: the new report and a redline against v1 in both languages.
    sample
    run issue "$work/eng" --label v1
    expect_status 0
    /usr/bin/python3 - "$work/eng/controls.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Kontroller"]
header = [c.value for c in ws[4]]
for row in range(5, ws.max_row + 1):
    if ws.cell(row, 1).value == "CHG-02":
        ws.cell(row, header.index("Resultat (sv)") + 1).value = "Inga avvikelser noterades i urvalet av 25 ändringar."
        ws.cell(row, header.index("Result (en)") + 1).value = "No exceptions noted in the sample of 25 changes."
wb.save(sys.argv[1])
PY
    sed -i 's/cirka 120 anställda/cirka 130 anställda/' "$work/eng/description/sv/services.md"
    run build "$work/eng" --out "$work/o" --redline v1
    expect_status 0
    expect_out "molnkvarn-soc2-type2-sv-redline-v1.docx"
    expect_out "molnkvarn-soc2-type2-en-redline-v1.docx"
    bash "$src/scripts/validate_docx.sh" "$work/o/"*.docx >"$work/out.v" 2>&1 || { cat "$work/out.v"; fail "validator"; }
    unzip -p "$work/o/molnkvarn-soc2-type2-sv-redline-v1.docx" word/document.xml >"$work/sv.xml"
    grep -q '<w:ins w:id="[0-9]*" w:author="[^"]*" w:date="[0-9T:Z-]*"><w:r>.*av 25 ändringar' "$work/sv.xml" || fail "the new Swedish result is not a w:ins"
    grep -q '<w:del w:id="[0-9]*" w:author="[^"]*" w:date="[0-9T:Z-]*"><w:r><w:delText[^>]*>120</w:delText></w:r></w:del><w:ins [^>]*><w:r><w:t[^>]*>130</w:t>' "$work/sv.xml" ||
      fail "'120' is not a w:del followed by '130' as a w:ins"
    unzip -p "$work/o/molnkvarn-soc2-type2-en-redline-v1.docx" word/document.xml | grep -q "sample of 25 changes" || fail "the English redline lacks the new result"
    # The report itself has no tracked changes.
    unzip -p "$work/o/molnkvarn-soc2-type2-sv.docx" word/document.xml | grep -q '<w:ins ' && fail "the report has tracked changes"
    # Nothing changed since: nothing is made again, the redlines included.
    run build "$work/eng" --out "$work/o" --redline v1
    expect_status 0
    grep -q "docx" "$work/out" && fail "outputs were made again"
    expect_err "4 of 4 output(s) up to date, nothing to do"
    run build "$work/eng" --out "$work/o" --redline v9
    expect_status 66
    expect_err "v9"
    run build "$work/eng" --redline "../x"
    expect_status 64
    ;;
  *)
    echo "unknown case $case_name"; exit 2 ;;
esac
echo "ok [$case_name]"
