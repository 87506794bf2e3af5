"""CSV and events CSV carry a single report's headline, outlet, dateline (and byline in the
per-tag CSV), formula-safe like every other cell. The report is written here."""

from __future__ import annotations

import csv

from annotator.export import csv_rows, events
from annotator.services.exporting import export
from annotator.services.importing import import_paths
from annotator.store import items, open_store
from tests.export.conftest import tag

REPORT = """=Shelling hits market in northern town

Saturday 3 March 2018

By Sam Writer

ALEPPO, March 3 (Levant Wire) - Artillery fire struck the market of a northern town on Saturday, killing
at least seven civilians, a local monitoring group said.

Residents said the shelling lasted nearly an hour.
"""


def _rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_report_parts_are_exported_in_both_csvs_and_neutralised(tmp_path):
    src = tmp_path / "+levant-wire.txt"
    src.write_text(REPORT, encoding="utf-8")
    db = open_store(tmp_path / "s.db")
    try:
        assert not import_paths(db, [src], analyst="alice").failed
        [item_id] = [r[0] for r in db.conn.execute("SELECT id FROM items")]
        item = items.get_item(db, item_id)
        assert item["dateline"] and item["outlet"]
        tag(db, item_id, "at least seven civilians", "casualty",
            attributes={"count_min": 7, "qualifier": "at_least", "kind": "killed"})
        export(db, "csv", tmp_path / "tags.csv")
        export(db, "events", tmp_path / "events.csv")
    finally:
        db.close()
    [row] = _rows(tmp_path / "tags.csv")
    assert list(_rows(tmp_path / "tags.csv")[0])[-3:] == list(csv_rows.REPORT_COLUMNS)
    assert row["item_title"] == "'=Shelling hits market in northern town"  # formula-safe
    assert row["item_dateline"] == item["dateline"] and row["item_byline"] == "Sam Writer"
    assert row["item_outlet"] == item["outlet"]
    [event] = _rows(tmp_path / "events.csv")
    assert list(event)[-3:] == ["source_title", "source_outlet", "source_dateline"]
    assert list(event)[:len(events.COLUMNS) - 3] == list(events.COLUMNS[:-3])  # no earlier column moved
    assert event["source_title"] == "'=Shelling hits market in northern town"
    assert event["source_dateline"] == item["dateline"] and event["source_outlet"] == item["outlet"]
    assert event["location"] != item["dateline"]  # the filing place is not the event's place
