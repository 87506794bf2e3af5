"""Export speed on a 1,000,000-item store: JSONL (target <= 20 s) and the events CSV.

The store is `benchmarks.generate.build_store(n)` (cached under bench_out/cache) plus synthetic
suggestions added through `annotations.insert_many_suggestions`: speakers, places, casualty
figures and weekdays found with plain regexes over the generated text (about 4 per item, the
density the real tagger gives on this corpus; the real tagger runs at a few hundred items/s, too
slow to tag a million items for a benchmark). The tagged store is kept as
bench_out/export-n<N>.db and reused. Exports use the default filter (every item, all but
rejected tags) and are written to bench_out/.

N = 1,000,000 (BENCH_QUICK=1: 20,000; env BENCH_EXPORT_N overrides).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from benchmarks import generate

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench_out"
TARGET_JSONL_S = 20.0

SPEAKER_RE = re.compile("|".join(re.escape(name) for _, name in generate.SPEAKERS + generate.ENVOYS))
PLACE_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p, _ in generate.PLACES) + r")\b")
ADMIN1 = dict(generate.PLACES)
CASUALTY_RE = re.compile(
    r"\b(?:(at least|about|nearly|more than|up to) )?(\d[\d,]*|dozens|hundreds|tens)(?: of)? "
    r"(civilians|people|children|women|members of one family|displaced people|farmers)")
QUALIFIER = {None: "exact", "at least": "at_least", "about": "about", "nearly": "nearly", "more than": "more_than",
             "up to": "up_to"}
DAY_RE = re.compile(r"\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def corpus_size() -> int:
    if os.environ.get("BENCH_EXPORT_N"):
        return int(os.environ["BENCH_EXPORT_N"])
    return 20_000 if os.environ.get("BENCH_QUICK") else 1_000_000


def synthetic_tags(item_id: int, body: str, item_date: str) -> list[dict]:
    rows = []
    for m in list(SPEAKER_RE.finditer(body))[:2]:
        rows.append({"item_id": item_id, "kind": "speaker", "start": m.start(), "end": m.end(), "text": m.group(),
                     "attributes": {"name": m.group()}, "rule": "bench.speaker", "confidence": 0.9})
    for m in list(PLACE_RE.finditer(body))[:3]:
        rows.append({"item_id": item_id, "kind": "location", "start": m.start(), "end": m.end(), "text": m.group(),
                     "attributes": {"name": m.group(), "country": "SY", "admin1": ADMIN1[m.group()], "feature": "town",
                                    "precision": 1, "lat": 35.0 + len(m.group()) / 10, "lon": 38.0},
                     "rule": "bench.place", "confidence": 0.8})
    for m in list(CASUALTY_RE.finditer(body))[:3]:
        word = m.group(2)
        count = int(word.replace(",", "")) if word[0].isdigit() else None
        qualifier = "vague" if count is None else QUALIFIER[m.group(1)]
        rows.append({"item_id": item_id, "kind": "casualty", "start": m.start(), "end": m.end(), "text": m.group(),
                     "attributes": {"count_min": None if qualifier in ("nearly", "up_to") else count,
                                    "count_max": count if qualifier in ("exact", "about", "nearly", "up_to") else None,
                                    "qualifier": qualifier, "kind": "killed", "victims": m.group(3)},
                     "rule": "bench.casualty", "confidence": 0.7})
    for m in list(DAY_RE.finditer(body))[:1]:
        rows.append({"item_id": item_id, "kind": "date", "start": m.start() + 3, "end": m.end(), "text": m.group()[3:],
                     "attributes": {"value": item_date}, "rule": "bench.date", "confidence": 0.6})
    return rows


def tagged_store(n: int) -> Path:
    """bench_out/export-n<N>.db: the generated store plus synthetic suggestions (built once)."""
    from annotator.store import annotations, open_store

    path, ready = OUT / f"export-n{n}.db", OUT / f"export-n{n}.ready"
    if path.exists() and ready.exists():
        return path
    os.environ.setdefault("ANNOTATOR_BENCH_CACHE", str(OUT / "cache"))
    ready.unlink(missing_ok=True)
    t0 = time.perf_counter()
    generate.build_store(path, n)
    db = open_store(path)
    batch: list[dict] = []
    read = db.conn.cursor()  # a second cursor: inserting while reading items on the same one resets it
    for item_id, body, item_date in read.execute("SELECT id, body, date FROM items ORDER BY id").fetchall():
        batch += synthetic_tags(item_id, body, item_date)
        if len(batch) >= 100_000:
            annotations.insert_many_suggestions(db, batch, analyst="bench")
            batch = []
    annotations.insert_many_suggestions(db, batch, analyst="bench")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    tags = db.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    db.close()
    ready.write_text(f"{tags} tags\n")
    print(f"   (built {path.name}: {n} items, {tags} tags in {time.perf_counter() - t0:.0f} s)", flush=True)
    return path


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
            report = export(db, fmt, out)
            cpu = time.process_time() - cpu
            size = out.stat().st_size / 1e6
            goal = f"target <= {target:.0f} s" if target else "no target"
            # CPU time beside wall time: on a shared machine the wall clock also counts other work.
            print(f"{fmt} export of {report.items:,} items ({report.annotations:,} tags, {report.rows:,} "
                  f"{'lines' if fmt == 'jsonl' else 'rows'}, {size:,.0f} MB): {report.seconds:.1f} s ({goal}; "
                  f"cpu {cpu:.1f} s, load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)", flush=True)
            out.unlink()
    finally:
        db.close()
    print(f"python speed: 10M-addition loop in {python_speed():.2f} s cpu (for scale; no target)", flush=True)


if __name__ == "__main__":
    main()
