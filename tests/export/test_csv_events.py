"""Per-tag CSV and events CSV: formula injection neutralised, numbers kept, ACLED coding."""

from __future__ import annotations

import csv

import pytest

from annotator.export import events
from annotator.export.safe_csv import cell
from annotator.services.exporting import ExportFilter, export
from tests.export.conftest import tag

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def raw_cells(path):
    """Every cell as a spreadsheet would first see it, with its quoting."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, quoting=csv.QUOTE_NONNUMERIC))


@pytest.fixture
def hostile_db(tagged_db):
    tag(tagged_db, 12, "Albu Leil", "location", attributes={
        "name": '=HYPERLINK("http://evil.example","click")', "admin1": "+cmd|' /C calc'!A0", "country": "@SUM(1)",
        "feature": "-2+3", "lat": 34.9, "lon": -3.75, "precision": "2"})
    tag(tagged_db, 12, "injuring dozens", "casualty", attributes={
        "kind": "injured", "qualifier": "vague", "perpetrator": "\t=1+1", "location": "Albu Leil", "victims": "\r@x"})
    return tagged_db


@pytest.mark.parametrize("fmt", ["csv", "events"])
def test_formula_injection_is_neutralised(hostile_db, tmp_path, fmt):
    out = tmp_path / f"{fmt}.csv"
    export(hostile_db, fmt, out)
    for row in raw_cells(out)[1:]:
        for value in row:
            assert not (isinstance(value, str) and value.startswith(DANGEROUS)), value
    text = out.read_text(encoding="utf-8")
    if fmt == "csv":
        row = next(r for r in rows(out) if r["text"] == "Albu Leil")
        assert row["location_name"] == "'" + '=HYPERLINK("http://evil.example","click")'
        assert row["location_admin1"].startswith("'+cmd")
        assert row["location_country"] == "'@SUM(1)" and row["location_feature"] == "'-2+3"
        assert row["location_lon"] == "-3.75" and row["location_precision"] == "2"
        assert ",-3.75," in text  # written as a bare number, not quoted text
    else:
        row = next(r for r in rows(out) if r["location"].startswith("'="))
        assert row["actor1"] == "'\t=1+1" and row["victims"] == "'\r@x"
        assert row["longitude"] == "-3.75" and row["injured_low"] == "12" and row["geo_precision"] == "2"


def test_safe_cell_rules():
    assert cell("=1+1") == "'=1+1"
    assert cell("-5") == "'-5"          # text column: a leading minus is neutralised
    assert cell("-5", numeric=True) == -5  # number column: stays a number
    assert cell(-36.2, numeric=True) == -36.2
    assert cell("-1+cmd", numeric=True) == "'-1+cmd"
    assert cell(True) == "true" and cell(None) == "" and cell(["a", "b"]) == '["a", "b"]'


def test_events_rows_follow_acled_coding(tagged_db, tmp_path):
    out = tmp_path / "events.csv"
    export(tagged_db, "events", out, ExportFilter(state="all"))
    got = {int(r["annotation_id"]): r for r in rows(out)}
    ids = tagged_db.ids
    # "10 civilians were killed ... dozens more injured": one event, both harm kinds on its row
    assert set(got) == {ids["killed10"], ids["atleast150"], ids["displaced"], ids["hundreds"]}
    ten = got[ids["killed10"]]
    assert (ten["fatalities"], ten["low"], ten["high"]) == ("10", "10", "10")
    assert (ten["location"], ten["latitude"], ten["longitude"], ten["geo_precision"]) == ("Buqras Fokani", "35.05", "40.36", "1")
    assert ten["country"] == "Syria" and ten["admin1"] == "Deir ez-Zor" and ten["actor1"] == "international coalition"
    assert ten["grading"] == "confirmed" and ten["review_status"] == "accepted;suggested" and ten["source_date"] == "2017-10-02"
    assert ten["notes"].startswith("Activists in rural Deir Ezzor said that 10 civilians were killed")
    assert "report date used" in ten["notes"] and ten["time_precision"] == "2"
    assert ten["source"] == "Syrian Coalition’s Media Department (002_6fdac533d53b9835.txt)"
    least = got[ids["atleast150"]]
    assert (least["fatalities"], least["low"], least["high"]) == ("150", "150", "")
    assert (least["date_start"], least["date_end"], least["time_precision"]) == ("2017-09-25", "2017-10-01", "2")
    assert "lower bound coded" in least["notes"]
    hundreds = got[ids["hundreds"]]
    assert hundreds["fatalities"] == "100" and "'hundreds' coded as 100" in hundreds["notes"]
    assert ten["injured_low"] == "12" and ten["injured"] == "12" and ten["harm_kinds"] == "killed;injured"
    assert ten["annotation_ids"] == f"{ids['killed10']};{ids['dozens_injured']}"
    assert got[ids["hundreds"]]["injured"] == "" and got[ids["hundreds"]]["harm_kinds"] == "killed"
    assert got[ids["displaced"]]["displaced"] == "120000"
    # item-level grading is used when the figure has none of its own
    assert got[ids["atleast150"]]["grading"] == "contested"


@pytest.mark.parametrize(("attrs", "text", "figure", "said"), [
    ({"qualifier": "vague"}, "dozens of people", 12, "'dozens' coded as 12"),
    ({"qualifier": "vague"}, "tens of civilians", 10, "'tens' coded as 10"),
    ({"qualifier": "vague"}, "hundreds of thousands", 100_000, "'hundreds of thousands' coded as 100000"),
    ({"count_min": 40, "count_max": 60}, "40 to 60", 40, "lowest figure coded"),
    ({"count_max": 100, "qualifier": "nearly"}, "nearly 100", 100, "upper bound"),
    ({"count_min": 50, "count_max": 50, "qualifier": "about", "approximate": True}, "about 50", 50, "approximate"),
    ({"count_min": 7, "count_max": 7, "qualifier": "exact"}, "seven", 7, None),
])
def test_conservative_figure(attrs, text, figure, said):
    value, note = events.conservative(attrs, text)
    assert value == figure
    assert (note is None) if said is None else (said in note)


def test_event_dates_precision():
    notes: list[str] = []
    assert events.event_dates({"event_date": "2017-10-01"}, "2017-10-02", notes) == ("2017-10-01", "2017-10-01", "2017-10-01", 1)
    assert events.event_dates({"event_date": "2017-09"}, "2017-10-02", notes)[1:] == ("2017-09-01", "2017-09-30", 3)
    assert events.event_dates({"event_date_start": "2017-09-01", "event_date_end": "2017-09-20"}, "x", notes)[3] == 3
    assert not notes
    assert events.event_dates({"event_date": "last Tuesday"}, "2017-10-02", notes) == ("2017-10-02",) * 3 + (2,)
    assert "not understood" in notes[0]


def test_csv_has_every_attribute_column(tagged_db, tmp_path):
    out = tmp_path / "tags.csv"
    export(tagged_db, "csv", out, ExportFilter(state="all"))
    got = rows(out)
    assert len(got) == 10
    header = list(got[0])
    assert header[:12] == ["annotation_id", "item_id", "item_date", "kind", "text", "start", "end", "state", "origin",
                           "analyst", "rule", "confidence"]
    assert {"speaker_role", "location_lat", "casualty_count_min", "casualty_event_date_end", "date_value"} <= set(header)
    ramadan = next(r for r in got if r["text"] == "Ahmed Ramadan")
    assert ramadan["speaker_organisation"] == "Syrian Coalition" and ramadan["casualty_kind"] == ""


def test_one_event_per_strike_with_every_harm_kind(empty_db, tmp_path):
    """Killed and injured of one strike are one event, dated by the figure that states the date
    (the injured one, undated, used to make a second event dated by the report)."""
    from annotator.services.importing import import_paths
    from tests.incidents.conftest import page, tag

    body = ("An air raid on the bakery of Kafr Nabl killed 7 civilians and wounded 12 others on Monday. "
            "Elsewhere, shelling killed 2 people.")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(page([("17 May 2017", body, "Outlet A")]), encoding="utf-8")
    assert not import_paths(empty_db, [tmp_path / "pages"], analyst="tester").failed
    item = empty_db.conn.execute("SELECT id FROM items").fetchone()[0]
    killed = tag(empty_db, item, "killed 7 civilians", "casualty", {
        "count_min": 7, "count_max": 7, "qualifier": "exact", "kind": "killed", "event_date": "2017-05-15"})
    wounded = tag(empty_db, item, "wounded 12 others", "casualty", {
        "count_min": 12, "count_max": 12, "qualifier": "exact", "kind": "injured"})
    other = tag(empty_db, item, "killed 2 people", "casualty", {
        "count_min": 2, "count_max": 2, "qualifier": "exact", "kind": "killed"})
    out = tmp_path / "events.csv"
    export(empty_db, "events", out, ExportFilter(state="all"))
    got = {int(r["annotation_id"]): r for r in rows(out)}
    assert set(got) == {killed, other}  # the second sentence is another event
    row = got[killed]
    assert row["annotation_ids"] == f"{killed};{wounded}" and row["harm_kinds"] == "killed;injured"
    assert (row["fatalities"], row["injured_low"], row["injured"]) == ("7", "12", "12")
    assert row["event_date"] == "2017-05-15" and row["time_precision"] == "1"  # not the report's date
    assert got[other]["injured"] == "" and got[other]["annotation_ids"] == str(other)
    with out.open(encoding="utf-8", newline="") as fh:  # the old columns kept, in order; new ones after
        header = next(csv.reader(fh))
    assert header[:27] == list(events.COLUMNS[:27]) and header[26] == "incident_id"
