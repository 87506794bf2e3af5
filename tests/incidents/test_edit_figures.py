"""Editing an incident's figures, fatalities, grading, dates and place: the service (one undoable
step with a history row, refused when someone changed the incident since it was shown) and the
Incidents panel (typed over in the list, or the Edit dialog), driven with real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from annotator.services import changes as ch
from annotator.services import incidents
from annotator.services.incident_edits import EditedSince, edit_incident
from annotator.store import incidents as store
from annotator.store import open_store
from tests.incidents.conftest import incident_window
from tests.ui.conftest import _no_job_left_running, settings  # noqa: F401 - fixtures


def _strike(db) -> int:
    return store.figure_row(db, db.ids["a20"])["incident_id"]


def _history(db, incident_id: int) -> list[tuple]:
    return db.conn.execute("SELECT analyst, action FROM history WHERE table_name = 'incidents' AND row_id = ? "
                           "ORDER BY id", (incident_id,)).fetchall()


def test_figures_fatalities_grading_dates_place_in_one_undoable_step(incident_db):
    db = incident_db
    incidents.suggest(db)
    strike = _strike(db)
    seen = store.get(db, strike)
    c = edit_incident(db, strike, seen, {
        "figures": {"killed": {"best": 23, "low": 20, "high": 40}, "missing": {"best": 3, "low": 3, "high": 3}},
        "fatalities": 20, "grading": "fair", "date_start": "2019-03-12", "date_end": "2019-03-13", "date_prec": 2,
        "place": "Idlib"}, analyst="rana")
    row = store.get(db, strike)
    assert row["figures"]["killed"] == {"best": 23, "low": 20, "high": 40}
    assert row["figures"]["missing"] == {"best": 3, "low": 3, "high": 3}
    assert row["figures"]["injured"] == seen["figures"]["injured"]  # untouched harms stay
    assert (row["fatalities"], row["grading"], row["date_end"], row["date_prec"]) == (20, "fair", "2019-03-13", 2)
    # the new name brings its own point: never Maarat Hazeen's coordinates under "Idlib"
    assert row["place"] == "Idlib" and row["lat"] is not None
    assert (round(row["lat"], 2), round(row["lon"], 2)) != (35.71, 36.63)
    assert ("rana", "incident_edit") in _history(db, strike)
    ch.undo(db, c, "rana")
    assert store.get(db, strike)["figures"] == seen["figures"]
    ch.redo(db, c, "rana")
    incidents.suggest(db)  # a re-run keeps what the analyst set
    assert store.get(db, strike)["figures"]["killed"]["high"] == 40


def test_an_unknown_place_has_no_point_rather_than_the_old_one(incident_db):
    incidents.suggest(incident_db)
    strike = _strike(incident_db)
    edit_incident(incident_db, strike, store.get(incident_db, strike), {"place": "Qaryat Kharbat Zzz"}, analyst="rana")
    row = store.get(incident_db, strike)
    assert (row["place"], row["lat"], row["lon"], row["where_prec"]) == ("Qaryat Kharbat Zzz", None, None, 5)


@pytest.mark.parametrize("changes, says", [
    ({"figures": {"killed": {"low": 50, "high": 40}}}, "low"),
    ({"figures": {"killed": {"best": 90}}}, "between low and high"),
    ({"figures": {"killed": {"best": -3}}}, "whole number"),
    ({"figures": {"shot": {"best": 3}}}, "unknown harm"),
    ({"date_end": "2019-03-01"}, "before it starts"),
    ({"date_start": "12/03/2019"}, "not a date"),
    ({"grading": "solid"}, "unknown grading"),
    ({"where_prec": 9}, "UCDP"),
    ({"state": "confirmed"}, "cannot edit"),
])
def test_impossible_values_are_refused_and_nothing_is_written(incident_db, changes, says):
    incidents.suggest(incident_db)
    strike = _strike(incident_db)
    before = store.get(incident_db, strike)
    with pytest.raises(ValueError, match=says):
        edit_incident(incident_db, strike, before, changes, analyst="rana")
    assert store.get(incident_db, strike) == before


def test_refused_when_a_colleague_changed_the_incident_after_it_was_shown(incident_db, db_path):
    incidents.suggest(incident_db)
    strike = _strike(incident_db)
    seen = store.get(incident_db, strike)
    other = open_store(db_path)
    try:
        incidents.edit(other, strike, {"label": "named by Omar"}, analyst="omar")
    finally:
        other.close()
    with pytest.raises(EditedSince, match="omar"):
        edit_incident(incident_db, strike, seen, {"figures": {"killed": {"best": 21}}}, analyst="rana")
    row = store.get(incident_db, strike)
    assert row["label"] == "named by Omar" and row["figures"] == seen["figures"]


# --- the panel -----------------------------------------------------------------------------------
@pytest.fixture
def win(qtbot, incident_db, db_path, settings):  # noqa: F811
    incidents.suggest(incident_db)
    with incident_window(qtbot, db_path, settings, "incidents") as w:
        yield w


def _type_over(qtbot, panel, column: int, text: str) -> None:
    """Type over a cell of the list (F2, the text, Return) and wait for the edit or its refusal."""
    steps = panel.session.undo_stack.index()
    panel.show_notice("")
    k = next(i for i, r in enumerate(panel.model.rows) if r["id"] == panel.current_id())
    index = panel.model.index(k, column)
    panel.table.setCurrentIndex(index)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    # the edit is committed once the cell editor has closed
    qtbot.waitUntil(lambda: panel.session.undo_stack.index() != steps or bool(panel.notice.text()))


def test_best_low_high_typed_over_in_the_list_and_undone(win, incident_db, qtbot):
    panel = win.incident_views.panel
    strike = _strike(incident_db)
    assert panel.select_id(strike)
    before = store.get(incident_db, strike)["figures"]["killed"]
    _type_over(qtbot, panel, 5, "45")  # High
    assert store.get(incident_db, strike)["figures"]["killed"]["high"] == 45
    assert panel.current_id() == strike and panel.current_row()["figures"]["killed"]["high"] == 45
    assert panel.model.data(panel.model.index(panel.table.currentIndex().row(), 5)) == "45"
    _type_over(qtbot, panel, 3, "22")  # Best
    assert store.get(incident_db, strike)["figures"]["killed"]["best"] == 22
    win.session.undo_stack.undo()
    win.session.undo_stack.undo()
    assert store.get(incident_db, strike)["figures"]["killed"] == before
    _type_over(qtbot, panel, 4, "99")  # Low above high: refused, said above the list
    assert "low (99) is above high" in panel.notice.text() and panel.notice.isVisible()
    assert store.get(incident_db, strike)["figures"]["killed"] == before


def test_edit_dialog_sets_figures_fatalities_grading_dates_place(win, incident_db, qtbot):
    from annotator.ui.incident_edit import IncidentEditDialog

    panel = win.incident_views.panel
    strike = _strike(incident_db)
    panel.select_id(strike)
    seen: list[IncidentEditDialog] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, IncidentEditDialog)
        seen.append(dialog)
        dialog.figures[("injured", "high")].setText("35")
        dialog.figures[("missing", "best")].setText("2")
        dialog.fatalities.setText("18")
        dialog.grading.setCurrentIndex(dialog.grading.findData("contested"))
        dialog.date_end.setText("2019-03-13")
        dialog.date_prec.setCurrentIndex(1)
        dialog.place.setText("Kafr Nabl")
        dialog.accept()

    QTimer.singleShot(0, fill)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key_E)
    assert seen
    row = store.get(incident_db, strike)
    assert row["figures"]["injured"]["high"] == 35 and row["figures"]["missing"]["best"] == 2
    assert (row["fatalities"], row["grading"], row["date_end"], row["date_prec"]) == (18, "contested", "2019-03-13", 2)
    assert row["place"] == "Kafr Nabl" and (round(row["lat"], 2), round(row["lon"], 2)) == (35.61, 36.56)  # its point
    assert win.session.undo_stack.undoText() == "Edit incident"
    win.session.undo_stack.undo()
    assert store.get(incident_db, strike)["place"] == "Maarat Hazeen"


def test_panel_refuses_an_edit_over_a_colleagues_change_and_shows_theirs(win, incident_db, db_path, qtbot):
    panel = win.incident_views.panel
    strike = _strike(incident_db)
    panel.select_id(strike)
    other = open_store(db_path)
    try:
        incidents.edit(other, strike, {"figures": {"killed": {"best": 20, "low": 20, "high": 70}}}, analyst="omar")
    finally:
        other.close()
    _type_over(qtbot, panel, 5, "30")
    assert "omar" in panel.notice.text() and "nothing was changed" in panel.notice.text()
    assert store.get(incident_db, strike)["figures"]["killed"]["high"] == 70  # Omar's figure stays
    panel.select_id(strike)
    assert panel.current_row()["figures"]["killed"]["high"] == 70  # and the list shows it now
    assert win.session.undo_stack.count() == 0


def test_place_and_label_typed_over_in_the_list(win, incident_db, qtbot):
    panel = win.incident_views.panel
    strike = _strike(incident_db)
    panel.select_id(strike)
    _type_over(qtbot, panel, 9, "Market strike, Maarat Hazeen")
    assert store.get(incident_db, strike)["label"] == "Market strike, Maarat Hazeen"
    _type_over(qtbot, panel, 1, "Kafr Nabl")
    row = store.get(incident_db, strike)
    assert row["place"] == "Kafr Nabl" and (round(row["lat"], 2), round(row["lon"], 2)) == (35.61, 36.56)
    assert panel.current_row()["place"] == "Kafr Nabl"


def test_the_automatic_label_follows_an_edited_best_figure_but_never_a_written_one(win, incident_db, qtbot):
    panel = win.incident_views.panel
    strike = _strike(incident_db)
    panel.select_id(strike)
    before = store.get(incident_db, strike)["label"]
    assert before.endswith(": 20 killed")
    _type_over(qtbot, panel, 3, "23")  # Best
    row = store.get(incident_db, strike)
    assert row["label"] == before.replace(": 20 killed", ": 23 killed")
    shown = panel.model.data(panel.model.index(panel.table.currentIndex().row(), 9))
    assert shown == row["label"]  # the list shows it at once
    win.session.undo_stack.undo()
    assert store.get(incident_db, strike)["label"] == before
    win.session.undo_stack.redo()
    incidents.suggest(incident_db)  # a re-run labels by the edited best figure too
    assert store.get(incident_db, strike)["label"].endswith(": 23 killed")
    panel.reload()  # (as the window does after a suggestion run)
    panel.select_id(strike)
    _type_over(qtbot, panel, 9, "Market strike")  # the analyst's own label
    _type_over(qtbot, panel, 3, "25")
    assert store.get(incident_db, strike)["label"] == "Market strike"
