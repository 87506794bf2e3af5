"""The export's read-ahead finds, from interior pages alone, every leaf page that holds the rows
of an item range (checked against the leaves themselves, read through SQLite's dbstat), and a
damaged or changed file never makes it raise."""

from __future__ import annotations

import sqlite3
import struct

import pytest
import sqlite_utils

from annotator.store.prefetch import Prefetcher

ITEMS, TAGS_PER_ITEM = 1500, 12


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """Tables shaped like the store's (deep enough for three levels): tags added item by item,
    then a few more for early items (ids no longer rising with items)."""
    path = tmp_path_factory.mktemp("prefetch") / "store.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE items (id INTEGER PRIMARY KEY, body TEXT);"
        "CREATE TABLE annotations (id INTEGER PRIMARY KEY, item_id INTEGER, start INTEGER, export_json TEXT);"
        "CREATE INDEX idx_ann_item ON annotations(item_id, start);")
    conn.executemany("INSERT INTO items VALUES (?, ?)", ((i, f"item {i} " + "x" * (1400 + i % 600)) for i in
                                                          range(1, ITEMS + 1)))
    conn.executemany("INSERT INTO annotations (item_id, start, export_json) VALUES (?, ?, ?)",
                     ((i, s * 7, "{" + "y" * 150 + "}") for i in range(1, ITEMS + 1) for s in range(TAGS_PER_ITEM)))
    conn.executemany("INSERT INTO annotations (item_id, start, export_json) VALUES (?, ?, ?)",
                     ((i, 3, "{late}") for i in range(1, 40, 3)))
    conn.commit()
    conn.close()
    return path


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[pos + i]
        if i == 8:
            return (value << 8) | byte, pos + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos + i + 1
    raise AssertionError


def leaf_keys(path, name: str) -> dict[int, tuple[int, int]]:
    """Each leaf page of b-tree `name`: (lowest, highest) rowid (tables) or item_id (the index),
    read from the leaf pages themselves."""
    conn = sqlite3.connect(path)
    pages = [p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", [name])]
    conn.close()
    out = {}
    with open(path, "rb") as fh:
        for number in pages:
            fh.seek((number - 1) * 4096)
            data = fh.read(4096)
            count = struct.unpack_from(">H", data, 3)[0]
            keys = []
            for offset in struct.unpack_from(f">{count}H", data, 8):
                _, pos = _varint(data, offset)  # payload size
                if name == "idx_ann_item":
                    header, body = _varint(data, pos)[0], pos
                    serial = _varint(data, pos + 1)[0]
                    size = {1: 1, 2: 2, 8: 0, 9: 0}[serial]  # 8 and 9: the integers 0 and 1, no bytes
                    value = int.from_bytes(data[body + header:body + header + size], "big")
                    keys.append(serial - 8 if serial in (8, 9) else value)
                else:
                    keys.append(_varint(data, pos)[0])
            out[number] = (min(keys), max(keys))
    return out


@pytest.mark.parametrize("name", ["items", "annotations", "idx_ann_item"])
def test_the_leaves_found_hold_every_row_of_the_range(store, name):
    leaves = leaf_keys(store, name)
    prefetch = Prefetcher(str(store), sqlite_utils.Database(sqlite3.connect(store)))
    try:
        assert prefetch._depth(prefetch.roots[name]) >= (1 if name == "idx_ann_item" else 2)  # levels, not one page
        for low, high in ((1, 1), (1, 200), (700, 731), (1400, None), (None, 5)):
            found: list[int] = []
            prefetch._leaves(prefetch.roots[name], low, high, found)
            needed = {page for page, (first, last) in leaves.items()
                      if (high is None or first <= high) and (low is None or last >= low)}
            assert needed <= set(found), (low, high)
            assert len(set(found) & set(leaves)) <= len(needed) + 2  # the range's leaves, not the whole tree
    finally:
        prefetch.close()


def test_tag_ids_follow_the_items_or_are_read_from_the_range(store, tmp_path):
    db = sqlite_utils.Database(sqlite3.connect(store))
    prefetch = Prefetcher(str(store), db)
    try:
        first_tag = (100 - 1) * TAGS_PER_ITEM + 1
        assert prefetch._tag_ids(100, 200) == (first_tag, first_tag + 100 * TAGS_PER_ITEM - 1)
        last = db.conn.execute("SELECT min(id), max(id) FROM annotations WHERE item_id >= 1400").fetchone()
        assert prefetch._tag_ids(1400, None) == tuple(last)
        assert prefetch._tag_ids(ITEMS + 1, None) is None
        prefetch.hint_items(100, 300)
        assert prefetch.hinted > 0
    finally:
        prefetch.close()
    # tags of a later item added first: the next range's first tag has a lower id than this one's
    path = tmp_path / "reversed.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE items (id INTEGER PRIMARY KEY, body TEXT);"
        "CREATE TABLE annotations (id INTEGER PRIMARY KEY, item_id INTEGER, start INTEGER, export_json TEXT);"
        "CREATE INDEX idx_ann_item ON annotations(item_id, start);"
        "INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c');"
        "INSERT INTO annotations (item_id, start) VALUES (3, 0), (3, 5), (1, 0), (2, 0), (2, 4), (2, 9);")
    conn.commit()
    prefetch = Prefetcher(str(path), sqlite_utils.Database(conn))
    try:
        assert prefetch._tag_ids(2, 3) == (4, 6)
    finally:
        prefetch.close()


def test_a_damaged_page_gives_a_smaller_hint_never_an_error(store, tmp_path):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(store.read_bytes())
    conn = sqlite3.connect(damaged)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'annotations'").fetchone()[0]
    conn.close()
    with open(damaged, "r+b") as fh:  # the tags' root page overwritten: its children cannot be found
        fh.seek((root - 1) * 4096)
        fh.write(b"\xff" * 4096)
    prefetch = Prefetcher(str(damaged), sqlite_utils.Database(sqlite3.connect(store)))
    try:
        prefetch.hint_items(1, 500)  # no exception
        found: list[int] = []
        with pytest.raises(ValueError):
            prefetch._leaves(root, 1, 500, found)
    finally:
        prefetch.close()


def test_a_store_without_the_tables_has_no_prefetcher(tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(ValueError):
        Prefetcher(str(path), sqlite_utils.Database(sqlite3.connect(path)))


def test_pages_are_asked_for_in_runs(store, monkeypatch):
    calls: list[tuple[int, int]] = []
    monkeypatch.setattr("os.posix_fadvise", lambda fd, offset, length, advice: calls.append((offset, length)))
    prefetch = Prefetcher(str(store), sqlite_utils.Database(sqlite3.connect(store)))
    try:
        prefetch._advise([9, 3, 4, 5, 12, 11, 10, 1, 4])
    finally:
        prefetch.close()
    assert calls == [(0, 4096), (2 * 4096, 3 * 4096), (8 * 4096, 4 * 4096)]  # pages 1 | 3-5 | 9-12
    assert prefetch.hinted == 8
