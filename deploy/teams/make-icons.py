#!/usr/bin/env python3
"""Draws the Teams app icons for aadsts-bot with nothing but the standard library.

    python3 deploy/teams/make-icons.py            # writes color.png and outline.png beside this script
    python3 deploy/teams/make-icons.py OUT_DIR    # writes them into OUT_DIR instead

color.png   192x192: a rounded square in the accent colour holding a white shield with a keyhole.
outline.png  32x32: the same shield as a white outline with a white keyhole, on a transparent background.
                    Every pixel is pure white (#FFFFFF); only the alpha channel varies, as Teams requires.

Shapes are polygons filled by a scanline pass on a grid SCALE times finer than the icon, then averaged
down, which gives smooth (anti-aliased) edges. The output is byte-for-byte stable, so re-running this
script on an unchanged file leaves git clean.
"""

import math
import os
import struct
import sys
import zlib

ACCENT = (0x0F, 0x6C, 0xBD)  # keep in step with accentColor in manifest.json
WHITE = (0xFF, 0xFF, 0xFF)
SCALE = 4  # sub-samples per pixel along each axis


# ---------------------------------------------------------------- geometry (unit box: -1..1 on both axes)

def rounded_rect(half_w, half_h, radius, steps=12):
    """Corners go clockwise from the top-right one; radius is in the same units as the half sizes."""
    pts = []
    corners = [(half_w - radius, -half_h + radius, -90), (half_w - radius, half_h - radius, 0),
               (-half_w + radius, half_h - radius, 90), (-half_w + radius, -half_h + radius, 180)]
    for cx, cy, start in corners:
        for i in range(steps + 1):
            a = math.radians(start + 90 * i / steps)
            pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return pts


def quad(p0, p1, p2, steps=16):
    """Points along a quadratic Bezier curve, p0 excluded."""
    out = []
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        out.append((u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
                    u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1]))
    return out


def shield(half_w, top, shoulder, bottom):
    """A heraldic shield: a top edge that dips a little in the middle, straight sides down to `shoulder`,
    then two curves meeting in a point at `bottom` (y grows downwards)."""
    dip = (bottom - top) * 0.06
    pts = [(-half_w, top)]
    pts += quad((-half_w, top), (-half_w * 0.45, top), (0, top + dip))
    pts += quad((0, top + dip), (half_w * 0.45, top), (half_w, top))
    pts.append((half_w, shoulder))
    pts += quad((half_w, shoulder), (half_w * 0.95, bottom - (bottom - shoulder) * 0.35), (0, bottom))
    pts += quad((0, bottom), (-half_w * 0.95, bottom - (bottom - shoulder) * 0.35), (-half_w, shoulder))
    return pts


def circle(cx, cy, r, steps=48):
    return [(cx + r * math.cos(2 * math.pi * i / steps), cy + r * math.sin(2 * math.pi * i / steps))
            for i in range(steps)]


def keyhole(cx, cy, r):
    """A round head and a tapering slot below it, as two polygons."""
    slot = [(cx - r * 0.42, cy + r * 0.3), (cx + r * 0.42, cy + r * 0.3),
            (cx + r * 0.62, cy + r * 2.35), (cx - r * 0.62, cy + r * 2.35)]
    return [circle(cx, cy, r), slot]


def scaled(poly, factor, cy=0.0):
    """The polygon scaled about (0, cy): used to inset the shield for the outline's inner edge."""
    return [(x * factor, cy + (y - cy) * factor) for x, y in poly]


# ---------------------------------------------------------------- rasterising

def coverage(size, polygons):
    """Fraction (0..1) of each pixel covered by the polygons under the even-odd rule, combined: a
    polygon inside another cuts a hole in it. Coordinates are in the unit box mapped onto the icon."""
    fine = size * SCALE
    counts = [0] * (size * size)
    edges = []
    for poly in polygons:
        mapped = [((x + 1) / 2 * fine, (y + 1) / 2 * fine) for x, y in poly]
        for i, (x0, y0) in enumerate(mapped):
            x1, y1 = mapped[(i + 1) % len(mapped)]
            if y0 != y1:
                edges.append((x0, y0, x1, y1))
    for row in range(fine):
        y = row + 0.5
        xs = []
        for x0, y0, x1, y1 in edges:
            if (y0 <= y < y1) or (y1 <= y < y0):
                xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
        xs.sort()
        base = (row // SCALE) * size
        for i in range(0, len(xs) - 1, 2):
            start = max(0, math.ceil(xs[i] - 0.5))
            end = min(fine - 1, math.floor(xs[i + 1] - 0.5))
            for col in range(start, end + 1):
                counts[base + col // SCALE] += 1
    return [c / (SCALE * SCALE) for c in counts]


def union(*layers):
    return [max(values) for values in zip(*layers)]


# ---------------------------------------------------------------- PNG writing

def png(path, size, pixels):
    """pixels: size*size (r, g, b, a) tuples of ints 0..255, row by row."""
    raw = bytearray()
    for y in range(size):
        raw.append(0)  # filter type None for every scanline
        for r, g, b, a in pixels[y * size:(y + 1) * size]:
            raw += bytes((r, g, b, a))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        out.write(chunk(b"IHDR", header))
        out.write(chunk(b"IDAT", zlib.compress(bytes(raw), 9)))
        out.write(chunk(b"IEND", b""))


def over(top, alpha, bottom):
    return tuple(round(t * alpha + b * (1 - alpha)) for t, b in zip(top, bottom))


# ---------------------------------------------------------------- the two icons

SHIELD = shield(half_w=0.50, top=-0.58, shoulder=0.05, bottom=0.66)


def color_icon(size=192):
    tile = coverage(size, [rounded_rect(1.0, 1.0, 0.36)])
    glyph = coverage(size, [SHIELD])
    hole = union(*(coverage(size, [p]) for p in keyhole(0.0, -0.12, 0.13)))
    pixels = []
    for t, g, h in zip(tile, glyph, hole):
        rgb = over(WHITE, g, ACCENT)   # white shield on the accent tile
        rgb = over(ACCENT, h, rgb)     # accent keyhole cut into the shield
        pixels.append(rgb + (round(t * 255),))
    return pixels


def outline_icon(size=32):
    # Scale the shield up to use the small canvas, then keep a ring between it and an inset copy.
    outer = scaled(SHIELD, 1.42, cy=0.02)
    inner = scaled(SHIELD, 1.42 - 0.36, cy=0.02)
    ring = coverage(size, [outer, inner])
    hole = union(*(coverage(size, [p]) for p in keyhole(0.0, -0.16, 0.17)))
    alpha = union(ring, hole)
    return [WHITE + (round(a * 255),) for a in alpha]


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out_dir, exist_ok=True)
    png(os.path.join(out_dir, "color.png"), 192, color_icon(192))
    png(os.path.join(out_dir, "outline.png"), 32, outline_icon(32))
    print(os.path.join(out_dir, "color.png"))
    print(os.path.join(out_dir, "outline.png"))


if __name__ == "__main__":
    main()
