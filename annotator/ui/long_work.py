"""File > Import, Tools > Suggest tags, File > Export: the window side of long work.

Import and tagging run in a `Job` thread with its own store connection; the list refreshes as
results land. Tagging and export are wired to their services only when those exist."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.services import browse
from annotator.ui.workers import Job

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


def _optional(module: str, attr: str) -> ModuleType | None:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    return mod if hasattr(mod, attr) else None


def available(module: str) -> bool:
    """Whether a service module is installed, without importing it (the tagger compiles its
    patterns on import: half a second the window should not spend at start-up)."""
    return importlib.util.find_spec(module) is not None


def tagging() -> ModuleType | None:
    return _optional("annotator.services.tagging", "tag_items")


def exporting() -> ModuleType | None:
    return _optional("annotator.services.exporting", "export")


def _start(win: MainWindow, title: str, work: Any, on_done: Any, refresh: bool = True) -> Job | None:
    if win.progress.busy:
        win.statusBar().showMessage("Wait for the running job to finish (or cancel it) first.", 5000)
        return None
    job = Job(title, win.session.db_path, work, win)
    win.progress.track(job, on_landed=win.store_grew if refresh else (lambda: None), on_done=on_done)
    return job


def run_import(win: MainWindow, paths: list[str]) -> Job | None:
    from annotator.services.importing import import_paths  # the parsers load on first use

    analyst = win.session.analyst

    def work(db, progress, should_stop):  # noqa: ANN001, ANN202 - runs in the job thread
        return import_paths(db, paths, analyst=analyst, should_stop=should_stop,
                            progress=lambda n, total, result: progress(n, total, Path(result.path).name,
                                                                       landed=result.status == "imported"))

    def done(report: Any) -> None:
        if isinstance(report, Exception):
            QMessageBox.warning(win, "Import failed", str(report))
            return
        win.statusBar().showMessage(report.summary(), 10000)
        if report.failed:
            QMessageBox.warning(win, "Some files were not imported",
                                "\n".join(f.line() for f in report.failed[:20]))

    return _start(win, "Importing", work, done)


IMPORT_KEY = "import/folder"


def import_files(win: MainWindow) -> None:
    from annotator.ui.export_dialog import remember_folder, start_folder

    paths, _ = QFileDialog.getOpenFileNames(win, "Import pages and reports", str(start_folder(win.settings, IMPORT_KEY)),
                                            "Pages and reports (*.txt *.htm *.html *.pdf);;All files (*)")
    if paths:
        remember_folder(win.settings, paths[0], IMPORT_KEY)
        run_import(win, paths)


def import_folder(win: MainWindow) -> None:
    from annotator.ui.export_dialog import remember_folder, start_folder

    folder = QFileDialog.getExistingDirectory(win, "Import a folder of pages (searched recursively)",
                                              str(start_folder(win.settings, IMPORT_KEY)))
    if folder:
        remember_folder(win.settings, folder, IMPORT_KEY)  # its parent: the next folder is likely beside it
        run_import(win, [folder])


def suggest_tags(win: MainWindow, only_current: bool) -> Job | None:
    mod = tagging()
    if mod is None:
        return None
    if only_current:
        if win.session.view is None:
            return None
        ids: list[int] | None = [win.session.view.id]
    else:
        model = win.items.model
        narrowed = model.filter != browse.ItemFilter()
        ids = browse.item_ids(win.session.db, model.filter) if narrowed else None
    analyst = win.session.analyst

    def work(db, progress, should_stop):  # noqa: ANN001, ANN202
        def report(done: int, total: int, *rest: Any) -> None:
            progress(done, total, "")

        return mod.tag_items(db, item_ids=ids, analyst=analyst, progress=report, should_stop=should_stop)

    def done(result: Any) -> None:
        if isinstance(result, Exception):
            QMessageBox.warning(win, "Tagging failed", str(result))
        else:
            win.statusBar().showMessage(f"Suggestions done: {_describe(result)}", 10000)

    return _start(win, "Suggesting tags", work, done)


def _describe(result: Any) -> str:
    if hasattr(result, "summary") and callable(result.summary):
        return result.summary()
    return str(result)


def export_dialog(win: MainWindow) -> Job | None:
    """Export the items the list shows, in a job thread (progress and Cancel like import)."""
    mod = exporting()
    if mod is None:
        return None
    from annotator.ui.export_dialog import ExportDialog, remember_folder, start_folder

    dialog = ExportDialog(mod, win.items.model.rowCount(), start_folder(win.settings), win,
                          count=lambda status: mod.count_items(win.session.db, _items_filter(win, status)))
    if dialog.exec() != ExportDialog.Accepted:
        return None
    fmt, state, out = dialog.choice()
    remember_folder(win.settings, out)
    return run_export(win, fmt, state, out, dialog.item_status())


def _items_filter(win: MainWindow, status: str | None):  # noqa: ANN202 - ItemFilter
    """The list's filter, narrowed to one item status when the export dialog asks for it."""
    from dataclasses import replace

    f = win.items.model.filter
    return replace(f, status=status) if status else f


def run_export(win: MainWindow, fmt: str, state: str | None, out: str, status: str | None = None) -> Job | None:
    mod = exporting()
    filters = mod.ExportFilter(items=_items_filter(win, status), state=state)

    def work(db, progress, should_stop):  # noqa: ANN001, ANN202
        return mod.export(db, fmt, out, filters, progress=lambda n, total: progress(n, total, "", landed=False),
                          should_stop=should_stop)

    def done(report: Any) -> None:
        if isinstance(report, Exception):
            QMessageBox.warning(win, "Export failed", str(report))
        else:
            win.statusBar().showMessage(_describe(report), 10000)

    return _start(win, "Exporting", work, done, refresh=False)


def stop_all(win: MainWindow) -> None:
    """Cancel the running job and wait for its thread (closing the window, ending a test)."""
    job = win.progress.job
    if job is not None:
        job.cancel()
        job.wait()
