"""Import files and folders: one transaction per file, per-file results, never half a file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from annotator.ingest import IngestError, find_documents, read_document
from annotator.ingest.decode import MAX_BYTES
from annotator.store import sources


@dataclass
class FileResult:
    path: str
    status: str  # imported / duplicate / failed
    items: int = 0
    message: str = ""
    warnings: list[str] = field(default_factory=list)

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
    def items_added(self) -> int:
        return sum(f.items for f in self.files if f.status == "imported")

    def summary(self) -> str:
        n = {s: sum(1 for f in self.files if f.status == s) for s in ("imported", "duplicate", "failed")}
        text = (f"{len(self.files)} files: {n['imported']} imported ({self.items_added} items), "
                f"{n['duplicate']} already present, {n['failed']} failed")
        return text + (" — cancelled" if self.cancelled else "")


ProgressFn = Callable[[int, int, FileResult], None]


def import_file(db: sqlite_utils.Database, path: Path, analyst: str | None = None, max_bytes: int = MAX_BYTES) -> FileResult:
    try:
        doc = read_document(path, max_bytes=max_bytes)
    except IngestError as exc:
        return FileResult(str(path), "failed", message=str(exc))
    if sources.source_by_sha(db, doc.sha256):
        return FileResult(str(path), "duplicate", warnings=doc.page.warnings)
    try:
        _, added = sources.insert_document(db, doc, analyst=analyst)
    except Exception as exc:  # the transaction rolled back: nothing of this file remains
        return FileResult(str(path), "failed", message=f"{path}: could not store ({exc})")
    return FileResult(str(path), "imported", items=added, warnings=doc.page.warnings)


def import_paths(
    db: sqlite_utils.Database,
    paths: list[str | Path],
    analyst: str | None = None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] | None = None,
    max_bytes: int = MAX_BYTES,
) -> ImportReport:
    """Import every file under `paths`. Files already stored (same SHA-256) add nothing."""
    files, missing = find_documents(paths)
    report = ImportReport(files=[FileResult(e.path, "failed", message=str(e)) for e in missing])
    for n, path in enumerate(files, 1):
        if should_stop and should_stop():
            report.cancelled = True
            break
        result = import_file(db, path, analyst, max_bytes)
        report.files.append(result)
        if progress:
            progress(n, len(files), result)
    return report
