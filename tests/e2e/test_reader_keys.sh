#!/usr/bin/env bash
# The real lectern under Xvfb: its window is not blank, the arrow keys turn pages (the page id
# in the trace and the picture both change), and Escape returns home.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
start_lectern --course "$LECTERN_TEST_DATA/fixture-course" --guest --size 1200x760 --screen reader

wait_trace "trace: ready screen reader page m0-l1-p1"
capture page1
assert_not_blank page1

# Read aloud starts with S and never blocks the frame loop: the next key is handled at once.
# espeak-ng is loaded on that first use, not at start-up (it brings thirty libraries with it).
! grep -q "libespeak-ng" "/proc/$APP_PID/maps" || fail "espeak-ng was loaded before read-aloud was used"
key s
wait_trace "trace: speech start" 5
for _ in $(seq 40); do grep -q "libespeak-ng" "/proc/$APP_PID/maps" && break; sleep 0.05; done
grep -q "libespeak-ng" "/proc/$APP_PID/maps" || fail "read-aloud did not load espeak-ng"
sleep 0.3
[ "$(trace_count 'trace: speech unavailable')" -eq 0 ] || fail "espeak-ng could not be started"
key Right
wait_trace "trace: screen reader page m0-l1-p2" 3
capture page2
assert_not_blank page2
assert_differs page1 page2

key Left
wait_trace "page m0-l1-p1" 5
[ "$(trace_count 'page m0-l1-p1')" -ge 2 ] || fail "Left did not go back to the first page"

key Escape
wait_trace "trace: screen home"
capture home
assert_differs page1 home

key g
wait_trace "trace: screen glossary"
key Escape
wait_trace "trace: screen home page m0-l1-p1" 5
echo "PASS: pages turn with the arrow keys while reading aloud; Escape and G move between screens"
