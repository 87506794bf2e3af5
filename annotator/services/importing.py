"""Import files and folders: each file atomic, per-file results, never half a file."""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from annotator.ingest import IngestError, find_documents
from annotator.ingest.decode import MAX_BYTES
from annotator.ingest.packed import PackedDocument, read_packed
from annotator.services import processes
from annotator.services.safety import backup_before_import
from annotator.store import Store
from annotator.store import DatabaseError, sources
from annotator.store.checkpoint import BackgroundCheckpoints


@dataclass
class FileResult:
    path: str
    status: str  # imported / duplicate / failed
    items: int = 0
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    source_id: int | None = None  # set once stored

    def line(self) -> str:
        if self.status == "imported":
            return f"imported  {self.path}: {self.items} items" + (f" ({len(self.warnings)} warnings)" if self.warnings else "")
        if self.status == "duplicate":
            return f"unchanged {self.path}: already in the store"
        return f"FAILED    {self.message}"


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def source_ids(self) -> list[int]:
        """The sources this run stored."""
        return [f.source_id for f in self.files if f.status == "imported" and f.source_id is not None]

    @property
    def items_added(self) -> int:
        return sum(f.items for f in self.files if f.status == "imported")

    def summary(self) -> str:
        n = {s: sum(1 for f in self.files if f.status == s) for s in ("imported", "duplicate", "failed")}
        text = (f"{len(self.files)} files: {n['imported']} imported ({self.items_added} items), "
                f"{n['duplicate']} already present, {n['failed']} failed")
        return text + (" — cancelled" if self.cancelled else "")


ProgressFn = Callable[[int, int, FileResult], None]


# Files are parsed one by one but stored in batches, one write transaction per batch (a file
# that fails to store leaves nothing; the others are kept: see sources.insert_documents).
# Committing per file made the FTS index flush per file and was several times slower. A batch is
# at most this many files or bytes, or this many seconds of parsing, so the write lock is held
# briefly and a progress bar still moves.
BATCH_FILES = 200
BATCH_BYTES = 8 * 1024 * 1024
BATCH_SECONDS = 0.5


def import_paths(
    db: Store,
    paths: list[str | Path],
    analyst: str | None = None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] | None = None,
    max_bytes: int = MAX_BYTES,
) -> ImportReport:
    """Import every file under `paths`. Files already stored (same SHA-256) add nothing.

    Results (and progress calls) come in file order, each once its file is committed; the
    store is backed up once, before the first write of the run."""
    files, missing = find_documents(paths)
    report = ImportReport(files=[FileResult(e.path, "failed", message=str(e)) for e in missing])
    for result in report.files:  # reported like every other file, before any work starts
        if progress:
            progress(0, len(files), result)
    with BackgroundCheckpoints(db) as checkpoints:
        batch = _Batch(db, analyst, report, progress, len(files), checkpoints)
        seen: set[str] = set()
        for path, doc in read_documents(files, max_bytes):
            if should_stop and should_stop():
                report.cancelled = True
                break
            if isinstance(doc, IngestError):
                batch.add(FileResult(str(path), "failed", message=str(doc)))
                continue
            if doc.source.sha256 in seen:
                batch.add(FileResult(str(path), "duplicate", warnings=list(doc.warnings)))
                continue
            seen.add(doc.source.sha256)  # files already in the store are found per batch, in flush
            batch.add(FileResult(str(path), "imported", warnings=list(doc.warnings)), doc)
        batch.flush()
    return report


PARALLEL_MIN_FILES = 64  # below this a worker pool costs more to start than it saves


def parse_jobs() -> int:
    """Worker processes for parsing: one core stays with the process that stores, the import's
    bottleneck (with as many workers as cores, they took CPU from it and the import was slower)."""
    return max(1, (os.cpu_count() or 1) - 1)


# Files go to the workers in chunks (fewer messages), and only so many files are parsed ahead
# of the storing process: parsed pages waiting to be stored are held in memory, and the workers
# are faster than the store, so an unbounded queue grew with the size of the import. Two
# batches ahead keep the workers busy while a batch is being stored.
CHUNK_FILES = 16
FILES_AHEAD = 2 * BATCH_FILES


def read_documents(files: list[Path], max_bytes: int = MAX_BYTES,
                   jobs: int | None = None) -> Iterator[tuple[Path, PackedDocument | IngestError]]:
    """Parse files in order. Large imports parse in worker processes while this process
    stores: parsing is pure Python and was half the import time. Leaving the loop early (cancel)
    stops the workers."""
    if len(files) < PARALLEL_MIN_FILES or (os.cpu_count() or 1) < 2:  # no core to spare
        for path in files:
            yield path, read_packed(path, max_bytes)
        return
    jobs = jobs or parse_jobs()
    chunks = iter([files[at:at + CHUNK_FILES] for at in range(0, len(files), CHUNK_FILES)])
    pool = processes.pool(jobs, ["annotator.ingest.packed"])
    try:
        ahead: deque = deque()
        for chunk in islice(chunks, max(jobs * 2, FILES_AHEAD // CHUNK_FILES)):
            ahead.append((chunk, pool.submit(read_packed_chunk, chunk, max_bytes)))
        while ahead:
            chunk, future = ahead.popleft()
            parsed = future.result()
            following = next(chunks, None)
            if following is not None:
                ahead.append((following, pool.submit(read_packed_chunk, following, max_bytes)))
            yield from zip(chunk, parsed)
    except BaseException:  # Ctrl+C, SIGTERM, the consumer gone: nobody wants the rest parsed
        pool.stop_now()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def read_packed_chunk(paths: list[Path], max_bytes: int) -> list[PackedDocument | IngestError]:
    return [read_packed(path, max_bytes) for path in paths]


class _Batch:
    """Parsed files waiting to be stored together; results are released in file order."""

    def __init__(self, db: Store, analyst: str | None, report: ImportReport,
                 progress: ProgressFn | None, total: int, checkpoints: BackgroundCheckpoints) -> None:
        self.db, self.analyst, self.report, self.progress, self.total = db, analyst, report, progress, total
        self.checkpoints = checkpoints
        self.entries: list[tuple[FileResult, PackedDocument | None]] = []
        self.size = 0
        self.started = time.monotonic()
        self.backed_up = False
        self.backup_error: str | None = None
        self.done = 0

    def add(self, result: FileResult, doc: PackedDocument | None = None) -> None:
        if not self.entries:
            self.started = time.monotonic()
        self.entries.append((result, doc))
        self.size += doc.source.size if doc else 0
        if (len(self.entries) >= BATCH_FILES or self.size >= BATCH_BYTES
                or time.monotonic() - self.started >= BATCH_SECONDS):
            self.flush()

    def flush(self) -> None:
        docs = self._new_documents()
        if docs:
            if not self.backed_up:
                self.backed_up = True
                try:
                    backup_before_import(self.db)
                except (OSError, DatabaseError) as exc:  # no import without a way back
                    self.backup_error = f"could not back up the store first ({exc}); not imported"
            self._store(docs)
            self.checkpoints.committed()
        for result, _ in self.entries:
            self.report.files.append(result)
            self.done += 1
            if self.progress:
                self.progress(self.done, self.total, result)
        self.entries, self.size = [], 0

    def _new_documents(self) -> list[tuple[FileResult, PackedDocument]]:
        """The batch's documents not in the store yet (one query for the batch); the others
        are reported as duplicates."""
        docs = [(r, d) for r, d in self.entries if d is not None]
        stored = sources.stored_shas(self.db, [d.source.sha256 for _, d in docs])
        for result, doc in docs:
            if doc.source.sha256 in stored:
                result.status = "duplicate"
        return [(r, d) for r, d in docs if d.source.sha256 not in stored]

    def _store(self, docs: list[tuple[FileResult, PackedDocument]]) -> None:
        outcomes: list
        if self.backup_error:
            outcomes = [RuntimeError(self.backup_error)] * len(docs)
        else:
            try:
                outcomes = sources.insert_documents(self.db, [d for _, d in docs], analyst=self.analyst)
            except Exception as exc:  # noqa: BLE001 - the whole batch rolled back: nothing of these files remains
                outcomes = [exc] * len(docs)
        for (result, _doc), outcome in zip(docs, outcomes):
            if not isinstance(outcome, Exception):
                result.source_id, result.items = outcome
            elif _is_duplicate(outcome):  # another process stored the same file meanwhile
                result.status = "duplicate"
            else:
                result.status = "failed"
                result.message = f"{result.path}: could not store ({outcome})"


def _is_duplicate(exc: Exception) -> bool:
    return sources.is_duplicate_source(exc)


def import_clipboard(db: Store, text: str, html: str | None = None, analyst: str | None = None,
                     label: str | None = None) -> tuple[FileResult, int | None]:
    """Store a paste as its own source (origin `clipboard`). Returns the result and the id of
    the first item it added (None when nothing was added: already pasted before, or failed)."""
    from annotator.ingest import parse_clipboard
    from annotator.ingest.packed import pack
    from annotator.store.clock import now

    label = label or f"clipboard {now()[:19].replace(':', '-')}"
    try:
        doc = pack(parse_clipboard(text, html, label))
    except IngestError as exc:
        return FileResult(label, "failed", message=str(exc)), None
    if sources.source_by_sha(db, doc.source.sha256):
        return FileResult(label, "duplicate"), None
    backup_before_import(db)
    source_id, added = sources.insert_document(db, doc, analyst=analyst)
    first = db.conn.execute("SELECT min(id) FROM items WHERE source_id = ?", (source_id,)).fetchone()[0]
    return FileResult(label, "imported", items=added, warnings=list(doc.warnings), source_id=source_id), first
