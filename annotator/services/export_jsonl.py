"""JSONL export on every core: the million-item path of `annotator export --format jsonl`.

The matching items are cut into chunks of consecutive ids. This process and the worker
processes claim chunks in turn from a shared counter, so a slower process simply takes fewer;
workers send their chunks' lines back, and this process writes every chunk to the export's
temporary file strictly in chunk order, so the bytes are the same as a one-process export and
nothing is copied afterwards. Each process reads through its own connection, so each item (with
its tags and notes) comes from one consistent snapshot; an export taken while others write
shows every item as it stood at one moment, not the whole store at one moment.
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, BinaryIO

from annotator.export import jsonl
from annotator.services import processes
from annotator.services.processes import worker_context
from annotator.store import Store
from annotator.store.backup import store_file
from annotator.store.db import open_reader
from annotator.store.export_lines import iter_export_lines, stored_json_usable
from annotator.store.exports import IdRange, chunk_ids, iter_export_rows
from annotator.store.items import ItemFilter

PARALLEL_MIN_ITEMS = 50_000  # below this, starting a worker costs more than it saves
TICK_ITEMS = 1000
CHUNK_ITEMS = 5000  # about 11 MB of lines: small enough to balance, large enough to amortise a query
LOOKAHEAD = 4  # finished chunks a process may hold before the file catches up


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


def _counted(rows: Iterable[tuple], tag_count: Callable[[tuple], int], counts: PartCounts,
             should_stop: Callable[[], bool], tick: Callable[[int], None]) -> Iterator:
    """Pass `rows` on (each item's notes last), counting items, tags and notes."""
    for row in rows:
        if should_stop():
            raise ExportCancelled(counts.items)
        counts.items += 1
        counts.annotations += tag_count(row)
        counts.notes += len(row[-1])
        if counts.items % TICK_ITEMS == 0:
            tick(counts.items)
        yield row


def _tag_list_length(row: tuple) -> int:
    return len(row[1])


def write_range(db: Store, f: ItemFilter, states: tuple[str, ...], ids: IdRange | None, fh: BinaryIO,
                should_stop: Callable[[], bool], tick: Callable[[int], None]) -> PartCounts:
    """Write the JSONL lines of the items in `ids` (None: all) to `fh`; returns what it wrote.
    Lines are joined from the tags' stored JSON when the store's copies are this version's;
    otherwise every tag is formatted here (the same bytes, slower)."""
    counts = PartCounts()
    if stored_json_usable(db):
        lines = iter_export_lines(db, f, states, ids)  # (head, tag count, tags, notes)
        counts.lines = jsonl.write_lines(_counted(lines, itemgetter(1), counts, should_stop, tick), fh)
    else:
        rows = iter_export_rows(db, f, states, ids)  # (item, tag rows, notes)
        counts.lines = jsonl.write_rows(_counted(rows, _tag_list_length, counts, should_stop, tick), fh)
    return counts


def _chunk_bytes(db: Store, f: ItemFilter, states: tuple[str, ...], ids: IdRange,
                 should_stop: Callable[[], bool]) -> tuple[PartCounts, bytes]:
    buffer = io.BytesIO()
    counts = write_range(db, f, states, ids, buffer, should_stop, _no_tick)
    return counts, buffer.getvalue()


def _no_tick(_: int) -> None:
    pass


def _worker(path: str, f: ItemFilter, states: tuple[str, ...], chunks: list[IdRange], shared: _Shared) -> None:
    """Take the next unclaimed chunk, write its lines, send them to the parent; until none is left."""
    try:
        db = open_reader(path)
        while True:
            while not shared.ahead.acquire(timeout=0.2):  # the parent holds enough of ours already
                if shared.stop.is_set():
                    return
            k = shared.claim()
            if k >= len(chunks) or shared.stop.is_set():
                return
            counts, data = _chunk_bytes(db, f, states, chunks[k], shared.stop.is_set)
            shared.results.put(("chunk", k, counts, data))
    except ExportCancelled:
        pass
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        shared.results.put(("error", -1, None, f"{type(exc).__name__}: {exc}"))


class _Shared:
    """What the export's processes share: the next chunk to claim, the stop flag, the channel
    back to the parent, and how many finished chunks a worker may have waiting there."""

    def __init__(self, ctx: Any, lookahead: int) -> None:
        self.next = ctx.Value("i", 0)
        self.stop = ctx.Event()
        self.results = ctx.Queue()
        self.ahead = ctx.BoundedSemaphore(lookahead)

    def claim(self) -> int:
        with self.next.get_lock():
            k = self.next.value
            self.next.value = k + 1
        return k


class _ChunkedExport:
    """Chunks of CHUNK_ITEMS items, claimed in turn by this process and the workers (so a busy
    or slow process takes fewer), written to the file strictly in chunk order: nothing is
    copied afterwards and memory holds at most a few chunks."""

    def __init__(self, db: Store, path: str, f: ItemFilter, states: tuple[str, ...],
                 chunks: list[IdRange], workers: int) -> None:
        self.db, self.f, self.states, self.chunks = db, f, states, chunks
        ctx = worker_context(["annotator.services.export_jsonl"])
        self.shared = _Shared(ctx, LOOKAHEAD)
        self.procs = [processes.process(ctx, _worker, (path, f, states, chunks, self.shared)) for _ in range(workers)]
        for proc in self.procs:
            proc.start()
        self.waiting: dict[int, tuple[PartCounts, bytes, bool]] = {}  # chunk -> (counts, lines, a worker's?)

    def run(self, fh: BinaryIO, should_stop: Callable[[], bool], progress: Callable[[int], None]) -> PartCounts:
        total, written = PartCounts(), 0
        while written < len(self.chunks):
            if should_stop():
                raise ExportCancelled(total.items)
            if written in self.waiting:
                counts, data, theirs = self.waiting.pop(written)
                fh.write(data)
                if theirs:
                    self.shared.ahead.release()
            elif len(self.waiting) < LOOKAHEAD and (k := self.shared.claim()) < len(self.chunks):
                if k == written:  # our turn to write: straight into the file
                    counts = write_range(self.db, self.f, self.states, self.chunks[k], fh, should_stop, _no_tick)
                else:
                    counts, data = _chunk_bytes(self.db, self.f, self.states, self.chunks[k], should_stop)
                    self.waiting[k] = (counts, data, False)
                    continue
            else:
                self._receive()
                continue
            total.add(counts)
            written += 1
            progress(total.items)
        return total

    def _receive(self) -> None:
        try:
            status, k, counts, data = self.shared.results.get(timeout=0.2)
        except queue.Empty:
            if not any(p.is_alive() for p in self.procs):
                raise RuntimeError("an export worker process stopped without finishing") from None
            return
        if status == "error":
            raise RuntimeError(f"export worker failed: {data}")
        self.waiting[k] = (counts, data, True)

    def close(self) -> None:
        self.shared.stop.set()
        with contextlib.suppress(Exception):
            while True:  # let workers blocked on a full pipe finish their put
                self.shared.results.get_nowait()
        for proc in self.procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
                proc.join()


def export_jsonl(db: Store, f: ItemFilter, states: tuple[str, ...], fh: BinaryIO, total: int,
                 should_stop: Callable[[], bool], progress: Callable[[int, int], None] | None,
                 jobs: int | None = None) -> PartCounts:
    """Write every matching item to `fh` (the export's temporary file); raises ExportCancelled
    when `should_stop` turns true. `jobs`: processes to use (default: cores)."""
    jobs = jobs or os.cpu_count() or 1
    file = store_file(db)
    path = str(file) if file else ""

    def tick(done: int) -> None:
        if progress:
            progress(done, total)

    if jobs < 2 or not path or total < PARALLEL_MIN_ITEMS:
        return write_range(db, f, states, None, fh, should_stop, tick)
    chunks = chunk_ids(db, f, max(1, min(CHUNK_ITEMS, total // (4 * jobs))))
    export = _ChunkedExport(db, path, f, states, chunks, jobs - 1)
    try:
        return export.run(fh, should_stop, tick)
    finally:
        export.close()
