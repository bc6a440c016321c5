#!/usr/bin/env bash
# The Windows build's tests under wine: the unit and UI test binaries through ctest (wine is the
# CMAKE_CROSSCOMPILING_EMULATOR), the smoke test of the zip's lectern.exe (smoke.sh), and the zip
# unpacked as a user would (test_zip.sh). One wineserver stays up for the unit tests and the smoke
# test, so no test process pays wine's start-up.
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
t0=$SECONDS
(cd "$build" && ctest --output-on-failure -j"${LECTERN_JOBS:-2}" --timeout 600)
echo "run-tests: unit and UI tests under wine in $((SECONDS - t0)) s"
# The smoke test starts a server of its own on its Xvfb (smoke.sh says why).
wineserver -k 2>/dev/null || true
wineserver -w 2>/dev/null || true
t0=$SECONDS
bash "$here/smoke.sh" "$stage"
echo "run-tests: smoke test under wine and Xvfb in $((SECONDS - t0)) s"
t0=$SECONDS
bash "$here/test_zip.sh" "$zip"
echo "run-tests: the zip under José/Алексей in $((SECONDS - t0)) s"
