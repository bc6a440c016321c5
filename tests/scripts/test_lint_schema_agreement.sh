#!/usr/bin/env bash
# Lint and the schema give one answer: a fixed sample of one-change mutants of the fixture course
# (tests/scripts/course_mutants.py says how they are made and what counts as agreement), each
# checked by xmllint --schema and by lectern-lint; any disagreement fails.
# More mutants, or all of them (about 4,800):
#   python3 tests/scripts/course_mutants.py --lint build/bin/lectern-lint --count all
#   python3 tests/scripts/course_mutants.py --lint build/bin/lectern-lint --seed 7 --count 2000
set -u
SRC=${LECTERN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${LECTERN_BIN:-$SRC/build/bin}
command -v xmllint >/dev/null || { echo "FAIL: xmllint not found (Debian package libxml2-utils)"; exit 1; }
[ -x "$BIN/lectern-lint" ] || { echo "FAIL: no $BIN/lectern-lint (build it first)"; exit 1; }
# The sanitizer build (LECTERN_SANITIZED=1) takes the next 300 of the same order, fewer because
# each run is slower there: together the two builds check 1,100 different cases and repeat none.
# The plain build also checks every lang mutant (345: lang on each kind of element in each place,
# right to left, valid and not), so the passages that take lang and those that do not stay one
# answer.
if [ "${LECTERN_SANITIZED:-0}" = 1 ]; then
  skip=800 count=300 lang=
else
  skip=0 count=800 lang=--lang
fi
exec python3 "$SRC/tests/scripts/course_mutants.py" --lint "$BIN/lectern-lint" --seed 1 --skip "$skip" --count "$count" --jobs 2 $lang
