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
from urllib.parse import quote

import sqlite_utils

from annotator.store import faults, schema_check
from annotator.store.migrations import migrations

BUSY_TIMEOUT_MS = 30_000


class StoreError(Exception):
    """The store cannot be opened or is damaged; the message says what to do. `kind` is one of
    store.faults' causes (full, readonly-file, readonly-folder, locked, newer, schema, damaged)."""

    def __init__(self, text: str, kind: str = "other") -> None:
        super().__init__(text)
        self.kind = kind


# What a failed read or write of an open store raises (today SQLite's errors): callers outside
# the store catch this name, so none of them needs to import sqlite3.
DatabaseError = sqlite3.Error

# The handle every service and the window pass around (today an open SQLite store). Code outside
# the store annotates `Store`, never the SQLite type, so that another database can stand behind it.
Store = sqlite_utils.Database


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


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection that works on a full disk and in a read-only folder.

    `mode=ro` needs the -shm file (and creates it when missing, which fails there). With no
    unwritten WAL content beside the file, `immutable=1` reads the file alone, which is exact:
    nobody else is writing (a writer would have the -wal and -shm in place, and then `mode=ro`
    works). With WAL content that cannot be read, the error is raised rather than showing an
    older state of the store."""
    resolved = Path(path).resolve()
    wal, shm = Path(f"{resolved}-wal"), Path(f"{resolved}-shm")
    if wal.exists() or shm.exists():
        try:
            conn = sqlite3.connect(f"file:{quote(str(resolved))}?mode=ro", uri=True, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            if wal.exists() and wal.stat().st_size > 0:
                raise
    # Neither file: no connection is open and everything is in the main file. Reading it as
    # immutable creates no -wal/-shm beside it (a backup stays a single file).
    conn = sqlite3.connect(f"file:{quote(str(resolved))}?immutable=1", uri=True, check_same_thread=False)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def open_reader(path: str) -> sqlite_utils.Database:
    """A read-only, unchecked connection to a store another connection has already opened
    (an export's worker process): no migrations, no integrity check, no plugins."""
    try:
        conn = connect(path)
        conn.execute("PRAGMA query_only=ON")
    except sqlite3.OperationalError:  # full disk, read-only file or folder: read it as it is
        conn = connect_readonly(path)
    return sqlite_utils.Database(conn, execute_plugins=False)


def _create_private(path: Path) -> None:
    """Create the file with 0600 so other users of the machine cannot read the evidence."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def quick_check(conn: sqlite3.Connection) -> str:
    row = conn.execute("PRAGMA quick_check").fetchone()
    return row[0] if row else "no answer"


def open_store(path: str | Path, *, migrate: bool = True, backup_dir: Path | None = None,
               readonly: bool = False) -> sqlite_utils.Database:
    """Open (creating if needed) the store at `path`, checked and migrated to the current schema.

    readonly=True (reading commands): when the store cannot be written (full disk, read-only
    file or folder) it is opened read-only instead of refused. Otherwise such a store is refused
    up front with a message naming the cause, before any command starts writing."""
    path_str = str(path)
    if path_str == ":memory:":
        db = sqlite_utils.Database(connect(path_str))
        if migrate:
            apply_migrations(db, path_str, backup_dir)
        return db
    p = Path(path_str)
    blocked = cannot_write(p)
    if blocked and readonly and p.exists():
        return _open_readonly(p, backup_dir)
    if blocked:
        raise StoreError(faults.message(blocked, p), blocked)
    try:
        if not p.exists():
            _create_private(p)
        conn = connect(path_str)
        status = quick_check(conn)
    except (sqlite3.DatabaseError, OSError) as exc:
        kind = faults.cause(exc, p)
        if kind in (faults.FULL, *faults.READONLY) and readonly and p.exists():
            return _open_readonly(p, backup_dir)
        if kind in (faults.FULL, *faults.READONLY, faults.LOCKED):
            raise StoreError(faults.message(kind, p, str(exc)), kind) from exc
        raise StoreError(f"{path_str}: not a readable Annotator store ({exc}). {_restore_hint(path_str, backup_dir)}",
                         faults.DAMAGED) from exc
    if status != "ok":
        conn.close()
        raise StoreError(f"{path_str}: integrity check failed ({status}). {_restore_hint(path_str, backup_dir)}",
                         faults.DAMAGED)
    _check_schema(conn, path_str, backup_dir)
    db = sqlite_utils.Database(conn)
    if migrate:
        apply_migrations(db, path_str, backup_dir)
    return db


def cannot_write(p: Path) -> str | None:
    """The reason a store at `p` cannot be written now (a full disk, a read-only file or folder)."""
    folder = faults.folder_of(p)
    if not folder.is_dir():
        return None  # created on open
    if faults.free_bytes(folder) < faults.MIN_FREE_BYTES:
        return faults.FULL
    if faults.mounted_readonly(folder):
        return faults.READONLY_DISK
    if p.exists() and not faults.can_write(p):
        return faults.READONLY_FILE
    if not faults.can_write(folder):
        return faults.READONLY_FOLDER
    return None


def _open_readonly(p: Path, backup_dir: Path | None) -> sqlite_utils.Database:
    """A checked, read-only store: for reading commands when it cannot be written."""
    try:
        conn = connect_readonly(p)
        status = quick_check(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(faults.explain(exc, p), faults.cause(exc, p)) from exc
    if status != "ok":
        conn.close()
        raise StoreError(f"{p}: integrity check failed ({status}). {_restore_hint(str(p), backup_dir)}", faults.DAMAGED)
    _check_schema(conn, str(p), backup_dir)
    conn.execute("PRAGMA query_only=ON")
    db = sqlite_utils.Database(conn, execute_plugins=False)
    if migrations.pending(db):
        conn.close()
        raise StoreError(f"{p}: this store needs an upgrade to this version of Annotator, which cannot be written "
                         f"now ({faults.message(cannot_write(p) or faults.OTHER, p)})", faults.OTHER)
    return db


def opened_readonly(db: sqlite_utils.Database) -> bool:
    """True when the store was opened read-only (`open_store(readonly=True)` on a store that
    cannot be written, or `open_reader`)."""
    return bool(db.conn.execute("PRAGMA query_only").fetchone()[0])


def _check_schema(conn: sqlite3.Connection, path_str: str, backup_dir: Path | None) -> None:
    try:
        schema_check.check(conn)
    except schema_check.SchemaProblem as exc:
        conn.close()
        if exc.newer:
            raise StoreError(f"{path_str}: {exc}", faults.NEWER) from None
        raise StoreError(f"{path_str}: {exc}. {_restore_hint(path_str, backup_dir)}", faults.SCHEMA) from None


def _restore_hint(path_str: str, backup_dir: Path | None) -> str:
    from annotator.store.backup import restore_advice

    return restore_advice(path_str, backup_dir)


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
    when a reader upgrades. Nested calls become savepoints. A full disk, a read-only store
    or a lock held too long raises StoreWriteError, whose message says so in words."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        _begin_immediate(conn)
    except sqlite3.OperationalError as exc:
        _raise_worded(db, exc)
        raise
    try:
        yield db
    except BaseException as exc:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError) and not isinstance(exc, StoreWriteError):
            _raise_worded(db, exc)
        raise
    else:
        try:
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            _raise_worded(db, exc)
            raise


class StoreWriteError(sqlite3.OperationalError, ValueError):
    """A write the store could not take (full disk, read-only, locked), in words. A ValueError
    too, so the window's actions report it like any refused action instead of failing."""


_FAULT_WORDS = ("disk is full", "readonly", "read-only", "locked", "disk i/o error", "unable to open")


def _raise_worded(db: sqlite_utils.Database, exc: sqlite3.OperationalError) -> None:
    """Raise `exc` again as a StoreWriteError when it is a fault of the disk or the file;
    return (the caller re-raises it as it is) otherwise."""
    if not any(w in str(exc).lower() for w in _FAULT_WORDS):
        return
    path = next((Path(f) for _, name, f in db.conn.execute("PRAGMA database_list") if name == "main" and f), None)
    raise StoreWriteError(faults.explain(exc, path) if path else str(exc)) from exc


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
