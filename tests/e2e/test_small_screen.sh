#!/usr/bin/env bash
# The default window fits a screen smaller than it (issue 17, item 3): 1280x800 is taller than a
# 1366x768 laptop's screen, and a window manager adds a title bar and borders. lectern started
# with no --size, on screens of several sizes, with and without a window manager: the whole window,
# frame included, is on the screen, it is no smaller than it must be, and its first page is drawn.
# On a screen with room, the window keeps its 1280x800. (--size is taken as asked: test_present.)
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
course="$LECTERN_TEST_DATA/fixture-course"

# The window's frame (xprop, xwininfo: x11-utils): _NET_FRAME_EXTENTS (left, right, top, bottom), zeros with no window manager.
frame_of() {
  local f
  f=$(xprop -id "$WID" _NET_FRAME_EXTENTS 2>/dev/null | sed -n 's/.*= *//p' | tr -d ' ')
  echo "${f:-0,0,0,0}" | tr ',' ' '
}

n=0
while read -r screen wm; do
  n=$((n + 1))
  sw=${screen%x*} sh=${screen#*x}
  start_xvfb "$screen"
  WM_PID=""
  [ "$wm" = openbox ] && start_window_manager
  start_lectern --course "$course" --data-dir "$E2E_TMP/data-$n" --learner "Small"
  # Openbox may place the window a moment after it is mapped.
  sleep 0.5
  # The content's place on the screen (xwininfo's absolute position: xdotool's counts a window
  # manager's frame twice) and size.
  info=$(xwininfo -id "$WID")
  X=$(sed -n 's/.*Absolute upper-left X: *//p' <<<"$info") Y=$(sed -n 's/.*Absolute upper-left Y: *//p' <<<"$info")
  WIDTH=$(sed -n 's/^ *Width: *//p' <<<"$info") HEIGHT=$(sed -n 's/^ *Height: *//p' <<<"$info")
  read -r left right top bottom < <(frame_of)
  echo "  $screen $wm: content ${WIDTH}x${HEIGHT} at $X,$Y, frame $left,$right,$top,$bottom"
  outer_w=$((WIDTH + left + right)) outer_h=$((HEIGHT + top + bottom))
  [ $((X - left)) -ge 0 ] && [ $((Y - top)) -ge 0 ] || fail "$screen $wm: the window's frame starts off the screen"
  [ $((X + WIDTH + right)) -le "$sw" ] && [ $((Y + HEIGHT + bottom)) -le "$sh" ] ||
    fail "$screen $wm: the window (${outer_w}x${outer_h} with its frame) goes past the ${screen} screen"
  # No smaller than it must be: as wide and as tall as asked, or as the screen allows.
  [ "$WIDTH" -eq 1280 ] || [ "$outer_w" -eq "$sw" ] || fail "$screen $wm: width $WIDTH, neither 1280 nor the screen's"
  [ "$HEIGHT" -eq 800 ] || [ "$outer_h" -eq "$sh" ] || fail "$screen $wm: height $HEIGHT, neither 800 nor the screen's"
  capture "small-$n"
  assert_not_blank "small-$n"
  kill -TERM "$APP_PID"; wait "$APP_PID" || fail "$screen $wm: lectern did not exit cleanly"
  APP_PID=""
  [ -n "$WM_PID" ] && { kill "$WM_PID"; wait "$WM_PID" 2>/dev/null || true; }
  kill "$XVFB_PID"; wait "$XVFB_PID" 2>/dev/null || true
  XVFB_PID="" WM_PID=""
done <<'TABLE'
1366x768 none
1024x600 openbox
1366x768 openbox
1920x1080 openbox
TABLE
echo "PASS: the default window fits 1366x768 and 1024x600 screens, frame included, and keeps 1280x800 where it fits"
