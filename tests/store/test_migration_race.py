"""A migration that another process finished while this one waited for the write lock changes nothing."""

from __future__ import annotations

from annotator.store import migrations as store_migrations
from annotator.store import open_store


def test_single_reports_upgrade_done_by_another_process_meanwhile_is_left_alone(db_path, monkeypatch):
    db = open_store(db_path)  # fully migrated, as the other process left it
    schema = db.conn.execute("SELECT group_concat(sql, ';') FROM sqlite_master").fetchone()[0]
    real = store_migrations._has_column
    calls: list[tuple] = []

    def stale_first_look(*args):
        """The look before the write lock still saw the old store; later looks see the store as it is."""
        calls.append(args)
        return False if len(calls) == 1 else real(*args)

    monkeypatch.setattr(store_migrations, "_has_column", stale_first_look)
    store_migrations.single_reports(db)  # before the fix: RuntimeError 'unexpected table definition'
    assert len(calls) == 2
    assert db.conn.execute("SELECT group_concat(sql, ';') FROM sqlite_master").fetchone()[0] == schema
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()
