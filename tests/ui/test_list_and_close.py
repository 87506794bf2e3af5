"""Two behaviours no test watched: the item list repaints a row when an action changes it, and
closing the window while a background job runs asks, then stops the job and its workers."""

from __future__ import annotations

import multiprocessing

from PySide6.QtWidgets import QMessageBox

from annotator.services import review
from annotator.ui import long_work
from annotator.ui.item_model import COLUMNS
from annotator.ui.workers import running_jobs
from tests.ui.conftest import suggest

STATUS, SUGGESTED, ACCEPTED = (next(i for i, (key, _) in enumerate(COLUMNS) if key == k)
                               for k in ("status", "suggested", "accepted"))


def test_the_list_repaints_the_row_an_action_changed(window, qtbot):
    s, model = window.session, window.items.model
    first_word = s.db.conn.execute("SELECT body FROM items WHERE id = 4").fetchone()[0].split()[0]
    tag = suggest(s.db, 4, [first_word])[0]
    window.items.model.refresh_item(4)
    assert window.select_item(4)
    row = model.row_of(4)
    cells = lambda: [model.index(row, c).data() for c in (STATUS, SUGGESTED, ACCEPTED)]  # noqa: E731
    before = cells()
    repainted = []
    model.dataChanged.connect(lambda a, b: repainted.append((a.row(), a.column())))
    s.perform("Accept speaker", review.accept, tag)
    after = cells()
    assert after != before
    assert int(after[2] or 0) == int(before[2] or 0) + 1 and int(after[1] or 0) == int(before[1] or 0) - 1
    assert {(row, SUGGESTED), (row, ACCEPTED)} <= set(repainted)  # the view was told: it repaints
    s.undo_stack.undo()
    assert cells() == before


def _long_import(window, tmp_path):
    from benchmarks.generate import write_corpus

    write_corpus(tmp_path / "pages", 1500, seed=5)
    job = long_work.run_import(window, [str(tmp_path / "pages")])
    assert job is not None and window.progress.busy
    return job


def test_closing_while_a_job_runs_asks_and_no_keeps_it_running(window, qtbot, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.No)
    job = _long_import(window, tmp_path)
    window.close()
    assert asked and "still going" in asked[0]
    assert window.isVisible() and job.isRunning()  # nothing was stopped
    long_work.stop_all(window)


def test_closing_while_a_job_runs_stops_the_job_and_its_workers(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    job = _long_import(window, tmp_path)
    qtbot.waitUntil(lambda: job.isRunning(), timeout=10000)
    window.close()
    assert not window.isVisible()
    assert not job.isRunning() and not running_jobs()  # the thread was waited for, not abandoned
    assert not multiprocessing.active_children()  # parsing workers ended too
    count = window.session.db.conn.execute("SELECT count(*) FROM items").fetchone()[0]
    assert count < 12 + 1500  # it was cancelled, not left to finish
