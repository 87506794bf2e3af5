"""Read-only queries the item list needs beyond items.py: sorting by tag counts, quick counts."""

from __future__ import annotations

import sqlite_utils

from annotator.store.items import ItemFilter, _where

COUNT_STATES = {"suggested": "('suggested')", "accepted": "('accepted', 'edited')"}


def item_ids_by_count(db: sqlite_utils.Database, f: ItemFilter | None, which: str, descending: bool = False) -> list[int]:
    """Ids matching `f`, ordered by how many `which` (suggested / accepted) tags each has."""
    states = COUNT_STATES[which]
    where, params = _where(f or ItemFilter())
    direction = "DESC" if descending else "ASC"
    sql = (
        f"SELECT i.id FROM items i LEFT JOIN (SELECT item_id, count(*) AS n FROM annotations WHERE state IN {states} "
        f"GROUP BY item_id) c ON c.item_id = i.id{where} ORDER BY coalesce(c.n, 0) {direction}, i.date, i.id"
    )
    return [row[0] for row in db.conn.execute(sql, params)]


def count_with_status(db: sqlite_utils.Database, status: str) -> int:
    return db.conn.execute("SELECT count(*) FROM items WHERE status = ?", (status,)).fetchone()[0]


def count_all(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT count(*) FROM items").fetchone()[0]
