#!/usr/bin/env bash
# Package test: what `cmake --install` and `cpack -G DEB` make from an already built tree.
#   1. an install into a DESTDIR with the prefix /usr holds the four programs, the course, the
#      desktop entry, icon, AppStream metadata and a man page per program; the installed
#      `lectern --version` runs, and the installed `lectern-lint` passes the installed course
#      (so the programs find their data next to themselves, not in the source tree);
#   2. the desktop entry and the metadata pass desktop-file-validate and appstreamcli; every man
#      page renders without a groff warning and names its program;
#   3. cpack builds lectern_<v>_<arch>.deb and lectern-kiosk_<v>_all.deb; the kiosk package's
#      units start /usr/lib/lectern-kiosk/session (the /usr/local paths of tools/kiosk are
#      rewritten), its kiosk.conf is a conffile in /etc, and nothing lands under /usr/local;
#   4. lintian reports no error and no warning for either package (its informational tags are
#      printed, not failed).
# Run by ctest (script.test_package) or by hand after a build:
#   LECTERN_BIN=build/bin bash tests/scripts/test_package.sh
set -u
SRC=${LECTERN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${LECTERN_BIN:-$SRC/build/bin}
BUILD=$(cd "$BIN/.." && pwd)

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

for tool in cpack dpkg-deb lintian desktop-file-validate appstreamcli man; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not found (tools/setup installs it)"; exit 1; }
done
[ -f "$BUILD/CPackConfig.cmake" ] || { echo "FAIL: no $BUILD/CPackConfig.cmake (configure and build first)"; exit 1; }

TMP=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT
version=$(sed -n 's/^project(lectern VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
[ -n "$version" ] || { echo "FAIL: no version in CMakeLists.txt"; exit 1; }

# ---- 1. install into a DESTDIR ------------------------------------------------------------------

ROOT=$TMP/root
if out=$(DESTDIR=$ROOT cmake --install "$BUILD" --prefix /usr 2>&1); then
    pass "cmake --install into DESTDIR"
else
    fail "cmake --install: $(tail -3 <<<"$out")"
fi
for f in usr/bin/lectern usr/bin/lectern-lint usr/bin/lectern-export usr/bin/lectern-progress \
         usr/share/lectern/content/human-rights-security-cooperation/course.xml \
         usr/share/applications/org.lectern.Lectern.desktop \
         usr/share/icons/hicolor/scalable/apps/org.lectern.Lectern.svg \
         usr/share/metainfo/org.lectern.Lectern.metainfo.xml \
         usr/share/doc/lectern/copyright usr/share/doc/lectern/changelog.gz \
         usr/lib/systemd/system/lectern-kiosk.service etc/lectern/kiosk.conf; do
    [ -f "$ROOT/$f" ] && pass "installed /$f" || fail "not installed: /$f"
done
for prog in lectern lectern-lint lectern-export lectern-progress; do
    [ -f "$ROOT/usr/share/man/man1/$prog.1.gz" ] && pass "man page $prog.1" || fail "no man page for $prog"
done
if out=$("$ROOT/usr/bin/lectern" --version 2>&1) && [ "$out" = "lectern $version" ]; then
    pass "installed lectern --version: $out"
else
    fail "installed lectern --version gave '$out' (want 'lectern $version')"
fi
if out=$("$ROOT/usr/bin/lectern-lint" "$ROOT/usr/share/lectern/content/human-rights-security-cooperation" 2>&1); then
    pass "installed lectern-lint passes the installed course"
else
    fail "installed lectern-lint on the installed course: $(head -5 <<<"$out")"
fi

# ---- 2. desktop entry, metadata, man pages ------------------------------------------------------

if out=$(desktop-file-validate "$ROOT/usr/share/applications/org.lectern.Lectern.desktop" 2>&1) && [ -z "$out" ]; then
    pass "desktop-file-validate"
else
    fail "desktop-file-validate: $out"
fi
if out=$(appstreamcli validate --no-net --pedantic "$ROOT/usr/share/metainfo/org.lectern.Lectern.metainfo.xml" 2>&1); then
    pass "appstreamcli validate"
else
    fail "appstreamcli validate: $out"
fi
grep -q "release version=\"$version\" date=\"[0-9-]*\"" "$ROOT/usr/share/metainfo/org.lectern.Lectern.metainfo.xml" \
    && pass "metainfo names release $version" || fail "metainfo has no release $version"
for prog in lectern lectern-lint lectern-export lectern-progress; do
    page=$ROOT/usr/share/man/man1/$prog.1.gz
    [ -f "$page" ] || continue
    warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    text=$(MANWIDTH=80 man -l "$page" 2>/dev/null)
    if [ -z "$warnings" ] && grep -Eq "^ *$prog +- " <<<"$text" && grep -q -- "--help" <<<"$text"; then
        pass "man $prog renders, names itself and its options"
    else
        fail "man $prog: warnings '$warnings' or no NAME/options section"
    fi
done

# ---- 3. Debian packages ---------------------------------------------------------------------------

if out=$(cd "$TMP" && cpack -G DEB -B "$TMP/deb" --config "$BUILD/CPackConfig.cmake" 2>&1); then
    pass "cpack -G DEB"
else
    fail "cpack: $(tail -5 <<<"$out")"
fi
arch=$(dpkg --print-architecture)
main_deb=$TMP/deb/lectern_${version}_${arch}.deb
kiosk_deb=$TMP/deb/lectern-kiosk_${version}_all.deb
for deb in "$main_deb" "$kiosk_deb"; do
    [ -f "$deb" ] && pass "built $(basename "$deb")" || fail "not built: $(basename "$deb")"
done
if [ -f "$main_deb" ] && [ -f "$kiosk_deb" ]; then
    main_files=$(dpkg-deb -c "$main_deb")
    kiosk_files=$(dpkg-deb -c "$kiosk_deb")
    if grep -q "usr/local" <<<"$main_files$kiosk_files"; then fail "a package installs under /usr/local"; else pass "nothing under /usr/local"; fi
    grep -q "\./usr/bin/lectern$" <<<"$main_files" && pass "lectern package has /usr/bin/lectern" \
        || fail "lectern package lacks /usr/bin/lectern"
    grep -q "lectern-kiosk" <<<"$main_files" && fail "kiosk files in the lectern package" \
        || pass "kiosk files only in lectern-kiosk"
    mkdir -p "$TMP/kiosk"
    dpkg-deb -x "$kiosk_deb" "$TMP/kiosk"
    dpkg-deb -e "$kiosk_deb" "$TMP/kiosk/DEBIAN"
    grep -q '^ExecStart=/usr/lib/lectern-kiosk/session wayland$' "$TMP/kiosk/usr/lib/systemd/system/lectern-kiosk.service" \
        && pass "kiosk unit starts /usr/lib/lectern-kiosk/session" || fail "kiosk unit ExecStart not rewritten for /usr"
    grep -q '/usr/bin/lectern' "$TMP/kiosk/usr/lib/lectern-kiosk/client" \
        && pass "kiosk client starts /usr/bin/lectern" || fail "kiosk client does not start /usr/bin/lectern"
    grep -qx '/etc/lectern/kiosk.conf' "$TMP/kiosk/DEBIAN/conffiles" \
        && pass "kiosk.conf is a conffile" || fail "kiosk.conf is not a conffile"
    dpkg-deb -f "$kiosk_deb" Depends | grep -q "lectern (= $version)" \
        && pass "lectern-kiosk depends on lectern $version" || fail "lectern-kiosk does not depend on lectern (= $version)"

    # ---- 4. lintian -------------------------------------------------------------------------------
    # --fail-on error,warning: its exit status says it all; the lines say what.
    report=$(lintian -I --fail-on error,warning "$main_deb" "$kiosk_deb" 2>&1)
    status=$?
    report=$(grep -v "running with root privileges" <<<"$report")
    if [ "$status" = 0 ] && ! grep -qE "^[EW]: " <<<"$report"; then
        pass "lintian: no error, no warning"
    else
        fail "lintian (exit $status):"$'\n'"$(grep -v '^I: ' <<<"$report")"
    fi
    info=$(grep -c "^I: " <<<"$report")
    echo "lintian informational tags: $info"
    grep "^I: " <<<"$report" | sed 's/ \[.*//' | sort | uniq -c | sed 's/^/  /'
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all package checks passed"
