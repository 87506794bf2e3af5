"""Hostile or odd stored text in the window (issue 15.3, 15.5, 15.6): odd note values, bidi
overrides and controls shown as marks, thousands of tags on one item."""

from __future__ import annotations

import json

from annotator.store import notes
from tests.ui.conftest import suggest


def show(win, item_id):
    assert win.select_item(item_id)
    assert win.session.view.id == item_id


def test_odd_note_values_are_shown_not_raised(window, qtbot):
    db = window.session.db
    note_id = notes.insert(db, item_id=4, text="checked", analyst="tester")
    db.conn.execute("UPDATE notes SET sources = ?, checklist = ?, text = 12 WHERE id = ?",
                    (json.dumps([5, None, "SOHR"]), json.dumps(["not", "a", "dict"]), note_id))
    db.conn.commit()
    errors = []
    import sys

    old_hook = sys.excepthook
    sys.excepthook = lambda *exc: errors.append(exc)  # a raising slot reports here under Qt
    try:
        show(window, 4)
        panel = window.verification
        panel.list.setCurrentRow(0)
        assert panel.sources.toPlainText() == "5\nSOHR"
        assert not any(box.isChecked() for box in panel.checks.values())
    finally:
        sys.excepthook = old_hook
    assert errors == []


def _item_with_body(window, tmp_path, body: str) -> int:
    from annotator.services.importing import import_paths

    page = tmp_path / "extra.txt"
    page.write_text(f"Coalition News\n17 May 2017 In Coalition News\n\n{body} (Source: Media)\n", encoding="utf-8")
    db = window.session.db
    assert not import_paths(db, [page], analyst="tester").failed
    item_id = db.conn.execute("SELECT max(id) FROM items").fetchone()[0]
    window.items.reload()  # the list learns of the new item as after an import in the window
    return item_id


def test_a_right_to_left_override_is_shown_as_a_mark_not_obeyed(window, qtbot, tmp_path):
    from annotator.store import items
    from annotator.terminal import BIDI_MARK

    body = "Officials said \u202e21 gnillik\u202c civilians died, and a \x1b[2J code was in the page."
    item_id = _item_with_body(window, tmp_path, body)
    stored = items.get_item(window.session.db, item_id)["body"]
    assert "\u202e" in stored  # the store keeps the exact text
    start = stored.index("21 gnillik")
    suggest(window.session.db, item_id, ["21 gnillik"])
    show(window, item_id)
    shown_text = window.reader.body.toPlainText()
    assert "\u202e" not in shown_text and "\x1b" not in shown_text
    assert shown_text[start - 1] == BIDI_MARK and "\u241b[2J" in shown_text
    assert len(shown_text) == len(stored)  # one mark per character: offsets still line up
    window.reader.body.set_current(window.session.view.tags[0]["id"])
    panel = window.panels["speaker"]
    assert "\u202e" not in panel.list.topLevelItem(0).text(0)


def test_thousands_of_tags_on_one_item_draw_only_those_in_view(window, qtbot, tmp_path):
    import time

    from annotator.store import annotations, items

    sentence = "Ten civilians were killed in Raqqa and Idlib on Monday, said the council "
    item_id = _item_with_body(window, tmp_path, sentence * 700)
    body = items.get_item(window.session.db, item_id)["body"]
    rows, at = [], 0
    for _ in range(700):
        for word in ("Raqqa", "Idlib", "Monday", "council", "civilians", "Ten"):
            s = body.index(word, at)
            rows.append({"item_id": item_id, "kind": "location", "start": s, "end": s + len(word), "text": word,
                         "attributes": {"name": word}, "rule": "test.rule", "confidence": 0.9})
        at = body.index("council", at) + 7
    annotations.insert_many_suggestions(window.session.db, rows)
    assert len(rows) == 4200
    started = time.perf_counter()
    show(window, item_id)
    view = window.reader.body
    view.viewport().repaint()
    shown_once = time.perf_counter() - started
    drawn = len(view.extraSelections())
    assert 0 < drawn < 600, drawn  # the tags in view and a margin, not all 4,200
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())  # scrolled to the end:
    last = max(rows, key=lambda r: r["start"])
    lo, hi = view._window
    assert lo <= last["start"] < hi  # the marks follow the view
    assert shown_once < 5.0


def test_a_read_only_store_opens_read_only_and_a_change_is_refused_in_words(qtbot, store_path, settings, monkeypatch):
    from pathlib import Path

    from annotator.services import review
    from annotator.store import faults, open_store
    from annotator.ui.app import create_window

    db = open_store(store_path)
    [tag_id] = suggest(db, 4, ["Coalition"])[-1:]
    db.close()
    before = store_path.read_bytes()
    monkeypatch.setattr(faults, "can_write", lambda p: Path(p).resolve() != store_path.resolve())
    win = create_window(store_path, "tester", settings)
    qtbot.addWidget(win)
    assert "read-only" in win.windowTitle()
    assert "store file is read-only" in win.statusBar().currentMessage()
    failures = []
    win.session.failed.connect(failures.append)
    show(win, 4)
    assert win.session.perform("Accept", review.accept, tag_id) is None
    assert failures and "read-only" in failures[-1]
    win.close()
    assert store_path.read_bytes() == before
