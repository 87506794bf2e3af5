"""Paste a report, drop files, the report header and Set date, on the real window (offscreen).
Texts are written for these tests."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from annotator.store import items
from annotator.ui import report_import
from annotator.ui.report_import import DateDialog

DATED = ("Shelling hits market in northern town\n\nSaturday 3, March 2018 at 9:15 AM\n\n"
         "BEIRUT (AFP) — Artillery fire struck a crowded market in the northern town on Saturday, killing at least "
         "seven civilians, a war monitor said.\n")
UNDATED = ("Convoy reaches besieged town\n\nGENEVA, March 3 (Reuters) - An aid convoy of twenty trucks reached the "
           "besieged town on Saturday, the agency said in a statement.\n")


def _answer(monkeypatch, accepted, value):
    asked = []

    def ask(win, item, title):
        asked.append(item)
        return accepted, value

    monkeypatch.setattr(report_import, "ask_date", ask)
    return asked


def test_paste_makes_a_clipboard_item_and_confirms_its_date(window, monkeypatch):
    asked = _answer(monkeypatch, True, "2018-03-03")
    QApplication.clipboard().setText(DATED)
    before = items.count_items(window.session.db)
    window.paste_act.trigger()
    assert items.count_items(window.session.db) == before + 1
    new = window.session.view.item
    assert new["source_origin"] == "clipboard" and new["date"] == "2018-03-03" and new["outlet"] == "AFP"
    assert asked and asked[0]["date"] == "2018-03-03"  # the dialog was shown the date it read
    assert window.report_header.parts.text().startswith("AFP  ·  filed from BEIRUT (AFP)")
    assert "pasted" in window.report_header.parts.text()
    assert window.paste_act.shortcut().toString() == "Ctrl+Shift+V"
    window.paste_act.trigger()  # the same text again adds nothing
    assert items.count_items(window.session.db) == before + 1
    assert "already in the store" in window.statusBar().currentMessage()


def test_a_pasted_report_without_a_date_gets_one_in_the_dialog_and_undo_takes_it_back(window, monkeypatch):
    _answer(monkeypatch, True, "2018-03-03")
    QApplication.clipboard().setText(UNDATED)
    item_id = report_import.paste_item(window)
    row = items.get_item(window.session.db, item_id)
    assert row["date"] == "2018-03-03" and row["needs_date"] == 0
    assert not window.report_header.flag.isVisible()
    window.session.undo_stack.undo()
    row = items.get_item(window.session.db, item_id)
    assert row["date"] is None and row["needs_date"] == 1
    assert window.report_header.flag.isVisibleTo(window) and window.reader.date.text() == "Date unknown"


def test_leaving_the_date_unknown_keeps_the_flag(window, monkeypatch):
    _answer(monkeypatch, True, None)
    QApplication.clipboard().setText(UNDATED)
    item_id = report_import.paste_item(window)
    assert items.get_item(window.session.db, item_id)["needs_date"] == 1
    assert window.report_header.set_date.isVisibleTo(window)
    model = window.items.model
    row = model.row_of(item_id)
    assert model.cell(row, 0)[0] == "needs date" == model.data(model.index(row, 0))


def test_set_date_button_on_the_header(window, monkeypatch, qtbot):
    _answer(monkeypatch, True, None)
    QApplication.clipboard().setText(UNDATED)
    item_id = report_import.paste_item(window)
    _answer(monkeypatch, True, "2018-03-05")
    qtbot.mouseClick(window.report_header.set_date, Qt.LeftButton)
    assert items.get_item(window.session.db, item_id)["date"] == "2018-03-05"
    assert "given by the analyst (tester)" in window.report_header.origin.text()


def test_dropped_files_are_imported(window, qtbot, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.txt").write_text(DATED, encoding="utf-8")
    (folder / "b.txt").write_text(UNDATED, encoding="utf-8")
    before = items.count_items(window.session.db)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(folder))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, enter)  # Qt delivers a drop only where the drag was accepted
    assert enter.isAccepted()
    drop = QDropEvent(QPoint(50, 50), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: not window.progress.busy, timeout=20000)
    assert items.count_items(window.session.db) == before + 2


def test_a_drop_without_files_is_not_taken(window):
    data = QMimeData()
    data.setText("just words")
    enter = QDragEnterEvent(QPoint(50, 50), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_date_dialog_never_offers_a_date_nobody_chose(qtbot):
    unknown = DateDialog({"title": "t", "date": None, "needs_date": 1, "layout": "article",
                          "date_rule": "no date line found"})
    qtbot.addWidget(unknown)
    assert unknown.unknown.isChecked() and not unknown.edit.isEnabled() and unknown.value() is None
    unknown.unknown.setChecked(False)
    assert unknown.edit.isEnabled() and unknown.value() is not None
    ambiguous = DateDialog({"title": "t", "date": None, "needs_date": 1, "layout": "article",
                            "date_rule": "numeric date, day/month order unknown: 2018-03-04 or 2018-04-03"})
    qtbot.addWidget(ambiguous)
    assert not ambiguous.unknown.isChecked() and ambiguous.value() == "2018-03-04"
    dated = DateDialog({"title": "t", "date": "2018-03-03", "needs_date": 0, "layout": "article",
                        "date_rule": "written date", "date_line": "3 March 2018", "date_line_no": 3})
    qtbot.addWidget(dated)
    assert dated.value() == "2018-03-03"
