"""Verification notes as CSV: one row per note, with what it is about (the item, or a tag and
its text), the grading, the checklist, the sources and the text. Cells are written by safe_csv."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from annotator.export.safe_csv import SafeWriter
from annotator.export.schema import ItemBundle

CHECKS = ("source_identified", "content_corroborated", "location_confirmed", "date_confirmed")
COLUMNS = ("note_id", "item_id", "item_date", "item_title", "source_file", "target", "annotation_id", "tag_kind",
           "tag_text", "grading", *CHECKS, "sources", "text", "analyst", "created", "updated")
NUMERIC = {"note_id", "item_id", "annotation_id"}


def _decoded(value: Any, empty: Any) -> Any:
    """Sources and checklist as stored (JSON text) or already decoded."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return empty
    return value if value is not None else empty


def write(bundles: Iterable[ItemBundle], fh: TextIO) -> int:
    """Write the header and one row per note; returns the number of rows."""
    out = SafeWriter(fh, COLUMNS, NUMERIC)
    n = 0
    for bundle in bundles:
        item = bundle.item
        tags = {a["id"]: a for a in bundle.annotations}
        for note in bundle.notes:
            tag = tags.get(note.get("annotation_id")) if note.get("annotation_id") is not None else None
            checklist = _decoded(note.get("checklist"), {}) or {}
            sources = _decoded(note.get("sources"), []) or []
            row = {
                "note_id": note["id"], "item_id": item["id"], "item_date": item["date"], "item_title": item.get("title"),
                "source_file": item.get("source_name"),
                "target": "tag" if note.get("annotation_id") is not None else "item",
                "annotation_id": note.get("annotation_id"), "tag_kind": tag["kind"] if tag else None,
                "tag_text": tag["text"] if tag else None, "grading": note.get("grading"),
                "sources": "\n".join(str(x) for x in sources), "text": note.get("text"),
                "analyst": note.get("analyst"), "created": note.get("created"), "updated": note.get("updated"),
            }
            row.update({k: "yes" if checklist.get(k) else "no" for k in CHECKS})
            out.row(row)
            n += 1
    return n
