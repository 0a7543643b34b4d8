#!/usr/bin/env bash
# The one command from a fresh clone to the printed report's first pages:
# installs the tools (scripts/install-test-tools.sh), builds al, renders the
# Chinese HTML report of examples/talent-retention at 2026-09-30, prints it
# to PDF with headless Chromium (scripts/print-pdf.sh) and converts pages 1
# and 2 to PNG at 80 dpi with pdftoppm.
# Writes target/report-pages/{report.html,report.pdf,page-1.png,page-2.png}.
# Usage: scripts/report-pages.sh [PROGRAM [LANG [TODAY]]]
set -euo pipefail
cd "$(dirname "$0")/.."
program="${1:-examples/talent-retention}"
lang="${2:-zh}"
today="${3:-2026-09-30}"
out=target/report-pages

scripts/install-test-tools.sh
cargo build --release --quiet --bin al
mkdir -p "$out"
target/release/al report "$program" --format html --lang "$lang" --today "$today" -o "$out/report.html"
scripts/print-pdf.sh "$out/report.html" "$out/report.pdf"
for page in 1 2; do
  pdftoppm -r 80 -png -f "$page" -l "$page" -singlefile "$out/report.pdf" "$out/page-$page"
done
echo "report-pages: $(pdfinfo "$out/report.pdf" | awk '/^Pages:/{print $2}') pages; $out/page-1.png, $out/page-2.png"
