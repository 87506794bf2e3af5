"""What every export agrees on: the attribute keys per kind, and one item with its tags.

The per-kind attribute lists are the interchange contract (issue 5): every format writes exactly
these keys, in this order, with null for a value the analyst has not filled in.
"""

from __future__ import annotations

from typing import Any, NamedTuple

ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "speaker": ("name", "role", "organisation", "quote"),
    "location": ("name", "geonameid", "lat", "lon", "country", "admin1", "feature", "precision"),
    "casualty": (
        "count_min", "count_max", "qualifier", "approximate", "kind", "victims", "event_date",
        "event_date_start", "event_date_end", "location", "perpetrator",
    ),
    "date": ("value", "start", "end"),
}
KINDS = tuple(ATTRIBUTES)

# Closed vocabularies from DESIGN.md (used where a format needs declared values, e.g. brat).
QUALIFIERS = ("exact", "at_least", "more_than", "about", "nearly", "up_to", "vague")
CASUALTY_KINDS = ("killed", "injured", "detained", "displaced", "missing", "other")
FEATURES = ("country", "province", "city", "town", "village", "region", "river", "facility")
PRECISIONS = (1, 2, 3)

# Every format's column/key order for an annotation row (JSONL `annotations` entries).
ANNOTATION_KEYS = ("id", "kind", "start", "end", "text", "origin", "state", "rule", "confidence", "analyst", "attributes")
NOTE_KEYS = ("id", "target", "grading", "sources", "checklist", "text", "analyst", "created")


class ItemBundle(NamedTuple):
    """One item as exports see it: the item row (with source name and hash), the tags that pass
    the state filter (ordered by start, end, id) and the notes on the item or on those tags."""

    item: dict[str, Any]
    annotations: list[dict[str, Any]]
    notes: list[dict[str, Any]]


def normalise(kind: str, attributes: dict[str, Any] | None) -> dict[str, Any]:
    """The attributes of a `kind` tag with exactly that kind's keys (missing ones null)."""
    attrs = attributes or {}
    return {key: attrs.get(key) for key in ATTRIBUTES.get(kind, ())}


def note_target(note: dict[str, Any]) -> dict[str, Any]:
    """A note points at its item or at one tag: {"type": "item"|"annotation", "id": N}."""
    if note.get("annotation_id") is not None:
        return {"type": "annotation", "id": note["annotation_id"]}
    return {"type": "item", "id": note["item_id"]}
