"""The two seed pages parse exactly: item counts, dates, body boundaries, attributions, offsets."""

from __future__ import annotations

from annotator.ingest import read_document
from tests.conftest import SAMPLE_DATA

SEED_000 = SAMPLE_DATA / "000_6720e4193d8a9e1f.txt"
SEED_002 = SAMPLE_DATA / "002_6fdac533d53b9835.txt"


def test_seed_000_has_four_items_of_17_may():
    doc = read_document(SEED_000)
    assert [it.date for it in doc.page.items] == ["2017-05-17"] * 4
    assert doc.page.title == "Coalition News"
    assert "Items filtered by date: Wednesday, 17 May 2017" in doc.page.footer


def test_seed_002_has_eight_items_in_order():
    doc = read_document(SEED_002)
    assert [it.date for it in doc.page.items] == [
        "2017-10-11", "2017-10-10", "2017-10-07", "2017-10-07",
        "2017-10-06", "2017-10-05", "2017-10-04", "2017-10-02",
    ]
    assert doc.page.page_label == "Page 3 of 3"


def test_bodies_start_and_end_at_the_right_words():
    first = read_document(SEED_000).page.items
    assert first[0].body.startswith("Syrian activists on Wednesday held a sit-in")
    assert first[0].body.endswith("about 50 bodies are burnt every day inside the facility.")
    assert first[3].body.startswith("The Syrian Coalition said that the main goal")
    assert first[3].body.endswith("crimes committed against the Syrian people.")
    second = read_document(SEED_002).page.items
    assert second[0].body.startswith("President of the Syrian Coalition Riad Seif sent a memorandum")
    assert second[0].body.endswith("and the city of Raqqa in particular.")
    assert second[-1].body.startswith("The Syrian Coalition condemned the attacks on civilians")
    assert second[-1].body.endswith("to ensure reparations for the victims.")


def test_footer_and_attribution_never_in_body():
    for path in (SEED_000, SEED_002):
        for it in read_document(path).page.items:
            assert "(Source:" not in it.body
            assert "Page 3 of 3" not in it.body
            assert "Items filtered by date" not in it.body
            assert "In Coalition News" not in it.body
            assert it.category == "Coalition News"


def test_attribution_with_missing_parenthesis_is_still_cut():
    items = read_document(SEED_002).page.items
    assert items[0].attribution == "Syrian Coalition’s Media Department"
    assert all(it.attribution == "Syrian Coalition’s Media Department" for it in items)


def test_offsets_point_into_the_raw_text():
    for path in (SEED_000, SEED_002):
        doc = read_document(path)
        for it in doc.page.items:
            assert doc.raw[it.body_start : it.body_end] == it.body
            chunk = doc.raw[it.start : it.end]
            assert chunk.startswith(it.date[-2:] + " ") or chunk[:2].isdigit()
            assert it.body in chunk
            assert chunk.rstrip().endswith(("Department)", "Department"))


def test_sha256_is_of_the_raw_bytes():
    import hashlib

    doc = read_document(SEED_002)
    assert doc.sha256 == hashlib.sha256(SEED_002.read_bytes()).hexdigest()
    assert doc.encoding == "utf-8"
