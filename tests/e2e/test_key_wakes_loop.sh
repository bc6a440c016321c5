#!/usr/bin/env bash
# A key wakes the frame loop. Without --capture (which wakes it every 0.1 s) and outside a kiosk,
# Lectern has no wake-up interval: when nothing moves it sleeps in glfwWaitEvents until input
# comes. A tap whose press and release arrive together (sent while the app is stopped) is handed to
# the UI over two frames, the release one frame after the press: the second frame must follow at
# once, not wait for another event that may never come. A key that does nothing (x) exercises that
# alone, as no action asks for more frames; then Right turns the page. Each wait here is a hang
# detector: a loop left asleep would never take the key at all.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
: > "$E2E_TMP/app.log"
LECTERN_TRACE=1 "$LECTERN_BIN/lectern" --course "$LECTERN_TEST_DATA/fixture-course" --guest --screen reader \
  --data-dir "$E2E_TMP/data" 2>"$E2E_TMP/app.log" &
APP_PID=$!
wait_trace "trace: ready screen reader page m0-l1-p1" 90
WID=$(xdotool search --sync --onlyvisible --pid "$APP_PID" 2>/dev/null | head -n1)
[ -n "$WID" ] || fail "no lectern window"
xdotool windowfocus --sync "$WID" 2>/dev/null || xdotool windowfocus "$WID"

tap_and_wait() {  # key, then the number of key releases the app must have taken
  sleep 1  # the loop has long gone back to sleep
  # Press and release reach the app in one batch, as on a slow kiosk or over VNC: it is stopped
  # while both are sent, so its next wait reads them together.
  kill -STOP "$APP_PID"
  xdotool key --delay 0 "$1"
  sleep 0.2
  kill -CONT "$APP_PID"
  wait_key_ups "$2" || fail "the tap on $1 was never finished: the loop slept with its release queued (key-ups $(key_ups), want $2)"
}

tap_and_wait x 1
tap_and_wait x 2
tap_and_wait Right 3
wait_trace "trace: screen reader page m0-l1-p2" 30
tap_and_wait Left 4
[ "$(trace_count 'page m0-l1-p1')" -ge 1 ] || fail "Left did not turn back"
echo "PASS: four taps each woke an idle loop and were taken whole"
