"""Sources and their items: written together, one file never half stored."""

from __future__ import annotations

import sqlite3
from typing import Any

import sqlite_utils

from annotator.ingest import Document
from annotator.ingest.packed import PackedDocument, pack
from annotator.store.clock import now
from annotator.store.db import write_tx
from annotator.store.history import record, record_many
from annotator.store.rows import dicts, inserted_id, one

SOURCE_INSERT = (
    "INSERT INTO sources (id, path, name, sha256, size, raw, text, format, encoding, title, footer, "
    "page_label, origin, data, meta, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# A single report's own columns (ARTICLE_FIELDS), set after its row is inserted: listing items,
# the bulk of every large import, leave them NULL and are inserted exactly as before.
PARTS_UPDATE = ("UPDATE items SET layout = ?, outlet = ?, byline = ?, dateline = ?, date_line = ?, date_line_no = ?, "
                "date_rule = ?, needs_date = ? WHERE source_id = ? AND position = ?")
ITEM_COLUMNS = ('source_id, position, date, category, title, body, attribution, start, "end", body_start, body_end, '
                "content_hash, status, updated")
ITEM_INSERT = f"INSERT INTO items ({ITEM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


def source_by_sha(db: sqlite_utils.Database, sha256: str) -> dict[str, Any] | None:
    return one(db.conn.execute("SELECT id, path, name, sha256 FROM sources WHERE sha256 = ?", (sha256,)))


def stored_shas(db: sqlite_utils.Database, sha256s: list[str]) -> set[str]:
    """Which of these file hashes are already in the store."""
    found: set[str] = set()
    for at in range(0, len(sha256s), 500):  # well under SQLite's limit on bound values
        chunk = sha256s[at:at + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(row[0] for row in db.conn.execute(f"SELECT sha256 FROM sources WHERE sha256 IN ({marks})",
                                                       chunk))
    return found


def get_source(db: sqlite_utils.Database, source_id: int) -> dict[str, Any] | None:
    return one(db.conn.execute("SELECT * FROM sources WHERE id = ?", (source_id,)))


def source_text(source: dict[str, Any]) -> str:
    """The text that item offsets point into (extracted text for HTML sources)."""
    return source["text"] if source.get("text") is not None else source["raw"]


def _packed(doc: Document | PackedDocument) -> PackedDocument:
    return doc if isinstance(doc, PackedDocument) else pack(doc)


def _source_row(doc: PackedDocument, source_id: int | None, stamp: str) -> tuple:
    return (source_id, *doc.source, stamp)


def _item_rows(doc: PackedDocument, source_id: int, stamp: str) -> list[tuple]:
    text = doc.offsets_text
    return [
        (source_id, position, date, category, title, text[body_start:body_end], attribution, start, end,
         body_start, body_end, content_hash, "new", stamp)
        for position, date, category, title, attribution, start, end, body_start, body_end, content_hash, _parts
        in doc.items
    ]


def _set_parts(db: sqlite_utils.Database, docs: list[tuple[PackedDocument, int]]) -> None:
    rows = [(*item[10], source_id, item[0]) for doc, source_id in docs for item in doc.items if item[10] is not None]
    if rows:
        db.conn.executemany(PARTS_UPDATE, rows)


def _history_entry(doc: PackedDocument, source_id: int, analyst: str | None) -> dict[str, Any]:
    return {
        "analyst": analyst, "action": "import", "table": "sources", "row_id": source_id, "item_id": None,
        "after": {"path": doc.source.path, "sha256": doc.source.sha256, "items": len(doc.items),
                  "encoding": doc.source.encoding, **({"origin": doc.source.origin}
                                                      if doc.source.origin != "file" else {})},
    }


def insert_document(db: sqlite_utils.Database, doc: Document | PackedDocument,
                    analyst: str | None = None) -> tuple[int, int]:
    """Store a parsed document and its items atomically. Returns (source id, items added)."""
    doc = _packed(doc)
    stamp = now()
    with write_tx(db):
        after = _last_item_id(db)
        source_id = inserted_id(db.conn.execute(SOURCE_INSERT, _source_row(doc, None, stamp)))
        db.conn.executemany(ITEM_INSERT, _item_rows(doc, source_id, stamp))
        _set_parts(db, [(doc, source_id)])
        _index_items_after(db, after)
        record(db, **_history_entry(doc, source_id, analyst))
    return source_id, len(doc.items)


def insert_documents(
    db: sqlite_utils.Database, docs: list[Document | PackedDocument], analyst: str | None = None
) -> list[tuple[int, int] | Exception]:
    """Store several documents in one transaction; a document that fails leaves nothing behind.

    The batch is first written with one `executemany` per table. If anything in it fails, the
    transaction is rolled back and the documents are written again one by one, each in its own
    savepoint, so the result says which failed: (source id, items added) or the exception.
    (No savepoint around the fast path: it would journal every page of the batch to a temp
    file.) The FTS index is filled once per batch (see migration 0004), inside the same
    transaction, so it is in step with `items` whenever anyone can see the data."""
    if not docs:
        return []
    packed = [_packed(doc) for doc in docs]
    try:
        with write_tx(db):  # our own transaction (a savepoint if the caller has one open)
            after = _last_item_id(db)
            results: list[tuple[int, int] | Exception] = list(_insert_all(db, packed, analyst))
            _index_items_after(db, after)
            return results
    except Exception:  # noqa: BLE001 - rolled back; find out which document it was, one by one
        pass
    with write_tx(db):
        return [_insert_one(db, doc, analyst) for doc in packed]  # each indexes its own items


def _last_item_id(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT coalesce(max(id), 0) FROM items").fetchone()[0]


def _index_items_after(db: sqlite_utils.Database, after: int) -> None:
    """Add the items inserted since `after` (the largest id before) to the FTS index. Items are
    only ever inserted here, so this keeps the index in step; there is no insert trigger."""
    db.conn.execute("INSERT INTO items_fts(rowid, body) SELECT id, body FROM items WHERE id > ?", (after,))


def _insert_all(db: sqlite_utils.Database, docs: list[PackedDocument], analyst: str | None) -> list[tuple[int, int]]:
    # We hold the write lock (BEGIN IMMEDIATE), so the next ids are ours to give.
    first = db.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sources").fetchone()[0]
    stamp = now()
    ids = range(first, first + len(docs))
    db.conn.executemany(SOURCE_INSERT, [_source_row(doc, sid, stamp) for doc, sid in zip(docs, ids)])
    # Rows go to a temp table first, then into `items` with one INSERT ... SELECT: a table with
    # triggers makes every single-row INSERT keep its own statement journal, which cost more
    # than the row itself; one statement keeps one.
    db.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS import_items ({ITEM_COLUMNS})")
    db.conn.executemany(f"INSERT INTO temp.import_items ({ITEM_COLUMNS}) VALUES ({', '.join('?' * 14)})",
                        [row for doc, sid in zip(docs, ids) for row in _item_rows(doc, sid, stamp)])
    db.conn.execute(f"INSERT INTO items ({ITEM_COLUMNS}) SELECT {ITEM_COLUMNS} FROM temp.import_items ORDER BY rowid")
    db.conn.execute("DELETE FROM temp.import_items")
    _set_parts(db, list(zip(docs, ids)))
    record_many(db, [_history_entry(doc, sid, analyst) for doc, sid in zip(docs, ids)])
    return [(sid, len(doc.items)) for doc, sid in zip(docs, ids)]


def _insert_one(db: sqlite_utils.Database, doc: PackedDocument, analyst: str | None) -> tuple[int, int] | Exception:
    try:
        return insert_document(db, doc, analyst)  # nested: its own savepoint
    except Exception as exc:  # noqa: BLE001 - reported per file; its savepoint rolled back
        if not db.conn.in_transaction:
            raise  # SQLite rolled back the whole transaction: the batch as a whole failed
        return exc


def list_sources(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    cur = db.conn.execute(
        "SELECT s.id, s.path, s.name, s.sha256, s.size, s.format, s.encoding, s.imported_at, "
        "(SELECT count(*) FROM items i WHERE i.source_id = s.id) AS items FROM sources s ORDER BY s.id"
    )

    return dicts(cur)


def count_sources(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT count(*) FROM sources").fetchone()[0]


def is_duplicate_source(exc: BaseException) -> bool:
    """True when `exc` is the store refusing a second copy of a file already stored."""
    return isinstance(exc, sqlite3.IntegrityError) and "sources.sha256" in str(exc)
