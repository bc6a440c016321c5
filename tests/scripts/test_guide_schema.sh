#!/usr/bin/env bash
# The authoring guide's examples (content/README.md), written out as the course they make
# (tests/guide/write_guide_course, the same files the UI test GuideExamples.* loads and draws),
# validate against content/schema/lectern-course.xsd as the guide's own xmllint command checks
# them. A copy of one file with an attribute the schema does not declare must be rejected, so a
# schema check that accepts anything fails. (Here and not in the UI test: xmllint is a Linux
# program, and the UI tests also run under wine.)
# Run by ctest (script.test_guide_schema) or by hand:
#   LECTERN_BIN=build/bin LECTERN_SRC=. LECTERN_TEST_DATA=tests/data bash tests/scripts/test_guide_schema.sh
set -u
BIN=${LECTERN_BIN:?set LECTERN_BIN to the folder holding write_guide_course}
SRC=${LECTERN_SRC:?set LECTERN_SRC to the source tree}
DATA=${LECTERN_TEST_DATA:?set LECTERN_TEST_DATA to tests/data}
XSD=$SRC/content/schema/lectern-course.xsd

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

command -v xmllint >/dev/null || { echo "FAIL: xmllint not found (Debian package libxml2-utils)"; exit 1; }
[ -x "$BIN/write_guide_course" ] || { echo "FAIL: no $BIN/write_guide_course (build it: tools/build --target write_guide_course)"; exit 1; }
TMP=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT

if ! "$BIN/write_guide_course" "$SRC/content/README.md" "$TMP/course" "$DATA/fixture-course/images/three-steps.png" > "$TMP/files"; then
    echo "FAIL: the guide's examples do not make a course (above: which example and why)"
    exit 1
fi
n=$(grep -c . "$TMP/files")
# course.xml, a module of blocks, the guide's modules, a quiz, a glossary, references.
[ "$n" -ge 5 ] || fail "only $n files written from the guide's examples"

while IFS= read -r rel; do
    if out=$(xmllint --noout --schema "$XSD" "$TMP/course/$rel" 2>&1); then
        echo "ok: $rel validates"
    else
        echo "$out" | sed 's/^/    /'
        fail "the guide's example $rel does not validate against the schema (the line numbers above are the file's; write it out with KEEP_TMP=1)"
    fi
done < "$TMP/files"

# The check can fail: the first file's root element given an attribute the schema does not have.
first=$(head -n1 "$TMP/files")
sed '0,/<\([a-z]*\) /s//<\1 not-in-the-schema="1" /' "$TMP/course/$first" > "$TMP/broken.xml"
xmllint --noout --schema "$XSD" "$TMP/broken.xml" > "$TMP/broken.out" 2>&1
status=$?
if [ "$status" -eq 3 ] && grep -q "not-in-the-schema" "$TMP/broken.out"; then
    echo "ok: $first with an undeclared attribute is rejected"
else
    fail "$first with an undeclared attribute: xmllint exit $status, expected 3 naming the attribute"
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all passed ($n files)"
