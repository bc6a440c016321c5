#!/usr/bin/env bash
# CPU used by an idle window: starts lectern (or the bare baseline window) under Xvfb, waits for
# its window to appear and settle, then counts the CPU time it consumes over SECONDS with no
# input at all, and prints it as a percentage of one core. A kiosk left on a page should be ~0.
#
#   tests/perf/measure_idle_cpu.sh [lectern|baseline] [SECONDS]   defaults: lectern (baseline if
#                                                                 lectern is not built), 10
# Environment:
#   LECTERN_BIN            folder holding lectern and baseline_window (default: build/bin)
#   LECTERN_ARGS           extra arguments for lectern
#   LECTERN_IDLE_MAX_PCT   if set, exit 1 when the measured percentage is above it
# Needs: xvfb (xvfb-run), xauth, xdotool.
#
# The count is utime + stime from /proc/PID/stat (all threads), in clock ticks (usually 10 ms):
# over 10 s one tick is 0.1 % of a core, the resolution of this measurement.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bin=${LECTERN_BIN:-$here/../../build/bin}
which_program=${1:-}
seconds=${2:-10}
case $seconds in '' | *[!0-9]* | 0) echo "usage: $0 [lectern|baseline] [SECONDS]" >&2; exit 2 ;; esac
if [ -z "$which_program" ]; then
  if [ -x "$bin/lectern" ]; then which_program=lectern; else which_program=baseline; fi
fi
case $which_program in
  lectern) program=$bin/lectern; read -r -a args <<< "${LECTERN_ARGS:-}" ;;
  baseline) program=$bin/baseline_window; args=() ;;
  *) echo "usage: $0 [lectern|baseline] [SECONDS]" >&2; exit 2 ;;
esac
if [ ! -x "$program" ]; then
  echo "$0: $program not found (build it, or set LECTERN_BIN)" >&2
  exit 2
fi
for tool in xvfb-run xauth xdotool; do
  if ! command -v "$tool" > /dev/null; then
    echo "$0: $tool is missing (apt-get install -y xvfb xauth xdotool)" >&2
    exit 2
  fi
done

if [ -z "${LECTERN_PERF_UNDER_XVFB:-}" ]; then
  LECTERN_PERF_UNDER_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" "$which_program" "$seconds"
fi

log=$(mktemp)
"$program" "${args[@]}" > "$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

# GLFW sets _NET_WM_PID, so the window can be found by process id.
if ! timeout 20 xdotool search --sync --pid "$pid" > /dev/null 2>&1; then
  echo "$0: no window from $program within 20 s:" >&2
  cat "$log" >&2
  exit 1
fi
sleep 2  # first frames, fonts, textures: start-up is measured by measure_startup.sh

# cpu_ticks: utime + stime. Fields are counted after the last ')' (the command name may hold
# spaces); utime and stime are fields 14 and 15, the 12th and 13th after it.
cpu_ticks() {
  local stat
  stat=$(cat "/proc/$pid/stat") || return 1
  stat=${stat##*) }
  awk '{ print $12 + $13 }' <<< "$stat"
}

before=$(cpu_ticks)
sleep "$seconds"
if ! after=$(cpu_ticks); then
  echo "$0: $program exited during the measurement:" >&2
  cat "$log" >&2
  exit 1
fi
hz=$(getconf CLK_TCK)
percent=$(awk -v t=$((after - before)) -v hz="$hz" -v s="$seconds" 'BEGIN { printf "%.2f", 100 * t / hz / s }')
echo "$which_program idle CPU: $percent % of one core ($((after - before)) ticks of 1/$hz s in $seconds s)"

if [ -n "${LECTERN_IDLE_MAX_PCT:-}" ] &&
  awk -v p="$percent" -v m="$LECTERN_IDLE_MAX_PCT" 'BEGIN { exit !(p > m) }'; then
  echo "$0: above the limit of $LECTERN_IDLE_MAX_PCT %" >&2
  exit 1
fi
