#!/usr/bin/env bash
# The whole bundled course, start to finish, with the keyboard alone: Enter starts, and on each
# page 1 + Ctrl+Enter attempt its knowledge check and Right moves on; Right at a module's end
# opens its quiz, Enter starts it, 1 + Right answer each question, Ctrl+Enter + Enter submit,
# Right continues; Right past the last page opens the final assessment. Afterwards the progress
# export must show every lesson completed and every quiz submitted.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
course=${LECTERN_E2E_COURSE:-$LECTERN_SRC/content/human-rights-security-cooperation}
start_xvfb 1280x800
data="$E2E_TMP/data"
start_lectern --course "$course" --data-dir "$data" --learner "Whole Course" --size 1200x760
last() { grep "^trace: screen" "$E2E_TMP/app.log" | tail -n1; }
final=$(sed -n 's/.*<quiz id="\([^"]*\)".*/\1/p' "$course/$(sed -n 's/.*<assessment src="\([^"]*\)".*/\1/p' "$course/course.xml")" | head -n1)
[ -n "$final" ] || fail "cannot find the final assessment's id"

key Return
wait_trace "trace: screen reader"
steps=0 pages=0
while :; do
  steps=$((steps + 1))
  [ "$steps" -lt 1500 ] || fail "the course did not end after $steps steps; last: $(last)"
  line=$(last)
  case "$line" in
    *"quiz $final "*"submitted 1"*)
      break ;;
    *"screen quiz"*"submitted 1"*)
      key Right ;;
    *"screen quiz"*"attempt 0 "*)
      key Return ;;
    *"screen quiz"*"submitted 0"*)
      key 1
      before=$(last | sed 's/.* question \([0-9]*\) .*/\1/')
      key Right
      after=$(last | sed 's/.* question \([0-9]*\) .*/\1/')
      if [ "$before" = "$after" ]; then  # the last question: submit
        key ctrl+Return
        key Return
        wait_trace "submitted 1" 10
      fi ;;
    *"screen reader"*)
      pages=$((pages + 1))
      key 1 ctrl+Return
      key Right ;;
    *)
      fail "unexpected screen: $line" ;;
  esac
done
echo "  $pages page visits, $steps steps"
capture course-end
assert_not_blank course-end

# Every lesson is completed (all pages seen, every knowledge check attempted), as the app's own
# status says, and every quiz in the course has a submitted attempt.
status=$(last | sed 's/.* lessons \([0-9]*\/[0-9]*\).*/\1/')
echo "  lessons completed: $status"
[ "${status%/*}" = "${status#*/}" ] && [ "${status%/*}" -gt 0 ] || fail "not every lesson is completed ($status)"
submitted=$(grep "submitted 1" "$E2E_TMP/app.log" | sed 's/.* quiz \([^ ]*\) .*/\1/' | sort -u | wc -l)
expected=$(cat "$course"/modules/*.xml "$course"/*.xml | grep -c '<quiz ')
echo "  quizzes submitted: $submitted of $expected"
[ "$submitted" -eq "$expected" ] || fail "submitted $submitted distinct quizzes, the course has $expected"
"$LECTERN_BIN/lectern-progress" export --format csv --data-dir "$data" > "$E2E_TMP/export.csv" || fail "export failed"
grep -q ',quiz,' "$E2E_TMP/export.csv" || fail "no quiz rows in the progress export"
echo "PASS: the whole course was completed with the keyboard alone"
