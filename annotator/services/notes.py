"""Verification notes on an item or on one tag: grading, sources, checklist, free text.

Same contract as review.py: one function per action, each returns a `Changes` for undo/redo and
partial refresh; analyst and time are recorded by the store.
"""

from __future__ import annotations

from typing import Any

from annotator.services.changes import Changes, recording
from annotator.services.review import mark_started
from annotator.store import Store
from annotator.store import annotations as tag_store
from annotator.store import notes as note_store
from annotator.vocabulary import GRADINGS
from annotator.store.notes import CHECKLIST_KEYS

__all__ = ["CHECKLIST_KEYS", "GRADINGS", "add_note", "delete_note", "edit_note", "notes_for_item"]


def _clean_sources(sources: list[str] | None) -> list[str]:
    return [s.strip() for s in (sources or []) if s and s.strip()]


def _clean_checklist(checklist: dict[str, bool] | None) -> dict[str, bool]:
    checklist = checklist or {}
    unknown = set(checklist) - set(CHECKLIST_KEYS)
    if unknown:
        raise ValueError(f"unknown checklist entries: {', '.join(sorted(unknown))}")
    return {k: bool(checklist.get(k, False)) for k in CHECKLIST_KEYS}


def notes_for_item(db: Store, item_id: int) -> list[dict[str, Any]]:
    return note_store.for_item(db, item_id)


def add_note(db: Store, item_id: int, analyst: str | None, *, annotation_id: int | None = None,
             grading: str | None = None, sources: list[str] | None = None,
             checklist: dict[str, bool] | None = None, text: str = "") -> Changes:
    """A new verification note on the item, or on one of its tags when `annotation_id` is given."""
    if annotation_id is not None:
        tag = tag_store.get(db, annotation_id)
        if tag is None or tag["item_id"] != item_id:
            raise ValueError(f"annotation {annotation_id} is not a tag of item {item_id}")
    with recording(db, "add note", item_id) as rec:
        note_id = note_store.insert(db, item_id=item_id, analyst=analyst, annotation_id=annotation_id, grading=grading,
                                    sources=_clean_sources(sources), checklist=_clean_checklist(checklist), text=text)
        rec.created_note(note_id)
        mark_started(db, rec, item_id, analyst)
    return rec.changes


def edit_note(db: Store, note_id: int, analyst: str | None, **changes: Any) -> Changes:
    """Change some of grading, sources, checklist, text, annotation_id."""
    before = note_store.get(db, note_id)
    if before is None:
        raise KeyError(f"no note {note_id}")
    if "sources" in changes:
        changes["sources"] = _clean_sources(changes["sources"])
    if "checklist" in changes:
        changes["checklist"] = _clean_checklist(changes["checklist"])
    with recording(db, "edit note", before["item_id"]) as rec:
        rec.note(note_id)
        note_store.update(db, note_id, changes, analyst)
        mark_started(db, rec, before["item_id"], analyst)
    return rec.changes


def delete_note(db: Store, note_id: int, analyst: str | None) -> Changes:
    before = note_store.get(db, note_id)
    if before is None:
        raise KeyError(f"no note {note_id}")
    with recording(db, "delete note", before["item_id"]) as rec:
        rec.note(note_id)
        note_store.delete(db, note_id, analyst)
        mark_started(db, rec, before["item_id"], analyst)
    return rec.changes
