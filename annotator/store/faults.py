"""What went wrong with a store, in words: full disk, read-only file or folder, locked, damaged.

SQLite reports a full disk while opening as "disk I/O error" (it cannot size the -shm file) and a
read-only folder as "unable to open database file", which used to read as "damaged store" and
advise a restore. `explain` looks at the facts (free space, permissions) before the message, so
each cause gets its own one-line message with what to do, and only a damaged store is pointed
at a backup.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

# Below this much free space a write command is refused up front: a transaction, its WAL frames
# and a checkpoint need room, and failing half way through an import helps nobody.
MIN_FREE_BYTES = 1024 * 1024

FULL, READONLY_DISK, READONLY_FILE, READONLY_FOLDER, LOCKED, NEWER, SCHEMA, DAMAGED, OTHER = (
    "full", "readonly-disk", "readonly-file", "readonly-folder", "locked", "newer", "schema", "damaged", "other")
READONLY = (READONLY_DISK, READONLY_FILE, READONLY_FOLDER)

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_READONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def free_bytes(folder: Path) -> int:
    """Free space for this user on the filesystem holding `folder` (a huge number if unknown)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 1 << 62


def can_write(path: Path) -> bool:
    """True when this process may write `path` (access(2) also answers EROFS for read-only mounts)."""
    return os.access(path, os.W_OK)


def mounted_readonly(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        return False


def folder_of(path: Path) -> Path:
    return path.resolve().parent if path.exists() else path.parent.resolve()


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{n // 1024} KB"


def cause(exc: BaseException | None, path: Path) -> str:
    """Which of FULL, READONLY_FILE, READONLY_FOLDER, LOCKED, DAMAGED, OTHER `exc` means for `path`."""
    text = str(exc).lower() if exc is not None else ""
    err = getattr(exc, "errno", None)
    folder = folder_of(path)
    if "disk is full" in text or err in _FULL_ERRNOS or free_bytes(folder) < MIN_FREE_BYTES:
        return FULL
    if mounted_readonly(folder):
        return READONLY_DISK
    if path.exists() and not can_write(path):
        return READONLY_FILE
    if not can_write(folder):
        return READONLY_FOLDER
    if "readonly" in text or "read-only" in text or err in _READONLY_ERRNOS:
        return READONLY_FILE
    if "locked" in text or "busy" in text:
        return LOCKED
    if any(w in text for w in ("not a database", "malformed", "corrupt", "integrity")):
        return DAMAGED
    return OTHER


def message(kind: str, path: Path, detail: str = "") -> str:
    """The one-line message for `kind` (see `cause`), naming what to do."""
    folder = folder_of(path)
    said = f" (SQLite said: {detail})" if detail else ""
    if kind == FULL:
        return (f"{path}: the disk is full ({_size(free_bytes(folder))} free in {folder}); the store is intact. "
                "Free some space and run the command again; reading commands (stats, items, export to "
                "another disk) still work.")
    if kind == READONLY_DISK:
        return (f"{path}: the disk holding the store is mounted read-only; the store is intact. To work in it, "
                "copy it to a writable disk; reading commands (stats, items, export) still work.")
    if kind == READONLY_FILE:
        return (f"{path}: the store file is read-only for you; the store is intact. To work in it, make it "
                f"writable (chmod u+w '{path}') or copy it; reading commands (stats, items, export) still work.")
    if kind == READONLY_FOLDER:
        return (f"{path}: the folder {folder} is read-only, and SQLite writes its journal beside the store; "
                "the store is intact. Make the folder writable or copy the store to one that is; reading "
                "commands (stats, items, export) still work.")
    if kind == LOCKED:
        return (f"{path}: another program holds the store locked{said}; the store is intact. Close the other "
                "Annotator window or command (or wait for it to finish) and try again.")
    return f"{path}: cannot use the store{said}."


SHORT = {FULL: "the disk is full", READONLY_DISK: "its disk is mounted read-only", READONLY_FILE: "the store file is read-only",
         READONLY_FOLDER: "its folder is read-only", LOCKED: "another program holds it locked"}


def explain(exc: BaseException, path: str | Path) -> str:
    """A worded message for an sqlite3/OS error met while using the store at `path`."""
    p = Path(path)
    kind = cause(exc, p)
    return message(kind, p, str(exc))


def is_store_fault(exc: BaseException) -> bool:
    """Errors `explain` can put in words (anything else is a bug and keeps its traceback)."""
    if isinstance(exc, sqlite3.OperationalError):
        return True
    return isinstance(exc, OSError) and getattr(exc, "errno", None) in _FULL_ERRNOS | _READONLY_ERRNOS
