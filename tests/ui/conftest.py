"""Window fixtures: a real MainWindow over a store with the 12 seed items, offscreen.

Every test here fails if it leaves a worker thread running (as napari's conftest does)."""

from __future__ import annotations

import time

import pytest

from tests.conftest import SAMPLE_DATA


@pytest.fixture(autouse=True)
def _no_job_left_running():
    """Qt job threads (QThread) are not Python threads: the suite-wide thread check in
    tests/conftest.py cannot see them, so window tests check them here too."""
    yield
    from annotator.ui.workers import running_jobs

    deadline = time.monotonic() + 5
    while running_jobs() and time.monotonic() < deadline:
        time.sleep(0.02)
    leftover_jobs = running_jobs()
    for job in leftover_jobs:  # stop them so one failure does not cascade
        job.cancel()
        job.wait(5000)
    assert not leftover_jobs, f"test left worker threads running: {leftover_jobs}"



@pytest.fixture
def store_path(tmp_path):
    from annotator.services.importing import import_paths
    from annotator.store import open_store

    path = tmp_path / "ui.db"
    db = open_store(path)
    assert not import_paths(db, [SAMPLE_DATA], analyst="tester").failed
    db.close()
    return path


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "window.ini"), QSettings.IniFormat)


@pytest.fixture
def window(qtbot, store_path, settings):
    from annotator.ui.app import create_window

    win = create_window(store_path, "tester", settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()  # stops jobs and pending timers before the store goes away
    win.session.db.close()


def dump_annotations(db):
    return db.conn.execute("SELECT * FROM annotations ORDER BY id").fetchall()


def suggest(db, item_id, words, kind="speaker"):
    """Put tagger-style suggestions on an item (the tagger itself is tested elsewhere)."""
    from annotator.store import annotations, items

    body = items.get_item(db, item_id)["body"]
    rows = []
    for w in words:
        start = body.index(w)
        rows.append({"item_id": item_id, "kind": kind, "start": start, "end": start + len(w), "text": w,
                     "attributes": {"name": w}, "rule": "test.rule", "confidence": 0.9})
    annotations.insert_many_suggestions(db, rows)
    return [a["id"] for a in annotations.for_item(db, item_id, states=["suggested"])]
