#!/usr/bin/env bash
# Peak memory of lectern paging through a course of large images (issue 13): writes a course of
# COUNT pages, each with its own SIDE x SIDE PNG (a 4096 x 4096 PNG of stripes is 78 kB), opens
# it under Xvfb, turns every page with the Right key as a person would, and prints the process's
# peak (VmHWM) and final (VmRSS) resident memory.
#
#   tests/perf/measure_image_memory.sh [COUNT [SIDE]]     defaults: 30 4096
#
# Environment: LECTERN_BIN (default build/bin). Needs: Xvfb, xdotool, python3.
# Measured 2026-12-06 (2 busy cores, llvmpipe): before the image budget 1,039 MB peak; after it
# 224 MB peak, 210 MB at the end (one 4096 x 4096 page alone: 194 MB; no images: 111 MB). Most
# of what remained was stb_image decoding a PNG at full size (about 2 x 48 MB for a moment).
# Measured 2026-12-07 (load 17 on 2 cores): before the in-place PNG decoder
# (platform/image_decode.h) 227.0 MB peak, 180.3 MB at the end; after it 185.5 MB peak,
# 136.1 MB at the end.
set -euo pipefail
count=${1:-30}
side=${2:-4096}
bin=${LECTERN_BIN:-build/bin}
work=$(mktemp -d)
trap 'kill "${lpid:-}" "${xpid:-}" 2>/dev/null; rm -rf "$work"' EXIT
python3 - "$work" "$count" "$side" <<'PY'
import struct, sys, zlib
out, count, side = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = bytearray()
for y in range(side):
    raw += b"\0" + (b"\xc8\x3c\x3c" if (y // 256) % 2 else b"\x3c\x3c\xc8") * (side // 2) + b"\xf0" * 3 * (side - side // 2)
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)) +
       chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))
import os
os.makedirs(f"{out}/images")
for i in range(count): open(f"{out}/images/big{i:02d}.png", "wb").write(png)
pages = "".join(f'<page id="p{i:02d}" title="Image {i}"><p>Image {i}.</p><image src="images/big{i:02d}.png" alt="Stripes {i}"/></page>'
                for i in range(count))
open(f"{out}/course.xml", "w").write('<course id="big" version="1" lang="en" minutes="5"><title>Big images</title>'
                                     '<include src="m.xml"/></course>')
open(f"{out}/m.xml", "w").write(f'<module id="m" title="M"><lesson id="l" title="L">{pages}</lesson></module>')
PY
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 & xpid=$!
sleep 1
export DISPLAY=$display
"$bin/lectern" --course "$work" --guest --screen reader --page p00 >/dev/null 2>&1 & lpid=$!
sleep 4
wid=$(xdotool search --sync --pid "$lpid" | head -1)
for _ in $(seq 2 "$count"); do
  xdotool keydown --window "$wid" Right; sleep 0.08; xdotool keyup --window "$wid" Right; sleep 0.6
done
sleep 1
echo "$count pages of ${side}x${side} PNG:"
grep -E 'VmHWM|VmRSS' "/proc/$lpid/status"
