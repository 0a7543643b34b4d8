#!/usr/bin/env bash
# Parses the Mermaid gantt of every example report (both languages) with
# Mermaid's own parser (mermaid 11 on Node.js, jsdom for the DOM), the one a
# git forge renders with. Not part of CI (it needs npm); run it after changing
# the gantt. Usage: scripts/mermaid-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=target/mermaid-check
mkdir -p "$WORK"
if [ ! -d "$WORK/node_modules/mermaid" ]; then
  (cd "$WORK" && npm init -y >/dev/null && npm install --silent mermaid@11 jsdom@24)
fi
cargo build --release --quiet --bin al
files=()
for ex in examples/*/; do
  for lang in zh en; do
    out="$WORK/$(basename "$ex")-$lang.mmd"
    target/release/al report "$ex" --lang "$lang" --today 2026-09-30 | awk '/^```mermaid/{f=1;next} /^```/{f=0} f' > "$out"
    files+=("$(realpath "$out")")
  done
done
cp scripts/mermaid-parse.mjs "$WORK/"
(cd "$WORK" && node mermaid-parse.mjs "${files[@]}") | tee "$WORK/result.txt"
! grep -q ERROR "$WORK/result.txt"
