from __future__ import annotations

from annotator.services import changes, incidents
from annotator.store import incidents as store


def _groups(db) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for m in store.members(db):
        out.setdefault(m["incident_id"], set()).add(m["annotation_id"])
    return out


def _incident_of(db, annotation_id: int) -> int:
    return store.figure_row(db, annotation_id)["incident_id"]


def test_three_outlets_one_airstrike(incident_db):
    db, t = incident_db, incident_db.ids
    report = incidents.suggest(db, analyst="tester")
    assert report.figures == 8 and report.aggregates == 1
    groups = sorted(_groups(db).values(), key=len)
    assert {t["a20"], t["a6"], t["a30"], t["b23"], t["c_dozens"]} in groups
    assert {t["kafr4"]} in groups and {t["dael15"]} in groups
    assert store.figure_row(db, t["tally"])["role"] == "aggregate"
    airstrike = store.get(db, _incident_of(db, t["a20"]))
    assert airstrike["number_of_sources"] == 3
    assert airstrike["figures"]["killed"] == {"best": 20, "low": 12, "high": 23}
    assert airstrike["fatalities"] == 12  # "dozens" is the most conservative figure (ACLED)
    assert airstrike["figures"]["injured"]["best"] == 30
    assert airstrike["grading_suggested"] == "contested"  # 12 against 23
    assert airstrike["date_start"] == airstrike["date_end"] == "2019-03-12" and airstrike["date_prec"] == 1
    assert airstrike["place"] == "Maarat Hazeen" and airstrike["where_prec"] == 1
    roles = {m["annotation_id"]: m["role"] for m in store.members(db, [airstrike["id"]])}
    assert roles[t["a6"]] == "subgroup" and roles[t["a30"]] == "other_harm" and roles[t["b23"]] == "same"
    assert store.get(db, _incident_of(db, t["kafr4"]))["grading_suggested"] == "weak"


def test_rerun_keeps_confirmed_and_decisions(incident_db):
    db, t = incident_db, incident_db.ids
    incidents.suggest(db)
    airstrike = _incident_of(db, t["a20"])
    incidents.confirm(db, airstrike, analyst="rana")
    kafr = _incident_of(db, t["kafr4"])
    incidents.move_figure(db, t["dael15"], kafr, analyst="rana", role="other_harm")
    incidents.edit(db, kafr, {"grading": "fair", "label": "Kafr Nabl shelling"}, analyst="rana")
    before = _groups(db)
    incidents.suggest(db)
    after = _groups(db)
    assert after[airstrike] == before[airstrike] and store.get(db, airstrike)["state"] == "confirmed"
    assert after[kafr] == {t["kafr4"], t["dael15"]}
    row = store.get(db, kafr)
    assert row["grading"] == "fair" and row["label"] == "Kafr Nabl shelling"
    assert incidents.suggest(db).incidents == 0  # nothing left to suggest


def test_split_merge_undo(incident_db):
    db, t = incident_db, incident_db.ids
    incidents.suggest(db)
    airstrike = _incident_of(db, t["a20"])
    snapshot = _groups(db)
    ch = incidents.split(db, airstrike, [t["c_dozens"]], analyst="rana")
    new_id = _incident_of(db, t["c_dozens"])
    assert new_id != airstrike and store.get(db, airstrike)["fatalities"] == 20
    assert airstrike in ch.incident_ids and new_id in ch.incident_ids
    changes.undo(db, ch, "rana")
    assert _groups(db) == snapshot and store.get(db, new_id) is None
    assert store.get(db, airstrike)["fatalities"] == 12
    changes.redo(db, ch, "rana")
    assert _incident_of(db, t["c_dozens"]) == new_id
    merged = incidents.merge(db, [airstrike, new_id], analyst="rana")
    assert store.get(db, new_id) is None and t["c_dozens"] in _groups(db)[airstrike]
    changes.undo(db, merged, "rana")
    assert _incident_of(db, t["c_dozens"]) == new_id
    history = db.conn.execute("SELECT count(*) FROM history WHERE table_name LIKE 'incident%'").fetchone()[0]
    assert history > 5


def test_aggregate_decision_kept(incident_db):
    db, t = incident_db, incident_db.ids
    incidents.suggest(db)
    incidents.set_aggregate(db, t["kafr4"], True, analyst="rana")
    incidents.suggest(db)
    assert store.figure_row(db, t["kafr4"])["role"] == "aggregate"
    listing = incidents.list_all(db)
    assert {f["annotation_id"] for f in listing["aggregates"]} == {t["kafr4"], t["tally"]}
    assert all(f["annotation_id"] != t["kafr4"] for i in listing["incidents"] for f in i["figures"])


def test_edit_refuses_unknown_field(incident_db):
    import pytest

    incidents.suggest(incident_db)
    i = _incident_of(incident_db, incident_db.ids["a20"])
    with pytest.raises(ValueError):
        incidents.edit(incident_db, i, {"number_of_sources": 9}, analyst="x")
    with pytest.raises(ValueError):
        incidents.edit(incident_db, i, {"grading": "probable"}, analyst="x")
