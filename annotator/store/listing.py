"""Read-only queries the item list needs beyond items.py: display order over a million items,
sorting by tag counts, quick counts.

Two indexes (migration 0003_item_list_indexes) keep these fast: `idx_items_order` gives the
display order without sorting, and `idx_items_lookup` (keyed by id, carrying date, source,
position and status) lets a search sort its matches without reading the wide item rows.
"""

from __future__ import annotations

import json
import sqlite3
import time
from array import array

import sqlite_utils

from annotator.store.fts_terms import MAX_TERMS, expand_prefixes
from annotator.store.items import ItemFilter, _where, fts_query

COUNT_STATES = {"suggested": "('suggested')", "accepted": "('accepted', 'edited')"}
ORDER = "i.date, i.source_id, i.position"


_MATCH_CACHE: list[tuple[sqlite3.Connection, tuple, tuple[str, bool]]] = []  # the last few (connection, key, answer)
WINDOW_WORDS = 24  # a prefix the window's own thread spells out: more words cost more per range asked


def _match(db: sqlite_utils.Database, text: str, max_words: int) -> tuple[str, bool]:
    query = fts_query(text)
    if "*" not in query:
        return query, False
    conn = db.conn
    key = (query, max_words, conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])
    for owner, known, answer in list(_MATCH_CACHE):
        if owner is conn and known[0] == query and known[2:] == key[2:] \
                and (known[1] == max_words or (known[1] < max_words and not answer[1])):
            return answer  # the same, or every prefix spelled out within fewer words
    answer = expand_prefixes(db, query, max_words=max_words)
    # noted after: folding a non-ASCII word writes to a temp table, which counts as changes
    key = (query, max_words, conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])
    _MATCH_CACHE[:] = [*_MATCH_CACHE[-3:], (conn, key, answer)]  # the window asks twice per search
    return answer


def match_query(db: sqlite_utils.Database, text: str, max_words: int = MAX_TERMS) -> str:
    """The FTS5 query for a search box text: `fts_query`, with each prefix word (`negotiat*`)
    spelled out as the OR of the index's words that start so (`fts_terms`): FTS5 then finds the
    first hits without merging every hit of every such word first."""
    return _match(db, text, max_words)[0]


def slow_prefix(db: sqlite_utils.Database, text: str, max_words: int | None = None) -> bool:
    """True when a prefix word of the search cannot be spelled out in at most `max_words`
    (WINDOW_WORDS) words: its first hits cost a merge of many hit lists (or many seeks)."""
    return _match(db, text, WINDOW_WORDS if max_words is None else max_words)[1]


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


# --- search in display order without sorting every hit (see ui/item_model.py) -----------------
def _parse_ids(joined: str | None) -> array:
    """A comma-joined id list as an array, parsed a slice at a time: one json.loads of a
    million ids holds the GIL for tens of ms, which a background reader must not do."""
    out = array("q")
    if not joined:
        return out
    step, start, n = 1 << 16, 0, len(joined)
    while start < n:
        end = joined.find(",", min(start + step, n))
        end = n if end < 0 else end
        out.extend(json.loads(f"[{joined[start:end]}]"))  # C parsing, a slice at a time
        start = end + 1
    return out


def fts_ids_capped(db: sqlite_utils.Database, query: str, cap: int) -> array:
    """The first `cap` ids (in id order) of the items whose body matches an FTS5 query."""
    joined = db.conn.execute("SELECT group_concat(rowid) FROM (SELECT rowid FROM items_fts WHERE items_fts MATCH ? "
                             "LIMIT ?)", (query, cap)).fetchone()[0]
    return _parse_ids(joined)


def fts_ids_between(db: sqlite_utils.Database, query: str, low: int, high: int) -> array:
    """Matching ids in [low, high]: FTS5 seeks to the range, so this costs what the range holds."""
    joined = db.conn.execute("SELECT group_concat(rowid) FROM items_fts WHERE items_fts MATCH ? AND rowid >= ? "
                             "AND rowid <= ?", (query, low, high)).fetchone()[0]
    return _parse_ids(joined)


def fts_all_ids(db: sqlite_utils.Database, query: str) -> array:
    """Every matching id (id order), for a background reader."""
    return _parse_ids(db.conn.execute("SELECT group_concat(rowid) FROM items_fts WHERE items_fts MATCH ?",
                                      (query,)).fetchone()[0])


def all_ids_by_date(db: sqlite_utils.Database) -> array:
    """Every item id in display order (date, page, position), read in C and parsed in slices."""
    return _parse_ids(db.conn.execute("SELECT group_concat(id) FROM (SELECT id FROM items INDEXED BY idx_items_order "
                                      f"ORDER BY {ORDER.replace('i.', '')})").fetchone()[0]) \
        if _has_index(db, "idx_items_order") else array("q", item_ids_by_date(db, None))


def first_ids_by_date_probing(db: sqlite_utils.Database, f: ItemFilter, descending: bool, limit: int,
                              seconds: float | None = None) -> list[int] | None:
    """The first `limit` matches in display order, found by walking the display order and asking
    the FTS index about each row: quick when many items match. None when that takes longer than
    `seconds` (few rows match the other filters too): the caller lists them another way."""
    rest = ItemFilter(**{**f.__dict__, "search": None})
    where, params = _where(rest)
    direction = " DESC" if descending else ""
    order = ", ".join(f"{c}{direction}" for c in ORDER.split(", "))
    hint = " INDEXED BY idx_items_order" if _has_index(db, "idx_items_order") else ""
    sql = (f"SELECT i.id FROM items i{hint} CROSS JOIN items_fts ON items_fts.rowid = i.id"
           f"{where or ' WHERE 1'} AND items_fts MATCH ? ORDER BY {order} LIMIT ?")
    args = [*params, match_query(db, f.search or ""), limit]
    if seconds is None:
        return [row[0] for row in db.conn.execute(sql, args)]
    deadline = time.monotonic() + seconds
    db.conn.set_progress_handler(lambda: time.monotonic() > deadline, 100)
    try:
        return [row[0] for row in db.conn.execute(sql, args)]
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            return None
        raise
    finally:
        db.conn.set_progress_handler(None, 0)


def ids_by_date_among(db: sqlite_utils.Database, ids: list[int], f: ItemFilter | None, descending: bool) -> list[int]:
    """`ids` that also match `f` (its search aside), in display order."""
    rest = ItemFilter(**{**(f or ItemFilter()).__dict__, "search": None})
    where, params = _where(rest)
    direction = " DESC" if descending else ""
    order = ", ".join(f"{c}{direction}" for c in ORDER.split(", "))
    clause = f"{where} AND" if where else " WHERE"
    sql = f"SELECT i.id FROM items i{clause} i.id IN (SELECT value FROM json_each(?)) ORDER BY {order}"
    return [row[0] for row in db.conn.execute(sql, [*params, json.dumps(list(ids))])]


def count_matching(db: sqlite_utils.Database, f: ItemFilter) -> int:
    """How many items match `f` (a plain search is counted from the FTS index alone)."""
    if f.search and f == ItemFilter(search=f.search):
        query = match_query(db, f.search)
        return db.conn.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH ?", (query,)).fetchone()[0] \
            if query else 0
    where, params = _where(f)
    return db.conn.execute(f"SELECT count(*) FROM items i{where}", params).fetchone()[0]
