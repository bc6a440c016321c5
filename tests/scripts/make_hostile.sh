#!/usr/bin/env bash
# Writes the hostile inputs that are too big to commit, or that git cannot hold (FIFOs,
# symbolic links), into OUT_DIR. The small ones live in tests/data/hostile/.
#   bash tests/scripts/make_hostile.sh OUT_DIR
# Creates:
#   deep-nesting.xml      100,000 nested <em> elements inside a course description (~1 MB)
#   huge-attribute.xml    a course whose version attribute is 5 MB long
#   huge-file.xml         a 20 MB course.xml (above the loader's 16 MB limit)
#   fifo-as-file/         a course folder whose course.xml is a named pipe (a naive read blocks)
#   symlink-escape/       a course whose module file and image are symbolic links that lead
#                         outside the course folder (to /etc/passwd)
set -eu

OUT=${1:?usage: make_hostile.sh OUT_DIR}
mkdir -p "$OUT"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

"$PY" - "$OUT" <<'EOF'
import os, sys
out = sys.argv[1]
head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<course id="hostile" version="1" lang="en" minutes="5">\n'
        '  <title>Hostile input</title>\n')
tail = ('  <audience>Nobody.</audience>\n'
        '  <include src="modules/m.xml"/>\n'
        '</course>\n')

n = 100_000
with open(os.path.join(out, "deep-nesting.xml"), "w", encoding="utf-8") as f:
    f.write(head + "  <description>")
    f.write("<em>" * n + "deep" + "</em>" * n)
    f.write("</description>\n" + tail)

with open(os.path.join(out, "huge-attribute.xml"), "w", encoding="utf-8") as f:
    f.write(head.replace('version="1"', 'version="' + "A" * (5 * 1024 * 1024) + '"'))
    f.write("  <description>A 5 MB attribute.</description>\n" + tail)

with open(os.path.join(out, "huge-file.xml"), "w", encoding="utf-8") as f:
    f.write(head + "  <description>")
    chunk = "This paragraph repeats until the file is larger than the loader accepts. " * 100
    written = 0
    while written < 20 * 1024 * 1024:
        f.write(chunk)
        written += len(chunk)
    f.write("</description>\n" + tail)
EOF

rm -rf "$OUT/fifo-as-file" "$OUT/symlink-escape"
mkdir -p "$OUT/fifo-as-file"
mkfifo "$OUT/fifo-as-file/course.xml"

mkdir -p "$OUT/symlink-escape/modules" "$OUT/symlink-escape/images"
cat > "$OUT/symlink-escape/course.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<course id="symlink-escape" version="1" lang="en" minutes="5">
  <title>Symbolic links that lead out</title>
  <description>The module file and the image are links to /etc/passwd.</description>
  <audience>Nobody.</audience>
  <include src="modules/m.xml"/>
  <include src="modules/ok.xml"/>
</course>
EOF
ln -s /etc/passwd "$OUT/symlink-escape/modules/m.xml"
cat > "$OUT/symlink-escape/modules/ok.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<module id="m2" title="Module">
  <lesson id="m2-l1" title="Lesson">
    <page id="m2-l1-p1" title="Page">
      <p>The image below is a link to /etc/passwd.</p>
      <image src="images/leak.png" alt="Should never be read"/>
    </page>
  </lesson>
</module>
EOF
ln -s /etc/passwd "$OUT/symlink-escape/images/leak.png"
