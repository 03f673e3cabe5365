#!/bin/bash
# Opens a redline DOCX in LibreOffice (converted to ODT, headless) and checks that it shows the
# tracked changes: the expected number of changed regions, among them a given deleted text.
# Usage: libreoffice_redline.sh TILLIT_TESTS SOURCE REGIONS DELETED_TEXT
# SOURCE as for the '[.redline-sample]' test case (sample-sv, sample-en). Exit 77: no soffice.
set -euo pipefail
tests=$1 source=$2 expected=$3 deleted=$4
command -v soffice >/dev/null || { echo "soffice not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
TILLIT_REDLINE_SAMPLE="$work/redline.docx" TILLIT_REDLINE_SOURCE="$source" \
  "$tests" '[.redline-sample]' >/dev/null
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to odt \
  --outdir "$work" "$work/redline.docx" >/dev/null 2>&1
unzip -p "$work/redline.odt" content.xml >"$work/content.xml"
regions=$(grep -o '<text:changed-region' "$work/content.xml" | wc -l)
# Deleted text lives in the change's record, between <text:deletion> and its end.
tracked=$(sed -n 's#.*\(<text:tracked-changes.*</text:tracked-changes>\).*#\1#p' "$work/content.xml")
status=0
if [[ $regions -ne $expected ]]; then
  echo "LibreOffice shows $regions changed regions; expected $expected"
  status=1
fi
if ! grep -qF "$deleted" <<<"$tracked"; then
  echo "the deleted text '$deleted' is not among LibreOffice's tracked changes"
  status=1
fi
[[ $status -eq 0 ]] && echo "LibreOffice shows $regions changed regions"
exit $status
