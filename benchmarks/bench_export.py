"""Export speed on the fully tagged 1,000,000-item store: JSONL (target <= 20 s) and the events CSV.

The store is `benchmarks.generate.cached_store(n, tagged=True)`, shared with bench_ui and
opened in place (exports only read): the realistic corpus with every item's tags (about 17 per
item, one item in 20 reviewed). The JSONL export takes every item (all but rejected tags); the
events CSV the newest EVENTS_ITEMS items. Both are written to bench_out/ and deleted.

N = 1,000,000 (BENCH_QUICK=1: 20,000; env BENCH_EXPORT_N overrides).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from benchmarks import generate

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench_out"
TARGET_JSONL_S = 20.0


def corpus_size() -> int:
    if os.environ.get("BENCH_EXPORT_N"):
        return int(os.environ["BENCH_EXPORT_N"])
    return 20_000 if os.environ.get("BENCH_QUICK") else 1_000_000


def tagged_store(n: int) -> Path:
    os.environ.setdefault("ANNOTATOR_BENCH_CACHE", str(OUT / "cache"))
    t0 = time.perf_counter()
    path = generate.cached_store(n, tagged=True)
    if time.perf_counter() - t0 > 5:
        print(f"   (built {path.name} in {time.perf_counter() - t0:.0f} s)", flush=True)
    return path


EVENTS_ITEMS = 100_000  # the events CSV (one row per casualty figure, ~4 per item) of the newest items only


def _events_filter(db):  # noqa: ANN001, ANN202
    """The newest EVENTS_ITEMS items (by date): the full million's events CSV takes ~10 minutes,
    too long for every `make bench`, and its rate per item is what matters (no target)."""
    from annotator.services import browse
    from annotator.services.exporting import ExportFilter
    from annotator.store import items

    newest = browse.item_ids(db, None, "date", True, limit=EVENTS_ITEMS)
    if len(newest) < EVENTS_ITEMS:
        return None
    return ExportFilter(items=browse.ItemFilter(date_from=items.get_item(db, newest[-1])["date"]))


def disk_write_rate(path: Path, megabytes: int = 2048) -> float:
    """MB/s this disk takes data at, synced (as `dd conv=fdatasync` measures): the JSONL export
    writes gigabytes and syncs them, so its time can never be under size / this rate."""
    block = bytes(8 << 20)
    started = time.perf_counter()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for _ in range(megabytes // 8):
            os.write(fd, block)
        os.fdatasync(fd)
    finally:
        os.close(fd)
        path.unlink()
    return megabytes / (time.perf_counter() - started)


def python_speed() -> float:
    """CPU seconds for 10 million pure-Python additions: a scale for the figures (the same loop
    takes about 0.4 s on a recent laptop; a busy shared machine is several times slower)."""
    started, total = time.process_time(), 0
    for i in range(10_000_000):
        total += i
    return time.process_time() - started


def main() -> None:
    from annotator.services.exporting import export
    from annotator.store import open_store

    n = corpus_size()
    OUT.mkdir(exist_ok=True)
    db = open_store(tagged_store(n))
    try:
        for fmt, suffix, target in (("jsonl", "jsonl", TARGET_JSONL_S), ("events", "csv", None)):
            out = OUT / f"export-n{n}.{suffix}"
            cpu = time.process_time()
            report = export(db, fmt, out, _events_filter(db) if fmt == "events" else None)
            cpu = time.process_time() - cpu + report.worker_cpu  # the JSONL export's workers do its work
            size = out.stat().st_size / 1e6
            goal = f"target <= {target:.0f} s" if target else "no target"
            # CPU time beside wall time: on a shared machine the wall clock also counts other work.
            print(f"{fmt} export of {report.items:,} items ({report.annotations:,} tags, {report.rows:,} "
                  f"{'lines' if fmt == 'jsonl' else 'rows'}, {size:,.0f} MB): {report.seconds:.1f} s ({goal}; "
                  f"cpu {cpu:.1f} s with its workers) [load average {_load()}]", flush=True)
            out.unlink()
            if fmt == "jsonl" and hasattr(os, "fdatasync"):
                rate = disk_write_rate(OUT / "disk-rate.tmp")
                print(f"disk write rate: {rate:,.0f} MB/s synced, so the {size:,.0f} MB JSONL file needs at least "
                      f"{size / rate:.1f} s whatever the CPU does (no target) [load average {_load()}]", flush=True)
    finally:
        db.close()
    print(f"python speed: 10M-addition loop in {python_speed():.2f} s cpu (for scale; no target) "
          f"[load average {_load()}]", flush=True)


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


if __name__ == "__main__":
    main()
