#!/usr/bin/env bash
# Keys tapped faster than frames are drawn are all counted: 0 ms taps (press and release back to
# back, as remote desktops, switch devices and busy machines deliver them) at 30 keys a second
# turn exactly one page each, and a 0 ms Ctrl+Enter still checks a knowledge check. Dear ImGui
# 1.86 sees only key state, so without the platform's input queue most of these were lost. Held
# keys repeat only as the system's key-repeat settings say.
# (Two presses of one key within the same millisecond are merged by GLFW itself on X11: its
# filter for the input method's duplicate events compares time stamps.)
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT

# A course of one lesson with 41 pages; the last has a knowledge check.
course="$E2E_TMP/course"
mkdir -p "$course"
cat > "$course/course.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<course id="fast-keys" version="1" lang="en" minutes="5">
  <title>Many pages</title>
  <description>Pages to turn quickly.</description>
  <include src="pages.xml"/>
</course>
XML
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<module id="m" title="Pages"><summary>Pages to turn.</summary><lesson id="l" title="Turning">'
  for i in $(seq 1 40); do echo "<page id=\"p$i\" title=\"Page $i\"><p>Text of page $i.</p></page>"; done
  echo '<page id="p41" title="Page 41"><question id="q" type="single"><prompt>Pick one.</prompt>'
  echo '<choice id="a" correct="true">This one</choice><choice id="b">That one</choice></question></page>'
  echo '</lesson></module>'
} > "$course/pages.xml"

start_xvfb 1280x800
start_lectern --course "$course" --guest --size 1200x760 --screen reader
wait_trace "trace: ready screen reader page p1"

turns() { grep -c "^trace: screen reader page p[0-9]* .*actions 1$" "$E2E_TMP/app.log" || true; }
taps=()
for _ in $(seq 30); do taps+=(Right); done
want=$(( $(key_ups) + 30 ))
xdotool key --delay 33 "${taps[@]}"  # --delay is between taps; each tap has no hold at all
wait_trace "trace: screen reader page p31 " 10
# Every release handed to a frame: all 30 taps' actions are in the trace, so a 31st turn would be
# too (a sleep here could end before it on a busy machine).
for _ in $(seq 600); do [ "$(key_ups)" -ge "$want" ] && break; sleep 0.05; done
[ "$(key_ups)" -ge "$want" ] || fail "the app took $(key_ups) of $want key releases"
[ "$(turns)" -eq 30 ] || fail "30 taps of Right turned $(turns) pages"
grep -q "page p32 " "$E2E_TMP/app.log" && fail "30 taps of Right turned more than 30 pages"
echo "  30 taps of Right at 30 a second: 30 pages turned"

taps=()
for _ in $(seq 10); do taps+=(Right); done
xdotool key --delay 33 "${taps[@]}"
wait_trace "trace: screen reader page p41 " 10
xdotool key --delay 33 1 ctrl+Return
wait_trace "lessons 1/1" 10

# A held key repeats when the system repeats it, by the person's own settings (xset here), never
# by a clock of the app's: with repeats slow or off, holding Left turns one page back; with fast
# repeats, many. (The app's clock counted its own slow frames as holding time: on a busy machine
# a tap became two Tabs and a PIN went into the wrong field.)
pages_since() { tail -n +"$1" "$E2E_TMP/app.log" | grep -c "^trace: screen reader page p[0-9]* " || true; }
hold_left() {  # seconds: Left held that long, then wait for the app to take its release
  local from want
  from=$(($(wc -l < "$E2E_TMP/app.log") + 1))
  want=$(($(key_ups) + 1))
  xdotool keydown Left sleep "$1" keyup Left
  for _ in $(seq 600); do [ "$(key_ups)" -ge "$want" ] && break; sleep 0.05; done
  sleep 0.3
  turned=$(pages_since "$from")
}
xset r rate 3000 25
hold_left 1.5
[ "$turned" -eq 1 ] || fail "Left held 1.5 s with a 3 s repeat delay turned $turned pages (want 1)"
xset -r
hold_left 1.5
[ "$turned" -eq 1 ] || fail "Left held 1.5 s with key repeat off turned $turned pages (want 1)"
echo "  Left held 1.5 s with repeats slower than that, or off: one page back each time"
xset r on
xset r rate 200 25
hold_left 1.0
[ "$turned" -ge 4 ] || fail "Left held 1 s with repeats from 200 ms turned $turned pages (want 4 or more)"
echo "  Left held 1 s with repeats from 200 ms: $turned pages back"
echo "PASS: every 0 ms tap was counted, a 0 ms Ctrl+Enter checked the answer, held keys repeat as the system says"
