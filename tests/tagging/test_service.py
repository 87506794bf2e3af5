"""`tag_items`: storage, re-run semantics, learning from corrections, suppression, progress, pool."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services import review
from annotator.services import tagging as service
from annotator.services.importing import import_paths
from annotator.store import annotations
from annotator.store.settings import set_setting
from annotator.tagging.base import RULES_VERSION


def autos(db, item_id=None):
    rows = [a for a in annotations.iter_all(db) if a["origin"] == "auto"]
    return [a for a in rows if item_id is None or a["item_id"] == item_id]


def test_suggestions_are_stored_as_auto_suggested_with_the_rules_version(sample_db):
    report = service.tag_items(sample_db, jobs=1)
    assert report.items == report.total == 12 and not report.failed and not report.cancelled
    rows = autos(sample_db)
    assert len(rows) == report.added > 100
    assert {r["state"] for r in rows} == {"suggested"}
    assert {r["rules_version"] for r in rows} == {RULES_VERSION}
    assert {r["kind"] for r in rows} >= {"speaker", "casualty", "date"}
    assert all(r["rule"] and r["confidence"] for r in rows)
    assert set(report.by_kind) == {r["kind"] for r in rows}


def test_rerun_adds_nothing_keeps_reviews_and_never_revives_rejections(sample_db):
    service.tag_items(sample_db, jobs=1)
    rows = autos(sample_db, 3)
    # a date: a rejected speaker or location context would (rightly) withdraw the same context elsewhere
    rejected = next(r for r in rows if r["kind"] == "date")
    accepted = next(r for r in rows if r is not rejected)
    review.reject(sample_db, rejected["id"], "tester")
    review.accept(sample_db, accepted["id"], "tester")
    before = {(a["id"], a["state"]) for a in annotations.iter_all(sample_db)}
    again = service.tag_items(sample_db, jobs=1)
    assert again.added == 0 and again.already_there > 100
    assert {(a["id"], a["state"]) for a in annotations.iter_all(sample_db)} == before


def test_manual_tags_are_never_touched_nor_duplicated(sample_db):
    body = sample_db.conn.execute("SELECT body FROM items WHERE id = 2").fetchone()[0]
    start = body.index("Nazir Hakim")
    review.add_tag(sample_db, 2, "speaker", start, start + len("Nazir Hakim"), "tester", {"name": "Nazir Hakim"})
    manual_before = [a for a in annotations.iter_all(sample_db) if a["origin"] == "manual"]
    report = service.tag_items(sample_db, item_ids=[2], jobs=1)
    assert report.beside_manual >= 1
    assert [a for a in annotations.iter_all(sample_db) if a["origin"] == "manual"] == manual_before
    speakers = [a for a in autos(sample_db, 2) if a["kind"] == "speaker"]
    assert speakers and all(a["end"] <= start or a["start"] >= start + len("Nazir Hakim") for a in speakers)


def test_only_requested_items_and_kinds(sample_db):
    report = service.tag_items(sample_db, item_ids=[10, 12, 999], kinds="casualty,date", jobs=1)
    assert report.total == 2
    rows = autos(sample_db)
    assert {r["item_id"] for r in rows} == {10, 12} and {r["kind"] for r in rows} == {"casualty", "date"}
    with pytest.raises(ValueError, match="unknown kind"):
        service.tag_items(sample_db, kinds="speakers")


def test_a_surface_is_suppressed_everywhere_only_past_the_rate_threshold(sample_db):
    service.tag_items(sample_db, item_ids=[3], kinds="speaker", jobs=1)
    seifs = [a for a in autos(sample_db, 3) if a["text"] == "Seif"]
    assert len(seifs) >= 2
    for a in seifs[:2]:
        review.reject(sample_db, a["id"], "tester")
    learned = service.build_context(sample_db).learned
    assert not learned.suppressed_everywhere("speaker", "seif")  # two rejections: below the minimum of three
    set_setting(sample_db, "suppress_min_rejections", "2")
    assert service.build_context(sample_db).learned.suppressed_everywhere("speaker", "seif")
    service.tag_items(sample_db, kinds="speaker", jobs=1)
    for item_id in (6, 7, 9):
        assert "Seif" not in {a["text"] for a in autos(sample_db, item_id)}


PAGE = """Coalition News
12 March 2018 In Coalition News

Raqqa is Being Slaughtered Silently reported that airstrikes hit the al-Badu neighbourhood, killing 12 civilians. Shelling also hit Qasr Ablaq.

(Source: Syrian Coalition’s Media Department)

11 March 2018 In Coalition News

Local activists said Raqqa is Being Slaughtered Silently warned on Sunday that families in the al-Badu neighbourhood are trapped. Dozens fled Qasr Ablaq.

(Source: Syrian Coalition’s Media Department)
"""


@pytest.fixture
def page_db(empty_db, tmp_path: Path):
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    assert not import_paths(empty_db, [tmp_path / "page.txt"], analyst="tester").failed
    return empty_db


def test_speaker_added_by_hand_is_found_in_the_next_run(page_db):
    service.tag_items(page_db, jobs=1)
    names = {a["attributes"].get("name") for a in autos(page_db) if a["kind"] == "speaker"}
    assert "Raqqa is Being Slaughtered Silently" not in names
    body = page_db.conn.execute("SELECT body FROM items WHERE id = 1").fetchone()[0]
    surface = "Raqqa is Being Slaughtered Silently"
    review.add_tag(page_db, 1, "speaker", body.index(surface), body.index(surface) + len(surface), "tester",
                   {"name": surface, "role": None, "organisation": None, "quote": None})
    service.tag_items(page_db, jobs=1)
    found = [a for a in autos(page_db, 2) if a["kind"] == "speaker"]
    assert [(a["text"], a["attributes"]["name"], a["rule"]) for a in found] == [
        (surface, surface, "speaker.learned")]


def test_location_added_by_hand_is_found_in_the_next_run(page_db):
    from annotator.tagging.pipeline import location_tagger_class

    if location_tagger_class() is None:
        pytest.skip("the location tagger is not installed")
    service.tag_items(page_db, jobs=1)
    assert not any("Ablaq" in a["text"] for a in autos(page_db) if a["kind"] == "location")
    body = page_db.conn.execute("SELECT body FROM items WHERE id = 1").fetchone()[0]
    start = body.index("Qasr Ablaq")  # an invented village: no gazetteer knows it
    review.add_tag(page_db, 1, "location", start, start + len("Qasr Ablaq"), "tester",
                   {"name": "Qasr Ablaq", "feature": "village", "country": "SY", "admin1": "Raqqa", "precision": 1})
    service.tag_items(page_db, jobs=1)
    found = [a for a in autos(page_db, 2) if a["kind"] == "location" and "Ablaq" in a["text"]]
    assert [a["attributes"]["name"] for a in found] == ["Qasr Ablaq"]


def test_pronouns_are_not_learned(sample_db):
    from annotator.services.learning import learnable

    assert not learnable("He") and not learnable("the council") and not learnable("it")
    assert learnable("Seif") and learnable("Raqqa is Being Slaughtered Silently")


def test_progress_and_cancel(sample_db, monkeypatch):
    monkeypatch.setattr(service, "BATCH", 4)
    seen: list[tuple[int, int]] = []
    report = service.tag_items(sample_db, jobs=1, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(4, 12), (8, 12), (12, 12)] and report.items == 12
    calls = []
    stopped = service.tag_items(sample_db, jobs=1, should_stop=lambda: calls.append(1) or len(calls) > 1)
    assert stopped.cancelled and stopped.items == 4


def test_a_failing_item_is_reported_and_the_rest_is_tagged(sample_db, monkeypatch):
    real = service.tag_item

    def flaky(body, item_date, kinds, context):
        if "sit-in" in body:
            raise RuntimeError("boom")
        return real(body, item_date, kinds, context)

    monkeypatch.setattr(service, "tag_item", flaky)
    report = service.tag_items(sample_db, jobs=1)
    assert [item_id for item_id, _ in report.failed] == [1] and report.items == 11
    assert "1 item failed" in report.summary()


def test_process_pool_gives_the_same_suggestions(sample_db, db_path, tmp_path, monkeypatch):
    from annotator.store import open_store
    from tests.conftest import SAMPLE_DATA

    monkeypatch.setattr(service, "BATCH", 3)
    other = open_store(tmp_path / "other.db")
    import_paths(other, [SAMPLE_DATA], analyst="tester")
    pooled = service.tag_items(sample_db, jobs=2)
    single = service.tag_items(other, jobs=1)
    assert pooled.jobs == 2 and single.jobs == 1 and pooled.added == single.added

    def key(db):
        return sorted((a["item_id"], a["kind"], a["start"], a["end"], str(a["attributes"])) for a in autos(db))

    assert key(sample_db) == key(other)
    other.close()
