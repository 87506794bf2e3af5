"""One date field as analysts write dates: typed text (`16 Mar 2017`, `Thursday`, `1-5 March`),
a calendar that opens at the item date, a button for the item date, a clear button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from annotator.services import typed_dates


class DateField(QWidget):
    """`value()` is (first, last) ISO dates, or None when empty; ValueError for unreadable text."""

    edited = Signal()

    def __init__(self, empty: str, item_date: Callable[[], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item_date = item_date
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(empty)
        self._help = ("Type a date as written: 2017-03-16, 16 Mar 2017, 16/03/2017, Thursday (the one on or "
                      "before the item date), March 2017, or a period: 1-5 March 2017")
        self.edit.setToolTip(self._help)
        self.edit.textEdited.connect(lambda _: self._typed())
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._open_calendar)
        self.menu = menu
        self.pick = QToolButton()
        self.pick.setText("▾")
        self.pick.setToolTip("Pick from a calendar (opens at the item date)")
        self.pick.setMenu(menu)
        self.pick.setPopupMode(QToolButton.InstantPopup)
        self.today = QToolButton()
        self.today.setText("Item")
        self.today.setToolTip("Use the item's date")
        self.today.clicked.connect(self.use_item_date)
        self.clear = QToolButton()
        self.clear.setText("✕")
        self.clear.setToolTip("Clear this date")
        self.clear.clicked.connect(self._cleared)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.pick)
        row.addWidget(self.today)
        row.addWidget(self.clear)
        self.setFocusProxy(self.edit)
        self.error: str | None = None

    # --- value ---------------------------------------------------------------------------------
    def set_value(self, first: str | None, last: str | None = None) -> None:
        text = typed_dates.shown(first, last)
        if self.edit.text() != text:
            self.edit.setText(text)
        self._mark(None)

    def value(self) -> tuple[str, str] | None:
        return typed_dates.parse(self.edit.text(), self._item_date())

    def text(self) -> str:
        return self.edit.text()

    def _typed(self) -> None:
        try:
            self.value()
            self._mark(None)
        except ValueError as exc:
            self._mark(str(exc))
        self.edited.emit()

    def _mark(self, error: str | None) -> None:
        # a red frame says "not read yet"; the reason is in the tooltip and, on commit, the status bar
        self.edit.setStyleSheet("QLineEdit { border: 2px solid #D55E00; }" if error else "")
        self.edit.setToolTip(f"{error}\n\n{self._help}" if error else self._help)
        self.error = error

    # --- buttons -------------------------------------------------------------------------------
    def _open_calendar(self) -> None:
        try:
            current = self.value()
        except ValueError:
            current = None
        iso = current[0] if current else self._item_date()
        when = QDate.fromString((iso or "")[:10], "yyyy-MM-dd")
        if when.isValid():
            self.calendar.setSelectedDate(when)
            self.calendar.setCurrentPage(when.year(), when.month())

    def _picked(self, when: QDate) -> None:
        self.edit.setText(when.toString("yyyy-MM-dd"))
        self.menu.hide()
        self._mark(None)
        self.edited.emit()
        self.edit.setFocus()

    def use_item_date(self) -> None:
        iso = (self._item_date() or "")[:10]
        if iso:
            self.edit.setText(iso)
            self._mark(None)
            self.edited.emit()

    def _cleared(self) -> None:
        self.edit.clear()
        self._mark(None)
        self.edited.emit()
        self.edit.setFocus()
