#!/usr/bin/env bash
# Hostile-input benchmark (docs/performance.md, "Hostile input"): programs
# built to have as many findings in one file as fit, checked by the release
# build. The budget: any input within the size limit (10 MiB a file) is
# checked in under 5 s on the project's machine.
#
# Each case is the fixture program tests/fixtures/AL201/pass with one file
# grown:
#   keys-40k       topic.yaml + 40,000 unknown keys, one a line (480 KB)
#   owners-40k     a session + 40,000 actions whose owner is no one (2.1 MB)
#   slips-40k      topic.yaml + 40,000 keys written with a full-width colon
#   oneline-40k    a session + 40,000 unknown owners in one flow list, on one line
#   keys-100k      topic.yaml + 100,000 unknown keys (1.2 MB): about as many
#                  as the fast first parse reads before it hands a file back
#   keys-10mb      topic.yaml + unknown keys up to just under 10 MiB
#   owners-10mb    a session + unknown owners up to just under 10 MiB
# and measured: wall time, CPU time and peak memory (medians of RUNS runs,
# human and JSON output), the size of the output, and, with valgrind, the instructions
# of one run (callgrind; the 10 MiB cases only with CALLGRIND_ALL=1, as
# callgrind runs them for minutes).
# Usage: benches/hostile.sh [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
WORK=${BENCH_DIR:-target/bench}/hostile
mkdir -p "$WORK"

cargo build --release --quiet --bin al
AL=target/release/al
LIMIT=10485760

# Builds the cases once (the same bytes every time).
python3 - "$WORK" "$LIMIT" <<'PY'
import os, shutil, sys
work, limit = sys.argv[1], int(sys.argv[2])
src = "tests/fixtures/AL201/pass"
def case(name, file, header, line, n=None):
    d = os.path.join(work, name)
    if os.path.exists(d):
        return
    tmp = d + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(src, tmp)
    path = os.path.join(tmp, file)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    size = len(text.encode()) + len(header.encode())
    parts = [text, header]
    i = 0
    while (n is None or i < n):
        piece = line(i)
        size += len(piece.encode())
        if n is None and size > limit - 64:
            break
        parts.append(piece)
        i += 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(parts))
    os.rename(tmp, d)
session = "sessions/2026-03-02-kickoff.yaml"
action = lambda i: f"  - {{ task: t, owner: nobody{i:07d}, due: 2026-04-30 }}\n"
case("keys-40k", "topic.yaml", "", lambda i: f"k{i:07d}: 1\n", 40000)
case("owners-40k", session, "actions:\n", action, 40000)
case("slips-40k", "topic.yaml", "", lambda i: f"k{i:07d}：1\n", 40000)
oneline = lambda i: ("actions: [" if i == 0 else ", ") + f"{{task: t, owner: nobody{i:07d}}}" + ("]\n" if i == 39999 else "")
case("oneline-40k", session, "", oneline, 40000)
case("keys-100k", "topic.yaml", "", lambda i: f"k{i:07d}: 1\n", 100000)
case("keys-10mb", "topic.yaml", "", lambda i: f"k{i:07d}: 1\n")
case("owners-10mb", session, "actions:\n", action)
PY

CASES=(keys-40k owners-40k slips-40k oneline-40k keys-100k keys-10mb owners-10mb)
CHECK="$AL check --today 2026-03-20 --lang en"

# Median of a list of numbers.
med() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '| case | largest file | findings | human: wall (s) | human: CPU (s) | human: peak (MiB) | human: output (KB) | json: wall (s) | json: CPU (s) | json: peak (MiB) |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for c in "${CASES[@]}"; do
  dir="$WORK/$c"
  big=$(find "$dir" -name '*.yaml' -printf '%s\n' | sort -n | tail -1)
  row=()
  for fmt in human json; do
    walls=(); cpus=(); peaks=()
    for _ in $(seq "$RUNS"); do
      /usr/bin/time -o "$WORK/time.txt" -f "%e %M %U %S" $CHECK --format "$fmt" "$dir" >"$WORK/$c.$fmt" 2>/dev/null || true
      # GNU time writes "Command exited with non-zero status 1" first
      # when there are findings: the figures are on the last line.
      read -r w m u s < <(tail -n 1 "$WORK/time.txt")
      walls+=("$w"); peaks+=("$m"); cpus+=("$(awk "BEGIN { print $u + $s }")")
    done
    row+=("$(med "${walls[@]}")" "$(med "${cpus[@]}")" "$(awk "BEGIN { printf \"%.1f\", $(med "${peaks[@]}")/1024 }")")
    [ "$fmt" = human ] && row+=("$(( $(wc -c < "$WORK/$c.human") / 1000 ))")
  done
  findings=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["errors"]+s["warnings"])' "$WORK/$c.json")
  printf '| %s | %s bytes | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$c" "$big" "$findings" "${row[@]}"
done

if command -v valgrind >/dev/null; then
  printf '\n| case | instructions (callgrind, human output) |\n|---|---:|\n'
  for c in "${CASES[@]}"; do
    case "$c" in *10mb|keys-100k) [ -n "${CALLGRIND_ALL:-}" ] || continue ;; esac
    n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null $CHECK "$WORK/$c" 2>&1 >/dev/null | awk '/Collected/ {print $4}' || true)
    printf '| %s | %s |\n' "$c" "$n"
  done
fi
