"""A learned alias is a change like any other: it writes a history row (who, when, before/after)."""

from __future__ import annotations

import json

from annotator.services import review
from annotator.store import items


def test_learning_an_alias_writes_a_history_row(sample_db):
    body = items.get_item(sample_db, 2)["body"]
    start = body.index("Nazir Hakim")
    review.add_tag(sample_db, 2, "speaker", start, start + len("Nazir Hakim"), "ana", {"name": "Nazir Hakim"})
    rows = sample_db.conn.execute(
        "SELECT analyst, action, row_id, before, after FROM history WHERE table_name = 'aliases'").fetchall()
    assert len(rows) == 1
    analyst, action, row_id, before, after = rows[0]
    assert (analyst, action, before) == ("ana", "learn", None) and row_id is not None
    assert json.loads(after)["canonical"] == "Nazir Hakim"
