#!/bin/bash
# Turns a Debian 12 machine into a Lectern classroom kiosk: at boot it goes straight into lectern,
# full screen, as an unprivileged user, with nothing else to reach. See README.md beside this file.
#
#   sudo tools/kiosk/install.sh                  Wayland (cage), the default
#   sudo tools/kiosk/install.sh --x11            X11 (xinit + Xorg) instead
#   tools/kiosk/install.sh --dry-run             print every step, change nothing
#   tools/kiosk/install.sh --prefix /tmp/k       install into a folder (for tests): the user is
#                                                made in /tmp/k/etc/passwd and the unit enabled
#                                                in /tmp/k/etc/systemd/system; the running
#                                                system is never touched
#
# Running it again is safe: files are replaced with the same content, the user and folders are
# kept, and an existing /etc/lectern/kiosk.conf is never overwritten (the new example goes to
# kiosk.conf.example beside it).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() {
    cat <<'EOF'
usage: install.sh [--dry-run] [--prefix DIR] [--x11] [--no-enable] [--install-packages]

  --dry-run           print what would be done, do nothing
  --prefix DIR        install under DIR instead of / and never touch the running system
                      (user, folders and enabling are done inside DIR with --root)
  --x11               use the X11 session (xinit + Xorg) instead of Wayland (cage)
  --no-enable         install the files but do not enable or start anything
  --install-packages  apt-get install the Debian packages the session needs (not with --prefix)
  -h, --help          show this help
EOF
}

DRY_RUN=0
PREFIX=""
MODE=wayland
ENABLE=1
INSTALL_PACKAGES=0
while [ $# -gt 0 ]; do
    case "$1" in
        --dry-run) DRY_RUN=1 ;;
        --prefix)
            [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
            PREFIX=$2
            shift
            ;;
        --prefix=*) PREFIX=${1#--prefix=} ;;
        --x11) MODE=x11 ;;
        --no-enable) ENABLE=0 ;;
        --install-packages) INSTALL_PACKAGES=1 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "install.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

if [ -n "$PREFIX" ]; then
    case "$PREFIX" in
        /*) ;;
        *) PREFIX="$(pwd)/$PREFIX" ;;
    esac
    PREFIX=${PREFIX%/}
    if [ -z "$PREFIX" ]; then
        echo "install.sh: --prefix / is the running system; leave --prefix out instead" >&2
        exit 2
    fi
    if [ "$INSTALL_PACKAGES" = 1 ]; then
        echo "install.sh: --install-packages installs on the running system; not with --prefix" >&2
        exit 2
    fi
fi

if [ "$MODE" = wayland ]; then
    UNIT=lectern-kiosk.service
    OTHER_UNIT=lectern-kiosk-x11.service
    PACKAGES="cage xwayland"
    COMMANDS="/usr/bin/cage /usr/bin/Xwayland"
else
    UNIT=lectern-kiosk-x11.service
    OTHER_UNIT=lectern-kiosk.service
    PACKAGES="xserver-xorg-core xserver-xorg-input-libinput xinit x11-xkb-utils x11-xserver-utils"
    COMMANDS="/usr/bin/xinit /usr/bin/Xorg /usr/bin/setxkbmap"
fi
LECTERN=/usr/local/bin/lectern

# ---- how each step is done ----------------------------------------------------------------------

say() { printf '%s\n' "$*"; }

# Runs a command, or prints it in a dry run.
run() {
    if [ "$DRY_RUN" = 1 ]; then
        say "would run: $*"
    else
        say "run: $*"
        "$@"
    fi
}

# install_file SOURCE DEST MODE: DEST is a path on the target system (PREFIX is added here).
install_file() {
    local src=$1 dest=$PREFIX$2 mode=$3
    if [ -f "$dest" ] && cmp -s "$src" "$dest"; then
        if [ "$DRY_RUN" = 1 ]; then
            say "unchanged: $dest"
        else
            chmod "$mode" "$dest"
            say "unchanged: $dest"
        fi
        return
    fi
    run install -D -m "$mode" "$src" "$dest"
}

# The admin may have edited the config: never overwrite it; put the new example beside it.
install_config() {
    local src=$HERE/kiosk.conf dest=$PREFIX/etc/lectern/kiosk.conf
    if [ -e "$dest" ] && ! cmp -s "$src" "$dest"; then
        say "kept: $dest (yours; the current example is installed as kiosk.conf.example)"
        install_file "$src" /etc/lectern/kiosk.conf.example 0644
    else
        install_file "$src" /etc/lectern/kiosk.conf 0644
    fi
}

# systemd's own tools take --root, so users, folders and enabling all work inside a prefix.
root_opt=()
[ -n "$PREFIX" ] && root_opt=(--root="$PREFIX")

# ---- checks -------------------------------------------------------------------------------------

if [ -z "$PREFIX" ] && [ "$DRY_RUN" = 0 ] && [ "$(id -u)" != 0 ]; then
    echo "install.sh: run as root (sudo), or try --dry-run or --prefix DIR first" >&2
    exit 1
fi

say "Lectern kiosk: installing the $MODE session ($UNIT)${PREFIX:+ into $PREFIX}"
if [ "$DRY_RUN" = 1 ]; then say "(dry run: nothing is changed)"; fi

if [ -z "$PREFIX" ]; then
    missing=""
    for cmd in $COMMANDS; do
        [ -x "$cmd" ] || missing="$missing $cmd"
    done
    if [ -n "$missing" ]; then
        if [ "$INSTALL_PACKAGES" = 1 ]; then
            run apt-get install -y $PACKAGES
        elif [ "$DRY_RUN" = 1 ]; then
            say "missing:$missing (would need: apt-get install $PACKAGES)"
        else
            echo "install.sh: missing:$missing" >&2
            echo "install.sh: install them with: apt-get install $PACKAGES  (or pass --install-packages)" >&2
            exit 1
        fi
    fi
    if [ ! -x "$LECTERN" ]; then
        # Not fatal: the machine can be prepared before lectern is built and installed, but the
        # service restarts every second until it is there.
        say "warning: $LECTERN is not installed yet (cmake --install <build dir>); the kiosk waits for it"
    fi
fi

# ---- files --------------------------------------------------------------------------------------

install_file "$HERE/lectern-kiosk.service" /etc/systemd/system/lectern-kiosk.service 0644
install_file "$HERE/lectern-kiosk-x11.service" /etc/systemd/system/lectern-kiosk-x11.service 0644
install_file "$HERE/session" /usr/local/lib/lectern-kiosk/session 0755
install_file "$HERE/client" /usr/local/lib/lectern-kiosk/client 0755
install_file "$HERE/xinitrc" /usr/local/lib/lectern-kiosk/xinitrc 0755
install_file "$HERE/sysusers.conf" /etc/sysusers.d/lectern-kiosk.conf 0644
install_file "$HERE/tmpfiles.conf" /etc/tmpfiles.d/lectern-kiosk.conf 0644
install_file "$HERE/README.md" /usr/local/share/doc/lectern-kiosk/README.md 0644
install_config

# ---- the user and its folders -------------------------------------------------------------------

# Names, not paths: with --root the tools look them up inside the prefix.
if [ "$(id -u)" != 0 ] && [ "$DRY_RUN" = 0 ]; then
    # Only possible with --prefix (checked above): giving the folders to the user needs root.
    say "skipped (needs root): systemd-sysusers ${root_opt[*]} and systemd-tmpfiles --create ${root_opt[*]}"
else
    run systemd-sysusers "${root_opt[@]}" lectern-kiosk.conf
    run systemd-tmpfiles --create "${root_opt[@]}" lectern-kiosk.conf
fi

# ---- enable -------------------------------------------------------------------------------------

if [ "$ENABLE" = 1 ]; then
    if [ -z "$PREFIX" ]; then run systemctl daemon-reload; fi
    # Only one kiosk session may own tty1.
    run systemctl "${root_opt[@]}" disable "$OTHER_UNIT"
    run systemctl "${root_opt[@]}" enable "$UNIT"
    if [ -z "$PREFIX" ] && [ "$DRY_RUN" = 0 ]; then
        say ""
        say "Enabled. The kiosk starts at the next boot (or now: systemctl start $UNIT,"
        say "which replaces the login prompt on tty1)."
    fi
else
    say "not enabled (--no-enable): systemctl enable $UNIT when ready"
fi

say ""
say "Next: at its first start the kiosk asks for the administrator PIN; set it before learners"
say "use the machine. Settings: $PREFIX/etc/lectern/kiosk.conf. Guide: $PREFIX/usr/local/share/doc/lectern-kiosk/README.md"
