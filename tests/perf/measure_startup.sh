#!/usr/bin/env bash
# Start-up cost of lectern against a bare GLFW + Dear ImGui window (tests/perf/baseline_window):
# median time from process start to the first frame swapped, and median/max peak RSS, over RUNS
# runs of each, under Xvfb (Mesa llvmpipe), so numbers compare across machines without a GPU.
#
#   tests/perf/measure_startup.sh [RUNS]        RUNS defaults to 10
#
# Environment:
#   LECTERN_BIN   folder holding lectern and baseline_window (default: build/bin)
#   LECTERN_ARGS  extra arguments for lectern (for example "--course path/to/course")
# Needs: xvfb (xvfb-run), xauth, time (/usr/bin/time).
#
# Both programs print "first-frame-ms N" for --first-frame-exit; N comes from the kernel's
# process start time (1 tick = 10 ms resolution), so compare medians, not single runs. One
# warm-up run of each is discarded (cold file cache), and the runs alternate between the two
# programs so that a machine getting busier affects both alike.
set -euo pipefail

runs=${1:-10}
case $runs in '' | *[!0-9]* | 0) echo "usage: $0 [RUNS]" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
bin=${LECTERN_BIN:-$here/../../build/bin}

for tool in xvfb-run xauth /usr/bin/time; do
  if ! command -v "$tool" > /dev/null; then
    echo "$0: $tool is missing (apt-get install -y xvfb xauth time)" >&2
    exit 2
  fi
done

# Everything runs under one Xvfb, started here unless this is already the inner run.
if [ -z "${LECTERN_PERF_UNDER_XVFB:-}" ]; then
  LECTERN_PERF_UNDER_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" "$@"
fi

baseline=$bin/baseline_window
lectern=$bin/lectern
if [ ! -x "$baseline" ]; then
  echo "$0: $baseline not found (build the baseline_window target, or set LECTERN_BIN)" >&2
  exit 2
fi
read -r -a lectern_args <<< "${LECTERN_ARGS:-}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run NAME PROGRAM ARGS...: one run; appends "ms kb" to $work/NAME, or says why it failed.
run() {
  local name=$1
  shift
  local out=$work/out err=$work/err stats=$work/stats
  if ! /usr/bin/time -v -o "$stats" "$@" --first-frame-exit > "$out" 2> "$err"; then
    echo "$name failed: $(head -c 400 "$err")" >&2
    return 1
  fi
  local ms kb
  ms=$(awk '$1 == "first-frame-ms" { print $2 }' "$out")
  kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$stats")
  if [ -z "$ms" ] || [ -z "$kb" ]; then
    echo "$name printed no first-frame-ms line" >&2
    return 1
  fi
  echo "$ms $kb" >> "$work/$name"
}

# median COLUMN FILE / max COLUMN FILE
median() { awk -v c="$1" '{ print $c }' "$2" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { awk -v c="$1" 'NR == 1 || $c > m { m = $c } END { print m }' "$2"; }

with_lectern=0
if [ -x "$lectern" ]; then
  if run warmup "$lectern" "${lectern_args[@]}"; then
    with_lectern=1
  else
    echo "lectern is not measured (its --first-frame-exit run failed); baseline only" >&2
  fi
else
  echo "lectern not found at $lectern; baseline only" >&2
fi
run warmup "$baseline"

for ((i = 0; i < runs; i++)); do
  run baseline "$baseline"
  if [ "$with_lectern" = 1 ]; then run lectern "$lectern" "${lectern_args[@]}"; fi
done

printf '%-10s %5s %16s %16s %13s\n' program runs "first-frame ms" "peak RSS MB med" "peak RSS max"
report() {
  local name=$1 file=$work/$1
  printf '%-10s %5d %16.1f %16.1f %13.1f\n' "$name" "$(wc -l < "$file")" "$(median 1 "$file")" \
    "$(awk -v k="$(median 2 "$file")" 'BEGIN { print k / 1024 }')" \
    "$(awk -v k="$(maximum 2 "$file")" 'BEGIN { print k / 1024 }')"
}
report baseline
if [ "$with_lectern" = 1 ]; then
  report lectern
  awk -v lt="$(median 1 "$work/lectern")" -v bt="$(median 1 "$work/baseline")" \
      -v lr="$(median 2 "$work/lectern")" -v br="$(median 2 "$work/baseline")" \
      -v lm="$(maximum 2 "$work/lectern")" -v bm="$(maximum 2 "$work/baseline")" \
      'BEGIN { printf "lectern / baseline: first frame %.2fx, peak RSS median %.2fx, max %.2fx\n", lt / bt, lr / br, lm / bm }'
fi
