"""Annotation ids are never reused (migration 0005), and the rebuild keeps every row and note."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

import annotator.store.db as store_db
from annotator.store import annotations, notes, open_store
from annotator.store.migrations import migrations


def _tag(db, item_id=1, start=0, end=5, **extra):
    fields = {"origin": "manual", "state": "accepted", "analyst": "alice", **extra}
    return annotations.insert(db, item_id=item_id, kind="location", start=start, end=end, text="x" * (end - start),
                              **fields)


def test_a_deleted_id_is_not_given_to_the_next_tag_and_undo_restores_it(sample_db):
    first = _tag(sample_db)
    last = _tag(sample_db, start=6, end=9)
    deleted = annotations.delete(sample_db, last, "alice")
    newer = _tag(sample_db, start=10, end=12)
    assert newer > last > first
    # undo of the delete re-creates the tag under its old id, beside the newer one
    restored = annotations.insert(sample_db, annotation_id=last, **{
        k: deleted[k] for k in ("item_id", "kind", "start", "end", "text", "attributes", "origin", "state",
                                "analyst")})
    assert restored == last
    assert annotations.get(sample_db, newer)["start"] == 10


def _old_tag(db, item_id, start, end, attributes="{}"):
    """A tag written as the release before 0005 did (no export_json column yet)."""
    with db.conn:
        return db.conn.execute(
            'INSERT INTO annotations (item_id, kind, start, "end", text, attributes, origin, state, analyst, created, '
            "updated) VALUES (?, 'location', ?, ?, 'x', ?, 'manual', 'accepted', 'alice', 'then', 'then')",
            (item_id, start, end, attributes)).lastrowid


def _old_store(path):
    """A store with the migrations before 0005 only (annotation ids reusable)."""
    before = Migrations("annotator")
    before._migrations = [m for m in migrations._migrations if m.name < "0005"]
    original = store_db.migrations
    store_db.migrations = before
    try:
        return open_store(path)
    finally:
        store_db.migrations = original


def old_import(db, folder):
    """Store the pages of `folder` as the importer of the first schema did (its columns only):
    today's importer writes columns later migrations added."""
    from annotator.ingest import find_documents, read_document
    from annotator.ingest.packed import pack

    files, _ = find_documents([folder])
    with db.conn:
        for path in files:
            doc = pack(read_document(path))
            sid = db.conn.execute(
                "INSERT INTO sources (path, name, sha256, size, raw, text, format, encoding, title, footer, page_label, "
                "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'then')", doc.source[:11]).lastrowid
            text = doc.offsets_text
            db.conn.executemany(
                'INSERT INTO items (source_id, position, date, category, title, body, attribution, start, "end", '
                "body_start, body_end, content_hash, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new')",
                [(sid, *it[:5], text[it[7]:it[8]], *it[5:10]) for it in doc.items])
        db.conn.execute("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")


def test_upgrade_rebuilds_annotations_keeping_rows_indexes_and_notes(tmp_path):
    from tests.conftest import SAMPLE_DATA

    path = tmp_path / "old.db"
    db = _old_store(path)
    old_import(db, SAMPLE_DATA)
    kept = _old_tag(db, 2, 0, 5, '{"name": "Idlib"}')
    gone = _old_tag(db, 2, 7, 9)
    note = notes.insert(db, item_id=2, annotation_id=kept, analyst="alice", text="seen on video")
    annotations.delete(db, gone, "alice")  # the largest id, deleted: the old table would reuse it
    before = db.conn.execute("SELECT * FROM annotations ORDER BY id").fetchall()
    columns = len(before[0])
    indexes = sorted(r[0] for r in db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'annotations' AND sql IS NOT NULL"))
    db.close()

    db = open_store(path)  # applies 0005
    sql = db.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'annotations'").fetchone()[0]
    assert "AUTOINCREMENT" in sql
    after = db.conn.execute("SELECT * FROM annotations ORDER BY id").fetchall()
    assert [row[:columns] for row in after] == before  # (0006 adds export_json after them)
    assert sorted(r[0] for r in db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'annotations' AND sql IS NOT NULL")) == indexes
    assert notes.get(db, note)["annotation_id"] == kept  # the note on the tag survived the rebuild
    assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert _tag(db, item_id=3) > gone  # the deleted id, known from history, is not handed out again
    # and foreign keys still act on the rebuilt table
    annotations.delete(db, kept, "alice")
    assert notes.get(db, note) is None
    db.close()
