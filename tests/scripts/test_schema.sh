#!/usr/bin/env bash
# Schema test: content/schema/lectern-course.xsd against real files and against broken ones.
#   1. every XML file of the fixture course (tests/data/fixture-course) and of every course
#      folder in content/ (such as content/human-rights-security-cooperation) validates, and together they exercise all five root elements;
#   2. the fixture uses every element and attribute the schema declares, every callout kind and
#      every question type (so it stays a complete sample of the format);
#   3. a valid minimal module validates, and each deliberately broken variant of it is rejected
#      by the schema (xmllint exit 3: well-formed but invalid), so this test can fail.
# Run by ctest (script.test_schema) or by hand:
#   LECTERN_SRC=/work/main LECTERN_TEST_DATA=/work/main/tests/data bash tests/scripts/test_schema.sh
set -u

SRC=${LECTERN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=${LECTERN_TEST_DATA:-$SRC/tests/data}
XSD=$SRC/content/schema/lectern-course.xsd
FIXTURE=$DATA/fixture-course
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

command -v xmllint >/dev/null || { echo "FAIL: xmllint not found (Debian package libxml2-utils)"; exit 1; }
[ -f "$XSD" ] || { echo "FAIL: no schema at $XSD"; exit 1; }
[ -d "$FIXTURE" ] || { echo "FAIL: no fixture course at $FIXTURE"; exit 1; }

TMP=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT

# --- 0. the schema itself compiles ----------------------------------------------------------
echo '<glossary/>' > "$TMP/empty-glossary.xml"
if ! out=$(xmllint --noout --schema "$XSD" "$TMP/empty-glossary.xml" 2>&1); then
    echo "$out"
    echo "FAIL: the schema does not compile or rejects an empty <glossary/>"
    exit 1
fi

# --- 1. real files validate -----------------------------------------------------------------
roots_seen=""
validate_tree() {  # $1: a course folder
    local dir=$1 n=0 f out root
    while IFS= read -r -d '' f; do
        n=$((n + 1))
        if out=$(xmllint --noout --schema "$XSD" "$f" 2>&1); then
            root=$(xmllint --xpath 'local-name(/*)' "$f" 2>/dev/null)
            roots_seen="$roots_seen $root"
        else
            echo "$out" | grep -v ' fails to validate$' | sed 's/^/    /'
            fail "${f#"$SRC"/} does not validate"
        fi
    done < <(find "$dir" -name '*.xml' -type f -print0 | sort -z)
    echo "validated $n file(s) in ${dir#"$SRC"/}"
    [ "$n" -gt 0 ] || fail "no XML files in $dir"
}

validate_tree "$FIXTURE"
for root in course module quiz glossary references; do
    case " $roots_seen " in
        *" $root "*) ;;
        *) fail "no fixture file with root <$root> was validated" ;;
    esac
done
# Every course under content/ (a folder holding XML files; course.xml may not exist yet while
# a course is being written). The schema folder itself holds no course.
for dir in "$SRC"/content/*/; do
    dir=${dir%/}
    [ "$(basename "$dir")" = schema ] && continue
    [ -n "$(find "$dir" -name '*.xml' -type f -print -quit)" ] || continue
    validate_tree "$dir"
done

# A course written by tools/gen_course.py validates too (its output is used by the benchmarks).
if "$PY" "$SRC/tools/gen_course.py" --pages 45 --pages-per-lesson 4 --seed 3 "$TMP/generated" 2>/dev/null; then
    validate_tree "$TMP/generated"
else
    fail "tools/gen_course.py failed"
fi

# --- 2. the fixture covers the whole schema -------------------------------------------------
if ! "$PY" - "$XSD" "$FIXTURE" <<'EOF'
import sys, pathlib, xml.etree.ElementTree as ET
XS = "{http://www.w3.org/2001/XMLSchema}"
xsd = ET.parse(sys.argv[1]).getroot()
types = {t.get("name"): t for t in xsd.iter(XS + "complexType") if t.get("name")}

def attrs_of(ctype, seen=()):
    out = set()
    if ctype is None or id(ctype) in seen:
        return out
    for a in ctype.iter(XS + "attribute"):
        out.add(a.get("name"))
    for ext in ctype.iter(XS + "extension"):
        out |= attrs_of(types.get(ext.get("base")), seen + (id(ctype),))
    return out

declared = {}
for el in xsd.iter(XS + "element"):
    name = el.get("name")
    if not name:
        continue
    ctype = types.get(el.get("type")) if el.get("type") else el.find(XS + "complexType")
    declared.setdefault(name, set()).update(attrs_of(ctype))

used, used_attrs, kinds, qtypes = set(), set(), set(), set()
for f in sorted(pathlib.Path(sys.argv[2]).rglob("*.xml")):
    for el in ET.parse(f).getroot().iter():
        used.add(el.tag)
        used_attrs.update((el.tag, a) for a in el.attrib)
        if el.tag == "callout":
            kinds.add(el.get("kind"))
        if el.tag == "question":
            qtypes.add(el.get("type"))

missing = sorted(set(declared) - used)
missing += sorted(f"{e}@{a}" for e, attrs in declared.items() for a in attrs if (e, a) not in used_attrs)
missing += sorted(f"callout kind={k}" for k in {"note", "important", "example", "legal"} - kinds)
missing += sorted(f"question type={t}" for t in
                  {"single", "multiple", "truefalse", "matching", "ordering", "text"} - qtypes)
if missing:
    print("fixture-course does not use: " + ", ".join(missing))
    sys.exit(1)
print(f"fixture covers all {len(declared)} elements and their attributes")
EOF
then
    fail "the fixture course does not cover the schema"
fi

# --- 3. broken files are rejected -----------------------------------------------------------
# BASE is a valid module; each case replaces one marker or applies one sed edit.
BASE='<?xml version="1.0" encoding="UTF-8"?>
<module id="m" title="Module">
  <lesson id="m-l" title="Lesson">
    <page id="m-p1" title="Page">
      <p>Text with <em>emphasis</em> and a <term ref="t">term</term>.</p>
      <table caption="T"><tr><th>A</th></tr><tr><td>1</td></tr></table>
      <image src="images/x.png" alt="An x"/>
      <callout kind="note"><p>Note.</p></callout>
      <question id="q1" type="single">
        <prompt>Pick one.</prompt>
        <choice id="a" correct="true">A</choice>
        <choice id="b">B</choice>
      </question>
      <scenario id="sc" title="S" start="n1">
        <node id="n1"><p>Go?</p>
          <choice id="c1" goto="e1" rating="best">Yes<reason>Because.</reason></choice>
          <choice id="c2" goto="e1" rating="poor">No<reason>Because not.</reason></choice>
        </node>
        <ending id="e1" outcome="best"><p>Done.</p></ending>
      </scenario>
    </page>
  </lesson>
  <quiz id="m-quiz" title="Quiz" pass="80">
    <pool draw="1"><question id="q2" type="truefalse" answer="true"><prompt>Yes?</prompt></question></pool>
  </quiz>
</module>'

printf '%s\n' "$BASE" > "$TMP/base.xml"
if ! out=$(xmllint --noout --schema "$XSD" "$TMP/base.xml" 2>&1); then
    echo "$out"
    fail "the valid base module for the negative cases does not validate"
fi

rejected=0
expect_invalid() {  # $1: case name, $2: sed script applied to BASE
    local name=$1 script=$2 f="$TMP/$1.xml" rc
    printf '%s\n' "$BASE" | sed "$script" > "$f"
    if cmp -s "$f" "$TMP/base.xml"; then
        fail "case $name: the edit did not change the base file (fix the test)"
        return
    fi
    xmllint --noout --schema "$XSD" "$f" >"$TMP/$name.out" 2>&1
    rc=$?
    if [ "$rc" -eq 3 ]; then
        rejected=$((rejected + 1))
    elif [ "$rc" -eq 0 ]; then
        fail "case $name: the schema accepted an invalid file"
    else
        sed 's/^/    /' "$TMP/$name.out"
        fail "case $name: xmllint exit $rc (expected 3: the case must be well-formed but invalid)"
    fi
}

expect_invalid unknown-element      's|<p>Text with|<para>x</para><p>Text with|'
expect_invalid unknown-attribute    's|<p>Text with|<p class="x">Text with|'
expect_invalid missing-type         's|<question id="q1" type="single">|<question id="q1">|'
expect_invalid bad-question-type    's|type="single"|type="essay"|'
expect_invalid bad-callout-kind     's|kind="note"|kind="warning"|'
expect_invalid bad-rating           's|rating="poor"|rating="bad"|'
expect_invalid bad-outcome          's|outcome="best"|outcome="good"|'
expect_invalid bad-role             's|title="Module">|title="Module" role="core-ish">|'
expect_invalid bad-navigation       's|pass="80"|pass="80" navigation="random"|'
expect_invalid bad-review           's|pass="80"|pass="80" review="some"|'
expect_invalid bad-when             's|<choice id="b">B</choice>|&<feedback when="always">x</feedback>|'
expect_invalid bad-heading-level    's|<p>Text with|<heading level="4">H</heading><p>Text with|'
expect_invalid id-starts-digit      's|id="m-p1"|id="1page"|'
expect_invalid id-has-space         's|id="m-p1"|id="m p1"|'
expect_invalid id-too-long          "s|id=\"m-p1\"|id=\"p$(printf 'x%.0s' $(seq 64))\"|"
expect_invalid pass-over-100        's|pass="80"|pass="101"|'
expect_invalid draw-zero            's|draw="1"|draw="0"|'
expect_invalid points-not-number    's|type="single">|type="single" points="two">|'
expect_invalid correct-yes          's|correct="true"|correct="yes"|'
expect_invalid no-prompt            's|<prompt>Pick one.</prompt>||'
expect_invalid two-prompts          's|<prompt>Pick one.</prompt>|&<prompt>Again.</prompt>|'
expect_invalid missing-alt          's| alt="An x"||'
expect_invalid src-climbs-out       's|src="images/x.png"|src="../../etc/passwd"|'
expect_invalid src-absolute         's|src="images/x.png"|src="/etc/passwd"|'
expect_invalid src-backslash        's|src="images/x.png"|src="images\\x.png"|'
expect_invalid src-colon            's|src="images/x.png"|src="c:images/x.png"|'
expect_invalid image-not-png-jpeg   's|src="images/x.png"|src="images/x.gif"|'
expect_invalid table-header-only    's|<tr><td>1</td></tr>||'
expect_invalid feedback-when-twice  's|<choice id="b">B</choice>|&<feedback when="correct">x</feedback><feedback when="correct">y</feedback>|'
expect_invalid points-over-1000     's|type="single">|type="single" points="1001">|'
expect_invalid term-in-term         's|<term ref="t">term</term>|<term ref="t">a <term ref="u">b</term></term>|'
expect_invalid table-mixed-row      's|<tr><td>1</td></tr>|<tr><th>1</th><td>2</td></tr>|'
expect_invalid callout-with-table   's|<callout kind="note"><p>Note.</p>|<callout kind="note"><table><tr><th>x</th></tr></table>|'
expect_invalid duplicate-page-id    's|<page id="m-p1" title="Page">|<page id="m-p0" title="P0"><p>x</p></page>&|; s|id="m-p0"|id="m-p1"|'
expect_invalid duplicate-choice-id  's|<choice id="b">|<choice id="a">|'
expect_invalid goto-nowhere         's|goto="e1" rating="poor"|goto="e9" rating="poor"|'
expect_invalid start-nowhere        's|start="n1"|start="n9"|'
expect_invalid node-one-choice      '/<choice id="c2"/d'
expect_invalid scenario-no-ending   '/<ending id="e1"/d'
expect_invalid quiz-without-pool    's|<pool draw="1">.*</pool>||'
expect_invalid quiz-before-lesson   '/<quiz id="m-quiz"/,/<\/quiz>/d; s|<lesson id="m-l"|<quiz id="m-quiz" title="Q"><pool><question id="q2" type="truefalse" answer="true"><prompt>Y</prompt></question></pool></quiz>&|'
expect_invalid block-as-root        '2,$d; 1a <p>Just a paragraph.</p>'
expect_invalid module-no-title      's|<module id="m" title="Module">|<module id="m">|'

# course.xml: a valid one, then children out of order.
COURSE='<course id="c" version="1" lang="pt-BR" minutes="5"><title>T</title><description>D</description><audience>A</audience><include src="m.xml"/><assessment src="a.xml"/><glossary src="g.xml"/><references src="r.xml"/><glossary src="g2.xml"/></course>'
printf '%s\n' "$COURSE" > "$TMP/course.xml"
xmllint --noout --schema "$XSD" "$TMP/course.xml" >/dev/null 2>&1 || fail "a valid minimal course.xml is rejected"
BASE=$COURSE
printf '%s\n' "$BASE" > "$TMP/base.xml"
expect_invalid course-order         's|<title>T</title>\(.*\)<include src="m.xml"/>|<include src="m.xml"/><title>T</title>\1|'
expect_invalid course-no-include    's|<include src="m.xml"/>||'
expect_invalid course-two-assess    's|<assessment src="a.xml"/>|&&|'
expect_invalid course-no-minutes    's| minutes="5"||'
expect_invalid course-bad-lang      's|lang="pt-BR"|lang="english please"|'
expect_invalid include-dotdot       's|src="m.xml"|src="modules/../../m.xml"|'

echo "the schema rejected $rejected broken file(s)"

if [ "$failures" -ne 0 ]; then
    echo "test_schema: $failures failure(s)"
    exit 1
fi
echo "test_schema: OK"
