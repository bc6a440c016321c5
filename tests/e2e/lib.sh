# Shared helpers for the end-to-end tests: a private Xvfb, a running lectern whose stderr trace
# we read, xdotool for keys, and SIGUSR1 captures. Source it; call e2e_cleanup on exit.
set -euo pipefail

: "${LECTERN_BIN:?set LECTERN_BIN to the build/bin folder}"
: "${LECTERN_SRC:?set LECTERN_SRC to the source tree}"
E2E_TMP=$(mktemp -d /tmp/lectern-e2e.XXXXXX)
E2E_PNG="$LECTERN_SRC/tests/e2e/pngtool.py"
XVFB_PID=""
APP_PID=""
WM_PID=""

fail() { echo "FAIL: $*" >&2; [ -f "$E2E_TMP/app.log" ] && sed 's/^/  app: /' "$E2E_TMP/app.log" >&2; exit 1; }

e2e_cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$WM_PID" ] && kill "$WM_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$E2E_TMP"
}

start_xvfb() {  # [WxH]
  local size=${1:-1280x800}
  exec 5> "$E2E_TMP/display"
  Xvfb -displayfd 5 -screen 0 "${size}x24" -nolisten tcp >"$E2E_TMP/xvfb.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 100); do [ -s "$E2E_TMP/display" ] && break; sleep 0.05; done
  [ -s "$E2E_TMP/display" ] || fail "Xvfb did not start"
  export DISPLAY=":$(head -n1 "$E2E_TMP/display")"
}

start_window_manager() {  # openbox on the Xvfb display, so Alt+F4, close and minimise are real
  openbox --sm-disable >"$E2E_TMP/wm.log" 2>&1 &
  WM_PID=$!
  sleep 1
}

start_lectern() {  # lectern arguments...
  : > "$E2E_TMP/app.log"
  LECTERN_TRACE=1 "$LECTERN_BIN/lectern" --capture "$E2E_TMP/capture.png" "$@" 2>"$E2E_TMP/app.log" &
  APP_PID=$!
  # A hang detector, not a speed limit: on a loaded 2-core machine a start (the font atlas, llvmpipe)
  # has taken over 20 s.
  wait_trace "trace: ready" 90
  WID=$(xdotool search --sync --onlyvisible --pid "$APP_PID" 2>/dev/null | head -n1)
  [ -n "$WID" ] || fail "no lectern window"
  xdotool windowfocus --sync "$WID" 2>/dev/null || xdotool windowfocus "$WID"
  sleep 0.3
}

wait_trace() {  # pattern [seconds]: waits until the app's trace has a line matching pattern
  local pattern=$1 limit=${2:-10}
  for _ in $(seq $((limit * 20))); do
    grep -q -- "$pattern" "$E2E_TMP/app.log" && return 0
    kill -0 "$APP_PID" 2>/dev/null || fail "lectern exited while waiting for '$pattern'"
    sleep 0.05
  done
  fail "timed out waiting for '$pattern'"
}

focus_answer_field() {  # Tab until the quiz's typed-answer field has the keyboard, as a keyboard user does
  # (a click at a fixed place missed the field once the quiz's layout moved, and the letters typed
  # then went to the shortcuts: P opened Progress, R the references).
  for _ in $(seq 12); do
    key Tab
    for _ in $(seq 20); do
      [ "$(grep '^trace: focused-item ' "$E2E_TMP/app.log" | tail -n1)" = "trace: focused-item answer field" ] && { sleep 0.2; return 0; }
      sleep 0.05
    done
  done
  fail "Tab never reached the answer field"
}

freeze_clock() {  # before start_lectern: Lectern's clocks stand still and move only by advance_clock
  # (LECTERN_TEST_CLOCK, os/system.h). Whatever a test checks about time (an idle sign-out, a PIN
  # lock-out, a typing pause) then happens exactly when the test steps the clock, however long a
  # loaded machine takes between two lines of the test.
  export LECTERN_TEST_CLOCK="$E2E_TMP/clock"
  echo 0 > "$LECTERN_TEST_CLOCK"
}

advance_clock() {  # seconds: steps the frozen clocks (freeze_clock) forward
  local now; now=$(cat "$LECTERN_TEST_CLOCK" 2>/dev/null || echo 0)
  echo $((now + $1 * 1000)) > "$LECTERN_TEST_CLOCK.new" && mv "$LECTERN_TEST_CLOCK.new" "$LECTERN_TEST_CLOCK"
  sleep 0.4  # the loop wakes every 0.1 s under --capture and redraws with the new time
}

type_text() {  # lower-case letters and digits: typed 25 ms apart; returns once the app has taken
  # every key's release (one per character), so a step of a frozen clock comes after the last letter
  local want=$(( $(key_ups) + ${#1} ))
  xdotool type --delay 25 "$1"
  wait_key_ups "$want" || fail "lectern did not take the keys of '$1' within 30 s"
}

wait_key_ups() {  # WANT: waits up to 30 s until the app has taken WANT key releases in all;
  # fails at once if lectern exits, returns 1 if it never got there
  for _ in $(seq 600); do
    [ "$(key_ups)" -ge "$1" ] && return 0
    kill -0 "$APP_PID" 2>/dev/null || fail "lectern exited while waiting for key-up $1"
    sleep 0.05
  done
  return 1
}

trace_count() { grep -c -- "$1" "$E2E_TMP/app.log" || true; }

key_ups() {  # key releases the app has handed to frames so far (its "trace: key-up N" lines)
  local n
  n=$(grep -o "^trace: key-up [0-9]*" "$E2E_TMP/app.log" | tail -n1 | cut -d' ' -f3)
  echo "${n:-0}"
}

send_key() {  # key or chord: down, held 50-120 ms, up, as people type; does not wait for the app
  # (xdotool's own "key" releases at once, which no keyboard does). One xdotool process times the
  # hold: two, started one after the other, hold the key for as long as a busy machine takes to
  # start the second, long enough for the app to repeat it.
  xdotool keydown "$1" sleep "0.$(printf %03d $((50 + RANDOM % 71)))" keyup "$1"
}

key() {  # xdotool key names or chords (ctrl+Return)...: typed as a person types
  # After each key, wait until the app has taken its release: then the frame its press went to
  # is over and its actions are in the trace. Reading the screen's state sooner sees the state
  # before the key on a busy machine, and a test that acts on that state repeats or skips a step.
  # (Keys a window manager takes, such as Alt+F4, never reach the app: send those with send_key.)
  local k want
  for k in "$@"; do
    want=$(( $(key_ups) + $(tr -cd + <<<"$k" | wc -c) + 1 ))
    send_key "$k"
    for _ in $(seq 600); do
      [ "$(key_ups)" -ge "$want" ] && break
      kill -0 "$APP_PID" 2>/dev/null || return 0  # the key closed the app: nothing to wait for
      sleep 0.05
    done
    [ "$(key_ups)" -ge "$want" ] || fail "lectern did not take the key $k within 30 s"
    sleep 0.05
  done
  sleep 0.1
}

capture() {  # name: saves the current window to $E2E_TMP/name.png
  local n
  n=$(trace_count "trace: captured")
  rm -f "$E2E_TMP/capture.png"
  kill -USR1 "$APP_PID"
  for _ in $(seq 100); do
    [ "$(trace_count "trace: captured")" -gt "$n" ] && break
    sleep 0.05
  done
  [ -f "$E2E_TMP/capture.png" ] || fail "no capture written"
  cp "$E2E_TMP/capture.png" "$E2E_TMP/$1.png"
  [ -n "${LECTERN_E2E_KEEP:-}" ] && mkdir -p "$LECTERN_E2E_KEEP" && cp "$E2E_TMP/$1.png" "$LECTERN_E2E_KEEP/$1.png"
  return 0
}

assert_not_blank() {  # name [minimum dark fraction, default 0.002 for a page of text]
  local min=${2:-0.002}
  read -r w h colours dark < <(python3 "$E2E_PNG" stats "$E2E_TMP/$1.png")
  echo "  $1.png: ${w}x${h}, $colours colours, dark fraction $dark"
  [ "$colours" -gt 50 ] || fail "$1.png looks blank ($colours colours)"
  python3 -c "import sys; sys.exit(0 if float('$dark') > $min else 1)" || fail "$1.png has almost no text"
}

assert_differs() {  # a b [minimum fraction of pixels, default 0.01]
  local d min=${3:-0.01}
  d=$(python3 "$E2E_PNG" diff "$E2E_TMP/$1.png" "$E2E_TMP/$2.png")
  echo "  $1 vs $2: $d of pixels differ"
  python3 -c "import sys; sys.exit(0 if float('$d') > $min else 1)" || fail "$1 and $2 look the same"
}
