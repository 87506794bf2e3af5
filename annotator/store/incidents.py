"""Incidents and the placing of casualty tags in them (tables from migration 0007).

Rows are read and written as raw column values so undo/redo (services.changes) restores them
exactly; every write is recorded in `history`. `SuggestionWriter` is the one bulk write: a
suggestion run, one transaction, one history row saying what it created and removed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import sqlite_utils

from annotator.store.clock import now
from annotator.store.db import write_tx
from annotator.store.history import record, record_many
from annotator.store.rows import inserted_id
from annotator.store.items import ItemFilter, _where
from annotator.vocabulary import INCIDENT_STATES

INCIDENT_COLS = (
    "id", "state", "label", "date_start", "date_end", "date_prec", "place", "geonameid", "lat", "lon", "where_prec",
    "kind", "figures", "fatalities", "number_of_sources", "grading", "grading_suggested", "event_clarity", "edited",
    "analyst", "created", "updated", "country", "admin1",
)
FIGURE_COLS = ("annotation_id", "incident_id", "role", "decided", "analyst", "updated")
EDITABLE = ("state", "label", "date_start", "date_end", "date_prec", "place", "geonameid", "lat", "lon", "where_prec",
            "kind", "figures", "fatalities", "grading", "event_clarity", "country", "admin1")
Row = dict[str, Any]


def _quoted(cols: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in cols)


def _decoded(row: Row | None) -> Any:
    if row is None:
        return None
    out = dict(row)
    for key in ("figures", "edited"):
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    return out


def incident_row(db: sqlite_utils.Database, incident_id: int) -> Row | None:
    row = db.conn.execute(f"SELECT {_quoted(INCIDENT_COLS)} FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    return dict(zip(INCIDENT_COLS, row)) if row else None


def figure_row(db: sqlite_utils.Database, annotation_id: int) -> Row | None:
    row = db.conn.execute(f"SELECT {_quoted(FIGURE_COLS)} FROM incident_figures WHERE annotation_id = ?",
                          (annotation_id,)).fetchone()
    return dict(zip(FIGURE_COLS, row)) if row else None


def get(db: sqlite_utils.Database, incident_id: int) -> Row | None:
    return _decoded(incident_row(db, incident_id))


def member_ids(db: sqlite_utils.Database, incident_id: int) -> list[int]:
    return [r[0] for r in db.conn.execute(
        "SELECT annotation_id FROM incident_figures WHERE incident_id = ? ORDER BY annotation_id", (incident_id,))]


def put_incident(db: sqlite_utils.Database, incident_id: int, row: Row | None, *, analyst: str | None,
                 action: str) -> None:
    """Make incident `incident_id` equal `row` (None: absent), recorded in history."""
    with write_tx(db):
        before = incident_row(db, incident_id)
        if before == row:
            return
        if row is None:
            db.conn.execute("DELETE FROM incidents WHERE id = ?", (incident_id,))
        elif before is None:
            db.conn.execute(f"INSERT INTO incidents ({_quoted(INCIDENT_COLS)}) VALUES "
                            f"({', '.join('?' * len(INCIDENT_COLS))})", [row[c] for c in INCIDENT_COLS])
        else:
            sets = ", ".join(f'"{c}" = ?' for c in INCIDENT_COLS if c != "id")
            db.conn.execute(f"UPDATE incidents SET {sets} WHERE id = ?",
                            [row[c] for c in INCIDENT_COLS if c != "id"] + [incident_id])
        record(db, analyst=analyst, action=action, table="incidents", row_id=incident_id, item_id=None,
               before=_decoded(before), after=_decoded(row))


def put_figure(db: sqlite_utils.Database, annotation_id: int, row: Row | None, *, analyst: str | None,
               action: str) -> None:
    """Make the placing of casualty tag `annotation_id` equal `row` (None: not placed)."""
    with write_tx(db):
        before = figure_row(db, annotation_id)
        if before == row:
            return
        if row is None:
            db.conn.execute("DELETE FROM incident_figures WHERE annotation_id = ?", (annotation_id,))
        else:
            db.conn.execute(f"INSERT OR REPLACE INTO incident_figures ({_quoted(FIGURE_COLS)}) VALUES "
                            f"({', '.join('?' * len(FIGURE_COLS))})", [row[c] for c in FIGURE_COLS])
        item = db.conn.execute("SELECT item_id FROM annotations WHERE id = ?", (annotation_id,)).fetchone()
        record(db, analyst=analyst, action=action, table="incident_figures", row_id=annotation_id,
               item_id=item[0] if item else None, before=before, after=row)


def new_incident(db: sqlite_utils.Database, fields: Row, *, analyst: str | None, state: str = "suggested") -> int:
    """Insert an incident with `fields` (JSON columns as values); returns its id."""
    stamp = now()
    row: Row = {c: None for c in INCIDENT_COLS if c != "id"}
    row.update(state=state, label="", figures="{}", number_of_sources=0, event_clarity=1, edited="[]",
               analyst=analyst, created=stamp, updated=stamp)
    row.update({k: (json.dumps(v, sort_keys=True) if k in ("figures", "edited") and not isinstance(v, str) else v)
                for k, v in fields.items()})
    with write_tx(db):
        cols = [c for c in INCIDENT_COLS if c != "id"]
        cur = db.conn.execute(f"INSERT INTO incidents ({_quoted(cols)}) VALUES ({', '.join('?' * len(cols))})",
                              [row[c] for c in cols])
        new_id = inserted_id(cur)
        record(db, analyst=analyst, action="incident", table="incidents", row_id=new_id, item_id=None,
               after=_decoded({"id": new_id, **row}))
    return new_id


def placing_row(annotation_id: int, incident_id: int | None, role: str, decided: bool, analyst: str | None) -> Row:
    return {"annotation_id": annotation_id, "incident_id": incident_id, "role": role, "decided": int(decided),
            "analyst": analyst, "updated": now()}


# --- reading for the suggestion and the views ----------------------------------------------------
# The suggestion's one ordered pass (report date, source, position): every item with its body
# (read once), and the casualty and location tags of the items, each walking idx_items_order
# and then the item's row or its tags through idx_ann_item: no sort, no subquery per row.
SUGGEST_ITEMS_SQL = (
    "SELECT i.id, i.date, i.attribution, i.source_id, i.body FROM items i INDEXED BY idx_items_order "
    "ORDER BY i.date, i.source_id, i.position"
)
SUGGEST_TAGS_SQL = (
    'SELECT a.item_id, a.kind, a.id, a.start, a."end", a.text, a.attributes, a.state '
    "FROM items i INDEXED BY idx_items_order CROSS JOIN annotations a INDEXED BY idx_ann_item ON a.item_id = i.id "
    "WHERE a.kind IN ('casualty', 'location') AND a.state != 'rejected' ORDER BY i.date, i.source_id, i.position"
)


def iter_suggest_items(db: sqlite_utils.Database, batch: int = 2000) -> Iterator[tuple]:
    """(item id, date, attribution, source id, body) of every item, in report date order."""
    cur = db.conn.execute(SUGGEST_ITEMS_SQL)
    while rows := cur.fetchmany(batch):
        yield from rows


def iter_suggest_tags(db: sqlite_utils.Database, batch: int = 5000) -> Iterator[tuple]:
    """(item id, kind, annotation id, start, end, text, attributes, state) of the casualty and
    location tags that are not rejected, in the same item order (an item's tags by position)."""
    cur = db.conn.execute(SUGGEST_TAGS_SQL)
    while rows := cur.fetchmany(batch):
        yield from rows


def iter_suggest_item_ids(db: sqlite_utils.Database, batch: int = 5000) -> Iterator[int]:
    """Every item id in the suggestion's order (report date, source, position)."""
    cur = db.conn.execute("SELECT i.id FROM items i INDEXED BY idx_items_order ORDER BY i.date, i.source_id, i.position")
    while rows := cur.fetchmany(batch):
        for (item_id,) in rows:
            yield item_id


def suggest_chunk(db: sqlite_utils.Database, item_ids: Sequence[int]) -> tuple[dict[int, tuple], list[tuple]]:
    """These items as iter_suggest_items gives them (by id), and their tags as iter_suggest_tags
    does, item by item in the order of `item_ids` (one query each: a worker's share of a run)."""
    ids = json.dumps(list(item_ids))
    items = {r[0]: r for r in db.conn.execute(
        "SELECT id, date, attribution, source_id, body FROM items WHERE id IN (SELECT value FROM json_each(?))", (ids,))}
    tags = db.conn.execute(
        'SELECT a.item_id, a.kind, a.id, a.start, a."end", a.text, a.attributes, a.state FROM json_each(?) j '
        "CROSS JOIN annotations a INDEXED BY idx_ann_item ON a.item_id = j.value "
        "WHERE a.kind IN ('casualty', 'location') AND a.state != 'rejected'", (ids,)).fetchall()
    return items, tags


def item_with_tags(db: sqlite_utils.Database, item_id: int) -> tuple[tuple | None, list[tuple]]:
    """One item as iter_suggest_items gives it, and its tags as iter_suggest_tags does."""
    item = db.conn.execute("SELECT id, date, attribution, source_id, body FROM items WHERE id = ?", (item_id,)).fetchone()
    tags = db.conn.execute(
        'SELECT item_id, kind, id, start, "end", text, attributes, state FROM annotations WHERE item_id = ? '
        "AND kind IN ('casualty', 'location') AND state != 'rejected' ORDER BY start", (item_id,)).fetchall()
    return item, tags


def source_names(db: sqlite_utils.Database) -> dict[int, str]:
    return dict(db.conn.execute("SELECT id, name FROM sources"))


def kept_placings(db: sqlite_utils.Database) -> dict[int, tuple[int | None, str, int]]:
    """The placings a suggestion run keeps: every one an analyst decided and every figure of a
    confirmed incident (annotation id -> incident id, role, decided)."""
    return {a: (i, r, d) for a, i, r, d in db.conn.execute(
        "SELECT annotation_id, incident_id, role, decided FROM incident_figures WHERE decided = 1 OR incident_id IN "
        "(SELECT id FROM incidents WHERE state = 'confirmed')")}


def confirmed_ids(db: sqlite_utils.Database) -> set[int]:
    return {r[0] for r in db.conn.execute("SELECT id FROM incidents WHERE state = 'confirmed'")}


def clear_suggestions(db: sqlite_utils.Database) -> int:
    """Inside the run's transaction: remove the placings and incidents the last run suggested
    and nobody confirmed or decided. Returns the number of incidents removed."""
    db.conn.execute("DELETE FROM incident_figures WHERE decided = 0 AND (incident_id IS NULL OR incident_id NOT IN "
                    "(SELECT id FROM incidents WHERE state = 'confirmed'))")
    return db.conn.execute("DELETE FROM incidents WHERE state = 'suggested' AND id NOT IN "
                           "(SELECT incident_id FROM incident_figures WHERE incident_id IS NOT NULL)").rowcount


class SuggestionWriter:
    """Writes a suggestion run's results in batches, inside the run's one transaction."""

    BATCH = 5000

    def __init__(self, db: sqlite_utils.Database, analyst: str | None) -> None:
        self.db, self.analyst, self.stamp = db, analyst, now()
        # Placings are staged in a temporary table in the order they come (report date, so random
        # annotation ids) and moved in annotation id order at the end: inserting them straight
        # into incident_figures dirties a random page of its primary key at every row, which on
        # the million-item store rewrote gigabytes of pages through the write-ahead log.
        db.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS suggest_figures ({', '.join(FIGURE_COLS)})")
        db.conn.execute("DELETE FROM temp.suggest_figures")
        self.next_id = db.conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM incidents), 0), coalesce((SELECT seq FROM sqlite_sequence "
            "WHERE name = 'incidents'), 0)) + 1").fetchone()[0]
        self.first_id = self.next_id
        self.incidents: list[list[Any]] = []
        self.figures: list[tuple] = []
        self.created = self.placed = self.aggregates = 0

    def incident(self, fields: Row, members: list[tuple[int, str]]) -> int:
        incident_id = self.next_id
        self.next_id += 1
        row = {"country": None, "admin1": None, **fields, "id": incident_id, "state": "suggested", "edited": "[]",
               "analyst": self.analyst, "created": self.stamp, "updated": self.stamp, "grading": None,
               "event_clarity": 1}
        self.incidents.append([row.get(c) for c in INCIDENT_COLS])
        self.figures += [(a, incident_id, role, 0, self.analyst, self.stamp) for a, role in members]
        self.created += 1
        self._maybe_flush()
        return incident_id

    def join(self, annotation_id: int, incident_id: int, role: str) -> None:
        self.figures.append((annotation_id, incident_id, role, 0, self.analyst, self.stamp))
        self._maybe_flush()

    def aggregate(self, annotation_id: int) -> None:
        self.figures.append((annotation_id, None, "aggregate", 0, self.analyst, self.stamp))
        self.aggregates += 1
        self._maybe_flush()

    def update(self, incident_id: int, fields: Row) -> None:
        if fields:
            sets = ", ".join(f'"{k}" = ?' for k in fields)
            self.db.conn.execute(f"UPDATE incidents SET {sets}, updated = ? WHERE id = ?",
                                 [*fields.values(), self.stamp, incident_id])

    def _maybe_flush(self) -> None:
        if len(self.figures) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        conn = self.db.conn
        if self.incidents:
            conn.executemany(f"INSERT INTO incidents ({_quoted(INCIDENT_COLS)}) VALUES "
                             f"({', '.join('?' * len(INCIDENT_COLS))})", self.incidents)
        if self.figures:
            conn.executemany("INSERT INTO temp.suggest_figures VALUES (?, ?, ?, ?, ?, ?)", self.figures)
        self.placed += len(self.figures)
        self.incidents, self.figures = [], []

    def finish(self, removed: int) -> None:
        self.flush()
        self.db.conn.execute(f"INSERT OR REPLACE INTO incident_figures ({_quoted(FIGURE_COLS)}) SELECT "
                             f"{', '.join(FIGURE_COLS)} FROM temp.suggest_figures ORDER BY annotation_id")
        self.db.conn.execute("DROP TABLE temp.suggest_figures")
        record_many(self.db, [{"analyst": self.analyst, "action": "suggest_incidents", "table": "incidents",
                               "row_id": None,
                               "after": {"created": self.created, "removed": removed, "figures_placed": self.placed,
                                         "aggregates": self.aggregates,
                                         "first_id": self.first_id if self.created else None,
                                         "last_id": self.next_id - 1 if self.created else None}}])


def count_items(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT count(*) FROM items").fetchone()[0]


def count_figures(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT count(*) FROM annotations WHERE kind = 'casualty' AND state != 'rejected'"
                           ).fetchone()[0]


def list_incidents(db: sqlite_utils.Database, states: Sequence[str] = INCIDENT_STATES,
                   date_from: str | None = None, date_to: str | None = None) -> list[Row]:
    where, params = [f"state IN ({','.join('?' * len(states))})"], list(states)
    if date_from:
        where.append("date_end >= ?")
        params.append(date_from)
    if date_to:
        where.append("date_start <= ?")
        params.append(date_to)
    cur = db.conn.execute(f"SELECT {_quoted(INCIDENT_COLS)} FROM incidents WHERE {' AND '.join(where)} "
                          "ORDER BY date_start, id", params)
    return [_decoded(dict(zip(INCIDENT_COLS, r))) for r in cur]


def members(db: sqlite_utils.Database, incident_ids: Sequence[int] | None = None,
            aggregates: bool = False) -> list[Row]:
    """Placed casualty tags with their item and file: for `incident_ids` (None: all), or the
    aggregates."""
    base = ('SELECT f.annotation_id, f.incident_id, f.role, f.decided, a.item_id, a.text, a.attributes, a.state, '
            "i.date, i.attribution, s.name AS file, substr(i.body, 1, 300) AS head FROM incident_figures f JOIN annotations a ON a.id = f.annotation_id "
            "JOIN items i ON i.id = a.item_id JOIN sources s ON s.id = i.source_id")
    if aggregates:
        rows = db.conn.execute(base + " WHERE f.incident_id IS NULL ORDER BY i.date, a.id")
    elif incident_ids is None:
        rows = db.conn.execute(base + " WHERE f.incident_id IS NOT NULL ORDER BY f.incident_id, i.date, a.id")
    else:
        out: list[Row] = []
        ids = list(incident_ids)
        for chunk in range(0, len(ids), 900):
            part = ids[chunk:chunk + 900]
            out += members_rows(db.conn.execute(
                base + f" WHERE f.incident_id IN ({','.join('?' * len(part))}) ORDER BY f.incident_id, i.date, a.id",
                part))
        return out
    return members_rows(rows)


def members_rows(cur: Any) -> list[Row]:
    cols = [c[0] for c in cur.description]
    out = []
    for r in cur:
        row = dict(zip(cols, r))
        row["attributes"] = json.loads(row["attributes"]) if row["attributes"] else {}
        out.append(row)
    return out


def incident_of(db: sqlite_utils.Database, annotation_ids: Sequence[int]) -> dict[int, int]:
    """annotation id -> incident id for those placed in an incident."""
    out: dict[int, int] = {}
    ids = list(annotation_ids)
    for chunk in range(0, len(ids), 900):
        part = ids[chunk:chunk + 900]
        out.update(db.conn.execute(
            f"SELECT annotation_id, incident_id FROM incident_figures WHERE incident_id IS NOT NULL AND "
            f"annotation_id IN ({','.join('?' * len(part))})", part).fetchall())
    return out


def items_of_incidents(db: sqlite_utils.Database, incident_ids: Sequence[int]) -> list[int]:
    ids = list(incident_ids)
    out: set[int] = set()
    for chunk in range(0, len(ids), 900):
        part = ids[chunk:chunk + 900]
        out.update(r[0] for r in db.conn.execute(
            "SELECT DISTINCT a.item_id FROM incident_figures f JOIN annotations a ON a.id = f.annotation_id "
            f"WHERE f.incident_id IN ({','.join('?' * len(part))})", part))
    return sorted(out)


def incident_of_figures(db: sqlite_utils.Database) -> dict[int, int]:
    """annotation id -> incident id for every figure placed in an incident (the events export)."""
    if "incident_figures" not in db.table_names():
        return {}
    return dict(db.conn.execute("SELECT annotation_id, incident_id FROM incident_figures WHERE incident_id IS NOT NULL"))


def incident_ids_matching(db: sqlite_utils.Database, f: ItemFilter) -> set[int]:
    """Incidents with at least one figure in an item the filter shows."""
    where, params = _where(f)
    return {r[0] for r in db.conn.execute(
        "SELECT DISTINCT f.incident_id FROM incident_figures f JOIN annotations a ON a.id = f.annotation_id "
        f"JOIN items i ON i.id = a.item_id{_and(where, 'f.incident_id IS NOT NULL')}", params)}


def tagged_places(db: sqlite_utils.Database, f: ItemFilter | None = None) -> list[Row]:
    """Every place tagged with coordinates (not rejected): name, lat, lon, mentions, items; for the
    items a filter shows when given."""
    where, params = _where(f or ItemFilter())
    join = " JOIN items i ON i.id = a.item_id" if where else ""
    cur = db.conn.execute(
        "SELECT coalesce(json_extract(a.attributes, '$.name'), a.text) AS name, "
        "CAST(json_extract(a.attributes, '$.lat') AS REAL) AS lat, "
        "CAST(json_extract(a.attributes, '$.lon') AS REAL) AS lon, count(*) AS mentions, "
        "count(DISTINCT a.item_id) AS items "
        f"FROM annotations a{join}{_and(where, 'a.kind = ? AND a.state != ?')} "
        "AND json_extract(a.attributes, '$.lat') IS NOT NULL AND json_extract(a.attributes, '$.lon') IS NOT NULL "
        "GROUP BY 1, 2, 3 ORDER BY mentions DESC",
        [*params, "location", "rejected"])
    return [dict(zip(("name", "lat", "lon", "mentions", "items"), r)) for r in cur]


def _and(where: str, clause: str) -> str:
    return f"{where} AND {clause}" if where else f" WHERE {clause}"
