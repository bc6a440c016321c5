#!/usr/bin/env bash
# A scenario and a quiz with one question of every type, with the keyboard alone, keys held like
# a person's (tests/data/keyboard-course). After every key the app's trace names the control that
# has focus ("choice a", "move down i1", "match p2", "Next"); the test asserts:
# - Tab and Shift+Tab run through every control in document order, none skipped: the scenario's
#   choices, each question's every control (each drop-down, both Move buttons of each row, the
#   text field), then the pinned actions; Shift+Tab walks the same list back;
# - each key does one thing: Space or Enter on a control acts on it and leaves focus there; a
#   number key picks and moves nothing; Right moves to the next question with focus at its top;
# - Space and Enter do what the screen's help says (pick a choice, press a button, open a
#   drop-down and choose in it), Escape closes the drop-down or the submit dialog first;
# - the scenario reaches an ending, and the quiz is submitted and its results reached.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
start_lectern --course "$LECTERN_SRC/tests/data/keyboard-course" --data-dir "$E2E_TMP/data" --guest \
  --page p-scenario --size 1200x760

focus() { grep "^trace: \(key-up [0-9]* \)\?focus " "$E2E_TMP/app.log" | tail -n1 | sed 's/.* focus //'; }
item() { grep "^trace: focused-item " "$E2E_TMP/app.log" | tail -n1 | sed 's/^trace: focused-item //'; }
last() { grep "^trace: screen" "$E2E_TMP/app.log" | tail -n1; }
field() { last | sed -n "s/.* $1 \([^ ]*\).*/\1/p"; }
settle() {  # what: focus and the focused control's name settle (a field takes the keyboard a frame late)
  local a b
  for _ in $(seq 40); do
    a="$(focus)|$(item)"
    sleep 0.1
    b="$(focus)|$(item)"
    [ "$a" = "$b" ] && return 0
  done
}
expect_item() {  # name, what was pressed
  local i
  for _ in $(seq 60); do
    i=$(item)
    [ "$i" = "$1" ] && return 0
    sleep 0.05
  done
  fail "after $2: focus is on '$i' ($(focus)), expected '$1' (screen: $(last))"
}
expect_focus() {  # glob, what was pressed
  local f
  for _ in $(seq 60); do
    f=$(focus)
    # shellcheck disable=SC2053
    [[ "$f" == $1 ]] && return 0
    sleep 0.05
  done
  fail "after $2: focus is '$f', expected '$1' (screen: $(last))"
}
# Tab through the names given, one key each, then Shift+Tab back through them: a control Tab
# skips, or an order that is not the document's, fails here with the name it met instead.
tab_through() {  # names...
  local names=("$@") i
  for i in "${!names[@]}"; do
    key Tab
    expect_item "${names[$i]}" "Tab $((i + 1)) of ${#names[@]} (towards '${names[$i]}')"
  done
  for ((i = ${#names[@]} - 2; i >= 0; i--)); do
    key shift+Tab
    expect_item "${names[$i]}" "Shift+Tab back to '${names[$i]}'"
  done
}

# 1. The scenario: Tab reaches its choices in order, Enter and Space choose, an ending is reached.
wait_trace "trace: ready screen reader page p-scenario" 10
expect_focus "page no-ring" "opening the page"
# The page's own controls above the scenario (if any) come first; from its first choice on, the
# order is checked control by control.
for _ in $(seq 4); do [ "$(item)" = "choice c1" ] && break; key Tab; done
expect_item "choice c1" "Tab from the top of the page"
tab_through "choice c2"
key shift+Tab
expect_item "choice c1" "Shift+Tab back to the first choice"
key Return
wait_trace "scenario sc at n2 path 1 ended 0" 10
echo "  scenario: Enter on 'choice c1' chose it"
settle
key Tab
case "$(item)" in
  "choice c3") key Tab; expect_item "choice c4" "Tab from 'choice c3'" ;;
  "choice c4") ;;
  *) fail "Tab after a scenario choice went to '$(item)', not to the next step's choices" ;;
esac
key space
wait_trace "scenario sc at end-good path 2 ended 1" 10
echo "  scenario: Space on 'choice c4' reached the ending end-good"
settle
key Tab
for _ in $(seq 6); do [ "$(item)" = "Play it again from the start" ] && break; key Tab; done
[ "$(item)" = "Play it again from the start" ] || fail "Tab never reached the ending's 'Play it again' ($(item))"

# 2. Right at the module's last page opens its quiz; Start has the keyboard, Enter starts.
key Right
wait_trace "quiz kq attempt 0" 10
expect_item "Start" "Right into the quiz"
expect_focus "quiz ring" "Right into the quiz"
tab_through "Back to reading"
key shift+Tab
expect_item "Start" "Shift+Tab back to Start"
key Return
wait_trace "quiz kq attempt 1 question 1 answered 0" 10
expect_focus "quiz no-ring" "Enter on Start"

# 3. Every question: Tab through all its controls and the actions, then answer by its keys.
actions_first=("Next" "Submit my answers" "Save and leave")  # Previous is disabled on question 1
actions=("Previous" "Next" "Submit my answers" "Save and leave")
actions_last=("Previous" "Submit my answers" "Save and leave")
answer_and_check() {  # question number: the answer count goes up by one
  wait_trace "quiz kq attempt 1 question $1 answered $1" 10
}
for n in 1 2 3 4 5 6; do
  type=$(field type)
  [ "$(field question)" = "$n" ] || fail "expected question $n: $(last)"
  case $n in 1) bar=("${actions_first[@]}") ;; 6) bar=("${actions_last[@]}") ;; *) bar=("${actions[@]}") ;; esac
  # tab_through ends back on the question's first control.
  case "$type" in
    single)
      tab_through "choice a" "choice b" "choice c" "${bar[@]}"
      key space
      answer_and_check 1
      expect_item "choice a" "Space on 'choice a' (focus stays)"
      [ "$(field question)" = 1 ] || fail "Space on a choice also moved the question" ;;
    multiple)
      key 1
      answer_and_check 2
      expect_focus "quiz no-ring" "1 on a multiple-choice question (a number key moves no focus)"
      tab_through "choice a" "choice b" "choice c" "${bar[@]}"
      key Tab
      expect_item "choice b" "Tab to 'choice b'"
      key Return   # picks b as well as a: both right, which the score at the end shows
      expect_item "choice b" "Enter on 'choice b' (focus stays)"
      [ "$(field question)" = 2 ] || fail "Enter on a choice also moved the question" ;;
    truefalse)
      tab_through "choice true" "choice false" "${bar[@]}"
      key 1
      answer_and_check 3
      expect_item "choice true" "1 on a true/false question (a number key moves no focus)" ;;
    matching)
      tab_through "match p1" "match p2" "${bar[@]}"
      # Escape closes an open drop-down and chooses nothing; Enter opens it, Enter chooses.
      key Return
      expect_focus "*ring" "Enter on a drop-down"
      key Escape
      expect_focus "quiz *" "Escape in an open drop-down"
      [[ "$(last)" == *"screen quiz"* ]] || fail "Escape in a drop-down left the quiz: $(last)"
      [ "$(field answered)" = 3 ] || fail "Escape in a drop-down chose something: $(last)"
      key Return Return
      answer_and_check 4
      expect_focus "quiz *" "choosing in a drop-down" ;;
    ordering)
      # The items start in a scrambled order: the first two Tabs say which is where. Move up of
      # the first item and Move down of the last are disabled: Tab passes over them.
      key Tab
      x=$(item); [[ "$x" == "move down "* ]] || fail "the first Tab in an ordering question went to '$x'"
      x=${x#move down }
      key Tab
      y=$(item); [[ "$y" == "move up "* ]] || fail "the second Tab in an ordering question went to '$y'"
      y=${y#move up }
      z=$(printf '%s\n' i1 i2 i3 | grep -v -x -e "$x" -e "$y")
      [ "$x" != "$y" ] && [ "$(wc -w <<<"$z")" = 1 ] || fail "ordering rows '$x' and '$y' are not two of i1 i2 i3"
      key shift+Tab shift+Tab
      expect_item "question 6" "Shift+Tab before the question's first control (the last question button)"
      tab_through "move down $x" "move up $y" "move down $y" "move up $z" "${bar[@]}"
      key space
      answer_and_check 5
      [ "$(field question)" = 5 ] || fail "Move down also moved the question" ;;
    text)
      tab_through "answer field" "${bar[@]}"
      expect_focus "quiz *typing" "Shift+Tab to the text field"
      xdotool type --delay 80 "proportionality"
      key Return
      answer_and_check 6 ;;
    *) fail "question $n has an unknown type '$type'" ;;
  esac
  echo "  question $n ($type): every control reached by Tab in order, answered by its keys"
  if [ "$n" -lt 6 ]; then
    [[ "$(focus)" != *typing* ]] || key Tab
    key Right
    wait_trace "quiz kq attempt 1 question $((n + 1)) " 10
    expect_focus "quiz no-ring" "Right to question $((n + 1))"
  fi
done

# 4. Submit: Ctrl+Enter asks with Submit focused; Escape keeps working; Tab and Shift+Tab move
#    between the dialog's buttons; Enter on Submit submits and shows the results.
key Tab
key ctrl+Return
expect_focus "Submit? ring" "Ctrl+Enter in the quiz"
expect_item "Submit" "Ctrl+Enter in the quiz"
key Escape
expect_focus "quiz *" "Escape in the submit dialog"
[[ "$(last)" == *"submitted 0"* ]] || fail "Escape submitted the quiz: $(last)"
key ctrl+Return
expect_item "Submit" "Ctrl+Enter again"
key Tab
expect_item "Keep working" "Tab in the submit dialog"
key shift+Tab
expect_item "Submit" "Shift+Tab in the submit dialog"
key Return
wait_trace "quiz kq attempt 1 .*submitted 1 score" 10
capture results
assert_not_blank results
echo "PASS: a scenario to its ending and a quiz of every type, by keys alone, every control in Tab order"
