"""Read-only streams for exports: each item with its tags and notes, in item id order.

Three cursors walk items, annotations and notes in item order on one connection (so one
snapshot of the store) and are merged in Python: no query per item, whatever the size.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

import sqlite_utils

from annotator.store.items import ItemFilter, _where
from annotator.vocabulary import ACCEPTED_STATES, STATES, VISIBLE_STATES
from annotator.store.rows import decode

# --state choices -> annotation states exported ("edited" counts as accepted).
STATE_SETS: dict[str, tuple[str, ...]] = {
    "default": VISIBLE_STATES,   # everything but rejected
    "accepted": ACCEPTED_STATES,
    "reviewed": (*ACCEPTED_STATES, "rejected"),  # every analyst decision, no pending suggestion
    "all": STATES,
}

ITEM_COLUMNS = (
    'i.id, i.source_id, i.position, i.date, i.category, i.title, i.body, i.attribution, i.start, i."end", '
    "i.body_start, i.body_end, i.status, s.name AS source_name, s.sha256 AS source_sha256, i.outlet, i.dateline, "
    "i.byline, i.needs_date"
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


def dict_rows(cur) -> Iterator[dict[str, Any]]:  # noqa: ANN001 - sqlite3.Cursor
    cols = [c[0] for c in cur.description]
    while True:
        chunk = cur.fetchmany(2000)
        if not chunk:
            return
        for row in chunk:
            yield dict(zip(cols, row))


IdRange = tuple[int | None, int | None]  # [first, stop) item ids; None = unbounded


def range_where(f: ItemFilter | None, ids: IdRange | None) -> tuple[str, list[Any]]:
    where, params = _where(f or ItemFilter())
    first, stop = ids or (None, None)
    if first is not None:
        where, params = _and(where, "i.id >= ?"), [*params, first]
    if stop is not None:
        where, params = _and(where, "i.id < ?"), [*params, stop]
    return where, params


def chunk_ids(db: sqlite_utils.Database, f: ItemFilter | None, size: int) -> list[IdRange]:
    """Consecutive id ranges of `size` matching items each (the last one may hold fewer), in id
    order; one range covering everything when fewer items match."""
    where, params = _where(f or ItemFilter())
    starts = [row[0] for row in db.conn.execute(
        f"SELECT id FROM (SELECT i.id, row_number() OVER (ORDER BY i.id) AS n FROM items i{where}) "
        "WHERE (n - 1) % ? = 0 ORDER BY id", [*params, size])]
    bounds: list[int | None] = [None, *starts[1:], None]
    return [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]


def wanted_tags(states: Sequence[str], kinds: Sequence[str] | None = None) -> tuple[str, list[str]]:
    """The SQL condition (on alias `a`) for exported tags, and its parameters."""
    wanted, params = f"a.state IN ({','.join('?' * len(states))})", list(states)
    if kinds is not None:
        wanted, params = f"{wanted} AND a.kind IN ({','.join('?' * len(kinds))})", [*states, *kinds]
    return wanted, params


def notes_cursor(conn: Any, where: str, params: list[Any], wanted: str, wanted_params: list[str]) -> Any:
    """The notes of the items matching `where`: on the item, or on a tag that is exported."""
    return conn.execute(
        f"SELECT {NOTE_COLUMNS} FROM items i CROSS JOIN notes n ON n.item_id = i.id "
        f"LEFT JOIN annotations a ON a.id = n.annotation_id"
        f"{_and(where, f'(n.annotation_id IS NULL OR ({wanted}))')} ORDER BY i.id, n.id",
        [*params, *wanted_params])


def _cursors(db: sqlite_utils.Database, f: ItemFilter | None, states: Sequence[str], item_columns: str,
             annotation_columns: str, ids: IdRange | None = None,
             kinds: Sequence[str] | None = None) -> tuple[Any, Any, Any]:
    """Items, their tags in `states` (and `kinds`, None: all), and their notes: three cursors in
    item id order."""
    where, params = range_where(f, ids)
    wanted, wanted_params = wanted_tags(states, kinds)
    conn = db.conn
    # CROSS JOIN pins items as the outer loop, so rows come out in item id order straight from
    # the primary key (no cursor sorts millions of joined rows); idx_ann_item then finds each
    # item's tags with one seek.
    items = conn.execute(
        f"SELECT {item_columns} FROM items i CROSS JOIN sources s ON s.id = i.source_id{where} ORDER BY i.id", params)
    anns = conn.execute(
        f"SELECT {annotation_columns} FROM items i CROSS JOIN annotations a INDEXED BY idx_ann_item "
        f"ON a.item_id = i.id{_and(where, wanted)} ORDER BY i.id", [*params, *wanted_params])
    return items, anns, notes_cursor(conn, where, params, wanted, wanted_params)


@contextlib.contextmanager
def big_page_cache(conn: Any, kib: int = 65_536) -> Iterator[None]:
    """A 64 MB page cache while an export walks three tables at once (the default 2 MB makes
    the cursors evict each other's pages); the connection's own setting comes back after."""
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size=-{kib}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size={int(before)}")


def _merge(items: Iterator[Any], anns: Iterator[Any], notes: Iterator[dict[str, Any]], item_id: Callable[[Any], int],
           ann_item_id: Callable[[Any], int]) -> Iterator[tuple[Any, list[Any], list[dict[str, Any]]]]:
    # groupby does the per-row work in C: the tag cursor is walked once, a group per item.
    tag_groups, note_groups = groupby(anns, ann_item_id), groupby(notes, itemgetter("item_id"))
    tags_next, notes_next = next(tag_groups, None), next(note_groups, None)
    for item in items:
        iid = item_id(item)
        tags: list[Any] = []
        if tags_next is not None and tags_next[0] == iid:
            tags = list(tags_next[1])
            tags_next = next(tag_groups, None)
        item_notes: list[dict[str, Any]] = []
        if notes_next is not None and notes_next[0] == iid:
            item_notes = [decode(n) for n in notes_next[1]]
            notes_next = next(note_groups, None)
        yield item, tags, item_notes


def iter_export(db: sqlite_utils.Database, f: ItemFilter | None = None,
                states: Sequence[str] = STATE_SETS["default"], kinds: Sequence[str] | None = None) -> Iterator[Bundle]:
    """(item, tags, notes) for every item matching `f`, in id order. Tags are those in `states`
    (and of `kinds`, when given), ordered by start, end, id, with attributes decoded; notes are
    the item's own notes and those on an exported tag, in id order."""
    with big_page_cache(db.conn):
        items, anns, notes = _cursors(db, f, states, ITEM_COLUMNS, ANNOTATION_COLUMNS, kinds=kinds)
        for item, tags, item_notes in _merge(dict_rows(items), dict_rows(anns), dict_rows(notes), itemgetter("id"),
                                             itemgetter("item_id")):
            tags = [decode(t) for t in tags]
            if len(tags) > 1:
                tags.sort(key=itemgetter("start", "end", "id"))
            yield item, tags, item_notes


# Plain tuples for the streaming JSONL writer (a million items: no dict per row, attributes as
# stored JSON text). Column order is the contract with export.jsonl.write_rows. The body comes
# as `body_json`: the UTF-8 bytes of the body as a JSON string, quoted by SQLite's json_quote
# (the same escapes as Python's json, checked by tests) with the Unicode line separators
# escaped as the JSONL writer does, so the largest field of a line is never decoded, escaped,
# scanned and encoded again in Python.
# outlet, dateline, byline, needs_date: a single report's parts (NULL / 0 for listing items).
ITEM_ROW = ("id", "source_name", "source_sha256", "date", "category", "attribution", "outlet", "dateline", "byline",
            "needs_date", "body_json", "status")
ANNOTATION_ROW = ("item_id", "id", "kind", "start", "end", "text", "origin", "state", "rule", "confidence", "analyst",
                  "attributes")
BODY_JSON_SQL = ("CAST(replace(replace(replace(json_quote(i.body), char(133), '\\u0085'), char(8232), '\\u2028'), "
                 "char(8233), '\\u2029') AS BLOB)")
_ITEM_ROW_SQL = (f"i.id, s.name, s.sha256, i.date, i.category, i.attribution, i.outlet, i.dateline, i.byline, "
                 f"i.needs_date, {BODY_JSON_SQL}, i.status")
ANNOTATION_ROW_SQL = ('a.item_id, a.id, a.kind, a.start, a."end", a.text, a.origin, a.state, a.rule, a.confidence, '
                       "a.analyst, a.attributes")
_TAG_ORDER = itemgetter(3, 4, 1)  # start, end, id


def iter_export_rows(db: sqlite_utils.Database, f: ItemFilter | None = None,
                     states: Sequence[str] = STATE_SETS["default"],
                     ids: IdRange | None = None) -> Iterator[tuple[tuple, list[tuple], list[dict]]]:
    """Like iter_export, but items are ITEM_ROW tuples and tags ANNOTATION_ROW tuples (attributes
    as their stored JSON text); notes are decoded dicts as in iter_export. `ids` limits the walk
    to one range of split_ids."""
    with big_page_cache(db.conn):
        items, anns, notes = _cursors(db, f, states, _ITEM_ROW_SQL, ANNOTATION_ROW_SQL, ids)
        for item, tags, item_notes in _merge(iter(items), iter(anns), dict_rows(notes), itemgetter(0), itemgetter(0)):
            if len(tags) > 1:
                tags.sort(key=_TAG_ORDER)
            yield item, tags, item_notes

