"""Sources and their items: written together, one transaction per file."""

from __future__ import annotations

import hashlib
from typing import Any

import sqlite_utils

from annotator.ingest import Document
from annotator.store.clock import now
from annotator.store.db import write_tx
from annotator.store.history import record
from annotator.store.rows import dicts, one


def source_by_sha(db: sqlite_utils.Database, sha256: str) -> dict[str, Any] | None:
    return one(db.conn.execute("SELECT id, path, name, sha256 FROM sources WHERE sha256 = ?", (sha256,)))


def get_source(db: sqlite_utils.Database, source_id: int) -> dict[str, Any] | None:
    return one(db.conn.execute("SELECT * FROM sources WHERE id = ?", (source_id,)))


def source_text(source: dict[str, Any]) -> str:
    """The text that item offsets point into (extracted text for HTML sources)."""
    return source["text"] if source.get("text") is not None else source["raw"]


def insert_document(db: sqlite_utils.Database, doc: Document, analyst: str | None = None) -> tuple[int, int]:
    """Store a parsed document and its items atomically. Returns (source id, items added)."""
    stamp = now()
    with write_tx(db):
        cur = db.conn.execute(
            "INSERT INTO sources (path, name, sha256, size, raw, text, format, encoding, title, footer, "
            "page_label, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.path, doc.name, doc.sha256, doc.size, doc.raw, doc.text, doc.format, doc.encoding,
                doc.page.title, doc.page.footer, doc.page.page_label, stamp,
            ),
        )
        source_id = cur.lastrowid
        db.conn.executemany(
            'INSERT INTO items (source_id, position, date, category, title, body, attribution, start, "end", '
            "body_start, body_end, content_hash, status, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?)",
            [
                (
                    source_id, it.position, it.date, it.category, it.title, it.body, it.attribution,
                    it.start, it.end, it.body_start, it.body_end,
                    hashlib.sha256(it.body.encode("utf-8")).hexdigest(), stamp,
                )
                for it in doc.page.items
            ],
        )
        record(
            db, analyst=analyst, action="import", table="sources", row_id=source_id, item_id=None,
            after={"path": doc.path, "sha256": doc.sha256, "items": len(doc.page.items), "encoding": doc.encoding},
        )
    return source_id, len(doc.page.items)


def list_sources(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    cur = db.conn.execute(
        "SELECT s.id, s.path, s.name, s.sha256, s.size, s.format, s.encoding, s.imported_at, "
        "(SELECT count(*) FROM items i WHERE i.source_id = s.id) AS items FROM sources s ORDER BY s.id"
    )

    return dicts(cur)


def count_sources(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT count(*) FROM sources").fetchone()[0]
