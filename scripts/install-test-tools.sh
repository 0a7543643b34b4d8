#!/usr/bin/env bash
# Installs the outside tools the test suite runs, from the project's own files:
#   - Debian packages: chromium (headless, prints the HTML report to PDF),
#     poppler-utils (pdfinfo, pdftotext, pdftoppm), fonts-noto-cjk (Chinese in
#     the PDF), a Java runtime for the Nu HTML checker, Node.js and npm,
#     groff-base (reads the manual pages with warnings on);
#   - npm packages pinned by tools/node/package-lock.json: mermaid 11 and jsdom
#     (Mermaid's own parser), vnu-jar (the Nu HTML checker) and
#     @microsoft/sarif-multitool (Microsoft's SARIF validator, a self-contained
#     program in its platform package), into tools/node/node_modules.
# Idempotent: what is there already is left alone, so a second run takes a
# second. No step downloads a browser or a runtime of its own (npm runs no
# install scripts). Usage: scripts/install-test-tools.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

# The Debian packages each command comes from.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v groff >/dev/null 2>&1 || need+=(groff-base)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 ||
  need+=(fonts-noto-cjk)

if [ ${#need[@]} -gt 0 ]; then
  echo "install-test-tools: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm: exactly what the lock file says, again only when it changed.
NODE_DIR=tools/node
STAMP="$NODE_DIR/node_modules/.installed-lock"
if ! cmp -s "$NODE_DIR/package-lock.json" "$STAMP"; then
  echo "install-test-tools: npm ci in $NODE_DIR"
  (cd "$NODE_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$NODE_DIR/package-lock.json" "$STAMP"
fi
# npm unpacks the SARIF validator without its execute bit (no install
# scripts run): set it.
SARIF_MULTITOOL="$NODE_DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[ ! -f "$SARIF_MULTITOOL" ] || [ -x "$SARIF_MULTITOOL" ] || chmod +x "$SARIF_MULTITOOL"

echo "install-test-tools: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), $(pdftotext -v 2>&1 | head -1), java $(java -version 2>&1 | head -1 | awk -F'"' '{print $2}'), node $(node --version)"
