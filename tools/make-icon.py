#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the till's icon (resources/icons/omnitill.png, 256x256 RGBA): a barcode on a blue rounded square, the
# accent colour of qml/Theme.qml. Drawn here with the standard library only, anti-aliased by 4x4 supersampling; the
# PNG is committed, so building needs no Python.
import pathlib
import struct
import zlib

SIZE = 256
SS = 4
BLUE = (0x1F, 0x5F, 0xA8)
WHITE = (0xFF, 0xFF, 0xFF)
RADIUS = 48
# Bars as (x, width) in icon pixels, an EAN-like rhythm between x=56 and x=200; a gap below for the digits' line.
BARS = [(56, 6), (66, 3), (73, 9), (86, 3), (93, 6), (103, 12), (119, 3), (126, 6), (136, 3), (143, 9), (156, 6),
        (166, 3), (173, 12), (189, 3), (196, 6)]
BAR_TOP, BAR_BOTTOM = 64, 170
LINE_TOP, LINE_BOTTOM = 184, 196  # a solid line standing for the digits under the bars


def inside_rounded(x, y):
    r = RADIUS
    cx = min(max(x, r), SIZE - r)
    cy = min(max(y, r), SIZE - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def colour_at(x, y):
    if not inside_rounded(x, y):
        return None
    if BAR_TOP <= y < BAR_BOTTOM and any(b <= x < b + w for b, w in BARS):
        return WHITE
    if LINE_TOP <= y < LINE_BOTTOM and 56 <= x < 202:
        return WHITE
    return BLUE


rows = []
for py in range(SIZE):
    row = bytearray([0])  # filter: none
    for px in range(SIZE):
        r = g = b = a = 0
        for sy in range(SS):
            for sx in range(SS):
                c = colour_at(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)
                if c:
                    r, g, b, a = r + c[0], g + c[1], b + c[2], a + 1
        n = SS * SS
        row += bytes([r // a, g // a, b // a, 255 * a // n]) if a else bytes(4)
    rows.append(bytes(row))


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
out = pathlib.Path(__file__).resolve().parent.parent / "resources" / "icons" / "omnitill.png"
out.parent.mkdir(parents=True, exist_ok=True)
out.write_bytes(png)
