#!/usr/bin/env bash
# The Windows build's fontconfig file (tools/cmake/windows/fonts.conf), checked on Linux with
# Debian's fontconfig: Han characters look different in Chinese, Japanese and Korean type, and one
# font file holds a face for each (NotoSansCJK-Regular.ttc: JP, KR, SC, TC, HK). fontconfig reads
# every face of it as covering all those languages, so without a rule per language every language
# got the file's first face (the Japanese one) on Windows, where Debian's 70-fonts-noto-cjk.conf
# does not exist (ShapedPixels.APassagesLanguagePicksItsHanShapes... failed under wine).
#   1. for every language the file has a rule for, the font fontconfig ranks first for 骨 (U+9AA8)
#      is the rule's first family (Debian's Noto CJK stand in for Windows' fonts, as under wine);
#   2. every language Debian's rules name has a rule here too (Linux and Windows agree);
#   3. with the rules taken out, two languages get the same face: the check above can fail.
# Run by ctest (script.test_windows_fonts_conf) or by hand:
#   LECTERN_SRC=/work/main bash tests/scripts/test_windows_fonts_conf.sh
set -u

SRC=${LECTERN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
CONF=$SRC/tools/cmake/windows/fonts.conf
CJK=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
DEBIAN_RULES=/usr/share/fontconfig/conf.avail/70-fonts-noto-cjk.conf

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

command -v fc-match >/dev/null || { echo "FAIL: fc-match not found (Debian package fontconfig)"; exit 1; }
[ -f "$CJK" ] || { echo "FAIL: no $CJK (Debian package fonts-noto-cjk)"; exit 1; }
[ -f "$CONF" ] || { echo "FAIL: no $CONF"; exit 1; }

TMP=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT

# The Windows file with its folders made Linux ones: the zip's fonts (DejaVu) and the Windows fonts
# folder (Debian's Noto, as tests/windows/wine-run puts them into the wine prefix).
sed -e "s|<dir prefix=\"relative\">.</dir>|<dir>/usr/share/fonts/truetype/dejavu</dir>|" \
    -e "s|<dir>WINDOWSFONTDIR</dir>|<dir>/usr/share/fonts/opentype/noto</dir><dir>/usr/share/fonts/truetype/noto</dir>|" \
    -e "/WINDOWSUSERFONTDIR/d" -e "s|LOCAL_APPDATA_FONTCONFIG_CACHE|$TMP/cache|" "$CONF" > "$TMP/windows.conf"
# The same without its language rules.
python3 - "$TMP/windows.conf" "$TMP/plain.conf" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(re.sub(r"<match target=\"pattern\">.*?</match>", "", text, flags=re.S))
EOF

# The face fontconfig ranks first for 骨 in a language, as Lectern's fallback chain asks
# (engine/platform/fonts.cpp: family DejaVu Sans, the passage's language): "family|index".
first_face() {  # conf, lang
    FONTCONFIG_FILE=$1 fc-match -s "DejaVu Sans:lang=$2:charset=9aa8" -f '%{family[0]}|%{index}\n' 2>/dev/null | head -n1
}

# lang, then its rule's first family, for every rule in the file.
rules=$(python3 - "$CONF" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for m in re.finditer(r"<test name=\"lang\"><string>([^<]+)</string></test>\s*<edit[^>]*><string>([^<]+)</string>", text):
    print(m.group(1) + "|" + m.group(2))
EOF
)
[ "$(echo "$rules" | grep -c .)" -ge 5 ] || fail "fewer than 5 language rules read from $CONF"

# ---- 1. each language gets its own face ----------------------------------------------------------
declare -A index_of
while IFS='|' read -r lang family; do
    [ -n "$lang" ] || continue
    got=$(first_face "$TMP/windows.conf" "$lang")
    if [ "${got%|*}" = "$family" ]; then
        pass "lang=$lang: $got"
    else
        fail "lang=$lang: fontconfig ranks '$got' first for 骨, the rule says $family"
    fi
    index_of[$lang]=${got#*|}
done <<< "$rules"
if [ -n "${index_of[ja]:-}" ] && [ "${index_of[ja]}" = "${index_of[zh-cn]:-x}" ]; then
    fail "Japanese and Simplified Chinese get the same face (index ${index_of[ja]})"
fi

# ---- 2. every language Debian's rules name -----------------------------------------------------------
if [ -f "$DEBIAN_RULES" ]; then
    for lang in $(grep -A1 '<test name="lang"' "$DEBIAN_RULES" | sed -n 's/.*<string>\(.*\)<\/string>.*/\1/p' | sort -u); do
        if echo "$rules" | grep -q "^$lang|"; then pass "Debian's rule for $lang has one here"; else fail "no rule for lang $lang, which Debian's $DEBIAN_RULES has"; fi
    done
else
    fail "no $DEBIAN_RULES to compare with (Debian package fonts-noto-cjk)"
fi

# ---- 3. without the rules the languages share a face -----------------------------------------------
ja=$(first_face "$TMP/plain.conf" ja)
zh=$(first_face "$TMP/plain.conf" zh-cn)
if [ "$ja" = "$zh" ]; then
    pass "without the rules ja and zh-cn both get $ja: the check above can fail"
else
    fail "without the rules ja gets $ja and zh-cn $zh: this test no longer shows what the rules do"
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all passed"
