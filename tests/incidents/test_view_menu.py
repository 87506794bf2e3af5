"""View > Incidents / Map / Timeline bring the chosen view to the front with the keyboard focus
(they used to show the dock behind the Incidents tab)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from annotator.services import incidents
from tests.incidents.conftest import incident_window
from tests.ui.conftest import _no_job_left_running, settings  # noqa: F401 - fixtures


@pytest.fixture
def win(qtbot, incident_db, db_path, settings):  # noqa: F811
    incidents.suggest(incident_db)
    with incident_window(qtbot, db_path, settings) as w:
        yield w


def _view_action(win, title: str):
    view = next(a.menu() for a in win.menuBar().actions() if a.menu() and a.text().replace("&", "") == "View")
    return next(a for a in view.actions() if a.text().replace("&", "") == title)


def _in_front(views, name: str) -> bool:
    dock = views.docks[name]
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


@pytest.mark.parametrize("order", [("Incidents", "Map", "Timeline"), ("Timeline", "Map", "Incidents"),
                                   ("Map", "Incidents", "Map")])
def test_view_menu_brings_the_chosen_view_to_the_front(win, qtbot, order):
    views = win.incident_views
    names = {"Incidents": "incidents", "Map": "map", "Timeline": "timeline"}
    focus = {"incidents": views.panel.table, "map": views.map, "timeline": views.timeline.chart}
    for title in order:
        _view_action(win, title).trigger()
        name = names[title]
        qtbot.waitUntil(lambda n=name: _in_front(views, n))
        for other in set(names.values()) - {name}:
            assert not _in_front(views, other)
        qtbot.waitUntil(lambda n=name: QApplication.focusWidget() is focus[n])
        assert _view_action(win, title).isChecked()


def test_view_menu_hides_a_view_already_in_front(win, qtbot):
    views = win.incident_views
    _view_action(win, "Map").trigger()
    qtbot.waitUntil(lambda: _in_front(views, "map"))
    _view_action(win, "Timeline").trigger()
    qtbot.waitUntil(lambda: _in_front(views, "timeline"))
    _view_action(win, "Timeline").trigger()  # in front: the same entry closes it
    qtbot.waitUntil(lambda: not views.docks["timeline"].isVisible())
    assert not _view_action(win, "Timeline").isChecked()
    assert _view_action(win, "Map").isChecked()


def test_map_and_timeline_answer_the_keyboard(win, qtbot):
    from PySide6.QtCore import Qt

    views = win.incident_views
    _view_action(win, "Map").trigger()
    qtbot.waitUntil(lambda: _in_front(views, "map"))
    m = views.map
    lon, scale = m.lon, m.scale
    qtbot.keyClick(m, Qt.Key_Right)
    assert m.lon > lon
    qtbot.keyClick(m, Qt.Key_Plus)
    assert m.scale > scale
    qtbot.keyClick(m, Qt.Key_Home)
    assert (m.lon, m.scale) == (lon, scale)
    views.timeline.suggested.setChecked(True)
    _view_action(win, "Timeline").trigger()
    qtbot.waitUntil(lambda: _in_front(views, "timeline"))
    chart = views.timeline.chart
    qtbot.waitUntil(lambda: len(chart.bars) == 5)
    qtbot.keyClick(chart, Qt.Key_Right)  # the first bar
    qtbot.keyClick(chart, Qt.Key_Right)  # the second
    qtbot.keyClick(chart, Qt.Key_Return)
    f = win.items.model.filter
    assert (f.incident_from, f.incident_to) == ("2019-03-13", "2019-03-13")
