#!/usr/bin/env bash
# A typed quiz answer is one record per settled answer, however fast or long the learner types:
# typed fast then Enter is one "answered" statement (it was 15 for a fifteen-letter word); a
# pause in typing settles it; a change after that is one more; closing the window (SIGTERM)
# settles what was still being typed. Counted in the xAPI export, as an LRS would see it.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
course="$LECTERN_TEST_DATA/typed-quiz"  # a page, then a quiz of two typed answers
data="$E2E_TMP/data"
args=(--course "$course" --data-dir "$data" --learner "Typist" --size 1200x760)
# Answered statements per question id, and the last response of each, from the xAPI export.
count_answers() {
  "$LECTERN_BIN/lectern-progress" export --format xapi --data-dir "$data" > "$E2E_TMP/xapi.json" \
    || fail "lectern-progress export failed"
  python3 - "$E2E_TMP/xapi.json" <<'PY'
import json, sys
counts, last = {}, {}
for s in json.load(open(sys.argv[1])):
    if s["verb"]["id"].endswith("/answered"):
        q = s["object"]["id"].rsplit("/", 1)[1]
        counts[q] = counts.get(q, 0) + 1
        last[q] = s["result"]["response"]
print(" ".join(f"{q}={counts[q]}:{last[q]}" for q in sorted(counts)))
PY
}

# Lectern's clock stands still between the test's steps: a typing pause happens where the test
# makes one (advance_clock), never because a loaded machine held xdotool back for a second
# mid-word (which recorded part of a word as an answer of its own).
freeze_clock
start_lectern "${args[@]}" --page tq
wait_trace "screen quiz"
key Return
wait_trace "quiz tq attempt 1 question 1 answered 0"

# 1. Fifteen letters typed fast, then Enter at once (before any pause could settle it).
focus_answer_field
type_text proportionality
key Return
wait_trace "question 1 answered 1"

# 2. The next question: typed with a slip, then the learner stops: a pause settles it.
key Right
wait_trace "question 2 answered 1"
focus_answer_field
type_text distinktion
advance_clock 2
wait_trace "typed answer settled after a pause" 10
# ... then, a little later, corrects the slip and the window is closed (SIGTERM) at once: closing
# settles it.
advance_clock 3
key End BackSpace BackSpace BackSpace BackSpace BackSpace
type_text ction
kill -TERM "$APP_PID"
wait "$APP_PID" || fail "lectern did not exit cleanly on SIGTERM"
got=$(count_answers)
echo "  answered statements per question: $got"
expected='q-second=2:distinction q-typed=1:proportionality'
[ "$got" = "$expected" ] || fail "expected $expected"

# 3. Resume: both typed answers come back, ticked as saved.
start_lectern "${args[@]}"
key Return
wait_trace "quiz tq attempt 1 question 2 answered 2 submitted 0"
capture resumed
assert_not_blank resumed
echo "PASS: one record per settled typed answer (Enter, a pause, closing); resume shows them"
