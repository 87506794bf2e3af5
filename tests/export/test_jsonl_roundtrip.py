"""JSONL: exact keys, and export -> import-annotations into a fresh store -> export is equal."""

from __future__ import annotations

import json

from annotator.cli import main
from annotator.vocabulary import ATTRIBUTES
from annotator.services.exporting import ExportFilter, export
from annotator.services.merge import merge_jsonl

ITEM_KEYS = {"item_id", "source", "date", "category", "attribution", "outlet", "dateline", "byline", "needs_date",
             "text", "status", "annotations", "notes"}
ANNOTATION_KEYS = {"id", "kind", "start", "end", "text", "origin", "state", "rule", "confidence", "analyst", "attributes"}
NOTE_KEYS = {"id", "target", "grading", "sources", "checklist", "text", "analyst", "created"}


def read_lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def comparable(lines):
    """Each item's tags and notes without store ids (notes point at their tag by position)."""
    out = []
    for rec in lines:
        position = {a["id"]: n for n, a in enumerate(rec["annotations"])}
        anns = [{k: v for k, v in a.items() if k != "id"} for a in rec["annotations"]]
        notes = [{**{k: v for k, v in n.items() if k not in ("id", "target")},
                  "on": position[n["target"]["id"]] if n["target"]["type"] == "annotation" else "item"}
                 for n in rec["notes"]]
        out.append((rec["source"]["sha256"], rec["text"], anns, notes))
    return out


def test_keys_are_exactly_the_contract(tagged_db, tmp_path):
    out = tmp_path / "all.jsonl"
    cache_size = tagged_db.conn.execute("PRAGMA cache_size").fetchone()[0]
    export(tagged_db, "jsonl", out, ExportFilter(state="all"))
    assert tagged_db.conn.execute("PRAGMA cache_size").fetchone()[0] == cache_size  # restored after the export
    lines = read_lines(out)
    assert len(lines) == 12
    for rec in lines:
        assert set(rec) == ITEM_KEYS
        assert set(rec["source"]) == {"file", "sha256"}
        for a in rec["annotations"]:
            assert set(a) == ANNOTATION_KEYS
            assert list(a["attributes"]) == list(ATTRIBUTES[a["kind"]])
            assert rec["text"][a["start"]:a["end"]] == a["text"]
        for n in rec["notes"]:
            assert set(n) == NOTE_KEYS
    item12 = next(r for r in lines if r["item_id"] == 12)
    assert item12["status"] == "reviewed" and item12["date"] == "2017-10-02"
    assert {n["target"]["type"] for n in item12["notes"]} == {"item", "annotation"}
    assert len(item12["annotations"]) == 6


def test_round_trip_through_a_fresh_store(tagged_db, fresh_store, tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    export(tagged_db, "jsonl", first, ExportFilter(state="all"))
    report = merge_jsonl(fresh_store, first, analyst="bob")
    assert report.added == 10 and report.conflicts == 0 and report.notes_added == 2
    export(fresh_store, "jsonl", second, ExportFilter(state="all"))
    assert comparable(read_lines(second)) == comparable(read_lines(first))
    # merging the same file again changes nothing
    again = merge_jsonl(fresh_store, first, analyst="bob")
    assert (again.added, again.unchanged, again.notes_added) == (0, 10, 0)


def test_round_trip_through_the_cli(tagged_db, fresh_store, tmp_path, capsys):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    db_a = tagged_db.conn.execute("PRAGMA database_list").fetchone()[2]
    db_b = fresh_store.conn.execute("PRAGMA database_list").fetchone()[2]
    assert main(["export", "--format", "jsonl", "--out", str(first), "--state", "all", "--db", db_a]) == 0
    assert main(["import-annotations", str(first), "--db", db_b, "--analyst", "bob"]) == 0
    assert "10 tags added" in capsys.readouterr().out
    assert main(["export", "--format", "jsonl", "--out", str(second), "--state", "all", "--db", db_b]) == 0
    assert comparable(read_lines(second)) == comparable(read_lines(first))


def test_streaming_writer_matches_the_bundle_writer(tagged_db, tmp_path):
    """The million-item path (tuples, cached attributes) writes the same bytes as the plain one,
    odd values included: NaN in attributes, infinite confidence, Unicode line separators."""
    import io

    from annotator.export import jsonl
    from annotator.export.schema import ItemBundle
    from annotator.store.exports import STATE_SETS, iter_export
    from tests.export.conftest import tag

    tag(tagged_db, 3, "Riad Seif", "speaker", confidence=float("inf"),
        attributes={"name": "Riad\u2028Seif", "role": float("nan"), "quote": "a\x85b", "extra": 1})
    fast = tmp_path / "fast.jsonl"
    export(tagged_db, "jsonl", fast, ExportFilter(state="all"))
    plain = io.StringIO()
    jsonl.write((ItemBundle(*b) for b in iter_export(tagged_db, None, STATE_SETS["all"])), plain)
    assert fast.read_text(encoding="utf-8") == plain.getvalue()
    text = plain.getvalue()
    assert len(text.splitlines()) == 12
    speaker = next(a for a in json.loads(text.splitlines()[2])["annotations"] if a["text"] == "Riad Seif")
    assert speaker["attributes"] == {"name": "Riad\u2028Seif", "role": None, "organisation": None, "quote": "a\x85b"}
    assert speaker["confidence"] is None
