"""The crash checkers themselves must catch what they look for (else the crash tests prove nothing)."""

from __future__ import annotations

import json

from annotator.services import review
from annotator.store import items as item_store
from tests.safety.checks import check_loop_log, half_written, store_problems


def _first_item(db) -> int:  # noqa: ANN001
    return item_store.item_ids(db, item_store.ItemFilter())[0]


def test_a_reported_change_missing_from_the_store_is_a_loss(sample_db, tmp_path):
    item = _first_item(sample_db)
    review.add_tag(sample_db, item, "location", 0, 5, "a", attributes={"seq": "w:1", "origin": "w:1"})
    log = tmp_path / "log"
    lines = [
        {"event": "done", "op": "add", "seq": "w:1", "origin": "w:1"},
        {"event": "done", "op": "add", "seq": "w:2", "origin": "w:2"},  # never stored
        {"event": "done", "op": "edit", "seq": "w:3", "origin": "w:1"},  # stored row still has w:1
        {"event": "begin", "op": "delete", "seq": "w:4", "origin": "w:1"},  # in flight: either way is fine
    ]
    log.write_text("".join(json.dumps(e) + "\n" for e in lines))
    result = check_loop_log(sample_db.conn, log)
    assert result.committed == 3 and result.in_flight == 1
    assert len(result.lost) == 2 and any("w:2" in x for x in result.lost) and any("w:1" in x for x in result.lost)


def test_an_in_flight_action_may_land_or_not(sample_db, tmp_path):
    item = _first_item(sample_db)
    review.add_tag(sample_db, item, "speaker", 0, 5, "a", attributes={"seq": "w:1", "origin": "w:1"})
    log = tmp_path / "log"
    log.write_text(json.dumps({"event": "begin", "op": "add", "seq": "w:1", "origin": "w:1"}) + "\n")
    result = check_loop_log(sample_db.conn, log)
    assert result.lost == [] and result.landed_in_flight == 1
    again = check_loop_log(sample_db.conn, log)  # resolved: now a committed change like any other
    assert again.in_flight == 0 and again.lost == []


def test_a_row_without_its_history_is_half_written(sample_db):
    item = _first_item(sample_db)
    changes = review.add_tag(sample_db, item, "location", 0, 5, "a")
    assert half_written(sample_db.conn) == [] and store_problems(sample_db.conn) == []
    sample_db.conn.execute("UPDATE annotations SET state = 'rejected' WHERE id = ?", (changes.created_id,))
    sample_db.conn.execute("INSERT INTO annotations (item_id, kind, start, \"end\", text, origin, state, created, updated) "
                           "VALUES (?, 'speaker', 0, 3, 'abc', 'manual', 'accepted', 'x', 'x')", (item,))
    sample_db.conn.commit()
    problems = half_written(sample_db.conn)
    assert any("differs from its last history row" in p for p in problems)
    assert any("has no create row" in p for p in problems)


def test_an_fts_index_out_of_step_is_caught(sample_db):
    assert store_problems(sample_db.conn) == []
    # an item inserted behind the store code's back (no insert trigger: the store indexes)
    sample_db.conn.execute(
        'INSERT INTO items (source_id, position, date, body, start, "end", body_start, body_end, content_hash) '
        "SELECT source_id, 99, date, 'an unindexed body', 0, 1, 0, 1, 'h' FROM items LIMIT 1")
    sample_db.conn.commit()
    assert any("FTS index out of step" in p for p in store_problems(sample_db.conn))
