"""The map's governorate borders (Natural Earth admin-1, bundled in resources/map/)."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QColor

from annotator.ui.map_view import MapView, boundaries, governorates
from annotator.ui.style import colour
from tests.incidents.conftest import shown_map

SYRIA_14 = {"Aleppo", "Damascus", "Daraa", "Deir Ezzor", "Hama", "Hasakah", "Homs", "Idlib", "Latakia", "Quneitra",
            "Raqqa", "Rif Dimashq", "Suwayda", "Tartus"}


def _inside(x: float, y: float, ring) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def test_the_fourteen_governorates_with_their_names_inside_them():
    syria = [a for a in governorates() if a.country == "SYR" and a.name]
    assert {a.name for a in syria} == SYRIA_14
    for area in syria:
        assert any(_inside(*area.label, list(ring)) for ring in area.rings), area.name
    assert {a.country for a in governorates()} >= {"LBN", "JOR", "IRQ", "TUR"}


@pytest.fixture
def view(qtbot):
    v = MapView()
    qtbot.addWidget(v)
    v.resize(1366, 768)
    v.home()
    return v


def _interior_border_vertex():
    """A vertex of the Raqqa / Deir Ezzor border, far from the country's outline."""
    raqqa = next(a for a in governorates() if a.name == "Raqqa")
    deir = next(a for a in governorates() if a.name == "Deir Ezzor")
    theirs = {p for ring in deir.rings for p in ring}
    outline = [p for code, rings in boundaries() if code == "SYR" for ring in rings for p in ring]
    shared = [p for ring in raqqa.rings for p in ring if p in theirs]
    return max(shared, key=lambda p: min(math.dist(p, q) for q in outline))


def test_borders_are_drawn_under_the_points(view):
    lon, lat = _interior_border_vertex()
    image = view.grab().toImage()
    c = view.to_screen(lon, lat).toPoint()
    border = QColor(image.pixel(c))
    home = colour("land_home")
    assert abs(border.lightness() - home.lightness()) > 15  # a line, not the governorate's paper
    away = QColor(image.pixel(c.x() + 25, c.y() + 25))
    assert abs(away.lightness() - home.lightness()) <= 3


def test_names_appear_as_one_zooms_in_and_never_overlap(view):
    view.grab()
    at_home = set(view.labels)
    assert at_home >= SYRIA_14 - {"Damascus", "Quneitra"}
    assert not at_home & {"Beqaa", "Mafraq", "Ninawa"}  # the neighbours' provinces wait for a closer zoom
    view.lon, view.lat = 36.3, 33.5
    view.zoom(4.0)
    view.grab()
    assert {"Damascus", "Rif Dimashq"} <= set(view.labels)
    rects = view.label_rects
    assert len(rects) == len(view.labels)
    assert not any(a.intersects(b) for k, a in enumerate(rects) for b in rects[k + 1:])
    assert "Beqaa" in view.labels or "Mount Lebanon" in view.labels


@pytest.mark.parametrize("size", [(700, 420), (1366, 768), (1920, 1080), (900, 1000)])
def test_the_map_opens_on_all_of_syria_whatever_its_size(qtbot, size):
    from annotator.ui.map_view import SYRIA_BOX

    v = MapView()
    qtbot.addWidget(v)
    v.resize(*size)
    v.show()
    qtbot.waitExposed(v)
    x0, y0, x1, y1 = SYRIA_BOX
    for lon, lat in ((x0, y0), (x1, y1)):
        p = v.to_screen(lon, lat)
        assert 0 <= p.x() <= size[0] and 0 <= p.y() <= size[1]
    assert (v.to_screen(x1, y0).x() - v.to_screen(x0, y0).x()) > 0.8 * size[0] or \
        (v.to_screen(x0, y0).y() - v.to_screen(x0, y1).y()) > 0.8 * size[1]  # and fills it


def test_incidents_beyond_the_view_are_named_in_the_legend(qtbot, incident_db):
    from annotator.services import incidents
    from annotator.store import incidents as store

    incidents.suggest(incident_db)
    kafr = store.figure_row(incident_db, incident_db.ids["kafr4"])["incident_id"]
    incidents.edit(incident_db, kafr, {"place": "Moscow", "lat": 55.75, "lon": 37.62}, analyst="rana")
    v = shown_map(qtbot, incident_db)
    v.grab()
    assert [p.name for p in v.outside] == ["Moscow"]
    v.lon, v.lat = 37.6, 55.7  # the analyst goes and looks
    v.zoom(1.0)
    v.grab()
    assert v.outside and "Moscow" not in [p.name for p in v.outside]


def test_a_low_map_keeps_a_short_legend(qtbot):
    v = MapView()
    qtbot.addWidget(v)
    heights = {}
    for h in (700, 260):
        v.resize(900, h)
        v.home()
        v.grab()
        heights[h] = v.legend_rect.height()
        assert v.legend_rect.bottom() < h and v.legend_rect.right() < 900
    assert heights[260] < 0.7 * heights[700]
    assert heights[260] < 260 / 3  # the map stays visible
