#!/usr/bin/env bash
# "Read" (the top bar's button, reached with Shift+Tab and pressed with Enter) after a quiz or the
# final assessment returns to the last page read, and leaves the saved reading position as it was:
# - in one session: the module quiz, submitted, then Read;
# - across a kill: the final assessment opened from Home, killed (SIGKILL) mid-attempt, Lectern
#   reopens in it, then Read; killed again, Lectern still offers that same page.
# (It once went to the course's first page and saved that as the place to continue from.)
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
data="$E2E_TMP/data"
args=(--course "$LECTERN_TEST_DATA/fixture-course" --data-dir "$data" --learner "Read Tester" --size 1200x760)
last() { grep "^trace: screen" "$E2E_TMP/app.log" | tail -n1; }
named() { grep "^trace: focused-item " "$E2E_TMP/app.log" | tail -n1 | sed 's/^trace: focused-item //'; }
tab_to() {  # key (Tab or shift+Tab), name: moves focus until the control called name has it
  local i
  for i in $(seq 40); do
    key "$1"
    for _ in $(seq 20); do  # focus lands a frame after the key's own frames
      [ "$(named)" = "$2" ] && return 0
      sleep 0.05
    done
  done
  fail "$1 never reached '$2' (focus $(named); screen: $(last))"
}

# 1. The last two pages of module 1, its quiz (every question answered, submitted), then Read.
start_lectern "${args[@]}" --page m1-l2-p2
key Right
wait_trace "screen reader page m1-l2-p3"
key Right
wait_trace "screen quiz page m1-l2-p3 quiz m1-quiz attempt 0"
key Return
wait_trace "quiz m1-quiz attempt 1 question 1 answered 0"
n=3  # the fixture's quiz draws 2 + 1 questions
for i in $(seq 1 $n); do
  key 1
  wait_trace "question $i answered $i"
  if [ "$i" -lt "$n" ]; then
    key Right
    wait_trace "question $((i + 1)) answered $i"
  fi
done
key ctrl+Return
wait_trace "trace: focus Submit? ring"
key Return
wait_trace "quiz m1-quiz attempt 1 .*submitted 1 score"
tab_to shift+Tab Read
key Return
wait_trace "screen reader page m1-l2-p3 "
[[ "$(last)" == *"screen reader page m1-l2-p3 "* ]] || fail "Read after the quiz did not stay on m1-l2-p3: $(last)"
echo "  Read after the submitted module quiz: back on m1-l2-p3, the last page read"

# 2. One page back (the last page read is now m1-l2-p2), then the final assessment from Home.
key Left
wait_trace "screen reader page m1-l2-p2 "
key h
wait_trace "screen home page m1-l2-p2"
tab_to Tab "Final assessment"
key Return
wait_trace "screen quiz page m1-l2-p2 quiz final attempt 0"
key Return
wait_trace "quiz final attempt 1 question 1 answered 0"
key 1
wait_trace "quiz final attempt 1 question 1 answered 1"
kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true

# 3. Restarted: Continue reopens the attempt; Read goes to m1-l2-p2, not to the first page.
start_lectern "${args[@]}"
wait_trace "trace: ready screen home page m1-l2-p2"
key Return
wait_trace "screen quiz page m1-l2-p2 quiz final attempt 1 question 1 answered 1"
tab_to shift+Tab Read
key Return
wait_trace "screen reader page m1-l2-p2 "
[[ "$(last)" == *"screen reader page m1-l2-p2 "* ]] || fail "Read after the final assessment went elsewhere: $(last)"
capture read
assert_not_blank read
echo "  Read after resuming into the final assessment: on m1-l2-p2"

# 4. The saved reading position is still that page: killed again, Lectern offers it.
kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
start_lectern "${args[@]}"
wait_trace "trace: ready screen home page m1-l2-p2"
key Return
wait_trace "screen reader page m1-l2-p2 "
echo "PASS: Read after a quiz or the final assessment returns to the last page read and keeps it"
