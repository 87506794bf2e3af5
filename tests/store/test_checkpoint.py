"""Background checkpoints during a bulk import: the WAL is copied by a thread, nothing is lost."""

from __future__ import annotations

import sqlite3

from annotator.services import importing
from annotator.services.importing import import_paths
from annotator.store import checkpoint, open_store
from annotator.store import items as item_store
from annotator.store.checkpoint import BackgroundCheckpoints
from benchmarks.generate import write_corpus


def _traced_connect(seen: list[str]):
    real = checkpoint.connect

    def connect(path: str) -> sqlite3.Connection:
        conn = real(path)
        conn.set_trace_callback(seen.append)
        return conn

    return connect


def test_import_checkpoints_in_a_thread_and_restores_the_writer_setting(empty_db, tmp_path, monkeypatch):
    seen: list[str] = []
    monkeypatch.setattr(checkpoint, "connect", _traced_connect(seen))
    monkeypatch.setattr(importing, "BATCH_FILES", 3)
    empty_db.conn.execute("PRAGMA wal_autocheckpoint=777")
    write_corpus(tmp_path / "pages", 120, seed=6)  # 12 files, 4 batches
    report = import_paths(empty_db, [tmp_path / "pages"])
    assert report.items_added == 120
    assert any("wal_checkpoint(PASSIVE)" in s for s in seen)
    assert empty_db.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 777


def test_everything_committed_is_in_the_file_after_a_final_checkpoint(db_path, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "BATCH_FILES", 2)
    write_corpus(tmp_path / "pages", 90, seed=7)
    db = open_store(db_path)
    import_paths(db, [tmp_path / "pages"])
    db.close()  # the last connection: SQLite copies what is left and removes the WAL
    assert not db_path.with_name(db_path.name + "-wal").exists()
    reopened = open_store(db_path)
    assert item_store.count_items(reopened) == 90
    assert reopened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reopened.close()


def test_in_memory_store_needs_no_thread():
    from annotator.store import open_store

    db = open_store(":memory:")
    with BackgroundCheckpoints(db) as checkpoints:
        checkpoints.committed()
        assert checkpoints.thread is None
    db.close()
