"""JSONL export on every core: the million-item path of `annotator export --format jsonl`.

The matching items are cut into chunks of consecutive ids. Worker processes (one per core) claim
chunks in turn from a shared counter, so a slower or busier one simply takes fewer. A worker
makes its chunk's lines in memory and publishes their length; once the lengths of all earlier
chunks are known it writes the lines straight into the export's temporary file at their offset
(pwritev from the pieces as made: no copy through this process, no part files, nothing
concatenated afterwards). The file is therefore byte for byte what one process writes. This
process only adds up the counts, reports progress, watches for cancel and for a worker that
failed or died, and then stops them all. Each worker reads through its own connection, so each
item (with its tags and notes) comes from one consistent snapshot; an export taken while others
write shows every item as it stood at one moment, not the whole store at one moment.

Without os.pwritev (Windows) the export runs in this process alone.
"""

from __future__ import annotations

import contextlib
import os
import queue
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing import reduction
from operator import itemgetter
from typing import Any, BinaryIO

from annotator.export import jsonl
from annotator.services import processes
from annotator.services.processes import worker_context
from annotator.store import DatabaseError, Store
from annotator.store.backup import store_file
from annotator.store.db import open_reader
from annotator.store.export_lines import iter_export_lines, stored_json_usable
from annotator.store.exports import IdRange, chunk_ids, iter_export_rows
from annotator.store.items import ItemFilter
from annotator.store.prefetch import Prefetcher

PARALLEL_MIN_ITEMS = 50_000  # below this, starting workers costs more than it saves
TICK_ITEMS = 1000
# About 16 MB of lines on report-length items: a worker holds one chunk while it waits for the
# chunks before it, and 500 chunks in a million cost next to nothing in queries.
CHUNK_ITEMS = 2000
# Chunks past the last one claimed whose store pages this process asks the kernel to read ahead
# (store.prefetch): about 30 MB of items and tags each, read while the workers make earlier ones.
HINT_AHEAD = 2
POLL_S = 0.1  # how often a waiting process looks at the stop flag and at the workers
IOV_MAX = 1024  # buffers per pwritev call (POSIX minimum; Linux allows exactly this)


class ExportCancelled(Exception):
    """Raised when the caller asked to stop; args[0], when given, is the items written."""


@dataclass
class PartCounts:
    items: int = 0
    annotations: int = 0
    notes: int = 0
    lines: int = 0
    cpu: float = 0.0  # CPU seconds a worker process spent on these lines

    def add(self, other: PartCounts) -> None:
        self.items += other.items
        self.annotations += other.annotations
        self.notes += other.notes
        self.lines += other.lines
        self.cpu += other.cpu


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


def range_pieces(db: Store, f: ItemFilter, states: tuple[str, ...], ids: IdRange | None, counts: PartCounts,
                 should_stop: Callable[[], bool], tick: Callable[[int], None]) -> Iterator[tuple[bytes, ...]]:
    """The bytes pieces of each line of the items in `ids` (None: all), counted into `counts`.
    Lines are joined from the tags' stored JSON when the store's copies are this version's;
    otherwise every tag is formatted here (the same bytes, slower)."""
    if stored_json_usable(db):
        lines = iter_export_lines(db, f, states, ids)  # (head, tag count, tags, notes)
        return jsonl.stored_line_pieces(_counted(lines, itemgetter(1), counts, should_stop, tick))
    rows = iter_export_rows(db, f, states, ids)  # (item, tag rows, notes)
    return jsonl.row_pieces(_counted(rows, _tag_list_length, counts, should_stop, tick))


def write_range(db: Store, f: ItemFilter, states: tuple[str, ...], ids: IdRange | None, fh: BinaryIO,
                should_stop: Callable[[], bool], tick: Callable[[int], None]) -> PartCounts:
    """Write the JSONL lines of the items in `ids` (None: all) to `fh`; returns what it wrote."""
    counts = PartCounts()
    counts.lines = jsonl.write_pieces(range_pieces(db, f, states, ids, counts, should_stop, tick), fh)
    return counts


def pwrite_all(fd: int, pieces: list[bytes], offset: int) -> None:
    """Write `pieces` one after another at `offset` of `fd`, whatever the call lets through."""
    for start in range(0, len(pieces), IOV_MAX):
        group = pieces[start:start + IOV_MAX]
        wanted = sum(map(len, group))
        done = os.pwritev(fd, group, offset)
        if done < wanted:  # a short write (a signal, a nearly full disk): the rest byte by byte
            rest = memoryview(b"".join(group))[done:]
            while rest:
                n = os.pwrite(fd, rest, offset + done)
                rest, done = rest[n:], done + n
        offset += wanted


DROP_AFTER = 3  # a worker's chunks written this many chunks ago are on disk by now (or soon)


def _leave_cache(fd: int, written: list[tuple[int, int]]) -> None:
    """Linux: start writing the chunk just written (the disk is the slowest part of a large
    export: keep it busy), and drop from memory the file's pages written a few chunks ago, so
    gigabytes of export do not push the store's own pages out of the cache (a page not yet on
    disk is simply kept)."""
    if not hasattr(os, "posix_fadvise"):
        return
    for offset, size in (written[-1], *written[-DROP_AFTER - 1:-DROP_AFTER]):
        with contextlib.suppress(OSError):
            os.posix_fadvise(fd, offset, size, os.POSIX_FADV_DONTNEED)


def _now_and_then(check: Callable[[], bool], every: int = 256) -> Callable[[], bool]:
    """`check` asked on every `every`-th call only: a shared Event costs microseconds a look
    (a lock taken and released), a million times per export."""
    calls = 0

    def should_stop() -> bool:
        nonlocal calls
        calls += 1
        return calls % every == 0 and check()

    return should_stop


def _no_tick(_: int) -> None:
    pass


class _Descriptor:
    """A file descriptor that a forkserver or spawn child receives as its own duplicate (sent
    with the process's start data, as multiprocessing sends pipes): the workers write into the
    very file this process holds, which they could not open by name."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __reduce__(self) -> tuple[Any, tuple[Any]]:
        return _received, (reduction.DupFd(self.fd),)


def _received(dup: Any) -> _Descriptor:
    return _Descriptor(dup.detach())


class _Shared:
    """What the export's processes share: the next chunk to claim, each chunk's length once
    made (-1 before), the stop flag, and the channel back to this process."""

    def __init__(self, ctx: Any, chunks: int) -> None:
        self.next = ctx.Value("i", 0)
        self.sizes = ctx.Array("q", [-1] * chunks, lock=False)  # guarded by `placed`
        self.placed = ctx.Condition()
        self.stop = ctx.Event()
        self.results = ctx.Queue()

    def claim(self) -> int:
        with self.next.get_lock():
            k = self.next.value
            self.next.value = k + 1
        return k

    def publish(self, k: int, size: int) -> None:
        """Record chunk k's length (its lines are made; they may be written later)."""
        with self.placed:
            self.sizes[k] = size
            self.placed.notify_all()


class _Placer:
    """A worker's view of where chunks go: chunk k starts where the lengths of chunks 0..k-1
    add up to, known once every one of them is made. The sum of the lengths known in a row from
    chunk 0 is kept, so a worker reads each chunk's length once."""

    def __init__(self, shared: _Shared) -> None:
        self.shared = shared
        self.known, self.offset = 0, 0  # chunks 0..known-1 are made and take `offset` bytes

    def offset_of(self, k: int, wait: bool) -> int | None:
        """Chunk k's offset; None when an earlier chunk is not made yet (and `wait` is false)
        or the export was stopped while waiting."""
        shared = self.shared
        with shared.placed:
            while True:
                while self.known < k and shared.sizes[self.known] >= 0:
                    self.offset += shared.sizes[self.known]
                    self.known += 1
                if self.known >= k:
                    return self.offset
                if not wait or shared.stop.is_set():
                    return None
                shared.placed.wait(POLL_S)


# Chunks a worker may have made and not yet written: it goes on with the next chunk while the one
# before its own is still being made by another worker, and waits only past this many (about
# 16 MB each).
MAX_PENDING = 2


@dataclass
class _Made:
    k: int
    pieces: list[bytes]
    size: int
    counts: PartCounts


def _worker(path: str, out: _Descriptor, f: ItemFilter, states: tuple[str, ...], chunks: list[IdRange],
            shared: _Shared) -> None:
    """Claim the next chunk, make its lines, write them at their place once the chunks before it
    are made; until none is left. A chunk whose place is not known yet waits (up to MAX_PENDING
    of them) while the worker makes the next one, so no core sits idle for the order."""
    try:
        db = open_reader(path)
        written: list[tuple[int, int]] = []  # (offset, length) of this worker's chunks
        placer, pending = _Placer(shared), list[_Made]()
        stop_asked = _now_and_then(shared.stop.is_set)
        while not shared.stop.is_set():
            k = shared.claim()
            if k >= len(chunks):
                break
            started = time.process_time()
            counts, pieces = PartCounts(), list[bytes]()
            for line in range_pieces(db, f, states, chunks[k], counts, stop_asked, _no_tick):
                pieces.extend(line)
                counts.lines += 1
            size = sum(map(len, pieces))
            shared.publish(k, size)
            counts.cpu = time.process_time() - started
            pending.append(_Made(k, pieces, size, counts))
            if not _write_placed(out.fd, pending, placer, shared, written, last=False):
                return
        _write_placed(out.fd, pending, placer, shared, written, last=True)
    except ExportCancelled:
        pass
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        error = (exc.errno, exc.strerror) if isinstance(exc, OSError) and exc.errno else None
        shared.results.put(("error", -1, (error, f"{type(exc).__name__}: {exc}")))
    finally:
        os.close(out.fd)


def _write_placed(fd: int, pending: list[_Made], placer: _Placer, shared: _Shared, written: list[tuple[int, int]],
                  last: bool) -> bool:
    """Write the pending chunks whose place is known, oldest first. Waits for a place while more
    than MAX_PENDING chunks are pending, and for every one when `last` (nothing left to make).
    False when the export was stopped while waiting."""
    while pending:
        must = last or len(pending) > MAX_PENDING
        made = pending[0]
        offset = placer.offset_of(made.k, wait=must)
        if offset is None:
            return not must
        started = time.process_time()
        pwrite_all(fd, made.pieces, offset)
        written.append((offset, made.size))
        _leave_cache(fd, written)
        made.counts.cpu += time.process_time() - started
        shared.results.put(("chunk", made.k, made.counts))
        pending.pop(0)
    return True


def _worker_error(payload: tuple[tuple[int, str] | None, str]) -> Exception:
    """A worker's failure as this process raises it: an OSError (a full disk...) stays one."""
    error, text = payload
    if error is not None:
        return OSError(error[0], f"export worker failed: {error[1]}")
    return RuntimeError(f"export worker failed: {text}")


class _ChunkedExport:
    """Workers that claim chunks in turn and write each at its place in the file `fd`."""

    def __init__(self, path: str, fd: int, f: ItemFilter, states: tuple[str, ...], chunks: list[IdRange],
                 workers: int, prefetch: Prefetcher | None = None) -> None:
        self.chunks = chunks
        self.prefetch, self.hinted = prefetch, 0
        ctx = worker_context(["annotator.services.export_jsonl"])
        self.shared = _Shared(ctx, len(chunks))
        self.procs = [processes.process(ctx, _worker, (path, _Descriptor(fd), f, states, chunks, self.shared))
                      for _ in range(workers)]
        for proc in self.procs:
            proc.start()

    def run(self, should_stop: Callable[[], bool], progress: Callable[[int], None]) -> PartCounts:
        """Wait for every chunk to be written, adding up the counts; raises ExportCancelled when
        `should_stop` turns true, RuntimeError (OSError) when a worker fails or dies."""
        total, written = PartCounts(), 0
        while written < len(self.chunks):
            if should_stop():
                raise ExportCancelled(total.items)
            self._hint_ahead()
            try:
                status, _, payload = self.shared.results.get(timeout=POLL_S)
            except queue.Empty:
                self._check_workers()
                continue
            if status == "error":
                raise _worker_error(payload)
            total.add(payload)
            written += 1
            progress(total.items)
        return total

    def _hint_ahead(self) -> None:
        """Have the store pages of the next chunks to be claimed read in (this process only
        waits otherwise): chunks up to HINT_AHEAD past the last one claimed."""
        if self.prefetch is None:
            return
        upto = min(len(self.chunks), self.shared.next.value + HINT_AHEAD)
        while self.hinted < upto:
            self.prefetch.hint_items(*self.chunks[self.hinted])
            self.hinted += 1

    def _check_workers(self) -> None:
        """A worker gone before the work is (killed, crashed) would leave a hole in the file and
        the others waiting for its chunk: the export fails instead."""
        for proc in self.procs:
            if proc.exitcode not in (None, 0):
                raise RuntimeError(f"an export worker process stopped without finishing (exit code {proc.exitcode})")
        # Workers that exited have flushed their messages first: with none left, work is missing.
        if all(proc.exitcode == 0 for proc in self.procs) and self.shared.results.empty():
            raise RuntimeError("the export workers stopped before every chunk was written")

    def close(self) -> None:
        self.shared.stop.set()
        for proc in self.procs:
            proc.join(timeout=5)
            if proc.is_alive():
                with contextlib.suppress(Exception):  # a worker blocked on a full pipe: let its put finish
                    while True:
                        self.shared.results.get_nowait()
                proc.join(timeout=1)
            if proc.is_alive():
                proc.terminate()
                proc.join()


def export_jsonl(db: Store, f: ItemFilter, states: tuple[str, ...], fh: BinaryIO, total: int,
                 should_stop: Callable[[], bool], progress: Callable[[int, int], None] | None,
                 jobs: int | None = None) -> PartCounts:
    """Write every matching item to `fh` (the export's temporary file, empty); raises
    ExportCancelled when `should_stop` turns true. `jobs`: processes to use (default: cores)."""
    jobs = jobs or os.cpu_count() or 1
    file = store_file(db)
    path = str(file) if file else ""

    def tick(done: int) -> None:
        if progress:
            progress(done, total)

    if jobs < 2 or not path or total < PARALLEL_MIN_ITEMS or not hasattr(os, "pwritev"):
        return write_range(db, f, states, None, fh, should_stop, tick)
    chunks = chunk_ids(db, f, max(1, min(CHUNK_ITEMS, total // (4 * jobs))))
    fh.flush()
    prefetch = _prefetcher(path, db)
    try:
        export = _ChunkedExport(path, fh.fileno(), f, states, chunks, jobs, prefetch)
        try:
            return export.run(should_stop, tick)
        finally:
            export.close()
    finally:
        if prefetch is not None:
            prefetch.close()


def _prefetcher(path: str, db: Store) -> Prefetcher | None:
    """Read-ahead for the store's file (None where it cannot be opened: the export just reads)."""
    try:
        return Prefetcher(path, db)
    except (OSError, ValueError, DatabaseError):
        return None
