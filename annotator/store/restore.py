"""Raw row snapshots and exact restores, for undo/redo.

Rows are read and written back as raw column values (JSON text kept byte for byte, `updated`
kept), so undoing an action leaves the tables exactly as they were. Every restore is recorded in
`history` like any other change.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from annotator.store.annotations import refresh_export_json
from annotator.store.db import write_tx
from annotator.store.history import record

ANNOTATION_COLS = (
    "id", "item_id", "kind", "start", "end", "text", "attributes", "origin", "state", "rule", "rules_version",
    "confidence", "analyst", "created", "updated", "conflict_group",
)
NOTE_COLS = ("id", "item_id", "annotation_id", "grading", "sources", "checklist", "text", "analyst", "created", "updated")
ALIAS_COLS = ("id", "kind", "surface", "canonical", "attributes", "analyst", "created")

Row = dict[str, Any]


def _quoted(cols: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in cols)


def _raw(db: sqlite_utils.Database, table: str, cols: tuple[str, ...], where: str, params: tuple) -> Row | None:
    row = db.conn.execute(f"SELECT {_quoted(cols)} FROM {table} WHERE {where}", params).fetchone()
    return dict(zip(cols, row)) if row else None


def _for_history(row: Row | None) -> Any:
    """The row as history shows it: JSON columns decoded so before/after read naturally."""
    if row is None:
        return None
    out = dict(row)
    for key in ("attributes", "sources", "checklist"):
        if isinstance(out.get(key), str):
            try:
                out[key] = json.loads(out[key])
            except ValueError:
                pass
    return out


def _put(db: sqlite_utils.Database, table: str, cols: tuple[str, ...], key: int, row: Row | None) -> Row | None:
    """Make row `key` of `table` equal `row` (None: absent). Returns the row as it was."""
    before = _raw(db, table, cols, "id = ?", (key,))
    if row is None:
        if before is not None:
            db.conn.execute(f"DELETE FROM {table} WHERE id = ?", (key,))
    elif before is None:
        db.conn.execute(
            f"INSERT INTO {table} ({_quoted(cols)}) VALUES ({', '.join('?' * len(cols))})", [row[c] for c in cols]
        )
    else:
        sets = ", ".join(f'"{c}" = ?' for c in cols if c != "id")
        db.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [row[c] for c in cols if c != "id"] + [key])
    return before


def annotation_row(db: sqlite_utils.Database, annotation_id: int) -> Row | None:
    return _raw(db, "annotations", ANNOTATION_COLS, "id = ?", (annotation_id,))


def note_row(db: sqlite_utils.Database, note_id: int) -> Row | None:
    return _raw(db, "notes", NOTE_COLS, "id = ?", (note_id,))


def note_ids_for_annotation(db: sqlite_utils.Database, annotation_id: int) -> list[int]:
    return [r[0] for r in db.conn.execute("SELECT id FROM notes WHERE annotation_id = ?", (annotation_id,))]


# What an analyst can change on an item itself: its status, and a date set by hand (issue 12).
ITEM_STATE_COLS = ("status", "updated", "date", "needs_date", "date_rule")


def item_state(db: sqlite_utils.Database, item_id: int) -> Row | None:
    return _raw(db, "items", ITEM_STATE_COLS, "id = ?", (item_id,))


def alias_row(db: sqlite_utils.Database, kind: str, surface: str) -> Row | None:
    return _raw(db, "aliases", ALIAS_COLS, "kind = ? AND surface = ?", (kind, surface))


def put_annotation(db: sqlite_utils.Database, annotation_id: int, row: Row | None, *, analyst: str | None,
                   action: str, item_id: int | None) -> None:
    with write_tx(db):
        before = _put(db, "annotations", ANNOTATION_COLS, annotation_id, row)
        if row is not None:
            refresh_export_json(db, "id = ?", (annotation_id,))
        if before != row:
            record(db, analyst=analyst, action=action, table="annotations", row_id=annotation_id, item_id=item_id,
                   before=_for_history(before), after=_for_history(row))


def put_note(db: sqlite_utils.Database, note_id: int, row: Row | None, *, analyst: str | None, action: str,
             item_id: int | None) -> None:
    with write_tx(db):
        before = _put(db, "notes", NOTE_COLS, note_id, row)
        if before != row:
            record(db, analyst=analyst, action=action, table="notes", row_id=note_id, item_id=item_id,
                   before=_for_history(before), after=_for_history(row))


def put_item_state(db: sqlite_utils.Database, item_id: int, state: Row, *, analyst: str | None, action: str) -> None:
    """Set an item's status, date and `updated` stamp back to `state` exactly."""
    with write_tx(db):
        before = item_state(db, item_id)
        if before is None:
            raise KeyError(f"no item {item_id}")
        if before != state:
            sets = ", ".join(f"{c} = ?" for c in ITEM_STATE_COLS)
            db.conn.execute(f"UPDATE items SET {sets} WHERE id = ?", [state[c] for c in ITEM_STATE_COLS] + [item_id])
            changed = [c for c in ITEM_STATE_COLS if c != "updated" and before[c] != state[c]]
            record(db, analyst=analyst, action=action, table="items", row_id=item_id, item_id=item_id,
                   before={c: before[c] for c in changed}, after={c: state[c] for c in changed})


def put_alias(db: sqlite_utils.Database, kind: str, surface: str, row: Row | None, *, analyst: str | None,
              action: str) -> None:
    with write_tx(db):
        before = alias_row(db, kind, surface)
        if before == row:
            return
        if before is not None:
            db.conn.execute("DELETE FROM aliases WHERE id = ?", (before["id"],))
        if row is not None:
            db.conn.execute(f"INSERT INTO aliases ({_quoted(ALIAS_COLS)}) VALUES ({', '.join('?' * len(ALIAS_COLS))})",
                            [row[c] for c in ALIAS_COLS])
        record(db, analyst=analyst, action=action, table="aliases", row_id=(row or before or {}).get("id"),
               item_id=None, before=_for_history(before), after=_for_history(row))
