#!/usr/bin/python3
"""Reads PNG screenshots with the standard library only, for the end-to-end tests.

  pngtool.py stats FILE        -> "WIDTH HEIGHT DISTINCT_COLOURS DARK_FRACTION"
  pngtool.py diff A B          -> fraction of pixels that differ (0.0 to 1.0)
"""
import struct, sys, zlib


def read_png(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise SystemExit(f'{path}: not a PNG file')
    pos, idat, width = 8, b'', 0
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, colour = struct.unpack('>IIBB', body[:10])
            if depth != 8 or colour not in (2, 6):
                raise SystemExit(f'{path}: only 8-bit RGB/RGBA is supported')
            bpp = 3 if colour == 2 else 4
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(bytes(line))
        prev = line
    pixels = [row[x:x + 3] for row in rows for x in range(0, stride, bpp)]
    return width, height, pixels


def main():
    if sys.argv[1] == 'stats':
        # stats FILE [X0 X1 [Y0 Y1]]: X0 and X1 (fractions of the width) keep only those columns,
        # Y0 and Y1 (fractions of the height) only those rows.
        w, h, px = read_png(sys.argv[2])
        if len(sys.argv) >= 5:
            x0, x1 = int(float(sys.argv[3]) * w), int(float(sys.argv[4]) * w)
            y0, y1 = 0, h
            if len(sys.argv) >= 7:
                y0, y1 = int(float(sys.argv[5]) * h), int(float(sys.argv[6]) * h)
            px = [p for i, p in enumerate(px) if x0 <= i % w < x1 and y0 <= i // w < y1]
        dark = sum(1 for p in px if sum(p) < 200) / len(px)
        print(w, h, len(set(px)), f'{dark:.4f}')
    elif sys.argv[1] == 'diff':
        _, _, a = read_png(sys.argv[2])
        _, _, b = read_png(sys.argv[3])
        if len(a) != len(b):
            print('1.0')
            return
        print(f'{sum(1 for x, y in zip(a, b) if x != y) / len(a):.4f}')


main()
