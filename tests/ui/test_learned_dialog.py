"""Tools > Learned: the list of what the store learned, and undo / put back, on real widgets.

The items are written for this test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.services import learning, review
from annotator.services import tagging as service
from annotator.store import annotations

PAGE = """Learning News
14 May 2019 In Learning News

Shelling hit a bakery in Saraqib on Monday, residents said. (Source: Learning Desk)

13 May 2019 In Learning News

Families fled Saraqib after the shelling, a local council said. (Source: Learning Desk)

12 May 2019 In Learning News

Fighting near Saraqib closed the road, and shelling hit the outskirts of Tell Qarmeen. (Source: Learning Desk)

Home Media Center Learning News Items filtered by date: May 2019
"""


@pytest.fixture
def taught_db(empty_db, tmp_path):
    from annotator.services.importing import import_paths

    page = tmp_path / "learned_page.txt"
    page.write_text(PAGE, encoding="utf-8")
    import_paths(empty_db, [page])
    ids = [r[0] for r in empty_db.conn.execute("SELECT id FROM items ORDER BY id")]
    service.tag_items(empty_db, ids, kinds="location", jobs=1)
    saraqib = [a for i in ids for a in annotations.for_item(empty_db, i, kinds=["location"]) if a["text"] == "Saraqib"]
    assert len(saraqib) == 3
    for a in saraqib:  # three rejections, no acceptance: past the threshold
        review.reject(empty_db, a["id"], "rana")
    last = ids[-1]
    body = empty_db.conn.execute("SELECT body FROM items WHERE id = ?", (last,)).fetchone()[0]
    start = body.index("Tell Qarmeen")
    review.add_tag(empty_db, last, "location", start, start + len("Tell Qarmeen"), "rana", {"name": "Tell Qarmeen"})
    return empty_db


def _rows(dialog) -> list[list[str]]:
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_the_learned_view_lists_evidence_and_undoes_one(qtbot, taught_db, tmp_path):
    from annotator.ui.learned_dialog import LearnedDialog

    dialog = LearnedDialog(taught_db, "omar")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    rows = _rows(dialog)
    assert ["suppressed everywhere", "location", "saraqib", "never suggested", "3", "0", "rana"] in rows
    assert any(r[0] == "alias" and r[2] == "tell qarmeen" and r[3].startswith("→ Tell Qarmeen") and r[6] == "rana"
               for r in rows)
    assert dialog.count.text() == "1 alias, 3 rejected contexts, 1 suppressed everywhere"
    assert sum(r[0] == "rejected in context" and r[2] == "saraqib" for r in rows) == 3
    dialog.grab().save(str(tmp_path / "learned.png"))  # looked at by hand while writing this test

    dialog.shown.setCurrentIndex(3)  # suppressed everywhere only
    assert [r[2] for r in _rows(dialog)] == ["saraqib"]
    assert not dialog.undo_button.isEnabled() and not dialog.put_back.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.undo_button.isEnabled()
    qtbot.mouseClick(dialog.undo_button, Qt.LeftButton)

    assert _rows(dialog) == []
    assert not learning.build_learned(taught_db).suppressed_everywhere("location", "saraqib")
    forgot = learning.history_rows(taught_db)[0]
    assert (forgot["action"], forgot["analyst"], forgot["table_name"]) == ("forget", "omar", "learning_overrides")
    assert "Forgot" in dialog.message.text()
    # the next tagging run suggests Saraqib again
    item = taught_db.conn.execute("SELECT id FROM items ORDER BY id").fetchone()[0]
    service.tag_items(taught_db, [item], kinds="location", jobs=1)
    assert any(a["text"] == "Saraqib" and a["state"] == "rejected" for a in annotations.for_item(taught_db, item))

    assert dialog.put_back.isEnabled()
    qtbot.mouseClick(dialog.put_back, Qt.LeftButton)
    assert [r[2] for r in _rows(dialog)] == ["saraqib"]
    assert learning.build_learned(taught_db).suppressed_everywhere("location", "saraqib")


def test_undoing_an_alias_removes_it(qtbot, taught_db):
    from annotator.ui.learned_dialog import LearnedDialog

    dialog = LearnedDialog(taught_db, "omar")
    qtbot.addWidget(dialog)
    dialog.shown.setCurrentIndex(1)  # aliases
    assert [r[2] for r in _rows(dialog)] == ["tell qarmeen"]
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.undo_button, Qt.LeftButton)
    assert _rows(dialog) == [] and taught_db.conn.execute("SELECT count(*) FROM aliases").fetchone()[0] == 0
    qtbot.mouseClick(dialog.put_back, Qt.LeftButton)
    assert [r[2] for r in _rows(dialog)] == ["tell qarmeen"]


def test_tools_menu_opens_the_learned_view(window, monkeypatch):
    from annotator.ui import learned_dialog

    opened = []
    monkeypatch.setattr(learned_dialog.LearnedDialog, "exec", lambda self: opened.append(self) or 0)
    tools = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Tools")
    action = next(a for a in tools.actions() if a.text() == "&Learned…")
    action.trigger()
    assert len(opened) == 1 and opened[0].db is window.session.db and opened[0].analyst == "tester"
