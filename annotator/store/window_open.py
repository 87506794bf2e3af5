"""Opening a store for the window without a multi-second wait on large files.

`open_store` runs PRAGMA quick_check, which reads the whole file (about 2.5 s per GB). For a
large store that is already at the current schema, the window opens it with the same
connection settings but runs the check in the background (`integrity`) and warns if it fails.
Small stores, new stores and stores that need an upgrade take the normal, fully checked path.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from annotator.store import faults, schema_check
from annotator.store.db import StoreError, cannot_write, connect, open_store
from annotator.store.migrations import migrations

LARGE_STORE_BYTES = 32 * 1024 * 1024  # quick_check of a smaller file takes < 0.1 s


def open_for_window(path: str | Path) -> tuple[sqlite_utils.Database, bool]:
    """Returns (store, checked). When `checked` is False, run `integrity(path)` in the background."""
    p = Path(path)
    if p.exists() and cannot_write(p):  # full disk, read-only file or folder: read it, change nothing
        return open_store(p, readonly=True), True
    if not p.exists() or p.stat().st_size < LARGE_STORE_BYTES:
        return open_store(p), True
    try:
        conn = connect(str(p))
        # no sqlite-utils plugins: loading them scans every installed package's entry points
        # (about 30 ms at start-up) and the store uses none
        db = sqlite_utils.Database(conn, execute_plugins=False)
        pending = migrations.pending(db)
        schema_check.check(conn)
    except schema_check.SchemaProblem:
        conn.close()
        return open_store(p), True  # the checked path words the refusal
    except sqlite3.DatabaseError as exc:
        kind = faults.cause(exc, p)
        if kind != faults.OTHER and kind != faults.DAMAGED:
            raise StoreError(faults.message(kind, p, str(exc)), kind) from exc
        raise StoreError(f"{p}: not a readable Annotator store ({exc}).", faults.DAMAGED) from exc
    if pending:  # an upgrade writes: check the whole file first, as open_store does
        conn.close()
        return open_store(p), True
    return db, False


def integrity(path: str | Path) -> str:
    """'ok', or what SQLite found wrong (read-only connection: safe beside the window's own)."""
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True, check_same_thread=False)
    try:
        row = conn.execute("PRAGMA quick_check").fetchone()
        return row[0] if row else "no answer"
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()


def open_reader(path: str | Path) -> sqlite_utils.Database:
    """A read-only connection for a background reader thread (e.g. loading a million list ids)."""
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout=30000")
    return sqlite_utils.Database(conn, execute_plugins=False)
