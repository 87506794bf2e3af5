"""Checks run on a store after a crash: is it whole, and is everything that was committed there?"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30)
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def store_problems(conn: sqlite3.Connection) -> list[str]:
    """Whole-file and cross-table checks: integrity, foreign keys, FTS in step, no bulk flag left."""
    problems = []
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        problems.append(f"integrity_check: {rows[:3]}")
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        problems.append(f"foreign_key_check: {fk[:3]}")
    try:
        conn.execute("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        problems.append(f"FTS index out of step: {exc}")
    if conn.execute("SELECT count(*) FROM fts_deferred").fetchone()[0]:
        problems.append("fts_deferred row left behind")
    return problems


def half_written(conn: sqlite3.Connection) -> list[str]:
    """Rows whose history does not match them: a change written without its history or vice versa."""
    problems = []
    current = {r[0]: (r[1], r[2], r[3], r[4]) for r in conn.execute(
        "SELECT id, origin, state, attributes, item_id FROM annotations")}
    last: dict[int, Any] = {}
    created = set()
    for row_id, action, after in conn.execute(
            "SELECT row_id, action, after FROM history WHERE table_name = 'annotations' AND row_id IS NOT NULL ORDER BY id"):
        last[row_id] = json.loads(after) if after else None
        if action in ("create", "restore"):
            created.add(row_id)
    for ann_id, (origin, state, attributes, _item) in current.items():
        if origin == "manual" and ann_id not in created:
            problems.append(f"annotation {ann_id} has no create row in history")
        if ann_id in last:
            after = last[ann_id]
            if after is None:
                problems.append(f"annotation {ann_id} exists but its last history row deleted it")
            elif after.get("state") != state or after.get("attributes") != json.loads(attributes):
                problems.append(f"annotation {ann_id} differs from its last history row")
    for ann_id, after in last.items():
        if after is not None and ann_id not in current:
            problems.append(f"annotation {ann_id} is in history but not in the store")
    # Tagger suggestions are recorded per item: the counts must add up.
    logged: dict[int, int] = defaultdict(int)
    for item_id, after in conn.execute("SELECT item_id, after FROM history WHERE action = 'suggest'"):
        logged[item_id] += json.loads(after)["suggestions"]
    stored: dict[int, int] = defaultdict(int)
    for (item_id,) in conn.execute("SELECT item_id FROM annotations WHERE origin = 'auto'"):
        stored[item_id] += 1
    if dict(logged) != dict(stored):
        bad = sorted(set(logged) ^ set(stored) | {i for i in logged if logged[i] != stored.get(i)})[:5]
        problems.append(f"suggestions and their history disagree for items {bad}")
    for item_id, status in conn.execute("SELECT id, status FROM items WHERE status != 'new'"):
        row = conn.execute("SELECT after FROM history WHERE table_name = 'items' AND row_id = ? ORDER BY id DESC LIMIT 1",
                           (item_id,)).fetchone()
        if row is None or json.loads(row[0]).get("status") != status:
            problems.append(f"item {item_id} status {status} without a matching history row")
    return problems


@dataclass
class LoopCheck:
    committed: int = 0  # actions the loops reported committed
    lost: list[str] = field(default_factory=list)  # committed actions not found in the store
    in_flight: int = 0  # actions begun but not reported (may or may not have landed: both are fine)
    landed_in_flight: int = 0
    locked: int = 0


def read_log(path: Path) -> list[dict[str, Any]]:
    events = []
    for line in path.read_text().splitlines():
        try:
            events.append(json.loads(line))
        except ValueError:  # a line cut by the kill: never a "done" one (written in one call)
            pass
    return events


def check_loop_log(conn: sqlite3.Connection, log: Path, resolve: bool = True) -> LoopCheck:
    """Compare the store with every action the annotation loops reported committed.

    An action begun but never reported may have landed or not; with `resolve`, what happened to
    it is appended to the log (event `resolved`) so later checks know."""
    events = read_log(log)
    out = LoopCheck(locked=sum(e["event"] == "locked" for e in events))
    done = {e["seq"] for e in events if e["event"] in ("done", "resolved")}
    begun = [e for e in events if e["event"] == "begin" and e["seq"] not in done]
    model: dict[int, dict[str, Any] | None] = {}
    for e in events:
        if e["event"] not in ("done", "resolved") or not e.get("applied", True):
            continue
        out.committed += e["event"] == "done"
        op, ann = e["op"], e.get("id")
        if op == "add":
            model[ann] = {"seq": e["seq"], "state": "accepted"}
        elif op == "edit":
            model[ann] = {**model[ann], "seq": e["seq"], "state": "accepted"}
        elif op in ("reject", "accept"):
            model[ann] = {**model[ann], "state": "rejected" if op == "reject" else "accepted"}
        elif op == "delete":
            model[ann] = None
    rows = {r[0]: (r[1], json.loads(r[2])) for r in conn.execute("SELECT id, state, attributes FROM annotations")}
    flight = {e["id"]: e for e in begun if e.get("id") is not None}
    out.in_flight = len(begun)

    def after_op(before: dict[str, Any] | None, e: dict[str, Any]) -> dict[str, Any] | None:
        if e["op"] == "delete":
            return None
        if e["op"] == "edit":
            return {**before, "seq": e["seq"], "state": "accepted"}
        return {**before, "state": "rejected" if e["op"] == "reject" else "accepted"}

    def actual(ann_id: int) -> dict[str, Any] | None:
        if ann_id not in rows:
            return None
        state, attributes = rows[ann_id]
        return {"seq": attributes.get("seq"), "state": state}

    resolved = []
    for ann_id, expected in model.items():
        found = actual(ann_id)
        if ann_id in flight:
            landed = after_op(expected, flight[ann_id])
            if found == landed:
                out.landed_in_flight += 1
                resolved.append({**flight[ann_id], "event": "resolved", "applied": True})
                continue
            resolved.append({**flight[ann_id], "event": "resolved", "applied": False})
        if found != expected:
            out.lost.append(f"annotation {ann_id}: expected {expected}, found {found}")
    for e in begun:
        if e["op"] == "add":
            hit = [i for i, (_, attrs) in rows.items() if attrs.get("seq") == e["seq"]]
            out.landed_in_flight += bool(hit)
            resolved.append({**e, "event": "resolved", "applied": bool(hit), "id": hit[0] if hit else None})
    if resolve and resolved:
        with log.open("a") as fh:
            for e in resolved:
                fh.write(json.dumps(e) + "\n")
    return out
