"""Read-only streams for exports: each item with its tags and notes, in item id order.

Three cursors walk items, annotations and notes in item order on one connection (so one
snapshot of the store) and are merged in Python: no query per item, whatever the size.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlite_utils

from annotator.store.items import ItemFilter, _where
from annotator.store.migrations import STATES
from annotator.store.rows import decode

# --state choices -> annotation states exported ("edited" counts as accepted).
STATE_SETS: dict[str, tuple[str, ...]] = {
    "default": ("suggested", "accepted", "edited"),   # everything but rejected
    "accepted": ("accepted", "edited"),
    "reviewed": ("accepted", "edited", "rejected"),  # every analyst decision, no pending suggestion
    "all": STATES,
}

ITEM_COLUMNS = (
    'i.id, i.source_id, i.position, i.date, i.category, i.title, i.body, i.attribution, i.start, i."end", '
    "i.body_start, i.body_end, i.status, s.name AS source_name, s.sha256 AS source_sha256"
)
ANNOTATION_COLUMNS = (
    'a.id, a.item_id, a.kind, a.start, a."end", a.text, a.attributes, a.origin, a.state, a.rule, a.confidence, '
    "a.analyst, a.created, a.updated, a.conflict_group"
)
NOTE_COLUMNS = ("n.id, n.item_id, n.annotation_id, n.grading, n.sources, n.checklist, n.text, n.analyst, n.created, "
                "n.updated")

Bundle = tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]


def _and(where: str, clause: str) -> str:
    return f"{where} AND {clause}" if where else f" WHERE {clause}"


def count_export_items(db: sqlite_utils.Database, f: ItemFilter | None = None) -> int:
    where, params = _where(f or ItemFilter())
    return db.conn.execute(f"SELECT count(*) FROM items i{where}", params).fetchone()[0]


def _rows(cur) -> Iterator[dict[str, Any]]:  # noqa: ANN001 - sqlite3.Cursor
    cols = [c[0] for c in cur.description]
    while True:
        chunk = cur.fetchmany(2000)
        if not chunk:
            return
        for row in chunk:
            yield dict(zip(cols, row))


def iter_export(db: sqlite_utils.Database, f: ItemFilter | None = None,
                states: Sequence[str] = STATE_SETS["default"]) -> Iterator[Bundle]:
    """(item, tags, notes) for every item matching `f`, in id order. Tags are those in `states`,
    ordered by start, end, id, with attributes decoded; notes are the item's own notes and those
    on an exported tag, in id order."""
    where, params = _where(f or ItemFilter())
    marks = ",".join("?" * len(states))
    # CROSS JOIN pins items as the outer loop: rows come out in item id order straight from the
    # primary key, so no cursor has to sort millions of joined rows.
    conn = db.conn
    items = conn.execute(
        f"SELECT {ITEM_COLUMNS} FROM items i CROSS JOIN sources s ON s.id = i.source_id{where} ORDER BY i.id", params)
    anns = conn.execute(
        f"SELECT {ANNOTATION_COLUMNS} FROM items i CROSS JOIN annotations a ON a.item_id = i.id"
        f"{_and(where, f'a.state IN ({marks})')} ORDER BY i.id", [*params, *states])
    notes = conn.execute(
        f"SELECT {NOTE_COLUMNS} FROM items i CROSS JOIN notes n ON n.item_id = i.id "
        f"LEFT JOIN annotations a ON a.id = n.annotation_id"
        f"{_and(where, f'(n.annotation_id IS NULL OR a.state IN ({marks}))')} ORDER BY i.id, n.id",
        [*params, *states])
    ann_rows, note_rows = _rows(anns), _rows(notes)
    next_ann, next_note = next(ann_rows, None), next(note_rows, None)
    for item in _rows(items):
        item_id = item["id"]
        tags: list[dict[str, Any]] = []
        while next_ann is not None and next_ann["item_id"] == item_id:
            tags.append(decode(next_ann))
            next_ann = next(ann_rows, None)
        item_notes: list[dict[str, Any]] = []
        while next_note is not None and next_note["item_id"] == item_id:
            item_notes.append(decode(next_note))
            next_note = next(note_rows, None)
        if len(tags) > 1:
            tags.sort(key=lambda a: (a["start"], a["end"], a["id"]))
        yield item, tags, item_notes
