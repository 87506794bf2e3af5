"""Write an export beside its destination and rename it into place only when complete.

A crash, an error or a cancel part-way leaves the destination as it was (absent or the previous
export) and no temporary file behind. Temporary files are created private (0600, as mkstemp
does): exports hold the same evidence as the store.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO


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
    target = Path(path)
    if target.is_dir():
        raise ExportTargetError(f"{target} is a folder; give a file name for this format")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
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
    export would otherwise spend seconds in the final fsync with the disk idle until then."""
    done = threading.Event()
    sync = getattr(os, "fdatasync", os.fsync)  # macOS has no fdatasync

    def flush_while_writing() -> None:
        while not done.wait(every_s):
            with contextlib.suppress(OSError):
                sync(fd)

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
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
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


def _fsync_dir(folder: Path) -> None:
    # Make the rename itself durable; not every platform lets us open a directory.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
