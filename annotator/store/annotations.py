"""Annotations: every write records its before/after in `history` in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from annotator.tag_json import annotation_json
from annotator.store.suggestion_rows import statements, suggestion_rows
from annotator.store.clock import now
from annotator.store.db import write_tx
from annotator.store.history import record, record_many
from annotator.vocabulary import ANNOTATION_KINDS, ORIGINS, STATES
from annotator.store.rows import decode, dicts, inserted_id, one, to_json
from annotator.store.tagging import UNTOUCHED

COLUMNS = (
    'id, item_id, kind, start, "end", text, attributes, origin, state, rule, rules_version, confidence, '
    "analyst, created, updated, conflict_group"
)
EDITABLE = {"kind", "start", "end", "text", "attributes", "state", "rule", "confidence", "analyst", "conflict_group"}
JSON_SOURCE = 'id, kind, start, "end", text, origin, state, rule, confidence, analyst, attributes'


def refresh_export_json(db: sqlite_utils.Database, where: str = "1", params: Iterable[Any] = ()) -> int:
    """Remake the stored JSONL form (`export_json`, see migration 0006) of the tags matching
    `where`; call inside the write transaction that changed them. Returns how many."""
    cur = db.conn.execute(f"SELECT {JSON_SOURCE} FROM annotations WHERE {where}", list(params))
    n = 0
    while True:
        rows = cur.fetchmany(50_000)
        if not rows:
            return n
        db.conn.executemany("UPDATE annotations SET export_json = ? WHERE id = ?",
                            [(annotation_json(*row), row[0]) for row in rows])
        n += len(rows)


def _check(kind: str | None = None, origin: str | None = None, state: str | None = None) -> None:
    if kind is not None and kind not in ANNOTATION_KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if origin is not None and origin not in ORIGINS:
        raise ValueError(f"unknown origin {origin!r}")
    if state is not None and state not in STATES:
        raise ValueError(f"unknown state {state!r}")


def get(db: sqlite_utils.Database, annotation_id: int) -> dict[str, Any] | None:
    return one(db.conn.execute(f"SELECT {COLUMNS} FROM annotations WHERE id = ?", (annotation_id,)))


def for_item(
    db: sqlite_utils.Database, item_id: int, kinds: Iterable[str] | None = None, states: Iterable[str] | None = None
) -> list[dict[str, Any]]:
    sql = f"SELECT {COLUMNS} FROM annotations WHERE item_id = ?"
    params: list[Any] = [item_id]
    if kinds:
        kinds = list(kinds)
        sql += f" AND kind IN ({','.join('?' * len(kinds))})"
        params += kinds
    if states:
        states = list(states)
        sql += f" AND state IN ({','.join('?' * len(states))})"
        params += states
    return dicts(db.conn.execute(sql + ' ORDER BY start, "end", id', params))


def for_items(db: sqlite_utils.Database, item_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in item_ids}
    for chunk in range(0, len(item_ids), 900):
        ids = item_ids[chunk : chunk + 900]
        cur = db.conn.execute(
            f"SELECT {COLUMNS} FROM annotations WHERE item_id IN ({','.join('?' * len(ids))}) ORDER BY item_id, start, id",
            ids,
        )
        for row in dicts(cur):
            out[row["item_id"]].append(row)
    return out


def insert(
    db: sqlite_utils.Database,
    *,
    item_id: int,
    kind: str,
    start: int,
    end: int,
    text: str,
    attributes: dict[str, Any] | None = None,
    origin: str,
    state: str,
    analyst: str | None,
    rule: str | None = None,
    rules_version: str | None = None,
    confidence: float | None = None,
    conflict_group: str | None = None,
    annotation_id: int | None = None,
    created: str | None = None,
    action: str = "create",
) -> int:
    """Insert one annotation. `annotation_id` re-creates a deleted row under its old id (undo)."""
    _check(kind, origin, state)
    stamp = now()
    row = {
        "item_id": item_id, "kind": kind, "start": start, "end": end, "text": text,
        "attributes": attributes or {}, "origin": origin, "state": state, "rule": rule,
        "rules_version": rules_version, "confidence": confidence, "analyst": analyst,
        "created": created or stamp, "updated": stamp, "conflict_group": conflict_group,
    }
    with write_tx(db):
        cur = db.conn.execute(
            'INSERT INTO annotations (id, item_id, kind, start, "end", text, attributes, origin, state, rule, '
            "rules_version, confidence, analyst, created, updated, conflict_group) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                annotation_id, item_id, kind, start, end, text, to_json(row["attributes"]), origin, state, rule,
                rules_version, confidence, analyst, row["created"], stamp, conflict_group,
            ),
        )
        new_id = inserted_id(cur)
        refresh_export_json(db, "id = ?", (new_id,))
        record(db, analyst=analyst, action=action, table="annotations", row_id=new_id, item_id=item_id,
               after={"id": new_id, **row})
    return new_id


def insert_many_suggestions(db: sqlite_utils.Database, rows: list[dict[str, Any]], analyst: str | None = None) -> int:
    """Bulk insert auto suggestions (tagger output) with one history row per item batch."""
    if not rows:
        return 0
    stamp = now()
    with write_tx(db):
        # We hold the write lock, so the next ids are ours to give; giving them here lets each
        # row go in with its JSON in one statement. Explicit ids move the AUTOINCREMENT sequence.
        first = db.conn.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'annotations'), 0), "
            "coalesce((SELECT max(id) FROM annotations), 0)) + 1").fetchone()[0]
        for sql, params in statements(suggestion_rows(rows, first, analyst), analyst, stamp):
            db.conn.execute(sql, params)
        by_item: dict[int, int] = {}
        for r in rows:
            by_item[r["item_id"]] = by_item.get(r["item_id"], 0) + 1
        db.conn.executemany(
            "INSERT INTO history (at, analyst, action, table_name, row_id, item_id, before, after) "
            "VALUES (?, ?, 'suggest', 'annotations', NULL, ?, NULL, ?)",
            [(stamp, analyst, item_id, to_json({"suggestions": n})) for item_id, n in by_item.items()],
        )
    return len(rows)


def withdraw_suggestions(db: sqlite_utils.Database, ids: list[int], analyst: str | None) -> int:
    """Delete suggestions the current rules no longer make, if still untouched (checked again
    here, under the write lock). Each goes to `history` whole (action `withdraw`), so the audit
    log keeps what was withdrawn. Returns how many were withdrawn."""
    withdrawn = 0
    with write_tx(db):
        for at in range(0, len(ids), 900):
            chunk = ids[at:at + 900]
            where = f"id IN ({','.join('?' * len(chunk))}) AND {UNTOUCHED}"
            rows = dicts(db.conn.execute(f"SELECT {COLUMNS} FROM annotations WHERE {where}", chunk))
            db.conn.execute(f"DELETE FROM annotations WHERE {where}", chunk)
            record_many(db, [{"analyst": analyst, "action": "withdraw", "table": "annotations", "row_id": r["id"],
                              "item_id": r["item_id"], "before": r} for r in rows])
            withdrawn += len(rows)
    return withdrawn


def refresh_suggestions(db: sqlite_utils.Database, rows: list[tuple[int, dict[str, Any]]],
                        analyst: str | None) -> int:
    """Give untouched suggestions what the current rules say of the same span: (id, tagger row)
    pairs; attributes, rule, rules version and confidence change, the id stays. Each change goes
    to `history` (action `refresh`, before and after). Returns how many changed."""
    changed = 0
    with write_tx(db):
        for annotation_id, new in rows:
            before = one(db.conn.execute(f"SELECT {COLUMNS} FROM annotations WHERE id = ? AND {UNTOUCHED}",
                                         (annotation_id,)))
            if before is None:  # accepted, rejected or noted since it was read: not ours to change
                continue
            stamp = now()
            db.conn.execute(
                "UPDATE annotations SET attributes = ?, rule = ?, rules_version = ?, confidence = ?, updated = ? "
                "WHERE id = ?",
                (to_json(new.get("attributes") or {}), new.get("rule"), new.get("rules_version"),
                 new.get("confidence"), stamp, annotation_id))
            refresh_export_json(db, "id = ?", (annotation_id,))
            record(db, analyst=analyst, action="refresh", table="annotations", row_id=annotation_id,
                   item_id=before["item_id"], before=before, after=get(db, annotation_id))
            changed += 1
    return changed


def update(db: sqlite_utils.Database, annotation_id: int, changes: dict[str, Any], analyst: str | None,
           action: str = "update") -> dict[str, Any]:
    """Apply `changes` (a subset of EDITABLE) and return the row as it was before."""
    bad = set(changes) - EDITABLE
    if bad:
        raise ValueError(f"cannot change {', '.join(sorted(bad))}")
    _check(changes.get("kind"), None, changes.get("state"))
    with write_tx(db):
        before = get(db, annotation_id)
        if before is None:
            raise KeyError(f"no annotation {annotation_id}")
        stamp = now()
        sets = {**changes, "updated": stamp}
        if "attributes" in sets:
            sets["attributes"] = to_json(sets["attributes"])
        assignments = ", ".join(f'"{k}" = ?' for k in sets)
        db.conn.execute(f"UPDATE annotations SET {assignments} WHERE id = ?", [*sets.values(), annotation_id])
        refresh_export_json(db, "id = ?", (annotation_id,))
        after = get(db, annotation_id)
        record(db, analyst=analyst, action=action, table="annotations", row_id=annotation_id,
               item_id=before["item_id"], before=before, after=after)
    return before


def delete(db: sqlite_utils.Database, annotation_id: int, analyst: str | None) -> dict[str, Any]:
    """Delete and return the deleted row (so undo can re-insert it under the same id)."""
    with write_tx(db):
        before = get(db, annotation_id)
        if before is None:
            raise KeyError(f"no annotation {annotation_id}")
        db.conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
        record(db, analyst=analyst, action="delete", table="annotations", row_id=annotation_id,
               item_id=before["item_id"], before=before)
    return before


def counts_by_kind_state(db: sqlite_utils.Database) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for kind, state, n in db.conn.execute("SELECT kind, state, count(*) FROM annotations GROUP BY kind, state"):
        out.setdefault(kind, {})[state] = n
    return out


def iter_all(db: sqlite_utils.Database, item_ids: list[int] | None = None):
    """Every annotation, in item then offset order (for exports and evaluation)."""
    if item_ids is not None:
        for chunk in for_items(db, item_ids).values():
            yield from chunk
        return
    cur = db.conn.execute(f"SELECT {COLUMNS} FROM annotations ORDER BY item_id, start, id")
    cols = [c[0] for c in cur.description]
    for row in cur:
        yield decode(dict(zip(cols, row)))
