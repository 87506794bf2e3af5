"""A search never waits for all of its hits: the first screen at once, the count and the rest
from a background thread; clearing it brings the whole list back from memory."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.services import browse


@pytest.fixture
def big_window(qtbot, tmp_path, settings, monkeypatch):
    """A window over 400 generated items, with the thresholds scaled down to that size: a
    search with 30 or more hits takes the many-hits path, a screen is 8 rows."""
    from annotator.ui import item_model
    from annotator.ui.app import create_window
    from benchmarks.generate import build_store

    monkeypatch.setenv("ANNOTATOR_BENCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(browse, "SEARCH_CAP", 30)
    monkeypatch.setattr(browse, "WALK_FIRST", 16)
    monkeypatch.setattr(item_model, "SCREEN_ROWS", 8)
    path = build_store(tmp_path / "big.db", 400, seed=31, tagged=True)
    win = create_window(path, "tester", settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.items.model.wait_for_loaders()
    yield win
    win.items.model.shutdown()


def search(window, text: str) -> None:  # noqa: ANN001
    window.items.filters.search.setText(text)
    window.items.filters.emit_filter()


def shown(model) -> list[int]:  # noqa: ANN001
    return [model.item_id(r) for r in range(model.rowCount())]


@pytest.mark.parametrize("descending", [False, True])
def test_broad_search_lists_a_first_screen_then_the_rest_in_display_order(big_window, qtbot, descending):
    window, model = big_window, big_window.items.model
    window.items.table.sortByColumn(0, Qt.DescendingOrder if descending else Qt.AscendingOrder)
    expected = browse.item_ids(window.session.db, browse.ItemFilter(search="regime"), "date", descending)
    assert len(expected) > 100
    search(window, "regime")
    first = shown(model)
    assert model.loading and model.total is None
    assert 8 <= len(first) < len(expected) and first == expected[: len(first)]
    assert window.session.view.id == first[0]  # the first hit is in the reader at once
    assert window.items.count.text().endswith("counting…")
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    assert shown(model) == expected and model.total == len(expected)
    assert window.items.count.text() == f"{len(expected):,} items match the filters"
    assert window.session.view.id == first[0]  # the selection stayed on the first hit


def test_the_count_is_shown_before_the_rest_is_listed(big_window, qtbot):
    window, model = big_window, big_window.items.model
    counts = []
    model.counted.connect(lambda: counts.append((model.total, model.loading, window.items.count.text())))
    search(window, "regime")
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    total = model.rowCount()
    assert counts and counts[0][0] == total and counts[0][1]
    assert counts[0][2] == f"{total:,} items match the filters, listing the rest…"


def test_few_hits_are_listed_whole_at_once(big_window):
    window, model = big_window, big_window.items.model
    name = window.session.db.conn.execute("SELECT text FROM annotations WHERE kind = 'speaker' LIMIT 1").fetchone()[0]
    expected = browse.item_ids(window.session.db, browse.ItemFilter(search=f'"{name}"'), "date", False)
    assert 0 < len(expected) < 30
    search(window, f'"{name}"')
    assert not model.loading and shown(model) == expected and model.total == len(expected)
    search(window, "nosuchwordanywhere")
    assert not model.loading and model.rowCount() == 0 and window.items.count.text() == "0 items match the filters"


def test_search_with_another_filter_walks_the_order_index(big_window, qtbot):
    window, model = big_window, big_window.items.model
    bar = window.items.filters
    bar.status.setCurrentIndex(bar.status.findData("new"))
    search(window, "civilians")
    f = browse.ItemFilter(search="civilians", status="new")
    expected = browse.item_ids(window.session.db, f, "date", False)
    first = shown(model)
    assert model.loading and first == expected[: len(first)] and len(first) >= 8
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    assert shown(model) == expected


def test_clearing_a_search_brings_back_the_whole_list_from_memory(big_window, qtbot):
    window, model = big_window, big_window.items.model
    everything = shown(model)
    assert len(everything) == 400
    search(window, "regime")
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    window.items.select_row(5)
    keep = window.items.current_id()
    search(window, "")
    assert not model.loading and shown(model) == everything  # no background read needed
    assert window.items.current_id() == keep and window.items.count.text() == "400 items"


def test_a_newer_search_wins_over_a_stale_background_result(big_window, qtbot):
    window, model = big_window, big_window.items.model
    search(window, "regime")
    model._load_rest(model._generation)  # its reader starts now ...
    search(window, "civilians")  # ... but another search replaces it
    model.wait_for_loaders()
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    assert shown(model) == browse.item_ids(window.session.db, browse.ItemFilter(search="civilians"), "date", False)


def test_far_item_is_found_from_the_display_ranks(big_window):
    window, model = big_window, big_window.items.model
    for descending in (False, True):
        window.items.table.sortByColumn(0, Qt.DescendingOrder if descending else Qt.AscendingOrder)
        last = model.item_id(model.rowCount() - 1)
        assert model.row_of(last) == model.rowCount() - 1
        assert window.select_item(last) and window.session.view.id == last


def test_a_slow_first_screen_gives_way_to_the_background_reader(big_window, qtbot, monkeypatch):
    window, model = big_window, big_window.items.model
    monkeypatch.setattr(browse, "FIRST_SCREEN_S", 0.0)  # no time at all for the first screen
    bar = window.items.filters
    bar.status.setCurrentIndex(bar.status.findData("reviewed"))
    search(window, "regime")
    assert model.loading and model.rowCount() == 0  # nothing yet, and the window did not wait
    assert window.items.count.text() == "0+ items match the filters, counting…"
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    expected = browse.item_ids(window.session.db, browse.ItemFilter(search="regime", status="reviewed"), "date", False)
    assert expected and shown(model) == expected
    assert window.session.view.id == expected[0]


def test_a_prefix_search_lists_its_first_screen_at_once(big_window, qtbot):
    """`negotiat*` is spelled out as the few words that start so: the window finds the first
    screen itself, without FTS5 merging every hit of those words first."""
    window, model = big_window, big_window.items.model
    search(window, "negotiat*")
    first = shown(model)
    expected = browse.item_ids(window.session.db, browse.ItemFilter(search="negotiat*"), "date", False)
    assert len(expected) > 30 and len(first) >= 8 and first == expected[: len(first)]
    assert window.session.view.id == expected[0]
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    assert shown(model) == expected


def test_a_broad_prefix_search_finds_even_its_first_screen_in_the_background(big_window, qtbot, monkeypatch):
    from annotator.store import listing

    window, model = big_window, big_window.items.model
    monkeypatch.setattr(listing, "WINDOW_WORDS", 1)  # more words start with "negotiat" than the window spells out
    firsts = []
    model.first_rows.connect(lambda: firsts.append(shown(model)))
    search(window, "negotiat*")
    assert model.loading and model.rowCount() == 0  # the window did not run the prefix query
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    expected = browse.item_ids(window.session.db, browse.ItemFilter(search="negotiat*"), "date", False)
    assert len(expected) > 30 and shown(model) == expected
    assert firsts and firsts[0] == expected[: len(firsts[0])]
    assert window.session.view.id == expected[0]
