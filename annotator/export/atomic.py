"""Write an export beside its destination and rename it into place only when complete.

A crash, an error or a cancel part-way leaves the destination as it was (absent or the previous
export) and no temporary file behind. Temporary files are created private (0600, as mkstemp
does): exports hold the same evidence as the store.

A killed export cannot remove its own temporary file, so each one holds an advisory lock
(flock) while it is written, and the next export to the same folder removes every temporary
file nobody holds. The destination: a symlink is followed (the export replaces the file it
points to, and the link stays); a device, FIFO or socket is refused, never replaced by a file.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

try:
    import fcntl
except ImportError:  # Windows: leftovers are recognised by age instead of by lock
    fcntl = None  # type: ignore[assignment]

# mkstemp/mkdtemp names made below: ".<name>.<8 random characters>.part" (or ".old")
_LEFTOVER = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.(part|old)$")
UNLOCKED_STALE_S = 24 * 3600  # without locks: a temporary file this old is a leftover


class ExportTargetError(Exception):
    """The destination cannot be written or replaced; the message says why."""


@contextlib.contextmanager
def atomic_text(path: str | Path, newline: str = "\n") -> Iterator[TextIO]:
    """A UTF-8 text handle on a temporary file that replaces `path` when the block succeeds."""
    with _atomic_file(path, "w", encoding="utf-8", newline=newline) as fh:
        yield fh


@contextlib.contextmanager
def atomic_binary(path: str | Path) -> Iterator[BinaryIO]:
    """Like atomic_text, for writers that produce bytes."""
    with _atomic_file(path, "wb") as fh:
        yield fh


@contextlib.contextmanager
def _atomic_file(path: str | Path, mode: str, **options: Any) -> Iterator:
    target = destination(path)
    if target.is_dir():
        raise ExportTargetError(f"{target} is a folder; give a file name for this format")
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    _hold(fd)
    try:
        with os.fdopen(fd, mode, **options) as fh, _flushing(fh.fileno()):
            yield fh
            fh.flush()
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _flushing(fd: int, every_s: float = 1.0) -> Iterator[None]:
    """Send the file's written data to disk once a second while the export runs, and wholly at
    the end. Linux starts writing dirty pages only past a tenth of memory, so a multi-gigabyte
    export would otherwise spend seconds in the final fsync with the disk idle until then. When
    the disk is slower than the writer (a sync takes most of the second), the next sync starts
    at once: a fixed pause after each would leave the disk idle for it."""
    done = threading.Event()
    sync = getattr(os, "fdatasync", os.fsync)  # macOS has no fdatasync

    def flush_while_writing() -> None:
        pause = every_s
        while not done.wait(pause):
            started = time.monotonic()
            with contextlib.suppress(OSError):
                sync(fd)
            pause = max(0.0, every_s - (time.monotonic() - started))

    flusher = threading.Thread(target=flush_while_writing, name="export-flush", daemon=True)
    flusher.start()
    try:
        yield
    finally:
        done.set()
        flusher.join()
    os.fsync(fd)


MARKER = "annotation.conf"  # a folder holding this is a previous brat export we may replace


@contextlib.contextmanager
def atomic_folder(path: str | Path, marker: str = MARKER) -> Iterator[Path]:
    """A temporary folder that becomes `path` when the block succeeds.

    An existing `path` is replaced only if it is empty or is itself an export (holds `marker`):
    a folder of someone's other files is never deleted."""
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise ExportTargetError(f"{target} is a file; give a folder name for this format")
    if target.is_dir() and any(target.iterdir()) and not (target / marker).exists():
        raise ExportTargetError(f"{target} is a folder with other files in it; choose a new or empty folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target.parent)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    holder = os.open(tmp, os.O_RDONLY)  # flock works on a folder's descriptor too
    _hold(holder)
    try:
        yield tmp
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            os.rmdir(old)
            os.replace(target, old)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        os.close(holder)


def destination(path: str | Path) -> Path:
    """The file an export writes: a symlink's target (the link is kept), never a device, FIFO
    or socket (replacing /dev/null or a pipe with a file would break whatever used it)."""
    given = Path(path)
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    try:
        mode = target.stat().st_mode
    except OSError:
        return target  # does not exist yet (or a dangling link's target): created
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise ExportTargetError(f"{given} is a device, not a file; give a file name")
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        raise ExportTargetError(f"{given} is a {'FIFO' if stat.S_ISFIFO(mode) else 'socket'}, not a file; "
                                "give a file name")
    return target


def _hold(fd: int) -> None:
    """Mark a temporary file as in use for as long as this process has it open."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove temporary files and folders of exports that were killed (nobody holds their
    lock; without locks, older than a day). Returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _LEFTOVER.match(entry.name) or entry.is_symlink():
            continue
        path = Path(entry.path)
        if _in_use(path):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed


def _in_use(path: Path) -> bool:
    if fcntl is None:
        try:
            return time.time() - path.stat().st_mtime < UNLOCKED_STALE_S
        except OSError:
            return True
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True  # a running export holds it
    finally:
        os.close(fd)  # closing drops the lock we took
    return False


def _fsync_dir(folder: Path) -> None:
    # Make the rename itself durable; not every platform lets us open a directory.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
