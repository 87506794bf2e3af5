"""GeoJSON FeatureCollection (RFC 7946) of incidents and tagged places, as QGIS opens it.

Each incident with a point is a Point feature (`layer` "incident": id, state, label, dates,
place, best/low/high killed, fatalities, sources, grading, item ids); each tagged place with
coordinates is a Point feature (`layer` "place": name, mentions, items). Coordinates are
[longitude, latitude] in WGS 84, as the RFC requires.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO


def incident_feature(row: dict[str, Any]) -> dict[str, Any] | None:
    if row.get("latitude") is None or row.get("longitude") is None:
        return None
    keys = ("id", "state", "label", "date_start", "date_end", "date_prec", "where_prec", "where_coordinates", "best",
            "low", "high", "fatalities", "number_of_sources", "grading", "member_item_ids")
    props = {"layer": "incident", **{k: row.get(k) for k in keys}}
    props["place"] = props.pop("where_coordinates")
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": props}


def place_feature(place: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": {"layer": "place", "name": place["name"], "mentions": place["mentions"],
                           "items": place["items"]}}


def write(incident_rows: Iterable[dict[str, Any]], places: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """Write the collection, one feature per line; returns the number of features."""
    fh.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    features = (f for f in (incident_feature(r) for r in incident_rows) if f is not None)
    for feature in (*features, *(place_feature(p) for p in places)):
        fh.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    fh.write("\n]}\n")
    return n
