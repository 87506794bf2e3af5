"""Long work off the GUI thread: import, tag suggestion. Each job opens its own store
connection (SQLite connections are not shared across threads), reports progress through
signals, stops when Cancel is pressed, and says when results have landed so the list can
refresh while the work goes on."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from annotator.services.stores import open_store

Work = Callable[[Any, Callable[..., None], Callable[[], bool]], Any]  # (db, progress, should_stop) -> report

_live: weakref.WeakSet[QThread] = weakref.WeakSet()


def register_thread(thread: QThread) -> None:
    """Track a QThread so tests (and shutdown) can see whether it is still running."""
    _live.add(thread)


def running_jobs() -> list[QThread]:
    """Jobs whose thread is still running (the tests fail if any is left behind)."""
    return [j for j in list(_live) if j.isRunning()]


class Job(QThread):
    progressed = Signal(int, int, str)  # done, total, message
    landed = Signal()  # some results are in the store
    done = Signal(object)  # the work's report, or an Exception

    def __init__(self, title: str, db_path: Path, work: Work, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.title, self.db_path, self.work = title, Path(db_path), work
        self.report: Any = None
        _live.add(self)

    def run(self) -> None:
        try:
            db = open_store(self.db_path)
        except Exception as exc:  # noqa: BLE001 - reported in the window, not raised in a thread
            self.report = exc
            self.done.emit(exc)
            return
        try:
            self.report = self.work(db, self._progress, self.isInterruptionRequested)
        except Exception as exc:  # noqa: BLE001 - the window shows the job's failure
            self.report = exc
        finally:
            db.close()
        self.done.emit(self.report)

    def _progress(self, done: int, total: int, message: str = "", landed: bool = True) -> None:
        self.progressed.emit(int(done), int(total), str(message))
        if landed:
            self.landed.emit()

    def cancel(self) -> None:
        self.requestInterruption()


class ProgressArea(QWidget):
    """Status-bar strip: what is running, a progress bar, Cancel. Hidden when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(220)
        self.bar.setTextVisible(True)
        self.cancel_btn = QPushButton("Cancel")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_btn)
        self.job: Job | None = None
        self._on_landed: Callable[[], None] | None = None
        self._on_done: Callable[[Any], None] | None = None
        self._throttle = QTimer(self, singleShot=True, interval=400)
        self._throttle.timeout.connect(self._refresh)
        self.cancel_btn.clicked.connect(self.cancel)
        self.hide()

    # Worker signals reach the GUI thread through @Slot methods of this QObject (queued by Qt
    # because it lives in the GUI thread), never through lambdas: PySide has crashed on queued
    # calls into plain Python callables.
    def track(self, job: Job, on_landed: Callable[[], None], on_done: Callable[[Any], None]) -> None:
        self.job, self._on_landed, self._on_done = job, on_landed, on_done
        self.label.setText(job.title)
        self.bar.setRange(0, 0)  # busy until the first report gives a total
        self.bar.setFormat("%p%")
        self.cancel_btn.setEnabled(True)
        self.show()
        job.landed.connect(self._landed)
        job.progressed.connect(self._progressed)
        job.done.connect(self._finished)
        job.start()

    @Slot()
    def _landed(self) -> None:
        if not self._throttle.isActive():  # refresh the list at most a few times a second
            self._throttle.start()

    @Slot()
    def _refresh(self) -> None:
        if self._on_landed is not None:
            self._on_landed()

    @Slot(object)
    def _finished(self, report: Any) -> None:
        job, on_done = self.job, self._on_done
        self._throttle.stop()
        if job is not None:
            job.wait()
        self.job = None
        self.hide()
        self._refresh()
        self._on_landed = self._on_done = None
        if on_done is not None:
            on_done(report)

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            self.bar.setFormat(f"{done:,} / {total:,}")
        if message:
            self.label.setText(f"{self.job.title if self.job else ''}: {message}")

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_btn.setEnabled(False)
            self.label.setText("Cancelling…")

    @property
    def busy(self) -> bool:
        return self.job is not None


class IntegrityJob(QThread):
    """PRAGMA quick_check of a large store after the window is up (see store.window_open),
    then the start-up backup (at most hourly) that small stores take before the window opens."""

    done = Signal(str)  # "ok" or what is wrong

    def __init__(self, db_path: Path, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.db_path = Path(db_path)
        _live.add(self)

    def run(self) -> None:
        from annotator.services.safety import startup_backup_of_file
        from annotator.services.stores import integrity

        result = integrity(self.db_path)
        if result == "ok" and not self.isInterruptionRequested():
            startup_backup_of_file(self.db_path)
        self.done.emit(result)

    def cancel(self) -> None:
        self.requestInterruption()
