"""Review actions: each records history, returns what changed, and undo/redo restore exactly."""

from __future__ import annotations

import pytest

from annotator.services import changes as ch
from annotator.services import review
from annotator.store import aliases, annotations, history, items


def dump(db, *tables):
    return {t: db.conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}


TABLES = ("annotations", "notes", "items", "aliases")


def _span(db, item_id, word):
    body = items.get_item(db, item_id)["body"]
    start = body.index(word)
    return start, start + len(word)


def _suggest(db, item_id, word, kind="speaker"):
    start, end = _span(db, item_id, word)
    annotations.insert_many_suggestions(db, [{"item_id": item_id, "kind": kind, "start": start, "end": end,
                                              "text": word, "attributes": {"name": word}, "rule": "test.rule"}])
    return annotations.for_item(db, item_id, states=["suggested"])[-1]["id"]


def test_add_tag_learns_and_starts_item(sample_db):
    start, end = _span(sample_db, 2, "Nazir Hakim")
    c = review.add_tag(sample_db, 2, "speaker", start, end, "ana", {"name": "Nazir Hakim", "role": "Secretary-General"})
    tag = annotations.get(sample_db, c.created_id)
    assert tag["text"] == "Nazir Hakim" and tag["origin"] == "manual" and tag["state"] == "accepted"
    assert c.annotation_ids == {c.created_id} and c.status_changed and c.aliases_changed
    assert items.get_item(sample_db, 2)["status"] == "in_progress"
    assert "Nazir Hakim" in aliases.known_names(sample_db, "speaker")
    actions = [h.action for h in review.item_history(sample_db, 2)]
    assert actions == ["create", "status"]


def test_a_date_tagged_by_hand_starts_with_the_date_read_in_its_span(sample_db):
    start, end = _span(sample_db, 12, "over the past week")  # item dated 2017-10-02
    period = annotations.get(sample_db, review.add_tag(sample_db, 12, "date", start, end - 5, "ana").created_id)
    assert period["attributes"] == {"start": "2017-09-25", "end": "2017-10-02"}
    start, end = _span(sample_db, 12, "displaced")  # no date there: nothing is made up
    assert annotations.get(sample_db, review.add_tag(sample_db, 12, "date", start, end, "ana").created_id)[
        "attributes"] == {}
    start, end = _span(sample_db, 10, "Wednesday")  # given attributes win
    given = review.add_tag(sample_db, 10, "date", start, end, "ana", {"value": "2017-10-03"})
    assert annotations.get(sample_db, given.created_id)["attributes"] == {"value": "2017-10-03"}


def test_add_tag_rejects_bad_spans(sample_db):
    with pytest.raises(ValueError):
        review.add_tag(sample_db, 1, "speaker", 5, 5, "ana")
    with pytest.raises(ValueError):
        review.add_tag(sample_db, 1, "speaker", 0, 10**6, "ana")
    with pytest.raises(ValueError):
        review.add_tag(sample_db, 1, "nonsense", 0, 5, "ana")


def test_accept_reject_edit_states(sample_db):
    a = _suggest(sample_db, 3, "Riad Seif")
    assert review.accept(sample_db, a, "ana").annotation_ids == {a}
    assert annotations.get(sample_db, a)["state"] == "accepted"
    review.reject(sample_db, a, "ana")
    assert annotations.get(sample_db, a)["state"] == "rejected"
    review.edit_attributes(sample_db, a, {"name": "Riad Seif", "role": "President"}, "ana")
    row = annotations.get(sample_db, a)
    assert row["state"] == "edited" and row["attributes"]["role"] == "President"
    review.accept(sample_db, a, "ana")
    assert annotations.get(sample_db, a)["state"] == "edited"  # an edited tag stays edited


def test_manual_tags_are_deleted_suggestions_are_not(sample_db):
    a = _suggest(sample_db, 3, "Riad Seif")
    with pytest.raises(ValueError):
        review.delete_tag(sample_db, a, "ana")
    start, end = _span(sample_db, 3, "Geneva")
    made = review.add_tag(sample_db, 3, "location", start, end, "ana").created_id
    c = review.delete_tag(sample_db, made, "ana")
    assert annotations.get(sample_db, made) is None and c.before.annotations[made] is not None
    review.restore_tag(sample_db, annotations_row(c, made), "ana")
    assert annotations.get(sample_db, made)["text"] == "Geneva"


def annotations_row(c, ann_id):
    from annotator.store.rows import decode

    return decode(dict(c.before.annotations[ann_id]))


def test_change_span_moves_text(sample_db):
    start, end = _span(sample_db, 3, "Riad Seif")
    made = review.add_tag(sample_db, 3, "speaker", start, end, "ana").created_id
    review.change_span(sample_db, made, start, start + 4, "ana")
    assert annotations.get(sample_db, made)["text"] == "Riad"


def test_accept_all_in_item_is_one_action(sample_db):
    ids = [_suggest(sample_db, 4, w) for w in ("Syrian Coalition", "Geneva")]
    c = review.accept_all(sample_db, 4, "ana")
    assert c.annotation_ids == set(ids)
    assert {annotations.get(sample_db, i)["state"] for i in ids} == {"accepted"}
    assert review.accept_all(sample_db, 4, "ana").empty


def test_status_flow_and_validation(sample_db):
    for status in ("in_progress", "annotated", "reviewed", "flagged", "new"):
        c = review.set_item_status(sample_db, 5, status, "ana")
        assert items.get_item(sample_db, 5)["status"] == status
    assert c.status_changed
    with pytest.raises(ValueError):
        review.set_item_status(sample_db, 5, "done", "ana")


@pytest.mark.parametrize("action", ["add", "edit", "accept", "reject", "accept_all", "delete", "status", "span"])
def test_undo_then_redo_restore_the_store_exactly(sample_db, action):
    db = sample_db
    sug = _suggest(db, 6, "Riad Seif")
    start, end = _span(db, 6, "UK")
    manual = review.add_tag(db, 6, "location", start, end, "ana", {"name": "United Kingdom"}).created_id
    review.set_item_status(db, 7, "new", "ana")
    before = dump(db, *TABLES)
    s7, e7 = _span(db, 7, "Riad Seif")
    run = {
        "add": lambda: review.add_tag(db, 7, "speaker", s7, e7, "bob", {"name": "Riad Seif"}),
        "edit": lambda: review.edit_attributes(db, sug, {"name": "Riad Seif", "role": "President"}, "bob"),
        "accept": lambda: review.accept(db, sug, "bob"),
        "reject": lambda: review.reject(db, sug, "bob"),
        "accept_all": lambda: review.accept_all(db, 6, "bob"),
        "delete": lambda: review.delete_tag(db, manual, "bob"),
        "status": lambda: review.set_item_status(db, 6, "flagged", "bob"),
        "span": lambda: review.change_span(db, manual, start, start + 1, "bob"),
    }[action]
    c = run()
    after = dump(db, *TABLES)
    assert after != before
    n_history = history.count(db)
    ch.undo(db, c, "bob")
    assert dump(db, *TABLES) == before
    ch.redo(db, c, "bob")
    assert dump(db, *TABLES) == after
    assert history.count(db) > n_history  # undo and redo are recorded too


def test_failed_action_leaves_nothing(sample_db, monkeypatch):
    before = dump(sample_db, *TABLES)
    start, end = _span(sample_db, 2, "Nazir Hakim")

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(review.learning, "learn_from_annotation", boom)
    with pytest.raises(RuntimeError):
        review.add_tag(sample_db, 2, "speaker", start, end, "ana")
    assert dump(sample_db, *TABLES) == before


def test_history_entries_have_who_when_before_after(sample_db):
    a = _suggest(sample_db, 8, "Ahmed Ramadan")
    review.accept(sample_db, a, "ana")
    entry = [h for h in review.item_history(sample_db, 8) if h.action == "accept"][0]
    assert entry.analyst == "ana" and entry.at
    assert entry.before["state"] == "suggested" and entry.after["state"] == "accepted"
