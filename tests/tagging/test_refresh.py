"""Re-runs keep untouched suggestions in line with the current rules, and nothing else."""

from __future__ import annotations

import json

from annotator.cli import main
from annotator.tag_json import annotation_json
from annotator.services import notes, review
from annotator.services import tagging as service
from annotator.store import annotations
from annotator.store.annotations import insert_many_suggestions
from annotator.tagging.base import RULES_VERSION


def _old_suggestion(db, item_id: int, kind: str, word: str, **extra) -> int:
    """A suggestion as an earlier rules version made it: a span today's rules do not suggest."""
    body = db.conn.execute("SELECT body FROM items WHERE id = ?", (item_id,)).fetchone()[0]
    start = body.index(word)
    row = {"item_id": item_id, "kind": kind, "start": start, "end": start + len(word), "text": word,
           "attributes": extra.pop("attributes", {"name": word}), "rule": "old-rule", "rules_version": "2020.1",
           "confidence": 0.5, **extra}
    insert_many_suggestions(db, [row], analyst="tagger")
    return db.conn.execute("SELECT max(id) FROM annotations").fetchone()[0]


def _history(db, action: str) -> list[dict]:
    rows = db.conn.execute("SELECT row_id, item_id, before, after FROM history WHERE action = ?", (action,))
    return [{"row_id": r[0], "item_id": r[1], "before": r[2] and json.loads(r[2]), "after": r[3] and json.loads(r[3])}
            for r in rows]


def test_an_untouched_suggestion_the_rules_no_longer_make_is_withdrawn_and_logged(sample_db):
    service.tag_items(sample_db, jobs=1)
    stale = _old_suggestion(sample_db, 3, "location", "Coalition")
    report = service.tag_items(sample_db, jobs=1)
    assert annotations.get(sample_db, stale) is None
    assert report.withdrawn == 1 and report.added == 0 and "1 outdated suggestion withdrawn, 0 updated" in report.summary()
    [logged] = _history(sample_db, "withdraw")
    assert logged["row_id"] == stale and logged["item_id"] == 3
    assert logged["before"]["rule"] == "old-rule" and logged["before"]["text"] == "Coalition"


def test_reviewed_noted_merged_and_other_kinds_stay(sample_db):
    service.tag_items(sample_db, jobs=1)
    accepted = _old_suggestion(sample_db, 3, "location", "Coalition")
    rejected = _old_suggestion(sample_db, 4, "location", "Coalition")
    noted = _old_suggestion(sample_db, 5, "location", "Coalition")
    merged = _old_suggestion(sample_db, 6, "location", "Coalition")
    other_kind = _old_suggestion(sample_db, 7, "speaker", "Coalition")
    edited = _old_suggestion(sample_db, 8, "location", "Coalition")
    review.accept(sample_db, accepted, "tester")
    review.reject(sample_db, rejected, "tester")
    notes.add_note(sample_db, 5, "tester", annotation_id=noted, text="checked with the field team")
    annotations.update(sample_db, merged, {"conflict_group": "g1"}, "tester", action="conflict")
    review.edit_attributes(sample_db, edited, {"name": "Coalition HQ"}, "tester")
    report = service.tag_items(sample_db, kinds="location", jobs=1)
    assert report.withdrawn == 0 and report.refreshed == 0
    for kept in (accepted, rejected, noted, merged, other_kind, edited):
        assert annotations.get(sample_db, kept) is not None


def test_a_suggestion_the_rules_now_describe_otherwise_is_updated_in_place(sample_db):
    service.tag_items(sample_db, jobs=1)
    row = next(a for a in annotations.iter_all(sample_db) if a["kind"] == "casualty")
    true_attributes = dict(row["attributes"])
    sample_db.conn.execute(  # as an earlier rules version left it
        "UPDATE annotations SET attributes = ?, rule = 'old-rule', rules_version = '2020.1' WHERE id = ?",
        (json.dumps({**true_attributes, "min": 1, "max": 1}), row["id"]))
    sample_db.conn.commit()
    report = service.tag_items(sample_db, jobs=1)
    assert report.refreshed == 1 and report.withdrawn == 0 and report.added == 0
    now = annotations.get(sample_db, row["id"])
    assert now["attributes"] == true_attributes and now["rule"] == row["rule"]
    assert now["rules_version"] == RULES_VERSION and now["state"] == "suggested"
    stored = sample_db.conn.execute("SELECT export_json FROM annotations WHERE id = ?", (row["id"],)).fetchone()[0]
    assert stored == annotation_json(now["id"], now["kind"], now["start"], now["end"], now["text"], "auto",
                                     "suggested", now["rule"], now["confidence"], now["analyst"],
                                     json.dumps(now["attributes"], ensure_ascii=False, sort_keys=True))
    [logged] = _history(sample_db, "refresh")
    assert logged["before"]["attributes"]["min"] == 1 and logged["after"]["attributes"] == true_attributes


def test_a_rerun_under_the_same_rules_changes_nothing(sample_db):
    service.tag_items(sample_db, jobs=1)
    history_rows = sample_db.conn.execute("SELECT count(*) FROM history").fetchone()[0]
    report = service.tag_items(sample_db, jobs=1)
    assert (report.added, report.withdrawn, report.refreshed) == (0, 0, 0)
    assert sample_db.conn.execute("SELECT count(*) FROM history").fetchone()[0] == history_rows


def test_keep_outdated_leaves_old_suggestions(sample_db):
    service.tag_items(sample_db, jobs=1)
    stale = _old_suggestion(sample_db, 3, "location", "Coalition")
    report = service.tag_items(sample_db, jobs=1, refresh=False)
    assert report.withdrawn == 0 and annotations.get(sample_db, stale) is not None


def test_cli_withdraws_by_default_and_keeps_with_the_flag(db_path, capsys):
    from annotator.store import open_store

    assert main(["import", "sample_data", "--db", str(db_path), "--quiet"]) == 0
    assert main(["tag", "--db", str(db_path), "--quiet", "--jobs", "1"]) == 0
    db = open_store(db_path)
    first = _old_suggestion(db, 3, "location", "Coalition")
    db.close()
    capsys.readouterr()
    assert main(["tag", "--db", str(db_path), "--quiet", "--jobs", "1", "--keep-outdated"]) == 0
    assert "withdrawn" not in capsys.readouterr().out
    assert main(["tag", "--db", str(db_path), "--quiet", "--jobs", "1"]) == 0
    assert "1 outdated suggestion withdrawn, 0 updated" in capsys.readouterr().out
    db = open_store(db_path)
    assert annotations.get(db, first) is None
    db.close()
