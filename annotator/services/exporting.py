"""Export use case shared by `annotator export` and the window's File > Export.

`export(db, fmt, out, filters)` streams the items matching the filters through one format
writer into a temporary file (or folder) that replaces `out` only when complete.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.export import brat, csv_rows, events, notes_csv, webanno
from annotator.export.atomic import atomic_binary, atomic_folder, atomic_text
from annotator.export.schema import ItemBundle
from annotator.services.export_jsonl import ExportCancelled, export_jsonl
from annotator.store import Store
from annotator.store.exports import STATE_SETS, count_export_items, iter_export
from annotator.store.incidents import incident_of_figures
from annotator.store.items import ItemFilter

FORMATS = ("jsonl", "csv", "events", "webanno", "brat")  # one row, line or object per item or tag
NOTE_FORMATS = ("notes",)  # one row per verification note
INCIDENT_FORMATS = ("incidents", "geojson")  # one row or feature per incident (and tagged place)
ALL_FORMATS = FORMATS + NOTE_FORMATS + INCIDENT_FORMATS
STATE_CHOICES = ("accepted", "reviewed", "all")
SUFFIX = {"jsonl": ".jsonl", "csv": ".csv", "notes": ".csv", "events": ".csv", "webanno": ".jsonld", "brat": "", "incidents": ".csv",
          "geojson": ".geojson"}
DESCRIPTION = {
    "jsonl": "JSON Lines, one item per line (re-importable)",
    "csv": "CSV, one row per tag (item title, source file, the sentence, attributes)",
    "notes": "verification notes CSV, one row per note (target, grading, checklist, sources, text)",
    "events": "events CSV (ACLED/UCDP columns), one row per casualty figure",
    "webanno": "W3C Web Annotation (JSON-LD)",
    "brat": "brat standoff folder",
    "incidents": "incidents CSV (UCDP GED columns + fatalities, grading, member item ids)",
    "geojson": "GeoJSON of incidents and tagged places (opens in QGIS)",
}
ProgressFn = Callable[[int, int], None]  # (items done, items in total)


@dataclass
class ExportFilter:
    """Which items (the list's ItemFilter) and which of their tags (`state`) to export.

    state: None = everything but rejected tags; "accepted" = accepted or edited; "reviewed" =
    every analyst decision (accepted, edited, rejected; no pending suggestion); "all"."""

    items: ItemFilter = field(default_factory=ItemFilter)
    state: str | None = None

    def states(self) -> tuple[str, ...]:
        if self.state is not None and self.state not in STATE_CHOICES:
            raise ValueError(f"unknown state {self.state!r}; expected one of {', '.join(STATE_CHOICES)}")
        return STATE_SETS[self.state or "default"]


@dataclass
class ExportReport:
    format: str
    out: Path
    items: int = 0
    annotations: int = 0
    notes: int = 0
    rows: int = 0  # lines, rows or objects written, as the format counts them
    seconds: float = 0.0
    worker_cpu: float = 0.0  # CPU seconds spent in worker processes (a large JSONL export), beside this one's
    cancelled: bool = False
    notes_left_out: bool = False  # the format has no place for verification notes

    def summary(self) -> str:
        if self.cancelled:
            return f"export cancelled after {self.items} items; {self.out} left unchanged"
        notes = "no notes (export them as 'notes')" if self.notes_left_out else _count(self.notes, "note")
        return (f"exported {_count(self.items, 'item')}, {_count(self.annotations, 'tag')}, {notes} as {self.format} "
                f"to {self.out} in {self.seconds:.1f} s")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def count_items(db: Store, items: ItemFilter) -> int:
    """How many items an export with this item filter writes (the export dialog shows it)."""
    return count_export_items(db, items)


def _never() -> bool:
    return False


WRITERS = {"csv": csv_rows.write, "notes": notes_csv.write, "events": events.write, "webanno": webanno.write}
# Formats that carry verification notes; the others say so instead of counting notes they left out.
WITH_NOTES = ("jsonl", "notes", "webanno", "brat")
# Formats that read only some kinds of tag (events: casualty figures and the places beside them).
KINDS_READ = {"events": ("casualty", "location")}


def export(db: Store, fmt: str, out: str | Path, filters: ExportFilter | None = None,
           progress: ProgressFn | None = None, should_stop: Callable[[], bool] | None = None,
           jobs: int | None = None) -> ExportReport:
    """Write the items matching `filters` to `out` in format `fmt` (see FORMATS).

    Raises ValueError for an unknown format or state and export.atomic.ExportTargetError when
    `out` cannot be used; on cancel the report says so and `out` is left as it was. `jobs`:
    processes a large JSONL export may use (default: every core)."""
    if fmt not in ALL_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(ALL_FORMATS)}")
    filters = filters or ExportFilter()
    states = filters.states()
    report = ExportReport(format=fmt, out=Path(out))
    if fmt in INCIDENT_FORMATS:
        return _export_incidents(db, fmt, report, filters, should_stop or _never)
    total = count_export_items(db, filters.items) if progress or fmt == "jsonl" else 0
    started = time.perf_counter()

    def counted(rows: Iterator[tuple[Any, list, list]]) -> Iterator[tuple[Any, list, list]]:
        for row in rows:
            if should_stop and should_stop():
                raise ExportCancelled
            report.items += 1
            report.annotations += len(row[1])
            report.notes += len(row[2])
            if progress and report.items % 1000 == 0:
                progress(report.items, total)
            yield row

    def bundles() -> Iterator[ItemBundle]:
        for item, tags, notes in counted(iter_export(db, filters.items, states, KINDS_READ.get(fmt))):
            yield ItemBundle(item, tags, notes)

    try:
        if fmt == "brat":
            with atomic_folder(report.out) as folder:
                report.rows = brat.write(bundles(), folder)
        elif fmt == "jsonl":  # the million-item path: plain tuples, bytes, every core
            with atomic_binary(report.out) as fh:
                counts = export_jsonl(db, filters.items, states, fh, total, should_stop or _never,
                                      progress, jobs)
            report.items, report.annotations, report.notes, report.rows = (
                counts.items, counts.annotations, counts.notes, counts.lines)
            report.worker_cpu = counts.cpu
        elif fmt == "events":
            with atomic_text(report.out) as text_fh:
                report.rows = events.write(bundles(), text_fh, incident_of_figures(db))
        else:
            with atomic_text(report.out) as text_fh:
                report.rows = WRITERS[fmt](bundles(), text_fh)
    except ExportCancelled as stopped:
        report.cancelled = True
        if stopped.args:  # the JSONL path counts its own items
            report.items = stopped.args[0]
    if fmt not in WITH_NOTES:
        report.notes = 0  # this format has no place for them: the summary must not claim them
        report.notes_left_out = True
    if progress and not report.cancelled:
        progress(report.items, max(total, report.items))
    report.seconds = time.perf_counter() - started
    return report


def _export_incidents(db: Store, fmt: str, report: ExportReport, filters: ExportFilter,
                      should_stop: Callable[[], bool]) -> ExportReport:
    """Incidents (and, for GeoJSON, tagged places) with a figure in an item the filter shows."""
    from annotator.export import geojson, incidents_csv
    from annotator.services.incidents import export_rows
    from annotator.store.incidents import tagged_places

    started = time.perf_counter()
    rows = []
    for row in export_rows(db, filters.items):
        if should_stop():
            report.cancelled = True
            return report
        rows.append(row)
    report.items = len({i for r in rows for i in r["member_item_ids"].split()})
    report.annotations = sum(len(r["member_annotation_ids"].split()) for r in rows)
    with atomic_text(report.out) as fh:
        if fmt == "incidents":
            report.rows = incidents_csv.write(rows, fh)
        else:
            report.rows = geojson.write(rows, tagged_places(db, filters.items), fh)
    report.seconds = time.perf_counter() - started
    return report
