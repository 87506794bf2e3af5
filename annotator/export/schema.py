"""What every export agrees on: one item with its tags, and the key order of each record.
The attribute keys per kind (the interchange contract) live in annotator.vocabulary."""

from __future__ import annotations

from typing import Any, NamedTuple

from annotator.vocabulary import ATTRIBUTES, KINDS, normalise

__all__ = ["ATTRIBUTES", "ANNOTATION_KEYS", "KINDS", "NOTE_KEYS", "ItemBundle", "normalise", "note_target"]

# Every format's column/key order for an annotation row (JSONL `annotations` entries).
ANNOTATION_KEYS = ("id", "kind", "start", "end", "text", "origin", "state", "rule", "confidence", "analyst", "attributes")
NOTE_KEYS = ("id", "target", "grading", "sources", "checklist", "text", "analyst", "created")


class ItemBundle(NamedTuple):
    """One item as exports see it: the item row (with source name and hash), the tags that pass
    the state filter (ordered by start, end, id) and the notes on the item or on those tags."""

    item: dict[str, Any]
    annotations: list[dict[str, Any]]
    notes: list[dict[str, Any]]


def note_target(note: dict[str, Any]) -> dict[str, Any]:
    """A note points at its item or at one tag: {"type": "item"|"annotation", "id": N}."""
    if note.get("annotation_id") is not None:
        return {"type": "annotation", "id": note["annotation_id"]}
    return {"type": "item", "id": note["item_id"]}
