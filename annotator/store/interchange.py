"""Read-only queries for merging another store's export and comparing two analysts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from annotator.store.rows import dicts


def source_items(db: sqlite_utils.Database, sha256: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """The source with this SHA-256 and its items (id, position, date, body) in page order."""
    row = db.conn.execute("SELECT id, name, sha256 FROM sources WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        return None
    source = {"id": row[0], "name": row[1], "sha256": row[2]}
    rows = dicts(db.conn.execute(
        "SELECT id, position, date, body FROM items WHERE source_id = ? ORDER BY position", (source["id"],)))
    return source, rows


def analyst_annotations(db: sqlite_utils.Database, analysts: Iterable[str]) -> list[dict[str, Any]]:
    """Every tag whose analyst is one of `analysts` (any state), in item then offset order."""
    names = list(analysts)
    marks = ",".join("?" * len(names))
    return dicts(db.conn.execute(
        f'SELECT id, item_id, kind, start, "end", state, analyst FROM annotations WHERE analyst IN ({marks}) '
        'ORDER BY item_id, start, "end", id', names))


def item_bodies(db: sqlite_utils.Database, item_ids: Iterable[int]) -> dict[int, str]:
    ids = list(item_ids)
    out: dict[int, str] = {}
    for chunk in range(0, len(ids), 900):
        part = ids[chunk:chunk + 900]
        out.update(db.conn.execute(f"SELECT id, body FROM items WHERE id IN ({','.join('?' * len(part))})", part))
    return out
