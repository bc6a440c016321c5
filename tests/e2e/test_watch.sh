#!/usr/bin/env bash
# lectern --watch, as an author uses it: change a page and the window shows it on the same page;
# break the file and an overlay lists the error while the last good version stays on screen;
# fix it and the overlay goes away.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
course="$E2E_TMP/course"
cp -r "$LECTERN_TEST_DATA/fixture-course" "$course"
module="$course/modules/00-welcome.xml"
# An edit that lands in one step (written beside, then renamed into place). sed -i writes its
# temporary file inside the watched folder: the watch saw that file appear and reloaded the
# unchanged course, and on a busy machine the capture came before the rename's reload.
edit() { sed "$1" "$module" > "$E2E_TMP/module.new" && mv "$E2E_TMP/module.new" "$module"; }
start_lectern --course "$course" --guest --watch --page m0-l1-p2 --size 1200x760
wait_trace "trace: ready screen reader page m0-l1-p2"
capture before

edit 's/title="How to navigate"/title="How to find your way"/'
wait_trace "trace: reloaded page m0-l1-p2" 10
capture edited
assert_differs before edited 0.001  # a new page title
echo "  an edit reloads on the same page"

edit 's/<page id="m0-l1-p2"/<page id="m0-l1-p2" colour="red"/'
wait_trace "trace: reload-failed 1" 10
sleep 0.3  # the overlay sizes itself to its text: ImGui shows such a window from its second frame
capture broken
assert_differs edited broken
echo "  a broken file shows its error over the last good version"

edit 's/ colour="red"//'
# A second reload, waited for: on a busy machine the poll may come later than any fixed sleep.
for _ in $(seq 200); do [ "$(trace_count 'trace: reloaded page m0-l1-p2')" -ge 2 ] && break; sleep 0.05; done
[ "$(trace_count 'trace: reloaded page m0-l1-p2')" -ge 2 ] || fail "fixing the file did not reload within 10 s"
capture fixed
python3 "$E2E_PNG" diff "$E2E_TMP/edited.png" "$E2E_TMP/fixed.png" | awk '{ if ($1 > 0.001) exit 1 }' \
  || fail "the overlay did not go away after the fix"
echo "PASS: --watch reloads in place, reports errors in an overlay, and recovers"
