#!/usr/bin/env python3
"""Writes a course whose pages use N distinct Han characters (default 2000), to measure what a
course in Chinese costs in atlas size, memory and start-up (tests/perf/measure_startup.sh with
LECTERN_ARGS="--course OUT"). Characters are taken evenly from the CJK Unified Ideographs block,
so they are not the commonest ones a font might treat specially.

    tests/perf/make_cjk_course.py OUT [N]
"""
import os
import sys


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) == 3 else 2000
    chars = [chr(0x4E00 + i * (0x5000 // n)) for i in range(n)]
    os.makedirs(os.path.join(out, "modules"), exist_ok=True)
    pages = []
    per_page = 100
    for p in range(0, n, per_page):
        text = "".join(chars[p:p + per_page])
        # Sentences of 20 characters, each ended by a full stop.
        body = "。".join(text[i:i + 20] for i in range(0, len(text), 20)) + "。"
        pages.append(f'    <page id="p{p // per_page + 1}" title="第{p // per_page + 1}页">\n'
                     f'      <p>{body}</p>\n    </page>\n')
    with open(os.path.join(out, "course.xml"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<course id="cjk-perf" version="1" lang="zh-CN" minutes="10">\n'
                '  <title>汉字测试课程</title>\n  <include src="modules/m.xml"/>\n</course>\n')
    with open(os.path.join(out, "modules", "m.xml"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<module id="m" title="汉字">\n'
                '  <lesson id="l" title="课">\n' + "".join(pages) + '  </lesson>\n</module>\n')


if __name__ == "__main__":
    main()
