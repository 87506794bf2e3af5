"""Single reports in the window: paste a report, drop files, see where a report came from, and
give a report the date it lacks.

- File > New item from clipboard (Ctrl+Shift+V): the clipboard's HTML (or plain text) is stored as
  its own source (origin `clipboard`), then a small dialog shows the date that was read and asks
  for it to be confirmed, changed, or left unknown.
- Files and folders dropped on the window are imported as by File > Import.
- Above the body, a line with the outlet, the dateline (where the report was filed from), the
  byline and where the date came from; a report whose date is unknown says so, with a button.
- Item > Set date… (Ctrl+Shift+D): one undoable change, in history.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget)

from annotator.services import dating
from annotator.ui import long_work, style
from annotator.ui.reader import long_date, plain_label

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

NEW_FROM_CLIPBOARD = "Ctrl+Shift+V"
SET_DATE = "Ctrl+Shift+D"


def date_source(item: dict[str, Any]) -> str:
    """Where an item's date came from, in words."""
    if item.get("layout") is None:
        return "date from the listing's date line"
    rule = item.get("date_rule") or ""
    if item.get("needs_date"):
        return f"Date unknown: {rule}" if rule else "Date unknown"
    if item.get("date_line"):
        return f"date from line {item.get('date_line_no')}: “{item['date_line']}” ({rule})"
    return f"date {rule}" if rule else ""


class ReportHeader(QWidget):
    """Outlet, dateline, byline and the date's origin; a "needs date" flag with a button."""

    def __init__(self, on_set_date, parent: QWidget | None = None) -> None:  # noqa: ANN001 - a slot
        super().__init__(parent)
        self.parts = style.muted(plain_label())
        self.origin = style.muted(plain_label())
        self.flag = plain_label(wrap=False)
        self.flag.setText("Needs a date")
        self.flag.setStyleSheet("color: #b00020; font-weight: bold;")
        self.set_date = QPushButton("Set date…")
        self.set_date.setToolTip(f"Give this report its date ({SET_DATE}); undoable")
        self.set_date.clicked.connect(on_set_date)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.flag)
        row.addWidget(self.set_date)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.parts)
        layout.addWidget(self.origin)
        layout.addLayout(row)
        self.show_item(None)

    def show_item(self, item: dict[str, Any] | None) -> None:
        report = item is not None and item.get("layout") is not None
        needs = bool(item and item.get("needs_date"))
        parts = []
        if report:
            if item.get("outlet"):
                parts.append(item["outlet"])
            if item.get("dateline"):
                parts.append(f"filed from {item['dateline']}")
            if item.get("byline"):
                parts.append(f"by {item['byline']}")
            if item.get("source_origin") == "clipboard":
                parts.append("pasted")
        self.parts.setText("  ·  ".join(parts))
        self.parts.setVisible(bool(parts))
        self.origin.setText(date_source(item) if report else "")
        self.origin.setVisible(report)
        self.flag.setVisible(needs)
        self.set_date.setVisible(needs)


class DateDialog(QDialog):
    """Confirm, change or give an item's date. `value()` is an ISO date, or None for "unknown"."""

    def __init__(self, item: dict[str, Any], parent: QWidget | None = None, title: str = "Date of this report") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        head = plain_label()
        head.setText(item.get("title") or "")
        style.headline(head)
        found = plain_label()
        found.setText(f"Read as {long_date(item['date'])} — {date_source(item)}" if item.get("date")
                      else date_source(item) or "No date found")
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMMM yyyy")
        start = item.get("date") or _first_candidate(item.get("date_rule") or "")
        self.edit.setDate(QDate.fromString(start, "yyyy-MM-dd") if start else QDate.currentDate())
        self.unknown = QCheckBox("Leave the date unknown for now (the item stays flagged)")
        self.unknown.toggled.connect(lambda on: self.edit.setEnabled(not on))
        self.unknown.setChecked(not item.get("date") and not start)  # never a date nobody chose
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (head, found, self.edit, self.unknown, buttons):
            layout.addWidget(w)

    def value(self) -> str | None:
        return None if self.unknown.isChecked() else self.edit.date().toString("yyyy-MM-dd")


def _first_candidate(rule: str) -> str | None:
    """The first of the readings an ambiguous numeric date offers ("...: 2018-03-04 or 2018-04-03")."""
    for word in rule.replace(":", " ").split():
        try:
            return date.fromisoformat(word).isoformat()
        except ValueError:
            continue
    return None


def ask_date(win: MainWindow, item: dict[str, Any], title: str) -> tuple[bool, str | None]:
    """(accepted, date or None). Tests replace this to answer without a modal loop."""
    dialog = DateDialog(item, win, title)
    accepted = dialog.exec() == QDialog.Accepted
    return accepted, dialog.value()


def set_date_for(win: MainWindow, item_id: int, title: str = "Set the date of this report") -> None:
    from annotator.services import browse

    item = browse.item_row(win.session.db, item_id)
    if item is None:
        return
    accepted, value = ask_date(win, item, title)
    if accepted and value is not None and (value != item["date"] or item["needs_date"]):
        win.session.perform("Set date", dating.set_item_date, item_id, value)


def set_current_date(win: MainWindow) -> None:
    if win.session.view is not None:
        set_date_for(win, win.session.view.id)


def paste_item(win: MainWindow) -> int | None:
    """File > New item from clipboard. Returns the new item's id (None: nothing added)."""
    from annotator.services.importing import import_clipboard

    data = QApplication.clipboard().mimeData()
    text = data.text() if data is not None and data.hasText() else ""
    html = data.html() if data is not None and data.hasHtml() else None
    if not text.strip() and not (html or "").strip():
        win.statusBar().showMessage("The clipboard holds no text to import.", 6000)
        return None
    result, item_id = import_clipboard(win.session.db, text, html, analyst=win.session.analyst)
    if result.status != "imported" or item_id is None:
        win.statusBar().showMessage("This text is already in the store (pasted before)." if result.status == "duplicate"
                                    else result.message, 8000)
        return None
    win.store_grew()
    win.items.select_item(item_id)
    win.session.show_item(item_id)
    set_date_for(win, item_id, "Date of the pasted report")
    return item_id


class FileDrop(QObject):
    """Files and folders dropped on the window are imported as by File > Import."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win

    @staticmethod
    def paths(event) -> list[str]:  # noqa: ANN001 - a drag or drop event
        data = event.mimeData()
        if data is None or not data.hasUrls():
            return []
        return [url.toLocalFile() for url in data.urls() if url.isLocalFile()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in (QEvent.DragEnter, QEvent.DragMove) and self.paths(event):
            event.acceptProposedAction()
            return True
        if kind == QEvent.Drop and (paths := self.paths(event)):
            event.acceptProposedAction()
            long_work.run_import(self.win, paths)
            return True
        return False


def install(win: MainWindow) -> None:
    """Add the clipboard and set-date actions, the drop target and the report header."""
    file_menu = win.import_folder_act.associatedObjects()[-1]
    paste = QAction("New item from &clipboard…", win)
    paste.setShortcut(QKeySequence(NEW_FROM_CLIPBOARD))
    paste.setStatusTip("Import the report on the clipboard (text or web page) as a new item")
    paste.triggered.connect(lambda: paste_item(win))
    actions = file_menu.actions()
    after = actions.index(win.import_folder_act) + 1
    file_menu.insertAction(actions[after] if after < len(actions) else None, paste)
    win.paste_act = paste
    set_date = QAction("Set &date…", win)
    set_date.setShortcut(QKeySequence(SET_DATE))
    set_date.setStatusTip("Give the current report its date (for reports whose date is unknown or ambiguous)")
    set_date.triggered.connect(lambda: set_current_date(win))
    item_menu = next(a.menu() for a in win.menuBar().actions() if a.menu() and a.text() == "&Item")
    item_menu.addAction(set_date)
    win.set_date_act = set_date
    win.setAcceptDrops(True)
    win.file_drop = FileDrop(win)
    win.installEventFilter(win.file_drop)
    header = ReportHeader(lambda: set_current_date(win))
    win.report_header = header
    head = win.reader.layout().itemAt(0).layout()  # the reader's head: date, meta, attribution
    head.addWidget(header)
    win.session.item_shown.connect(lambda view: _show(win, view))


def _show(win: MainWindow, view) -> None:  # noqa: ANN001 - ItemView or None
    item = view.item if view is not None else None
    win.report_header.show_item(item)
    if item is not None and not item.get("date"):
        win.reader.date.setText("Date unknown")
