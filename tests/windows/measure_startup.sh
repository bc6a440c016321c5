#!/usr/bin/env bash
# Start-up to the first frame of lectern.exe under wine against the Linux build, under one Xvfb:
# median over RUNS runs of each, alternating, after one warm-up run of each (cold file cache,
# wine's desktop process). Two numbers per program:
#   first-frame  what --first-frame-exit prints: ms from the process's own start (Linux: the
#                kernel's start time; Windows: GetProcessTimes), so wine's start-up before the
#                .exe's process exists is not in it;
#   wall         ms from starting the command to its exit, as a user waits for it (wine's
#                start-up included, one wineserver kept up for the run as a desktop session has).
#   tests/windows/measure_startup.sh [RUNS]    RUNS defaults to 7
# Both show the bundled course: build/bin/lectern, and the zip's lectern.exe as tools/build-windows
# left it unpacked in build-windows/zip/. Environment: LECTERN_BIN (default build/bin),
# LECTERN_WINDOWS_BUILD (default build-windows).
set -euo pipefail
runs=${1:-7}
case $runs in '' | *[!0-9]* | 0) echo "usage: $0 [RUNS]" >&2; exit 2 ;; esac
src=$(cd "$(dirname "$0")/../.." && pwd)
linux=${LECTERN_BIN:-$src/build/bin}/lectern
windows=$(ls -d "${LECTERN_WINDOWS_BUILD:-$src/build-windows}"/zip/lectern-*-windows-x64/lectern.exe 2>/dev/null | head -n1)
[ -x "$linux" ] || { echo "$0: $linux not built (tools/build)" >&2; exit 2; }
[ -f "$windows" ] || { echo "$0: no unpacked zip in build-windows/zip (tools/build-windows)" >&2; exit 2; }
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LC_ALL=C.UTF-8
export WINEPREFIX=${WINEPREFIX:-${LECTERN_WINDOWS_CACHE:-$HOME/.cache/lectern-windows}/wineprefix}
tmp=$(mktemp -d /tmp/lectern-wine-startup.XXXXXX)
xvfb_pid=""
cleanup() {
    wineserver -k 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
source "$src/tests/windows/lib.sh"
start_xvfb
# As smoke.sh: one server for the run, started once DISPLAY names this Xvfb.
wineserver -k 2>/dev/null || true
wineserver -w 2>/dev/null || true
wineserver -p > /dev/null 2>&1

run() {  # name data-dir command...: appends "first-frame-ms wall-ms" to $tmp/name
    local name=$1 data=$2 t0 t1 ms
    shift 2
    t0=$(date +%s%N)
    "$@" --data-dir "$data" --size 1200x760 --first-frame-exit > "$tmp/out" 2> "$tmp/err" ||
        fail "$name failed: $(head -c 400 "$tmp/err")"
    t1=$(date +%s%N)
    ms=$(tr -d '\r' < "$tmp/out" | awk '$1 == "first-frame-ms" { print $2 }')  # lectern.exe writes CRLF
    [ -n "$ms" ] || fail "$name printed no first-frame-ms line"
    echo "$ms $(( (t1 - t0) / 1000000 ))" >> "$tmp/$name"
}
median() { awk -v c="$1" '{ print $c }' "$2" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

mkdir -p "$tmp/data-linux" "$tmp/data-wine"
wine_data=$(winepath -w "$tmp/data-wine" 2>/dev/null)
run warmup "$tmp/data-linux" "$linux"
run warmup "$wine_data" wine "$windows"
for ((i = 0; i < runs; i++)); do
    run linux "$tmp/data-linux" "$linux"
    run wine "$wine_data" wine "$windows"
done
printf '%-8s %5s %16s %10s\n' program runs "first-frame ms" "wall ms"
for n in linux wine; do
    printf '%-8s %5d %16.1f %10.1f\n' "$n" "$(wc -l < "$tmp/$n")" "$(median 1 "$tmp/$n")" "$(median 2 "$tmp/$n")"
done
awk -v a="$(median 1 "$tmp/wine")" -v b="$(median 1 "$tmp/linux")" -v c="$(median 2 "$tmp/wine")" -v d="$(median 2 "$tmp/linux")" \
    'BEGIN { printf "wine / linux: first frame %.2fx, wall %.2fx\n", a / b, c / d }'
