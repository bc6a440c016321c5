#!/usr/bin/env bash
# The last-chance handler (issue 16): an exception in the middle of drawing a frame does not end
# Lectern (nor a kiosk learner's session). The frame is abandoned, what was unsaved is saved
# (here a typed answer not yet settled by Enter or a pause), the error screen says what happened,
# and Enter goes back to the course, which carries on. LECTERN_FAULT=F12 makes F12 throw inside
# the main window (a test hook, like --capture).
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
course="$LECTERN_TEST_DATA/typed-quiz"  # a page, then a quiz of two typed answers
data="$E2E_TMP/data"
args=(--course "$course" --data-dir "$data" --learner "Faulty" --size 1200x760)
answers() {
  "$LECTERN_BIN/lectern-progress" export --format xapi --data-dir "$data" > "$E2E_TMP/xapi.json" \
    || fail "lectern-progress export failed"
  python3 - "$E2E_TMP/xapi.json" <<'PY'
import json, sys
print(" ".join(sorted(s["object"]["id"].rsplit("/", 1)[1] + ":" + s["result"]["response"]
                      for s in json.load(open(sys.argv[1])) if s["verb"]["id"].endswith("/answered"))))
PY
}

# 1. An answer typed and not yet settled, then the fault: the handler saves it. Lectern is
#    killed (SIGKILL) as soon as the fault is traced. Lectern's clock is frozen (it moves only
#    by advance_clock), so no typing pause can settle the answer however slowly a loaded machine
#    delivers the letters: only the handler can have saved it.
export LECTERN_FAULT=F12
freeze_clock
start_lectern "${args[@]}" --page tq
wait_trace "screen quiz"
key Return
wait_trace "quiz tq attempt 1 question 1 answered 0"
focus_answer_field
type_text proportionality
key F12
wait_trace "trace: fault a fault injected for testing"
kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
grep -q "lectern: unexpected error: a fault injected for testing" "$E2E_TMP/app.log" || fail "no message on stderr"
got=$(answers)
[ "$got" = "q-typed:proportionality" ] || fail "the typed answer was not saved by the handler (got '$got')"
echo "  the unsettled typed answer was saved when the frame failed"

# 2. The error screen, then Enter: back to the course, which carries on (the same session).
start_lectern "${args[@]}" --page p
wait_trace "screen reader page p"
key F12
wait_trace "trace: drawn error"
capture fault
assert_not_blank fault
key Return
wait_trace "trace: drawn home"
key Return
wait_trace "screen reader page p"
key Right
wait_trace "screen quiz"
kill -0 "$APP_PID" || fail "lectern ended after the fault"
[ "$(trace_count 'trace: fault')" = 1 ] || fail "expected one fault"
kill -TERM "$APP_PID"
wait "$APP_PID" || fail "lectern did not exit cleanly after recovering"
echo "PASS: a fault mid-frame saves the unsaved answer, shows the error screen, and the course goes on"
