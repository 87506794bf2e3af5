"""The item list model: all matching ids, rows fetched a page at a time on demand.

Like Anki's browser table: the model holds only ids (a few MB for a million items) and a small
LRU cache of row pages; `data()` fetches the page a visible row belongs to. Sorting and filtering
re-query ids from the store, which has indexes for them.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap, QPainter

from annotator.services import browse
from annotator.ui.session import Session
from annotator.ui.style import STATUS_COLOURS, STATUS_LABELS

COLUMNS = (("date", "Date"), ("title", "Title"), ("status", "Status"), ("suggested", "Sugg."), ("accepted", "Acc."))
PAGE = 128
MAX_PAGES = 48


def _dot(colour: QColor) -> QIcon:
    pix = QPixmap(10, 10)
    pix.fill(Qt.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    p.setBrush(colour)
    p.setPen(Qt.NoPen)
    p.drawEllipse(1, 1, 8, 8)
    p.end()
    return QIcon(pix)


class ItemTableModel(QAbstractTableModel):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.filter = browse.ItemFilter()
        self.sort_key, self.descending = "date", False
        self._ids = array("q")
        self._pages: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self._icons: dict[str, QIcon] = {}

    # --- queries -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-query the ids for the current filter and sort (after filter, sort or bulk work)."""
        self.beginResetModel()
        self._ids = array("q", browse.item_ids(self.session.db, self.filter, self.sort_key, self.descending))
        self._pages.clear()
        self.endResetModel()

    def set_filter(self, f: browse.ItemFilter) -> None:
        self.filter = f
        self.reload()

    def item_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, item_id: int) -> int:
        """The row showing `item_id`, or -1. Cached (visible) pages first: no scan in the usual case."""
        for page, rows in self._pages.items():
            if item_id in rows:
                start = page * PAGE
                chunk = self._ids[start : start + PAGE]
                return start + chunk.index(item_id)
        try:
            return self._ids.index(item_id)
        except ValueError:
            return -1

    def refresh_item(self, item_id: int) -> None:
        """One item's counts or status changed: refetch its page lazily and repaint its row."""
        row = self.row_of(item_id)
        if row < 0:
            return
        self._pages.pop(row // PAGE, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _row(self, row: int) -> dict[str, Any] | None:
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            ids = list(self._ids[page * PAGE : (page + 1) * PAGE])
            rows = browse.list_rows(self.session.db, ids)
            self._pages[page] = rows
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows.get(self._ids[row])

    # --- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if orientation == Qt.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.DisplayRole:
                return COLUMNS[section][1]
            if role == Qt.ToolTipRole and COLUMNS[section][0] in ("suggested", "accepted"):
                return {"suggested": "Open suggestions", "accepted": "Accepted or edited tags"}[COLUMNS[section][0]]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)) or not (0 <= index.column() < len(COLUMNS)):
            return None
        key = COLUMNS[index.column()][0]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            row = self._row(index.row())
            if row is None:
                return None
            if key == "status":
                return STATUS_LABELS.get(row["status"], row["status"])
            if key == "title" and role == Qt.DisplayRole:
                return " ".join((row["title"] or "").split())
            value = row[key]
            if key in ("suggested", "accepted") and role == Qt.DisplayRole:
                return str(value) if value else ""
            return "" if value is None else str(value)
        if role == Qt.DecorationRole and key == "status":
            row = self._row(index.row())
            return self._status_icon(row["status"]) if row else None
        if role == Qt.TextAlignmentRole and key in ("suggested", "accepted"):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.UserRole:
            return self._ids[index.row()]
        return None

    def _status_icon(self, status: str) -> QIcon:
        if status not in self._icons:
            self._icons[status] = _dot(STATUS_COLOURS.get(status, QColor("gray")))
        return self._icons[status]

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old = [(p, self.item_id(p.row())) for p in self.persistentIndexList()]
        self.sort_key, self.descending = COLUMNS[column][0], order == Qt.DescendingOrder
        self._ids = array("q", browse.item_ids(self.session.db, self.filter, self.sort_key, self.descending))
        self._pages.clear()
        for p, item_id in old:
            row = self.row_of(item_id) if item_id is not None else -1
            self.changePersistentIndex(p, self.index(row, p.column()) if row >= 0 else QModelIndex())
        self.layoutChanged.emit()
