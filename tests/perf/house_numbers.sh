#!/usr/bin/env bash
# The numbers issue #16 asks for about the code itself, from the working tree (run it in a checkout
# of the commit to measure; "before" is the same script in a checkout of the older commit):
#   - lines per folder of engine/ (and tools/, tests/), and the TOP longest files of engine/;
#   - the longest functions of engine/ (Universal Ctags' start and end lines: a function's lines
#     from its signature to its closing brace);
#   - how many pairs `duplicates` finds in engine/, tools/, tests/ and the whole tree.
# Load times come from build/bin/bench_load, start-up and memory from tests/perf/measure_startup.sh.
#
#   tests/perf/house_numbers.sh [TOP]     TOP defaults to 10
# Needs: ctags (universal-ctags), python3; `duplicates` if installed (else that line says so).
set -euo pipefail
top=${1:-10}
case $top in '' | *[!0-9]* | 0) echo "usage: $0 [TOP]" >&2; exit 2 ;; esac
cd "$(dirname "$0")/../.."

code() { git ls-files -- "$@" | grep -E '\.(cpp|h|hpp|c)$' || true; }

echo "## Lines per folder (C++ sources and headers tracked by git)"
for dir in engine/* tools tests; do
  [ -d "$dir" ] || continue
  files=$(code "$dir")
  [ -n "$files" ] || continue
  printf '%-22s %7d lines %4d files\n' "$dir" "$(cat $files | wc -l)" "$(echo "$files" | wc -l)"
done
printf '%-22s %7d lines\n' "engine (all)" "$(cat $(code engine) | wc -l)"

echo
echo "## The $top longest files of engine/"
wc -l $(code engine) | grep -v ' total$' | sort -rn | head -n "$top"

echo
echo "## The $top longest functions of engine/ (lines, file:line, name)"
ctags --output-format=json --fields=+ne --kinds-C++=f --kinds-C=f -f - $(code engine) 2>/dev/null |
  python3 -c '
import json, sys
rows = []
for line in sys.stdin:
    t = json.loads(line)
    if t.get("_type") == "tag" and "end" in t:
        name = t["scope"] + "::" + t["name"] if t.get("scope") else t["name"]
        rows.append((t["end"] - t["line"] + 1, "%s:%d" % (t["path"], t["line"]), name))
for n, where, name in sorted(rows, reverse=True)[:int(sys.argv[1])]:
    print("%5d  %-45s %s" % (n, where, name))
' "$top"

echo
echo "## duplicates: pairs of places sharing six or more lines (its first line, per folder)"
if command -v duplicates > /dev/null; then
  for dir in engine tools tests .; do
    echo "$dir: $(duplicates --repo "$dir" --seconds 120 | head -n 1)"
  done
else
  echo "duplicates is not installed here"
fi
