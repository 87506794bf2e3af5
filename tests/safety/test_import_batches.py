"""Batched import: one transaction per batch, a savepoint per file, FTS filled once per batch."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.services import importing
from annotator.services.importing import import_paths
from annotator.store import items as item_store
from annotator.store import sources
from benchmarks.generate import generate_items, write_corpus


def fts_in_step(db) -> bool:
    """FTS5's own check of an external-content index against `items`."""
    try:
        db.conn.execute("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return db.conn.execute("SELECT count(*) FROM items_fts").fetchone()[0] == item_store.count_items(db)


def test_batches_store_every_item_in_file_order_with_fts_in_step(empty_db, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "BATCH_FILES", 7)  # several batches, the last one partial
    files = write_corpus(tmp_path / "pages", 230, seed=4)
    seen = []
    report = import_paths(empty_db, [tmp_path / "pages"], progress=lambda n, total, r: seen.append((n, r.path)))
    assert [r.path for r in report.files] == [str(f) for f in files] == [p for _, p in seen]
    assert [n for n, _ in seen] == list(range(1, len(files) + 1))
    assert report.items_added == item_store.count_items(empty_db) == 230
    assert fts_in_step(empty_db)
    body = next(generate_items(1, seed=4)).body
    word = body.split()[3].strip(",.“”\"")
    assert item_store.item_ids(empty_db, item_store.ItemFilter(search=word))
    # History: one import row per source.
    assert empty_db.conn.execute("SELECT count(*) FROM history WHERE action = 'import'").fetchone()[0] == len(files)


def test_single_inserts_after_a_batch_still_reach_the_index(empty_db, tmp_path):
    write_corpus(tmp_path / "a", 20, seed=1)
    import_paths(empty_db, [tmp_path / "a"])
    from annotator.ingest import parse_bytes
    from benchmarks.generate import generate_pages

    name, text = next(generate_pages(3, seed=9))
    sources.insert_document(empty_db, parse_bytes(text.encode(), name))  # the per-row trigger path
    assert item_store.count_items(empty_db) == 23
    assert fts_in_step(empty_db)


def test_a_file_failing_in_a_batch_leaves_nothing_and_the_others_land(empty_db, tmp_path, monkeypatch):
    files = write_corpus(tmp_path / "pages", 50, seed=2)
    bad = str(files[2])
    real_record = sources.record

    def failing_record(db, **entry):  # the source and item rows are written, then this fails
        if entry["after"]["path"] == bad:
            raise sqlite3.OperationalError("disk I/O error")
        return real_record(db, **entry)

    real_all = sources._insert_all

    def all_fails(db, docs, analyst):  # the fast path writes part of the batch, then fails
        real_all(db, docs[:3], analyst)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(sources, "record", failing_record)
    monkeypatch.setattr(sources, "_insert_all", all_fails)
    report = import_paths(empty_db, [tmp_path / "pages"])
    statuses = [f.status for f in report.files]
    assert statuses.count("failed") == 1 and report.files[2].status == "failed"
    assert "disk I/O error" in report.files[2].message
    assert sources.source_by_sha(empty_db, __import__("hashlib").sha256(files[2].read_bytes()).hexdigest()) is None
    assert item_store.count_items(empty_db) == 50 - 10
    assert fts_in_step(empty_db)


def test_same_file_twice_in_one_run_is_a_duplicate(empty_db, tmp_path):
    files = write_corpus(tmp_path / "pages", 10, seed=3)
    (tmp_path / "pages" / "copy.txt").write_bytes(files[0].read_bytes())
    report = import_paths(empty_db, [tmp_path / "pages"])
    assert sorted(f.status for f in report.files) == ["duplicate", "imported"]
    assert item_store.count_items(empty_db) == 10


@pytest.mark.parametrize("stop_after", [0, 3])
def test_cancel_keeps_what_was_read_and_stores_no_half_file(empty_db, tmp_path, stop_after):
    write_corpus(tmp_path / "pages", 100, seed=5)
    calls = []

    def should_stop():
        calls.append(1)
        return len(calls) > stop_after

    report = import_paths(empty_db, [tmp_path / "pages"], should_stop=should_stop)
    assert report.cancelled
    assert item_store.count_items(empty_db) == 10 * stop_after == report.items_added
    assert fts_in_step(empty_db)
