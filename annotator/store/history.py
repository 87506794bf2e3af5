"""The audit log: every change, never edited, never pruned."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from annotator.store.clock import now


def record(
    db: sqlite_utils.Database,
    *,
    analyst: str | None,
    action: str,
    table: str,
    row_id: int | None,
    item_id: int | None,
    before: Any = None,
    after: Any = None,
) -> None:
    db.conn.execute(
        "INSERT INTO history (at, analyst, action, table_name, row_id, item_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            now(),
            analyst,
            action,
            table,
            row_id,
            item_id,
            None if before is None else json.dumps(before, ensure_ascii=False, sort_keys=True),
            None if after is None else json.dumps(after, ensure_ascii=False, sort_keys=True),
        ),
    )


def record_many(db: sqlite_utils.Database, entries: list[dict[str, Any]]) -> None:
    """Several rows at once (bulk import); each entry has the keyword arguments of `record`."""
    stamp = now()
    db.conn.executemany(
        "INSERT INTO history (at, analyst, action, table_name, row_id, item_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                stamp, e.get("analyst"), e["action"], e["table"], e.get("row_id"), e.get("item_id"),
                None if e.get("before") is None else json.dumps(e["before"], ensure_ascii=False, sort_keys=True),
                None if e.get("after") is None else json.dumps(e["after"], ensure_ascii=False, sort_keys=True),
            )
            for e in entries
        ],
    )


def for_item(db: sqlite_utils.Database, item_id: int) -> list[dict]:
    cur = db.conn.execute(
        "SELECT id, at, analyst, action, table_name, row_id, before, after FROM history "
        "WHERE item_id = ? ORDER BY id",
        (item_id,),
    )
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def count(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT count(*) FROM history").fetchone()[0]


def last_change(db: sqlite_utils.Database, table: str, row_ids: list[int]) -> dict[str, Any] | None:
    """The newest history row about any of `row_ids` in `table` (who, which action, when)."""
    ids = [i for i in row_ids if i is not None]
    if not ids:
        return None
    cur = db.conn.execute(
        "SELECT id, at, analyst, action, table_name, row_id, item_id, before, after FROM history "
        f"WHERE table_name = ? AND row_id IN ({', '.join('?' * len(ids))}) ORDER BY id DESC LIMIT 1",
        (table, *ids),
    )
    row = cur.fetchone()
    return dict(zip([c[0] for c in cur.description], row)) if row else None
