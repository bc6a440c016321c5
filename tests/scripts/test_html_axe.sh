#!/usr/bin/env bash
# Accessibility of the HTML edition: lectern-export --html writes the fixture course and, when
# present, content/human-rights-security-cooperation (each plain and --facilitator); then
# tests/html/axe_check.mjs opens every page in Debian's headless Chromium and runs axe-core's
# WCAG 2.1 A/AA rules (answers closed and open). Any violation, broken image or network request
# fails the test. Screenshots (screen, answers open, print) go to $LECTERN_HTML_SHOTS when it is
# set (a folder, replaced on each run); ctest's run takes none: they check nothing and were about
# half of its time.
#
# Needs chromium (apt), node and npm, and tests/html/node_modules (npm ci). Whatever is missing
# is installed here; the test is SKIPPED (exit 0, "SKIPPED: ...") only when that is impossible:
# no network, or not root for apt-get.
#
# Run by ctest (script.test_html_axe) or by hand:
#   LECTERN_BIN=build/bin LECTERN_SRC=. LECTERN_TEST_DATA=tests/data bash tests/scripts/test_html_axe.sh
set -uo pipefail

BIN=${LECTERN_BIN:?set LECTERN_BIN to the folder holding lectern-export}
SRC=${LECTERN_SRC:?set LECTERN_SRC to the source tree}
DATA=${LECTERN_TEST_DATA:?set LECTERN_TEST_DATA to tests/data}
HTML=$SRC/tests/html
CHROMIUM=${LECTERN_CHROMIUM:-/usr/bin/chromium}
export LECTERN_CHROMIUM=$CHROMIUM

skip() {
  echo "SKIPPED: $*"
  exit 0
}
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# apt-get install, or say why it cannot be done: 0 installed, 1 failed with the network up
# (a real problem), 2 impossible here (not root, or no network).
apt_install() {
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null || return 2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "$@" >"$WORK/apt.log" 2>&1 && return 0
  apt-get update -qq >>"$WORK/apt.log" 2>&1 || return 2  # no package lists: no network
  apt-get install -y -qq --no-install-recommends "$@" >>"$WORK/apt.log" 2>&1 && return 0
  cat "$WORK/apt.log" >&2
  return 1
}

if [ ! -x "$CHROMIUM" ]; then
  echo "chromium is missing: installing it with apt-get"
  apt_install chromium
  case $? in
    0) ;;
    2) skip "chromium is not installed and cannot be installed here (needs root and network): apt-get install chromium" ;;
    *) fail "apt-get install chromium failed" ;;
  esac
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node or npm is missing: installing them with apt-get"
  apt_install nodejs npm
  case $? in
    0) ;;
    2) skip "node/npm are not installed and cannot be installed here (needs root and network): apt-get install nodejs npm" ;;
    *) fail "apt-get install nodejs npm failed" ;;
  esac
fi
if [ ! -f "$HTML/node_modules/axe-core/axe.min.js" ] || [ ! -d "$HTML/node_modules/playwright-core" ]; then
  echo "tests/html/node_modules is missing: npm ci"
  if ! (cd "$HTML" && npm ci --no-audit --no-fund >"$WORK/npm.log" 2>&1); then
    if ! (cd "$HTML" && timeout 30 npm ping >/dev/null 2>&1); then
      skip "npm ci in tests/html failed and the npm registry cannot be reached (no network)"
    fi
    cat "$WORK/npm.log" >&2
    fail "npm ci in tests/html failed"
  fi
fi

editions=()
export_course() {  # name course [--facilitator]
  local name=$1 course=$2
  shift 2
  "$BIN/lectern-export" --html "$WORK/$name" "$@" "$course" || fail "lectern-export could not export $course (exit $?)"
  editions+=("$WORK/$name")
}
export_course fixture "$DATA/fixture-course"
export_course fixture-facilitator "$DATA/fixture-course" --facilitator
REAL=$SRC/content/human-rights-security-cooperation
if [ -f "$REAL/course.xml" ]; then
  export_course hrsc "$REAL"
  export_course hrsc-facilitator "$REAL" --facilitator
else
  echo "note: $REAL is not there; checking the fixture only"
fi

# Screenshots (about 100 MB) only when asked for, into a folder replaced on each run.
if [ -n "${LECTERN_HTML_SHOTS:-}" ]; then
  rm -rf "$LECTERN_HTML_SHOTS"
fi
node "$HTML/axe_check.mjs" "${editions[@]}" || fail "the HTML edition has accessibility violations or load problems (above)"
echo "PASS: HTML edition, zero axe violations at WCAG 2.1 AA"
