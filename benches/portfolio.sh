#!/usr/bin/env bash
# Portfolio benchmark (docs/performance.md): the same generated portfolio of
# programs, measured three ways, medians of several runs after a warm-up:
#   (a) floor: read every YAML file and parse it with the same parser into
#       IgnoredAny, on one thread;
#   (b) `al check` (wall, user, peak memory);
#   (c) check-jsonschema (pip, in a temporary venv) validating the session
#       files against `al schema session`;
#   (d) `al portfolio` (the dashboard, Markdown) on the same portfolios.
# Usage: benches/portfolio.sh [PROGRAMS=1000] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
RUNS=${2:-5}
WORK=${BENCH_DIR:-target/bench}
mkdir -p "$WORK"

cargo build --release --quiet --bin al --example gen-portfolio --example parse-floor
AL=target/release/al
GEN=target/release/examples/gen-portfolio
FLOOR=target/release/examples/parse-floor

port() { # the portfolio of $1 programs, one in $2 neglected; generated once
  local dir="$WORK/portfolio-$1-$2"
  [ -d "$dir" ] || "$GEN" "$dir" "$1" 42 "$2" >&2
  echo "$dir"
}

# Runs each of the given commands (shell strings) once to warm up, then all
# of them in turn, RUNS rounds, so that a busy spell of a shared machine
# falls on all of them alike; prints "wall user maxrss_kib" medians, one
# line per command.
measure() {
  local n=$#
  local -a walls users rss
  for cmd in "$@"; do bash -c "$cmd" >/dev/null 2>&1 || true; done
  for _ in $(seq "$RUNS"); do
    for i in $(seq 0 $((n - 1))); do
      local cmds=("$@")
      /usr/bin/time -o "$WORK/time.txt" -f "%e %U %M" bash -c "exec ${cmds[$i]}" >/dev/null 2>/dev/null || true
      read -r w u m < <(tail -1 "$WORK/time.txt")
      walls[$i]+="$w "; users[$i]+="$u "; rss[$i]+="$m "
    done
  done
  med() { printf '%s\n' $1 | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  for i in $(seq 0 $((n - 1))); do
    echo "$(med "${walls[$i]}") $(med "${users[$i]}") $(med "${rss[$i]}")"
  done
}

# The realistic portfolio: one program in 20 neglected (it has warnings).
P=$(port "$N" 20)
FILES=$(find "$P" -name '*.yaml' | wc -l)
SESSIONS=$(find "$P" -path '*/sessions/*.yaml' | wc -l)
echo "portfolio: $N programs, $FILES YAML files ($SESSIONS session files), in $P"
# The worst case: every program neglected, findings in a third of the files.
PW=$(port "$N" 1)
WFILES=$(find "$PW" -name '*.yaml' | wc -l)

CHECK="$AL check --today 2026-06-30 --format json"
P100=$(port 100 20)
{
  read -r fw fu fm; read -r aw au am; read -r tw tu tm
  read -r xw xu xm; read -r ww wu wm; read -r sw su sm
} < <(measure "$FLOOR $P" "$CHECK $P" "$CHECK -j1 $P" "$FLOOR $PW" "$CHECK $PW" "$CHECK $P100")
PORT="$AL portfolio --today 2026-06-30"
{
  read -r pw pu pm; read -r pjw pju pjm; read -r psw psu psm
} < <(measure "$PORT $P" "$PORT -j1 $P" "$PORT $P100")
read -r ew eu em < <(RUNS=20 measure "$AL check examples/talent-retention --today 2026-09-30")
# One program in milliseconds (the median of 50 runs, process start included).
one_ms=$(python3 - "$AL" <<'PY'
import statistics, subprocess, sys, time
runs = []
for _ in range(50):
    t = time.perf_counter()
    subprocess.run([sys.argv[1], "check", "examples/talent-retention", "--today", "2026-09-30"], stdout=subprocess.DEVNULL)
    runs.append(time.perf_counter() - t)
print(f"{statistics.median(runs) * 1000:.1f}")
PY
)

# check-jsonschema on the same session files, once (it is slow: minutes).
VENV="$WORK/venv"
CJ_SKIP=${CJ_SKIP:-}
if [ ! -x "$VENV/bin/check-jsonschema" ]; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet check-jsonschema
fi
"$AL" schema session > "$WORK/session.schema.json"
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
if [ -n "$CJ_SKIP" ]; then
  cw=$CJ_SKIP   # CJ_SKIP=SECONDS reuses an earlier measurement
else
  cj_start=$(date +%s.%N)
  find "$P" -path '*/sessions/*.yaml' -print0 | xargs -0 -n 2000 "$VENV/bin/check-jsonschema" --schemafile "$WORK/session.schema.json" >/dev/null 2>&1 || true
  cj_end=$(date +%s.%N)
  cw=$(calc "$cj_end - $cj_start")
fi

printf '\n| measure | wall (s) | user (s) | peak memory (MiB) |\n|---|---:|---:|---:|\n'
printf '| (a) floor: read + parse into IgnoredAny, 1 thread, %s programs | %s | %s | %.1f |\n' "$N" "$fw" "$fu" "$(calc "$fm/1024")"
printf '| (b) al check, %s programs (%s files) | %s | %s | %.1f |\n' "$N" "$FILES" "$aw" "$au" "$(calc "$am/1024")"
printf '| (b) al check, %s programs, 1 thread | %s | %s | %.1f |\n' "$N" "$tw" "$tu" "$(calc "$tm/1024")"
printf '| (b) al check, 100 programs | %s | %s | %.1f |\n' "$sw" "$su" "$(calc "$sm/1024")"
printf '| (d) al portfolio, %s programs | %s | %s | %.1f |\n' "$N" "$pw" "$pu" "$(calc "$pm/1024")"
printf '| (d) al portfolio, %s programs, 1 thread | %s | %s | %.1f |\n' "$N" "$pjw" "$pju" "$(calc "$pjm/1024")"
printf '| (d) al portfolio, 100 programs | %s | %s | %.1f |\n' "$psw" "$psu" "$(calc "$psm/1024")"
printf '| (c) check-jsonschema, the %s session files only (1 run) | %s | — | — |\n' "$SESSIONS" "$cw"
printf '| worst case: (a) floor, every program neglected (%s files) | %s | %s | %.1f |\n' "$WFILES" "$xw" "$xu" "$(calc "$xm/1024")"
printf '| worst case: (b) al check, every program neglected | %s | %s | %.1f |\n' "$ww" "$wu" "$(calc "$wm/1024")"
printf '| al check examples/talent-retention, 24 files (median of 50) | %s ms | — | %s |\n' "$one_ms" "$(calc "$em/1024")"
printf '\nal check / floor: %.2f× (worst case %.2f×)   check-jsonschema / al check: %.0f×   memory %s vs 100 programs: %.2f×\n' \
  "$(calc "$aw/$fw")" "$(calc "$ww/$xw")" "$(calc "$cw/$aw")" "$N" "$(calc "$am/$sm")"
printf 'al portfolio / al check: %.2f× (1 thread %.2f×)   portfolio memory %s vs 100 programs: %.2f×\n' \
  "$(calc "$pw/$aw")" "$(calc "$pjw/$tw")" "$N" "$(calc "$pm/$psm")"

# Instructions, which do not depend on what else the machine is doing:
# callgrind on the 100-program portfolio, one thread each (skipped without
# valgrind; about a minute).
if command -v valgrind >/dev/null; then
  instr() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $4}'; }
  fi_=$(instr "$FLOOR" "$P100")
  ai_=$(instr "$AL" check -j1 "$P100" --today 2026-06-30 --format json)
  P100W=$(port 100 1)
  fwi=$(instr "$FLOOR" "$P100W")
  awi=$(instr "$AL" check -j1 "$P100W" --today 2026-06-30 --format json)
  pi_=$(instr "$AL" portfolio -j1 "$P100" --today 2026-06-30)
  printf '\n| instructions, 100 programs, 1 thread | floor | al check | ratio |\n|---|---:|---:|---:|\n'
  printf '| realistic portfolio | %s | %s | %.2f× |\n' "$fi_" "$ai_" "$(calc "$ai_/$fi_")"
  printf '| every program neglected | %s | %s | %.2f× |\n' "$fwi" "$awi" "$(calc "$awi/$fwi")"
  printf '| al portfolio -j1, realistic portfolio | %s | %s | %.2f× |\n' "$fi_" "$pi_" "$(calc "$pi_/$fi_")"
fi
