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
