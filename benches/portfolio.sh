#!/usr/bin/env bash
# Portfolio benchmark (docs/performance.md): the same generated portfolio of
# programs, measured three ways, medians of several runs after a warm-up:
#   (a) floors, on one thread: read every YAML file and parse it with
#       serde-saphyr and the project's options into IgnoredAny (the
#       reference floor); the same with the fast first parse (serde-saphyr
#       for the files it hands back); the bare read of every file;
#   (b) `al check` (wall, user, peak memory);
#   (c) check-jsonschema (pip, in a venv under target/bench) validating the
#       session files against `al schema session`, in the same rounds as
#       `al check` on the same portfolio (CJ_RUNS rounds, default 3;
#       CJ_SKIP=SECONDS reuses an earlier measurement instead);
#   (d) `al portfolio` (the dashboard, Markdown) on the same portfolios.
# BASE_AL=path/to/al (a build from before a change) adds its callgrind
# instruction counts beside today's (on today's portfolio: a build that does
# not know a field the generator writes counts it as an unknown key); the
# fast first parse is also measured against the same build with
# AL_FAST_PARSE=off.
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
  read -r fw fu fm; read -r ffw ffu ffm; read -r rw ru rm; read -r aw au am; read -r tw tu tm
  read -r xw xu xm; read -r ww wu wm; read -r sw su sm
} < <(measure "$FLOOR $P" "$FLOOR $P fast" "$FLOOR $P read" "$CHECK $P" "$CHECK -j1 $P" "$FLOOR $PW" "$CHECK $PW" "$CHECK $P100")
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

# check-jsonschema on the same session files, in the same rounds as
# `al check` on the same portfolio (it is slow: minutes a round).
VENV="$WORK/venv"
CJ_SKIP=${CJ_SKIP:-}
if [ ! -x "$VENV/bin/check-jsonschema" ]; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet check-jsonschema
fi
"$AL" schema session > "$WORK/session.schema.json"
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
find "$P" -path '*/sessions/*.yaml' -print0 > "$WORK/sessions.list"
CJ="xargs -0 -n 2000 -a $WORK/sessions.list $VENV/bin/check-jsonschema --schemafile $WORK/session.schema.json"
if [ -n "$CJ_SKIP" ]; then
  cw=$CJ_SKIP   # CJ_SKIP=SECONDS reuses an earlier measurement
  cal=$aw
else
  { read -r cw _ _; read -r cal _ _; } < <(RUNS=${CJ_RUNS:-3} measure "$CJ" "$CHECK $P")
fi

printf '\n| measure | wall (s) | user (s) | peak memory (MiB) |\n|---|---:|---:|---:|\n'
printf '| (a) floor: read + serde-saphyr into IgnoredAny, 1 thread, %s programs | %s | %s | %.1f |\n' "$N" "$fw" "$fu" "$(calc "$fm/1024")"
printf '| (a) fast floor: read + fast first parse into IgnoredAny, 1 thread | %s | %s | %.1f |\n' "$ffw" "$ffu" "$(calc "$ffm/1024")"
printf '| (a) bare read of every file, 1 thread | %s | %s | %.1f |\n' "$rw" "$ru" "$(calc "$rm/1024")"
printf '| (b) al check, %s programs (%s files) | %s | %s | %.1f |\n' "$N" "$FILES" "$aw" "$au" "$(calc "$am/1024")"
printf '| (b) al check, %s programs, 1 thread | %s | %s | %.1f |\n' "$N" "$tw" "$tu" "$(calc "$tm/1024")"
printf '| (b) al check, 100 programs | %s | %s | %.1f |\n' "$sw" "$su" "$(calc "$sm/1024")"
printf '| (d) al portfolio, %s programs | %s | %s | %.1f |\n' "$N" "$pw" "$pu" "$(calc "$pm/1024")"
printf '| (d) al portfolio, %s programs, 1 thread | %s | %s | %.1f |\n' "$N" "$pjw" "$pju" "$(calc "$pjm/1024")"
printf '| (d) al portfolio, 100 programs | %s | %s | %.1f |\n' "$psw" "$psu" "$(calc "$psm/1024")"
printf '| (c) check-jsonschema, the %s session files only (median of %s rounds, beside al check at %s s) | %s | — | — |\n' "$SESSIONS" "${CJ_RUNS:-3}" "$cal" "$cw"
printf '| worst case: (a) floor, every program neglected (%s files) | %s | %s | %.1f |\n' "$WFILES" "$xw" "$xu" "$(calc "$xm/1024")"
printf '| worst case: (b) al check, every program neglected | %s | %s | %.1f |\n' "$ww" "$wu" "$(calc "$wm/1024")"
printf '| al check examples/talent-retention, 24 files (median of 50) | %s ms | — | %s |\n' "$one_ms" "$(calc "$em/1024")"
printf '\nal check / floor: %.2f× (worst case %.2f×)   fast floor / floor: %.2f×   check-jsonschema / al check: %.0f×   memory %s vs 100 programs: %.2f×\n' \
  "$(calc "$aw/$fw")" "$(calc "$ww/$xw")" "$(calc "$ffw/$fw")" "$(calc "$cw/$cal")" "$N" "$(calc "$am/$sm")"
printf 'al portfolio / al check: %.2f× (1 thread %.2f×)   portfolio memory %s vs 100 programs: %.2f×\n' \
  "$(calc "$pw/$aw")" "$(calc "$pjw/$tw")" "$N" "$(calc "$pm/$psm")"

# Instructions, which do not depend on what else the machine is doing:
# callgrind on the 100-program portfolio, one thread each (skipped without
# valgrind; about a minute).
if command -v valgrind >/dev/null; then
  # (a run with error findings exits 1: still counted)
  instr() { { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } | awk '/Collected/ {print $4}'; }
  fi_=$(instr "$FLOOR" "$P100")
  ffi=$(instr "$FLOOR" "$P100" fast)
  ri_=$(instr "$FLOOR" "$P100" read)
  ai_=$(instr "$AL" check -j1 "$P100" --today 2026-06-30 --format json)
  P100W=$(port 100 1)
  fwi=$(instr "$FLOOR" "$P100W")
  awi=$(instr "$AL" check -j1 "$P100W" --today 2026-06-30 --format json)
  pi_=$(instr "$AL" portfolio -j1 "$P100" --today 2026-06-30)
  # The same build with the fast first parse turned off: what the fast
  # path alone saves, on the same files.
  aoi=$(AL_FAST_PARSE=off instr "$AL" check -j1 "$P100" --today 2026-06-30 --format json)
  printf '\n| instructions, 100 programs, 1 thread | floor | al check | ratio |\n|---|---:|---:|---:|\n'
  printf '| realistic portfolio | %s | %s | %.2f× |\n' "$fi_" "$ai_" "$(calc "$ai_/$fi_")"
  printf '| every program neglected | %s | %s | %.2f× |\n' "$fwi" "$awi" "$(calc "$awi/$fwi")"
  printf '| al check with AL_FAST_PARSE=off, realistic portfolio | %s | %s | %.2f× (the fast path: %.2f× fewer) |\n' "$fi_" "$aoi" "$(calc "$aoi/$fi_")" "$(calc "$aoi/$ai_")"
  printf '| al portfolio -j1, realistic portfolio | %s | %s | %.2f× |\n' "$fi_" "$pi_" "$(calc "$pi_/$fi_")"
  printf '\n| floors, instructions, 100 programs | instructions | / serde-saphyr floor |\n|---|---:|---:|\n'
  printf '| serde-saphyr into IgnoredAny (reference) | %s | 1.00× |\n' "$fi_"
  printf '| fast first parse into IgnoredAny | %s | %.2f× |\n' "$ffi" "$(calc "$ffi/$fi_")"
  for m in granit saphyr-parser yaml-rust2; do
    mi=$(instr "$FLOOR" "$P100" "$m")
    printf '| events alone: %s | %s | %.2f× |\n' "$m" "$mi" "$(calc "$mi/$fi_")"
  done
  printf '| bare read | %s | %.2f× |\n' "$ri_" "$(calc "$ri_/$fi_")"
  if [ -n "${BASE_AL:-}" ]; then
    bi_=$(instr "$BASE_AL" check -j1 "$P100" --today 2026-06-30 --format json)
    bwi=$(instr "$BASE_AL" check -j1 "$P100W" --today 2026-06-30 --format json)
    bpi=$(instr "$BASE_AL" portfolio -j1 "$P100" --today 2026-06-30)
    printf '\n| instructions, 100 programs, -j1 | before (BASE_AL) | now | fewer |\n|---|---:|---:|---:|\n'
    printf '| al check, realistic portfolio | %s | %s | %.2f× |\n' "$bi_" "$ai_" "$(calc "$bi_/$ai_")"
    printf '| al check, every program neglected | %s | %s | %.2f× |\n' "$bwi" "$awi" "$(calc "$bwi/$awi")"
    printf '| al portfolio, realistic portfolio | %s | %s | %.2f× |\n' "$bpi" "$pi_" "$(calc "$bpi/$pi_")"
  fi
fi
