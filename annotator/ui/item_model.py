"""The item list model: all matching ids, rows fetched a page at a time on demand.

Like Anki's browser table: the model holds only ids (a few MB for a million items) and a small
LRU cache of row pages; `data()` fetches the page a visible row belongs to. Sorting and filtering
re-query ids from the store, which has indexes for them.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPixmap, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from annotator.terminal import visible_marks
from annotator.services import browse
from annotator.ui.session import Session
from annotator.ui.style import STATUS_COLOURS, STATUS_LABELS
from annotator.ui.workers import register_thread

NO_DATE = "needs date"  # a report imported with its date unknown (issue 12)
COLUMNS = (("date", "Date"), ("title", "Title"), ("status", "Status"), ("suggested", "Sugg."), ("accepted", "Acc."))
PAGE = 128
FIRST_ROWS = 2000  # ids fetched before the window shows; the rest load in the background
SCREEN_ROWS = 64  # a search lists at least this many hits (a screenful) before the rest
LOADER_DELAY_MS = 100  # after the first screen has painted: the reader thread takes the GIL in turns
MAX_PAGES = 48

_DISPLAY, _DECORATION, _TOOLTIP = int(Qt.DisplayRole.value), int(Qt.DecorationRole.value), int(Qt.ToolTipRole.value)
_ALIGN, _USER = int(Qt.TextAlignmentRole.value), int(Qt.UserRole.value)
_ROLES = frozenset((_DISPLAY, _DECORATION, _TOOLTIP, _ALIGN, _USER))
_ROLE_INT = {r: int(r.value) for r in (Qt.DisplayRole, Qt.DecorationRole, Qt.ToolTipRole, Qt.TextAlignmentRole,
                                       Qt.UserRole)}
_RIGHT = int((Qt.AlignRight | Qt.AlignVCenter).value)
_RIGHT_ALIGN = Qt.AlignRight | Qt.AlignVCenter
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_HAS_DECORATION = QStyleOptionViewItem.ViewItemFeature.HasDecoration
_NO_FEATURE = QStyleOptionViewItem.ViewItemFeature.None_
_FEATURES: dict[tuple[int, bool, bool], QStyleOptionViewItem.ViewItemFeature] = {}
_DOT_SIZE = QSize(10, 10)
_HORIZONTAL = Qt.Horizontal


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
    fully_loaded = Signal()  # the background part of the id list has arrived
    counted = Signal()  # `total` is known (before the rest of a long list has arrived)
    first_rows = Signal()  # the first rows arrived from the reader thread into an empty list

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.filter = browse.ItemFilter()
        self.sort_key, self.descending = "date", False
        self._ids = array("q")
        self._pages: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self._icons: dict[str, QIcon] = {}
        self._generation = 0
        self._all: array | None = None  # every id in ascending date order, once read
        self._all_max = 0  # the largest item id when self._all was read
        self._rank: array | None = None  # item id -> 1 + its row in self._all (a little after it)
        self._full = False  # self._ids is the whole unfiltered list (rows follow from ranks)
        self._loaders: list[ListLoader] = []
        self.loading = False
        self.total: int | None = None  # rows the list has when complete; None while counting
        self.title_chars = 1000  # set by the view from the title column's width

    # --- queries -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-query the ids for the current filter and sort (after filter, sort or bulk work).

        Nothing here waits for a long list: the unfiltered list comes back from memory once it
        has been read; a search lists its first screen of hits (browse.first_search_hits) and
        counts, sorts and lists the rest in a background thread; other filters in date order
        list their first FIRST_ROWS rows and the rest from the background thread."""
        self._generation += 1
        self.loading = False
        self.total = None
        db = self.session.db
        if self._all is not None and browse.max_item_id(db) != self._all_max:
            self._rank = self._all = None  # items were added: the display order is out of date
        f, by_date = self.filter, self.sort_key == "date"
        searching = bool(f.search and browse.fts_query(f.search))
        background, delay = False, LOADER_DELAY_MS
        self.beginResetModel()
        self._pages.clear()
        self._full = False
        if by_date and f == browse.ItemFilter() and self._all is not None:
            self._ids = self._all[::-1] if self.descending else self._all
            self._full = True
        elif by_date and searching and self.session.db_path.is_file() and browse.slow_to_start(db, f):
            self._ids, background, delay = array("q"), True, 0  # the reader thread finds even the first screen
        elif by_date and searching and self.session.db_path.is_file():
            first, complete = browse.first_search_hits(db, f, self.descending, SCREEN_ROWS, self._all, self._rank)
            self._ids, background = array("q", first), not complete
        elif by_date and self.session.db_path.is_file():
            first = browse.item_ids(db, f, "date", self.descending, limit=FIRST_ROWS)
            self._ids, background = array("q", first), len(first) == FIRST_ROWS
        else:
            self._ids = array("q", browse.item_ids(db, f, self.sort_key, self.descending))
        if not background:
            self.total = len(self._ids)
        self.endResetModel()
        if by_date and f == browse.ItemFilter() and not background and self._all is None:
            ascending = self._ids[::-1] if self.descending else self._ids  # small store: all ids are here
            self._set_all(ascending, max(ascending, default=0))
            self._set_rank(ascending, display_ranks(ascending))
            self._full = True
        if background:
            self.loading = True
            # start after the first rows are painted: the reader thread holds the GIL now and
            # then, which should not delay the first frame
            QTimer.singleShot(delay, self, lambda g=self._generation: self._load_rest(g))

    def _set_all(self, ascending: array, ceiling: int) -> None:
        self._all, self._all_max, self._rank = ascending, ceiling, None

    @Slot(object, object)
    def _set_rank(self, ascending: array, rank: array) -> None:
        if ascending is self._all:  # not replaced by a newer read meanwhile
            self._rank = rank

    def _load_rest(self, generation: int) -> None:
        if generation != self._generation:
            return  # superseded before it started
        plain = browse.only_search(self.filter) and self._all is not None
        loader = ListLoader(self.session.db_path, self.filter, self.descending, generation,
                            self._all if plain else None, self._rank if plain else None,
                            first=not self._ids and browse.slow_to_start(self.session.db, self.filter), parent=self)
        loader.first.connect(self._first_loaded)
        loader.loaded.connect(self._rest_loaded)  # slots of this GUI-thread object: queued
        loader.counted.connect(self._counted)
        loader.ranked.connect(self._set_rank)
        self._loaders.append(loader)
        self.loading = True
        loader.start()

    @Slot(int, object)
    def _first_loaded(self, generation: int, ids: list[int]) -> None:
        """The first screen of a search the reader thread started (see browse.slow_to_start)."""
        if generation == self._generation and self.loading and not self._ids and ids:
            self.beginInsertRows(QModelIndex(), 0, len(ids) - 1)
            self._ids = array("q", ids)
            self.endInsertRows()
            self.first_rows.emit()

    @Slot(int, int)
    def _counted(self, generation: int, total: int) -> None:
        if generation == self._generation and self.loading:
            self.total = total
            self.counted.emit()

    @Slot(int, object, object)
    def _rest_loaded(self, generation: int, ids: array, full: tuple | None) -> None:
        self._loaders = [t for t in self._loaders if not t.isFinished()]
        if full is not None:
            self._set_all(*full)
        if generation != self._generation:
            return  # a newer filter or sort has replaced this list
        self.loading = False
        self.total = len(ids)
        n = len(self._ids)
        if ids[:n] == self._ids:
            if len(ids) > n:
                self._pages.pop(n // PAGE, None)  # that page was fetched with only its first rows
                self.beginInsertRows(QModelIndex(), n, len(ids) - 1)
                self._ids = ids
                self.endInsertRows()
        else:  # the store changed meanwhile (e.g. an import): swap, keeping the selection
            self._swap_ids(ids)
        self._full = full is not None
        self.fully_loaded.emit()

    def shutdown(self) -> None:
        """The window is closing: drop pending loads and wait for running ones."""
        self._generation += 1
        self.loading = False
        for t in self._loaders:
            t.wait()
        self._loaders.clear()

    def wait_for_loaders(self) -> None:
        """Block until the background ids are in (and applied): --item, shutdown, tests."""
        from PySide6.QtCore import QCoreApplication

        if self.loading and not self._loaders:  # still waiting for its start timer
            self._load_rest(self._generation)
        for t in self._loaders:
            t.wait()
        QCoreApplication.sendPostedEvents(self, 0)  # deliver the queued signals now
        self._loaders.clear()

    def wait_for_list(self) -> None:
        """Block until the whole list is in (not for the ranks computed after it): --item."""
        from PySide6.QtCore import QCoreApplication

        if self.loading and not self._loaders:
            self._load_rest(self._generation)
        while self.loading and self._loaders:
            self._loaders[-1].wait(5)
            QCoreApplication.sendPostedEvents(self, 0)

    def set_filter(self, f: browse.ItemFilter) -> None:
        self.filter = f
        self.reload()

    def item_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, item_id: int) -> int:
        """The row showing `item_id`, or -1. The whole list: from the display ranks. Otherwise
        cached (visible) pages first: no scan in the usual case."""
        if self._full and self._rank is not None:
            pos = self._rank[item_id] - 1 if 0 < item_id < len(self._rank) else -1
            row = len(self._ids) - 1 - pos if self.descending else pos
            if pos >= 0 and 0 <= row < len(self._ids) and self._ids[row] == item_id:
                return row
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
        """One item's counts or status changed: refetch that row only and repaint its cells."""
        row = self.row_of(item_id)
        if row < 0:
            return
        page = self._pages.get(row // PAGE)
        if page is None:
            return  # not fetched yet: it will be read fresh when it is scrolled into view
        old = page.get(item_id)
        new = browse.list_rows(self.session.db, [item_id]).get(item_id)
        if new is None:
            return
        page[item_id] = new
        # only the cells that changed (an accept changes a count, sometimes the status), one
        # signal each: a multi-cell range makes the view repaint its whole viewport
        for col, (key, _label) in enumerate(COLUMNS):
            if old is None or old.get(key) != new.get(key):
                idx = self.index(row, col)
                self.dataChanged.emit(idx, idx)

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
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt idiom
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt idiom
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        role = _ROLE_INT.get(role, role) if not isinstance(role, int) else role
        if role not in (_DISPLAY, _TOOLTIP) or not 0 <= section < len(COLUMNS) or orientation != _HORIZONTAL:
            return None
        key, label = COLUMNS[section]
        if role == _DISPLAY:
            return label
        return {"suggested": "Open suggestions", "accepted": "Accepted or edited tags"}.get(key)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        # Called ~1,000 times per repaint: plain int roles and early exits, no enum arithmetic.
        role = _ROLE_INT.get(role, role) if not isinstance(role, int) else role
        if role not in _ROLES or not index.isValid():
            return None
        row_n, col = index.row(), index.column()
        if not (0 <= row_n < len(self._ids)) or not (0 <= col < len(COLUMNS)):
            return None
        if role == _ALIGN:
            return _RIGHT if col >= 3 else None
        if role == _USER:
            return self._ids[row_n]
        key = COLUMNS[col][0]
        if role == _DECORATION:
            if key != "status":
                return None
            row = self._row(row_n)
            return self._status_icon(row["status"]) if row else None
        row = self._row(row_n)
        if row is None:
            return None
        if key == "status":
            return STATUS_LABELS.get(row["status"], row["status"])
        value = row[key]
        if key == "title":
            # only as much as the column can show: the view shapes the whole string to elide it
            return visible_marks(" ".join((value or "")[: self.title_chars].split())) if role == _DISPLAY else value
        if col >= 3 and role == _DISPLAY:
            return str(value) if value else ""
        return (NO_DATE if key == "date" else "") if value is None else str(value)

    def cell(self, row_n: int, col: int) -> tuple[str, QIcon | None]:
        """What a cell shows (text, icon), for the delegate: one call per cell."""
        row = self._row(row_n) if 0 <= row_n < len(self._ids) else None
        if row is None:
            return "", None
        key = COLUMNS[col][0]
        if key == "status":
            return STATUS_LABELS.get(row["status"], row["status"]), self._status_icon(row["status"])
        value = row[key]
        if key == "title":
            return visible_marks(" ".join((value or "")[: self.title_chars].split())), None
        if col >= 3:
            return (str(value) if value else ""), None
        return ((NO_DATE if key == "date" else "") if value is None else str(value)), None

    def _status_icon(self, status: str) -> QIcon:
        if status not in self._icons:
            self._icons[status] = _dot(STATUS_COLOURS.get(status, QColor("gray")))
        return self._icons[status]

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key, descending = COLUMNS[column][0], order == Qt.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending):
            return  # already in this order (e.g. the view enabling sorting at start-up)
        self.sort_key, self.descending = key, descending
        if key == "date":
            self.reload()  # first rows at once, the rest in the background
            return
        self._generation += 1
        self.loading, self._full = False, False
        self._swap_ids(browse.item_ids(self.session.db, self.filter, self.sort_key, self.descending))
        self.total = len(self._ids)

    def _swap_ids(self, ids: list[int]) -> None:
        """Replace the list, moving persistent indexes (the selection) to their items' new rows."""
        self.layoutAboutToBeChanged.emit()
        old = [(p, self.item_id(p.row())) for p in self.persistentIndexList()]
        self._ids = array("q", ids)
        self._pages.clear()
        for p, item_id in old:
            row = self.row_of(item_id) if item_id is not None else -1
            self.changePersistentIndex(p, self.index(row, p.column()) if row >= 0 else QModelIndex())
        self.layoutChanged.emit()


class ItemDelegate(QStyledItemDelegate):
    """Fills a cell's style option with one call to the model. The stock delegate asks the
    model for seven roles per cell, each a C++ -> Python round trip: that doubled the cost of
    painting the list (about 8 ms more for a full page)."""

    def __init__(self, model: ItemTableModel, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._model = model

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        col = index.column()
        text, icon = self._model.cell(index.row(), col)
        option.index = index
        features = option.features  # what the view set (alternate rows)
        key = (features.value, bool(text), icon is not None)
        combined = _FEATURES.get(key)
        if combined is None:  # OR-ing PySide flags builds enum objects: once per combination
            combined = _FEATURES[key] = features | (_HAS_DISPLAY if text else _NO_FEATURE) \
                | (_HAS_DECORATION if icon is not None else _NO_FEATURE)
        if text:
            option.text = text
        if icon is not None:
            option.icon = icon
            option.decorationSize = _DOT_SIZE
        option.features = combined
        if col >= 3:
            option.displayAlignment = _RIGHT_ALIGN


class ListLoader(QThread):
    """Counts and reads the whole id list of a filter with its own read-only connection."""

    first = Signal(int, object)  # generation, the first screen of ids (when asked for)
    counted = Signal(int, int)  # generation, how many rows the list will have
    loaded = Signal(int, object, object)  # generation, ids, (all ids ascending, largest id) if unfiltered
    ranked = Signal(object, object)  # all ids ascending, their display ranks (after `loaded`)

    def __init__(self, db_path, f: browse.ItemFilter, descending: bool, generation: int,  # noqa: ANN001
                 order: array | None = None, rank: array | None = None, first: bool = False,
                 parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.db_path, self.filter, self.descending, self.generation = db_path, f, descending, generation
        self.order, self.rank = order, rank  # every id in ascending display order, for a plain search
        self.want_first = first
        register_thread(self)

    def run(self) -> None:
        from annotator.services.stores import open_reader

        db = open_reader(self.db_path)
        try:
            full = None
            if self.want_first:
                ids, _complete = browse.first_search_hits(db, self.filter, self.descending, SCREEN_ROWS, self.order,
                                                         self.rank)
                self.first.emit(self.generation, ids)
            if self.filter == browse.ItemFilter():
                ascending = browse.all_ids_in_order(db)
                self.counted.emit(self.generation, len(ascending))
                full = (ascending, browse.max_item_id(db))
                ids = ascending[::-1] if self.descending else ascending
            elif self.order is not None:
                hits = browse.search_hits(db, self.filter.search or "")
                self.counted.emit(self.generation, len(hits))
                ids = browse.in_display_order(hits, self.order, self.descending)
            else:
                self.counted.emit(self.generation, browse.count_matching(db, self.filter))
                ids = array("q", browse.item_ids(db, self.filter, "date", self.descending))
        finally:
            db.close()
        self.loaded.emit(self.generation, ids, full)
        if full is not None:  # ranks (for ordering few search hits) after the list is shown
            self.ranked.emit(full[0], display_ranks(full[0], full[1]))


def display_ranks(ascending: array, ceiling: int | None = None) -> array:
    """rank[id] = 1 + the item's row in ascending date order (0: not listed). 8 MB a million."""
    size = (ceiling if ceiling is not None else max(ascending, default=0)) + 1
    rank = array("q", bytes(8 * size))
    for pos, item_id in enumerate(ascending, 1):
        rank[item_id] = pos
    return rank
