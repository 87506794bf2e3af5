"""A store where three outlets report the same airstrike, one reports another one nearby on
another day, and a monitor gives a tally since 2011 (sentences written for these tests)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

import pytest

from annotator.store import annotations, items

PAGES = {
    "outlet_a.txt": [
        ("12 March 2019", "An airstrike hit the market of Maarat Hazeen on Tuesday. At least 20 civilians were killed, "
                          "including 6 children, and 30 people were injured in the strike.", "Outlet A"),
        ("14 March 2019", "Regime forces arrested 15 young men in Dael on Thursday during a raid.", "Outlet A"),
    ],
    "outlet_b.txt": [
        ("12 March 2019", "Warplanes bombed Maarat Hazeen on Tuesday, killing 23 civilians in the crowded market.",
         "Outlet B"),
        ("13 March 2019", "The monitor said 12,000 civilians have been killed in Idlib since 2011.", "Outlet B"),
    ],
    "outlet_c.txt": [
        ("13 March 2019", "Rescuers said dozens of people died when jets struck Maarat Hazeen on Tuesday.", "Outlet C"),
        ("16 March 2019", "Shelling on Kafr Nabl on Saturday killed 4 people.", "Outlet C"),
    ],
}
PLACES = {
    "Maarat Hazeen": {"name": "Maarat Hazeen", "geonameid": 900001, "lat": 35.71, "lon": 36.63, "country": "SY",
                      "admin1": "Idlib", "feature": "village", "precision": 1},
    "Kafr Nabl": {"name": "Kafr Nabl", "geonameid": 900002, "lat": 35.61, "lon": 36.56, "country": "SY",
                  "admin1": "Idlib", "feature": "town", "precision": 1},
    "Dael": {"name": "Dael", "geonameid": 900003, "lat": 32.75, "lon": 36.13, "country": "SY", "admin1": "Daraa",
             "feature": "town", "precision": 1},
    "Idlib": {"name": "Idlib", "geonameid": 169388, "lat": 35.93, "lon": 36.63, "country": "SY", "admin1": "Idlib",
              "feature": "province", "precision": 3},
}


def page(items_: list[tuple[str, str, str]]) -> str:
    parts = ["Coalition News"]
    for day, body, outlet in items_:
        parts += [f"{day} In Coalition News", "", f"{body} (Source: {outlet})", ""]
    parts.append("Home Media Center Coalition News Items filtered by date: Tuesday, 12 March 2019")
    return "\n".join(parts) + "\n"


def tag(db, item_id: int, phrase: str, kind: str, attributes: dict[str, Any], state: str = "suggested") -> int:
    body = items.get_item(db, item_id)["body"]
    start = body.index(phrase)
    return annotations.insert(db, item_id=item_id, kind=kind, start=start, end=start + len(phrase), text=phrase,
                              origin="auto", state=state, analyst=None, rule="test", attributes=attributes)


def killed(n: int | None, day: str | None = "2019-03-12", kind: str = "killed", **extra: Any) -> dict[str, Any]:
    attrs = {"count_min": n, "count_max": n, "qualifier": "exact" if n else "vague", "kind": kind, **extra}
    if day:
        attrs["event_date"] = day
    return attrs


@pytest.fixture
def incident_db(tmp_path, empty_db):
    from annotator.services.importing import import_paths

    folder = tmp_path / "pages"
    folder.mkdir()
    for name, items_ in PAGES.items():
        (folder / name).write_text(page(items_), encoding="utf-8")
    report = import_paths(empty_db, [folder], analyst="tester")
    assert not report.failed
    db = empty_db
    ids = {row[1][:20]: row[0] for row in db.conn.execute("SELECT id, body FROM items ORDER BY id")}
    item = {key: ids[next(k for k in ids if k.startswith(key))] for key in
            ("An airstrike", "Regime forces", "Warplanes", "The monitor", "Rescuers", "Shelling")}
    t: dict[str, int] = {}
    for key, place in (("An airstrike", "Maarat Hazeen"), ("Warplanes", "Maarat Hazeen"), ("Rescuers", "Maarat Hazeen"),
                       ("Shelling", "Kafr Nabl"), ("Regime forces", "Dael"), ("The monitor", "Idlib")):
        tag(db, item[key], place, "location", PLACES[place])
    t["a20"] = tag(db, item["An airstrike"], "At least 20 civilians", "casualty",
                   {**killed(20), "qualifier": "at_least", "count_max": None})
    t["a6"] = tag(db, item["An airstrike"], "6 children", "casualty", killed(6))
    t["a30"] = tag(db, item["An airstrike"], "30 people were injured", "casualty", killed(30, kind="injured"))
    t["b23"] = tag(db, item["Warplanes"], "23 civilians", "casualty", killed(23))
    t["c_dozens"] = tag(db, item["Rescuers"], "dozens of people died", "casualty", killed(None))
    t["kafr4"] = tag(db, item["Shelling"], "4 people", "casualty", killed(4, "2019-03-16"))
    t["dael15"] = tag(db, item["Regime forces"], "15 young men", "casualty", killed(15, "2019-03-14", "detained"))
    t["tally"] = tag(db, item["The monitor"], "12,000 civilians", "casualty", killed(12000, None))
    db.ids = t  # type: ignore[attr-defined]
    db.item_ids = item  # type: ignore[attr-defined]
    return db


@contextmanager
def incident_window(qtbot, db_path, settings, view: str | None = None):  # noqa: ANN001, ANN201
    """A shown main window over the incident store (as analyst "rana"), with `view` brought to the
    front; closed after any background index load has ended."""
    from annotator.ui.app import create_window

    w = create_window(db_path, "rana", settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    if view:
        w.incident_views.show_view(view)
    yield w
    views = w.incident_views
    qtbot.waitUntil(lambda: not (views.loader and views.loader.isRunning()))
    w.close()
    w.session.db.close()


def shown_map(qtbot, db, size: tuple[int, int] = (1000, 700)):  # noqa: ANN001, ANN201
    """A shown MapView of `size` holding the incidents of `db` (as loaded for the window)."""
    from annotator.services.incident_index import IncidentIndex
    from annotator.ui.map_view import MapView

    v = MapView()
    qtbot.addWidget(v)
    v.resize(*size)
    v.show()
    qtbot.waitExposed(v)
    v.set_index(IncidentIndex.load(db))
    return v
