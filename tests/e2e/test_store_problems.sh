#!/usr/bin/env bash
# Progress-file faults, with the real program: a damaged file is reported on screen and left
# untouched until the learner confirms, then renamed (never deleted) and a fresh one started;
# a folder that cannot be written gets a banner that progress is not being saved.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
course=(--course "$LECTERN_TEST_DATA/fixture-course" --size 1200x760)

# 1. A damaged file: random bytes where the database should be.
data="$E2E_TMP/damaged"
mkdir -p "$data"
head -c 65536 /dev/urandom > "$data/progress.sqlite3"
sum_before=$(sha256sum < "$data/progress.sqlite3")
start_lectern "${course[@]}" --data-dir "$data"
wait_trace "trace: store-problem"
capture damaged
assert_not_blank damaged
[ "$(sha256sum < "$data/progress.sqlite3")" = "$sum_before" ] || fail "the damaged file was changed before the learner confirmed"
key Return   # "Move it aside and start fresh" has the keyboard
key Return   # "Yes, move it aside" is the dialog's default
wait_trace "trace: moved-aside .* store open" 10
ls "$data"/progress.sqlite3.bad-* >/dev/null 2>&1 || fail "the damaged file was not kept under a new name"
[ "$(sha256sum < "$(ls "$data"/progress.sqlite3.bad-* | grep -v -- '-wal$\|-shm$' | head -n1)")" = "$sum_before" ] \
  || fail "the file moved aside is not the original"
[ -f "$data/progress.sqlite3" ] || fail "no fresh progress file"
echo "  damaged file reported, kept as $(basename "$(ls "$data"/progress.sqlite3.bad-* | head -n1)"), fresh store opened"
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true

# 2. A folder that cannot be written (a read-only bind is not available here: use a file where
# the folder should be, which no one can write into).
ro="$E2E_TMP/not-a-folder"
: > "$ro"
start_lectern "${course[@]}" --data-dir "$ro/data"
wait_trace "trace: banner Progress is NOT being saved"
capture not-saving
assert_not_blank not-saving
echo "PASS: a damaged progress file is kept and moved aside only on confirmation; an unwritable folder gets a banner"
