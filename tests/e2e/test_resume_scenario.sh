#!/usr/bin/env bash
# A branching scenario resumes where the learner was: killed (SIGKILL) two choices in, Lectern
# reopens it at that step with the path so far; a finished scenario shows its ending and debrief
# again after signing out and back in, not step 1.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
data="$E2E_TMP/data"
args=(--course "$LECTERN_TEST_DATA/fixture-course" --data-dir "$data" --learner "Scenario Tester" --size 1200x760)

# 1. Two choices into the scenario (1: verify first, 2: observe more), then the program dies.
start_lectern "${args[@]}" --page m1-l2-p3
key 1
wait_trace "scenario sc-school at n-verify path 1 ended 0"
key 2
wait_trace "scenario sc-school at n-wait path 2 ended 0"
capture before-kill
kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true

start_lectern "${args[@]}"
wait_trace "trace: ready screen home page m1-l2-p3"
key Return
wait_trace "screen reader page m1-l2-p3 .* scenario sc-school at n-wait path 2 ended 0"
capture scenario-resumed
assert_not_blank scenario-resumed
echo "  reopened at step n-wait with both choices on its path"

# 2. Finish it (1: a precise strike), sign out, sign back in: the ending and its debrief are shown.
key 1
wait_trace "scenario sc-school at end-warned path 3 ended 1"
capture ended
assert_differs scenario-resumed ended
xdotool mousemove --window "$WID" 1149 21 click 1  # Sign out
wait_trace "drawn learners"
kill -TERM "$APP_PID"; wait "$APP_PID" || fail "lectern did not exit cleanly"
start_lectern "${args[@]}"
key Return
wait_trace "screen reader page m1-l2-p3 .* scenario sc-school at end-warned path 3 ended 1"
capture ended-again
assert_not_blank ended-again
echo "PASS: a scenario resumes at the step reached; a finished one shows its ending and debrief"
