#!/usr/bin/env bash
# What administrators do to the progress folder, with the real program: stop it with SIGTERM,
# SIGHUP or SIGINT (a clean close: exit 0, no -wal left); copy a database in over the log a killed
# session left (the log is kept aside byte for byte, never applied, and the banner says where);
# start a second Lectern on the same folder (refused, naming the first); a FIFO where the
# database should be (refused at once, never a hang).
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
course=(--course "$LECTERN_TEST_DATA/fixture-course" --size 1200x760)
export_csv() { "$LECTERN_BIN/lectern-progress" export --format csv --data-dir "$1"; }

# 1. Each stop signal mid-session closes cleanly.
for sig in TERM HUP INT; do
  data="$E2E_TMP/signal-$sig"
  start_lectern "${course[@]}" --data-dir "$data" --learner "Signal $sig" --page m1-l1-p1
  key Right
  wait_trace "screen reader page m1-l1-p2"
  [ -s "$data/progress.sqlite3-wal" ] || fail "no log while running: the test would prove nothing"
  kill -"$sig" "$APP_PID"
  status=0
  wait "$APP_PID" || status=$?
  [ "$status" = 0 ] || fail "SIG$sig: exit status $status, expected 0"
  grep -q "trace: stopping on signal" "$E2E_TMP/app.log" || fail "SIG$sig: the frame loop did not see the signal"
  grep -q "trace: store closed clean" "$E2E_TMP/app.log" || fail "SIG$sig: the store was not closed cleanly"
  [ ! -e "$data/progress.sqlite3-wal" ] || fail "SIG$sig: a -wal was left behind"
  export_csv "$data" | grep -q "m1-l1-p2" || fail "SIG$sig: the page read before the signal is not in the store"
  echo "  SIG$sig: exit 0, no -wal, the last page read is saved"
done

# 2. A killed session's log, then a database from another machine copied in over it.
here="$E2E_TMP/here"
there="$E2E_TMP/there"
start_lectern "${course[@]}" --data-dir "$there" --learner "Bea From Elsewhere" --page m1-l1-p1
kill -TERM "$APP_PID"; wait "$APP_PID"
start_lectern "${course[@]}" --data-dir "$here" --learner "Ana Local" --page m1-l1-p2
kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
[ -s "$here/progress.sqlite3-wal" ] || fail "the killed session left no log"
wal_sum=$(sha256sum < "$here/progress.sqlite3-wal")
cp "$there/progress.sqlite3" "$here/progress.sqlite3"
db_sum=$(sha256sum < "$here/progress.sqlite3")
start_lectern "${course[@]}" --data-dir "$here"
wait_trace "trace: store-notice .*NOT applied"
grep -q "trace: banner .*NOT applied" "$E2E_TMP/app.log" || fail "the learner-facing banner does not say the log was set aside"
capture copied-in
assert_not_blank copied-in
kept_wal=$(ls "$here"/progress.sqlite3.bad-*-wal)
kept_db=${kept_wal%-wal}
[ "$(sha256sum < "$kept_wal")" = "$wal_sum" ] || fail "the log kept aside is not the log that was found"
[ "$(sha256sum < "$kept_db")" = "$db_sum" ] || fail "the database copy kept beside it is not the copied-in file"
kill -TERM "$APP_PID"; wait "$APP_PID"
export_csv "$here" | grep -q "Bea From Elsewhere" || fail "the copied-in learner is gone"
if export_csv "$here" | grep -q "Ana Local"; then fail "the stale log was applied onto the copied-in database"; fi
echo "  copied-in database kept, stale log set aside as $(basename "$kept_wal") byte for byte"

# 3. A second Lectern on the same folder is refused and names the first.
data="$E2E_TMP/two"
start_lectern "${course[@]}" --data-dir "$data" --learner "First Window"
first=$APP_PID
first_log="$E2E_TMP/first.log"
cp "$E2E_TMP/app.log" "$first_log"
status=0
LECTERN_TRACE=1 "$LECTERN_BIN/lectern" "${course[@]}" --data-dir "$data" --learner "Second Window" \
  --first-frame-exit >/dev/null 2>"$E2E_TMP/second.log" || status=$?
grep -q "Lectern is already open with this progress folder (process $first)" "$E2E_TMP/second.log" \
  || { sed 's/^/  second: /' "$E2E_TMP/second.log"; fail "the second Lectern was not refused with the first one's process id"; }
[ "$status" != 0 ] || fail "the second Lectern signed a learner in although it cannot save"
export_csv "$data" > "$E2E_TMP/two.csv" || fail "a read-only export must work while Lectern runs"
if grep -q "Second Window" "$E2E_TMP/two.csv"; then fail "the refused Lectern wrote a learner"; fi
kill -TERM "$first"; wait "$first"
echo "  second Lectern refused (process $first named); export still works"

# 4. A FIFO where the database should be: refused at once, in the GUI and the export tool.
data="$E2E_TMP/fifo"
mkdir -p "$data"
mkfifo "$data/progress.sqlite3"
status=0
timeout 90 "$LECTERN_BIN/lectern-progress" export --format csv --data-dir "$data" >/dev/null 2>"$E2E_TMP/fifo.log" || status=$?
[ "$status" = 1 ] || fail "lectern-progress on a FIFO: status $status (124 means it hung: 90 s, far beyond any start)"
grep -q "FIFO" "$E2E_TMP/fifo.log" || fail "lectern-progress does not say the path is a FIFO"
start_lectern "${course[@]}" --data-dir "$data"
# The window says what is wrong in the course's words (a code with its path); the terminal keeps the
# store's own English, which names the kind of file.
wait_trace "trace: banner Progress is NOT being saved: .*progress.sqlite3.* is not a regular file"
grep -q "^lectern: .*FIFO" "$E2E_TMP/app.log" || fail "the terminal does not say the path is a FIFO"
kill -TERM "$APP_PID"; wait "$APP_PID"
echo "PASS: stop signals close cleanly; a foreign log is kept, not applied; one writer per folder; no FIFO hangs"
