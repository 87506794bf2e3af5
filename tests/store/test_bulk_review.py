"""store.bulk_review: many items reviewed in one transaction, each with a history row."""

from __future__ import annotations

from annotator.store import annotations, history
from annotator.store.bulk_review import review_items


def test_review_items_accepts_open_suggestions_and_marks_reviewed(sample_db) -> None:
    ids = [r[0] for r in sample_db.conn.execute("SELECT id FROM items ORDER BY id LIMIT 3")]
    body = sample_db.conn.execute("SELECT body FROM items WHERE id = ?", (ids[0],)).fetchone()[0]
    word = body.split()[0]
    annotations.insert_many_suggestions(sample_db, [
        {"item_id": ids[0], "kind": "speaker", "start": 0, "end": len(word), "text": word, "attributes": {"name": word}},
        {"item_id": ids[2], "kind": "location", "start": 0, "end": len(word), "text": word, "attributes": {}},
    ], analyst="t")
    accepted = review_items(sample_db, ids[:2], analyst="rana")
    assert accepted == 1
    states = dict(sample_db.conn.execute("SELECT item_id, state FROM annotations").fetchall())
    assert states == {ids[0]: "accepted", ids[2]: "suggested"}
    status = dict(sample_db.conn.execute("SELECT id, status FROM items WHERE id IN (?, ?, ?)", ids).fetchall())
    assert status == {ids[0]: "reviewed", ids[1]: "reviewed", ids[2]: "new"}
    exported = sample_db.conn.execute("SELECT export_json FROM annotations WHERE item_id = ?", (ids[0],)).fetchone()[0]
    assert '"state":"accepted"' in exported
    actions = [h["action"] for h in history.for_item(sample_db, ids[1])]
    assert actions[-1] == "review"
