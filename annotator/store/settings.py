"""Per-store settings (key/value), e.g. the rejection threshold."""

from __future__ import annotations

import sqlite_utils

from annotator.store.db import write_tx


def get_setting(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    row = db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_setting(db: sqlite_utils.Database, key: str, value: str) -> None:
    with write_tx(db):
        db.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
