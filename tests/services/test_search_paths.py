"""The search paths the item list uses give exactly what one SQL query in display order gives."""

from __future__ import annotations

import random
from array import array

import pytest

from annotator.services import browse
from annotator.store import listing


def test_id_lists_parse_across_slice_boundaries() -> None:
    rng = random.Random(5)
    ids = [rng.randint(1, 10**12) for _ in range(60_000)]  # ~800 KB of text: many slices
    assert listing._parse_ids(",".join(map(str, ids))) == array("q", ids)
    assert listing._parse_ids("7") == array("q", [7]) and listing._parse_ids(None) == array("q")


def test_in_display_order_keeps_the_order_and_only_the_hits() -> None:
    order = array("q", [5, 3, 9, 1, 7])
    assert list(browse.in_display_order(array("q", [1, 9, 5]), order, False)) == [5, 9, 1]
    assert list(browse.in_display_order(array("q", [1, 9, 5]), order, True)) == [1, 9, 5]
    assert list(browse.in_display_order(array("q"), order, False)) == []


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("query", ["coalition", "Seif", '"Riad Seif"', "regime Assad", "Raqq*", "nosuchword"])
def test_first_hits_are_the_start_of_the_full_list(sample_db, monkeypatch, descending, query) -> None:
    monkeypatch.setattr(browse, "SEARCH_CAP", 2)  # take the many-hits paths on 12 items
    monkeypatch.setattr(browse, "WALK_FIRST", 2)
    f = browse.ItemFilter(search=query)
    expected = browse.item_ids(sample_db, f, "date", descending)
    order = browse.all_ids_in_order(sample_db)
    assert list(order) == browse.item_ids(sample_db, None, "date", False)
    for walk_order in (order, None):  # the window walk, and the order-index probe
        first, complete = browse.first_search_hits(sample_db, f, descending, 3, walk_order)
        assert first == expected[: len(first)]
        assert complete == (len(expected) < 2)
        assert len(first) >= min(3, len(expected))
    assert list(browse.in_display_order(browse.search_hits(sample_db, query), order, descending)) == expected
    assert browse.count_matching(sample_db, f) == len(expected)


def test_search_with_other_filters(sample_db, monkeypatch) -> None:
    monkeypatch.setattr(browse, "SEARCH_CAP", 2)
    sample_db.conn.execute("UPDATE items SET status = 'reviewed' WHERE id % 3 = 0")
    f = browse.ItemFilter(search="coalition", status="reviewed")
    expected = browse.item_ids(sample_db, f, "date", False)
    assert expected
    first, complete = browse.first_search_hits(sample_db, f, False, 2)
    assert not complete and first == expected[: len(first)] and first
    assert browse.count_matching(sample_db, f) == len(expected)
    assert listing.first_ids_by_date_probing(sample_db, f, False, 2, seconds=0.0) in (None, expected[:2])


def test_highlights_of_plain_ascii_text_match_the_per_character_fold() -> None:
    body = "Riad SEIF said the Regime shelled Raqqa; the Syrian Coalition condemned it. Regime-held."
    for query in ("regime", "raqq*", '"syrian coalition"', "seif regime"):
        fast = browse.match_spans(body, query)
        slow = browse.match_spans(body + " é", query)  # a non-ASCII character: the per-character path
        assert fast == slow and fast, query


def test_highlights_of_accented_text_fold_each_character_as_the_index_does() -> None:
    """Non-ASCII bodies fold only their non-ASCII characters one by one; the result is the
    same as folding every character (the reference below), offsets included."""
    import unicodedata

    def reference(text: str) -> str:
        def fold(s: str) -> str:
            return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).casefold()

        return "".join((fold(ch) or ch)[:1] for ch in text)

    body = "Ḥalab: the RÉGIME shelled Dar‘a; Kafr Nubl and İdlib — «Ahrar al-Sham» said Straße. 𝔸 é"
    assert browse.fold_text(body) == reference(body) and len(browse.fold_text(body)) == len(body)
    spans = browse.match_spans(body, "regime halab")
    assert [body[a:b] for a, b in spans] == ["Ḥalab", "RÉGIME"]
    assert [body[a:b] for a, b in browse.match_spans(body, '"kafr nubl"')] == ["Kafr Nubl"]
    assert [body[a:b] for a, b in browse.match_spans(body, "idl*")] == ["İdlib"]
