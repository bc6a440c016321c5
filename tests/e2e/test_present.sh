#!/usr/bin/env bash
# lectern --present, as a facilitator runs a room: large text, the facilitator notes in a panel
# beside the page (N hides it), answers hidden until A reveals them (on a page and in a quiz),
# the notes in a window of their own with --notes-window (keys typed there still turn the
# room's pages; closing it hides the notes), and nothing written to any learner's progress.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
data="$E2E_TMP/data"
mkdir -p "$data"

# One display: notes beside the page.
start_lectern --course "$LECTERN_TEST_DATA/fixture-course" --present --notes-window=off --data-dir "$data" \
  --page m1-l2-p2 --size 1200x760
wait_trace "trace: ready screen reader page m1-l2-p2"
capture panel
assert_not_blank panel
read -r _ _ _ notes_dark < <(python3 "$E2E_PNG" stats "$E2E_TMP/panel.png" 0.70 0.98)
echo "  text in the notes panel: dark fraction $notes_dark"
python3 -c "import sys; sys.exit(0 if float('$notes_dark') > 0.01 else 1)" || fail "no notes at the right of the page"

key n
capture hidden
read -r _ _ _ hidden_dark < <(python3 "$E2E_PNG" stats "$E2E_TMP/hidden.png" 0.70 0.98)
echo "  same columns with the notes hidden: dark fraction $hidden_dark"
assert_differs panel hidden
key n
capture shown-again
[ "$(python3 "$E2E_PNG" diff "$E2E_TMP/panel.png" "$E2E_TMP/shown-again.png")" = "0.0000" ] \
  || fail "N twice did not bring back the same panel"

# The page's check keeps its answer until A (End scrolls down to it).
key End
capture check
[ "$(trace_count 'trace: reveal')" -eq 0 ] || fail "an answer was revealed before A"
key a
wait_trace "trace: reveal kc-history-order" 5
key End
capture revealed
assert_differs check revealed

# The module quiz: Right from the last page, Enter starts it, A reveals the question's answer.
key Right
wait_trace "screen reader page m1-l2-p3" 5
key Right
wait_trace "screen quiz page m1-l2-p3 quiz m1-quiz attempt 0" 5
key Return
wait_trace "quiz m1-quiz attempt 1 question 1" 5
capture quiz-question
key a
capture quiz-revealed
assert_differs quiz-question quiz-revealed
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
APP_PID=""

# Nothing recorded: a presenter's session is nobody's progress.
if [ -n "$(ls -A "$data")" ]; then
  ls -la "$data" >&2
  fail "present mode wrote to the data folder"
fi

# --notes-window on one monitor with no window manager to place it: the notes window is put
# wholly on the screen (asked for beside the room's window, it would be off the right edge).
start_lectern --course "$LECTERN_TEST_DATA/fixture-course" --present --notes-window --data-dir "$data" \
  --page m1-l2-p2 --size 1200x760
wait_trace "trace: notes-window open" 10
NOTES=$(xdotool search --sync --onlyvisible --name "facilitator notes" | head -n1)
[ -n "$NOTES" ] || fail "no notes window without a window manager"
eval "$(xdotool getwindowgeometry --shell "$NOTES")"
echo "  notes window without a window manager: ${WIDTH}x${HEIGHT} at $X,$Y on a 1280x800 screen"
[ "$X" -ge 0 ] && [ "$Y" -ge 0 ] && [ $((X + WIDTH)) -le 1280 ] && [ $((Y + HEIGHT)) -le 800 ] \
  || fail "the notes window is not wholly on the screen"
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
APP_PID=""

# A second screen: --notes-window puts the notes in their own window. A window manager, so that
# closing a window is the request a presenter's click sends (WM_DELETE_WINDOW).
openbox --sm-disable >"$E2E_TMP/wm.log" 2>&1 &
sleep 0.5
start_lectern --course "$LECTERN_TEST_DATA/fixture-course" --present --notes-window --data-dir "$data" \
  --page m1-l2-p2 --size 1200x760
wait_trace "trace: notes-window open" 10
NOTES=$(xdotool search --sync --onlyvisible --name "facilitator notes" | head -n1)
[ -n "$NOTES" ] || fail "no notes window"
MAIN=$(xdotool search --onlyvisible --name " Lectern$" | head -n1)
[ -n "$MAIN" ] || fail "no main window"
[ "$NOTES" != "$MAIN" ] || fail "the notes window is the main window"
sleep 0.3
capture room
wait_trace "trace: captured .*capture-notes.png" 5  # written just after the room's window
[ -f "$E2E_TMP/capture-notes.png" ] || fail "no capture of the notes window"
cp "$E2E_TMP/capture-notes.png" "$E2E_TMP/notes.png"
[ -n "${LECTERN_E2E_KEEP:-}" ] && cp "$E2E_TMP/notes.png" "$LECTERN_E2E_KEEP/notes.png"
assert_not_blank notes
# The room's window has no notes panel now: it is the page as drawn with the panel hidden.
same() {  # a b: the two captures are (nearly) the same picture
  local d
  d=$(python3 "$E2E_PNG" diff "$E2E_TMP/$1.png" "$E2E_TMP/$2.png")
  echo "  $1 vs $2: $d of pixels differ"
  python3 -c "import sys; sys.exit(0 if float('$d') < 0.01 else 1)"  # a focus ring may move
}
same hidden room || fail "the room's window is not the page alone"

# Keys typed into the notes window turn the room's page.
xdotool windowfocus --sync "$NOTES" 2>/dev/null || xdotool windowfocus "$NOTES"
sleep 0.2
xdotool key --window "$NOTES" Right 2>/dev/null || key Right
wait_trace "screen reader page m1-l2-p3" 5

# Closing the notes window hides the notes: they never appear on the room's screen by surprise.
wmctrl -i -c "$NOTES"
wait_trace "trace: notes-window closed" 5
kill -0 "$APP_PID" || fail "closing the notes window ended lectern"
key Left
wait_trace "screen reader page m1-l2-p2 .*actions" 5
capture after-close
same hidden after-close || fail "the notes came back beside the page"
# N brings back the presenter's own window, never a panel on the room's screen; N again closes it.
key n
wait_trace "trace: notes-window open" 5
[ "$(trace_count "trace: notes-window open")" -eq 2 ] || fail "N did not open the notes window again"
capture after-n
same hidden after-n || fail "N put the notes on the room's screen"
key n
[ "$(trace_count "trace: notes-window closed")" -eq 2 ] || fail "N did not close the notes window"
capture after-second-n
same hidden after-second-n || fail "the notes came back beside the page after N"
[ -z "$(ls -A "$data")" ] || fail "present mode wrote to the data folder"
echo "PASS: presenter view: notes beside the page or in their own window, answers on request, nothing saved"
