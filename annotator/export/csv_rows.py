"""Per-annotation CSV: one row per tag, every attribute in its own column.

Attribute columns are named `<kind>_<attribute>` (`speaker_name`, `location_lat`,
`casualty_count_min`, `date_value`...) because kinds share attribute names (`name`, `kind`,
`start`); a row fills only its own kind's columns. Cells are written by safe_csv.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from annotator.export.safe_csv import SafeWriter
from annotator.export.schema import ItemBundle
from annotator.vocabulary import ATTRIBUTES

BASE_COLUMNS = ("annotation_id", "item_id", "item_date", "kind", "text", "start", "end", "state", "origin",
                "analyst", "rule", "confidence")
ATTRIBUTE_COLUMNS = tuple(f"{kind}_{key}" for kind, keys in ATTRIBUTES.items() for key in keys)
COLUMNS = BASE_COLUMNS + ATTRIBUTE_COLUMNS
NUMERIC = {
    "annotation_id", "item_id", "start", "end", "confidence", "location_geonameid", "location_lat", "location_lon",
    "location_precision", "casualty_count_min", "casualty_count_max",
}


def write(bundles: Iterable[ItemBundle], fh: TextIO) -> int:
    """Write the header and one row per annotation; returns the number of rows."""
    out = SafeWriter(fh, COLUMNS, NUMERIC)
    n = 0
    for bundle in bundles:
        item = bundle.item
        for a in bundle.annotations:
            row = {
                "annotation_id": a["id"], "item_id": item["id"], "item_date": item["date"], "kind": a["kind"],
                "text": a["text"], "start": a["start"], "end": a["end"], "state": a["state"], "origin": a["origin"],
                "analyst": a.get("analyst"), "rule": a.get("rule"), "confidence": a.get("confidence"),
            }
            attrs = a.get("attributes") or {}
            for key in ATTRIBUTES.get(a["kind"], ()):
                row[f"{a['kind']}_{key}"] = attrs.get(key)
            out.row(row)
            n += 1
    return n
