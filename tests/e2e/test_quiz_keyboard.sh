#!/usr/bin/env bash
# A learner completes a module quiz with the keyboard alone: Right from the module's last page
# opens the quiz, Enter starts it, 1 picks a choice, Right moves on, Ctrl+Enter and Enter submit,
# and Right on the results (the last module's quiz) opens the final assessment.
# Afterwards the attempt, its answers and its score are in the progress store (checked with
# lectern-progress), because every answer is committed before the screen shows it.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
data="$E2E_TMP/data"
start_lectern --course "$LECTERN_TEST_DATA/fixture-course" --data-dir "$data" --learner "Keyboard Tester" \
  --page m1-l2-p3 --size 1200x760

key Right
wait_trace "screen quiz page m1-l2-p3 quiz m1-quiz attempt 0"
capture quiz-intro
assert_not_blank quiz-intro

key Return
wait_trace "quiz m1-quiz attempt 1 question 1 answered 0"
n=3  # the fixture's quiz draws 2 + 1 questions
for i in $(seq 1 $n); do
  key 1
  if [ "$i" -lt "$n" ]; then
    key Right
    wait_trace "question $((i + 1)) answered" 5
  fi
done
capture quiz-last
key ctrl+Return
sleep 0.3
capture quiz-confirm
key Return
wait_trace "submitted 1 score" 10
capture quiz-results
assert_not_blank quiz-results
assert_differs quiz-last quiz-results
grep "submitted 1 score" "$E2E_TMP/app.log" | tail -n1 | sed 's/^/  /'

# The last module's quiz leads on to the final assessment: Right is "Continue: Final assessment".
key Right
wait_trace "screen quiz page m1-l2-p3 quiz final attempt 0"
capture assessment-intro
assert_differs quiz-results assessment-intro

# The store has the attempt with a score, written before the results appeared.
"$LECTERN_BIN/lectern-progress" export --format csv --data-dir "$data" > "$E2E_TMP/export.csv" \
  || fail "lectern-progress export failed"
grep -q "m1-quiz" "$E2E_TMP/export.csv" || fail "the quiz attempt is not in the progress export"
grep "m1-quiz" "$E2E_TMP/export.csv" | head -n2 | sed 's/^/  csv: /'
echo "PASS: a quiz completed with the keyboard alone, and its attempt is saved"
