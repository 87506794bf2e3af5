"""`annotator tag` and `annotator evaluate`: output and exit codes."""

from __future__ import annotations

import json

from annotator.cli import main
from tests.conftest import ROOT, SAMPLE_DATA

GOLD = ROOT / "tests" / "data" / "gold_seeds.jsonl"


def test_tag_then_rerun(db_path, capsys):
    assert main(["import", str(SAMPLE_DATA), "--db", str(db_path), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["tag", "--db", str(db_path), "--jobs", "1"]) == 0
    out, err = capsys.readouterr()
    assert "12 of 12 items tagged" in out and "tagged 12/12 items" in err
    assert main(["tag", "--db", str(db_path), "--jobs", "1", "--quiet"]) == 0
    assert ": 0 new suggestions" in capsys.readouterr().out


def test_tag_one_item_some_kinds(db_path, capsys):
    main(["import", str(SAMPLE_DATA), "--db", str(db_path), "--quiet"])
    capsys.readouterr()
    assert main(["tag", "--db", str(db_path), "--item", "12", "--kinds", "casualty", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "1 of 1 items tagged" in out and "casualty 5" in out


def test_tag_usage_errors(db_path, capsys):
    main(["import", str(SAMPLE_DATA), "--db", str(db_path), "--quiet"])
    assert main(["tag", "--db", str(db_path), "--kinds", "people"]) == 2
    assert "unknown kind" in capsys.readouterr().err
    assert main(["tag", "--db", str(db_path), "--jobs", "0"]) == 2
    assert main(["tag", "--db", str(db_path), "--item", "999", "--quiet"]) == 1
    assert "not in the store" in capsys.readouterr().err


def test_evaluate_prints_scores_per_kind(db_path, capsys):
    main(["import", str(SAMPLE_DATA), "--db", str(db_path), "--quiet"])
    capsys.readouterr()
    assert main(["evaluate", "--db", str(db_path), "--gold", str(GOLD)]) == 0
    out = capsys.readouterr().out
    for word in ("speaker", "location", "casualty", "date", "precision", "recall", "F1", "event-date accuracy"):
        assert word in out
    assert main(["evaluate", "--db", str(db_path), "--gold", str(GOLD), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["items"] == 12 and scores["speaker"]["f1"] >= 0.9


def test_evaluate_stored_annotations(db_path, capsys):
    main(["import", str(SAMPLE_DATA), "--db", str(db_path), "--quiet"])
    main(["tag", "--db", str(db_path), "--quiet"])
    capsys.readouterr()
    assert main(["evaluate", "--db", str(db_path), "--gold", str(GOLD), "--stored", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["casualty"]["f1"] >= 0.9


def test_evaluate_bad_gold(db_path, tmp_path, capsys):
    main(["import", str(SAMPLE_DATA), "--db", str(db_path), "--quiet"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source": "x.txt", "position": 0}\n', encoding="utf-8")
    assert main(["evaluate", "--db", str(db_path), "--gold", str(bad)]) == 1
    assert "not in the store: x.txt#0" in capsys.readouterr().out
    bad.write_text("{not json\n", encoding="utf-8")
    assert main(["evaluate", "--db", str(db_path), "--gold", str(bad)]) == 1
    assert main(["evaluate", "--db", str(db_path), "--gold", str(tmp_path / "none.jsonl")]) == 1


def test_the_tag_summary_counts_in_words():
    """'1 new suggestion', '1 item failed' (the CLI and the window print it)."""
    from annotator.services.tagging import TagReport

    text = TagReport(items=1, total=1, added=1, by_kind={"casualty": 1}, failed=[(3, "boom")]).summary()
    assert ": 1 new suggestion (casualty 1);" in text and "; 1 item failed" in text
