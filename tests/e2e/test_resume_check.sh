#!/usr/bin/env bash
# A knowledge check comes back as the learner left it: answered twice (right, then wrong) and
# killed (SIGKILL, no chance to save), Lectern reopens the page with the last answer picked, its
# verdict and feedback under it, and the count of tries; the screen matches the one before the
# kill. A second check, answered then killed at once, comes back too.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x1400
data="$E2E_TMP/data"
args=(--course "$LECTERN_TEST_DATA/fixture-course" --data-dir "$data" --learner "Check Tester" --size 1200x1300)
# The trace's words for the first check on a page (kc-distinction-rule: choices a, b and c, b right).
check() {  # id answer-regex tries verdict
  echo "check $1 answer $2 tries $3 verdict $4"
}
# The pointer rests on the contents' empty lower part, so no hover differs between captures.
still() { xdotool mousemove --window "$WID" 150 1200; key End; }
picked() { echo "{\"kind\":\"choices\",\"selected\":\\[\"$1\"\\]}"; }

# 1. The page as a learner who has not answered sees it, scrolled to its checks.
start_lectern "${args[@]}" --page m1-l1-p1
key Right
wait_trace "screen reader page m1-l1-p2 .*$(check kc-distinction-rule '{"kind":"unanswered"}' 0 none)"
still
capture unanswered

# 2. Right (2), checked; then wrong (3), checked: the last answer is the wrong one.
key 2
wait_trace "$(check kc-distinction-rule "$(picked b)" 0 none)"
key ctrl+Return
wait_trace "$(check kc-distinction-rule "$(picked b)" 1 correct)"
key 3
wait_trace "$(check kc-distinction-rule "$(picked c)" 1 none)"
key ctrl+Return
wait_trace "$(check kc-distinction-rule "$(picked c)" 2 incorrect)"
still
capture before-kill
assert_differs unanswered before-kill
kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true

# 3. Restarted: Continue (Enter) reopens the page with c picked, "incorrect" and its feedback.
start_lectern "${args[@]}"
wait_trace "trace: ready screen home page m1-l1-p2"
key Return
wait_trace "screen reader page m1-l1-p2 .*$(check kc-distinction-rule "$(picked c)" 2 incorrect)"
still
capture resumed
assert_not_blank resumed
assert_differs unanswered resumed
d=$(python3 "$E2E_PNG" diff "$E2E_TMP/before-kill.png" "$E2E_TMP/resumed.png")
echo "  before-kill vs resumed: $d of pixels differ"
python3 -c "import sys; sys.exit(0 if float('$d') < 0.01 else 1)" ||
  fail "the resumed page does not look like the page before the kill ($d of pixels differ)"
echo "  the check came back with its last answer, verdict and feedback"

# 4. A true/false check on the next page, answered and checked, then killed at once.
key Right
wait_trace "screen reader page m1-l2-p1 .*$(check kc-proportionality-tf '{"kind":"unanswered"}' 0 none)"
key 2
key ctrl+Return
wait_trace "$(check kc-proportionality-tf '{"kind":"truefalse","value":false}' 1 correct)"
kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
start_lectern "${args[@]}"
wait_trace "trace: ready screen home page m1-l2-p1"
key Return
wait_trace "screen reader page m1-l2-p1 .*$(check kc-proportionality-tf '{"kind":"truefalse","value":false}' 1 correct)"
# The first check is still as it was left.
key Left
wait_trace "screen reader page m1-l1-p2 .*$(check kc-distinction-rule "$(picked c)" 2 incorrect)"
echo "PASS: knowledge checks come back after SIGKILL with the last answer, its verdict and tries"
