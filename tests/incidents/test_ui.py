"""The Incidents panel, the map and the timeline, driven as an analyst would (real widgets)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt

from annotator.services import incidents
from annotator.store import incidents as store
from tests.incidents.conftest import incident_window
from tests.ui.conftest import _no_job_left_running, settings  # noqa: F401 - fixtures


@pytest.fixture
def win(qtbot, incident_db, db_path, settings):  # noqa: F811
    incidents.suggest(incident_db)
    with incident_window(qtbot, db_path, settings) as w:
        yield w


def _airstrike(db) -> int:
    return store.figure_row(db, db.ids["a20"])["incident_id"]


def test_panel_lists_confirms_splits_and_undoes(win, incident_db, qtbot):
    views = win.incident_views
    views.show_view("incidents")
    panel = views.panel
    assert panel.model.rowCount() == 3
    strike = _airstrike(incident_db)
    assert panel.select_id(strike)
    assert panel.members.rowCount() == 5
    outlets = {panel.members.item(r, 6).text() for r in range(5)}
    assert {o.split(" / ")[1] for o in outlets} == {"outlet_a.txt", "outlet_b.txt", "outlet_c.txt"}
    shaded = [panel.members.item(r, 0).text() for r in range(5) if panel.members.item(r, 0).background().color().name()
              == "#f8d7d3"]
    assert shaded == ["dozens of people died"]  # 12 against a best figure of 20
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key_C)
    assert store.get(incident_db, strike)["state"] == "confirmed"
    assert panel.current_row()["state"] == "confirmed"
    win.session.undo_stack.undo()
    assert store.get(incident_db, strike)["state"] == "suggested"
    qtbot.keyClick(panel.table, Qt.Key_4)  # grading 4 = contested
    assert store.get(incident_db, strike)["grading"] == "contested"
    row = next(r for r in range(5) if panel.members.item(r, 0).text() == "dozens of people died")
    panel.members.selectRow(row)
    qtbot.keyClick(panel.members, Qt.Key_S)
    moved = store.figure_row(incident_db, incident_db.ids["c_dozens"])["incident_id"]
    assert moved != strike and panel.model.rowCount() == 4
    win.session.undo_stack.undo()
    assert store.figure_row(incident_db, incident_db.ids["c_dozens"])["incident_id"] == strike
    assert panel.model.rowCount() == 3


def test_merge_two_selected_incidents(win, incident_db, qtbot):
    views = win.incident_views
    views.show_view("incidents")
    panel = views.panel
    kafr = store.figure_row(incident_db, incident_db.ids["kafr4"])["incident_id"]
    dael = store.figure_row(incident_db, incident_db.ids["dael15"])["incident_id"]
    panel.select_id(kafr)
    rows = [k for k, r in enumerate(panel.model.rows) if r["id"] in (kafr, dael)]
    for k in rows:
        panel.table.selectionModel().select(panel.model.index(k, 0), QItemSelectionModel.Select
                                            | QItemSelectionModel.Rows)
    qtbot.keyClick(panel.table, Qt.Key_M)
    assert store.get(incident_db, dael) is None
    assert store.figure_row(incident_db, incident_db.ids["dael15"])["incident_id"] == kafr


def test_map_click_narrows_the_item_list(win, incident_db, qtbot):
    views = win.incident_views
    views.show_view("map")
    view = views.map
    assert len(view.points) == 3 and sum(p.incidents for p in view.points) == 3
    strike = next(p for p in view.points if p.name == "Maarat Hazeen")
    assert strike.harm[0] == 20 and strike.grading == "contested" and strike.confirmed == 0
    centre = view.to_screen(strike.lon, strike.lat).toPoint()
    qtbot.mouseClick(view, Qt.LeftButton, pos=centre)
    assert win.items.model.filter.location == "Maarat Hazeen"
    qtbot.waitUntil(lambda: win.items.model.rowCount() == 3)
    assert {r["id"] for r in views.panel.model.rows} == {_airstrike(incident_db)}
    qtbot.waitUntil(lambda: not (views.loader and views.loader.isRunning()))


def test_map_follows_date_filter_and_pans(win, incident_db, qtbot):
    views = win.incident_views
    views.show_view("map")
    bar = win.items.filters
    from PySide6.QtCore import QDate

    bar.date_from.setDate(QDate(2019, 3, 15))
    bar.emit_filter()
    assert [p.name for p in views.map.points] == ["Kafr Nabl"]
    lon = views.map.lon
    qtbot.mousePress(views.map, Qt.LeftButton, pos=QPoint(300, 300))
    qtbot.mouseMove(views.map, QPoint(400, 300))
    qtbot.mouseRelease(views.map, Qt.LeftButton, pos=QPoint(400, 300))
    assert views.map.lon < lon  # dragged east: the map moves, the view looks further west
    assert win.items.model.filter.location is None  # a drag is not a click
    qtbot.waitUntil(lambda: not (views.loader and views.loader.isRunning()))


def test_timeline_stacks_confirmed_and_click_filters_period(win, incident_db, qtbot):
    views = win.incident_views
    incidents.confirm(incident_db, _airstrike(incident_db), analyst="rana")
    views.invalidate()
    views.show_view("timeline")
    chart = views.timeline.chart
    assert [b[2][:2] for b in chart.bars] == [(20.0, 30.0)]  # confirmed only: killed, injured
    views.timeline.suggested.setChecked(True)
    # 12 to 16 March, one bar a day, the days without incidents too
    assert [b[0].day for b in chart.bars] == [12, 13, 14, 15, 16] and chart.unit == "day"
    assert [sum(b[2]) for b in chart.bars] == [50.0, 0.0, 15.0, 0.0, 4.0]
    views.timeline.kinds["detained"].setChecked(False)
    assert [sum(b[2]) for b in chart.bars] == [50.0, 0.0, 0.0, 0.0, 4.0]
    plot = chart._plot()
    x = int(plot.left() + plot.width() / 10)  # the first of five bars
    qtbot.mouseClick(chart, Qt.LeftButton, pos=QPoint(x, int(plot.center().y())))
    f = win.items.model.filter
    assert (f.incident_from, f.incident_to) == ("2019-03-12", "2019-03-12")
    # the items reporting the strike of the 12th, the rescuers' report of the 13th too
    qtbot.waitUntil(lambda: win.items.model.rowCount() == 3)
    ids = incident_db.item_ids
    assert set(win.items.model._ids) == {ids["An airstrike"], ids["Warplanes"], ids["Rescuers"]}
    chip = win.items.filters.period_chip
    assert chip.isVisible() and "2019-03-12" in chip.text()
    assert [b[0].day for b in chart.bars] == [12]  # the views show that day
    qtbot.mouseClick(chip, Qt.LeftButton)  # the chip drops the period
    assert win.items.model.filter.incident_from is None and not chip.isVisible()
    qtbot.waitUntil(lambda: win.items.model.rowCount() == 6)
    qtbot.waitUntil(lambda: not (views.loader and views.loader.isRunning()))


def test_tools_suggest_incidents_runs_in_background(win, incident_db, qtbot):
    incident_db.conn.execute("DELETE FROM incident_figures")
    incident_db.conn.execute("DELETE FROM incidents")
    incident_db.conn.commit()
    views = win.incident_views
    views.suggest_act.trigger()
    assert win.progress.busy
    qtbot.waitUntil(lambda: not win.progress.busy, timeout=10000)
    assert len(store.list_incidents(incident_db)) == 3
    qtbot.waitUntil(lambda: views.panel.model.rowCount() == 3, timeout=5000)
    qtbot.waitUntil(lambda: not (views.loader and views.loader.isRunning()))


def test_gui_view_screenshot_at_the_size_asked(incident_db, db_path, tmp_path):
    from PySide6.QtGui import QImage

    from annotator.cli import main

    incidents.suggest(incident_db)
    out = tmp_path / "map.png"
    assert main(["gui", "--db", str(db_path), "--analyst", "rana", "--view", "map", "--size", "1366x768",
                 "--screenshot", str(out)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)


@pytest.mark.parametrize("view", ["incidents", "map", "timeline"])
def test_gui_view_screenshot(incident_db, db_path, tmp_path, view):
    from PySide6.QtGui import QImage

    from annotator.cli import main

    incidents.suggest(incident_db)
    out = tmp_path / f"{view}.png"
    assert main(["gui", "--db", str(db_path), "--analyst", "rana", "--view", view, "--screenshot", str(out)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    colours = {image.pixel(x, y) for x in range(0, 1400, 50) for y in range(0, 900, 50)}
    assert len(colours) > 3  # drawn, not a blank frame


@pytest.mark.parametrize("peak, top", [(0, 4), (1, 4), (2, 4), (3, 4), (5, 8), (12, 12), (92, 100), (230, 240),
                                       (1438, 1600), (36000, 40000)])
def test_timeline_axis_labels_are_whole_round_and_never_repeat(peak, top):
    from annotator.ui.timeline_view import axis_top

    assert axis_top(peak) == top
    labels = [f"{top * k / 4:,.0f}" for k in range(5)]  # as the chart writes them
    assert top >= peak and len(set(labels)) == 5 and top % 4 == 0


def test_a_view_screenshot_leaves_the_analysts_window_layout_alone(incident_db, db_path, tmp_path):
    from PySide6.QtCore import QSettings

    from annotator.cli import main
    from annotator.paths import user_data_dir

    incidents.suggest(incident_db)
    ini = user_data_dir() / "window.ini"
    old = QSettings(str(ini), QSettings.IniFormat)
    before = (old.value("window_state"), old.value("geometry"))
    assert main(["gui", "--db", str(db_path), "--analyst", "rana", "--view", "timeline", "--size", "900x600",
                 "--screenshot", str(tmp_path / "t.png")]) == 0
    after = QSettings(str(ini), QSettings.IniFormat)
    assert (after.value("window_state"), after.value("geometry")) == before  # no floating timeline next time
