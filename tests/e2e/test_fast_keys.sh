#!/usr/bin/env bash
# Keys tapped faster than frames are drawn are all counted: 0 ms taps (press and release back to
# back, as remote desktops, switch devices and busy machines deliver them) at 30 keys a second
# turn exactly one page each, and a 0 ms Ctrl+Enter still checks a knowledge check. Dear ImGui
# 1.86 sees only key state, so without the platform's input queue most of these were lost.
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
xdotool key --delay 33 "${taps[@]}"  # --delay is between taps; each tap has no hold at all
wait_trace "trace: screen reader page p31 " 10
sleep 0.5
[ "$(turns)" -eq 30 ] || fail "30 taps of Right turned $(turns) pages"
grep -q "page p32 " "$E2E_TMP/app.log" && fail "30 taps of Right turned more than 30 pages"
echo "  30 taps of Right at 30 a second: 30 pages turned"

taps=()
for _ in $(seq 10); do taps+=(Right); done
xdotool key --delay 33 "${taps[@]}"
wait_trace "trace: screen reader page p41 " 10
xdotool key --delay 33 1 ctrl+Return
wait_trace "lessons 1/1" 10
echo "PASS: every 0 ms tap was counted, and a 0 ms Ctrl+Enter checked the answer"
