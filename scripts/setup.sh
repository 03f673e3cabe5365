#!/usr/bin/env bash
# Installs everything Tillit's build, sample and tests need, from Debian 12's packages.
# Idempotent: when every package is present it only checks and exits (well under a second).
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config
  libpugixml-dev libzip-dev libpoco-dev libssl-dev libicu-dev catch2
  libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev
  # external tools: pandoc (other formats), LibreOffice (PDF), Swedish hyphenation
  pandoc libreoffice-writer-nogui python3-uno hyphen-sv
  # fonts metric-compatible with Calibri, Cambria, Arial and Times, so PDFs paginate like Word
  fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2
  # tests: PDF text and fonts, XLSX fixtures, DOCX read-back
  poppler-utils python3-openpyxl python3-docx unzip
  # benchmarks: peak memory (/usr/bin/time -v)
  time
)

# One dpkg-query for all packages; those not reported as installed are missing.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null |
  awk '$NF == "installed" {print $1}') || true
missing=()
for p in "${packages[@]}"; do
  grep -qx "$p" <<<"$installed" || missing+=("$p")
done

export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The DOCX validator the tests run (package.json pins it) needs Node.js; the project's machines
# usually have Node 20, elsewhere Debian's nodejs and npm do.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: installing nodejs npm"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -x "$root/node_modules/.bin/ooxml-validator" ]; then
  # npm install, not npm ci: npm 11 leaves the validator's other-platform binaries out of the
  # lock file and then refuses `npm ci` for that; install still takes the pinned versions.
  echo "setup: installing the DOCX validator (npm install, pinned by package-lock.json)"
  (cd "$root" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
echo "setup: all packages present"
