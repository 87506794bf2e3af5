"""Integrity on open, rotating backups (start, import, migration, manual), restore."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.services import safety
from annotator.services.importing import import_paths
from annotator.ingest import read_document
from annotator.ingest.packed import pack
from annotator.store import StoreError, open_store, sources
from annotator.store import backup as backups
from annotator.store import items as item_store
from annotator.store.settings import set_setting
from tests.conftest import SAMPLE_DATA


def corrupt(path: Path) -> None:
    """Scribble over the start and middle of every few pages, as a failing disk or a bad copy would.

    The start holds each b-tree page's header, so the damage is found whatever the schema puts
    on those pages (scribbles only in a page's unused middle would go unnoticed).
    """
    data = bytearray(path.read_bytes())
    for off in range(4096 * 3, len(data) - 4096, 4096 * 4):
        data[off : off + 400] = b"\xff" * 400
    path.write_bytes(data)


def counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("sources", "items"))
    finally:
        conn.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_cli_backup_writes_a_private_consistent_copy(sample_db, db_path, capsys):
    assert main(["backup", "--db", str(db_path)]) == 0
    made = backups.list_backups(db_path)
    assert len(made) == 1 and backups.backup_reason(made[0]) == "manual"
    assert str(made[0]) in capsys.readouterr().out
    assert made[0].parent == db_path.parent / "store-backups"
    assert mode(made[0]) == 0o600 and mode(made[0].parent) == 0o700
    assert backups.integrity_status(made[0]) == "ok"
    assert counts(made[0]) == (2, 12)
    assert main(["backup", "--list", "--db", str(db_path)]) == 0
    assert "manual" in capsys.readouterr().out


def test_rotation_keeps_the_newest_n_from_env_then_setting(sample_db, db_path, monkeypatch):
    monkeypatch.setenv(backups.KEEP_ENV, "3")
    made = [safety.backup_now(sample_db, db_path) for _ in range(5)]
    assert backups.list_backups(db_path) == made[::-1][:3]
    monkeypatch.delenv(backups.KEEP_ENV)
    set_setting(sample_db, backups.KEEP_SETTING, "2")
    newest = safety.backup_now(sample_db, db_path)
    assert backups.list_backups(db_path) == [newest, made[-1]]
    assert backups.keep_count(sample_db) == 2


def test_startup_backup_at_most_once_an_hour_and_never_of_an_empty_store(empty_db, db_path):
    assert safety.startup_backup(empty_db, db_path) is None  # nothing to protect yet
    import_paths(empty_db, [SAMPLE_DATA])
    first = safety.startup_backup(empty_db, db_path)
    assert first is not None and backups.backup_reason(first) == "startup"
    assert safety.startup_backup(empty_db, db_path) is None
    later = backups.backup_time(first) + timedelta(hours=1, seconds=1)
    assert safety.startup_backup(empty_db, db_path, now=later) is None  # nothing changed since
    item_id = empty_db.conn.execute("SELECT min(id) FROM items").fetchone()[0]
    item_store.set_status(empty_db, item_id, "flagged", "rana")
    second = safety.startup_backup(empty_db, db_path, now=later)
    assert second is not None and second != first


def test_cli_start_takes_the_hourly_backup(sample_db, db_path, capsys):
    assert main(["stats", "--db", str(db_path)]) == 0
    assert main(["stats", "--db", str(db_path)]) == 0
    assert [backups.backup_reason(b) for b in backups.list_backups(db_path)] == ["startup"]


def test_import_backs_up_once_before_writing(sample_db, db_path, tmp_path, monkeypatch):
    from annotator.services import importing
    from benchmarks.generate import write_corpus

    monkeypatch.setattr(importing, "BATCH_FILES", 2)  # several batches, still one backup
    write_corpus(tmp_path / "more", 60, seed=8)
    report = import_paths(sample_db, [tmp_path / "more"])
    assert report.items_added == 60
    made = backups.list_backups(db_path)
    assert [backups.backup_reason(b) for b in made] == ["import"]
    assert counts(made[0]) == (2, 12)  # the store as it was before this import
    import_paths(sample_db, [tmp_path / "more"])  # all duplicates: nothing written, no backup
    assert len(backups.list_backups(db_path)) == 1


def test_upgrading_a_store_backs_it_up_and_keeps_the_index_in_step(db_path):
    """A store made by the first release (migration 0001 only) is backed up before 0002."""
    from sqlite_utils.migrations import Migrations

    import annotator.store.db as store_db
    from annotator.store.migrations import migrations

    first_release = Migrations("annotator")
    first_release._migrations = list(migrations._migrations[:1])
    original = store_db.migrations
    store_db.migrations = first_release
    try:
        old = open_store(db_path)
        for seed in sorted(SAMPLE_DATA.glob("*.txt")):  # one file at a time, as that release did:
            doc = pack(read_document(seed))  # plain inserts, its insert trigger indexing each item
            with old.conn:
                sid = old.conn.execute(  # the first schema's columns (0010 added origin, data, meta)
                    "INSERT INTO sources (path, name, sha256, size, raw, text, format, encoding, title, footer, "
                    "page_label, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2017-01-01')",
                    doc.source[:11]).lastrowid
                old.conn.executemany(sources.ITEM_INSERT, sources._item_rows(doc, sid, "2017-01-01"))
        old.close()
    finally:
        store_db.migrations = original
    db = open_store(db_path)
    made = backups.list_backups(db_path)
    assert [backups.backup_reason(b) for b in made] == ["migration"]
    assert counts(made[0]) == (2, 12)
    assert "fts_deferred" not in db.table_names()  # made by 0002, gone since 0004
    db.conn.execute("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)")
    assert item_store.item_ids(db, item_store.ItemFilter(search="Alashara"))


def test_damaged_store_names_the_newest_backup_and_how_to_restore(sample_db, db_path, capsys):
    newest = safety.backup_now(sample_db, db_path)
    sample_db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sample_db.close()
    corrupt(db_path)
    with pytest.raises(StoreError) as exc:
        open_store(db_path)
    assert str(newest) in str(exc.value) and f"annotator restore {newest}" in str(exc.value)
    with pytest.raises(SystemExit) as code:
        main(["stats", "--db", str(db_path)])
    assert code.value.code == 1
    err = capsys.readouterr().err
    assert "annotator restore" in err and str(newest) in err


def test_restore_keeps_the_current_store_then_replaces_it(sample_db, db_path, tmp_path, capsys):
    old = safety.backup_now(sample_db, db_path)
    from benchmarks.generate import write_corpus

    write_corpus(tmp_path / "more", 30, seed=1)
    import_paths(sample_db, [tmp_path / "more"])
    assert counts(db_path) == (5, 42)
    assert main(["restore", str(old), "--db", str(db_path)]) == 0
    assert "kept as" in capsys.readouterr().out
    assert counts(db_path) == (2, 12)
    kept = [b for b in backups.list_backups(db_path) if backups.backup_reason(b) == "before-restore"]
    assert len(kept) == 1 and counts(kept[0]) == (5, 42)
    assert mode(db_path) == 0o600
    # The window's open connection sees the restored store, and it still works.
    assert item_store.count_items(sample_db) == 12
    db = open_store(db_path)
    import_paths(db, [tmp_path / "more"])
    assert counts(db_path) == (5, 42)


def test_restore_refuses_a_damaged_or_foreign_backup_and_touches_nothing(sample_db, db_path, tmp_path, capsys):
    bad = safety.backup_now(sample_db, db_path)
    corrupt(bad)
    foreign = tmp_path / "other.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    before = db_path.read_bytes()
    for candidate in (bad, foreign):
        assert main(["restore", str(candidate), "--db", str(db_path)]) == 1
        err = capsys.readouterr().err
        assert "refused" in err and "not touched" in err
    assert main(["restore", str(tmp_path / "missing.db"), "--db", str(db_path)]) == 1
    assert db_path.read_bytes() == before
    assert [backups.backup_reason(b) for b in backups.list_backups(db_path)] == ["manual"]


def test_restore_over_a_damaged_store_sets_it_aside(sample_db, db_path, capsys):
    good = safety.backup_now(sample_db, db_path)
    sample_db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sample_db.close()
    corrupt(db_path)
    damaged_bytes = db_path.read_bytes()
    assert main(["restore", str(good), "--db", str(db_path)]) == 0
    assert "moved aside" in capsys.readouterr().out
    aside = list((db_path.parent / "store-backups").glob("*-damaged.db"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes
    assert counts(db_path) == (2, 12)
    open_store(db_path).close()


def test_restoring_the_oldest_backup_survives_rotation(sample_db, db_path, monkeypatch):
    monkeypatch.setenv(backups.KEEP_ENV, "2")
    oldest = safety.backup_now(sample_db, db_path)
    safety.backup_now(sample_db, db_path)
    result = safety.restore(oldest, db_path)
    assert result.restored_from == oldest and oldest.exists()
    assert counts(db_path) == (2, 12)


def test_restore_into_a_missing_store_creates_it_private(sample_db, db_path, tmp_path):
    good = safety.backup_now(sample_db, db_path)
    target = tmp_path / "new" / "fresh.db"
    result = safety.restore(good, target)
    assert result.previous is None and counts(target) == (2, 12) and mode(target) == 0o600


def test_no_import_without_a_backup_first(sample_db, db_path, tmp_path, monkeypatch):
    from annotator.services import importing
    from benchmarks.generate import write_corpus

    def full_disk(db):  # noqa: ANN001
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importing, "backup_before_import", full_disk)
    write_corpus(tmp_path / "more", 20, seed=3)
    report = import_paths(sample_db, [tmp_path / "more"])
    assert [f.status for f in report.files] == ["failed", "failed"]
    assert "could not back up the store first" in report.files[0].message
    assert counts(db_path) == (2, 12)
