"""The store's own gazetteer and speaker aliases, learned from analysts' manual tags."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from annotator.store.clock import now
from annotator.store.db import write_tx
from annotator.store.history import record
from annotator.store.rows import dicts, to_json

_COLS = ("id", "kind", "surface", "canonical", "attributes", "analyst", "created")


def _row(db: sqlite_utils.Database, kind: str, surface: str) -> dict[str, Any] | None:
    row = db.conn.execute(f"SELECT {', '.join(_COLS)} FROM aliases WHERE kind = ? AND surface = ?", (kind, surface)).fetchone()
    return dict(zip(_COLS, row)) if row else None


def upsert(db: sqlite_utils.Database, *, kind: str, surface: str, canonical: str,
           attributes: dict[str, Any] | None = None, analyst: str | None = None) -> None:
    """Learn (or re-teach) surface -> canonical; a change is recorded in history (action "learn")."""
    with write_tx(db):
        before = _row(db, kind, surface)
        db.conn.execute(
            "INSERT INTO aliases (kind, surface, canonical, attributes, analyst, created) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (kind, surface) DO UPDATE SET canonical = excluded.canonical, attributes = excluded.attributes, "
            "analyst = excluded.analyst",
            (kind, surface, canonical, to_json(attributes or {}), analyst, now()),
        )
        after = _row(db, kind, surface)
        if after != before:
            record(db, analyst=analyst, action="learn", table="aliases", row_id=after["id"] if after else None,
                   item_id=None, before=before, after=after)


def all_aliases(db: sqlite_utils.Database, kind: str | None = None) -> list[dict[str, Any]]:
    if kind:
        return dicts(db.conn.execute("SELECT kind, surface, canonical, attributes FROM aliases WHERE kind = ? ORDER BY id", (kind,)))
    return dicts(db.conn.execute("SELECT kind, surface, canonical, attributes FROM aliases ORDER BY id"))


def alias_rows(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every alias with who taught it and when (for Tools > Learned)."""
    return dicts(db.conn.execute("SELECT id, kind, surface, canonical, attributes, analyst, created FROM aliases ORDER BY kind, surface"))


def known_names(db: sqlite_utils.Database, kind: str) -> list[str]:
    """Canonical names analysts have used for `kind` (for completion and cross-item resolution)."""
    cur = db.conn.execute(
        "SELECT DISTINCT json_extract(attributes, '$.name') FROM annotations WHERE kind = ? AND state IN ('accepted', 'edited') "
        "AND json_extract(attributes, '$.name') IS NOT NULL UNION SELECT canonical FROM aliases WHERE kind = ?",
        (kind, kind),
    )
    return sorted({r[0] for r in cur.fetchall() if r[0]})


def names_in_use(db: sqlite_utils.Database, kind: str) -> list[str]:
    """Every name a `kind` tag carries or reads (suggested ones too, rejected ones not): what the
    item list's speaker / location filter completes from."""
    cur = db.conn.execute(
        "SELECT DISTINCT coalesce(json_extract(attributes, '$.name'), text) FROM annotations "
        "WHERE kind = ? AND state != 'rejected' UNION SELECT canonical FROM aliases WHERE kind = ?", (kind, kind))
    return sorted({" ".join(str(r[0]).split()) for r in cur.fetchall() if r[0]}, key=str.casefold)
