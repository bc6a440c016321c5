# Shared by the Windows tests under wine (smoke.sh, test_zip.sh). Source it after setting $tmp
# (a scratch folder) and defining fail().

# Starts an Xvfb of its own (the display number it chose, so parallel runs never collide), sets
# DISPLAY and xvfb_pid; the caller's cleanup kills it.
start_xvfb() {
    exec 5> "$tmp/display"
    Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp > "$tmp/xvfb.log" 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.05; done
    [ -s "$tmp/display" ] || fail "Xvfb did not start"
    export DISPLAY=":$(head -n1 "$tmp/display")"
}

# A screenshot that is not blank and has text on it: many colours (anti-aliased glyphs) and some
# dark pixels (the theme's text on its light page).
assert_not_blank() {  # file
    local w h colours dark
    read -r w h colours dark < <(python3 "$(dirname "${BASH_SOURCE[0]}")/../e2e/pngtool.py" stats "$1")
    echo "  $(basename "$1"): ${w}x${h}, $colours colours, dark fraction $dark"
    [ "$colours" -gt 50 ] || fail "$1 looks blank ($colours colours)"
    python3 -c "import sys; sys.exit(0 if float('$dark') > 0.002 else 1)" || fail "$1 has almost no text"
}
