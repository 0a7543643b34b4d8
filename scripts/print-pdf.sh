#!/usr/bin/env bash
# Prints an HTML file to PDF with headless Chromium (Debian's package, from
# scripts/install-test-tools.sh), as a reader's browser prints it: A4 as the
# page's print stylesheet says, no browser header or footer, a fresh profile,
# no network of its own. Usage: scripts/print-pdf.sh IN.html OUT.pdf
set -euo pipefail
in="$(realpath "$1")"
out="$(realpath -m "$2")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
rm -f "$out"
if ! timeout 180 chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-extensions --disable-default-apps --no-default-browser-check \
  --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$out" \
  "file://$in" >"$profile/log" 2>&1 || [ ! -s "$out" ]; then
  cat "$profile/log" >&2
  echo "print-pdf: chromium did not print $in" >&2
  exit 1
fi
