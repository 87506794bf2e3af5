"""Import in a worker thread: progress, results landing while it runs, Cancel; the screenshot
command; item text shown literally."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QImage

from annotator.services import importing
from annotator.ui import long_work
from benchmarks.generate import write_corpus


class Progress(QObject):
    """Records a job's progress in the GUI thread. Cross-thread signals go to a slot of a living
    QObject: qtbot.waitSignal's temporary receivers can be collected while a queued call from
    the worker is still pending, which crashes PySide."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[int, int]] = []

    @Slot(int, int, str)
    def record(self, done: int, total: int, message: str) -> None:
        self.seen.append((done, total))


def test_import_shows_progress_and_lists_new_items(window, qtbot, tmp_path):
    write_corpus(tmp_path / "pages", 60, seed=3)  # 6 pages of 10 items
    progress = Progress()
    job = long_work.run_import(window, [str(tmp_path / "pages")])
    job.progressed.connect(progress.record)
    assert window.progress.isVisible() and window.progress.cancel_btn.isEnabled()
    qtbot.waitUntil(lambda: not window.progress.busy, timeout=20000)
    assert progress.seen and progress.seen[-1] == (6, 6)
    assert window.items.model.rowCount() == 72
    assert "Reviewed 0 / 72" in window.progress_label.text()
    assert not window.progress.isVisible()
    assert job.report.items_added == 60


def test_cancel_stops_the_import_and_the_window_stays_responsive(window, qtbot, tmp_path, monkeypatch):
    write_corpus(tmp_path / "pages", 200, seed=4)  # 20 files
    real = importing.read_packed

    def slow(*args, **kwargs):  # a slow disk: long enough to press Cancel midway
        time.sleep(0.1)
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "read_packed", slow)
    job = long_work.run_import(window, [str(tmp_path / "pages")])
    qtbot.waitUntil(lambda: window.progress.bar.value() > 0, timeout=10000)
    # the GUI thread still answers while the job runs: switch items, search
    window.items.next_item()
    window.items.filters.search.setText("Seif")
    window.items.filters.emit_filter()
    window.progress.cancel_btn.click()
    qtbot.waitUntil(lambda: not window.progress.busy, timeout=10000)
    report = job.report
    assert report.cancelled
    assert 0 < len(report.files) < 20
    window.items.filters.reset()
    assert window.items.model.rowCount() == 12 + report.items_added < 212
    assert not job.isRunning()


def test_second_job_waits_for_the_first(window, qtbot, tmp_path):
    write_corpus(tmp_path / "pages", 20, seed=5)
    job = long_work.run_import(window, [str(tmp_path / "pages")])
    assert job is not None and long_work.run_import(window, [str(tmp_path / "pages")]) is None
    qtbot.waitUntil(lambda: not window.progress.busy, timeout=20000)


def test_screenshot_command_renders_1600x1000(store_path, tmp_path, qapp):
    from annotator.cli import main

    out = tmp_path / "shot.png"
    assert main(["gui", "--db", str(store_path), "--item", "3", "--screenshot", str(out)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)


def test_readme_screenshot_store_shows_every_review_state(tmp_path, qapp):
    """`make screenshot` builds its store with docs/screenshot_store.py: keep that script working."""
    import importlib.util

    from annotator.cli import main
    from annotator.store import annotations, notes, open_store
    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("screenshot_store", ROOT / "docs" / "screenshot_store.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    store = tmp_path / "shot.db"
    script.build(store)
    db = open_store(store)
    states = {t["state"] for t in annotations.for_item(db, 12)}
    assert states == {"accepted", "suggested", "rejected"} and notes.for_item(db, 12)
    db.close()
    out = tmp_path / "shot.png"
    assert main(["gui", "--db", str(store), "--item", "12", "--screenshot", str(out)]) == 0
    assert QImage(str(out)).width() == 1600


def test_item_markup_is_shown_as_literal_text(qtbot, tmp_path, settings):
    from annotator.services.importing import import_paths
    from annotator.store import open_store
    from annotator.ui.app import create_window

    body = ('Riad Seif said <img src=x onerror=alert(1)> and <a href="http://evil.example/">click</a> '
            "<b>bold</b> &amp; more.")
    page = f"Coalition News\n17 May 2017 In Coalition News\n\n{body} (Source: Test)\n"
    (tmp_path / "markup.txt").write_text(page, encoding="utf-8")
    db = open_store(tmp_path / "m.db")
    assert not import_paths(db, [tmp_path / "markup.txt"]).failed
    db.close()
    win = create_window(tmp_path / "m.db", "tester", settings)
    qtbot.addWidget(win)
    win.show()
    try:
        shown = win.reader.body.toPlainText()
        assert "<img src=x onerror=alert(1)>" in shown and '<a href="http://evil.example/">click</a>' in shown
        assert "<b>bold</b> &amp; more." in shown
        block = win.reader.body.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                assert not fmt.isImageFormat() and not fmt.isAnchor()
                it += 1
            block = block.next()
        title = win.items.model.index(0, 1).data()
        assert "<img" in title  # the list shows it as text too
    finally:
        win.close()
        win.session.db.close()


def test_suggest_tags_runs_in_the_background_and_results_reach_the_list(window, qtbot):
    from annotator.store import annotations

    assert window.tag_all_act.isEnabled()
    job = long_work.suggest_tags(window, only_current=False)
    assert job is not None and window.progress.isVisible()
    qtbot.waitUntil(lambda: not window.progress.busy, timeout=60000)
    report = job.report
    assert not isinstance(report, Exception), report
    assert report.total == 12 and not report.failed
    stored = annotations.counts_by_kind_state(window.session.db)
    assert sum(states.get("suggested", 0) for states in stored.values()) == report.added > 0
    model = window.items.model
    listed = sum(int(model.index(r, 3).data() or 0) for r in range(model.rowCount()))
    assert listed == report.added  # the list counts were refreshed from the store
    assert any(t["state"] == "suggested" for t in window.session.view.tags) or window.session.view.tags == []


def test_tag_tooltips_escape_what_the_data_says():
    from annotator.ui.body_view import tag_tooltip

    tip = tag_tooltip({"kind": "speaker", "state": "suggested", "origin": "auto", "rule": "speaker.<script>",
                       "confidence": 0.8, "analyst": None,
                       "attributes": {"name": "<img src=x onerror=alert(1)>", "role": "a & b"}})
    assert "<img" not in tip and "&lt;img src=x onerror=alert(1)&gt;" in tip
    assert "a &amp; b" in tip and "speaker.&lt;script&gt;" in tip and "Speaker" in tip


def test_suggesting_again_withdraws_an_outdated_suggestion_from_the_panel(window, qtbot):
    """A suggestion today's rules do not make (an older release's) leaves the Locations panel
    when the analyst runs the menu action again; the status bar says so."""
    from tests.ui.conftest import suggest
    from tests.ui.test_window import show

    show(window, 3)
    [stale] = suggest(window.session.db, 3, ["Coalition"], kind="location")
    show(window, 4)
    show(window, 3)
    panel = window.panels["location"]
    window.docks["location"].raise_()  # a panel behind another tab is filled when it comes up
    qtbot.waitUntil(lambda: not panel.hidden_in_window())
    assert stale in [panel.list.topLevelItem(i).data(0, Qt.UserRole) for i in range(panel.list.topLevelItemCount())]
    window.tag_item_act.trigger()
    qtbot.waitUntil(lambda: not window.progress.busy, timeout=60000)
    assert "1 outdated suggestion withdrawn" in window.statusBar().currentMessage()
    shown = [panel.list.topLevelItem(i).data(0, Qt.UserRole) for i in range(panel.list.topLevelItemCount())]
    assert stale not in shown and all(t["id"] != stale for t in window.session.view.tags)
