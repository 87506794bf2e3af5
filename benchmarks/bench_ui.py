"""The window on a large store: start-up, switching items, search, accept, memory.

Store: `benchmarks.generate.build_store` with N = 1,000,000 items (BENCH_QUICK=1: 20,000; env
BENCH_UI_N overrides), plus tag suggestions on the first 5,000 items of the list (the real
tagger when `annotator.services.tagging` exists). The prepared store is cached as
bench_out/bench_ui-n<N>.db, the generated corpus under bench_out/cache, so reruns are quick.

Each measurement runs in a fresh child process, offscreen, through the real widgets:
- window usable: from launching the child (interpreter start included) until the window is
  shown and has painted the list (first rows) and the reader (first item);
- switching items: selecting the next row in the list until the reader and the four panels
  have redrawn (median of 300 switches, p95 shown);
- search: typing a query into the search box (debounce skipped) until the list is re-filled
  and the first match is in the reader; median over realistic queries, each count shown;
- accept: one accept (service call, history row, undo command, reader/panel/list refresh);
  median of 100, each undone afterwards so the cached store does not drift;
- resident memory: the child's peak RSS (VmHWM) after all of the above.

The children run as an installed copy would: the `annotator` entry point's imports come before
Qt's, and compiled bytecode is cached (in bench_out/pycache; this sandbox sets
PYTHONDONTWRITEBYTECODE, which alone made every start compile ~200 KB of source, ~15% of it).

CPU figures are the GUI thread's own CPU time (time.thread_time): on this machine the process
clock (time.process_time) reads about 1.8 times the thread's time even with no other thread busy.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench_out"
PREPARED_VERSION = "1"
TAGGED_ITEMS = 5_000
QUERIES = ("Khoja", "Douma barrel", '"Riad Seif" Geneva', "detainees Sednaya", "Hakim chemical")
TARGETS = {"start_s": 1.0, "switch_ms": 16.0, "search_ms": 50.0, "accept_ms": 10.0, "rss_mb": 300.0}


def n_items() -> int:
    if os.environ.get("BENCH_UI_N"):
        return int(os.environ["BENCH_UI_N"])
    return 20_000 if os.environ.get("BENCH_QUICK") else 1_000_000


def prepare(n: int) -> Path:
    """The benchmark store, built once and reused (marker file beside it)."""
    os.environ.setdefault("ANNOTATOR_BENCH_CACHE", str(OUT / "cache"))
    from benchmarks.generate import build_store

    path = OUT / f"bench_ui-n{n}.db"
    marker = path.with_suffix(".ready")
    if path.exists() and marker.exists() and marker.read_text() == PREPARED_VERSION:
        return path
    t0 = time.perf_counter()
    build_store(path, n)
    _add_suggestions(path)
    marker.write_text(PREPARED_VERSION)
    print(f"   (prepared {path.name} in {time.perf_counter() - t0:.0f} s)", flush=True)
    return path


def _add_suggestions(path: Path) -> None:
    from annotator.services import browse
    from annotator.store import annotations, items, open_store

    db = open_store(path)  # applies pending migrations (indexes) once, here
    ids = browse.item_ids(db)[:TAGGED_ITEMS]
    added = 0
    try:
        from annotator.services import tagging

        added = tagging.tag_items(db, item_ids=ids, analyst="bench").added
    except ImportError:
        pass
    if not added:  # no (working) tagger: name-shaped suggestions are enough to time the window
        rows = []
        for item_id in ids:
            body = items.get_item(db, item_id)["body"]
            words = body.split()
            for w in words[:40]:
                if w[:1].isupper() and w.isalpha() and len(w) > 3:
                    start = body.index(w)
                    rows.append({"item_id": item_id, "kind": "speaker", "start": start, "end": start + len(w),
                                 "text": w, "attributes": {"name": w}, "rule": "bench.capitalised"})
        annotations.insert_many_suggestions(db, rows, analyst="bench")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def child(path: Path, launched: float) -> dict:
    """Runs in the child process: drive the window, return the figures."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import annotator.commands.gui  # noqa: F401 - what `annotator` imports before it starts Qt
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import create_window
    from annotator.ui.style import apply_style

    app = QApplication([])
    apply_style(app)
    home = Path(tempfile.mkdtemp())
    window = create_window(path, "bench", QSettings(str(home / "w.ini"), QSettings.IniFormat))
    window.resize(1600, 1000)
    painted = _PaintWatch([window.items.table.viewport(), window.reader.body.viewport()])
    window.show()
    while window.session.view is None or window.items.model.rowCount() == 0 or not painted.all():
        app.processEvents()
    start_s = time.time() - launched
    painted.remove()
    t0 = time.perf_counter()
    window.items.model.wait_for_loaders()
    app.processEvents()
    full_list_s = time.time() - launched
    # the one-off background integrity check of a large store: run it now and wait, so that it
    # does not share the CPU with the interactive measurements below
    integrity_s = 0.0
    job = getattr(window, "integrity_job", None)
    if job is not None:
        t0 = time.perf_counter()
        if not job.isRunning() and not job.isFinished():
            job.start()
        job.wait()
        app.processEvents()
        integrity_s = time.perf_counter() - t0

    cpu: dict[str, list[float]] = {"switch": [], "search": [], "accept": []}

    def timed(action, kind: str = "") -> float:  # noqa: ANN001
        """Wall ms until the window has redrawn; the GUI thread's CPU ms go to cpu[kind] (the
        work itself, whatever else the machine is doing)."""
        t0, c0 = time.perf_counter(), time.thread_time()
        action()
        app.processEvents()
        if kind:
            cpu[kind].append((time.thread_time() - c0) * 1000)
        return (time.perf_counter() - t0) * 1000

    switch = [timed(lambda: window.items.next_item(), "switch") for _ in range(300)]

    bar = window.items.filters
    search, search_full, counts = [], [], []
    for q in QUERIES:
        bar.search.setText(q)
        t0 = time.perf_counter()
        search.append(timed(bar.emit_filter, "search"))  # list re-filled (first rows), first match shown
        window.items.model.wait_for_loaders()
        app.processEvents()
        search_full.append((time.perf_counter() - t0) * 1000)  # every match listed
        counts.append(window.items.model.rowCount())
    bar.search.setText("")
    bar.emit_filter()

    from annotator.services import review

    accept: list[float] = []
    window.items.select_row(0)
    done = scanned = 0
    while done < 100 and scanned < TAGGED_ITEMS:
        view = window.session.view
        todo = [t for t in view.tags if t["state"] == "suggested"]
        if not todo:
            window.items.next_item()
            app.processEvents()
            scanned += 1
            continue
        accept.append(timed(lambda: window.session.perform("Accept", review.accept, todo[0]["id"]), "accept"))
        done += 1
    while window.session.undo_stack.canUndo():
        window.session.undo_stack.undo()
    window.close()
    rss = _peak_rss_mb()
    return {"start_s": start_s, "full_list_s": full_list_s, "integrity_s": integrity_s, "switch": switch,
            "search": search, "search_full": search_full, "search_counts": counts, "accept": accept, "rss_mb": rss,
            "cpu": cpu}


class _PaintWatch:
    """Says when each of some widgets has received a paint event (has been drawn)."""

    def __init__(self, widgets: list) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            def eventFilter(inner, obj, event) -> bool:  # noqa: ANN001, N805
                if event.type() == QEvent.Paint:
                    self.seen.add(id(obj))
                return False

        self.widgets, self.seen, self.filter = widgets, set(), Filter()
        for w in widgets:
            w.installEventFilter(self.filter)

    def all(self) -> bool:
        return all(id(w) in self.seen for w in self.widgets)

    def remove(self) -> None:
        for w in self.widgets:
            w.removeEventFilter(self.filter)


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


RUNS = 3


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(OUT / "pycache")}


def _warm_bytecode() -> None:
    """Compile the window's modules once, as installing the package would have."""
    subprocess.run([sys.executable, "-c", "import annotator.commands.gui, annotator.ui.app, annotator.ui.main_window"],
                   cwd=ROOT, env=_child_env(), check=True)


def _run_child(path: Path) -> dict:
    launched = time.time()
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_ui", "--child", str(path), str(launched)],
                          cwd=ROOT, capture_output=True, text=True, env=_child_env())
    if proc.returncode != 0:
        raise SystemExit(f"window benchmark failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    """Three fresh processes; start-up is their median, the other figures pool their samples."""
    n = n_items()
    path = prepare(n)
    _warm_bytecode()
    runs = [_run_child(path) for _ in range(RUNS)]
    pool = {k: [v for r in runs for v in r[k]] for k in ("switch", "accept")}
    cpu = {k: statistics.median([v for r in runs for v in r["cpu"][k]]) for k in ("switch", "search", "accept")}
    med = statistics.median
    search = [med(vals) for vals in zip(*(r["search"] for r in runs))]
    search_full = [med(vals) for vals in zip(*(r["search_full"] for r in runs))]
    counts = runs[-1]["search_counts"]
    print(f"items: {n:,} (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"window usable after start: {med(r['start_s'] for r in runs):.2f} s (target <= {TARGETS['start_s']:.0f}); "
          f"whole list loaded after {med(r['full_list_s'] for r in runs):.2f} s; "
          f"background integrity check {med(r['integrity_s'] for r in runs):.1f} s")
    print(f"switching items: {med(pool['switch']):.1f} ms median, {_p95(pool['switch']):.1f} p95, "
          f"{cpu['switch']:.1f} ms CPU (target <= {TARGETS['switch_ms']:.0f})")
    detail = ", ".join(f"{q!r} {c:,} hits {t:.0f}/{f:.0f} ms" for q, c, t, f in zip(QUERIES, counts, search, search_full))
    print(f"search: {med(search):.1f} ms median to the first rows, {med(search_full):.1f} ms to the whole list, "
          f"{cpu['search']:.1f} ms CPU (target <= {TARGETS['search_ms']:.0f}) [{detail}]")
    print(f"accept: {med(pool['accept']):.1f} ms median, {_p95(pool['accept']):.1f} p95, {cpu['accept']:.1f} ms CPU "
          f"(target <= {TARGETS['accept_ms']:.0f})")
    print(f"resident memory: {max(r['rss_mb'] for r in runs):.0f} MB peak (target <= {TARGETS['rss_mb']:.0f})")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]), float(sys.argv[3]))))
    else:
        main()
