"""Two analysts on one store (two connections): undo and redo never erase a colleague's later
edit. A step is replayed only if the rows it changed are still as it left them; otherwise it is
refused with a message naming who changed what and when, and nothing is written."""

from __future__ import annotations

import pytest

from annotator.services import changes as ch
from annotator.services import dating, notes, review
from annotator.store import annotations, items, open_store


def _span(db, item_id, word):
    body = items.get_item(db, item_id)["body"]
    start = body.index(word)
    return start, start + len(word)


def _suggest(db, item_id, word, kind="speaker"):
    start, end = _span(db, item_id, word)
    annotations.insert_many_suggestions(db, [{"item_id": item_id, "kind": kind, "start": start, "end": end,
                                              "text": word, "attributes": {"name": word}, "rule": "test.rule"}])
    return annotations.for_item(db, item_id, states=["suggested"])[-1]["id"]


def dump(db):
    return {t: db.conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in ("annotations", "notes", "items", "aliases", "history")}


@pytest.fixture
def two(sample_db, db_path):
    """(A, B): the same store through two connections, as two windows or two analysts."""
    other = open_store(db_path)
    yield sample_db, other
    other.close()


# Each case: (setup on A -> context, A's action -> Changes, B's later edit of a row A changed).
# AFTER_UNDO: B's edit of a row A's undo put back, where the first one does not apply then.
def _tag(db):
    return {"tag": _suggest(db, 2, "Nazir Hakim")}


def _manual_tag(db):
    """A tag made by hand (only those can be deleted), written straight to the store so that
    item 2 is still `new` and the step under test is the one that starts it."""
    start, end = _span(db, 2, "Nazir Hakim")
    return {"tag": annotations.insert(db, item_id=2, kind="speaker", start=start, end=end, text="Nazir Hakim",
                                      origin="manual", state="accepted", analyst="ana")}


def _flag(db, x):
    review.set_item_status(db, 2, "flagged", "omar")


def _note(db):
    c = notes.add_note(db, 2, "ana", text="first reading")
    return {"note": c.created_id}


CASES = {
    "accept": (_tag, lambda db, x: review.accept(db, x["tag"], "ana"),
               lambda db, x: review.edit_attributes(db, x["tag"], {"name": "Nazir Hakim", "role": "President"}, "omar")),
    "reject": (_tag, lambda db, x: review.reject(db, x["tag"], "ana"),
               lambda db, x: review.accept(db, x["tag"], "omar")),
    "edit": (_tag, lambda db, x: review.edit_attributes(db, x["tag"], {"name": "N. Hakim"}, "ana"),
             lambda db, x: review.reject(db, x["tag"], "omar")),
    "span": (_tag, lambda db, x: review.change_span(db, x["tag"], *_span(db, 2, "Nazir"), "ana"),
             lambda db, x: review.edit_attributes(db, x["tag"], {"name": "Nazir", "role": "Secretary"}, "omar")),
    "delete": (_manual_tag, lambda db, x: review.delete_tag(db, x["tag"], "ana"), _flag),
    "add": (lambda db: {}, lambda db, x: review.add_tag(db, 2, "speaker", *_span(db, 2, "Nazir Hakim"), "ana",
                                                       {"name": "Nazir Hakim"}),
            lambda db, x: review.edit_attributes(db, x["created"], {"name": "Nazir Hakim", "role": "Head"}, "omar")),
    "accept_all": (_tag, lambda db, x: review.accept_all(db, 2, "ana"),
                   lambda db, x: review.reject(db, x["tag"], "omar")),
    "status": (lambda db: {}, lambda db, x: review.set_item_status(db, 2, "reviewed", "ana"),
               lambda db, x: review.set_item_status(db, 2, "flagged", "omar")),
    "date": (lambda db: {}, lambda db, x: dating.set_item_date(db, 2, "2017-03-01", "ana"),
             lambda db, x: dating.set_item_date(db, 2, "2017-03-02", "omar")),
    "add_note": (lambda db: {}, lambda db, x: notes.add_note(db, 2, "ana", text="checked against SNHR"),
                 lambda db, x: notes.edit_note(db, x["created"], "omar", text="checked twice")),
    "edit_note": (_note, lambda db, x: notes.edit_note(db, x["note"], "ana", grading="fair"),
                  lambda db, x: notes.edit_note(db, x["note"], "omar", grading="weak")),
    "delete_note": (_note, lambda db, x: notes.delete_note(db, x["note"], "ana"),
                    lambda db, x: notes.add_note(db, 2, "omar", text="a new note")),
}


AFTER_UNDO = {
    "add": _flag,  # Ana's tag is gone after her undo (its id is never given again); the item is `new` again
    "add_note": lambda db, x: notes.add_note(db, 2, "omar", text="his own"),  # takes the freed note id
    "delete": lambda db, x: review.edit_attributes(db, x["tag"], {"name": "Nazir Hakim", "role": "Envoy"}, "omar"),
    "delete_note": lambda db, x: notes.edit_note(db, x["note"], "omar", text="rewritten"),
}


def _act(a, name):
    setup, action, _ = CASES[name]
    x = setup(a)
    c = action(a, x)
    assert not c.empty
    x["created"] = c.created_id
    return c, x


@pytest.mark.parametrize("name", sorted(CASES))
def test_undo_is_refused_when_a_colleague_changed_the_rows_since(two, name):
    a, b = two
    c, x = _act(a, name)
    CASES[name][2](b, x)  # Omar, in the other window, changes a row Ana's step changed
    theirs = dump(b)
    with pytest.raises(ch.StaleChange) as refused:
        ch.undo(a, c, "ana")
    message = str(refused.value)
    assert "omar" in message and c.label in message and " UTC" in message
    assert dump(a) == theirs  # nothing written, not even a history row


@pytest.mark.parametrize("name", sorted(CASES))
def test_redo_is_refused_when_a_colleague_changed_the_rows_since(two, name):
    a, b = two
    c, x = _act(a, name)
    ch.undo(a, c, "ana")
    AFTER_UNDO.get(name, CASES[name][2])(b, x)
    theirs = dump(b)
    with pytest.raises(ch.StaleChange) as refused:
        ch.redo(a, c, "ana")
    assert "omar" in str(refused.value)
    assert dump(a) == theirs


@pytest.mark.parametrize("name", sorted(CASES))
def test_undo_and_redo_go_through_when_the_colleague_changed_something_else(two, name):
    a, b = two
    c, _ = _act(a, name)
    elsewhere = _suggest(b, 5, b.conn.execute("SELECT substr(body, 1, 5) FROM items WHERE id = 5").fetchone()[0])
    review.accept(b, elsewhere, "omar")
    ch.undo(a, c, "ana")
    assert annotations.get(a, elsewhere)["state"] == "accepted"  # Omar's work on item 5 untouched
    ch.redo(a, c, "ana")
    assert annotations.get(a, elsewhere)["state"] == "accepted"


def test_the_message_names_who_changed_what_and_when(two):
    a, b = two
    tag = _suggest(a, 2, "Nazir Hakim")
    c = review.accept(a, tag, "ana")
    review.edit_attributes(b, tag, {"name": "Nazir Hakim", "role": "President"}, "omar")
    with pytest.raises(ch.StaleChange) as refused:
        ch.undo(a, c, "ana")
    message = str(refused.value)
    assert message.startswith("Cannot undo “accept speaker”")
    assert "the speaker tag “Nazir Hakim” (role, state) was changed by omar at 20" in message
    assert annotations.get(a, tag)["attributes"]["role"] == "President"  # Omar's role kept


def test_a_step_that_only_looked_at_a_row_does_not_write_it_back(two):
    """Accepting on an item already in progress reads its status but does not change it: a
    colleague's later status change survives Ana's undo of the accept."""
    a, b = two
    review.set_item_status(a, 2, "in_progress", "ana")
    tag = _suggest(a, 2, "Nazir Hakim")
    c = review.accept(a, tag, "ana")
    review.set_item_status(b, 2, "flagged", "omar")
    ch.undo(a, c, "ana")
    assert items.get_item(a, 2)["status"] == "flagged"
    assert annotations.get(a, tag)["state"] == "suggested"


def test_put_back_of_a_forgotten_alias_is_refused_after_a_colleague_relearned_it(two):
    """Tools > Learned > Undo, then Put back: refused when a colleague taught the same name since."""
    from annotator.services import learning

    a, b = two
    start, end = _span(a, 2, "Nazir Hakim")
    review.add_tag(a, 2, "speaker", start, end, "ana", {"name": "Nazir Hakim"})  # teaches the alias
    entry = next(e for e in learning.learned_entries(a) if e.what == "alias" and e.form == "nazir hakim")
    done = learning.forget(a, entry, "ana")
    start, end = _span(b, 2, "Nazir")
    review.add_tag(b, 2, "speaker", start, start + len("Nazir Hakim"), "omar", {"name": "Nazir al-Hakim"})
    theirs = dump(b)
    with pytest.raises(ch.StaleChange) as refused:
        learning.restore(a, done, "ana")
    assert "omar" in str(refused.value) and "Nothing was put back" in str(refused.value)
    assert dump(a) == theirs


def test_put_back_goes_through_when_nobody_touched_it(two):
    from annotator.services import learning

    a, _ = two
    start, end = _span(a, 2, "Nazir Hakim")
    review.add_tag(a, 2, "speaker", start, end, "ana", {"name": "Nazir Hakim"})
    entry = next(e for e in learning.learned_entries(a) if e.what == "alias" and e.form == "nazir hakim")
    learning.restore(a, learning.forget(a, entry, "ana"), "ana")
    assert any(e.what == "alias" and e.form == "nazir hakim" for e in learning.learned_entries(a))
