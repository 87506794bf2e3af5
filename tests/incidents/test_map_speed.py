"""The map's fast paths (issue 18: a redraw within 50 ms on the million-item store) draw and
count what the plain ways did: circles copied from pictures drawn once look as circles drawn in
place, and running totals give the sums and the most common grading of every incident."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import date

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from annotator.services.incident_index import GRADING_ORDER, IncidentIndex, MapPoint
from annotator.services.incident_model import HARM_KINDS

GRADES = ["confirmed", "fair", "weak", "contested", "discounted", None]


def _rows(n: int, seed: int) -> list[tuple]:
    rnd = random.Random(seed)
    places = [(35.0 + k / 10, 36.0 + k / 7, f"Town {k}") for k in range(6)]
    rows = []
    for i in range(1, n + 1):
        lat, lon, name = rnd.choice(places)
        day = date(2018, 1, 1).toordinal() + rnd.randrange(700)
        figures = {k: {"best": rnd.randrange(0, 40)} for k in rnd.sample(HARM_KINDS, rnd.randrange(1, 3))}
        rows.append((i, date.fromordinal(day).isoformat(), lat, lon, name, rnd.choice(["suggested", "confirmed"]),
                     rnd.choices(GRADES, weights=[1, 5, 4, 2, 1, 1])[0], json.dumps(figures),
                     rnd.choice([1, 1, 4, None])))
    return sorted(rows, key=lambda r: (r[1], r[0]))


def _expected(rows: list[tuple], first: date | None, last: date | None, ids: set[int] | None,
              suggested: bool) -> dict[str, tuple]:
    """What a map point must say, summed incident by incident."""
    by_place: dict[str, list[tuple]] = {}
    for r in rows:
        day = date.fromisoformat(r[1])
        if (first and day < first) or (last and day > last) or (ids is not None and r[0] not in ids):
            continue
        if not suggested and r[5] != "confirmed":
            continue
        by_place.setdefault(r[4], []).append(r)
    out = {}
    for name, group in by_place.items():
        harm = tuple(float(sum((json.loads(r[7]).get(k) or {}).get("best", 0) for r in group)) for k in HARM_KINDS)
        votes = Counter(r[6] for r in group)
        top = max(votes.values())
        grading = next(g for g in GRADING_ORDER if votes.get(g) == top)  # the first of a tie
        out[name] = (len(group), harm, grading, sum(r[5] == "confirmed" for r in group),
                     sum(isinstance(r[8], int) and r[8] >= 3 for r in group))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_points_sum_and_vote_as_incident_by_incident(seed):
    rows = _rows(3000, seed)  # about 500 incidents a place: the old vote sampled every other one
    index = IncidentIndex(rows)
    rnd = random.Random(seed)
    cases = [(None, None, None, True), (None, None, None, False)]
    for _ in range(6):
        a = date(2018, 1, 1).toordinal() + rnd.randrange(700)
        b = a + rnd.randrange(1, 300)
        ids = {r[0] for r in rows if rnd.random() < 0.5} if rnd.random() < 0.5 else None
        cases.append((date.fromordinal(a), date.fromordinal(b), ids, rnd.random() < 0.7))
    for first, last, ids, suggested in cases:
        got = {p.name: (p.incidents, p.harm, p.grading, p.confirmed, p.approximate)
               for p in index.points(first, last, ids, suggested)}
        assert got == _expected(rows, first, last, ids, suggested)


def test_a_map_point_works_out_its_casualties_and_centroid_share():
    p = MapPoint.of("Hama", 35.2, 37.2, 3, (4.0, 2.0, 7.0, 9.0, 1.0), "fair", 1, 2)
    assert p.casualties == 7.0  # killed + injured + missing, not detained or displaced
    assert p.is_approximate and not MapPoint.of("Hama", 35.2, 37.2, 4, (0.0,) * 5, None, 0, 2).is_approximate


@pytest.mark.parametrize("crowded", [False, True])
@pytest.mark.parametrize("style", [("fair", True, False), ("weak", False, False), ("contested", True, True),
                                   (None, False, True)])
def test_a_circle_copied_from_its_picture_looks_as_one_drawn_in_place(qtbot, style, crowded):
    from annotator.ui.map_view import MapView, circle_style

    view = MapView()
    qtbot.addWidget(view)
    for diameter in (8, 13, 24, 60):
        direct, copied = (QImage(90, 90, QImage.Format_ARGB32_Premultiplied) for _ in range(2))
        for image in (direct, copied):
            image.fill(QColor("#d9cfb8"))  # the land colour under a circle
        painter = QPainter(direct)
        painter.setRenderHint(QPainter.Antialiasing, not crowded)
        fill, pen = circle_style(*style)
        if crowded:
            pen.setWidthF(1.0)
        painter.setBrush(fill)
        painter.setPen(pen)
        painter.drawEllipse(17, 11, diameter, diameter)
        painter.end()
        pixmap, margin = view._sprite(style, crowded, diameter)
        painter = QPainter(copied)
        painter.drawPixmap(17 - margin, 11 - margin, pixmap)
        painter.end()
        worst = max(max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))
                    for x in range(90) for y in range(90)
                    for a, b in [(direct.pixelColor(x, y), copied.pixelColor(x, y))])
        assert worst <= 3, (style, crowded, diameter, worst)  # rounding of the blend at most
        assert view._sprite(style, crowded, diameter)[0].cacheKey() == pixmap.cacheKey()  # drawn once
    assert direct.pixelColor(17 + 30, 11 + 30) != QColor("#d9cfb8")  # the 60 px circle is there
