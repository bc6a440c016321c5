#!/usr/bin/env bash
# The Windows zip as a user gets it: unpacked under a profile folder named "José" and a folder
# named "Алексей", on a wine whose only drive is C: (no Z: mapping to this machine's files, so
# nothing is found in the source or build tree by accident: a font, a catalog, a course that only
# this machine has would fail here as it would on a real laptop).
#   1. the zip holds what README.txt promises, and no DLL;
#   2. every .exe imports only DLLs that Windows itself ships (objdump -p);
#   3. lectern-lint.exe passes the bundled course;
#   4. lectern.exe --screenshot draws the bundled course's first screen, with text on it.
#   tests/windows/test_zip.sh out/lectern-VERSION-windows-x64.zip
#   (LECTERN_SMOKE_KEEP=DIR keeps the screenshot)
set -euo pipefail
zip=$(realpath "${1:?the zip}")
src=$(cd "$(dirname "$0")/../.." && pwd)
name=$(basename "$zip" .zip)
cache=${LECTERN_WINDOWS_CACHE:-$HOME/.cache/lectern-windows}
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LC_ALL=C.UTF-8
tmp=$(mktemp -d /tmp/lectern-wine-zip.XXXXXX)
xvfb_pid=""
cleanup() {
    WINEPREFIX="$tmp/prefix" wineserver -k 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$tmp/app.log" ] && tail -n 30 "$tmp/app.log" | sed 's/^/  app: /' >&2; exit 1; }
source "$src/tests/windows/lib.sh"

# A wine prefix of our own: the cached one, hard-linked (wineserver replaces the registry files it
# saves, so the cache is not written through), without the Z: drive.
[ -f "$cache/wineprefix/system.reg" ] || fail "no wine prefix in $cache/wineprefix (tools/build-windows --test makes it)"
cp -al "$cache/wineprefix" "$tmp/prefix"
rm -f "$tmp/prefix/dosdevices/z:" "$tmp/prefix/dosdevices/z::"
export WINEPREFIX="$tmp/prefix"
home_unix="$tmp/prefix/drive_c/users/José/Алексей/Downloads"
home_win='C:\users\José\Алексей\Downloads'
mkdir -p "$home_unix"
(cd "$home_unix" && unzip -q "$zip") || fail "cannot unpack $zip"
app_unix="$home_unix/$name" app_win="$home_win\\$name"
[ -d "$app_unix" ] || fail "the zip has no top folder $name"

# 1. What README.txt lists is there; nothing else that runs.
for f in lectern.exe lectern-lint.exe lectern-export.exe lectern-progress.exe README.txt LICENSE.txt thbrk.tri \
         content/human-rights-security-cooperation/course.xml fonts/fonts.conf fonts/DejaVu-LICENSE.txt \
         fonts/DejaVuSans.ttf fonts/DejaVuSerif.ttf assets/strings/en.po licences; do
    [ -e "$app_unix/$f" ] || fail "the zip has no $f"
done
dlls=$(find "$app_unix" -iname '*.dll' | sed "s|$app_unix/||")
[ -z "$dlls" ] || fail "the zip holds DLLs: $dlls"
grep -q $'\r$' "$app_unix/README.txt" || fail "README.txt has Unix line ends (Notepad before Windows 10 1809 shows one line)"

# 2. Imports: only DLLs that are part of Windows (a MinGW runtime DLL such as libstdc++-6.dll,
# libgcc_s_seh-1.dll or libwinpthread-1.dll would be missing on a laptop, and wine would hide it).
windows_dlls=" advapi32 bcrypt comctl32 comdlg32 crypt32 dwmapi gdi32 imm32 kernel32 msvcrt ole32 oleaut32 \
opengl32 psapi setupapi shcore shell32 shlwapi user32 uxtheme version winmm ws2_32 "
for exe in "$app_unix"/*.exe; do
    imports=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p' | tr 'A-Z' 'a-z' | sed 's/\.dll$//')
    [ -n "$imports" ] || fail "objdump found no imports in $(basename "$exe")"
    for dll in $imports; do
        case "$windows_dlls" in
        *" $dll "*) ;;
        *) fail "$(basename "$exe") imports $dll.dll, which Windows does not ship" ;;
        esac
    done
    echo "  $(basename "$exe"): imports $(echo $imports | tr ' ' ',')"
done

# Xvfb first, then one wineserver for the runs below (its output to nowhere, so it never holds a
# caller's pipe). The server must know the display before any program runs: wine's desktop
# process takes its display from the program that starts it, and if the console lint below
# started it with no DISPLAY, lectern.exe then failed with "Failed to create helper window"
# (the final CI run of 7 Dec, with a fresh wine prefix; smoke.sh says the same).
start_xvfb
wineserver -p > /dev/null 2>&1

# 3. lectern-lint.exe, from the unpacked folder, on the course beside it.
wine "$app_win\\lectern-lint.exe" "$app_win\\content\\human-rights-security-cooperation" > "$tmp/app.log" 2>&1 ||
    fail "lectern-lint.exe failed on the bundled course"
echo "  lectern-lint.exe: $(tail -n1 "$tmp/app.log" | tr -d '\r')"

# 4. The first screen of the bundled course.
wine "$app_win\\lectern.exe" --data-dir "$home_win\\data" --learner "José" --size 1200x760 \
    --screenshot "$home_win\\first.png" > "$tmp/app.log" 2>&1 || fail "lectern.exe --screenshot failed"
[ -f "$home_unix/first.png" ] || fail "no screenshot written"
if [ -n "${LECTERN_SMOKE_KEEP:-}" ]; then mkdir -p "$LECTERN_SMOKE_KEEP"; cp "$home_unix/first.png" "$LECTERN_SMOKE_KEEP/zip-first.png"; fi
assert_not_blank "$home_unix/first.png"
# No font fell back to Dear ImGui's built-in bitmap font, and the catalog was found: both are
# logged when they go wrong.
if grep -Eqi "font|catalog" "$tmp/app.log"; then fail "lectern.exe complained about fonts or its catalog"; fi
[ -f "$home_unix/data/progress.sqlite3" ] || fail "no progress store in $home_win\\data"
echo "PASS: the zip unpacked under José/Алексей: contents, imports, lint and the first screen"
