"""Reads and writes of the learning layer: the analysts' decisions on speaker and location tags
(with the text around each, for its context), and the overrides that make it forget."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from annotator.store.clock import now
from annotator.store.db import write_tx
from annotator.store.history import record

WINDOW = 48  # characters read on each side of a decided span (tagging.learned.CONTEXT_CHARS)
_CHUNK = 900  # SQLite's default limit on bound parameters is 999
OVERRIDE_COLS = ("id", "kind", "form", "context", "rejections", "analyst", "created")


def decision_counts(db: sqlite_utils.Database, kinds: tuple[str, ...] = ("speaker", "location")) -> list[dict[str, Any]]:
    """How many reviewed or hand-made tags of these kinds have each (kind, text, state): kind,
    text, state, `analysts` (joined by \\x1f) and n; `name` is the canonical name of accepted
    locations (the places analysts know), None otherwise."""
    marks = ",".join("?" * len(kinds))
    cur = db.conn.execute(
        f"""SELECT kind, text, state, NULL, group_concat(DISTINCT analyst), count(*)
            FROM annotations WHERE kind IN ({marks}) AND state IN ('accepted', 'edited', 'rejected')
              AND NOT (kind = 'location' AND state != 'rejected')
            GROUP BY kind, text, state
            UNION ALL
            SELECT kind, text, state, json_extract(attributes, '$.name') AS name, group_concat(DISTINCT analyst), count(*)
            FROM annotations WHERE kind = 'location' AND ? AND state IN ('accepted', 'edited')
            GROUP BY text, state, name""",
        (*kinds, "location" in kinds),
    )
    cols = ("kind", "text", "state", "name", "analysts", "n")
    return [dict(zip(cols, (*row[:4], (row[4] or "").replace(",", "\x1f"), row[5]))) for row in cur]


LATEST = 400  # accepted decisions read per surface text for its contexts (the newest)


def decisions(db: sqlite_utils.Database, texts: dict[str, list[str]], latest: int = LATEST) -> list[dict[str, Any]]:
    """The reviewed or hand-made tags whose text is one of `texts[kind]`, with the body around
    them: every rejection, and the newest `latest` acceptances of each text (a context needs only
    to be seen accepted as often as it was rejected, and a store can hold hundreds of thousands).
    Columns: kind, text, rule, state, origin, analyst, name (None: the counts carry names),
    `window` and `offset` (where the tag starts in the window)."""
    cols = ("kind", "text", "rule", "state", "origin", "analyst", "name", "window", "offset")
    out: list[dict[str, Any]] = []
    for kind, wanted in texts.items():
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            cur = db.conn.execute(
                f"""WITH picked AS (
                        SELECT id, item_id, start, "end", kind, text, rule, state, origin, analyst,
                               row_number() OVER (PARTITION BY text, state = 'rejected' ORDER BY id DESC) AS nth
                        FROM annotations
                        WHERE kind = ? AND state IN ('accepted', 'edited', 'rejected')
                          AND text IN ({",".join("?" * len(chunk))}))
                    SELECT a.kind, a.text, a.rule, a.state, a.origin, a.analyst, NULL,
                           substr(i.body, max(1, a.start + 1 - {WINDOW}), a."end" - max(0, a.start - {WINDOW}) + {WINDOW}),
                           a.start - max(0, a.start - {WINDOW})
                    FROM picked a JOIN items i ON i.id = a.item_id
                    WHERE a.state = 'rejected' OR a.nth <= ?
                    ORDER BY a.id""",
                (kind, *chunk, latest),
            )
            out.extend(dict(zip(cols, row)) for row in cur)
    return out


def overrides(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    cur = db.conn.execute(f"SELECT {', '.join(OVERRIDE_COLS)} FROM learning_overrides ORDER BY id")
    return [dict(zip(OVERRIDE_COLS, row)) for row in cur]


def override_row(db: sqlite_utils.Database, kind: str, form: str, context: str) -> dict[str, Any] | None:
    row = db.conn.execute(f"SELECT {', '.join(OVERRIDE_COLS)} FROM learning_overrides WHERE kind = ? AND form = ? "
                          "AND context = ?", (kind, form, context)).fetchone()
    return dict(zip(OVERRIDE_COLS, row)) if row else None


def put_override(db: sqlite_utils.Database, kind: str, form: str, context: str, row: dict[str, Any] | None, *,
                 analyst: str | None, action: str) -> None:
    """Make the override of (kind, form, context) exactly `row` (None: none), with a history row."""
    with write_tx(db):
        before = override_row(db, kind, form, context)
        if before == row:
            return
        if before is not None:
            db.conn.execute("DELETE FROM learning_overrides WHERE id = ?", (before["id"],))
        if row is not None:
            db.conn.execute(f"INSERT INTO learning_overrides ({', '.join(OVERRIDE_COLS)}) VALUES "
                            f"({', '.join('?' * len(OVERRIDE_COLS))})", [row[c] for c in OVERRIDE_COLS])
        record(db, analyst=analyst, action=action, table="learning_overrides",
               row_id=(row or before or {}).get("id"), item_id=None, before=before, after=row)


def new_override(db: sqlite_utils.Database, kind: str, form: str, context: str, rejections: int,
                 analyst: str | None) -> dict[str, Any]:
    """The row `put_override` needs to forget `rejections` rejections of (kind, form, context)."""
    next_id = db.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM learning_overrides").fetchone()[0]
    return {"id": next_id, "kind": kind, "form": form, "context": context, "rejections": rejections,
            "analyst": analyst, "created": now()}


def learning_history(db: sqlite_utils.Database, limit: int = 200) -> list[dict[str, Any]]:
    """The latest history rows of learned aliases and learning overrides, newest first."""
    cur = db.conn.execute(
        "SELECT id, at, analyst, action, table_name, row_id, before, after FROM history "
        "WHERE table_name IN ('aliases', 'learning_overrides') ORDER BY id DESC LIMIT ?", (limit,))
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row)) for row in cur]
