"""An incident placed only to a province (UCDP where_prec 4: drawn at the province's centre) is
not drawn like the spot of an attack: a dashed, nearly hollow ring, explained in the legend."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from annotator.services import incidents
from annotator.services.incident_index import IncidentIndex
from tests.incidents.conftest import incident_window, killed, page, tag
from tests.ui.conftest import _no_job_left_running, settings  # noqa: F401 - fixtures

HAMA = {"name": "Hama", "geonameid": 170017, "lat": 35.2, "lon": 37.2, "country": "SY", "admin1": "Hama",
        "feature": "province", "precision": 3}


def test_the_index_carries_where_prec_to_the_points():
    rows = [(1, "2019-03-01", 35.2, 37.2, "Hama", "suggested", "weak", '{"killed": {"best": 5}}', 4),
            (2, "2019-03-02", 35.2, 37.2, "Hama", "confirmed", "fair", '{"killed": {"best": 3}}', 4),
            (3, "2019-03-02", 35.71, 36.63, "Maarat Hazeen", "suggested", "weak", '{"killed": {"best": 2}}', 1),
            (4, "2019-03-03", 35.71, 36.63, "Maarat Hazeen", "suggested", "weak", '{"killed": {"best": 2}}', None)]
    points = {p.name: p for p in IncidentIndex(rows).points()}
    assert points["Hama"].approximate == 2 and points["Hama"].is_approximate
    assert points["Maarat Hazeen"].approximate == 0 and not points["Maarat Hazeen"].is_approximate
    only_first = IncidentIndex(rows).points(ids={1, 3})  # the filtered path counts them too
    assert {p.name: p.approximate for p in only_first} == {"Hama": 1, "Maarat Hazeen": 0}


@pytest.fixture
def win(qtbot, tmp_path, incident_db, db_path, settings):  # noqa: F811
    from annotator.services.importing import import_paths

    folder = tmp_path / "hama"
    folder.mkdir()
    (folder / "outlet_e.txt").write_text(page([("20 March 2019", "Shelling in Hama province on Wednesday killed "
                                                "9 people.", "Outlet E")]), encoding="utf-8")
    assert not import_paths(incident_db, [folder], analyst="tester").failed
    item_id = incident_db.conn.execute("SELECT id FROM items WHERE body LIKE 'Shelling in Hama%'").fetchone()[0]
    tag(incident_db, item_id, "Hama", "location", HAMA)
    tag(incident_db, item_id, "9 people", "casualty", killed(9, "2019-03-20"))
    incidents.suggest(incident_db)
    with incident_window(qtbot, db_path, settings) as w:
        yield w


def _ring_share(image, cx: float, cy: float, r: float, background: QColor) -> float:
    """Share of points on a circle of radius r whose colour differs from the map under it."""
    differ = 0
    for k in range(72):
        from math import cos, pi, sin

        x, y = int(round(cx + r * cos(2 * pi * k / 72))), int(round(cy + r * sin(2 * pi * k / 72)))
        c = image.pixelColor(x, y)
        differ += abs(c.red() - background.red()) + abs(c.green() - background.green()) + \
            abs(c.blue() - background.blue()) > 60
    return differ / 72


def test_a_province_incident_is_a_dashed_hollow_ring_named_in_the_legend(win, qtbot):
    from annotator.ui.map_view import DASHED_NOTE, radius

    views = win.incident_views
    dock = views.show_view("map", (1000, 800))
    m = views.map
    qtbot.waitUntil(lambda: any(p.name == "Hama" for p in m.points))
    hama = next(p for p in m.points if p.name == "Hama")
    exact = next(p for p in m.points if p.name == "Kafr Nabl")
    assert hama.is_approximate and not exact.is_approximate
    image = m.grab().toImage()
    assert m.approximate_drawn == 1
    centre = m.to_screen(hama.lon, hama.lat)
    r = radius(hama.casualties)
    land = image.pixelColor(int(centre.x() + r + 6), int(centre.y()))  # the map just beside the ring
    inside = image.pixelColor(int(centre.x()), int(centre.y() + r / 2))
    assert abs(inside.red() - land.red()) + abs(inside.green() - land.green()) + abs(inside.blue() - land.blue()) < 90
    on_ring = _ring_share(image, centre.x(), centre.y(), r - 0.5, land)
    assert 0.25 < on_ring < 0.9, on_ring  # dashes and gaps, not a full outline
    assert DASHED_NOTE in m.legend_lines
    dock.setFloating(False)
