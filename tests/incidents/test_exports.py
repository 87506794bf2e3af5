from __future__ import annotations

import csv
import json

from annotator.export import incidents_csv
from annotator.services import incidents
from annotator.services.exporting import ExportFilter, export
from annotator.store import incidents as store
from annotator.store.items import ItemFilter


def _rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_incidents_csv_in_ucdp_columns(incident_db, tmp_path):
    db, t = incident_db, incident_db.ids
    incidents.suggest(db)
    report = export(db, "incidents", tmp_path / "incidents.csv")
    rows = _rows(tmp_path / "incidents.csv")
    assert report.rows == len(rows) == 3
    assert list(rows[0]) == list(incidents_csv.COLUMNS)
    strike = next(r for r in rows if r["where_coordinates"] == "Maarat Hazeen")
    assert (strike["best"], strike["low"], strike["high"], strike["fatalities"]) == ("20", "12", "23", "12")
    assert strike["number_of_sources"] == "3" and strike["grading"] == "contested"
    assert strike["date_start"] == "2019-03-12" and strike["date_prec"] == "1" and strike["where_prec"] == "1"
    assert strike["geom_wkt"] == "POINT (36.63 35.71)" and strike["adm_1"] == "Idlib" and strike["country"] == "Syria"
    assert strike["injured_best"] == "30"
    assert set(strike["member_annotation_ids"].split()) == {str(t[k]) for k in ("a20", "a6", "a30", "b23", "c_dozens")}
    assert len(strike["member_item_ids"].split()) == 3
    assert strike["source_office"] == "outlet a; outlet b; outlet c"


def test_incidents_export_follows_the_item_filter(incident_db, tmp_path):
    incidents.suggest(incident_db)
    export(incident_db, "incidents", tmp_path / "x.csv", ExportFilter(items=ItemFilter(date_from="2019-03-15")))
    assert [r["where_coordinates"] for r in _rows(tmp_path / "x.csv")] == ["Kafr Nabl"]


def test_geojson_feature_collection(incident_db, tmp_path):
    incidents.suggest(incident_db)
    export(incident_db, "geojson", tmp_path / "map.geojson")
    data = json.loads((tmp_path / "map.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    layers = [f["properties"]["layer"] for f in data["features"]]
    assert layers.count("incident") == 3 and layers.count("place") == 4
    strike = next(f for f in data["features"] if f["properties"].get("place") == "Maarat Hazeen")
    assert strike["geometry"] == {"type": "Point", "coordinates": [36.63, 35.71]}
    maarat = next(f for f in data["features"] if f["properties"].get("name") == "Maarat Hazeen")
    assert maarat["properties"]["items"] == 3


def test_events_export_names_the_incident(incident_db, tmp_path):
    db, t = incident_db, incident_db.ids
    incidents.suggest(db)
    export(db, "events", tmp_path / "events.csv")
    rows = {int(r["annotation_id"]): r for r in _rows(tmp_path / "events.csv")}
    strike = store.figure_row(db, t["a20"])["incident_id"]
    assert rows[t["b23"]]["incident_id"] == rows[t["a20"]]["incident_id"] == str(strike)
    assert rows[t["tally"]]["incident_id"] == ""
    assert rows[t["a20"]]["location"] == "Maarat Hazeen"  # named in the sentence before the toll
