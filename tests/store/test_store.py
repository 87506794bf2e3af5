"""Store: migrations, WAL, re-open, idempotent import, offsets kept, FTS in step."""

from __future__ import annotations

import os
import stat

from annotator.services.importing import import_paths
from annotator.store import items as item_store
from annotator.store import open_store, sources
from annotator.store.backup import list_backups
from annotator.store.migrations import migrations
from tests.conftest import SAMPLE_DATA


def test_migrations_on_an_empty_file_and_on_reopen(db_path):
    db = open_store(db_path)
    assert {"sources", "items", "items_fts", "annotations", "notes", "history", "aliases"} <= set(db.table_names())
    assert migrations.pending(db) == []
    db.close()
    db = open_store(db_path)
    assert migrations.pending(db) == []
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_store_file_is_private(db_path):
    open_store(db_path).close()
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600


def test_backup_is_taken_before_upgrading_an_existing_store(db_path):
    from sqlite_utils.migrations import Migrations

    db = open_store(db_path)
    extra = Migrations("annotator")
    extra._migrations = list(migrations._migrations)

    @extra(name="9999_test_column")
    def add_column(d):
        d.execute("CREATE TABLE upgrade_probe (x INTEGER)")

    import annotator.store.db as store_db

    original = store_db.migrations
    store_db.migrations = extra
    try:
        applied = store_db.apply_migrations(db, str(db_path))
    finally:
        store_db.migrations = original
    assert applied == ["9999_test_column"]
    backups = list_backups(db_path)
    assert backups and "migration" in backups[0].name


def test_import_keeps_raw_text_offsets_and_is_idempotent(sample_db):
    assert item_store.count_items(sample_db) == 12
    for src in sources.list_sources(sample_db):
        full = sources.get_source(sample_db, src["id"])
        raw_bytes = (SAMPLE_DATA / src["name"]).read_bytes()
        assert full["raw"] == raw_bytes.decode("utf-8")
        for item_id in item_store.item_ids(sample_db, item_store.ItemFilter(source_id=src["id"])):
            item = item_store.get_item(sample_db, item_id)
            assert full["raw"][item["body_start"] : item["body_end"]] == item["body"]
            assert item["body"] in full["raw"][item["start"] : item["end"]]
    report = import_paths(sample_db, [SAMPLE_DATA])
    assert [f.status for f in report.files] == ["duplicate", "duplicate"]
    assert item_store.count_items(sample_db) == 12


def test_fts_search_finds_items_and_survives_syntax(sample_db):
    ids = item_store.item_ids(sample_db, item_store.ItemFilter(search="Alashara"))
    assert len(ids) == 1
    assert item_store.get_item(sample_db, ids[0])["date"] == "2017-10-05"
    assert item_store.item_ids(sample_db, item_store.ItemFilter(search='"Riad Seif"'))
    # FTS5 operators and stray quotes are taken as plain words, never as query syntax
    syntax = item_store.item_ids(sample_db, item_store.ItemFilter(search='AND OR ( " *'))
    plain = item_store.item_ids(sample_db, item_store.ItemFilter(search="and or"))
    assert syntax == plain and plain


def test_filters_and_status_change_with_history(sample_db):
    ids = item_store.item_ids(sample_db, item_store.ItemFilter(date_from="2017-10-05", date_to="2017-10-07"))
    assert len(ids) == 4
    before = item_store.set_status(sample_db, ids[0], "flagged", "tester")
    assert before == "new"
    assert item_store.item_ids(sample_db, item_store.ItemFilter(status="flagged")) == [ids[0]]
    from annotator.store.history import for_item

    (entry,) = [h for h in for_item(sample_db, ids[0]) if h["action"] == "status"]
    assert entry["analyst"] == "tester"
