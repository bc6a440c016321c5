#!/usr/bin/env python3
"""Counts the Windows test cases from the shards' GoogleTest XML files (tests/CMakeLists.txt,
lectern_gtests) and names each failed one: ctest under wine sees only shards, one process per
binary part, so this is where the cases are counted and named.
    results.py RESULTS_DIR SHARD_NAME...   (each shard's expected file: RESULTS_DIR/<name>.xml)
Exits 1 if a case failed or a shard wrote no file (it ended early: its output names the case
that was running)."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main() -> int:
    results, shards = Path(sys.argv[1]), sys.argv[2:]
    total = failed = skipped = 0
    bad = []
    for shard in shards:
        path = results / f"{shard}.xml"
        if not path.is_file():
            bad.append(f"{shard}: wrote no results (it ended before its last case; see its output)")
            continue
        for case in ET.parse(path).getroot().iter("testcase"):
            if case.get("result", "completed") == "suppressed" or case.get("status") == "notrun":
                continue
            total += 1
            skipped += case.find("skipped") is not None
            failures = case.findall("failure") + case.findall("error")
            if failures:
                failed += 1
                first = (failures[0].get("message") or "").splitlines()
                bad.append(f"{shard}: {case.get('classname')}.{case.get('name')} failed"
                           + (f": {first[0]}" if first else ""))
    print(f"Windows tests under wine: {total - failed - skipped}/{total} cases passed"
          + (f", {skipped} skipped" if skipped else "") + f", in {len(shards)} shards")
    for line in bad:
        print(f"  {line}")
    return 1 if bad or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
