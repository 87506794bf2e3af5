"""Verification notes: add / edit / delete with grading, sources, checklist; undo restores."""

from __future__ import annotations

import pytest

from annotator.services import changes as ch
from annotator.services import notes, review
from annotator.store import items
from tests.services.test_review import TABLES, dump


def test_note_lifecycle_on_item_and_tag(sample_db):
    c = notes.add_note(sample_db, 9, "ana", grading="fair", sources=[" https://a.example/1 ", "", "SOHR report"],
                       checklist={"source_identified": True}, text="Matches SOHR.")
    note = notes.notes_for_item(sample_db, 9)[0]
    assert note["id"] == c.created_id and note["analyst"] == "ana" and note["created"]
    assert note["sources"] == ["https://a.example/1", "SOHR report"]
    assert note["checklist"] == {"source_identified": True, "content_corroborated": False,
                                 "location_confirmed": False, "date_confirmed": False}
    assert items.get_item(sample_db, 9)["status"] == "in_progress"
    notes.edit_note(sample_db, note["id"], "bob", grading="contested", text="Disputed by SANA.")
    assert notes.notes_for_item(sample_db, 9)[0]["grading"] == "contested"
    body = items.get_item(sample_db, 9)["body"]
    tag = review.add_tag(sample_db, 9, "speaker", 0, body.index(" "), "ana").created_id
    on_tag = notes.add_note(sample_db, 9, "ana", annotation_id=tag, grading="weak").created_id
    assert {n["annotation_id"] for n in notes.notes_for_item(sample_db, 9)} == {None, tag}
    notes.delete_note(sample_db, on_tag, "ana")
    assert len(notes.notes_for_item(sample_db, 9)) == 1


def test_note_validation(sample_db):
    with pytest.raises(ValueError):
        notes.add_note(sample_db, 9, "ana", grading="probable")
    with pytest.raises(ValueError):
        notes.add_note(sample_db, 9, "ana", checklist={"vibes_checked": True})
    with pytest.raises(ValueError):
        notes.add_note(sample_db, 9, "ana", annotation_id=999)


def test_deleting_a_tag_with_a_note_undoes_both(sample_db):
    body = items.get_item(sample_db, 10)["body"]
    tag = review.add_tag(sample_db, 10, "speaker", 0, body.index(" "), "ana").created_id
    notes.add_note(sample_db, 10, "ana", annotation_id=tag, grading="confirmed", text="seen")
    before = dump(sample_db, *TABLES)
    c = review.delete_tag(sample_db, tag, "ana")
    assert notes.notes_for_item(sample_db, 10) == []
    ch.undo(sample_db, c, "ana")
    assert dump(sample_db, *TABLES) == before


@pytest.mark.parametrize("action", ["add", "edit", "delete"])
def test_note_undo_redo_exact(sample_db, action):
    db = sample_db
    existing = notes.add_note(db, 11, "ana", grading="fair", text="x").created_id
    before = dump(db, *TABLES)
    c = {"add": lambda: notes.add_note(db, 11, "bob", grading="weak", sources=["a"]),
         "edit": lambda: notes.edit_note(db, existing, "bob", sources=["b", "c"], checklist={"date_confirmed": True}),
         "delete": lambda: notes.delete_note(db, existing, "bob")}[action]()
    after = dump(db, *TABLES)
    ch.undo(db, c, "bob")
    assert dump(db, *TABLES) == before
    ch.redo(db, c, "bob")
    assert dump(db, *TABLES) == after
