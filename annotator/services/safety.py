"""Backups and restore as the window and the CLI use them.

- `startup_backup(db, path)`: on start, at most once per hour, and only when the store changed
  since its newest backup and the disk has room for the copy (env ANNOTATOR_STARTUP_BACKUP=off
  turns it off, e.g. for benchmarks on a throwaway store).
- `backup_before_import(db)`: once per import run, before its first write (importing calls it),
  unless the newest backup already holds exactly this store.
- migrations back up in `store.db.apply_migrations`.
- `backup_now` (`annotator backup`) and `restore` (`annotator restore FILE`).
A store with nothing in it is not backed up: an empty copy would only push real ones out of the
rotation.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from annotator.store import Store
from annotator.store import backup as backups
from annotator.store import faults
from annotator.store.db import cannot_write, open_reader

STARTUP_INTERVAL = timedelta(hours=1)
STARTUP_ENV = "ANNOTATOR_STARTUP_BACKUP"
log = logging.getLogger(__name__)


store_file = backups.store_file
has_data = backups.has_data


def backup_now(db: Store, path: str | Path | None = None, reason: str = "manual") -> Path:
    """Take a backup now, whatever is in the store; returns the new file."""
    target = Path(path) if path else store_file(db)
    if target is None:
        raise ValueError("an in-memory store has no file to back up")
    return backups.make_backup(db, target, reason=reason)


def startup_backup(db: Store, path: str | Path | None = None,
                   now: datetime | None = None) -> Path | None:
    """Back up on start unless a startup backup is less than an hour old, nothing changed since
    the newest backup, the store is empty, or the disk has no room for a copy (then a warning
    is logged and the start goes on)."""
    target = Path(path) if path else store_file(db)
    if target is None or os.environ.get(STARTUP_ENV, "").lower() in ("off", "0", "no") or not has_data(db):
        return None
    now = now or datetime.now(timezone.utc)
    found = backups.list_backups(target)
    for old in found:
        if backups.backup_reason(old) == "startup":
            taken = backups.backup_time(old)
            if taken and now - taken < STARTUP_INTERVAL:
                return None
            break
    if found and backups.unchanged_since(db, found[0]):
        return None  # the newest backup already holds this store
    if not backups.enough_space_for(target, backups.backup_dir_for(target)):
        log.warning("start-up backup of %s skipped: not enough free disk space for a copy", target)
        return None
    return backups.make_backup(db, target, reason="startup")


def startup_backup_of_file(path: str | Path) -> Path | None:
    """`startup_backup` on its own connection, for a background thread beside the window."""
    from annotator.store.window_open import open_reader

    db = open_reader(path)
    try:
        return startup_backup(db, path)
    finally:
        db.close()


def backup_before_import(db: Store) -> Path | None:
    """A backup of the store as it is before an import: a new one, or the newest backup when
    nothing changed since it was taken."""
    target = store_file(db)
    if target is None or not has_data(db):
        return None
    found = backups.list_backups(target)
    if found and backups.unchanged_since(db, found[0]):
        return found[0]
    return backups.make_backup(db, target, reason="import")


@dataclass
class RestoreResult:
    restored_from: Path
    previous: Path | None  # where the store as it was went (a backup, or the damaged file set aside)
    previous_damaged: bool


def restore(backup_file: str | Path, store_path: str | Path) -> RestoreResult:
    """Replace the store with `backup_file`, after keeping the current store.

    Raises ValueError, touching nothing, when the backup fails its integrity check. A healthy
    current store is backed up first ("before-restore"); a damaged one is moved aside whole."""
    backup_file, store_path = Path(backup_file), Path(store_path)
    status = backups.integrity_status(backup_file)
    if status != "ok":
        raise ValueError(f"{backup_file}: refused, the backup failed its integrity check ({status})")
    blocked = cannot_write(store_path)
    if blocked:
        raise ValueError(faults.message(blocked, store_path))
    users = backups.store_users(store_path)
    if users:
        # Their open connections would keep writing into the restored file, mixing both stores.
        raise ValueError(f"{store_path}: another program has the store open ({', '.join(users[:3])}): close that "
                         "window or let that command finish, then restore")
    previous, damaged = None, False
    if store_path.exists():
        if backups.integrity_status(store_path) == "ok":
            # Rotation must not delete the very backup being restored.
            existing = backups.list_backups(store_path)
            rank = next((i for i, p in enumerate(existing) if p.resolve() == backup_file.resolve()), -1)
            db = open_reader(str(store_path))
            try:
                keep = max(backups.keep_count(db), rank + 2)
                previous = backups.make_backup(db, store_path, reason="before-restore", keep=keep)
            finally:
                db.close()
        else:
            previous, damaged = backups.set_aside(store_path), True
    backups.restore_backup(backup_file, store_path)
    return RestoreResult(restored_from=backup_file, previous=previous, previous_damaged=damaged)
