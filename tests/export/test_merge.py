"""import-annotations: conflicts kept side by side, and bad input merges nothing."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.services.exporting import ExportFilter, export
from annotator.services.merge import MergeError, merge_jsonl
from annotator.store import annotations
from tests.export.conftest import count_rows, tag


def db_file(db) -> str:
    return db.conn.execute("PRAGMA database_list").fetchone()[2]


@pytest.fixture
def exported(tagged_db, tmp_path):
    path = tmp_path / "alice.jsonl"
    export(tagged_db, "jsonl", path, ExportFilter(state="all"))
    return path


def rewrite(path, tmp_path, change):
    """A copy of the export with `change(lines)` applied to the parsed lines."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    change(lines)
    out = tmp_path / "bad.jsonl"
    out.write_text("".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in lines), encoding="utf-8")
    return out


def line_of(lines, item_id):
    return next(rec for rec in lines if rec["item_id"] == item_id)


def ann(lines, item_id, text):
    return next(a for a in line_of(lines, item_id)["annotations"] if a["text"] == text)


def _unknown_source(lines):
    line_of(lines, 12)["source"]["sha256"] = "0" * 64


def _out_of_range(lines):
    ann(lines, 12, "dozens more injured")["end"] = 99_999


def _negative(lines):
    ann(lines, 8, "Ahmed Ramadan")["start"] = -3


def _text_mismatch(lines):
    ann(lines, 12, "10 civilians were killed")["text"] = "11 civilians"


def _unknown_kind(lines):
    ann(lines, 8, "Ahmed Ramadan")["kind"] = "weapon"


def _dangling_note(lines):
    line_of(lines, 12)["notes"][0]["target"] = {"type": "annotation", "id": 424242}


def _changed_item_text(lines):
    line_of(lines, 12)["text"] = line_of(lines, 12)["text"].replace("Monday", "Tuesday")


BAD = [
    (_unknown_source, "line 12: source 002_6fdac533d53b9835.txt (sha256 000000000000...) is not in this store"),
    (_out_of_range, "line 12: annotation 3 (id {dozens_injured}): offsets 587..99999 are outside the item text (length 2100)"),
    (_negative, "line 8: annotation 1 (id {ramadan}): offsets -3.."),
    (_text_mismatch, "line 12: annotation 2 (id {killed10}): text '11 civilians' does not match"),
    (_unknown_kind, "line 8: annotation 1 (id {ramadan}): unknown kind 'weapon'"),
    (_dangling_note, "line 12: note 1 (id {note_tag}): targets annotation 424242"),
    (_changed_item_text, "line 12: item 12 (2017-10-02) matches no item of 002_6fdac533d53b9835.txt"),
]


@pytest.mark.parametrize(("change", "message"), BAD, ids=[c.__name__.strip("_") for c, _ in BAD])
def test_bad_input_merges_nothing(tagged_db, fresh_store, exported, tmp_path, capsys, change, message):
    bad = rewrite(exported, tmp_path, change)
    before = count_rows(fresh_store)
    assert main(["import-annotations", str(bad), "--db", db_file(fresh_store)]) == 1
    err = capsys.readouterr().err
    assert message.format(**tagged_db.ids) in err
    assert "nothing merged" in err
    assert count_rows(fresh_store) == before  # lines 1, 2 and 8 were fine: still not merged


def test_malformed_json_line_is_named(fresh_store, exported, tmp_path, capsys):
    lines = exported.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4][:40]
    lines.insert(6, "[1, 2]")
    bad = tmp_path / "broken.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = count_rows(fresh_store)
    assert main(["import-annotations", str(bad), "--db", db_file(fresh_store)]) == 1
    err = capsys.readouterr().err
    assert "line 5: not valid JSON" in err and "line 7: expected a JSON object, found list" in err
    assert count_rows(fresh_store) == before


def test_not_utf8_and_missing_file(fresh_store, exported, tmp_path):
    bad = tmp_path / "latin.jsonl"
    bad.write_bytes(exported.read_bytes().replace("’".encode(), b"\x92", 1))
    with pytest.raises(MergeError, match="line 1: not UTF-8 text"):
        merge_jsonl(fresh_store, bad)
    with pytest.raises(MergeError, match="cannot read the file"):
        merge_jsonl(fresh_store, tmp_path / "nope.jsonl")


def test_disagreements_are_kept_side_by_side(tagged_db, fresh_store, exported):
    # bob, in his own store, read the same sentence differently and agreed on another tag
    bob_ten = tag(fresh_store, 12, "10 civilians were killed", "casualty", analyst="bob", attributes={
        "count_min": 10, "count_max": 10, "qualifier": "exact", "kind": "injured"})
    bob_speaker = tag(fresh_store, 8, "Ahmed Ramadan", "speaker", analyst="bob", attributes={
        "name": "Ahmed Ramadan", "role": "Head of media department", "organisation": "Syrian Coalition"})
    bob_short = tag(fresh_store, 12, "Buqras", "location", analyst="bob", attributes={"name": "Buqras"})
    report = merge_jsonl(fresh_store, exported, analyst="bob")
    assert report.added == 10 and report.conflicts == 2 and len(report.groups) == 2
    rows = annotations.for_item(fresh_store, 12)
    tens = [r for r in rows if r["text"] == "10 civilians were killed"]
    assert {r["analyst"] for r in tens} == {"alice", "bob"}
    assert {r["attributes"]["kind"] for r in tens} == {"killed", "injured"}  # nothing overwritten
    assert tens[0]["conflict_group"] and tens[0]["conflict_group"] == tens[1]["conflict_group"]
    places = [r for r in rows if r["kind"] == "location" and r["text"].startswith("Buqras")]
    assert len({r["conflict_group"] for r in places}) == 1 and places[0]["conflict_group"]
    assert annotations.get(fresh_store, bob_short)["attributes"] == {"name": "Buqras"}
    # the same speaker tag by both analysts is agreement, not a conflict
    speakers = annotations.for_item(fresh_store, 8, kinds=["speaker"])
    assert len(speakers) == 2 and all(r["conflict_group"] is None for r in speakers)
    assert annotations.get(fresh_store, bob_ten)["state"] == "accepted"
    assert annotations.get(fresh_store, bob_speaker)["conflict_group"] is None
    last = fresh_store.conn.execute("SELECT analyst, action, after FROM history ORDER BY id DESC LIMIT 1").fetchone()
    assert last[:2] == ("bob", "merge") and json.loads(last[2])["conflicts"] == 2
