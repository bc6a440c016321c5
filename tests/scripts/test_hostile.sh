#!/usr/bin/env bash
# Hostile inputs for the loader, through lectern-lint. For each input (tests/data/hostile/ plus
# the ones tests/scripts/make_hostile.sh writes into a temporary folder) lectern-lint runs with
# a 2-second limit and must:
#   - exit 1 or 2 (never 0, never the timeout's 124, never a signal: > 128);
#   - print at least one line, the first naming the input (its path as given);
#   - keep every line under 2,000 characters (one clear message, not the file echoed back);
#   - never print the contents of /etc/passwd (external entities, paths and links that escape);
#   - with --format json, print valid JSON (invalid UTF-8 must not break it).
# The time of each run is printed.
# Run by ctest (script.test_hostile) or by hand:
#   LECTERN_BIN=build/bin LECTERN_TEST_DATA=tests/data bash tests/scripts/test_hostile.sh
set -u

SRC=${LECTERN_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=${LECTERN_TEST_DATA:-$SRC/tests/data}
BIN=${LECTERN_BIN:-$SRC/build/bin}
LINT=$BIN/lectern-lint
HOSTILE=$DATA/hostile
LIMIT=2
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

[ -x "$LINT" ] || { echo "FAIL: $LINT not found or not executable (build the lectern-lint target)"; exit 1; }
[ -d "$HOSTILE" ] || { echo "FAIL: no hostile inputs at $HOSTILE"; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
GEN=$TMP/generated
bash "$SRC/tests/scripts/make_hostile.sh" "$GEN" || { echo "FAIL: make_hostile.sh failed"; exit 1; }

cases=(
    "$HOSTILE/empty.xml"
    "$HOSTILE/binary.xml"
    "$HOSTILE/truncated.xml"
    "$HOSTILE/invalid-utf8.xml"
    "$HOSTILE/utf16.xml"
    "$HOSTILE/billion-laughs.xml"
    "$HOSTILE/xxe.xml"
    "$HOSTILE/nul-bytes.xml"
    "$HOSTILE/dir-as-file"
    "$HOSTILE/escape-path/image-dotdot"
    "$HOSTILE/escape-path/image-absolute"
    "$HOSTILE/escape-path/include-dotdot"
    "$HOSTILE/escape-path/include-absolute"
    "$GEN/deep-nesting.xml"
    "$GEN/huge-attribute.xml"
    "$GEN/huge-file.xml"
    "$GEN/fifo-as-file"
    "$GEN/fifo-as-file/course.xml"
    "$GEN/symlink-escape"
    "$HOSTILE/does-not-exist.xml"
)

failures=0
printf '%-34s %5s %9s  %s\n' "input" "exit" "time" "first line"
for input in "${cases[@]}"; do
    name=${input#"$HOSTILE"/}
    name=${name#"$GEN"/}
    problems=()

    start=$(date +%s%N)
    timeout -k 1 "$LIMIT" "$LINT" "$input" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))

    first=$(head -n 1 "$TMP/out")
    [ -n "$first" ] || first=$(head -n 1 "$TMP/err")

    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        problems+=("timed out after ${LIMIT}s")
    elif [ "$rc" -gt 128 ]; then
        problems+=("killed by signal $((rc - 128))")
    elif [ "$rc" -ne 1 ] && [ "$rc" -ne 2 ]; then
        problems+=("exit $rc, expected 1 or 2")
    fi
    if [ -z "$first" ]; then
        problems+=("printed nothing")
    elif [[ "$first" != *"$input"* ]]; then
        problems+=("the first line does not name $input")
    fi
    if [ "$(cat "$TMP/out" "$TMP/err" | awk 'length($0) > 2000 { n++ } END { print n + 0 }')" -ne 0 ]; then
        problems+=("printed a line longer than 2000 characters")
    fi
    if grep -aq 'root:.*:0:0:' "$TMP/out" "$TMP/err"; then
        problems+=("printed the contents of /etc/passwd")
    fi

    if [ "$rc" -ne 124 ] && [ "$rc" -ne 137 ]; then
        timeout -k 1 "$LIMIT" "$LINT" --format json "$input" >"$TMP/json" 2>/dev/null
        jrc=$?
        if [ "$jrc" -eq 124 ] || [ "$jrc" -gt 128 ]; then
            problems+=("--format json: exit $jrc")
        elif ! "$PY" -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$TMP/json" 2>/dev/null; then
            problems+=("--format json printed invalid JSON")
        elif grep -aq 'root:.*:0:0:' "$TMP/json"; then
            problems+=("--format json printed the contents of /etc/passwd")
        fi
    fi

    shown=${first:0:110}
    printf '%-34s %5s %7sms  %s\n' "$name" "$rc" "$ms" "$shown"
    for p in "${problems[@]}"; do
        echo "    FAIL: $name: $p"
        failures=$((failures + 1))
    done
done

if [ "$failures" -ne 0 ]; then
    echo "test_hostile: $failures failure(s)"
    exit 1
fi
echo "test_hostile: OK (${#cases[@]} inputs)"
