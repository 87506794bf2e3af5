"""The store's own gazetteer and speaker aliases, learned from analysts' manual tags."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from annotator.store.clock import now
from annotator.store.db import write_tx
from annotator.store.rows import dicts, to_json


def upsert(db: sqlite_utils.Database, *, kind: str, surface: str, canonical: str,
           attributes: dict[str, Any] | None = None, analyst: str | None = None) -> None:
    with write_tx(db):
        db.conn.execute(
            "INSERT INTO aliases (kind, surface, canonical, attributes, analyst, created) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (kind, surface) DO UPDATE SET canonical = excluded.canonical, attributes = excluded.attributes, "
            "analyst = excluded.analyst",
            (kind, surface, canonical, to_json(attributes or {}), analyst, now()),
        )


def all_aliases(db: sqlite_utils.Database, kind: str | None = None) -> list[dict[str, Any]]:
    if kind:
        return dicts(db.conn.execute("SELECT kind, surface, canonical, attributes FROM aliases WHERE kind = ? ORDER BY id", (kind,)))
    return dicts(db.conn.execute("SELECT kind, surface, canonical, attributes FROM aliases ORDER BY id"))


def known_names(db: sqlite_utils.Database, kind: str) -> list[str]:
    """Canonical names analysts have used for `kind` (for completion and cross-item resolution)."""
    cur = db.conn.execute(
        "SELECT DISTINCT json_extract(attributes, '$.name') FROM annotations WHERE kind = ? AND state IN ('accepted', 'edited') "
        "AND json_extract(attributes, '$.name') IS NOT NULL UNION SELECT canonical FROM aliases WHERE kind = ?",
        (kind, kind),
    )
    return sorted({r[0] for r in cur.fetchall() if r[0]})
