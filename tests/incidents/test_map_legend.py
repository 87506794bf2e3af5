"""The map legend tells the grading (colour) and the incident's state (fill) apart: both scales
use the word "confirmed"."""

from __future__ import annotations

from annotator.ui.map_view import GRADING_LABEL, STATE_CONFIRMED, STATE_SUGGESTED

from tests.incidents.conftest import shown_map


def _darkness(c) -> int:  # noqa: ANN001
    return 765 - (c.red() + c.green() + c.blue())


def test_grading_and_state_read_apart_in_the_legend(qtbot, incident_db):
    from annotator.services import incidents
    from annotator.store import incidents as store

    incidents.suggest(incident_db)
    first = store.figure_row(incident_db, incident_db.ids["a20"])["incident_id"]
    incidents.confirm(incident_db, first, analyst="rana")
    v = shown_map(qtbot, incident_db)
    image = v.grab().toImage()
    lines = v.legend_lines
    assert lines[1] == GRADING_LABEL and STATE_SUGGESTED in lines and STATE_CONFIRMED in lines
    # a bare "confirmed" (the grading's word) appears only as a swatch after "grading:"; every
    # line about the state says who confirmed
    assert all("analyst" in t for t in lines if "confirmed" in t)
    box = v.legend_rect
    label_end = box.left() + 10 + v.fontMetrics().horizontalAdvance(GRADING_LABEL)
    assert min(v.swatch_x.values()) > label_end
    # the state's two marks: a pale ring (light inside) and a solid disc (dark inside)
    line = v.fontMetrics().height() + 2
    base = box.top() + 6 + v.fontMetrics().ascent() - v.fontMetrics().ascent() / 2 + 1
    ring = image.pixelColor(int(box.left() + 20), int(base + lines.index(STATE_SUGGESTED) * line))
    disc = image.pixelColor(int(box.left() + 20), int(base + lines.index(STATE_CONFIRMED) * line))
    assert _darkness(disc) > _darkness(ring) + 120
