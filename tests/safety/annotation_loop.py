"""A scripted analyst for the crash and two-writer tests: annotate through the services, forever.

    python tests/safety/annotation_loop.py STORE LOG [--seed N] [--actions N] [--until FILE] [--analyst NAME]

Each action (add a tag, edit its attributes, reject/accept it, delete it) goes through
`annotator.services.review`, one transaction each. Before an action the loop appends a `begin`
line to LOG, and after its commit a `done` line (JSON, one `os.write` on an O_APPEND file, so a
line is on disk the moment the call returns, whatever happens to this process next). Every
annotation it writes carries `attributes.origin` (the action that created it) and
`attributes.seq` (the action that last wrote it), so a checker can tell exactly which actions
reached the store. A "database is locked" error that
reaches this loop is logged as `locked` and counted; the loop then stops with exit code 3.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import sys
from pathlib import Path
from typing import Any

KINDS = ("speaker", "location", "casualty")


class Log:
    def __init__(self, path: str, writer: str) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self.writer = writer

    def write(self, event: str, **fields: Any) -> None:
        os.write(self.fd, (json.dumps({"event": event, "writer": self.writer, **fields}) + "\n").encode())


def pick_span(rng: random.Random, words: list[tuple[int, int]]) -> tuple[int, int]:
    """One word of the body, or two in a row."""
    i = rng.randrange(len(words))
    j = min(len(words) - 1, i + rng.randint(0, 1))
    return words[i][0], words[j][1]


def run(store: str, log: Log, seed: int, actions: int | None, analyst: str, until: str | None = None) -> int:
    from annotator.services import review
    from annotator.store import annotations, open_store
    from annotator.store import items as item_store

    rng = random.Random(seed)
    db = open_store(store)
    item_ids = item_store.item_ids(db, item_store.ItemFilter())
    words: dict[int, list[tuple[int, int]]] = {}
    # (annotation id, seq of the action that created it) for the tags this writer made and has
    # not deleted. Ids can be reused once a tag is deleted, so checkers follow `origin` instead.
    mine: list[tuple[int, str]] = []
    log.write("ready", pid=os.getpid())
    n = 0
    while (actions is None or n < actions) or (until is not None and not os.path.exists(until)):
        n += 1
        seq = f"{log.writer}:{seed}:{n}"
        roll = rng.random()
        try:
            if not mine or roll < 0.45:
                item_id = rng.choice(item_ids)
                if item_id not in words:
                    words[item_id] = [m.span() for m in re.finditer(r"\S+", item_store.get_item(db, item_id)["body"])]
                start, end = pick_span(rng, words[item_id])
                kind = rng.choice(KINDS)
                log.write("begin", op="add", seq=seq, origin=seq, item=item_id, kind=kind, start=start, end=end)
                changes = review.add_tag(db, item_id, kind, start, end, analyst, attributes={"seq": seq, "origin": seq})
                mine.append((changes.created_id, seq))
                log.write("done", op="add", seq=seq, origin=seq, id=changes.created_id, item=item_id)
            elif roll < 0.75:
                ann_id, origin = rng.choice(mine)
                row = annotations.get(db, ann_id)
                log.write("begin", op="edit", seq=seq, id=ann_id, origin=origin)
                review.edit_attributes(db, ann_id, {**row["attributes"], "seq": seq, "note": "x" * rng.randint(0, 400)},
                                       analyst)
                log.write("done", op="edit", seq=seq, id=ann_id, origin=origin)
            elif roll < 0.9:
                ann_id, origin = rng.choice(mine)
                op = "reject" if annotations.get(db, ann_id)["state"] != "rejected" else "accept"
                log.write("begin", op=op, seq=seq, id=ann_id, origin=origin)
                (review.reject if op == "reject" else review.accept)(db, ann_id, analyst)
                log.write("done", op=op, seq=seq, id=ann_id, origin=origin)
            else:
                ann_id, origin = mine.pop(rng.randrange(len(mine)))
                log.write("begin", op="delete", seq=seq, id=ann_id, origin=origin)
                review.delete_tag(db, ann_id, analyst)
                log.write("done", op="delete", seq=seq, id=ann_id, origin=origin)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                log.write("locked", seq=seq, error=str(exc))
                return 3
            raise
    log.write("finished", actions=n)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("log")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--actions", type=int, help="stop after this many (default: run until killed)")
    ap.add_argument("--until", metavar="FILE", help="and go on until this file exists")
    ap.add_argument("--analyst", default="loop")
    args = ap.parse_args(argv)
    log = Log(args.log, f"{args.analyst}-{os.getpid()}")
    return run(args.store, log, args.seed, args.actions, args.analyst, args.until)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    raise SystemExit(main())
