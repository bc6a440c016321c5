#!/usr/bin/env bash
# Lectern against a browser, on the same course and machine in one run: Lectern showing the course,
# and Debian's Chromium (headless) showing Lectern's own HTML edition of it (lectern-export --html),
# which is what a kiosk would otherwise run. A benchmark, not a test: it prints the numbers and the
# targets, and fails only when something could not be measured.
#
#   tests/bench/compare_browser.sh [RUNS] [COURSE]     RUNS defaults to 5 (medians are reported)
#
# Environment:
#   LECTERN_BIN         folder holding lectern and lectern-export (default: build/bin); nothing is
#                       built here
#   LECTERN_COURSE      the course, if not given as COURSE (default:
#                       content/human-rights-security-cooperation)
#   LECTERN_CHROMIUM    the browser (default /usr/bin/chromium, Debian's launcher script)
#   LECTERN_BENCH_IDLE  seconds of the idle CPU window (default 10)
#   LECTERN_BENCH_KEEP  if set, a folder to copy every run's raw results (JSON lines) into
# Needs Xvfb, xdotool, /usr/bin/time, chromium, node and tests/html/node_modules (playwright-core,
# used only to read the page's timings over the DevTools protocol); whatever is missing is
# installed (apt-get as root, npm ci), as tests/scripts/test_html_axe.sh does.
#
# What is measured (each run starts from nothing; one warm-up run of each is discarded, and the
# runs alternate between the two programs so a machine getting busier affects both alike):
#
#  first page   Lectern: `lectern --guest --course C --first-frame-exit` under Xvfb (a real X
#               window, Mesa llvmpipe): its own "first-frame-ms", from the kernel's process start
#               time to the first frame swapped (10 ms resolution). Started by the same helper,
#               with the same 50 ms memory sampler beside it, as Chromium.
#               Chromium: `chromium --headless=new ... file:///.../index.html`, started the way a kiosk
#               would start it (the page on the command line, nothing driving it), with a
#               DevTools port; from the moment it is spawned (Debian's launcher script included)
#               to the page's first-contentful-paint, read afterwards from the page's own
#               Performance timeline (performance.timeOrigin + the FCP entry's startTime), over
#               the DevTools protocol. Spawn to the 'load' event end is reported as well.
#  screenshot   Both programs started, made to draw the first page at 1280x800, write it to a PNG
#               and exit, timed end to end from spawn to exit: `lectern --guest --course C
#               --screenshot F` and `chromium --headless=new ... --window-size=1280,800
#               --screenshot=F file:///.../index.html`. The most like-for-like figure.
#  memory       The program runs, shows its first page, stays 10 s idle and is stopped; meanwhile
#               the whole process tree (Chromium: browser, zygotes, GPU, network, storage,
#               renderers and crash handlers) is sampled every 50 ms: the peak of the sum of VmRSS,
#               and (every 500 ms, it costs more to read) the peak of the sum of Pss (shared pages
#               divided among the processes that map them: the sum of RSS counts Chromium's 250 MB
#               binary once per process). The sampler (a node process reading /proc) takes a few
#               % of a core; it runs beside every timed run of both programs alike.
#               Lectern's exact peak RSS from /usr/bin/time -v (one more --first-frame-exit run
#               per round) is shown as a cross-check.
#  idle CPU     In the same runs: utime+stime (+ reaped children) summed over the tree, from
#               /proc/PID/stat, over the idle window after the first page has been shown and left
#               2 s (Chromium: 2 s, then the DevTools read, then 1 s) to settle; % of one core.
#               Lectern's X server (Xvfb) is measured over the same window and shown apart.
#  installed    Lectern: its binary (stripped, as a package would ship it) + the installed size
#               (dpkg Installed-Size) of the Debian packages it needs at run time that Chromium's
#               do not include + the course and its images. Its needs: the packages owning every
#               file the running Lectern maps (its libraries, and the dlopened GL driver: Mesa
#               llvmpipe here, a GPU's own driver elsewhere) + libespeak-ng1 (opened with dlopen on
#               the first read-aloud) + fonts-dejavu-core/-extra (read
#               through fontconfig, not mapped), closed over their Depends. Chromium: the
#               Depends closure of chromium + chromium-common (what apt-get install
#               --no-install-recommends chromium brings) not in Lectern's closure + the HTML
#               edition. Packages on every Debian system (Essential, or Priority
#               required/important) count on neither side. An X server or Wayland compositor,
#               needed by both on a kiosk, is not counted.
# Every page is a file: URL, and Chromium has no route off the machine (see chromium_flags).
#
# Exit status: 0 everything measured (whether the targets are met or not), 1 some metric could not
# be measured, 2 bad usage or something missing that cannot be installed here.
set -uo pipefail

runs=${1:-5}
case $runs in '' | *[!0-9]* | 0) echo "usage: $0 [RUNS] [COURSE]" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${LECTERN_BIN:-$root/build/bin}
course=${2:-${LECTERN_COURSE:-$root/content/human-rights-security-cooperation}}
chromium=${LECTERN_CHROMIUM:-/usr/bin/chromium}
idle=${LECTERN_BENCH_IDLE:-10}
helper=$here/compare_browser.mjs
html_dir=$root/tests/html

die() {
  echo "compare_browser: $*" >&2
  exit 2
}
[ -x "$bin/lectern" ] || die "$bin/lectern not found (build it: cmake --build build --target lectern lectern-export, or set LECTERN_BIN)"
[ -x "$bin/lectern-export" ] || die "$bin/lectern-export not found (build it, or set LECTERN_BIN)"
[ -f "$course/course.xml" ] || die "$course is not a course (no course.xml)"
course=$(cd "$course" && pwd)

work=$(mktemp -d)
xvfb_pid=
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2> /dev/null; wait "$xvfb_pid" 2> /dev/null; fi
  rm -rf "$work" 2> /dev/null || { sleep 1; rm -rf "$work"; }
}
trap cleanup EXIT

# ---- what is needed ------------------------------------------------------------------------------
apt_install() {  # 0 installed; 1 failed
  [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null || return 1
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "$@" > "$work/apt.log" 2>&1 && return 0
  apt-get update -qq >> "$work/apt.log" 2>&1
  apt-get install -y -qq --no-install-recommends "$@" >> "$work/apt.log" 2>&1 && return 0
  cat "$work/apt.log" >&2
  return 1
}
need() {  # need PROGRAM PACKAGE...
  local program=$1
  shift
  command -v "$program" > /dev/null && return 0
  echo "$program is missing: apt-get install $*"
  apt_install "$@" || die "$program is missing and cannot be installed here (needs root and network): apt-get install $*"
}
need Xvfb xvfb
need xdotool xdotool
need /usr/bin/time time
need node nodejs
if [ ! -x "$chromium" ]; then
  echo "chromium is missing: apt-get install chromium"
  apt_install chromium || die "chromium is missing and cannot be installed here (needs root and network): apt-get install chromium"
fi
if [ ! -d "$html_dir/node_modules/playwright-core" ]; then
  need npm npm
  echo "tests/html/node_modules is missing: npm ci"
  (cd "$html_dir" && npm ci --no-audit --no-fund > "$work/npm.log" 2>&1) || { cat "$work/npm.log" >&2; die "npm ci in tests/html failed"; }
fi

# ---- the programs, the HTML edition, the display -------------------------------------------------
# Copies of the binaries, so that a rebuild of build/ during the run cannot swap or break them
# between runs (lectern needs nothing next to its binary when given --course).
mkdir -p "$work/bin"
for program in lectern lectern-export; do
  for _ in $(seq 30); do
    cp "$bin/$program" "$work/bin/$program" 2> /dev/null && "$work/bin/$program" --version > /dev/null 2>&1 && break
    rm -f "$work/bin/$program"
    sleep 2  # being relinked right now
  done
  [ -x "$work/bin/$program" ] || die "$bin/$program cannot be copied and run"
done
bin_src=$bin
bin=$work/bin
"$bin/lectern-export" --html "$work/html" "$course" > "$work/export.log" 2>&1 ||
  { cat "$work/export.log" >&2; die "lectern-export could not export $course"; }
url=$(node -e 'console.log(require("url").pathToFileURL(process.argv[1]).href)' "$work/html/index.html")

# One X server for every Lectern run, 1280x800 like Lectern's default window. Chromium runs
# headless and is given no DISPLAY.
Xvfb -displayfd 7 -screen 0 1280x800x24 -nolisten tcp 7> "$work/display" 2> "$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { cat "$work/xvfb.log" >&2; die "Xvfb did not start"; }
export DISPLAY=:$(head -1 "$work/display")

# Lectern keeps nothing (--guest), but give it its own folders anyway (Mesa's shader cache is
# filled by the warm-up run, as it would be on a kiosk after its first start).
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache
lectern_args=(--guest --course "$course")
# The flags test_html_axe.sh uses, a fresh profile per run, and no way off the machine: every
# host name fails to resolve and every proxied request goes to a closed local port.
chromium_flags=(--headless=new --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run --window-size=1280,800
  '--host-resolver-rules=MAP * ~NOTFOUND' --proxy-server=127.0.0.1:9)

failed=0
# ---- one run of each measurement; results are JSON lines in $work/NAME.jsonl -----------------------
# Lectern's first frame runs under the same sampler as Chromium's sessions (the sampler takes a
# little CPU: both programs start with it beside them).
lectern_first_frame() {
  timeout 60 node "$helper" run -- "$bin/lectern" "${lectern_args[@]}" --first-frame-exit
}
lectern_maxrss() {  # exact peak RSS of the single Lectern process, from wait4()
  if ! timeout 60 /usr/bin/time -v -o "$work/time" "$bin/lectern" "${lectern_args[@]}" --first-frame-exit > "$work/out" 2> "$work/err"; then
    echo "lectern --first-frame-exit failed: $(head -c 400 "$work/err")" >&2
    return 1
  fi
  local kb
  kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time")
  [ -n "$kb" ] || { echo "/usr/bin/time gave no maximum resident set size" >&2; return 1; }
  echo "{\"maxrss_kib\": $kb}"
}
lectern_session() {
  timeout 120 node "$helper" session lectern --idle "$idle" --settle 2 --also-pid "$xvfb_pid" ${1:+--maps "$1"} \
    -- "$bin/lectern" "${lectern_args[@]}"
}
chromium_session() {
  local profile
  profile=$(mktemp -d "$work/profile.XXXX")
  local line rc
  line=$(timeout 120 env -u DISPLAY node "$helper" session chromium --idle "$idle" --settle 2 --url "$url" --profile "$profile" \
    ${1:+--maps "$1"} -- "$chromium" "${chromium_flags[@]}" --user-data-dir="$profile" --remote-debugging-port=0 "$url")
  rc=$?
  rm -rf "$profile"
  [ $rc -eq 0 ] || return $rc
  # A page shown by fewer than a browser, a GPU process and a renderer was not fully seen.
  local procs
  procs=$(sed -n 's/.*"peak_processes":\([0-9]*\).*/\1/p' <<< "$line")
  if [ "${procs:-0}" -lt 3 ]; then
    echo "only ${procs:-0} Chromium processes seen: $line" >&2
    return 1
  fi
  echo "$line"
}
lectern_screenshot() {
  timeout 60 node "$helper" run -- "$bin/lectern" "${lectern_args[@]}" --screenshot "$work/lectern.png"
}
chromium_screenshot() {
  local profile rc
  profile=$(mktemp -d "$work/profile.XXXX")
  timeout 60 env -u DISPLAY node "$helper" run -- "$chromium" "${chromium_flags[@]}" --user-data-dir="$profile" \
    --screenshot="$work/chromium.png" "$url"
  rc=$?
  rm -rf "$profile"
  return $rc
}
measure() {  # measure NAME FUNCTION [ARGS]: appends a JSON line to $work/NAME.jsonl
  local name=$1
  shift
  local line
  if line=$("$@" 2> "$work/$name.err") && [ -n "$line" ]; then
    echo "$line" >> "$work/$name.jsonl"
  else
    echo "  $name: run failed: $(tail -c 600 "$work/$name.err")" >&2
    failed=$((failed + 1))
  fi
}

echo "compare_browser: $runs runs of each, idle window ${idle} s; course $course"
echo "  lectern: $bin_src/lectern ($("$bin/lectern" --version 2> /dev/null | head -1), built $(date -r "$bin_src/lectern" '+%F %T'), copied for this run)"
echo "  browser: $chromium ($("$chromium" --version 2> /dev/null | head -1))"
load_before=$(uptime)
echo "  load before: $load_before"
# Warm-up (file cache), discarded; the Lectern and Chromium sessions also record the files they
# map, for the installed-size count.
measure warmup lectern_first_frame
measure warmup lectern_screenshot
measure warmup chromium_screenshot
measure warmup lectern_session "$work/lectern.maps"
measure warmup chromium_session "$work/chromium.maps"
for ((i = 1; i <= runs; i++)); do
  echo "  run $i of $runs ($(uptime | sed 's/.*load/load/'))"
  measure lectern_ff lectern_first_frame
  measure lectern_maxrss lectern_maxrss
  measure chromium_session chromium_session
  measure lectern_session lectern_session
  measure chromium_shot chromium_screenshot
  measure lectern_shot lectern_screenshot
done
load_after=$(uptime)
if [ -n "${LECTERN_BENCH_KEEP:-}" ]; then
  mkdir -p "$LECTERN_BENCH_KEEP" && cp "$work"/*.jsonl "$work"/*.err "$LECTERN_BENCH_KEEP"/ 2> /dev/null
fi

# ---- installed size ----------------------------------------------------------------------------------
if [ -s "$work/lectern.maps" ]; then
  # espeak-ng is opened with dlopen on the first read-aloud, so a run that never speaks does not
  # map it; it is needed all the same.
  { grep -v "^$work/" "$work/lectern.maps"; echo fonts-dejavu-core; echo fonts-dejavu-extra; echo libespeak-ng1; } > "$work/lectern.seeds"
  printf 'chromium\nchromium-common\n' > "$work/chromium.seeds"
  node "$helper" packages "$work/lectern.seeds" "$work/chromium.seeds" > "$work/packages.json" 2> "$work/packages.err" ||
    { cat "$work/packages.err" >&2; rm -f "$work/packages.json"; }
fi
binary_bytes=$(stat -c %s "$bin/lectern")
stripped_bytes=$binary_bytes
if command -v strip > /dev/null && strip -o "$work/lectern.stripped" "$bin/lectern" 2> /dev/null; then
  stripped_bytes=$(stat -c %s "$work/lectern.stripped")
fi
# The course, and the images Lectern reads from assets/NAME (content/NAME pairs with assets/NAME).
course_bytes=$(find "$course" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
assets=$(dirname "$(dirname "$course")")/assets/$(basename "$course")
if [ -d "$assets" ]; then
  course_bytes=$((course_bytes + $(find "$assets" -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.gif' -o -iname '*.svg' -o -iname '*.webp' \) -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')))
fi
html_bytes=$(find "$work/html" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')

# ---- report ---------------------------------------------------------------------------------------------
field() { [ -s "$work/$1.jsonl" ] && node "$helper" field "$work/$1.jsonl" "$2"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
med() { field "$1" "$2" | median; }
count() { if [ -s "$work/$1.jsonl" ]; then wc -l < "$work/$1.jsonl"; else echo 0; fi; }
kib_to_mib() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
missing=0
# row METRIC UNIT LECTERN CHROMIUM: "-" for a value that could not be measured
row() {
  local l=${3:-} c=${4:-} ratio=-
  [ -n "$l" ] || { l=-; missing=1; }
  [ -n "$c" ] || { c=-; missing=1; }
  if [ "$l" != - ] && [ "$c" != - ]; then
    ratio=$(awk -v l="$l" -v c="$c" 'BEGIN { if (l > 0) printf "%.2f", c / l; else print "n/a (Lectern 0)" }')
  fi
  printf '%-44s %12s %12s %16s\n' "$1 ($2)" "$l" "$c" "$ratio"
}

l_ff=$(med lectern_ff first_frame_ms)
c_fcp=$(med chromium_session spawn_to_fcp_ms)
c_load=$(med chromium_session spawn_to_load_ms)
l_shot=$(med lectern_shot wall_ms)
c_shot=$(med chromium_shot wall_ms)
l_rss=$(kib_to_mib "$(med lectern_session peak_rss_kib)")
c_rss=$(kib_to_mib "$(med chromium_session peak_rss_kib)")
l_pss=$(kib_to_mib "$(med lectern_session peak_pss_kib)")
c_pss=$(kib_to_mib "$(med chromium_session peak_pss_kib)")
l_maxrss=$(kib_to_mib "$(med lectern_maxrss maxrss_kib)")
l_cpu=$(med lectern_session idle_cpu_pct)
c_cpu=$(med chromium_session idle_cpu_pct)
x_cpu=$(med lectern_session also_pid_idle_cpu_pct)
c_procs=$(med chromium_session peak_processes)
fmt() { [ -n "$1" ] && awk -v v="$1" -v f="$2" 'BEGIN { printf f, v }'; }

echo
echo "Lectern vs Chromium (headless) on $(basename "$course"): medians of $(count lectern_ff)/$(count lectern_session)/$(count lectern_shot) Lectern and $(count chromium_session)/$(count chromium_shot) Chromium runs"
echo "load before: $(echo "$load_before" | sed 's/.*load/load/') | after: $(echo "$load_after" | sed 's/.*load/load/') | $(nproc) CPUs"
printf '%-44s %12s %12s %16s\n' metric Lectern Chromium "Chromium/Lectern"
row "time to first page: first frame / FCP" ms "$(fmt "$l_ff" %.1f)" "$(fmt "$c_fcp" %.1f)"
row "  Chromium spawn to load event end" ms "$(fmt "$l_ff" %.1f)" "$(fmt "$c_load" %.1f)"
printf '%-44s %12s %12s\n' "  Chromium spawn to navigation start (ms)" "" "$(fmt "$(med chromium_session spawn_to_navigation_ms)" %.1f)"
row "start, draw, write PNG, exit (end to end)" ms "$(fmt "$l_shot" %.1f)" "$(fmt "$c_shot" %.1f)"
row "peak memory, sum of RSS over the tree" MiB "$l_rss" "$c_rss"
row "peak memory, sum of PSS over the tree" MiB "$l_pss" "$c_pss"
row "idle CPU, ${idle} s on the first page" "% of a core" "$(fmt "$l_cpu" %.2f)" "$(fmt "$c_cpu" %.2f)"
echo "  Lectern's exact peak RSS (/usr/bin/time -v, --first-frame-exit): ${l_maxrss:--} MiB; Chromium's tree peaked at ${c_procs:--} processes"
echo "  Xvfb (Lectern's X server, not counted above) over the same idle window: $(fmt "$x_cpu" %.2f)% of a core"

if [ -s "$work/packages.json" ]; then
  pkg() { node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1])); const v = d[process.argv[2]]; console.log(Array.isArray(v) ? v.map((x) => typeof x === "object" ? `${x.name} ${(x.kib / 1024).toFixed(1)}` : x).join(", ") : v)' "$work/packages.json" "$1"; }
  l_pkgs=$(pkg lectern_only_kib)
  c_pkgs=$(pkg chromium_only_kib)
  l_inst=$(awk -v b="$stripped_bytes" -v k="$l_pkgs" -v c="$course_bytes" 'BEGIN { printf "%.1f", (b + c) / 1048576 + k / 1024 }')
  c_inst=$(awk -v k="$c_pkgs" -v h="$html_bytes" 'BEGIN { printf "%.1f", h / 1048576 + k / 1024 }')
  row "installed size (see the method below)" MiB "$l_inst" "$c_inst"
else
  row "installed size" MiB "" ""
fi

echo
echo "Targets (from the issue):"
awk -v l="$l_ff" -v c="$c_fcp" 'BEGIN { if (l == "" || c == "") { print "  first page: not measured"; exit }
  r = c / l; printf "  first page: Lectern %.1fx faster than Chromium to first contentful paint (target: at least 5x): %s\n", r, (r >= 5 ? "MET" : "MISSED") }'
awk -v l="$l_shot" -v c="$c_shot" 'BEGIN { if (l == "" || c == "") exit
  r = c / l; printf "              and %.1fx faster end to end with a screenshot (same target): %s\n", r, (r >= 5 ? "MET" : "MISSED") }'
awk -v l="$l_rss" -v c="$c_rss" -v lp="$l_pss" -v cp="$c_pss" 'BEGIN { if (l == "" || c == "") { print "  memory: not measured"; exit }
  r = l / c; printf "  memory: Lectern uses %.2f of Chromium'"'"'s peak RSS sum, 1/%.1f (target: at most 1/3): %s\n", r, c / l, (r <= 1 / 3 ? "MET" : "MISSED")
  if (lp != "" && cp != "") { r = lp / cp; printf "          and %.2f of its peak PSS sum, 1/%.1f (same target): %s\n", r, cp / lp, (r <= 1 / 3 ? "MET" : "MISSED") } }'

echo
echo "Per run (ms; MiB):"
runs_of() { field "$1" "$2" | awk -v d="${3:-1}" '{ printf "%s%.0f", (NR > 1 ? " " : ""), $1 / d }'; }
echo "  Lectern first-frame-ms:         $(runs_of lectern_ff first_frame_ms)"
echo "  Chromium spawn to FCP:          $(runs_of chromium_session spawn_to_fcp_ms)"
echo "  Lectern screenshot end to end:  $(runs_of lectern_shot wall_ms)"
echo "  Chromium screenshot end to end: $(runs_of chromium_shot wall_ms)"
echo "  peak RSS sum, Lectern:          $(runs_of lectern_session peak_rss_kib 1024)"
echo "  peak RSS sum, Chromium:         $(runs_of chromium_session peak_rss_kib 1024)"
echo "  idle CPU ticks (1/$(getconf CLK_TCK) s) in ${idle} s, Lectern: $(runs_of lectern_session idle_ticks); Chromium: $(runs_of chromium_session idle_ticks)"

if [ -s "$work/packages.json" ]; then
  echo
  echo "Installed size, method:"
  awk -v b="$binary_bytes" -v s="$stripped_bytes" -v k="$l_pkgs" -v c="$course_bytes" 'BEGIN {
    printf "  Lectern  %.1f MiB = binary %.1f MiB (stripped; %.1f MiB as built, with debug info) + course and images %.2f MiB\n", (s + c) / 1048576 + k / 1024, s / 1048576, b / 1048576, c / 1048576
    printf "           + %.1f MiB of Debian packages it needs that Chromium'"'"'s Depends do not bring:\n", k / 1024 }'
  echo "           $(pkg lectern_only)"
  awk -v k="$c_pkgs" -v h="$html_bytes" -v m="$(pkg chromium_main_kib)" 'BEGIN {
    printf "  Chromium %.1f MiB = HTML edition %.2f MiB + %.1f MiB of packages in the Depends closure of chromium and\n", h / 1048576 + k / 1024, h / 1048576, k / 1024
    printf "           chromium-common that Lectern does not need (chromium + chromium-common alone: %.1f MiB); largest:\n", m / 1024 }'
  echo "           $(pkg chromium_only | cut -d, -f1-12)"
  echo "  Shared by both, counted on neither side: $(pkg shared) packages, $(kib_to_mib "$(pkg shared_kib)") MiB (Mesa, libLLVM, X11, fontconfig, FreeType, fonts-dejavu-core, ...)."
  echo "  Whole run-time closure, shared part included: Lectern $(kib_to_mib "$(pkg lectern_closure_kib)") MiB, Chromium $(kib_to_mib "$(pkg chromium_closure_kib)") MiB of packages."
  echo "  Left out of both (on every Debian system: Essential or Priority required/important): Chromium $(kib_to_mib "$(pkg chromium_only_base_kib)") MiB, Lectern $(kib_to_mib "$(pkg lectern_only_base_kib)") MiB."
fi

if [ "$failed" -gt 0 ]; then echo "$failed run(s) failed (above); medians are of the runs that worked." >&2; fi
if [ "$missing" -ne 0 ]; then
  echo "compare_browser: some metrics could not be measured (\"-\" above)" >&2
  exit 1
fi
exit 0
