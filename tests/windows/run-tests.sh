#!/usr/bin/env bash
# The Windows build's tests under wine: the unit and UI test binaries through ctest (wine is the
# CMAKE_CROSSCOMPILING_EMULATOR; each binary in a few shards, not a process per case), the smoke
# test of the zip's lectern.exe (smoke.sh), and the zip unpacked as a user would (test_zip.sh).
# One wineserver stays up for the unit and UI tests, so no process pays wine's start-up.
#   tests/windows/run-tests.sh BUILD_DIR ZIP_STAGE_DIR ZIP
set -euo pipefail
build=${1:?build folder}
stage=${2:?unpacked zip folder}
zip=${3:?the zip}
here=$(cd "$(dirname "$0")" && pwd)
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPREFIX=${WINEPREFIX:-${LECTERN_WINDOWS_CACHE:-$HOME/.cache/lectern-windows}/wineprefix}
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "run-tests: creating the wine prefix $WINEPREFIX"
    wineboot -i >/dev/null 2>&1 || true
    wineserver -w
fi
# One persistent server for the run (exits 2 when one is already up for this prefix: that one
# serves, and is stopped at the end too). Its output goes nowhere, so that it never holds the
# caller's pipe open.
wineserver -p > /dev/null 2>&1 || true
trap 'wineserver -k 2>/dev/null || true' EXIT
# The first program a server runs starts wine's own services (services.exe, winedevice.exe),
# which keep the standard output and error they were born with until the server ends. Started
# by a test shard, they held ctest's pipe open, so ctest waited for that shard until its
# timeout although it had finished. Started here, by a program of no use, they hold /dev/null.
wine cmd.exe /c exit < /dev/null > /dev/null 2>&1 || true
t0=$SECONDS
# Each test binary runs in a few shards, one wine process each (tests/CMakeLists.txt,
# lectern_gtests); results.py counts and names the cases from the shards' XML files.
rm -rf "$build/tests/windows-results"
status=0
(cd "$build" && ctest --output-on-failure -j"${LECTERN_JOBS:-2}") || status=$?
shards=$(cd "$build" && ctest -N | sed -n 's/^ *Test *#[0-9]*: \(.*\)\.shard\([0-9]*\)$/\1-\2/p')
python3 "$here/results.py" "$build/tests/windows-results" $shards || status=1
echo "run-tests: unit and UI tests under wine in $((SECONDS - t0)) s"
[ "$status" = 0 ] || { echo "run-tests: the Windows unit or UI tests failed" >&2; exit 1; }
# The smoke test starts a server of its own on its Xvfb (smoke.sh says why).
wineserver -k 2>/dev/null || true
wineserver -w 2>/dev/null || true
t0=$SECONDS
bash "$here/smoke.sh" "$stage"
echo "run-tests: smoke test under wine and Xvfb in $((SECONDS - t0)) s"
t0=$SECONDS
bash "$here/test_zip.sh" "$zip"
echo "run-tests: the zip under José/Алексей in $((SECONDS - t0)) s"
