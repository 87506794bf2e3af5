"""Verification notes on an item or on one annotation."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from annotator.store.clock import now
from annotator.store.db import write_tx
from annotator.store.history import record
from annotator.vocabulary import GRADINGS
from annotator.store.rows import dicts, inserted_id, one, to_json

CHECKLIST_KEYS = ("source_identified", "content_corroborated", "location_confirmed", "date_confirmed")
COLUMNS = "id, item_id, annotation_id, grading, sources, checklist, text, analyst, created, updated"


def _check_grading(grading: str | None) -> None:
    if grading is not None and grading not in GRADINGS:
        raise ValueError(f"unknown grading {grading!r}; expected one of {', '.join(GRADINGS)}")


def get(db: sqlite_utils.Database, note_id: int) -> dict[str, Any] | None:
    return one(db.conn.execute(f"SELECT {COLUMNS} FROM notes WHERE id = ?", (note_id,)))


def for_item(db: sqlite_utils.Database, item_id: int) -> list[dict[str, Any]]:
    return dicts(db.conn.execute(f"SELECT {COLUMNS} FROM notes WHERE item_id = ? ORDER BY id", (item_id,)))


def insert(db: sqlite_utils.Database, *, item_id: int, analyst: str | None, annotation_id: int | None = None,
           grading: str | None = None, sources: list[str] | None = None, checklist: dict[str, bool] | None = None,
           text: str = "", note_id: int | None = None, created: str | None = None) -> int:
    _check_grading(grading)
    stamp = now()
    row = {"item_id": item_id, "annotation_id": annotation_id, "grading": grading, "sources": sources or [],
           "checklist": checklist or {}, "text": text, "analyst": analyst, "created": created or stamp, "updated": stamp}
    with write_tx(db):
        cur = db.conn.execute(
            "INSERT INTO notes (id, item_id, annotation_id, grading, sources, checklist, text, analyst, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (note_id, item_id, annotation_id, grading, to_json(row["sources"]), to_json(row["checklist"]), text,
             analyst, row["created"], stamp),
        )
        new_id = inserted_id(cur)
        record(db, analyst=analyst, action="note", table="notes", row_id=new_id, item_id=item_id, after={"id": new_id, **row})
    return new_id


def update(db: sqlite_utils.Database, note_id: int, changes: dict[str, Any], analyst: str | None) -> dict[str, Any]:
    allowed = {"grading", "sources", "checklist", "text", "annotation_id"}
    if set(changes) - allowed:
        raise ValueError(f"cannot change {', '.join(sorted(set(changes) - allowed))}")
    _check_grading(changes.get("grading"))
    with write_tx(db):
        before = get(db, note_id)
        if before is None:
            raise KeyError(f"no note {note_id}")
        sets = {k: (to_json(v) if k in ("sources", "checklist") else v) for k, v in changes.items()}
        sets["updated"] = now()
        db.conn.execute(f"UPDATE notes SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?", [*sets.values(), note_id])
        record(db, analyst=analyst, action="note_update", table="notes", row_id=note_id, item_id=before["item_id"],
               before=before, after=get(db, note_id))
    return before


def delete(db: sqlite_utils.Database, note_id: int, analyst: str | None) -> dict[str, Any]:
    with write_tx(db):
        before = get(db, note_id)
        if before is None:
            raise KeyError(f"no note {note_id}")
        db.conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
        record(db, analyst=analyst, action="note_delete", table="notes", row_id=note_id, item_id=before["item_id"], before=before)
    return before


