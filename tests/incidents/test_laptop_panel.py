"""The Incidents panel in a laptop's window (1366x768 less the desktop's bars): in the low
bottom dock the window gives it, the list keeps at least six rows and the chosen incident's
figures, with their outlets, stand beside it; the splitter remembers where the analyst put it;
a reload of thousands of rows no longer asks the model for every cell."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.services import incidents
from tests.incidents.conftest import killed, page, tag
from tests.ui.conftest import _no_job_left_running, settings  # noqa: F401 - fixtures

TOWNS = [f"Town {chr(65 + k)}" for k in range(14)]


@pytest.fixture
def many_db(tmp_path, incident_db):
    """The three-outlet store plus fourteen shellings, each of another town on another day."""
    from annotator.services.importing import import_paths

    folder = tmp_path / "more"
    folder.mkdir()
    days = [f"{k + 1} April 2019" for k in range(len(TOWNS))]
    (folder / "outlet_d.txt").write_text(page([(day, f"Shelling hit {town} on that day and killed {k + 2} people.",
                                                "Outlet D") for k, (day, town) in enumerate(zip(days, TOWNS))]),
                                         encoding="utf-8")
    assert not import_paths(incident_db, [folder], analyst="tester").failed
    for k, town in enumerate(TOWNS):
        item_id = incident_db.conn.execute("SELECT id FROM items WHERE body LIKE ?", (f"%hit {town} on%",)).fetchone()[0]
        tag(incident_db, item_id, town, "location", {"name": town, "geonameid": 910000 + k, "lat": 34.0 + k / 10,
                                                     "lon": 37.0, "country": "SY", "feature": "town", "precision": 1})
        tag(incident_db, item_id, f"{k + 2} people", "casualty", killed(k + 2, f"2019-04-{k + 1:02d}"))
    incidents.suggest(incident_db)
    return incident_db


@pytest.fixture
def laptop(qtbot, many_db, db_path, settings):  # noqa: F811
    from annotator.ui.app import create_window
    from annotator.ui.window_layout import fit_bottom_docks

    w = create_window(db_path, "rana", settings)
    qtbot.addWidget(w)
    w.resize(1366, 710)  # a maximised window on a 1366x768 screen, less the desktop's bars
    w.show()
    qtbot.waitExposed(w)
    views = w.incident_views
    views.toggle_view("incidents")
    qtbot.waitUntil(lambda: views.panel.model.rowCount() >= 15)
    fit_bottom_docks(w)  # the lowest the window lays bottom views out: 30 % of its height
    qtbot.wait(50)
    yield w
    qtbot.waitUntil(lambda: not (views.loader and views.loader.isRunning()))
    w.close()
    w.session.db.close()


def _whole_rows(view) -> int:
    return view.viewport().height() // view.verticalHeader().defaultSectionSize()


def test_a_low_dock_at_1366x768_shows_six_rows_and_the_figures_beside_them(laptop):
    panel = laptop.incident_views.panel
    assert panel.height() < 260  # the low dock this is about
    assert _whole_rows(panel.table) >= 6, _whole_rows(panel.table)
    strike = next(r["id"] for r in panel.model.rows if r["number_of_sources"] == 3)
    assert panel.select_id(strike)
    members = panel.members
    assert members.rowCount() == 5
    assert members.mapTo(panel, members.rect().topLeft()).x() > panel.table.mapTo(panel, panel.table.rect().topRight()).x() - 2
    assert _whole_rows(members) >= 3
    outlet = members.horizontalHeader().visualIndex(6)
    assert members.columnViewportPosition(outlet) + 40 < members.viewport().width()  # the outlets can be read
    assert members.visualItemRect(members.item(0, 0)).bottom() <= members.viewport().height()
    for button in panel.buttons.values():  # the actions stay on one row over the list, whole
        assert button.isVisible() and button.y() < panel.splitter.y()
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())


def test_a_tall_panel_puts_the_figures_under_the_list(laptop, qtbot):
    views = laptop.incident_views
    dock = views.docks["incidents"]
    dock.setFloating(True)
    dock.resize(700, 800)
    qtbot.waitUntil(lambda: views.panel.splitter.orientation() == Qt.Vertical)
    panel = views.panel
    assert panel.members.mapTo(panel, panel.members.rect().topLeft()).y() > panel.table.mapTo(panel, panel.table.rect().bottomLeft()).y() - 2


def test_the_splitter_is_remembered(laptop, qtbot, settings):  # noqa: F811
    from annotator.ui.incidents_panel import IncidentsPanel

    panel = laptop.incident_views.panel
    total = sum(panel.splitter.sizes())
    panel.splitter.setSizes([int(total * 0.7), total - int(total * 0.7)])
    panel.splitter.splitterMoved.emit(int(total * 0.7), 1)  # what a drag of the handle sends
    dragged = panel.splitter.sizes()
    again = IncidentsPanel(laptop.session, settings=settings)
    qtbot.addWidget(again)
    again.resize(panel.size())
    again.show()
    qtbot.waitExposed(again)
    assert again.splitter.orientation() == Qt.Horizontal
    assert abs(again.splitter.sizes()[0] - dragged[0]) <= 2


def test_a_reload_asks_only_for_the_cells_it_shows(laptop, monkeypatch, qtbot):
    """Columns were sized to the contents of every row: each confirm made the model answer for
    all cells of thousands of rows (seconds on a large store)."""
    panel = laptop.incident_views.panel
    rows = panel.model.rows
    many = [dict(r, id=100000 + k) for k in range(3000) for r in rows[:1]]
    calls = []
    real = panel.model.data
    monkeypatch.setattr(panel.model, "data", lambda index, role=0: calls.append(index.row()) or real(index, role))
    panel.model.set_rows(many)
    panel.table.selectRow(0)
    panel.table.viewport().repaint()
    qtbot.wait(20)
    assert calls and len(set(calls)) < 400


def test_tab_goes_from_the_list_to_its_figures_and_back(laptop, qtbot):
    """Tab moved from cell to cell inside the list: the figures could not be reached by keyboard."""
    from PySide6.QtWidgets import QApplication

    panel = laptop.incident_views.panel
    panel.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.table)
    qtbot.keyClick(panel.table, Qt.Key_Tab)
    assert QApplication.focusWidget() is panel.members
    qtbot.keyClick(panel.members, Qt.Key_Backtab, Qt.ShiftModifier)
    assert QApplication.focusWidget() is panel.table


def test_move_offers_the_incidents_of_the_days_around_and_moves_there(laptop, many_db, qtbot, monkeypatch):
    """The move asked for an incident number the list does not show."""
    from PySide6.QtWidgets import QInputDialog

    from annotator.store import incidents as store

    panel = laptop.incident_views.panel
    strike = store.figure_row(many_db, many_db.ids["a20"])["incident_id"]
    kafr = store.figure_row(many_db, many_db.ids["kafr4"])["incident_id"]
    panel.select_id(strike)
    row = next(r for r in range(panel.members.rowCount()) if panel.members.item(r, 0).text() == "dozens of people died")
    panel.members.selectRow(row)
    offered = []

    def choose(parent, title, label, items, current, editable):  # noqa: ANN001
        offered.extend(items)
        return next(i for i in items if i.startswith(f"#{kafr} ")), True
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    panel.members.setFocus()
    qtbot.keyClick(panel.members, Qt.Key_N)
    assert offered[0] == "(a new incident)"
    assert any("Kafr Nabl" in o for o in offered)  # four days after the strike
    assert not any("Town" in o for o in offered)  # three weeks later: not offered
    assert store.figure_row(many_db, many_db.ids["c_dozens"])["incident_id"] == kafr
    laptop.session.undo_stack.undo()
    assert store.figure_row(many_db, many_db.ids["c_dozens"])["incident_id"] == strike


def test_figures_keep_one_line_and_a_confirmed_state_fits(laptop, qtbot):
    from PySide6.QtGui import QFont, QFontMetrics

    panel = laptop.incident_views.panel
    assert not panel.members.wordWrap()  # a wrapped outlet showed only "Syrian Coalition / ..."
    assert panel.members.textElideMode() == Qt.ElideMiddle  # the file name at the end stays readable
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key_C)
    assert panel.current_row()["state"] == "confirmed"
    bold = QFont(panel.table.font())
    bold.setBold(True)
    assert panel.table.columnWidth(8) >= QFontMetrics(bold).horizontalAdvance("confirmed") + 8


def _luminance(c) -> float:  # noqa: ANN001
    def part(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * part(c.red()) + 0.7152 * part(c.green()) + 0.0722 * part(c.blue())


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_disagreeing_figures_stay_readable_in_both_themes(laptop, many_db, theme):
    """The pale pink shading stayed under the dark theme's light text (contrast about 1.3)."""
    from PySide6.QtWidgets import QApplication

    from annotator.store import incidents as store
    from annotator.ui import style

    app = QApplication.instance()
    palette, font = app.palette(), app.font()
    try:
        style.restyle(app, theme, None)
        panel = laptop.incident_views.panel
        panel.select_id(store.figure_row(many_db, many_db.ids["a20"])["incident_id"])
        shaded = [panel.members.item(r, 0) for r in range(panel.members.rowCount())
                  if panel.members.item(r, 0).text() == "dozens of people died"][0]
        back, text = shaded.background().color(), panel.members.palette().text().color()
        lighter, darker = sorted((_luminance(back), _luminance(text)), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, (theme, back.name(), text.name())
    finally:
        style.restyle(app, "light", None)
        app.setPalette(palette)
        app.setFont(font)


def test_a_place_known_only_to_its_province_says_so_in_the_list(laptop, many_db, qtbot):
    from annotator.store import incidents as store

    panel = laptop.incident_views.panel
    kafr = store.figure_row(many_db, many_db.ids["kafr4"])["incident_id"]
    incidents.edit(laptop.session.db, kafr, {"place": "Idlib", "where_prec": 4}, analyst="rana")
    panel.reload()
    k = next(k for k, r in enumerate(panel.model.rows) if r["id"] == kafr)
    assert panel.model.index(k, 1).data() == "Idlib (province)"
    assert panel.model.index(k, 1).data(Qt.EditRole) == "Idlib"  # typed over: the name alone
    exact = next(k for k, r in enumerate(panel.model.rows) if r["place"] == "Town A")
    assert panel.model.index(exact, 1).data() == "Town A"


def test_an_empty_timeline_names_only_the_kinds_switched_on(laptop, qtbot):
    views = laptop.incident_views
    views.toggle_view("timeline")
    timeline = views.timeline
    qtbot.waitUntil(lambda: views.in_front("timeline"))
    assert not timeline.suggested.isChecked() and not timeline.kinds["displaced"].isChecked()  # the defaults
    timeline.refresh()  # nothing confirmed yet: no bars
    timeline.chart.grab()
    assert timeline.chart.legend_kinds == ["killed", "injured", "detained", "missing"]
