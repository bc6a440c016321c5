#!/usr/bin/env bash
# At 200 % text in a window too narrow for contents and page side by side (900x700), the page
# keeps the window: the contents start closed, open over the page's left side (C, or the
# Contents button) with the keyboard in them, and close on Escape (staying on the page) and on
# a page chosen, which then shows.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
start_lectern --course "$LECTERN_TEST_DATA/fixture-course" --guest --size 900x700 --text-size 200 --screen reader
wait_trace "trace: ready screen reader page m0-l1-p1"

ink() {  # name x0 x1 [y0 y1]: dark fraction of the capture between those fractions of its size
  python3 "$E2E_PNG" stats "$E2E_TMP/$1.png" "$2" "$3" ${4:+"$4" "$5"} | cut -d' ' -f4
}
above() { python3 -c "import sys; sys.exit(0 if $1 > $2 else 1)"; }
capture closed
# The page's text starts at the window's left, where contents beside it would be.
above "$(ink closed 0.05 0.35)" 0.01 || fail "the page's text is not at the left of a narrow window"
grep -q "trace: focus contents" "$E2E_TMP/app.log" && fail "the contents took the keyboard in a narrow window before being opened"

key c
wait_trace "trace: focus contents" 5
capture open
assert_differs closed open 0.05
# Beside them, the page's text still shows (between the bars, at the window's right): the
# contents no longer fill the window.
above "$(ink open 0.77 0.97 0.2 0.88)" 0.002 || fail "with the contents open the page is not in view beside them"
echo "  C opens the contents over the page, with the keyboard in them"

key Escape
wait_trace "trace: focus page" 5
capture closed-again
d=$(python3 "$E2E_PNG" diff "$E2E_TMP/closed.png" "$E2E_TMP/closed-again.png")
above 0.01 "$d" || fail "Escape did not close the contents ($d of pixels differ from the page alone)"
grep -q "trace: screen home" "$E2E_TMP/app.log" && fail "Escape left the reader instead of closing the contents"
echo "  Escape closes them and stays on the page"

# In them, Tab goes down the rows: the current page's, then the next page's; Enter opens it.
key c
wait_trace "trace: focus contents" 5
key Tab Tab Return
wait_trace "trace: screen reader page m0-l1-p2" 5
capture chosen
assert_differs closed chosen 0.01
above "$(ink chosen 0.05 0.35)" 0.01 || fail "after a page was chosen in the contents, the page is not in view"
[ "$(trace_count 'trace: focus page')" -ge 2 ] || fail "focus did not go back to the page after a choice"
echo "PASS: in a narrow window at 200 % the contents open over the page and close on Escape or a choice"
