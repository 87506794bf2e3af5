"""Reads the automatic tagger needs, in bulk: item texts, what a re-run must not repeat, which
surface forms analysts rejected, items named by gold files. Writes go through
annotations.insert_many_suggestions."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from annotator.vocabulary import ACCEPTED_STATES

_CHUNK = 900  # SQLite's default limit on bound parameters is 999


def all_item_ids(db: sqlite_utils.Database) -> list[int]:
    return [r[0] for r in db.conn.execute("SELECT id FROM items ORDER BY id")]


def existing_item_ids(db: sqlite_utils.Database, ids: list[int]) -> list[int]:
    found: set[int] = set()
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in db.conn.execute(f"SELECT id FROM items WHERE id IN ({marks})", chunk))
    return [i for i in ids if i in found]


def item_texts(db: sqlite_utils.Database, ids: list[int]) -> list[tuple[int, str, str]]:
    """(id, date, body) for the given ids, in id order."""
    out: list[tuple[int, str, str]] = []
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        out.extend(db.conn.execute(f"SELECT id, date, body FROM items WHERE id IN ({marks}) ORDER BY id", chunk))
    return out


def taken_spans(db: sqlite_utils.Database, ids: list[int]) -> tuple[dict[int, set[tuple[str, int, int]]], dict[int, list[tuple[str, int, int]]]]:
    """Per item: (kind, start, end) of every auto annotation in any state (a re-run never repeats
    or revives them), and the spans of analysts' tags: manual ones and suggestions they accepted
    or edited (nothing is suggested over them: a corrected span is not offered again beside its
    correction)."""
    auto: dict[int, set[tuple[str, int, int]]] = {i: set() for i in ids}
    manual: dict[int, list[tuple[str, int, int]]] = {i: [] for i in ids}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        cur = db.conn.execute(
            f'SELECT item_id, origin, state, kind, start, "end" FROM annotations WHERE item_id IN ({marks})', chunk
        )
        for item_id, origin, state, kind, start, end in cur:
            if origin == "manual" or state in ACCEPTED_STATES:
                manual[item_id].append((kind, start, end))
            if origin != "manual":
                auto[item_id].add((kind, start, end))
    return auto, manual


def reviewed_items(db: sqlite_utils.Database, ids: list[int]) -> set[int]:
    """Items an analyst marked reviewed: a re-run adds no suggestions to them."""
    out: set[int] = set()
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        out.update(r[0] for r in db.conn.execute(
            f"SELECT id FROM items WHERE status = 'reviewed' AND id IN ({marks})", chunk))
    return out


# A suggestion nobody has touched: automatic, still `suggested` (accepting, rejecting, editing or
# moving it changes the state), no verification note on it, not set aside by a merge. Only these
# may be withdrawn or refreshed by a re-run.
UNTOUCHED = ("origin = 'auto' AND state = 'suggested' AND conflict_group IS NULL AND id NOT IN "
             "(SELECT annotation_id FROM notes WHERE annotation_id IS NOT NULL AND item_id = annotations.item_id)")


def untouched_suggestions(db: sqlite_utils.Database, ids: list[int], kinds: tuple[str, ...]
                          ) -> dict[int, dict[tuple[str, int, int], tuple]]:
    """Per item, untouched suggestions of these kinds by (kind, start, end):
    (id, attributes JSON, rule, confidence)."""
    out: dict[int, dict[tuple[str, int, int], tuple]] = {i: {} for i in ids}
    kind_marks = ",".join("?" * len(kinds))
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        cur = db.conn.execute(
            f'SELECT item_id, kind, start, "end", id, attributes, rule, confidence FROM annotations '
            f"WHERE item_id IN ({marks}) AND kind IN ({kind_marks}) AND {UNTOUCHED}", [*chunk, *kinds])
        for item_id, kind, start, end, *rest in cur:
            out[item_id][(kind, start, end)] = tuple(rest)
    return out


def suggestion_differs(stored: tuple, row: dict[str, Any]) -> bool:
    """Whether the tagger's `row` says something else of the span than the stored suggestion
    (as `untouched_suggestions` gives it). A new rules version alone is no difference."""
    from annotator.store.rows import to_json

    _, attributes, rule, confidence = stored
    return (to_json(row.get("attributes") or {}) != attributes or row.get("rule") != rule
            or row.get("confidence") != confidence)


def decision_counts(db: sqlite_utils.Database) -> dict[tuple[str, str], tuple[int, int]]:
    """(rejections, acceptances) of each (kind, surface text lower-cased by Python) analysts decided."""
    counts: dict[tuple[str, str], list[int]] = {}
    for kind, text, state in db.conn.execute(
            "SELECT kind, text, state FROM annotations WHERE state IN ('rejected', 'accepted', 'edited')"):
        pair = counts.setdefault((kind, (text or "").lower()), [0, 0])
        pair[0 if state == "rejected" else 1] += 1
    return {k: (r, a) for k, (r, a) in counts.items()}


def item_for_gold(db: sqlite_utils.Database, *, source: str | None = None, position: int | None = None,
                  date: str | None = None) -> dict[str, Any] | None:
    """The item a gold line names: by source file name + position, or by date + position among that
    date's items (in page order)."""
    if source is not None:
        row = db.conn.execute(
            "SELECT i.id, i.date, i.body FROM items i JOIN sources s ON s.id = i.source_id "
            "WHERE s.name = ? AND i.position = ? ORDER BY i.id LIMIT 1",
            (source, position or 0),
        ).fetchone()
    else:
        rows = db.conn.execute(
            "SELECT id, date, body FROM items WHERE date = ? ORDER BY source_id, position", (date,)
        ).fetchall()
        row = rows[position or 0] if len(rows) > (position or 0) else None
    return {"id": row[0], "date": row[1], "body": row[2]} if row else None


def annotations_for_item(db: sqlite_utils.Database, item_id: int) -> list[dict[str, Any]]:
    """Every annotation of the item that is not rejected (what the store currently asserts)."""
    from annotator.store.rows import dicts

    return dicts(db.conn.execute(
        'SELECT kind, start, "end", text, attributes, origin, state FROM annotations '
        "WHERE item_id = ? AND state != 'rejected' ORDER BY start, id",
        (item_id,),
    ))
