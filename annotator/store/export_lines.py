"""The JSONL export's fast read: SQLite writes most of each line.

Every tag keeps its JSONL form in `annotations.export_json` (migration 0006, kept by
store.annotations). Here one query gives, per item, the start of its line (item fields, the
body JSON-quoted, line separators escaped) and its exported tags' stored JSON joined in
start, end, id order, so Python only adds the notes and writes bytes. A tag whose stored copy is
missing (cleared by an update made outside store.annotations) comes back as a NUL; that item's
tags are then read as rows for the writer to format, so a stale copy is never written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

import sqlite_utils

from annotator.tag_json import FRAGMENT_VERSION, escape_breaks_utf8
from annotator.store.exports import (
    ANNOTATION_ROW_SQL,
    STATE_SETS,
    IdRange,
    dict_rows,
    big_page_cache,
    notes_cursor,
    range_where,
    wanted_tags,
)
from annotator.store.items import ItemFilter
from annotator.store.rows import decode
from annotator.store.settings import get_setting

_LINE_START = ("printf('{\"item_id\":%d,\"source\":{\"file\":%s,\"sha256\":%s},\"date\":%s,\"category\":%s,"
               "\"attribution\":%s,\"outlet\":%s,\"dateline\":%s,\"byline\":%s,\"needs_date\":%s,"
               "\"text\":%s,\"status\":\"%s\",\"annotations\":[', i.id, json_quote(s.name), "
               "json_quote(s.sha256), json_quote(i.date), json_quote(i.category), json_quote(i.attribution), "
               "json_quote(i.outlet), json_quote(i.dateline), json_quote(i.byline), "
               "CASE WHEN i.needs_date THEN 'true' ELSE 'false' END, json_quote(i.body), i.status)")
# json_quote escapes what Python's json does (tested); the Unicode line separators, which the
# JSONL writer also escapes, are replaced in Python (escape_breaks_utf8): three byte searches cost
# far less than SQLite's replace() copying every body three times. They can only stand inside
# JSON strings.
LINE_HEAD_SQL = f"CAST({_LINE_START} AS BLOB)"
# The tags of one item: "<count>,<json>,<json>..." (NUL for a missing copy), in start, end, id
# order. An item whose tags all start apart (nearly all) needs only start order, which the index
# on (item_id, start) gives without a sort; the few items with two tags at one start (TIES_SQL,
# read from that index alone) get the full order.
_TAGS_IN = ("CAST((SELECT count(*) || ',' || coalesce(group_concat(coalesce(t.export_json, char(0)), ','), '') "
            "FROM (SELECT a.export_json FROM annotations a WHERE a.item_id = i.id AND {{wanted}} "
            "ORDER BY {order}) t) AS BLOB)")
TAGS_SQL = ("CASE WHEN i.id IN ({ties}) THEN " + _TAGS_IN.format(order='a.start, a."end", a.id')
            + " ELSE " + _TAGS_IN.format(order="a.start") + " END")
TIES_SQL = ("SELECT a.item_id FROM annotations a INDEXED BY idx_ann_item{where} "
            "GROUP BY a.item_id, a.start HAVING count(*) > 1")

Line = tuple[bytes, int, "bytes | list[tuple]", list[dict[str, Any]]]


def stored_json_usable(db: sqlite_utils.Database) -> bool:
    """True when the store's tag copies were made by this version's annotation_json."""
    return get_setting(db, "export_json_version") == FRAGMENT_VERSION


def iter_export_lines(db: sqlite_utils.Database, f: ItemFilter | None = None,
                      states: Sequence[str] = STATE_SETS["default"], ids: IdRange | None = None) -> Iterator[Line]:
    """(line start, tag count, tags, notes) per matching item in id order: tags are the joined
    stored JSON (bytes), or ANNOTATION_ROW tuples in tag order when a copy is missing; notes are
    decoded dicts as in exports.iter_export."""
    conn = db.conn
    where, params = range_where(f, ids)
    wanted, wanted_params = wanted_tags(states)
    ties_where, ties_params = _tag_range(ids)
    tags = TAGS_SQL.format(wanted=wanted, ties=TIES_SQL.format(where=ties_where))
    with big_page_cache(conn):
        lines = conn.execute(
            f"SELECT i.id, {LINE_HEAD_SQL}, {tags} "
            f"FROM items i CROSS JOIN sources s ON s.id = i.source_id{where} ORDER BY i.id",
            [*ties_params, *wanted_params, *wanted_params, *params])
        notes = notes_cursor(conn, where, params, wanted, wanted_params)
        note_groups = groupby(dict_rows(notes), itemgetter("item_id"))
        notes_next = next(note_groups, None)
        for item_id, head, tags in lines:
            head = escape_breaks_utf8(head)
            count, _, joined = tags.partition(b",")
            item_notes: list[dict[str, Any]] = []
            if notes_next is not None and notes_next[0] == item_id:
                item_notes = [decode(n) for n in notes_next[1]]
                notes_next = next(note_groups, None)
            if b"\x00" in joined:
                yield head, int(count), _tag_rows(db, item_id, wanted, wanted_params), item_notes
            else:
                yield head, int(count), joined, item_notes


def _tag_range(ids: IdRange | None) -> tuple[str, list[int]]:
    """The WHERE clause (on alias `a`) for the tags of the items in `ids`, and its parameters."""
    first, stop = ids or (None, None)
    clauses = [c for c, bound in (("a.item_id >= ?", first), ("a.item_id < ?", stop)) if bound is not None]
    return (f" WHERE {' AND '.join(clauses)}" if clauses else ""), [b for b in (first, stop) if b is not None]


def _tag_rows(db: sqlite_utils.Database, item_id: int, wanted: str, wanted_params: list[str]) -> list[tuple]:
    return db.conn.execute(
        f'SELECT {ANNOTATION_ROW_SQL} FROM annotations a WHERE a.item_id = ? AND {wanted} '
        'ORDER BY a.start, a."end", a.id', [item_id, *wanted_params]).fetchall()
