"""The sample pages' incidents as an analyst sees them in the Incidents panel: a rate is no
incident figure, an attack the report tells as "similar attacks" on a town nearby is its own
incident, and the injured of an attack stand with its killed."""

from __future__ import annotations

import pytest

from annotator.services import incidents
from annotator.services.tagging import tag_items
from tests.incidents.conftest import incident_window
from tests.ui.conftest import _no_job_left_running, settings  # noqa: F401 - fixtures


@pytest.fixture
def win(qtbot, sample_db, db_path, settings):  # noqa: F811
    tag_items(sample_db, analyst="tester", jobs=1)
    incidents.suggest(sample_db)
    with incident_window(qtbot, db_path, settings, "incidents") as w:
        yield w


def _members_by_incident(panel) -> dict[str, list[str]]:
    out = {}
    for row in list(panel.model.rows):
        assert panel.select_id(row["id"])
        out[row["label"]] = [panel.members.item(r, 0).text() for r in range(panel.members.rowCount())]
    return out


def test_sample_incidents_in_the_panel(win, sample_db):
    panel = win.incident_views.panel
    shown = _members_by_incident(panel)
    every = [t for texts in shown.values() for t in texts]
    assert not any("bodies" in t for t in every)  # "about 50 bodies are burnt every day": a rate
    buqras = next(texts for label, texts in shown.items() if "Buqras Fokani" in label)
    assert "10 civilians" in buqras and "dozens" not in buqras  # Albu Leil's injured: a similar attack
    albu = next(texts for label, texts in shown.items() if "Albu Leil" in label)
    assert albu == ["dozens"]
    alashara = next(texts for label, texts in shown.items() if "Alashara" in label)
    assert sorted(alashara) == ["at least 50 civilians", "dozens of civilians"]
    aggregates = {f["text"] for f in incidents.list_all(sample_db)["aggregates"]}
    assert {"about 50 bodies", "at least 150 civilians"} <= aggregates  # a rate, a week's tally of many villages
