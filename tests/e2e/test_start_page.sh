#!/usr/bin/env bash
# --page ID opens where ID is, for every kind of id a course has (issue 12, item 6): a page, a
# lesson or module (its first page), a scenario (the page that holds it), a module quiz and the
# final assessment (the quiz, over the page before it, so "Read" goes somewhere sensible); an id
# the course does not have is refused with exit status 2 and a message naming it.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
course="$LECTERN_TEST_DATA/fixture-course"
n=0
while read -r id expected; do
  n=$((n + 1))
  start_lectern --course "$course" --data-dir "$E2E_TMP/data-$n" --learner "Starter" --size 1000x700 --page "$id"
  line=$(grep -m1 "trace: ready" "$E2E_TMP/app.log")
  [[ "$line" == "trace: ready $expected" ]] || fail "--page $id: expected 'ready $expected', got '$line'"
  echo "  --page $id -> $expected"
  kill -TERM "$APP_PID"; wait "$APP_PID" || fail "--page $id: lectern did not exit cleanly"
done <<'TABLE'
m1-l2-p2  screen reader page m1-l2-p2
m1-l2     screen reader page m1-l2-p1
m1        screen reader page m1-l1-p1
sc-school screen reader page m1-l2-p3
m1-quiz   screen quiz page m1-l2-p3
final     screen quiz page m1-l2-p3
TABLE

# With two learners on the machine nobody is signed in at start: --page waits for the sign-in
# screen and opens for whoever signs in first; the next sign-in (after signing out) resumes.
data="$E2E_TMP/data-two"
for who in Ana Ben; do
  start_lectern --course "$course" --data-dir "$data" --learner "$who" --size 1000x700
  kill -TERM "$APP_PID"; wait "$APP_PID" || fail "lectern did not exit cleanly"
done
start_lectern --course "$course" --data-dir "$data" --size 1000x700 --page m1-l2-p2
wait_trace "trace: ready screen learners"
key Return   # the first learner's row has the keyboard
wait_trace "trace: signed-in"
wait_trace "screen reader page m1-l2-p2"
echo "  --page m1-l2-p2 with two learners -> the sign-in screen, then that page"
kill -TERM "$APP_PID"; wait "$APP_PID" || fail "lectern did not exit cleanly"

status=0
LECTERN_TRACE=1 "$LECTERN_BIN/lectern" --course "$course" --data-dir "$E2E_TMP/data-x" --learner "Starter" \
  --page no-such-id 2>"$E2E_TMP/app.log" || status=$?
[ "$status" = 2 ] || fail "--page no-such-id: exit status $status, expected 2"
grep -q "no page, lesson, module, quiz or scenario has the id 'no-such-id'" "$E2E_TMP/app.log" \
  || fail "--page no-such-id: no message naming the id"
echo "  --page no-such-id -> exit 2, named"
echo "PASS: --page opens pages, lessons, modules, scenarios, quizzes and the assessment; refuses unknown ids"
