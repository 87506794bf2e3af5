"""The taggers against hand-written gold: the seeds (development set) and the held-out pages."""

from __future__ import annotations

import pytest

from annotator.services.evaluation import EvalReport, evaluate, format_report, load_gold
from annotator.services.importing import import_paths
from annotator.store import open_store
from tests.conftest import ROOT, SAMPLE_DATA

DATA = ROOT / "tests" / "data"


def score(tmp_path, pages, gold) -> EvalReport:
    db = open_store(tmp_path / "eval.db")
    assert not import_paths(db, [pages], analyst="tester").failed
    report = evaluate(db, load_gold(gold))
    db.close()
    assert not report.missing
    return report


def test_seed_pages(tmp_path):
    report = score(tmp_path, SAMPLE_DATA, DATA / "gold_seeds.jsonl")
    assert report.items == 12
    for kind in ("speaker", "location", "casualty"):
        assert report.scores[kind].f1 >= 0.9, format_report(report)
    assert report.date_accuracy >= 0.9


@pytest.mark.parametrize("name", ["heldout", "heldout2"])
def test_held_out_pages(tmp_path, name):
    """Floors a little under the figures reported in the tagging report, so a regression shows."""
    report = score(tmp_path, DATA / name, DATA / f"gold_{name}.jsonl")
    for kind in ("speaker", "location", "casualty"):
        assert report.scores[kind].f1 >= 0.85, format_report(report)
    assert report.date_accuracy >= 0.9


def test_scores_count_what_was_missed_and_extra(empty_db, tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Coalition News\n02 October 2017 In Coalition News\n\nThe Syrian Coalition said that 10 civilians "
                    "were killed on Monday.\n\n(Source: x)\n", encoding="utf-8")
    import_paths(empty_db, [page], analyst="tester")
    gold = [{"source": "p.txt", "position": 0, "speakers": ["Syrian Coalition", "Riad Seif"], "locations": [],
             "casualties": [{"kind": "killed", "count_min": 10, "event_date": "2017-10-02"}, {"kind": "injured", "count_min": None}],
             "dates": [{"text": "Monday", "value": "2017-10-02"}]}]
    report = evaluate(empty_db, gold)
    s = report.scores["speaker"]
    assert (s.gold, s.found, s.correct, s.recall) == (2, 1, 1, 0.5)
    c = report.scores["casualty"]
    assert (c.gold, c.found, c.correct) == (2, 1, 1)
    assert report.date_accuracy == 1.0 and report.event_dates.correct == 1
    assert report.errors[0]["speaker"] == {"missed": ["riad seif"], "extra": []}
