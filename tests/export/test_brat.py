"""brat standoff: files parse back to the same spans; every A value is declared in annotation.conf."""

from __future__ import annotations

import re

import pytest

from annotator.export import brat
from annotator.export.atomic import ExportTargetError
from annotator.services.exporting import ExportFilter, export
from annotator.store import annotations, items
from tests.export.conftest import tag

T_LINE = re.compile(r"^(T\d+)\t(\w+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
A_LINE = re.compile(r"^(A\d+)\t(\w+) (T\d+)(?: (\S+))?$")
NOTE_LINE = re.compile(r"^#\d+\tAnnotatorNotes (T\d+)\t.*$")


def declared_attributes(conf: str) -> dict[str, set[str]]:
    section, out = None, {}
    for line in conf.splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "attributes" and line and not line.startswith("#"):
            name, args = line.split("\t")
            values = [a.split(":", 1)[1] for a in args.split(", ") if a.startswith("Value:")]
            out[name] = set(values[0].split("|")) if values else set()
    return out


def test_files_parse_back_to_the_same_spans(tagged_db, tmp_path):
    multi = tag(tagged_db, 12, "past week.", "date", attributes={"value": "2017-10-01"})
    body12 = items.get_item(tagged_db, 12)["body"]
    cut = body12.index("\n\n", body12.index("past week.")) + 2
    across = annotations.insert(tagged_db, item_id=12, kind="casualty", start=body12.index("since mid-2014."),
                                end=cut + 8, text=body12[body12.index("since mid-2014."):cut + 8],
                                origin="manual", state="accepted", analyst="alice")
    out = tmp_path / "brat"
    report = export(tagged_db, "brat", out, ExportFilter(state="all"))
    assert report.rows == 12
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    declared = declared_attributes(conf)
    assert {"[entities]", "[relations]", "[events]", "[attributes]"} <= set(conf.splitlines())
    assert sorted(p.name for p in out.glob("*.txt")) == [f"item-{i:07d}.txt" for i in range(1, 13)]
    for item_id in range(1, 13):
        text = (out / f"item-{item_id:07d}.txt").read_text(encoding="utf-8")
        assert text == items.get_item(tagged_db, item_id)["body"]
        spans, tids = set(), set()
        for line in (out / f"item-{item_id:07d}.ann").read_text(encoding="utf-8").splitlines():
            if m := T_LINE.match(line):
                frags = [tuple(map(int, f.split())) for f in m.group(3).split(";")]
                assert " ".join(text[s:e] for s, e in frags) == m.group(4)
                assert all("\n" not in text[s:e] for s, e in frags)
                spans.add((m.group(2).lower(), frags[0][0], frags[-1][1]))
                tids.add(m.group(1))
            elif m := A_LINE.match(line):
                assert m.group(3) in tids
                name, value = m.group(2), m.group(4)
                assert name in declared
                assert (value is None and not declared[name]) or value in declared[name]
            else:
                assert NOTE_LINE.match(line), line
        expected = {(a["kind"], a["start"], a["end"]) for a in annotations.for_item(tagged_db, item_id)}
        assert spans == expected
    parsed = brat.parse_ann((out / "item-0000012.ann").read_text(encoding="utf-8"))
    crossing = next(p for p in parsed if p["id"] == across)
    assert len(crossing["fragments"]) == 2
    assert next(p for p in parsed if p["id"] == multi)["attributes"]["value"] == "2017-10-01"


def test_attributes_and_notes_come_back(tagged_db, tmp_path):
    out = tmp_path / "brat"
    export(tagged_db, "brat", out, ExportFilter(state="all"))
    parsed = {p["id"]: p for p in brat.parse_ann((out / "item-0000012.ann").read_text(encoding="utf-8"))}
    for item_row in annotations.for_item(tagged_db, 12):
        back = parsed[item_row["id"]]
        assert back["state"] == item_row["state"] and back["origin"] == item_row["origin"]
        assert {k: v for k, v in back["attributes"].items() if v is not None} == item_row["attributes"]
    assert parsed[tagged_db.ids["killed10"]]["notes"] == ["note [confirmed] Matches SNHR daily toll."]


def test_an_existing_folder_of_other_files_is_refused(tagged_db, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("keep me")
    with pytest.raises(ExportTargetError, match="other files"):
        export(tagged_db, "brat", out)
    assert (out / "thesis.docx").read_text() == "keep me"
    # a previous brat export is replaced in one step
    export(tagged_db, "brat", tmp_path / "again")
    export(tagged_db, "brat", tmp_path / "again", ExportFilter(state="accepted"))
    assert "Hakim" not in (tmp_path / "again" / "item-0000002.ann").read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
