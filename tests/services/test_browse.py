"""The list queries the window uses: filters, sort keys, item view, progress, place completion."""

from __future__ import annotations

from annotator.services import browse, places, review
from annotator.store import annotations, items


def test_sort_by_counts_and_filters(sample_db):
    body = items.get_item(sample_db, 5)["body"]
    start = body.index("Riad Seif")
    annotations.insert_many_suggestions(sample_db, [
        {"item_id": 5, "kind": "speaker", "start": start, "end": start + 9, "text": "Riad Seif", "rule": "t"}])
    ids = browse.item_ids(sample_db, sort="suggested", descending=True)
    assert len(ids) == 12 and ids[0] == 5
    assert browse.item_ids(sample_db, browse.ItemFilter(unreviewed=True)) == [5]
    assert browse.item_ids(sample_db, browse.ItemFilter(speaker="riad seif")) == [5]
    assert len(browse.item_ids(sample_db, browse.ItemFilter(search="Raqqa"))) >= 1
    assert browse.list_rows(sample_db, [5])[5]["suggested"] == 1
    review.set_item_status(sample_db, 5, "reviewed", "ana")
    assert browse.progress(sample_db) == (1, 12)
    view = browse.load_item(sample_db, 5)
    assert view.tags[0]["text"] == "Riad Seif" and view.item["source_name"].endswith(".txt")


def test_place_completion_fills_coordinates(sample_db):
    entry = places.lookup(sample_db, "Damascus (SY)")
    assert entry["country"] == "SY" and 33 < entry["lat"] < 34 and entry["feature"] == "city"
    assert places.lookup(sample_db, "Syria (country)")["feature"] == "country"
