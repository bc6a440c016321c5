#!/usr/bin/env bash
# Killed mid-course (SIGKILL, no chance to save), Lectern reopens where the learner was: the
# same page, and in a quiz the same question with the answers given so far.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
data="$E2E_TMP/data"
args=(--course "$LECTERN_TEST_DATA/fixture-course" --data-dir "$data" --learner "Resume Tester" --size 1200x760)

# 1. Read two pages, then the program dies.
start_lectern "${args[@]}" --page m1-l1-p1
key Right
wait_trace "screen reader page m1-l1-p2"
kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
start_lectern "${args[@]}"
wait_trace "trace: ready screen home page m1-l1-p2"
key Return
wait_trace "screen reader page m1-l1-p2"
echo "  reopened on the page it was killed on"
kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true

# 2. Answer a quiz question, move on, and die mid-quiz.
start_lectern "${args[@]}" --page m1-l2-p3
key Right
wait_trace "screen quiz"
key Return
wait_trace "quiz m1-quiz attempt 1 question 1 answered 0"
key 1
wait_trace "question 1 answered 1"
key Right
wait_trace "question 2 answered 1"
kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
start_lectern "${args[@]}"
wait_trace "trace: ready screen home"
key Return
wait_trace "screen quiz .* quiz m1-quiz attempt 1 question 2 answered 1 submitted 0"
echo "  reopened in the same attempt, on question 2, with the first answer kept"
echo "PASS: nothing acknowledged was lost to SIGKILL; resume returns to the exact place"
