#!/usr/bin/env bash
# The xAPI export is valid xAPI 1.0.3, statement by statement, as an LRS checks it: Learning
# Locker's validator (npm @learninglocker/xapi-validation, tests/xapi/) runs on the export of a
# store in which two learners (one named in Chinese) did everything a course offers
# (tests/helpers/xapi_sample: every knowledge check wrong then right, every quiz, every scenario
# ending), for the fixture course and the real course, with and without --course. A few
# deliberately broken statements must be rejected, so a validator that accepts anything fails.
#
# Needs node and npm (apt) and tests/xapi/node_modules (npm ci); whatever is missing is installed
# here. SKIPPED (exit 0) only when that is impossible: not root for apt-get, or no network.
#   LECTERN_BIN=build/bin LECTERN_SRC=. LECTERN_TEST_DATA=tests/data bash tests/scripts/test_xapi_valid.sh
set -uo pipefail
BIN=${LECTERN_BIN:?set LECTERN_BIN to the folder holding lectern-progress and xapi_sample}
SRC=${LECTERN_SRC:?set LECTERN_SRC to the source tree}
DATA=${LECTERN_TEST_DATA:?set LECTERN_TEST_DATA to tests/data}
XAPI=$SRC/tests/xapi
skip() { echo "SKIPPED: $*"; exit 0; }
fail() { echo "FAIL: $*" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  [ "$(id -u)" -eq 0 ] || skip "node/npm are missing and only root may install them: apt-get install nodejs npm"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends nodejs npm >"$WORK/apt.log" 2>&1; then
    apt-get update -qq >>"$WORK/apt.log" 2>&1 || skip "node/npm are missing and apt cannot reach its archive"
    apt-get install -y -qq --no-install-recommends nodejs npm >>"$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log" >&2; fail "apt-get install nodejs npm failed"; }
  fi
fi
if [ ! -d "$XAPI/node_modules/@learninglocker/xapi-validation" ]; then
  if ! (cd "$XAPI" && npm ci --no-audit --no-fund >"$WORK/npm.log" 2>&1); then
    (cd "$XAPI" && timeout 30 npm ping >/dev/null 2>&1) || skip "npm ci in tests/xapi failed and the npm registry cannot be reached"
    cat "$WORK/npm.log" >&2
    fail "npm ci in tests/xapi failed"
  fi
fi

courses=("$DATA/fixture-course")
[ -f "$SRC/content/human-rights-security-cooperation/course.xml" ] && courses+=("$SRC/content/human-rights-security-cooperation")
n=0
for course in "${courses[@]}"; do
  n=$((n + 1))
  data="$WORK/data-$n"
  "$BIN/xapi_sample" "$course" "$data" | sed 's/^/  /' || fail "xapi_sample failed on $course"
  for with in course none; do
    args=(export --format xapi --data-dir "$data")
    [ "$with" = course ] && args+=(--course "$course")
    "$BIN/lectern-progress" "${args[@]}" --output "$WORK/x-$n-$with.json" 2>/dev/null || fail "lectern-progress ${args[*]} failed"
    out=$(node "$XAPI/validate_xapi.mjs" "$WORK/x-$n-$with.json" 2>&1) || { echo "$out" | head -40 >&2; fail "invalid xAPI statements for $(basename "$course") (--course: $with)"; }
    echo "  $(basename "$course") (--course: $with): $out"
  done
done

# The validator must catch what an LRS refuses: each of these statements is broken in one way.
python3 - "$WORK/x-1-course.json" "$WORK/broken.json" <<'PY'
import copy, json, sys
good = json.load(open(sys.argv[1]))[0]
broken = []
def mutant(fn):
    s = copy.deepcopy(good); fn(s); broken.append(s)
mutant(lambda s: s.pop("actor"))
mutant(lambda s: s.__setitem__("timestamp", "yesterday"))
mutant(lambda s: s["verb"].__setitem__("id", "answered"))
mutant(lambda s: s["object"]["definition"].__setitem__("name", {"not a language tag!": "x"}))
mutant(lambda s: s.__setitem__("id", "not-a-uuid"))
json.dump(broken, open(sys.argv[2], "w"))
PY
out=$(node "$XAPI/validate_xapi.mjs" "$WORK/broken.json" --expect-invalid 2>&1) || fail "the validator accepted a broken statement: $out"
echo "  broken statements: $out"
echo "PASS: every exported statement is valid xAPI 1.0.3; broken ones are caught"
