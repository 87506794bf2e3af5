"""Rotating backups with SQLite's online backup API (consistent even while others write)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

DEFAULT_KEEP = 10


def backup_dir_for(store_path: str | Path) -> Path:
    p = Path(store_path)
    return p.parent / f"{p.stem}-backups"


def list_backups(store_path: str | Path, backup_dir: Path | None = None) -> list[Path]:
    """Backups of this store, newest first."""
    folder = backup_dir or backup_dir_for(store_path)
    if not folder.exists():
        return []
    return sorted(folder.glob(f"{Path(store_path).stem}-*.db"), key=lambda p: p.name, reverse=True)


def make_backup(
    db: sqlite_utils.Database,
    store_path: str | Path,
    *,
    reason: str,
    backup_dir: Path | None = None,
    keep: int = DEFAULT_KEEP,
) -> Path:
    folder = backup_dir or backup_dir_for(store_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{Path(store_path).stem}-{stamp}-{reason}.db"
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    for old in list_backups(store_path, folder)[keep:]:
        old.unlink(missing_ok=True)
    return target


def restore_backup(backup: str | Path, store_path: str | Path) -> None:
    """Copy `backup` over the store with the backup API, so readers never see a half file."""
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        status = src.execute("PRAGMA quick_check").fetchone()[0]
        if status != "ok":
            raise ValueError(f"{backup}: backup failed its integrity check ({status})")
        dest = sqlite3.connect(str(store_path))
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()
