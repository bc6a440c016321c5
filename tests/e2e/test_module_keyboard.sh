#!/usr/bin/env bash
# One module of the bundled course with the keyboard alone, keys held like a person's, from the
# sign-in screen to the progress screen: type a name and Enter; Enter on Home; every page of the
# introduction and module 1 (Right turns, 1 and Ctrl+Enter check); the module quiz, each question
# answered by its type's own keys (number keys; Tab to a text field and type; Tab to
# "Move down" and Space; Tab to a drop-down, Enter, Down, Enter); Ctrl+Enter and Enter submit;
# End reaches the review's closing actions; P opens the progress screen.
# After every key the app's trace says where focus is; each step asserts it: a page turn or a
# new question leaves focus at the top with no ring, number keys and Ctrl+Enter move nothing,
# Tab lands on the control the step needs, the submit dialog has the ring on Submit.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
course=$LECTERN_SRC/content/human-rights-security-cooperation
start_xvfb 1280x800
data="$E2E_TMP/data"
start_lectern --course "$course" --data-dir "$data" --size 1200x760
wait_trace "trace: ready screen learners"

focus() { grep "^trace: \(key-up [0-9]* \)\?focus " "$E2E_TMP/app.log" | tail -n1 | sed 's/.* focus //'; }
last() { grep "^trace: screen" "$E2E_TMP/app.log" | tail -n1; }
field() { last | sed -n "s/.* $1 \([^ ]*\).*/\1/p"; }  # a value from the last screen line
expect_focus() {  # glob, what was pressed: focus settles there (a window that has just
  # appeared takes focus a frame after the key's own frames)
  local f
  for _ in $(seq 100); do
    f=$(focus)
    # shellcheck disable=SC2053
    [[ "$f" == $1 ]] && return 0
    sleep 0.05
  done
  fail "after $2: focus is '$f', expected '$1' (screen: $(last))"
}
steps=0
step() { steps=$((steps + 1)); }

# Sign in: the new-learner name field has the keyboard; Enter creates the learner.
xdotool type --delay 80 "Kim Keyboard"
key Return
wait_trace "trace: signed-in Kim Keyboard" 10
step
expect_focus "home ring" "Enter on the name"   # Home's Start button waits for Enter
key Return
wait_trace "trace: screen reader page intro-l1-p1" 10
step
expect_focus "page no-ring" "Enter on Start"

# The introduction and module 1, page by page, until Right opens the module's quiz.
for _ in $(seq 60); do
  line=$(last)
  case "$line" in
    *"screen quiz"*) break ;;
  esac
  page=$(field page)
  key 1
  expect_focus "page no-ring" "1 on $page"
  key ctrl+Return
  expect_focus "page no-ring" "Ctrl+Enter on $page"
  key Right
  step
  [ "$(field page)" != "$page" ] || [[ "$(last)" == *"screen quiz"* ]] || fail "Right did not leave $page"
  [[ "$(last)" == *"screen quiz"* ]] || expect_focus "page no-ring" "Right from $page"
done
[[ "$(last)" == *"quiz m1-quiz attempt 0"* ]] || fail "Right at the end of module 1 did not open its quiz: $(last)"
lessons=$(field lessons)
echo "  module 1 read: lessons $lessons"
expect_focus "quiz ring" "Right into the quiz (Start has the keyboard)"
key Return
wait_trace "quiz m1-quiz attempt 1 question 1" 10
expect_focus "quiz no-ring" "Enter on Start"

# Each question by its own keys, then Right.
tab_until() {  # glob, limit: Tab until the focus matches
  local i
  for i in $(seq "$2"); do
    key Tab
    for _ in $(seq 20); do  # a text field takes the keyboard a frame after focus reaches it
      [[ "$(focus)" == $1 ]] && return 0
      sleep 0.05
    done
  done
  fail "Tab never reached '$1' on question $(field question) ($(field type)); focus $(focus)"
}
types=""
# The attempt's questions: the sum of the pools' draws (4 of the 10, a new draw each attempt).
n=$(awk '/<quiz id="m1-quiz"/,/<\/quiz>/' "$course/modules/01-international-law.xml" | sed -n 's/.*<pool[^>]*draw="\([0-9]*\)".*/\1/p' | awk '{ s += $1 } END { print s }')
[ "${n:-0}" -gt 0 ] || fail "cannot read how many questions the module quiz draws"
for i in $(seq "$n"); do
  type=$(field type)
  before=$(field answered)
  types="$types $type"
  case "$type" in
    single|truefalse) key 1 ;;
    multiple) key 1 2 ;;
    text)
      tab_until "quiz *typing" 3   # a ring or not: the field has the keyboard
      xdotool type --delay 80 "Leahy"
      key Tab   # out of the field: Right turns the question again
      [[ "$(focus)" != *typing* ]] || fail "Tab did not leave the text field" ;;
    ordering)
      # From the question's top: Move up of the first item is disabled, so Tab lands on its Move down.
      tab_until "quiz ring" 1
      key space ;;
    matching)
      tab_until "quiz ring" 1   # the first drop-down
      key Return
      expect_focus "*ring" "Enter on a drop-down"
      key Down Return ;;
    *) fail "question $i has an unknown type '$type'" ;;
  esac
  [ "$(field answered)" -gt "$before" ] || fail "question $i ($type) was not answered by its keys: $(last)"
  case "$type" in
    single|truefalse|multiple) expect_focus "quiz no-ring" "number keys on question $i" ;;
  esac
  if [ "$i" -lt "$n" ]; then
    key Right
    [ "$(field question)" = $((i + 1)) ] || fail "Right did not move to question $((i + 1)): $(last)"
    expect_focus "quiz no-ring" "Right to question $((i + 1))"
  fi
  step
done
# Which types an attempt meets depends on its draw; each is answered by its own keys above, and
# the UI tests answer every type with the keyboard on every run (test_question_widget.cpp).
echo "  quiz answered by type:$types"
key ctrl+Return
expect_focus "Submit? ring" "Ctrl+Enter in the quiz"
key Return
wait_trace "quiz m1-quiz attempt 1 .*submitted 1" 10
step
key End
capture review-end
assert_not_blank review-end
key p
wait_trace "trace: screen progress" 10
expect_focus "progress no-ring" "P after the review"
step
capture progress
assert_not_blank progress
"$LECTERN_BIN/lectern-progress" export --format csv --data-dir "$data" > "$E2E_TMP/export.csv" || fail "export failed"
grep -q "Kim Keyboard" "$E2E_TMP/export.csv" || fail "the learner's work is not in the store"
grep -q "m1-quiz" "$E2E_TMP/export.csv" || fail "the quiz attempt is not in the store"
echo "PASS: module 1 from sign-in to the progress screen with the keyboard alone ($steps steps, focus checked after every key)"
