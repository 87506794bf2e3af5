"""Left pane: search box and filters above the lazy item table."""

from __future__ import annotations

from PySide6.QtCore import QDate, QItemSelectionModel, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QCompleter, QDateEdit, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from annotator.services import browse
from annotator.vocabulary import ANNOTATION_KINDS, ITEM_STATUSES
from annotator.ui.item_model import ItemDelegate, ItemTableModel
from annotator.ui.panels.editors import compact
from annotator.ui.scroll_bars import QuietScrollBar
from annotator.ui.session import Session
from annotator.ui import style
from annotator.ui.style import KIND_LABELS, STATUS_LABELS

ANY_DATE = QDate(1900, 1, 1)


class FilterBar(QWidget):
    """Emits `changed` with an ItemFilter; typing in the search box is debounced."""

    changed = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search item text…  (words, \"phrases\", prefix*)")
        self.search.setClearButtonEnabled(True)
        self.status = compact(QComboBox())
        self.status.addItem("Any status", None)
        for s in ITEM_STATUSES:
            self.status.addItem(STATUS_LABELS[s], s)
        self.kind = compact(QComboBox())
        self.kind.addItem("Any tag kind", None)
        for k in ANNOTATION_KINDS:
            self.kind.addItem(f"Has {KIND_LABELS[k].lower()}", k)
        self.unreviewed = QCheckBox("Open suggestions")
        self.unreviewed.setToolTip("Only items with suggestions nobody has accepted or rejected yet")
        self.date_from, self.date_to = self._date("from"), self._date("to")
        self.speaker, self.location = QLineEdit(), QLineEdit()
        for edit, kind in ((self.speaker, "speaker"), (self.location, "location")):
            edit.setPlaceholderText(f"{KIND_LABELS[kind]} name")
            edit.setClearButtonEnabled(True)
            comp = QCompleter(QStringListModel([], edit), edit)
            comp.setCaseSensitivity(Qt.CaseInsensitive)
            comp.setFilterMode(Qt.MatchContains)
            edit.setCompleter(comp)
            edit.installEventFilter(self)
        # set by a click on a timeline bar: items reporting incidents of those days (a chip; click: off)
        self.incident_period: tuple[str, str] | None = None
        self.period_chip = QPushButton()
        self.period_chip.setToolTip("Only items that report incidents of these days (from the timeline); click to drop")
        self.period_chip.clicked.connect(lambda _=False: self.set_incident_period(None))
        self.period_chip.hide()
        self.clear = QPushButton("Clear")
        self.clear.setMinimumWidth(50)
        self.clear.setToolTip("Clear search and filters")
        self.clear.clicked.connect(self.reset)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(5)
        # three fields a row at most, so the list pane fits beside reader and panels on a laptop
        grid.addWidget(self.search, 0, 0, 1, 3)
        grid.addWidget(self.clear, 0, 3)
        grid.addWidget(self.status, 1, 0, 1, 2)
        grid.addWidget(self.kind, 1, 2, 1, 2)
        dates = QHBoxLayout()
        dates.addWidget(QLabel("Date"))
        dates.addWidget(self.date_from, 1)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.date_to, 1)
        grid.addLayout(dates, 2, 0, 1, 4)
        grid.addWidget(self.period_chip, 4, 0, 1, 4)
        grid.addWidget(self.speaker, 3, 0)
        grid.addWidget(self.location, 3, 1, 1, 2)
        grid.addWidget(self.unreviewed, 3, 3)
        for col in range(4):
            grid.setColumnStretch(col, 1)

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.emit_filter)
        for edit in (self.search, self.speaker, self.location):
            edit.textChanged.connect(self._debounce.start)
            edit.returnPressed.connect(self.emit_filter)
        for box in (self.status, self.kind):
            box.currentIndexChanged.connect(self.emit_filter)
        self.unreviewed.toggled.connect(self.emit_filter)
        for d in (self.date_from, self.date_to):
            d.dateChanged.connect(self.emit_filter)

    def _date(self, which: str) -> QDateEdit:
        d = QDateEdit()
        d.setCalendarPopup(True)
        d.setDisplayFormat("yyyy-MM-dd")
        d.setMinimumDate(ANY_DATE)
        d.setSpecialValueText("any")
        d.setDate(ANY_DATE)
        d.setToolTip(f"Items dated {which} this day (inclusive)")
        return d

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001
        # name completion is read from the store only when the analyst goes to type a name
        if event.type() == event.Type.FocusIn and obj in (self.speaker, self.location):
            kind = "speaker" if obj is self.speaker else "location"
            obj.completer().model().setStringList(browse.filter_names(self.session.db, kind))
        return super().eventFilter(obj, event)

    def current(self) -> browse.ItemFilter:
        def day(d: QDateEdit) -> str | None:
            return d.date().toString("yyyy-MM-dd") if d.date() != ANY_DATE else None

        return browse.ItemFilter(
            search=self.search.text().strip() or None, status=self.status.currentData(),
            date_from=day(self.date_from), date_to=day(self.date_to), kind=self.kind.currentData(),
            speaker=self.speaker.text().strip() or None, location=self.location.text().strip() or None,
            unreviewed=self.unreviewed.isChecked(),
            incident_from=self.incident_period[0] if self.incident_period else None,
            incident_to=self.incident_period[1] if self.incident_period else None,
        )

    def set_incident_period(self, period: tuple[str, str] | None) -> None:
        """Narrow the list to items reporting incidents of these days (None: drop it)."""
        self.incident_period = period
        if period:
            first, last = period
            self.period_chip.setText(f"Incidents of {first}" + (f" – {last}" if last != first else "") + "  ✕")
        self.period_chip.setVisible(bool(period))
        self.emit_filter()

    def stop_pending(self) -> None:
        """Drop a debounced search that has not fired yet (the window is closing)."""
        self._debounce.stop()

    def emit_filter(self) -> None:
        self._debounce.stop()
        self.changed.emit(self.current())

    def reset(self) -> None:
        widgets = (self.search, self.speaker, self.location, self.status, self.kind, self.unreviewed,
                   self.date_from, self.date_to)
        for w in widgets:
            w.blockSignals(True)
        for edit in (self.search, self.speaker, self.location):
            edit.clear()
        self.status.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self.unreviewed.setChecked(False)
        self.date_from.setDate(ANY_DATE)
        self.date_to.setDate(ANY_DATE)
        self.incident_period = None
        self.period_chip.hide()
        for w in widgets:
            w.blockSignals(False)
        self.emit_filter()


class ItemList(QWidget):
    """The filter bar, a count line and the table; emits `item_activated` with the current id."""

    item_activated = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.filters = FilterBar(session)
        self.model = ItemTableModel(session, self)
        self.table = QTableView()
        self.table.setVerticalScrollBar(QuietScrollBar(Qt.Vertical, self.table))
        self.table.setModel(self.model)
        self.table.setItemDelegate(ItemDelegate(self.model, self.table))
        # The header's own selection model: with the table's, every row selection (full width)
        # repainted the whole header, though it highlights nothing.
        self.table.horizontalHeader().setSelectionModel(QItemSelectionModel(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setSortIndicator(0, Qt.AscendingOrder)
        self.table.setSortingEnabled(True)  # sorts by date ascending: the model's order already
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)  # no header repaint on every selection change
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        for col, width in ((0, 88), (2, 104), (3, 50), (4, 44)):
            header.setSectionResizeMode(col, QHeaderView.Interactive)  # dragged widths are remembered
            self.table.setColumnWidth(col, width)
        header.sectionResized.connect(self._title_width)
        self.count = QLabel()
        style.muted(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.setSpacing(6)
        layout.addWidget(self.filters)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        self.filters.changed.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._keep: int | None = None
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._reselect)
        self.model.fully_loaded.connect(self._after_load)
        self.model.modelReset.connect(self._update_count)
        self.model.fully_loaded.connect(self._update_count)
        self.model.counted.connect(self._update_count)
        self.model.first_rows.connect(self._after_load)
        session.changed.connect(lambda c: c.item_id is not None and self.model.refresh_item(c.item_id))
        session.store_reloaded.connect(self.reload)

    def _title_width(self, column: int, _old: int, width: int) -> None:
        """Titles are cut to what the column could show (twice the average characters that
        fit: no real text is that narrow), so painting a row does not lay out 140 characters."""
        if column == 1:
            self.model.title_chars = 2 * width // max(1, self.table.fontMetrics().averageCharWidth()) + 8

    def apply_filter(self, f: browse.ItemFilter) -> None:
        self.model.set_filter(f)

    def reload(self) -> None:
        self.model.reload()

    # Every reset (filter, sort, bulk work) keeps the current item selected when it is still
    # listed; otherwise the first item is shown. While the rest of a long list is loading, the
    # decision waits for it, except in a search: its first hit is shown at once.
    def _remember(self) -> None:
        if self._keep is None:
            self._keep = self.current_id()

    def _reselect(self) -> None:
        keep = self._keep
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0 and keep is not None and self.model.loading and not self.model.filter.search:
            return  # try again when the rest has arrived (fully_loaded)
        self._keep = None
        if row < 0:
            row = 0 if self.model.rowCount() else -1
        self.select_row(row)
        if row < 0:
            self.item_activated.emit(None)

    def _after_load(self) -> None:
        if self._keep is not None:
            self._reselect()
        elif self.current_id() is None and self.model.rowCount():
            self.select_row(0)  # the first screen had no hits; the rest has some

    def _update_count(self) -> None:
        n, total = self.model.rowCount(), self.model.total
        f = self.model.filter
        narrowed = any((f.search, f.status, f.date_from, f.date_to, f.kind, f.speaker, f.location, f.unreviewed))
        match = " match the filters" if narrowed else ""
        if total is None:
            self.count.setText(f"{n:,}+ items{match}, counting…")
        elif self.model.loading:
            self.count.setText(f"{total:,} item{'s' if total != 1 else ''}{match}, listing the rest…")
        else:
            self.count.setText(f"{total:,} item{'s' if total != 1 else ''}{match}")

    def current_id(self) -> int | None:
        idx = self.table.currentIndex()
        return self.model.item_id(idx.row()) if idx.isValid() else None

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            idx = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
            self.table.scrollTo(idx)

    def select_item(self, item_id: int) -> bool:
        row = self.model.row_of(item_id)
        if row < 0 and self.model.loading:
            self.model.wait_for_list()
            row = self.model.row_of(item_id)
        self.select_row(row)
        return row >= 0

    def next_item(self, step: int = 1) -> None:
        row = self.table.currentIndex().row()
        self.select_row(max(0, min(self.model.rowCount() - 1, row + step)))

    def _current_changed(self, current, previous) -> None:  # noqa: ANN001
        self.item_activated.emit(self.model.item_id(current.row()) if current.isValid() else None)
