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
    """Whole-file and cross-table checks: integrity, foreign keys, FTS in step."""
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

    Tags are followed by `attributes.origin` (ids can be reused after a delete). An action begun
    but never reported may have landed or not; with `resolve`, what happened to it is appended
    to the log (event `resolved`) so later checks know."""
    events = read_log(log)
    out = LoopCheck(locked=sum(e["event"] == "locked" for e in events))
    settled = {e["seq"] for e in events if e["event"] in ("done", "resolved")}
    begun = [e for e in events if e["event"] == "begin" and e["seq"] not in settled]
    out.in_flight = len(begun)
    model: dict[str, dict[str, Any] | None] = {}  # origin -> expected {seq, state}, None = deleted
    for e in events:  # one writer's actions never touch another's tags, so per-tag order holds
        if e["event"] not in ("done", "resolved") or not e.get("applied", True):
            continue
        out.committed += e["event"] == "done"
        model[e["origin"]] = after_op(model.get(e["origin"]), e)
    found: dict[str, dict[str, Any]] = {}
    for state, attributes in conn.execute("SELECT state, attributes FROM annotations"):
        attrs = json.loads(attributes)
        if "origin" in attrs:
            found[attrs["origin"]] = {"seq": attrs.get("seq"), "state": state}
    flight = {e["origin"]: e for e in begun}
    resolved = []
    for origin in set(model) | set(flight):
        expected, actual = model.get(origin), found.get(origin)
        if origin in flight:
            landed = after_op(expected, flight[origin])
            applied = actual == landed and actual != expected
            out.landed_in_flight += applied
            resolved.append({**flight[origin], "event": "resolved", "applied": applied})
            if applied:
                continue
        if actual != expected:
            out.lost.append(f"tag {origin}: expected {expected}, found {actual}")
    if resolve and resolved:
        with log.open("a") as fh:
            for e in resolved:
                fh.write(json.dumps(e) + "\n")
    return out


def after_op(before: dict[str, Any] | None, e: dict[str, Any]) -> dict[str, Any] | None:
    """A tag's expected state after action `e` of the annotation loop."""
    op = e["op"]
    if op == "add":
        return {"seq": e["seq"], "state": "accepted"}
    if op == "delete":
        return None
    if op == "edit":
        return {**before, "seq": e["seq"], "state": "accepted"}
    return {**before, "state": "rejected" if op == "reject" else "accepted"}
