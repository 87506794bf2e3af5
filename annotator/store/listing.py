"""Read-only queries the item list needs beyond items.py: display order over a million items,
sorting by tag counts, quick counts.

Two indexes (migration 0003_item_list_indexes) keep these fast: `idx_items_order` gives the
display order without sorting, and `idx_items_lookup` (keyed by id, carrying date, source,
position and status) lets a search sort its matches without reading the wide item rows.
"""

from __future__ import annotations

import json

import sqlite_utils

from annotator.store.items import ItemFilter, _where

COUNT_STATES = {"suggested": "('suggested')", "accepted": "('accepted', 'edited')"}
ORDER = "i.date, i.source_id, i.position"


def _has_index(db: sqlite_utils.Database, name: str) -> bool:
    return db.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone() is not None


def item_ids_by_date(db: sqlite_utils.Database, f: ItemFilter | None, descending: bool = False,
                     limit: int | None = None) -> list[int]:
    """Ids matching `f` by date, then page and position on the page (newest first if descending).

    The full descending list is the ascending one reversed (one index scan either way); with a
    `limit`, the index is read backwards, which gives the same first rows."""
    f = f or ItemFilter()
    where, params = _where(f)
    hint = " INDEXED BY idx_items_lookup" if f.search and _has_index(db, "idx_items_lookup") else ""
    sql = f"SELECT i.id FROM items i{hint}{where} ORDER BY "
    if limit is not None:
        order = "i.date DESC, i.source_id DESC, i.position DESC" if descending else ORDER
        return [row[0] for row in db.conn.execute(f"{sql}{order} LIMIT ?", [*params, limit])]
    ids = [row[0] for row in db.conn.execute(sql + ORDER, params)]
    if descending:
        ids.reverse()
    return ids


def item_ids_by_count(db: sqlite_utils.Database, f: ItemFilter | None, which: str, descending: bool = False) -> list[int]:
    """Ids matching `f`, ordered by how many `which` (suggested / accepted) tags each has."""
    states = COUNT_STATES[which]
    where, params = _where(f or ItemFilter())
    direction = "DESC" if descending else "ASC"
    sql = (
        f"SELECT i.id FROM items i LEFT JOIN (SELECT item_id, count(*) AS n FROM annotations WHERE state IN {states} "
        f"GROUP BY item_id) c ON c.item_id = i.id{where} ORDER BY coalesce(c.n, 0) {direction}, {ORDER}"
    )
    return [row[0] for row in db.conn.execute(sql, params)]


def count_with_status(db: sqlite_utils.Database, status: str) -> int:
    return db.conn.execute("SELECT count(*) FROM items WHERE status = ?", (status,)).fetchone()[0]


def count_all(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT count(*) FROM items").fetchone()[0]


def fts_ids(db: sqlite_utils.Database, query: str) -> list[int]:
    """Ids of the items whose body matches an FTS5 query (already made safe by fts_query).

    One comma-joined string read as a JSON array instead of a Python row per hit: half the time
    for tens of thousands of hits."""
    joined = db.conn.execute("SELECT group_concat(rowid) FROM items_fts WHERE items_fts MATCH ?", (query,)).fetchone()[0]
    return json.loads(f"[{joined}]") if joined else []


def max_item_id(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT coalesce(max(id), 0) FROM items").fetchone()[0]
