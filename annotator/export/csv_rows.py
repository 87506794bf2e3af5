"""Per-annotation CSV: one row per tag with the item's title, status and source file and the
sentence the tag sits in, then every attribute in its own column, then the report's outlet,
dateline and byline.

Attribute columns are named `<kind>_<attribute>` (`speaker_name`, `location_lat`,
`casualty_count_min`, `date_value`...) because kinds share attribute names (`name`, `kind`,
`start`); a row fills only its own kind's columns. Cells are written by safe_csv.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from annotator.export.safe_csv import SafeWriter
from annotator.export.schema import ItemBundle
from annotator.tagging.text import Sentences
from annotator.vocabulary import ATTRIBUTES

BASE_COLUMNS = ("annotation_id", "item_id", "item_date", "kind", "text", "start", "end", "state", "origin",
                "analyst", "rule", "confidence",
                # added after the first twelve, whose positions scripts may rely on
                "item_title", "item_status", "source_file", "sentence")
ATTRIBUTE_COLUMNS = tuple(f"{kind}_{key}" for kind, keys in ATTRIBUTES.items() for key in keys)
# A single report's parts (empty for listing items): its outlet, dateline (the place it was filed
# from, never an event's location) and byline; last, so that no earlier column moves.
REPORT_COLUMNS = ("item_outlet", "item_dateline", "item_byline")
COLUMNS = BASE_COLUMNS + ATTRIBUTE_COLUMNS + REPORT_COLUMNS
NUMERIC = {
    "annotation_id", "item_id", "start", "end", "confidence", "location_geonameid", "location_lat", "location_lon",
    "location_precision", "casualty_count_min", "casualty_count_max",
}


def sentence_of(body: str, sentences: Sentences | None, start: int, end: int) -> str | None:
    """The sentence (or sentences) a tag sits in, on one line: what an analyst reads it in."""
    if sentences is None or not 0 <= start < len(body):
        return None
    first, _ = sentences.at(start)
    _, last = sentences.at(max(start, min(end, len(body)) - 1))
    return " ".join(body[first:last].split())


def write(bundles: Iterable[ItemBundle], fh: TextIO) -> int:
    """Write the header and one row per annotation; returns the number of rows."""
    out = SafeWriter(fh, COLUMNS, NUMERIC)
    n = 0
    for bundle in bundles:
        item = bundle.item
        body = item.get("body") or ""
        sentences = Sentences(body) if bundle.annotations and body else None
        for a in bundle.annotations:
            row = {
                "annotation_id": a["id"], "item_id": item["id"], "item_date": item["date"],
                "item_title": item.get("title"), "item_status": item.get("status"),
                "source_file": item.get("source_name"), "kind": a["kind"], "text": a["text"],
                "sentence": sentence_of(body, sentences, a["start"], a["end"]),
                "start": a["start"], "end": a["end"], "state": a["state"], "origin": a["origin"],
                "analyst": a.get("analyst"), "rule": a.get("rule"), "confidence": a.get("confidence"),
                "item_outlet": item.get("outlet"), "item_dateline": item.get("dateline"),
                "item_byline": item.get("byline"),
            }
            attrs = a.get("attributes") or {}
            for key in ATTRIBUTES.get(a["kind"], ()):
                row[f"{a['kind']}_{key}"] = attrs.get(key)
            out.row(row)
            n += 1
    return n
