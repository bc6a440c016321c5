#!/usr/bin/env bash
# Kiosk mode with the real program under a real window manager (openbox, whose Alt+F4 closes
# windows): the administrator PIN is asked for at first start; Alt+F4 and a window-manager close
# leave Lectern running; a learner with a PIN is signed out after the idle time with their
# progress saved; five wrong PINs lock entry; the learner's text size comes back at sign-in.
source "$(dirname "$0")/lib.sh"
trap e2e_cleanup EXIT
start_xvfb 1280x800
start_window_manager
data="$E2E_TMP/data"
mkdir -p "$data"
conf="$E2E_TMP/kiosk.conf"
freeze_clock  # time moves only by advance_clock: the idle and lock-out checks are exact
printf 'kiosk = true\nidle_timeout_seconds = 30\ncountdown_seconds = 10\nallow_guest = false\n' > "$conf"
start_lectern --course "$LECTERN_TEST_DATA/fixture-course" --data-dir "$data" --kiosk-config "$conf"

# First start: the administrator PIN comes before anything else.
wait_trace "trace: ready screen admin"
xdotool type --delay 80 2468; key Tab; xdotool type --delay 80 2468; key Return
wait_trace "trace: admin-pin set"
[ -f "$data/admin.pin" ] || fail "no admin PIN file"
grep -q '^\$argon2id\$' "$data/admin.pin" || fail "the admin PIN is not stored as an Argon2id hash"

# A new learner with a PIN; a larger text size.
xdotool type --delay 60 "Kim"; key Tab; xdotool type --delay 80 1357; key Tab; xdotool type --delay 80 1357; key Return
wait_trace "trace: signed-in Kim"
key ctrl+equal; key ctrl+equal
wait_trace "trace: text-size" 5
size=$(grep "trace: text-size" "$E2E_TMP/app.log" | tail -n1 | sed 's/.*text-size //')
[ "$size" -gt 100 ] || fail "the text size did not grow ($size)"
capture kiosk-home
# Idle: after 30 s with no input, the countdown (the last 10 s) runs out and Kim is signed out;
# not a second before. The clock is frozen, so each check below sees exactly the time stepped to:
# the app has drawn that second's warning before the test looks for a sign-out.
advance_clock 20
wait_trace "trace: idle countdown" 10
[ "$(grep -m1 'trace: idle countdown' "$E2E_TMP/app.log")" = "trace: idle countdown 10" ] || fail "the warning did not start at 20 s with 10 s left"
advance_clock 9
wait_trace 'trace: idle countdown 1$\|trace: idle sign-out' 10
[ "$(trace_count 'trace: idle sign-out')" = 0 ] || fail "signed out before the idle time (29 s)"
advance_clock 1
wait_trace "trace: idle sign-out" 10
echo "  the warning at 20 s, signed out at 30 s of no input, not at 29 s"
capture kiosk-signin
assert_not_blank kiosk-signin 0.001

# Five wrong PINs lock entry.
key Return   # Kim's button has the keyboard: the PIN prompt opens
wait_trace "trace: pin asked" 5
for i in 1 2 3 4 5; do xdotool type --delay 60 0000; key Return; done
wait_trace "trace: pin locked" 5
capture kiosk-locked
echo "  five wrong PINs lock PIN entry"
# The lock's message counts the seconds down with no input.
advance_clock 2
capture kiosk-locked-later
assert_differs kiosk-locked kiosk-locked-later 0  # a digit or two of the message
# After the lock (30 s), the right PIN signs Kim in with her text size.
advance_clock 29
xdotool type --delay 60 1357; key Return
wait_trace "trace: signed-in Kim text $size" 10
echo "  Kim's text size ($size%) restored at sign-in"
# No escape: Alt+F4 (the window manager's close) and a close request are ignored.
send_key alt+F4  # the window manager may take it: the app never sees its release
wait_trace "trace: close ignored" 5
wmctrl -c "Lectern" 2>/dev/null || wmctrl -i -c "$WID" 2>/dev/null || true
sleep 1
kill -0 "$APP_PID" || fail "Lectern exited on a close request"
echo "  Alt+F4 and close requests ignored"

# The administrator's chord and PIN open the admin screen.
key ctrl+alt+shift+a
wait_trace "trace: screen admin" 5
xdotool type --delay 80 2468; key Return
wait_trace "trace: admin unlocked" 5
capture kiosk-admin
assert_not_blank kiosk-admin 0.001
echo "  the admin chord and PIN open the administrator's screen"

# The idle time, set on the admin screen (its field has the keyboard), is kept in the data
# folder and used from the next sign-in on, also after a restart.
grep -q "trace: signed-in Kim text [0-9]* idle 30" "$E2E_TMP/app.log" || fail "the file's idle time (30 s) was not in force"
key ctrl+a; xdotool type --delay 80 2; key Return
wait_trace "trace: idle-timeout set 120" 5
grep -qx "idle_timeout_seconds = 120" "$data/kiosk-admin.conf" || fail "the idle time was not saved"
capture kiosk-admin-idle
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
start_lectern --course "$LECTERN_TEST_DATA/fixture-course" --data-dir "$data" --kiosk-config "$conf"
wait_trace "trace: ready screen learners"
key Return
wait_trace "trace: pin asked" 5
xdotool type --delay 60 1357; key Return
wait_trace "trace: signed-in Kim text [0-9]* idle 120" 10
echo "  the idle time set by the administrator (2 minutes) is in force after a restart"

# Five wrong administrator PINs lock the admin screen too, and its message counts down.
key ctrl+alt+shift+a
wait_trace "trace: screen admin" 5
for i in 1 2 3 4 5; do xdotool type --delay 60 0000; key Return; done
wait_trace "trace: admin pin locked" 5
capture admin-locked
advance_clock 2
capture admin-locked-later
assert_differs admin-locked admin-locked-later 0  # a digit or two of the message
echo "  five wrong administrator PINs lock the admin screen, with a countdown"
echo "PASS: kiosk keeps learners in, signs them out when idle, locks PIN guessing, restores settings, takes the admin's idle time"
