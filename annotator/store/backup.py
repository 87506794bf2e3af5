"""Rotating backups with SQLite's online backup API (consistent even while others write).

Backups of `<folder>/<stem>.db` live in `<folder>/<stem>-backups/` as
`<stem>-<UTC stamp>-<reason>.db` (reason: startup, import, migration, manual, before-restore),
each created 0600. Retention, applied after each new backup, newest first:
- at most N backups: env ANNOTATOR_BACKUPS_KEEP, else the store setting `backups_keep`, else
  DEFAULT_KEEP;
- at most a disk budget in total: env ANNOTATOR_BACKUPS_MAX_SIZE, else the setting
  `backups_max_size`, else DEFAULT_MAX_SIZE; either a multiple of the store's size ("2x") or
  a size ("500MB", "20GB");
- the newest backup is always kept, whatever its size; older ones are dropped before a new
  copy is written when it would not fit the budget beside them.
`content_stamp` says whether a store changed since a backup (see `unchanged_since`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import struct
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

try:
    import fcntl
except ImportError:  # Windows: no -shm lock probe (see store_in_use)
    fcntl = None  # type: ignore[assignment]

DEFAULT_KEEP = 10
KEEP_ENV = "ANNOTATOR_BACKUPS_KEEP"
KEEP_SETTING = "backups_keep"
DEFAULT_MAX_SIZE = "2x"
MAX_SIZE_ENV = "ANNOTATOR_BACKUPS_MAX_SIZE"
MAX_SIZE_SETTING = "backups_max_size"
_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12, "kib": 2**10, "mib": 2**20,
          "gib": 2**30, "tib": 2**40}
_NAME = re.compile(r"-(?P<stamp>\d{8}T\d{6}\d*Z)-(?P<reason>[a-z-]+)\.db$")


def backup_dir_for(store_path: str | Path) -> Path:
    p = Path(store_path)
    return p.parent / f"{p.stem}-backups"


def list_backups(store_path: str | Path, backup_dir: Path | None = None) -> list[Path]:
    """Backups of this store, newest first."""
    folder = backup_dir or backup_dir_for(store_path)
    if not folder.exists():
        return []
    stamps = {p: m.group("stamp") for p in folder.glob(f"{Path(store_path).stem}-*.db") if (m := _NAME.search(p.name))}
    return sorted(stamps, key=stamps.__getitem__, reverse=True)


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


def _setting(db: sqlite_utils.Database | None, env: str, key: str) -> str | None:
    raw = os.environ.get(env)
    if raw or db is None:
        return raw
    try:
        row = db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:  # no settings table yet (store being created)
        return None
    return row[0] if row else None


def parse_max_size(text: str, store_bytes: int) -> int:
    """Bytes allowed for all backups together: "2x" (times the store's size) or "500MB"."""
    t = text.strip().lower().replace(" ", "")
    if t.endswith("x"):
        return int(float(t[:-1]) * store_bytes)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([a-z]*)", t)
    if not m or m.group(2) not in _UNITS:
        raise ValueError(f"not a backup size: {text!r} (expected e.g. 2x, 500MB, 20GB)")
    return int(float(m.group(1)) * _UNITS[m.group(2)])


def max_size_text(db: sqlite_utils.Database | None = None) -> str:
    """The disk budget as configured ("2x", "20GB"); an unreadable value falls back to the default."""
    raw = _setting(db, MAX_SIZE_ENV, MAX_SIZE_SETTING)
    try:
        parse_max_size(raw, 1) if raw else None
    except ValueError:
        raw = None
    return raw or DEFAULT_MAX_SIZE


def max_bytes(store_path: str | Path, db: sqlite_utils.Database | None = None) -> int:
    return parse_max_size(max_size_text(db), store_bytes(store_path))


def store_bytes(store_path: str | Path) -> int:
    """The store's size on disk, its write-ahead log included."""
    return sum(Path(f"{store_path}{suffix}").stat().st_size for suffix in ("", "-wal")
               if Path(f"{store_path}{suffix}").exists())


def space_used(store_path: str | Path, backup_dir: Path | None = None) -> int:
    return sum(p.stat().st_size for p in list_backups(store_path, backup_dir))


def prune(store_path: str | Path, backup_dir: Path | None = None, *, keep: int, limit: int) -> list[Path]:
    """Delete backups beyond the newest `keep`, then the oldest while all of them together
    take more than `limit` bytes; the newest is never deleted. Returns what was deleted."""
    found = list_backups(store_path, backup_dir)
    dropped = found[max(1, keep):]
    kept = found[: max(1, keep)]
    total = sum(p.stat().st_size for p in kept)
    while len(kept) > 1 and total > limit:
        oldest = kept.pop()
        total -= oldest.stat().st_size
        dropped.append(oldest)
    for old in dropped:
        old.unlink(missing_ok=True)
    return dropped


def content_stamp(conn: sqlite3.Connection) -> str:
    """A fingerprint of what a store holds, cheap to take on a large store: every change writes
    a history row (and ids only grow), so the last history id, the id counters, the settings and
    the schema change whenever the content does."""
    parts = []
    for sql in ("SELECT group_concat(type || name || coalesce(sql, '')) FROM (SELECT * FROM sqlite_master ORDER BY name)",
                "SELECT max(id) FROM history", "SELECT group_concat(name || '=' || seq) FROM sqlite_sequence",
                "SELECT group_concat(key || '=' || value) FROM (SELECT key, value FROM settings ORDER BY key)",
                "SELECT max(id) FROM items", "SELECT max(id) FROM annotations"):
        try:
            parts.append(str(conn.execute(sql).fetchone()[0]))
        except sqlite3.Error:  # a table this (old or foreign) file lacks
            parts.append("-")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def unchanged_since(db: sqlite_utils.Database, backup: str | Path) -> bool:
    """True when the store holds exactly what `backup` holds (nothing written since)."""
    try:
        conn = sqlite3.connect(f"file:{Path(backup).resolve()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return content_stamp(conn) == content_stamp(db.conn)
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def enough_space_for(store_path: str | Path, folder: Path) -> bool:
    """Whether the disk holding `folder` has room for one more copy of the store (and 5% spare)."""
    probe = folder if folder.exists() else folder.parent
    return shutil.disk_usage(probe).free > store_bytes(store_path) * 1.05 + 50_000_000


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
    """Copy the open store to a new backup file (0600), then apply the retention rules (count,
    `keep` if given, and disk budget; see the module docstring)."""
    folder = backup_dir or backup_dir_for(store_path)
    _private_dir(folder)
    limit = max_bytes(store_path, db) if keep is None else 1 << 62
    if keep is None:  # make room first, so the new copy never takes the backups past the budget
        prune(store_path, folder, keep=1 << 30, limit=limit - store_bytes(store_path))
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
    prune(store_path, folder, keep=keep if keep is not None else keep_count(db), limit=limit)
    return target


def integrity_status(path: str | Path) -> str:
    """'ok', or what is wrong with the SQLite file at `path` (full integrity check, read-only,
    then the schema check: a newer version's store or one with a dropped column is not 'ok')."""
    from annotator.store.db import connect_readonly
    from annotator.store.schema_check import SchemaProblem, check

    if not Path(path).is_file():
        return "no such file"
    try:  # read-only, and without creating -wal/-shm files: works on a full disk too
        conn = connect_readonly(path)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            return "; ".join(rows[:3])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"sources", "items", "annotations", "history"} <= tables:
            return "not an Annotator store (tables missing)"
        check(conn)
        return "ok"
    except SchemaProblem as exc:
        return str(exc)
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()


def content_counts(path: str | Path) -> dict[str, Any] | None:
    """Items, tags, notes and the last change of the store or backup at `path` (None: unreadable)."""
    from annotator.store.db import connect_readonly

    try:
        conn = connect_readonly(path)
    except sqlite3.Error:
        return None
    try:
        out: dict[str, Any] = {}
        for key, table in (("items", "items"), ("tags", "annotations"), ("notes", "notes")):
            out[key] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        out["last change"] = conn.execute("SELECT max(at) FROM history").fetchone()[0]
        return out
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def what_backup_lacks(backup: str | Path, store_path: str | Path) -> str | None:
    """"30 items, 12 tags" that the store holds beyond the backup (None: nothing, or unreadable)."""
    theirs, mine = content_counts(backup), content_counts(store_path)
    if not theirs or not mine:
        return None
    lacks = [f"{mine[k] - theirs[k]} {k}" for k in ("items", "tags", "notes") if mine[k] > theirs[k]]
    return ", ".join(lacks) or None


def restore_advice(store_path: str | Path, backup_dir: Path | None = None) -> str:
    """What to do about a damaged store: the newest backup that passes its check, what it lacks
    compared with the store (as far as the store can still be read), and the command."""
    folder = backup_dir or backup_dir_for(store_path)
    good = next((b for b in list_backups(store_path, backup_dir)[:3] if integrity_status(b) == "ok"), None)
    if good is None:
        return f"No usable backup found in {folder}."
    theirs = content_counts(good) or {}
    mine = content_counts(store_path)
    taken = backup_time(good)
    text = (f"The newest good backup is {good} (taken {taken:%Y-%m-%d %H:%M} UTC: {theirs.get('items', '?')} items, "
            f"{theirs.get('tags', '?')} tags)." if taken else f"The newest good backup is {good}.")
    lacks = what_backup_lacks(good, store_path)
    if lacks:
        text += (f" It lacks {lacks} that the store still holds: first save them with "
                 f"`annotator export --format jsonl --out saved.jsonl --db {store_path}`, restore, then merge "
                 "them back with `annotator import-annotations saved.jsonl`.")
    elif mine is None and theirs.get("last change"):
        text += f" It lacks every change made after {theirs['last change']}."
    return (text + f" Restore it with: annotator restore {good} --db {store_path} "
            "(the damaged file is first moved into the backups folder, never deleted).")


def store_users(store_path: str | Path) -> list[str]:
    """Other processes that have the store (or its -wal) open, as "pid 123 (annotator)".

    On Linux every process's open files are listed under /proc; this process is left out (its
    own connections see a restore at once). Elsewhere: an open-file-description lock probe on
    the -shm file, where every SQLite connection holds a shared lock on one byte for as long as
    it is open (that cannot tell this process from others, so it only runs where /proc is absent)."""
    targets = set()
    for suffix in ("", "-wal"):
        try:
            targets.add(os.path.realpath(f"{store_path}{suffix}"))
        except OSError:
            pass
    proc = Path("/proc")
    if not (proc / "self" / "fd").is_dir():
        return ["another process"] if _shm_locked(store_path) else []
    users = []
    me = os.getpid()
    for entry in os.scandir(proc):
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            fds = os.scandir(f"/proc/{entry.name}/fd")
            hit = any(_link(fd.path) in targets for fd in fds)
        except OSError:  # gone, or not ours to look at
            continue
        if hit:
            try:
                name = Path(f"/proc/{entry.name}/cmdline").read_bytes().replace(b"\0", b" ").decode(
                    "utf-8", "replace").strip()[:60]
            except OSError:
                name = "?"
            users.append(f"pid {entry.name} ({name})")
    return users


def _link(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return ""


def _shm_locked(store_path: str | Path) -> bool:
    shm = Path(f"{store_path}-shm")
    if fcntl is None or not shm.exists() or not hasattr(fcntl, "F_OFD_SETLK"):
        return False
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return False
    try:
        try:
            fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, _SHM_DMS, 1, 0))
        except OSError:
            return True
        fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack("hhqqi4x", fcntl.F_UNLCK, os.SEEK_SET, _SHM_DMS, 1, 0))
        return False
    finally:
        os.close(fd)


_SHM_DMS = 128  # (22 + SQLITE_SHM_NLOCK) * 4 + SQLITE_SHM_NLOCK, from SQLite's os_unix.c


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
    from annotator.store.db import connect_readonly

    src = connect_readonly(backup)
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
