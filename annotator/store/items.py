"""Item queries: filtered id lists for the lazy list model, row fetches, status changes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from annotator.store.clock import now
from annotator.store.db import write_tx
from annotator.store.history import record
from annotator.vocabulary import ITEM_STATUSES
from annotator.store.rows import dicts, one

# A single report's own columns (NULL for listing items): migration 0007.
REPORT_COLUMNS = ("i.layout, i.outlet, i.byline, i.dateline, i.date_line, i.date_line_no, i.date_rule, "
                  "i.needs_date")

SORTABLE = {"id": "i.id", "date": "i.date", "title": "i.title", "status": "i.status"}

LIST_COLUMNS = (
    "i.id, i.date, i.title, i.status, "
    "(SELECT count(*) FROM annotations a WHERE a.item_id = i.id AND a.state = 'suggested') AS suggested, "
    "(SELECT count(*) FROM annotations a WHERE a.item_id = i.id AND a.state IN ('accepted', 'edited')) AS accepted"
)


@dataclass
class ItemFilter:
    """What the item list shows. Every field narrows; None means no constraint."""

    search: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    kind: str | None = None
    speaker: str | None = None
    location: str | None = None
    unreviewed: bool = False
    source_id: int | None = None
    needs_date: bool = False
    # items that report an incident of these days (a click on a timeline bar); ISO days
    incident_from: str | None = None
    incident_to: str | None = None


def fts_query(text: str) -> str:
    """Turn what an analyst types into a safe FTS5 query: words ANDed, "quoted phrases" kept,
    a trailing * kept as prefix search. FTS5 syntax characters never reach the parser raw."""
    parts: list[str] = []
    for phrase, word in re.findall(r'"([^"]+)"|(\S+)', text):
        if phrase:
            tokens = re.findall(r"\w+", phrase)
            if tokens:
                parts.append('"' + " ".join(tokens) + '"')
        else:
            prefix = word.endswith("*")
            for token in re.findall(r"\w+", word):
                parts.append(f'"{token}"' + ("*" if prefix else ""))
    return " ".join(parts)


_VOWELS = "aeiouy"


def _skeleton_sql(column: str) -> str:
    """SQL for a name without case, vowels or hyphens: spelling variants ("Seif" / "Saif",
    "Deir Ezzor" / "Deir ez-Zor") share it."""
    expr = f"lower({column})"
    for ch in _VOWELS + "-'’":
        quoted = ch.replace("'", "''")
        expr = f"replace({expr}, '{quoted}', '')"
    return f"replace({expr}, '  ', ' ')"


def skeleton(name: str) -> str:
    """The same key in Python (for the parameter)."""
    out = name.lower()
    for ch in _VOWELS + "-'’":
        out = out.replace(ch, "")
    return " ".join(out.split())


def _name_match(value: str) -> tuple[str, list[Any]]:
    """A speaker / location filter as analysts type it: part of the name ("Idl", "Riad S"), in
    any case, or the name in another spelling ("Riad Saif" finds "Riad Seif")."""
    name, text = "json_extract(a.attributes, '$.name')", "a.text"
    like = "%" + value.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    parts = [f"{name} LIKE ? ESCAPE '\\'", f"{text} LIKE ? ESCAPE '\\'"]
    params: list[Any] = [like, like]
    key = skeleton(value)
    if len(key.replace(" ", "")) >= 3:  # too few consonants would match almost any name
        for column in (name, text):
            parts.append(f"{_skeleton_sql(column)} LIKE ?")
            params.append(key + "%")
    return " OR ".join(parts), params


def _where(f: ItemFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.search and fts_query(f.search):
        clauses.append("i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)")
        params.append(fts_query(f.search))
    if f.status:
        clauses.append("i.status = ?")
        params.append(f.status)
    if f.date_from:
        clauses.append("i.date >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append("i.date <= ?")
        params.append(f.date_to)
    if f.needs_date:
        clauses.append("i.needs_date = 1")
    if f.source_id is not None:
        clauses.append("i.source_id = ?")
        params.append(f.source_id)
    if f.kind:
        clauses.append("EXISTS (SELECT 1 FROM annotations a WHERE a.item_id = i.id AND a.kind = ? AND a.state != 'rejected')")
        params.append(f.kind)
    for kind, value in (("speaker", f.speaker), ("location", f.location)):
        if value:
            clause, more = _name_match(value)
            clauses.append("EXISTS (SELECT 1 FROM annotations a WHERE a.item_id = i.id AND a.kind = ? "
                           f"AND a.state != 'rejected' AND ({clause}))")
            params.extend([kind, *more])
    if f.unreviewed:
        clauses.append("EXISTS (SELECT 1 FROM annotations a WHERE a.item_id = i.id AND a.state = 'suggested')")
    if f.incident_from or f.incident_to:
        clauses.append(_incident_days_clause())
        params.extend(_incident_days_params(f.incident_from, f.incident_to))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


INCIDENT_SPAN_DAYS = 400  # an incident lasts less than this: bounds the index range on date_start


def _incident_days_clause() -> str:
    """Items holding a figure of an incident whose days touch the period. Read from the
    incidents (by their date index) outwards, not item by item."""
    return ("i.id IN (SELECT a.item_id FROM incidents n JOIN incident_figures f ON f.incident_id = n.id "
            "JOIN annotations a ON a.id = f.annotation_id WHERE n.date_start >= ? AND n.date_start <= ? "
            "AND n.date_end >= ?)")


def _incident_days_params(first: str | None, last: str | None) -> list[str]:
    from datetime import date, timedelta

    lo = first or "0000-01-01"
    try:
        earliest = (date.fromisoformat(lo) - timedelta(days=INCIDENT_SPAN_DAYS)).isoformat()
    except ValueError:
        earliest = "0000-01-01"
    return [earliest, last or "9999-12-31", lo]


def item_ids(db: sqlite_utils.Database, f: ItemFilter | None = None, order: str = "date", descending: bool = False) -> list[int]:
    """Ids of the items matching `f`, in display order (date, then position in page)."""
    where, params = _where(f or ItemFilter())
    col = SORTABLE.get(order, "i.date")
    direction = "DESC" if descending else "ASC"
    tie = f"i.source_id {direction}, i.position" if order == "date" else "i.id"
    sql = f"SELECT i.id FROM items i{where} ORDER BY {col} {direction}, {tie}"
    return [row[0] for row in db.conn.execute(sql, params)]


def list_rows(db: sqlite_utils.Database, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The columns the item list shows, for a page of ids."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = dicts(db.conn.execute(f"SELECT {LIST_COLUMNS} FROM items i WHERE i.id IN ({marks})", ids))
    return {r["id"]: r for r in rows}


def get_item(db: sqlite_utils.Database, item_id: int) -> dict[str, Any] | None:
    return one(
        db.conn.execute(
            'SELECT i.id, i.source_id, i.position, i.date, i.category, i.title, i.body, i.attribution, i.start, i."end", '
            "i.body_start, i.body_end, i.content_hash, i.status, i.updated, s.path AS source_path, s.name AS source_name, "
            "s.sha256 AS source_sha256, s.origin AS source_origin, s.format AS source_format, "
            f"{REPORT_COLUMNS} FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id = ?",
            (item_id,),
        )
    )


def count_items(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT count(*) FROM items").fetchone()[0]


def count_by_date(db: sqlite_utils.Database) -> dict[str, int]:
    return dict(db.conn.execute("SELECT date, count(*) FROM items GROUP BY date ORDER BY date").fetchall())


def count_by_status(db: sqlite_utils.Database) -> dict[str, int]:
    return dict(db.conn.execute("SELECT status, count(*) FROM items GROUP BY status").fetchall())


def set_status(db: sqlite_utils.Database, item_id: int, status: str, analyst: str | None) -> str:
    """Change an item's status; returns the previous one."""
    if status not in ITEM_STATUSES:
        raise ValueError(f"unknown status {status!r}; expected one of {', '.join(ITEM_STATUSES)}")
    with write_tx(db):
        row = db.conn.execute("SELECT status FROM items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise KeyError(f"no item {item_id}")
        before = row[0]
        if before != status:
            db.conn.execute("UPDATE items SET status = ?, updated = ? WHERE id = ?", (status, now(), item_id))
            record(db, analyst=analyst, action="status", table="items", row_id=item_id, item_id=item_id,
                   before={"status": before}, after={"status": status})
    return before


def items_for_export(db: sqlite_utils.Database, f: ItemFilter | None = None):
    """Stream full item rows (with source file and hash) matching `f`, in id order."""
    where, params = _where(f or ItemFilter())
    cur = db.conn.execute(
        'SELECT i.id, i.source_id, i.position, i.date, i.category, i.title, i.body, i.attribution, i.start, i."end", '
        "i.body_start, i.body_end, i.status, s.path AS source_path, s.name AS source_name, s.sha256 AS source_sha256, "
        f"{REPORT_COLUMNS} FROM items i JOIN sources s ON s.id = i.source_id{where} ORDER BY i.id",
        params,
    )
    cols = [c[0] for c in cur.description]
    for row in cur:
        yield dict(zip(cols, row))


def set_date(db: sqlite_utils.Database, item_id: int, value: str, rule: str, analyst: str | None) -> dict[str, Any]:
    """Give an item its date (an analyst's answer to "needs date"); returns the state before.
    `value` is an ISO date (YYYY-MM-DD)."""
    with write_tx(db):
        row = db.conn.execute("SELECT date, needs_date, date_rule FROM items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise KeyError(f"no item {item_id}")
        before = {"date": row[0], "needs_date": row[1], "date_rule": row[2]}
        after = {"date": value, "needs_date": 0, "date_rule": rule}
        if before != after:
            db.conn.execute("UPDATE items SET date = ?, needs_date = 0, date_rule = ?, updated = ? WHERE id = ?",
                            (value, rule, now(), item_id))
            record(db, analyst=analyst, action="set date", table="items", row_id=item_id, item_id=item_id,
                   before=before, after=after)
    return before


def count_needing_date(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT count(*) FROM items WHERE needs_date = 1").fetchone()[0]
