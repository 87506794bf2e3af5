"""Opening a store: connection settings, integrity check, migrations with a backup first.

Everything that touches the SQLite file goes through `open_store`, so every connection has
WAL, foreign keys and a busy timeout, and every write goes through `write_tx`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from annotator.store.migrations import migrations

BUSY_TIMEOUT_MS = 30_000


class StoreError(Exception):
    """The store cannot be opened or is damaged; the message says what to do."""


def connect(path: str) -> sqlite3.Connection:
    """A connection with the store's settings (WAL, foreign keys, busy timeout), unchecked."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode is durable against process kills; only an OS crash can lose
        # the last transaction, and never corrupts the file.
        conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def open_reader(path: str) -> sqlite_utils.Database:
    """A read-only, unchecked connection to a store another connection has already opened
    (an export's worker process): no migrations, no integrity check, no plugins."""
    conn = connect(path)
    conn.execute("PRAGMA query_only=ON")
    return sqlite_utils.Database(conn, execute_plugins=False)


def _create_private(path: Path) -> None:
    """Create the file with 0600 so other users of the machine cannot read the evidence."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def quick_check(conn: sqlite3.Connection) -> str:
    row = conn.execute("PRAGMA quick_check").fetchone()
    return row[0] if row else "no answer"


def open_store(path: str | Path, *, migrate: bool = True, backup_dir: Path | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) the store at `path`, checked and migrated to the current schema."""
    path_str = str(path)
    if path_str != ":memory:":
        p = Path(path_str)
        if not p.exists():
            _create_private(p)
    try:
        conn = connect(path_str)
        status = quick_check(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path_str}: not a readable Annotator store ({exc}). {_restore_hint(path_str, backup_dir)}") from exc
    if status != "ok":
        conn.close()
        raise StoreError(f"{path_str}: integrity check failed ({status}). {_restore_hint(path_str, backup_dir)}")
    db = sqlite_utils.Database(conn)
    if migrate:
        apply_migrations(db, path_str, backup_dir)
    return db


def _restore_hint(path_str: str, backup_dir: Path | None) -> str:
    """Name the newest backup and the command that restores it."""
    from annotator.store.backup import backup_dir_for, list_backups

    found = list_backups(path_str, backup_dir)
    if not found:
        return f"No backup found in {backup_dir or backup_dir_for(path_str)}."
    newest = found[0]
    return (f"The newest backup is {newest}; restore it with: annotator restore {newest} --db {path_str} "
            "(it first moves the damaged file into the backups folder).")


def apply_migrations(db: sqlite_utils.Database, path_str: str, backup_dir: Path | None = None) -> list[str]:
    pending = migrations.pending(db)
    if not pending:
        return []
    has_data = db.table_names() and "_sqlite_migrations" in db.table_names()
    if has_data and path_str != ":memory:":
        from annotator.store.backup import make_backup

        make_backup(db, path_str, reason="migration", backup_dir=backup_dir)
    _apply_racing_others(db)
    return [m.name for m in pending]


def _apply_racing_others(db: sqlite_utils.Database, attempts: int = 5) -> None:
    """Apply pending migrations when other processes (a second window, `annotator tag`) may be
    opening the same store and applying them too. The loser of a race fails inside the
    migration's transaction (rolled back: a migration run twice errors or does nothing, see
    migrations.py) or on recording it; it then finds nothing pending and carries on."""
    for attempt in range(attempts):
        try:
            migrations.apply(db)
            return
        except sqlite3.DatabaseError:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            if not migrations.pending(db):
                return
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


@contextlib.contextmanager
def write_tx(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction. BEGIN IMMEDIATE takes the write lock up front, so two
    processes queue on the busy timeout instead of failing with 'database is locked'
    when a reader upgrades. Nested calls become savepoints."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    _begin_immediate(conn)
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def _begin_immediate(conn: sqlite3.Connection) -> None:
    # busy_timeout covers most waits; a retry loop covers the rare SQLITE_BUSY that
    # SQLite returns without waiting (e.g. during WAL recovery by another process).
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
