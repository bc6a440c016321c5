#!/usr/bin/env bash
# Kiosk recipe test (tools/kiosk): the boot-into-Lectern deployment, without touching this machine.
#   1. every script parses (bash -n, and sh -n for the /bin/sh ones);
#   2. install.sh --dry-run changes nothing and names every step;
#   3. install.sh --prefix DIR really installs into DIR: units, scripts, config, the lectern-kiosk
#      user (systemd-sysusers --root), its 0700 folders (systemd-tmpfiles --root) and the enable
#      link (systemctl --root), each with the right mode and owner; a second run changes nothing;
#      an edited kiosk.conf is kept; --x11 switches which unit is enabled;
#   4. both units pass `systemd-analyze verify` with no warning at all (a misspelt key is only a
#      warning there, so any output fails); falls back to a syntax check, and says so, where
#      systemd-analyze cannot run;
#   5. the session/client scripts hand the administrator's exit (status 10) through a display
#      server that swallows exit statuses, and turn every other ending into a restart (1): with a
#      fake cage and fake xinit always, and with the real cage 0.1.4 (headless) when it can run.
# Run by ctest (script.test_kiosk_recipe) or by hand:
#   LECTERN_SRC=/work/main bash tests/scripts/test_kiosk_recipe.sh
set -u

SRC=${LECTERN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
KIOSK=$SRC/tools/kiosk
INSTALL=$KIOSK/install.sh

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

TMP=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT

for f in install.sh session client xinitrc lectern-kiosk.service lectern-kiosk-x11.service \
         kiosk.conf sysusers.conf tmpfiles.conf README.md; do
    [ -f "$KIOSK/$f" ] || { echo "FAIL: missing tools/kiosk/$f"; exit 1; }
done

# ---- 1. syntax ----------------------------------------------------------------------------------

for f in install.sh session client xinitrc; do
    if out=$(bash -n "$KIOSK/$f" 2>&1); then pass "bash -n $f"; else fail "bash -n $f: $out"; fi
done
for f in session client xinitrc; do  # /bin/sh scripts: dash must accept them too
    if out=$(sh -n "$KIOSK/$f" 2>&1); then pass "sh -n $f"; else fail "sh -n $f: $out"; fi
    head -1 "$KIOSK/$f" | grep -qx '#!/bin/sh' || fail "$f does not start with #!/bin/sh"
    [ -x "$KIOSK/$f" ] || fail "$f is not executable in the source tree"
done
if command -v shellcheck >/dev/null; then
    if out=$(shellcheck -S warning "$KIOSK/install.sh" "$KIOSK/session" "$KIOSK/client" "$KIOSK/xinitrc" 2>&1); then
        pass "shellcheck"
    else
        fail "shellcheck: $out"
    fi
else
    echo "note: shellcheck not installed; bash -n and sh -n only"
fi

bash "$INSTALL" --help | grep -q -- '--prefix' || fail "--help does not describe --prefix"
bash "$INSTALL" --bogus >/dev/null 2>&1; [ $? -eq 2 ] || fail "an unknown option does not exit 2"
bash "$INSTALL" --prefix >/dev/null 2>&1; [ $? -eq 2 ] || fail "--prefix without a folder does not exit 2"
bash "$INSTALL" --prefix "$TMP/x" --install-packages >/dev/null 2>&1
[ $? -eq 2 ] || fail "--install-packages with --prefix is not refused"

# ---- 2. dry run ---------------------------------------------------------------------------------

before_etc=$(ls -la /etc/systemd/system /etc/sysusers.d /etc/tmpfiles.d 2>/dev/null | md5sum)
passwd_before=$(md5sum < /etc/passwd)
if out=$(bash "$INSTALL" --dry-run 2>&1); then
    for step in "would run: systemd-sysusers lectern-kiosk.conf" \
                "would run: systemd-tmpfiles --create lectern-kiosk.conf" \
                "would run: systemctl daemon-reload" \
                "would run: systemctl disable lectern-kiosk-x11.service" \
                "would run: systemctl enable lectern-kiosk.service" \
                "/etc/systemd/system/lectern-kiosk.service" \
                "/usr/local/lib/lectern-kiosk/session" \
                "/etc/lectern/kiosk.conf"; do
        grep -qF -- "$step" <<<"$out" || fail "dry run does not mention: $step"
    done
    pass "dry run names every step"
else
    fail "install.sh --dry-run failed: $out"
fi
[ "$before_etc" = "$(ls -la /etc/systemd/system /etc/sysusers.d /etc/tmpfiles.d 2>/dev/null | md5sum)" ] ||
    fail "the dry run changed /etc"
[ "$passwd_before" = "$(md5sum < /etc/passwd)" ] || fail "the dry run changed /etc/passwd"
mkdir -p "$TMP/dry"
bash "$INSTALL" --dry-run --prefix "$TMP/dry" >/dev/null 2>&1 || fail "--dry-run --prefix failed"
[ -z "$(ls -A "$TMP/dry")" ] && pass "dry run into a prefix wrote nothing" || fail "--dry-run --prefix wrote files"

# ---- 3. install into a prefix -------------------------------------------------------------------

P=$TMP/root
mode_of() { stat -c %a "$1" 2>/dev/null; }
owner_of() { stat -c %u:%g "$1" 2>/dev/null; }
expect_file() {  # path-in-prefix mode [source]
    local path=$P$1
    if [ ! -f "$path" ]; then fail "not installed: $1"; return; fi
    [ "$(mode_of "$path")" = "$2" ] || fail "$1 has mode $(mode_of "$path"), expected $2"
    if [ -n "${3:-}" ]; then cmp -s "$3" "$path" || fail "$1 differs from its source $3"; fi
}

if out=$(bash "$INSTALL" --prefix "$P" 2>&1); then pass "install --prefix ran"; else fail "install --prefix failed: $out"; fi
expect_file /etc/systemd/system/lectern-kiosk.service 644 "$KIOSK/lectern-kiosk.service"
expect_file /etc/systemd/system/lectern-kiosk-x11.service 644 "$KIOSK/lectern-kiosk-x11.service"
expect_file /usr/local/lib/lectern-kiosk/session 755 "$KIOSK/session"
expect_file /usr/local/lib/lectern-kiosk/client 755 "$KIOSK/client"
expect_file /usr/local/lib/lectern-kiosk/xinitrc 755 "$KIOSK/xinitrc"
expect_file /etc/sysusers.d/lectern-kiosk.conf 644 "$KIOSK/sysusers.conf"
expect_file /etc/tmpfiles.d/lectern-kiosk.conf 644 "$KIOSK/tmpfiles.conf"
expect_file /etc/lectern/kiosk.conf 644 "$KIOSK/kiosk.conf"
expect_file /usr/local/share/doc/lectern-kiosk/README.md 644 "$KIOSK/README.md"

if [ "$(id -u)" = 0 ]; then
    entry=$(grep '^lectern-kiosk:' "$P/etc/passwd" 2>/dev/null)
    if [ -z "$entry" ]; then
        fail "no lectern-kiosk user in $P/etc/passwd"
    else
        IFS=: read -r _ _ uid gid _ home shell <<<"$entry"
        [ "$home" = /var/lib/lectern-kiosk ] || fail "home is $home"
        [ "$shell" = /usr/sbin/nologin ] || fail "shell is $shell (must not be a real shell)"
        [ "$uid" -lt 1000 ] || fail "uid $uid is not a system uid"
        pw=$(grep '^lectern-kiosk:' "$P/etc/shadow" | cut -d: -f2)
        case "$pw" in '!'* | '*'*) ;; *) fail "the password field is '$pw', not locked" ;; esac
        for d in /var/lib/lectern-kiosk /var/lib/lectern-kiosk/data; do
            [ -d "$P$d" ] || { fail "no folder $d"; continue; }
            [ "$(mode_of "$P$d")" = 700 ] || fail "$d has mode $(mode_of "$P$d"), expected 700"
            [ "$(owner_of "$P$d")" = "$uid:$gid" ] || fail "$d is owned by $(owner_of "$P$d"), expected $uid:$gid"
        done
        grep -q '^lectern-kiosk:' /etc/passwd && echo "note: this machine already has a lectern-kiosk user (not made by this test)"
        pass "user lectern-kiosk ($uid) and its 0700 folders made inside the prefix"
    fi
else
    echo "note: not root, so install.sh skipped the user and folders; not checked"
fi

link=$P/etc/systemd/system/multi-user.target.wants/lectern-kiosk.service
if [ -L "$link" ] && [ "$(readlink "$link")" = /etc/systemd/system/lectern-kiosk.service ]; then
    pass "lectern-kiosk.service enabled in the prefix"
else
    fail "no enable link $link"
fi
[ -e "$P/etc/systemd/system/multi-user.target.wants/lectern-kiosk-x11.service" ] && fail "the X11 unit is enabled too"

# Nothing may have leaked onto the machine itself.
[ "$passwd_before" = "$(md5sum < /etc/passwd)" ] || fail "install --prefix changed /etc/passwd"
[ "$before_etc" = "$(ls -la /etc/systemd/system /etc/sysusers.d /etc/tmpfiles.d 2>/dev/null | md5sum)" ] ||
    fail "install --prefix changed /etc"

# Idempotent: a second run changes no file, mode, owner or link.
snapshot() { (cd "$P" && find . -path ./etc/.pwd.lock -prune -o -printf '%p %m %u %g %l\n' | sort &&
              find . -type f ! -name .pwd.lock -exec md5sum {} + | sort); }
first=$(snapshot)
if out=$(bash "$INSTALL" --prefix "$P" 2>&1); then
    [ "$first" = "$(snapshot)" ] && pass "second run changed nothing" || {
        fail "second run changed the prefix"
        diff <(echo "$first") <(snapshot) | head -20
    }
    grep -q 'unchanged: .*lectern-kiosk.service' <<<"$out" || fail "second run does not say the unit is unchanged"
else
    fail "second install --prefix failed: $out"
fi

# An edited config is the admin's: kept, with the new example beside it.
echo "theme = dark" >> "$P/etc/lectern/kiosk.conf"
edited=$(md5sum < "$P/etc/lectern/kiosk.conf")
bash "$INSTALL" --prefix "$P" >/dev/null 2>&1 || fail "third install --prefix failed"
[ "$edited" = "$(md5sum < "$P/etc/lectern/kiosk.conf")" ] && pass "edited kiosk.conf kept" ||
    fail "install.sh overwrote an edited kiosk.conf"
expect_file /etc/lectern/kiosk.conf.example 644 "$KIOSK/kiosk.conf"

# --x11 enables the X11 unit instead (only one session may own tty1).
bash "$INSTALL" --prefix "$P" --x11 >/dev/null 2>&1 || fail "install --prefix --x11 failed"
[ -L "$P/etc/systemd/system/multi-user.target.wants/lectern-kiosk-x11.service" ] || fail "--x11 did not enable the X11 unit"
[ -e "$P/etc/systemd/system/multi-user.target.wants/lectern-kiosk.service" ] && fail "--x11 left the Wayland unit enabled"
bash "$INSTALL" --prefix "$P" >/dev/null 2>&1
[ -L "$link" ] && [ ! -e "$P/etc/systemd/system/multi-user.target.wants/lectern-kiosk-x11.service" ] &&
    pass "switching sessions leaves exactly one enabled" || fail "switching back to Wayland left the wrong links"

# ---- 4. the units --------------------------------------------------------------------------------

# The settings the recipe promises, whatever verify thinks of them.
for unit in lectern-kiosk.service lectern-kiosk-x11.service; do
    u=$KIOSK/$unit
    for line in "User=lectern-kiosk" "PAMName=login" "TTYPath=/dev/tty1" "StandardInput=tty" \
                "Restart=always" "RestartSec=1" "RestartPreventExitStatus=10" "SuccessExitStatus=10" \
                "StartLimitIntervalSec=0" "After=systemd-user-sessions.service" \
                "OnSuccess=getty@tty1.service" "NoNewPrivileges=yes"; do
        grep -q "^${line}" "$u" || fail "$unit lacks $line"
    done
    grep -q '^Conflicts=.*getty@tty1.service' "$u" || fail "$unit does not conflict with getty@tty1"
done
grep -q '^ExecStart=/usr/local/lib/lectern-kiosk/session wayland$' "$KIOSK/lectern-kiosk.service" || fail "Wayland ExecStart"
grep -q '^ExecStart=/usr/local/lib/lectern-kiosk/session x11$' "$KIOSK/lectern-kiosk-x11.service" || fail "X11 ExecStart"
grep -q '"$CAGE" -d -- ' "$KIOSK/session" || fail "session does not run cage -d --"
grep -Eq 'cage[^#]* -s' "$KIOSK/session" && fail "session allows VT switching (cage -s)"
grep -q 'lectern" --kiosk\|LECTERN" --kiosk' "$KIOSK/client" || fail "client does not run lectern --kiosk"

# A syntax check for when systemd-analyze cannot run: sections and keys we use, nothing else.
fallback_check() {  # unit file
    awk '
        /^[[:space:]]*(#|;|$)/ { next }
        /^\[(Unit|Service|Install)\]$/ { section = $0; next }
        /^\[/ { print FILENAME ": unknown section " $0; bad = 1; next }
        section == "" { print FILENAME ": key outside a section"; bad = 1; next }
        !/^[A-Za-z]+=/ { print FILENAME ": not key=value: " $0; bad = 1 }
        END { exit bad }' "$1"
}

if ! command -v systemd-analyze >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "note: installing systemd for systemd-analyze"
    apt-get install -y systemd >/dev/null 2>&1 || true
fi
analyze_works=0
if command -v systemd-analyze >/dev/null; then
    # Prove the tool works here on a unit that is surely right before trusting its verdicts.
    mkdir -p "$TMP/probe"
    printf '[Unit]\nDescription=probe\n[Service]\nExecStart=/bin/true\n' > "$TMP/probe/lectern-probe.service"
    if probe=$(systemd-analyze verify "$TMP/probe/lectern-probe.service" 2>&1) && [ -z "$probe" ]; then
        analyze_works=1
    else
        echo "note: systemd-analyze verify cannot run here ($probe)"
    fi
fi
mkdir -p "$TMP/verify"
for unit in lectern-kiosk.service lectern-kiosk-x11.service; do
    # Point ExecStart at the prefix so verify can check the programs exist and are executable.
    sed "s#/usr/local/lib/lectern-kiosk#$P/usr/local/lib/lectern-kiosk#g" "$KIOSK/$unit" > "$TMP/verify/$unit"
    if [ "$analyze_works" = 1 ]; then
        if out=$(systemd-analyze verify "$TMP/verify/$unit" 2>&1) && [ -z "$out" ]; then
            pass "systemd-analyze verify $unit: clean"
        else
            fail "systemd-analyze verify $unit: ${out:-exit status non-zero}"
        fi
    else
        if out=$(fallback_check "$TMP/verify/$unit"); then
            echo "ok: $unit passes the fallback syntax check (systemd-analyze verify NOT run)"
        else
            fail "$unit: $out"
        fi
    fi
done
if [ "$analyze_works" = 1 ]; then
    # And verify does catch what this test relies on it catching.
    sed 's/^Restart=always/Restrat=always/' "$TMP/verify/lectern-kiosk.service" > "$TMP/probe/lectern-kiosk.service"
    out=$(systemd-analyze verify "$TMP/probe/lectern-kiosk.service" 2>&1)
    grep -q "Restrat" <<<"$out" && pass "verify reports a misspelt key" || fail "verify missed a misspelt key"
fi

# ---- 5. the exit status handover -----------------------------------------------------------------

LIB=$P/usr/local/lib/lectern-kiosk
FAKE=$TMP/fake
mkdir -p "$FAKE/bin" "$TMP/run"
chmod 700 "$TMP/run"
# A cage that, like the real 0.1.4, runs its client and exits 0 whatever the client returned.
cat > "$FAKE/cage" <<EOF
#!/bin/sh
echo "\$@" > "$FAKE/cage.args"
while [ "\$1" != "--" ]; do shift; done
shift
"\$@"
exit 0
EOF
# xinit: runs the client script it is given (its first argument) and exits 0.
cat > "$FAKE/xinit" <<EOF
#!/bin/sh
echo "\$@" > "$FAKE/xinit.args"
"\$1"
exit 0
EOF
printf '#!/bin/sh\nexit 0\n' > "$FAKE/bin/setxkbmap"
printf '#!/bin/sh\nexit 0\n' > "$FAKE/bin/xset"
chmod 755 "$FAKE/cage" "$FAKE/xinit" "$FAKE/bin/setxkbmap" "$FAKE/bin/xset"

run_session() {  # mode app-exit-status -> prints the session's exit status
    printf '#!/bin/sh\necho "$@" > "%s/app.args"\n%s\n' "$FAKE" "$2" > "$FAKE/lectern"
    chmod 755 "$FAKE/lectern"
    PATH="$FAKE/bin:$PATH" XDG_RUNTIME_DIR=$TMP/run LECTERN_KIOSK_LIB=$LIB LECTERN_KIOSK_CAGE=$FAKE/cage \
        LECTERN_KIOSK_XINIT=$FAKE/xinit LECTERN_KIOSK_APP=$FAKE/lectern sh "$LIB/session" "$1" >/dev/null 2>&1
    echo $?
}

for mode in wayland x11; do
    [ "$(run_session $mode 'exit 10')" = 10 ] && pass "$mode: administrator exit (10) reaches systemd" ||
        fail "$mode: lectern's exit 10 did not become the session's 10"
    [ -e "$TMP/run/lectern-kiosk-admin-exit" ] && fail "$mode: the flag file was left behind"
    for ending in 'exit 0' 'exit 1' 'exit 2' 'kill -9 $$'; do
        [ "$(run_session $mode "$ending")" = 1 ] || fail "$mode: '$ending' did not become 1 (restart)"
    done
    : > "$TMP/run/lectern-kiosk-admin-exit"  # a stale flag from a previous run
    [ "$(run_session $mode 'exit 0')" = 1 ] || fail "$mode: a stale flag turned a crash into an admin exit"
    [ "$(cat "$FAKE/app.args")" = "--kiosk" ] || fail "$mode: lectern was run with '$(cat "$FAKE/app.args")'"
done
[ "$(cat "$FAKE/cage.args")" = "-d -- $LIB/client" ] || fail "cage was run with '$(cat "$FAKE/cage.args")'"
for arg in ":0" "vt1" "-keeptty" "-nolisten tcp"; do
    grep -qF -- "$arg" "$FAKE/xinit.args" || fail "xinit arguments lack $arg: $(cat "$FAKE/xinit.args")"
done
env -u XDG_RUNTIME_DIR sh "$LIB/session" wayland >/dev/null 2>&1
[ $? -eq 1 ] || fail "the session does not refuse to run without XDG_RUNTIME_DIR"
PATH="$FAKE/bin:$PATH" XDG_RUNTIME_DIR=$TMP/run LECTERN_KIOSK_LIB=$LIB sh "$LIB/session" plasma >/dev/null 2>&1
[ $? -eq 1 ] || fail "the session accepts an unknown mode"
pass "session and client: every ending except 10 restarts"

# X11: no escape hatch means no start. With setxkbmap failing, lectern must not run at all.
printf '#!/bin/sh\nexit 1\n' > "$FAKE/bin/setxkbmap"
rm -f "$FAKE/app.args"
run_session x11 'exit 10' >/dev/null
[ -e "$FAKE/app.args" ] && fail "xinitrc ran lectern although VT switching could not be turned off" ||
    pass "xinitrc refuses to start lectern when setxkbmap fails"
grep -q 'srvrkeys:none' "$KIOSK/xinitrc" || fail "xinitrc does not drop the server keys"

# The real cage 0.1.4, headless, as an unprivileged user (cage refuses to run as root).
if [ "$(id -u)" = 0 ] && [ -x /usr/bin/cage ] && [ -x /usr/bin/Xwayland ] && command -v setpriv >/dev/null; then
    REAL=$TMP/real
    mkdir -p "$REAL/run"
    chmod 755 "$TMP" "$REAL"
    chown 65534:65534 "$REAL/run"
    chmod 700 "$REAL/run"
    real_session() {  # app-exit-status -> session exit status; prints "nostart" if cage never ran it
        rm -f "$REAL/started"
        printf '#!/bin/sh\n: > %s/started\n%s\n' "$REAL" "$1" > "$REAL/lectern"
        chmod 755 "$REAL/lectern"
        chmod 777 "$REAL"
        setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin \
            XDG_RUNTIME_DIR=$REAL/run WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
            LECTERN_KIOSK_LIB=$LIB LECTERN_KIOSK_APP=$REAL/lectern \
            timeout 30 sh "$LIB/session" wayland >"$REAL/log" 2>&1
        local status=$?
        [ -e "$REAL/started" ] && echo "$status" || echo nostart
    }
    chmod -R a+rX "$P"
    r10=$(real_session 'exit 10')
    if [ "$r10" = nostart ]; then
        echo "note: the real cage cannot start here (no usable backend); fake cage only. Log:"
        head -5 "$REAL/log"
    else
        [ "$r10" = 10 ] && pass "real cage $(cage -v 2>&1 | awk '{print $3}'): administrator exit reaches systemd" ||
            fail "real cage: exit 10 became $r10"
        r3=$(real_session 'exit 3')
        [ "$r3" = 1 ] && pass "real cage: a crash becomes a restart" || fail "real cage: exit 3 became $r3"
    fi
else
    echo "note: real cage not tried (needs root to drop to nobody, cage and Xwayland installed)"
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all kiosk recipe checks passed"
