"""Review many items at once: accept their open suggestions and mark them reviewed.

Used to build large stores in a realistic state (the benchmark corpus) without a million
service calls. One transaction; one history row per item holding what changed."""

from __future__ import annotations

import sqlite_utils

from annotator.store.annotations import refresh_export_json
from annotator.store.clock import now
from annotator.store.db import write_tx
from annotator.store.history import record_many

CHUNK = 500  # ids per statement, well under SQLite's bound-parameter limit


def review_items(db: sqlite_utils.Database, item_ids: list[int], analyst: str | None) -> int:
    """Accept every suggested tag of `item_ids` and set their status to reviewed; returns the
    number of tags accepted."""
    if not item_ids:
        return 0
    stamp = now()
    accepted = 0
    entries = []
    with write_tx(db):
        for i in range(0, len(item_ids), CHUNK):
            chunk = item_ids[i : i + CHUNK]
            marks = ",".join("?" * len(chunk))
            before = dict(db.conn.execute(f"SELECT id, status FROM items WHERE id IN ({marks})", chunk).fetchall())
            counts = dict(db.conn.execute(
                f"SELECT item_id, count(*) FROM annotations WHERE state = 'suggested' AND item_id IN ({marks}) "
                "GROUP BY item_id", chunk).fetchall())
            db.conn.execute(f"UPDATE annotations SET state = 'accepted', analyst = ?, updated = ? "
                            f"WHERE state = 'suggested' AND item_id IN ({marks})", [analyst, stamp, *chunk])
            refresh_export_json(db, f"item_id IN ({marks}) AND updated = ?", [*chunk, stamp])
            db.conn.execute(f"UPDATE items SET status = 'reviewed', updated = ? WHERE id IN ({marks})", [stamp, *chunk])
            accepted += sum(counts.values())
            entries += [{"analyst": analyst, "action": "review", "table": "items", "row_id": item_id,
                         "item_id": item_id, "before": {"status": status, "suggested": counts.get(item_id, 0)},
                         "after": {"status": "reviewed", "accepted": counts.get(item_id, 0)}}
                        for item_id, status in before.items()]
        record_many(db, entries)
    return accepted
