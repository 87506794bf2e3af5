"""Hostile merge files (issue 15.3): wrongly typed attributes, NaN, deep nesting, endless lines.
Every one names its line and merges nothing."""

from __future__ import annotations

import json

import pytest

from annotator.services.exporting import ExportFilter, export
from annotator.services.merge import MergeError, merge_jsonl
from annotator.services.merge_checks import check_attributes
from tests.export.test_merge import ann, db_file, rewrite


@pytest.fixture
def exported(tagged_db, tmp_path):
    path = tmp_path / "alice.jsonl"
    export(tagged_db, "jsonl", path, ExportFilter(state="all"))
    return path


def _count(db) -> int:
    return db.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]


def _set(text: str, key: str, value, item: int = 12):
    def change(lines):
        ann(lines, item, text)["attributes"][key] = value
    return change


BAD = {
    "count as words": _set("10 civilians were killed", "count_min", "twelve"),
    "negative count": _set("10 civilians were killed", "count_max", -4),
    "count as float": _set("10 civilians were killed", "count_min", 10.5),
    "count bool": _set("10 civilians were killed", "count_min", True),
    "min above max": _set("10 civilians were killed", "count_min", 50),
    "unknown qualifier": _set("10 civilians were killed", "qualifier", "lots"),
    "date placeholder": _set("10 civilians were killed", "event_date", "0001-01-01"),
    "date far future": _set("10 civilians were killed", "event_date", "9999-12-31"),
    "date not real": _set("10 civilians were killed", "event_date", "2017-02-30"),
    "unknown attribute": _set("10 civilians were killed", "payload", "x"),
    "name as number": _set("10 civilians were killed", "victims", 123),
    "approximate as text": _set("10 civilians were killed", "approximate", "yes"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_wrongly_typed_attribute_is_named_and_nothing_merged(tagged_db, exported, tmp_path, case):
    bad = rewrite(exported, tmp_path, BAD[case])
    target_before = _count(tagged_db)
    with pytest.raises(MergeError) as exc:
        merge_jsonl(tagged_db, bad, analyst="bob")
    msg = str(exc.value)
    assert "line " in msg and ("attribute" in msg or "count_min" in msg)
    assert _count(tagged_db) == target_before


def test_location_and_speaker_attributes_are_checked():
    assert check_attributes("location", {"lat": "north"}) == ["attribute lat must be a number from -90 to 90, found 'north'"]
    assert check_attributes("location", {"lon": float("inf")})
    assert check_attributes("location", {"precision": 7})
    assert check_attributes("location", {"geonameid": "163345"})
    assert check_attributes("speaker", {"name": 123}) == ["attribute name must be text, found 123"]
    assert check_attributes("date", {"value": "2017-10-05"}) == []
    assert check_attributes("location", {"name": "Raqqa", "lat": 35.95, "lon": 39.01, "precision": 1,
                                         "feature": "city", "geonameid": 163345}) == []


def test_note_sources_must_be_texts(tagged_db, exported, tmp_path):
    def change(lines):
        rec = next(r for r in lines if r["notes"])
        rec["notes"][0]["sources"] = [5, None]

    with pytest.raises(MergeError) as exc:
        merge_jsonl(tagged_db, rewrite(exported, tmp_path, change), analyst="bob")
    assert "sources must be a list of texts" in str(exc.value)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(tagged_db, exported, tmp_path, constant):
    lines = exported.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace('"confidence":null', f'"confidence":{constant}', 1)
    assert constant in lines[0]
    bad = tmp_path / "nan.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _count(tagged_db)
    with pytest.raises(MergeError) as exc:
        merge_jsonl(tagged_db, bad, analyst="bob")
    assert "line 1:" in str(exc.value) and "not a number JSON allows" in str(exc.value)
    assert _count(tagged_db) == before


def test_deep_nesting_is_a_message_not_a_recursion_error(tagged_db, tmp_path):
    bad = tmp_path / "deep.jsonl"
    bad.write_text('{"a":' + "[" * 100_000 + "]" * 100_000 + "}\n" + '{"b":' + "[" * 40 + "]" * 40 + "}\n")
    with pytest.raises(MergeError) as exc:
        merge_jsonl(tagged_db, bad, analyst="bob")
    assert "line 1: nested deeper than" in str(exc.value) and "line 2: nested deeper than" in str(exc.value)


def test_an_endless_line_is_named(tagged_db, tmp_path, monkeypatch):
    from annotator.services import merge

    monkeypatch.setattr(merge, "MAX_LINE_BYTES", 1000)
    bad = tmp_path / "long.jsonl"
    bad.write_text('{"text":"' + "x" * 5000 + '"}\n{}\n')
    with pytest.raises(MergeError) as exc:
        merge_jsonl(tagged_db, bad, analyst="bob")
    assert "line 1: longer than" in str(exc.value) and "line 2:" in str(exc.value)


def test_the_cli_prints_the_bad_line_not_a_traceback(tagged_db, exported, tmp_path, capsys):
    from annotator.cli import main

    bad = rewrite(exported, tmp_path, BAD["count as words"])
    assert main(["import-annotations", str(bad), "--db", db_file(tagged_db)]) == 1
    err = capsys.readouterr().err
    assert "count_min must be a whole number" in err and "'twelve'" in err and "Traceback" not in err
    assert json.loads(exported.read_text(encoding="utf-8").splitlines()[0])


@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31", "1 Jan 1000", "31 Dec 9999"])
def test_placeholder_dates_are_refused_where_analysts_type_them(text):
    from annotator.services import dating, typed_dates

    with pytest.raises(ValueError) as exc:
        typed_dates.parse(text, "2017-05-17")
    assert "typo or a placeholder" in str(exc.value)
    if "-" in text:
        with pytest.raises(ValueError):
            dating.parse_iso_date(text)
    assert typed_dates.parse("16 Mar 2017", "2017-05-17") == ("2017-03-16", "2017-03-16")
