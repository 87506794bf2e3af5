"""Rotating backups with SQLite's online backup API (consistent even while others write).

Backups of `<folder>/<stem>.db` live in `<folder>/<stem>-backups/` as
`<stem>-<UTC stamp>-<reason>.db` (reason: startup, import, migration, manual, before-restore),
each created 0600. Only the newest N are kept: N comes from env ANNOTATOR_BACKUPS_KEEP, else
the store setting `backups_keep`, else DEFAULT_KEEP.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

DEFAULT_KEEP = 10
KEEP_ENV = "ANNOTATOR_BACKUPS_KEEP"
KEEP_SETTING = "backups_keep"
_NAME = re.compile(r"-(?P<stamp>\d{8}T\d{6}\d*Z)-(?P<reason>[a-z-]+)\.db$")


def backup_dir_for(store_path: str | Path) -> Path:
    p = Path(store_path)
    return p.parent / f"{p.stem}-backups"


def list_backups(store_path: str | Path, backup_dir: Path | None = None) -> list[Path]:
    """Backups of this store, newest first."""
    folder = backup_dir or backup_dir_for(store_path)
    if not folder.exists():
        return []
    found = [p for p in folder.glob(f"{Path(store_path).stem}-*.db") if _NAME.search(p.name)]
    return sorted(found, key=lambda p: _NAME.search(p.name).group("stamp"), reverse=True)


def backup_time(backup: str | Path) -> datetime | None:
    """When a backup was taken (from its name, UTC)."""
    m = _NAME.search(Path(backup).name)
    if not m:
        return None
    return datetime.strptime(m.group("stamp")[:15], "%Y%m%dT%H%M%S").replace(tzinfo=timezone.utc)


def backup_reason(backup: str | Path) -> str | None:
    m = _NAME.search(Path(backup).name)
    return m.group("reason") if m else None


def keep_count(db: sqlite_utils.Database | None = None) -> int:
    """How many backups to keep (at least 1)."""
    raw = os.environ.get(KEEP_ENV)
    if not raw and db is not None:
        try:
            row = db.conn.execute("SELECT value FROM settings WHERE key = ?", (KEEP_SETTING,)).fetchone()
        except sqlite3.Error:  # no settings table yet (store being created)
            row = None
        raw = row[0] if row else None
    try:
        return max(1, int(raw)) if raw else DEFAULT_KEEP
    except ValueError:
        return DEFAULT_KEEP


def _private_dir(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def make_backup(
    db: sqlite_utils.Database,
    store_path: str | Path,
    *,
    reason: str,
    backup_dir: Path | None = None,
    keep: int | None = None,
) -> Path:
    """Copy the open store to a new backup file (0600), then drop all but the newest `keep`."""
    folder = backup_dir or backup_dir_for(store_path)
    _private_dir(folder)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{Path(store_path).stem}-{stamp}-{reason}.db"
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    except BaseException:
        dest.close()
        target.unlink(missing_ok=True)
        raise
    dest.close()
    for old in list_backups(store_path, folder)[keep if keep is not None else keep_count(db):]:
        old.unlink(missing_ok=True)
    return target


def integrity_status(path: str | Path) -> str:
    """'ok', or what is wrong with the SQLite file at `path` (full integrity check, read-only)."""
    if not Path(path).is_file():
        return "no such file"
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            return "; ".join(rows[:3])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"sources", "items", "annotations", "history"} <= tables:
            return "not an Annotator store (tables missing)"
        return "ok"
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()


def set_aside(store_path: str | Path, backup_dir: Path | None = None) -> Path:
    """Move a damaged store (and its -wal/-shm) into the backup folder, never deleting it."""
    folder = backup_dir or backup_dir_for(store_path)
    _private_dir(folder)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{Path(store_path).stem}-{stamp}-damaged.db"
    for suffix in ("-wal", "-shm", ""):
        src = Path(f"{store_path}{suffix}")
        if src.exists():
            os.replace(src, f"{target}{suffix}")
    return target


def restore_backup(backup: str | Path, store_path: str | Path) -> None:
    """Copy `backup` over the store with the backup API, so readers never see a half file.

    Refuses (ValueError) a backup that fails its integrity check. The store file is created
    0600 if it does not exist."""
    status = integrity_status(backup)
    if status != "ok":
        raise ValueError(f"{backup}: refused, the backup failed its integrity check ({status})")
    store = Path(store_path)
    if not store.exists():
        store.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(store, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    src = sqlite3.connect(f"file:{Path(backup).resolve()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(str(store), timeout=30)
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()


def store_file(db: sqlite_utils.Database) -> Path | None:
    """The file behind an open store (None for an in-memory one)."""
    for _, name, file in db.conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None


def has_data(db: sqlite_utils.Database) -> bool:
    """True once anything worth backing up is stored (an empty store is never backed up)."""
    try:
        return any(
            db.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
            for table in ("sources", "annotations", "notes", "aliases")
        )
    except sqlite3.Error:  # tables not created yet
        return False
