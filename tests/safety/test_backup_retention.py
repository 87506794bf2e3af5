"""Backups sized to the store: none when nothing changed, retention by count and by disk."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from annotator.cli import main
from annotator.services import safety
from annotator.store import backup as backups
from annotator.store import items as item_store
from annotator.store.settings import set_setting


def change(db) -> None:  # noqa: ANN001
    item_id = db.conn.execute("SELECT min(id) FROM items").fetchone()[0]
    status = db.conn.execute("SELECT status FROM items WHERE id = ?", (item_id,)).fetchone()[0]
    item_store.set_status(db, item_id, "flagged" if status != "flagged" else "new", "rana")


def hours_later(n: int) -> datetime:
    return datetime.now(timezone.utc) + timedelta(hours=n, seconds=1)


def test_no_startup_or_import_backup_when_nothing_changed(sample_db, db_path) -> None:
    first = safety.startup_backup(sample_db, db_path)
    assert first is not None
    assert safety.startup_backup(sample_db, db_path, now=hours_later(2)) is None
    assert safety.backup_before_import(sample_db) == first  # the newest backup already holds it
    assert backups.list_backups(db_path) == [first]
    change(sample_db)
    assert not backups.unchanged_since(sample_db, first)
    newer = safety.backup_before_import(sample_db)
    assert newer != first and backups.backup_reason(newer) == "import"
    set_setting(sample_db, "reject_threshold", "3")  # a setting is content too
    assert not backups.unchanged_since(sample_db, newer)


def test_startup_backup_can_be_turned_off(sample_db, db_path, monkeypatch) -> None:
    monkeypatch.setenv(safety.STARTUP_ENV, "off")
    assert safety.startup_backup(sample_db, db_path) is None
    assert backups.list_backups(db_path) == []


def test_startup_backup_skipped_when_the_disk_is_too_full(sample_db, db_path, monkeypatch) -> None:
    monkeypatch.setattr(backups, "enough_space_for", lambda *a: False)
    assert safety.startup_backup(sample_db, db_path) is None
    assert backups.list_backups(db_path) == []


def test_retention_by_disk_keeps_the_newest_within_budget(sample_db, db_path, monkeypatch) -> None:
    monkeypatch.setenv(backups.KEEP_ENV, "10")
    made = []
    for _ in range(4):
        change(sample_db)
        made.append(safety.backup_now(sample_db, db_path))
    assert backups.list_backups(db_path) == made[::-1]  # the default budget (2x) is not reached
    size = made[-1].stat().st_size
    monkeypatch.setenv(backups.MAX_SIZE_ENV, f"{int(size * 2.5)}b")  # room for two
    change(sample_db)
    newest = safety.backup_now(sample_db, db_path)
    assert backups.list_backups(db_path) == [newest, made[-1]]
    monkeypatch.setenv(backups.MAX_SIZE_ENV, "1b")  # room for none: the newest stays anyway
    change(sample_db)
    only = safety.backup_now(sample_db, db_path)
    assert backups.list_backups(db_path) == [only]


def test_budget_from_setting_as_a_multiple_of_the_store(sample_db, db_path) -> None:
    set_setting(sample_db, backups.MAX_SIZE_SETTING, "0.5x")
    assert backups.max_bytes(db_path, sample_db) == backups.store_bytes(db_path) // 2
    assert backups.parse_max_size("20GB", 1) == 20 * 10**9
    assert backups.parse_max_size("3x", 100) == 300
    with pytest.raises(ValueError):
        backups.parse_max_size("lots", 1)
    set_setting(sample_db, backups.MAX_SIZE_SETTING, "lots")
    assert backups.max_size_text(sample_db) == backups.DEFAULT_MAX_SIZE  # unreadable: the default


def test_cli_list_shows_space_used(sample_db, db_path, capsys) -> None:
    assert main(["backup", "--list", "--db", str(db_path)]) == 0
    assert "0 backups using 0 bytes" in capsys.readouterr().out
    made = safety.backup_now(sample_db, db_path)
    assert main(["backup", "--list", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert str(made) in out
    assert "1 backup using" in out and "budget 2x" in out and "free on the disk" in out


def test_room_is_made_before_the_copy_so_the_budget_holds_throughout(sample_db, db_path, monkeypatch) -> None:
    monkeypatch.setenv(backups.KEEP_ENV, "10")
    change(sample_db)
    first = safety.backup_now(sample_db, db_path)
    change(sample_db)
    second = safety.backup_now(sample_db, db_path)
    store = backups.store_bytes(db_path)
    monkeypatch.setenv(backups.MAX_SIZE_ENV, f"{store + second.stat().st_size + 1000}b")  # the store's copy + one
    seen = []
    real_connect = backups.sqlite3.connect

    def watching(target, *a, **k):  # noqa: ANN001, ANN202
        if str(target).endswith("-manual.db"):  # the new copy is about to be written
            seen.append(backups.list_backups(db_path))
        return real_connect(target, *a, **k)

    monkeypatch.setattr(backups.sqlite3, "connect", watching)
    change(sample_db)
    third = safety.backup_now(sample_db, db_path)
    monkeypatch.undo()
    assert seen and first not in seen[0] and second in seen[0]
    assert backups.list_backups(db_path) == [third, second]
