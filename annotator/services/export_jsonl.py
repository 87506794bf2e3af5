"""JSONL export on every core: the million-item path of `annotator export --format jsonl`.

The matching items are cut into consecutive id ranges of equal size. This process writes the
first range straight into the export's temporary file while worker processes write the others
into private part files beside it; the parts are then appended in order, so the bytes are the
same as a one-process export. Each process reads through its own connection, so each item (with
its tags and notes) comes from one consistent snapshot; an export taken while others write
shows every item as it stood at one moment, not the whole store at one moment.
"""

from __future__ import annotations

import os
import queue
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import sqlite_utils

from annotator.export import jsonl
from annotator.services.processes import worker_context
from annotator.store.db import connect
from annotator.store.export_lines import iter_export_lines, stored_json_usable
from annotator.store.exports import IdRange, iter_export_rows, split_ids
from annotator.store.items import ItemFilter

PARALLEL_MIN_ITEMS = 50_000  # below this, starting a worker costs more than it saves
TICK_ITEMS = 1000
Rows = Iterable[tuple[tuple, list[tuple], list[dict[str, Any]]]]


class ExportCancelled(Exception):
    """Raised when the caller asked to stop; args[0], when given, is the items written."""


@dataclass
class PartCounts:
    items: int = 0
    annotations: int = 0
    notes: int = 0
    lines: int = 0

    def add(self, other: PartCounts) -> None:
        self.items += other.items
        self.annotations += other.annotations
        self.notes += other.notes
        self.lines += other.lines


def _counted(rows: Rows, counts: PartCounts, should_stop: Callable[[], bool], tick: Callable[[int], None]) -> Iterator:
    for row in rows:
        if should_stop():
            raise ExportCancelled(counts.items)
        counts.items += 1
        counts.annotations += len(row[1])
        counts.notes += len(row[2])
        if counts.items % TICK_ITEMS == 0:
            tick(counts.items)
        yield row


def _counted_lines(lines: Iterable, counts: PartCounts, should_stop: Callable[[], bool],
                   tick: Callable[[int], None]) -> Iterator:
    for line in lines:
        if should_stop():
            raise ExportCancelled(counts.items)
        counts.items += 1
        counts.annotations += line[1]
        counts.notes += len(line[3])
        if counts.items % TICK_ITEMS == 0:
            tick(counts.items)
        yield line


def write_range(db: sqlite_utils.Database, f: ItemFilter, states: tuple[str, ...], ids: IdRange | None, fh: BinaryIO,
                should_stop: Callable[[], bool], tick: Callable[[int], None]) -> PartCounts:
    """Write the JSONL lines of the items in `ids` (None: all) to `fh`; returns what it wrote.
    Lines are joined from the tags' stored JSON when the store's copies are this version's;
    otherwise every tag is formatted here (the same bytes, slower)."""
    counts = PartCounts()
    if stored_json_usable(db):
        lines = iter_export_lines(db, f, states, ids)
        counts.lines = jsonl.write_lines(_counted_lines(lines, counts, should_stop, tick), fh)
    else:
        rows = iter_export_rows(db, f, states, ids)
        counts.lines = jsonl.write_rows(_counted(rows, counts, should_stop, tick), fh)
    return counts


def store_path(db: sqlite_utils.Database) -> str:
    """The store's file name, or "" for an in-memory store."""
    return db.conn.execute("PRAGMA database_list").fetchone()[2] or ""


def _worker(path: str, f: ItemFilter, states: tuple[str, ...], ids: IdRange, part: str, done: Any, stop: Any,
            results: Any) -> None:
    try:
        conn = connect(path)
        conn.execute("PRAGMA query_only=ON")
        db = sqlite_utils.Database(conn)

        def tick(n: int) -> None:
            done.value = n

        with open(part, "wb") as fh:
            counts = write_range(db, f, states, ids, fh, stop.is_set, tick)
        conn.close()
        results.put(("ok", counts))
    except ExportCancelled:
        results.put(("cancelled", None))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def _append(fh: BinaryIO, part: Path) -> None:
    """Append the part file's bytes to `fh` (kernel-side copy where the system has one)."""
    fh.flush()
    with open(part, "rb") as src:
        remaining = os.fstat(src.fileno()).st_size
        try:
            while remaining > 0:
                copied = os.copy_file_range(src.fileno(), fh.fileno(), remaining)
                if copied == 0:
                    break
                remaining -= copied
        except (AttributeError, OSError):
            shutil.copyfileobj(src, fh, 1 << 20)
            fh.flush()
    if remaining > 0:
        raise OSError(f"could not copy all of {part.name}")


class _Workers:
    """The worker processes of one export and their part files; cleaned up however it ends."""

    def __init__(self, path: str, f: ItemFilter, states: tuple[str, ...], ranges: list[IdRange], folder: Path,
                 stem: str) -> None:
        ctx = worker_context(["annotator.services.export_jsonl"])
        self.stop = ctx.Event()
        self.results = ctx.Queue()
        self.done = [ctx.Value("q", 0, lock=False) for _ in ranges]
        self.parts: list[Path] = []
        self.procs = []
        for ids, done in zip(ranges, self.done):
            fd, name = tempfile.mkstemp(prefix=f".{stem}.", suffix=".part", dir=folder)
            os.close(fd)
            self.parts.append(Path(name))
            proc = ctx.Process(target=_worker, args=(path, f, states, ids, name, done, self.stop, self.results),
                               daemon=True)
            self.procs.append(proc)
        for proc in self.procs:
            proc.start()

    def items_done(self) -> int:
        return sum(d.value for d in self.done)

    def collect(self, should_stop: Callable[[], bool]) -> PartCounts:
        """Wait for every worker; raises ExportCancelled or RuntimeError when one did not finish."""
        total, pending = PartCounts(), len(self.procs)
        while pending:
            if should_stop():
                raise ExportCancelled
            try:
                status, counts = self.results.get(timeout=0.2)
            except queue.Empty:
                if not any(p.is_alive() for p in self.procs):
                    raise RuntimeError("an export worker process stopped without finishing") from None
                continue
            if status == "cancelled":
                raise ExportCancelled
            if status == "error":
                raise RuntimeError(f"export worker failed: {counts}")
            total.add(counts)
            pending -= 1
        return total

    def close(self) -> None:
        self.stop.set()
        for proc in self.procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
                proc.join()
        for part in self.parts:
            part.unlink(missing_ok=True)


def export_jsonl(db: sqlite_utils.Database, f: ItemFilter, states: tuple[str, ...], fh: BinaryIO, out: Path,
                 total: int, should_stop: Callable[[], bool], progress: Callable[[int, int], None] | None,
                 jobs: int | None = None) -> PartCounts:
    """Write every matching item to `fh` (the temporary file that becomes `out`); raises
    ExportCancelled when `should_stop` turns true. `jobs`: processes to use (default: cores)."""
    jobs = jobs or os.cpu_count() or 1
    path = store_path(db)
    ranges = split_ids(db, f, jobs) if jobs > 1 and path and total >= PARALLEL_MIN_ITEMS else [(None, None)]

    def tick(mine: int) -> None:
        if progress:
            progress(mine + (workers.items_done() if workers else 0), total)

    workers = _Workers(path, f, states, ranges[1:], out.parent, out.name) if len(ranges) > 1 else None
    try:
        mine = write_range(db, f, states, ranges[0], fh, should_stop, tick)
        if workers:
            mine.add(workers.collect(should_stop))
            for part in workers.parts:
                _append(fh, part)
    finally:
        if workers:
            workers.close()
    return mine
