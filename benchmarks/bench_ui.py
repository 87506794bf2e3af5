"""The window on the realistic, fully tagged store: start-up, switching items, search, accept,
opening on a far item, memory.

Store: `benchmarks.generate.cached_store(N, tagged=True)` (N = 1,000,000; BENCH_QUICK=1:
20,000; env BENCH_UI_N overrides): the realistic corpus with every item tagged, shared with
bench_export and opened in place (the accepts made here are undone). The children run with the
start-up backup off (ANNOTATOR_STARTUP_BACKUP=off): an 18 GB copy would compete with the
measurements; backups have their own tests.

Each measurement runs in a fresh child process, offscreen, through the real widgets, and every
timer stops when the last widget the action affects has painted: after the action the child
keeps processing events, noting each pass in which any widget of the window painted (list,
reader, every panel, the count line), until nothing has painted for QUIET_MS; the figure is the
time to the end of the last such pass.
- window usable: from launching the child (interpreter start included) until the window has
  painted the list (first rows) and the reader (first item);
- switching items: selecting the next row (300 times);
- search, per query (frequent, medium and rare words of the corpus, a phrase, a prefix): typing
  it into the search box (debounce skipped) until the first screen of hits and the first hit in
  the reader have painted; then until the count is shown; then until every hit is listed;
- clearing the search: until the full list's first screen has painted again;
- accept: one accept (service call, history row, undo command, reader/panel/list refresh)
  until everything has repainted (100, undone afterwards);
- far item: `annotator gui --item N` (a separate child: launch until item N is shown, for the
  last item of the list and one in the middle) and selecting a far item in a running window;
- resident memory: the child's peak RSS (VmHWM) after all of the above.

Medians and p95 pool the samples of RUNS children. Each figure is printed with the load
average at the time (the machine may be shared: compare with the CPU figures, which count only
the GUI thread's own time).
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
# frequent, frequent phrase, medium, prefix, rare, rare phrase, two rare words
QUERIES = ("regime", "civilians", '"Syrian Coalition"', "Aleppo", "negotiat*", "Qabbani", '"Hawsh Mughr"',
           "Kuzbari shelling")
TARGETS = {"start_s": 1.0, "switch_ms": 16.0, "search_ms": 50.0, "accept_ms": 10.0, "rss_mb": 300.0,
           "far_s": 1.0}
QUIET_MS = 30.0
RUNS = 3


def n_items() -> int:
    if os.environ.get("BENCH_UI_N"):
        return int(os.environ["BENCH_UI_N"])
    return 20_000 if os.environ.get("BENCH_QUICK") else 1_000_000


def prepare(n: int) -> Path:
    """The shared tagged store (built once, ~30 min for a million on 2 cores)."""
    os.environ.setdefault("ANNOTATOR_BENCH_CACHE", str(OUT / "cache"))
    from benchmarks.generate import cached_store

    t0 = time.perf_counter()
    path = cached_store(n, tagged=True)
    if time.perf_counter() - t0 > 5:
        print(f"   (built {path.name} in {time.perf_counter() - t0:.0f} s)", flush=True)
    from annotator.store import open_store

    open_store(path).close()  # pending migrations (indexes) once, here, not in a timed child
    return path


class _Painted:
    """Notes every paint event of the window's widgets (text cursors blinking aside)."""

    def __init__(self, app, window) -> None:  # noqa: ANN001
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QLineEdit, QWidget

        paint = QEvent.Paint

        class Filter(QObject):
            def eventFilter(inner, obj, event) -> bool:  # noqa: ANN001, N805
                if event.type() == paint and isinstance(obj, QWidget) and not isinstance(obj, QLineEdit) \
                        and obj.window() is window:
                    self.count += 1
                    self.seen.add(id(obj))
                return False

        self.app, self.count, self.seen, self.filter, self.last = app, 0, set(), Filter(), 0.0
        app.installEventFilter(self.filter)

    def pump(self) -> bool:
        """One event-loop pass; True (and the time noted) if anything painted in it."""
        before = self.count
        self.app.processEvents()
        if self.count != before:
            self.last = time.perf_counter()
            return True
        return False

    def settle(self, t0: float, timeout_s: float = 5.0) -> float:
        """Process events until nothing has painted for QUIET_MS; ms from t0 to the end of the
        last event-loop pass since t0 in which something painted (0 if nothing did)."""
        quiet_since = time.perf_counter()
        while True:
            now = time.perf_counter()
            if self.pump():
                quiet_since = self.last
            elif (now - quiet_since) * 1000 >= QUIET_MS or now - t0 > timeout_s:
                return max(0.0, (self.last - t0) * 1000)
            else:
                time.sleep(0.0005)


def child(path: Path, launched: float, far: list[int], check: bool) -> dict:
    """Runs in the child process: drive the window, return the figures. Only the first child
    (`check`) runs the background integrity check of a large store (it reads the whole file:
    a minute or more on the tagged million); the others skip it."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import annotator.commands.gui  # noqa: F401 - what `annotator` imports before it starts Qt
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import create_window
    from annotator.ui.main_window import MainWindow
    from annotator.ui.style import apply_style

    if not check:
        MainWindow.check_integrity_in_background = lambda self: None

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
    start_cpu = time.process_time()  # every thread of the child, from its start
    painted.remove()
    model = window.items.model
    model.wait_for_loaders()
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
    watch = _Painted(app, window)
    watch.settle(time.perf_counter())
    cpu: dict[str, list[float]] = {"switch": [], "search": [], "accept": [], "clear": []}
    loads: dict[str, float] = {}

    def timed(action, kind: str) -> float:  # noqa: ANN001
        """Wall ms until the window has finished painting; the GUI thread's CPU ms of the
        action and its first event-loop pass go to cpu[kind]."""
        t0, c0 = time.perf_counter(), time.thread_time()
        before = watch.count
        action()
        if watch.count != before:  # painted synchronously (repaint())
            watch.last = time.perf_counter()
        watch.pump()
        cpu[kind].append((time.thread_time() - c0) * 1000)
        return watch.settle(t0)

    loads["switch"] = os.getloadavg()[0]
    switch = [timed(lambda: window.items.next_item(), "switch") for _ in range(300)]

    bar = window.items.filters
    searches = []
    clear = []
    for q in QUERIES:
        loads.setdefault("search", os.getloadavg()[0])
        bar.search.setText(q)  # typed; its clear button fades in (an animation, not the search)
        watch.settle(time.perf_counter())
        t0 = time.perf_counter()
        first = timed(bar.emit_filter, "search")  # first screen of hits and the first hit painted
        if model.rowCount() == 0 and model.loading:
            # the reader thread finds this first screen (a prefix search): until it has painted,
            # however long nothing paints before it arrives
            while model.rowCount() == 0 and model.loading:
                watch.pump()
                time.sleep(0.0005)
            first = watch.settle(t0)
        rows_first = model.rowCount()
        known_at_once = model.total is not None
        while model.total is None:
            watch.pump()
            time.sleep(0.0005)
        counted = first if known_at_once else (time.perf_counter() - t0) * 1000
        while model.loading:
            watch.pump()
            time.sleep(0.0005)
        whole = watch.settle(t0)
        searches.append({"q": q, "first": first, "counted": counted, "whole": whole, "hits": model.rowCount(),
                         "first_rows": rows_first})
        bar.search.setText("")
        watch.settle(time.perf_counter())
        clear.append(timed(bar.emit_filter, "clear"))  # the full list's first screen painted again
        model.wait_for_loaders()
        app.processEvents()

    loads["far"] = os.getloadavg()[0]
    far_select = []
    for item_id in far:
        far_select.append(timed(lambda i=item_id: window.select_item(i), "switch"))
        assert window.session.view.id == item_id

    from annotator.services import review

    loads["accept"] = os.getloadavg()[0]
    accept: list[float] = []
    window.items.select_row(0)
    watch.settle(time.perf_counter())
    scanned = 0
    while len(accept) < 100 and scanned < 5_000:
        view = window.session.view
        todo = [t for t in view.tags if t["state"] == "suggested"]
        if not todo:
            window.items.next_item()
            watch.settle(time.perf_counter())
            scanned += 1
            continue
        accept.append(timed(lambda tid=todo[0]["id"]: window.session.perform("Accept", review.accept, tid), "accept"))
    while window.session.undo_stack.canUndo():
        window.session.undo_stack.undo()
    window.close()
    rss = _peak_rss_mb()
    return {"start_s": start_s, "start_cpu": start_cpu, "full_list_s": full_list_s, "integrity_s": integrity_s, "switch": switch,
            "searches": searches, "clear": clear, "far_select": far_select, "accept": accept, "rss_mb": rss,
            "cpu": cpu, "loads": loads, "items": model.rowCount()}


def far_child(path: Path, launched: float, item_id: int) -> dict:
    """`annotator gui --item N` as run() does it: open, show, select N; until N has painted."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import annotator.commands.gui  # noqa: F401
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import create_window
    from annotator.ui.style import apply_style

    from annotator.ui.main_window import MainWindow

    MainWindow.check_integrity_in_background = lambda self: None  # timed in the first --child
    app = QApplication([])
    apply_style(app)
    home = Path(tempfile.mkdtemp())
    window = create_window(path, "bench", QSettings(str(home / "w.ini"), QSettings.IniFormat))
    window.resize(1600, 1000)
    painted = _PaintWatch([window.items.table.viewport(), window.reader.body.viewport()])
    found = window.select_item(item_id)  # before show(), as `annotator gui --item N` does
    window.show()
    while window.session.view is None or window.session.view.id != item_id or not painted.all():
        app.processEvents()
    shown_s = time.time() - launched
    shown_cpu = time.process_time()
    row = window.items.model.row_of(item_id)
    window.items.model.shutdown()
    window.close()
    return {"far_s": shown_s, "far_cpu": shown_cpu, "found": found, "row": row, "rows": window.items.model.rowCount()}


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


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(OUT / "pycache"),
            "ANNOTATOR_STARTUP_BACKUP": "off"}


def _warm_bytecode() -> None:
    """Compile the window's modules once, as installing the package would have."""
    subprocess.run([sys.executable, "-c", "import annotator.commands.gui, annotator.ui.app, annotator.ui.main_window"],
                   cwd=ROOT, env=_child_env(), check=True)


def _run_child(*args: str) -> dict:
    launched = time.time()
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_ui", *args[:1], args[1], str(launched), *args[2:]],
                          cwd=ROOT, capture_output=True, text=True, env=_child_env())
    if proc.returncode != 0:
        raise SystemExit(f"window benchmark failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _far_items(path: Path) -> list[int]:
    """The item shown last in the list (oldest date) and the one in the middle."""
    from annotator.services import browse
    from annotator.store.window_open import open_reader

    db = open_reader(path)
    try:
        order = browse.all_ids_in_order(db)
    finally:
        db.close()
    return [order[-1], order[len(order) // 2]]


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def _pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p * len(s) + 0.5) - 1))]


def main() -> None:
    """RUNS fresh processes; start-up is their median, the other figures pool their samples."""
    n = n_items()
    path = prepare(n)
    _warm_bytecode()
    far = _far_items(path)
    runs = [_run_child("--child", str(path), ",".join(map(str, far)), str(int(i == 0))) for i in range(RUNS)]
    far_runs = {item_id: [_run_child("--far", str(path), str(item_id)) for _ in range(2)] for item_id in far}
    med = statistics.median
    pool = {k: [v for r in runs for v in r[k]] for k in ("switch", "accept", "clear", "far_select")}
    cpu = {k: med([v for r in runs for v in r["cpu"][k]]) for k in ("switch", "search", "accept", "clear")}
    load = {k: med(r["loads"][k] for r in runs) for k in ("switch", "search", "accept", "far")}
    cores = os.cpu_count()
    print(f"items: {n:,}, every one tagged (load average {_load()} on {cores} cores)")
    print(f"window usable after start: {med(r['start_s'] for r in runs):.2f} s, "
          f"{med(r['start_cpu'] for r in runs):.2f} s CPU (target <= {TARGETS['start_s']:.0f}); "
          f"whole list loaded after {med(r['full_list_s'] for r in runs):.2f} s; background integrity check "
          f"{runs[0]['integrity_s']:.1f} s [load average {_load()}]")
    print(f"switching items (until every panel has painted): {med(pool['switch']):.1f} ms median, "
          f"{_pct(pool['switch'], 0.95):.1f} p95, {cpu['switch']:.1f} ms CPU (target p95 <= {TARGETS['switch_ms']:.0f}) "
          f"[load average {load['switch']:.1f}]")
    firsts, wholes = [], []
    for i, q in enumerate(QUERIES):
        first = [r["searches"][i]["first"] for r in runs]
        counted = [r["searches"][i]["counted"] for r in runs]
        whole = [r["searches"][i]["whole"] for r in runs]
        hits = runs[-1]["searches"][i]["hits"]
        firsts += first
        wholes += whole
        print(f"search {q!r}: {hits:,} hits ({100 * hits / n:.1f}% of items): first screen painted "
              f"{med(first):.0f} ms median, {max(first):.0f} max (target <= {TARGETS['search_ms']:.0f}); count shown "
              f"{med(counted):.0f} ms; every hit listed {med(whole):.0f} ms [load average {load['search']:.1f}]")
    print(f"search, all queries: first screen {med(firsts):.1f} ms median, {_pct(firsts, 0.95):.1f} p95, "
          f"{max(firsts):.1f} max, {cpu['search']:.1f} ms CPU (target <= {TARGETS['search_ms']:.0f}); "
          f"every hit listed {med(wholes):.0f} ms median [load average {load['search']:.1f}]")
    print(f"clearing a search: full list's first screen painted {med(pool['clear']):.1f} ms median, "
          f"{_pct(pool['clear'], 0.95):.1f} p95, {max(pool['clear']):.1f} max, {cpu['clear']:.1f} ms CPU "
          f"(target <= {TARGETS['search_ms']:.0f}) [load average {load['search']:.1f}]")
    print(f"accept (until every panel has painted): {med(pool['accept']):.1f} ms median, "
          f"{_pct(pool['accept'], 0.95):.1f} p95, {cpu['accept']:.1f} ms CPU (target <= {TARGETS['accept_ms']:.0f}) "
          f"[load average {load['accept']:.1f}]")
    for item_id, far_child_runs in far_runs.items():
        shown = [r["far_s"] for r in far_child_runs]
        row = far_child_runs[0]["row"]
        cpu_s = med(r["far_cpu"] for r in far_child_runs)
        print(f"annotator gui --item {item_id} (row {row:,} of {n:,}): shown after {med(shown):.2f} s median, "
              f"{max(shown):.2f} max, {cpu_s:.2f} s CPU (target <= {TARGETS['far_s']:.0f}) [load average {_load()}]")
    print(f"selecting a far item in a running window: {med(pool['far_select']):.1f} ms median, "
          f"{max(pool['far_select']):.1f} max (target <= {1000 * TARGETS['far_s']:.0f}) [load average {load['far']:.1f}]")
    print(f"resident memory: {max(r['rss_mb'] for r in runs):.0f} MB peak (target <= {TARGETS['rss_mb']:.0f}) "
          f"[load average {_load()}]")


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]), float(sys.argv[3]), [int(x) for x in sys.argv[4].split(",")],
                               sys.argv[5] == "1")))
    elif len(sys.argv) == 5 and sys.argv[1] == "--far":
        print(json.dumps(far_child(Path(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]))))
    else:
        main()
