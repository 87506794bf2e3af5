"""Start the window: `annotator`, `annotator gui [--item ID] [--screenshot FILE.png]`.

The analyst name is asked once and kept in QSettings (an INI file in the per-user data folder),
with the recent stores and the window layout. `--screenshot` renders offscreen at 1600x1000,
saves the PNG and exits without asking anything.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from annotator.paths import user_data_dir

SCREENSHOT_SIZE = (1600, 1000)
MAX_RECENT = 8


def _settings():  # noqa: ANN202 - QSettings, imported lazily with Qt
    from PySide6.QtCore import QSettings

    return QSettings(str(user_data_dir() / "window.ini"), QSettings.IniFormat)


def _interactive() -> bool:
    return os.environ.get("QT_QPA_PLATFORM", "") not in ("offscreen", "minimal")


def resolve_analyst(settings, given: str | None, default: str, interactive: bool) -> str:  # noqa: ANN001
    """--analyst wins; then the remembered name; at first start ask (or take the login name)."""
    if given:
        return given
    saved = settings.value("analyst", "", str)
    if saved:
        return saved
    name = default
    if interactive:
        from annotator.ui.name_dialog import AnalystNameDialog

        dialog = AnalystNameDialog(default)
        if dialog.exec() and dialog.chosen():
            name = dialog.chosen()
        settings.setValue("analyst", name)
    return name


def remember_store(settings, path: Path) -> None:  # noqa: ANN001
    recent = [p for p in (settings.value("recent_stores", [], list) or []) if p != str(path)]
    settings.setValue("recent_stores", [str(path), *recent][:MAX_RECENT])


def create_window(db_path: Path, analyst: str, settings=None, open_store_cb=None):  # noqa: ANN001, ANN201
    """Open the store and build a MainWindow over it (used by run() and by the tests)."""
    from annotator.services.stores import open_for_window
    from annotator.ui.main_window import MainWindow
    from annotator.ui.session import Session

    settings = settings if settings is not None else _settings()
    from annotator.services.stores import readonly_reason

    db, checked = open_for_window(db_path)
    readonly = readonly_reason(db, db_path)  # a full disk or a read-only store: read, change nothing
    if checked and not readonly:  # large stores take it after their background integrity check
        from annotator.services.safety import startup_backup

        startup_backup(db, db_path)
    session = Session(db, Path(db_path), analyst)
    window = MainWindow(session, settings, open_store=open_store_cb)
    if readonly:
        window.setWindowTitle(f"{window.windowTitle()} — read-only")
        window.statusBar().showMessage(f"Read-only: {readonly}. You can read and export; changes cannot be saved.")
    if not checked:
        window.check_integrity_in_background()
    remember_store(settings, Path(db_path))
    return window


def save_screenshot(window, item_id: int | None, out: str | Path,  # noqa: ANN001
                    size: tuple[int, int] = SCREENSHOT_SIZE) -> Path:
    """Render the window as an analyst would see it: item selected, first tag open in its panel."""
    from PySide6.QtWidgets import QApplication

    window.resize(*size)
    window.show()
    QApplication.processEvents()
    window.default_layout()
    if item_id is not None:
        window.select_item(item_id)
    QApplication.processEvents()
    view = window.session.view
    if view is not None and view.tags:
        pending = [t for t in view.tags if t["state"] == "suggested"]
        window.session.select_tag((pending or view.tags)[0]["id"])
    for _ in range(3):
        QApplication.processEvents()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out), "PNG"):
        raise OSError(f"could not write {out}")
    return out


def save_view_screenshot(window, view: str, out: str | Path, size: tuple[int, int] = (1400, 900)) -> Path:  # noqa: ANN001
    """Render one incident view (incidents, map, timeline), loaded, at `size` (1400x900 unless
    --size says otherwise)."""
    from PySide6.QtWidgets import QApplication

    window.resize(*SCREENSHOT_SIZE)
    window.show()
    QApplication.processEvents()
    dock = window.incident_views.show_view(view, size)
    panel = window.incident_views.panel
    if view == "incidents" and panel.model.rows:  # show one whose figures span several harm kinds, if any
        panel.select_id(max(panel.model.rows[:200], key=lambda r: len(r.get("figures") or {}))["id"])
    for _ in range(3):
        QApplication.processEvents()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not dock.widget().grab().save(str(out), "PNG"):
        raise OSError(f"could not write {out}")
    return out


_NOISE = ("This plugin does not support propagateSizeHints()",)  # Qt's offscreen plugin, once per window
_handlers: list[Any] = []  # the installed handler, kept alive


def _drop_offscreen_noise() -> None:
    """A --screenshot run printed Qt's offscreen-plugin notice eight times; other messages pass."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode: Any, _context: Any, message: str) -> None:
        if message not in _NOISE:
            print(message, file=sys.stderr)

    _handlers.append(handler)
    qInstallMessageHandler(handler)


def run(db_path: Path, analyst: str | None, item_id: int | None, screenshot: str | None,
        import_paths: list[str] | None, default_analyst: str, view: str | None = None,
        size: tuple[int, int] | None = None, theme: str | None = None) -> int:
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from annotator.services.stores import StoreError
    from annotator.ui.style import apply_style

    QCoreApplication.setOrganizationName("Annotator")
    QCoreApplication.setApplicationName("Annotator")
    app = QApplication.instance()
    if app is None:
        if screenshot:
            _drop_offscreen_noise()
        app = QApplication(sys.argv[:1])
    settings = _settings()
    apply_style(app, theme or settings.value("appearance", "system", str),
                settings.value("font_size", 0.0, float) or None)
    name = resolve_analyst(settings, analyst, default_analyst, interactive=not screenshot and _interactive())

    if import_paths:
        from annotator.services.importing import import_paths as do_import
        from annotator.services.stores import open_store

        try:
            db = open_store(db_path)
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        report = do_import(db, import_paths, analyst=name)
        db.close()
        print(report.summary(), file=sys.stderr)

    windows: list = []

    def open_window(path: str | Path) -> bool:
        try:
            window = create_window(Path(path), name, settings, open_window)
        except StoreError as exc:
            if screenshot or not _interactive():
                print(f"error: {exc}", file=sys.stderr)
            else:
                QMessageBox.critical(None, "Cannot open store", str(exc))
            return False
        for old in windows:
            old.close()
        windows[:] = [window]
        return True

    if not open_window(db_path):
        return 1
    window = windows[0]
    if screenshot:
        if view:
            out = save_view_screenshot(window, view, screenshot, size or (1400, 900))
        else:
            out = save_screenshot(window, item_id, screenshot, size or SCREENSHOT_SIZE)
        print(f"screenshot saved: {out}", file=sys.stderr)
        # the size and the floating view were for the picture: the next real window opens as the analyst left it
        window.save_layout_on_close = False
        window.close()
        return 0
    window.restore_layout()
    if size:
        window.resize(*size)
        window.default_layout()
    if item_id is not None:
        window.select_item(item_id)
    window.show()
    _show_errors(window)
    _close_on_termination(app, windows)
    return app.exec()


def _close_on_termination(app, windows: list) -> None:  # noqa: ANN001
    """SIGTERM and SIGHUP (the session ends, the terminal closes) close the window as File > Quit
    does: edits saved, background jobs cancelled and their workers ended, without asking.

    Python runs signal handlers only when it gets control, which Qt's event loop does not give
    it: the signal wakes the loop through a pipe (signal.set_wakeup_fd) that Qt watches."""
    import signal

    from PySide6.QtCore import QSocketNotifier

    if not hasattr(signal, "SIGHUP"):  # Windows: no such signals to handle
        return
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)
    os.set_blocking(write_end, False)
    signal.set_wakeup_fd(write_end)
    notifier = QSocketNotifier(read_end, QSocketNotifier.Type.Read, app)

    def drain() -> None:  # returning to Python here is what runs the handler below
        try:
            os.read(read_end, 512)
        except BlockingIOError:
            pass

    def terminate(signum: int, frame: object) -> None:
        for window in windows:
            window.terminating = True  # no "cancel the running job?" question
            window.close()
        app.quit()

    notifier.activated.connect(drain)
    app._termination_notifier = notifier  # kept alive with the application
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, terminate)


def _show_errors(window) -> None:  # noqa: ANN001
    """An unexpected error is shown to the analyst (status bar and a dialog with the details),
    never only logged; the store is untouched by a failed action (each one is a transaction)."""
    import traceback

    from PySide6.QtWidgets import QMessageBox

    previous = sys.excepthook

    def hook(kind, value, tb) -> None:  # noqa: ANN001
        previous(kind, value, tb)
        window.statusBar().showMessage(f"Error: {value}", 10000)
        box = QMessageBox(QMessageBox.Warning, "Something went wrong",
                          f"{kind.__name__}: {value}\n\nThe action did not complete; the store keeps its last "
                          "saved state. Please report this with the details below.", QMessageBox.Ok, window)
        box.setDetailedText("".join(traceback.format_exception(kind, value, tb)))
        box.exec()

    sys.excepthook = hook
