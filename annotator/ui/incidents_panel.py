"""The Incidents panel: the list of incidents (date, place, best/low/high, sources, grading,
state) and, for the current one, its figures side by side with their items and outlets, each
figure that disagrees with the incident's best figure marked. Review from the keyboard like
review mode: J/K next/previous incident, C confirm (again: back to suggested), S split the
selected figures off, M merge the selected incidents, N move the selected figure to another
incident, A mark it as an aggregate, 1-5 set the grading, E edit (figures, dates, place...; place and
best/low/high also in the list, double-click or F2), Enter open the figure's item.
Every action is one undoable step (Session.perform)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QSizePolicy,
    QSplitter, QTableView, QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget,
)

from annotator.services import incidents
from annotator.services.incident_model import conservative
from annotator.ui.incident_edit import IncidentEditDialog, commit
from annotator.ui.incident_table import (  # noqa: F401 - disagrees: kept importable from the panel
    COLUMNS, MEMBER_COLUMNS, NEW_INCIDENT, IncidentModel, _num, choice_text, chosen_id, disagree_shade, disagrees,
    summary,
)
from annotator.ui.session import Session
from annotator.ui.style import ink
from annotator.ui.window_layout import remember_columns
from annotator.vocabulary import GRADINGS, INCIDENT_STATES

FIT_ROWS = 200  # rows the list's column widths are fitted to
SIDE_BY_SIDE = 2.0  # a panel at least this many times wider than high shows the figures beside the list
SHOW_AT_MOST = 5000  # rows listed at once; narrow the dates in the item list to see others


class IncidentsPanel(QWidget):
    item_requested = Signal(int, int)  # item id, annotation id: show this figure in the reader

    def __init__(self, session: Session, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings  # where the splitter's sizes and the list's column widths are kept
        self.which = QComboBox()
        for label, value in (("All incidents", INCIDENT_STATES), ("Suggested", ("suggested",)),
                             ("Confirmed", ("confirmed",))):
            self.which.addItem(label, value)
        self.count = QLabel()
        self.model = IncidentModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        # queued: the list reloads after the edit, never inside the view's own commit of the cell
        self.model.edited.connect(self.edit_in_place, Qt.QueuedConnection)
        self.notice = QLabel()  # an edit refused, and why
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(f"QLabel {{ color: {ink('#b2182b').name()}; font-weight: bold; }}")
        self.notice.hide()
        header = self.table.horizontalHeader()
        # Widths fitted to the first rows once, then the analyst's (ResizeToContents measured
        # every one of thousands of rows at each reload: seconds per confirm on a big store).
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setResizeContentsPrecision(FIT_ROWS)
        header.setStretchLastSection(True)  # the label takes the room: the figures stay next to the place
        header.setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self._fitted = False
        self._split_restored = False  # the first resize restores the remembered sizes
        self.members = QTableWidget(0, 7)
        self.members.setHorizontalHeaderLabels(MEMBER_COLUMNS)
        self.members.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.members.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.members.verticalHeader().hide()
        self.members.setWordWrap(False)  # one line a figure: a wrapped second line was cut off
        self.members.setTextElideMode(Qt.ElideMiddle)  # "outlet / file": both ends stay readable
        for view in (self.table, self.members):
            view.setTabKeyNavigation(False)  # Tab goes from the list to its figures and back, not cell to cell
        QWidget.setTabOrder(self.table, self.members)
        for view in (self.table, self.members):  # rows one line high: more of them in a low dock
            rows = view.verticalHeader()
            rows.setSectionResizeMode(QHeaderView.Fixed)
            rows.setDefaultSectionSize(view.fontMetrics().height() + 5)
        # the outlet last, taking what is left: beside the list the figure's words come first
        self.members.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.members.horizontalHeader().setStretchLastSection(True)
        self.members.horizontalHeader().setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.buttons: dict[str, QToolButton] = {}
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.which)
        for key, text, tip, slot in (
            ("confirm", "Confirm (C)", "Confirm the incident; again: back to suggested", self.toggle_confirm),
            ("split", "Split off (S)", "Move the selected figures into a new incident", self.split),
            ("merge", "Merge (M)", "Merge the selected incidents into the first", self.merge),
            ("move", "Move figure… (N)", "Put the selected figure into another incident (chosen among those of the "
             "days around it, or by number) or into a new one",
             self.move),
            ("aggregate", "Aggregate (A)", "Mark the selected figure as an aggregate (never merged)",
             self.aggregate),
            ("edit", "Edit… (E)", "Figures (best, low, high per harm), fatalities, grading, dates, place, label; "
             "the list's place, best/low/high and label can also be typed over (double-click or F2)", self.edit),
        ):
            b = QToolButton()  # one row with the choice of incidents: the list keeps the height
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, s=slot: s())
            top.addWidget(b)
            self.buttons[key] = b
        top.addWidget(self.count, 1)
        self.count.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # shortened, never widening the panel
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.setSpacing(2)
        lower_layout.addWidget(self.detail)
        lower_layout.addWidget(self.members, 1)
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.splitterMoved.connect(lambda *_: self._save_split())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        self.first: str | None = None
        self.last: str | None = None
        self.only: set[int] | None = None
        self.which.currentIndexChanged.connect(lambda _=0: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_members())
        self.members.itemDoubleClicked.connect(lambda *_: self.open_item())
        self._keys()
        session.changed.connect(self._changed)
        if settings is not None:
            remember_columns(settings, "incidents", header)
            self._fitted = settings.value("columns/incidents") is not None

    # --- layout --------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        """Wide and low (a bottom dock on a laptop): the figures beside the list, so the list
        keeps its rows; otherwise under it. Each arrangement keeps the sizes the analyst gave it."""
        super().resizeEvent(event)
        wanted = Qt.Horizontal if self.width() >= SIDE_BY_SIDE * self.height() else Qt.Vertical
        if wanted != self.splitter.orientation() or not self._split_restored:
            self._split_restored = True
            self.splitter.setOrientation(wanted)
            sizes = self.settings.value(self._split_key()) if self.settings is not None else None
            try:
                restored = [int(v) for v in sizes] if sizes else []
            except (TypeError, ValueError):
                restored = []
            total = sum(self.splitter.sizes()) or (self.width() if wanted == Qt.Horizontal else self.height())
            self.splitter.setSizes(restored if len(restored) == 2 and all(restored) else
                                [int(total * 0.55), total - int(total * 0.55)])

    def _split_key(self) -> str:
        return "incidents/split_" + ("side" if self.splitter.orientation() == Qt.Horizontal else "under")

    def _save_split(self) -> None:
        if self.settings is not None:
            self.settings.setValue(self._split_key(), self.splitter.sizes())

    def _keys(self) -> None:
        """Single keys while the list or the figures have focus (an event filter rather than
        shortcuts: the keys must not fire while the analyst types in the reader or a field)."""
        self._key_actions = {Qt.Key_J: lambda: self.step(1), Qt.Key_K: lambda: self.step(-1),
                             Qt.Key_C: self.toggle_confirm, Qt.Key_S: self.split, Qt.Key_M: self.merge,
                             Qt.Key_N: self.move, Qt.Key_A: self.aggregate, Qt.Key_E: self.edit,
                             Qt.Key_Return: self.open_item, Qt.Key_Enter: self.open_item}
        for n, grading in enumerate(GRADINGS):
            self._key_actions[Qt.Key_1 + n] = lambda g=grading: self.set_grading(g)
        self.table.installEventFilter(self)
        self.members.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001, N802
        if event.type() == QEvent.KeyPress and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier):
            action = self._key_actions.get(event.key())
            if action is not None:
                action()
                return True
        return super().eventFilter(obj, event)

    # --- data ----------------------------------------------------------------------------------
    def set_view(self, first: str | None, last: str | None, only: set[int] | None = None) -> None:
        """The incidents of a date range (the item list's) and, when given, only these ids."""
        self.first, self.last, self.only = first, last, only
        self.reload()

    def reload(self) -> None:
        keep = self.current_id()
        rows = incidents.incident_rows(self.session.db, self.which.currentData(), self.first, self.last)
        if self.only is not None:
            rows = [r for r in rows if r["id"] in self.only]
        total = len(rows)
        rows = rows[::-1][:SHOW_AT_MOST]  # newest first
        self.model.set_rows(rows)
        if rows and not self._fitted:  # first rows shown: columns as wide as their contents, once
            self._fitted = True
            for col in range(len(COLUMNS) - 1):  # the label (last) takes what is left, no wider
                self.table.resizeColumnToContents(col)
            bold = QFont(self.table.font())
            bold.setBold(True)  # a confirmed row's state is bold: room for it
            state = COLUMNS.index("State")
            needed = QFontMetrics(bold).horizontalAdvance("confirmed") + 14
            self.table.setColumnWidth(state, max(self.table.columnWidth(state), needed))
        contested = sum(disagrees(r) for r in rows)
        self.count.setText(f"{total:,} incidents" + (f" (the latest {SHOW_AT_MOST:,} listed)" if total > len(rows)
                                                       else "") + f"; {contested:,} with disagreeing sources")
        self.select_id(keep) or self.table.selectRow(0)
        self.show_members()

    def select_id(self, incident_id: int | None) -> bool:
        for k, r in enumerate(self.model.rows):
            if r["id"] == incident_id:
                self.table.selectRow(k)
                return True
        return False

    def current_row(self) -> dict[str, Any] | None:
        idx = self.table.currentIndex()
        return self.model.rows[idx.row()] if idx.isValid() and idx.row() < len(self.model.rows) else None

    def current_id(self) -> int | None:
        row = self.current_row()
        return row["id"] if row else None

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.rows[r]["id"] for r in rows]
        cur = self.current_id()
        return ([cur] if cur in ids else []) + [i for i in ids if i != cur]

    def show_members(self) -> None:
        row = self.current_row()
        self.members.setRowCount(0)
        if row is None:
            self.detail.setText("No incident selected. Tools > Suggest incidents groups the casualty figures.")
            return
        members = incidents.member_rows(self.session.db, [row["id"]])
        best = ((row.get("figures") or {}).get(row.get("kind") or "") or {}).get("best")
        self.members.setRowCount(len(members))
        for k, m in enumerate(members):
            attrs = m["attributes"] or {}
            coded, _ = conservative(attrs, m["text"])
            values = (m["text"], attrs.get("kind") or "", m["role"].replace("_", " "), _num(coded), m["date"],
                      str(m["item_id"]), f"{m['attribution'] or '—'} / {m['file']}")
            for c, v in enumerate(values):
                cell = QTableWidgetItem(v)
                cell.setToolTip(v)
                cell.setData(Qt.UserRole, (m["item_id"], m["annotation_id"]))
                if (m["role"] == "same" and attrs.get("kind") == row.get("kind") and coded is not None
                        and best is not None and abs(coded - best) > 0.25 * best + 1):
                    cell.setBackground(QBrush(disagree_shade()))
                self.members.setItem(k, c, cell)
        self.detail.setText(summary(row))
        self.detail.setToolTip("Shaded figures differ from the incident's best figure by more than a quarter. "
                               "Enter (or a double-click) shows a figure in its item.")

    def selected_figures(self) -> list[int]:
        rows = sorted({i.row() for i in self.members.selectionModel().selectedRows()})
        if not rows and self.members.currentRow() >= 0:
            rows = [self.members.currentRow()]
        return [self.members.item(r, 0).data(Qt.UserRole)[1] for r in rows]

    def _changed(self, changes) -> None:  # noqa: ANN001
        if getattr(changes, "incident_ids", None):
            self.reload()

    # --- actions -------------------------------------------------------------------------------
    def step(self, delta: int) -> None:
        row = self.table.currentIndex().row()
        self.table.selectRow(max(0, min(self.model.rowCount() - 1, row + delta)))

    def toggle_confirm(self) -> None:
        row = self.current_row()
        if row is not None:
            state = "suggested" if row["state"] == "confirmed" else "confirmed"
            self.session.perform("Confirm incident" if state == "confirmed" else "Unconfirm incident",
                                 incidents.set_state, row["id"], state)

    def set_grading(self, grading: str) -> None:
        if self.current_id() is not None:
            self.session.perform(f"Grade incident {grading}", incidents.edit, self.current_id(), {"grading": grading})

    def split(self) -> None:
        figures = self.selected_figures()
        if self.current_id() is not None and figures:
            self.session.perform("Split incident", incidents.split, self.current_id(), figures)

    def merge(self) -> None:
        ids = self.selected_ids()
        if len(ids) >= 2:
            self.session.perform("Merge incidents", incidents.merge, ids)

    def move(self, target: int | None = None, ask: bool = True) -> None:
        figures = self.selected_figures()
        if not figures:
            return
        if ask and target is None:
            choices = [NEW_INCIDENT] + [choice_text(r) for r in self.neighbours()]
            text, ok = QInputDialog.getItem(self, "Move figure", "Into incident (the list's incidents of the days "
                                            "around it; or type a number):", choices, 0, True)
            if not ok:
                return
            target = chosen_id(text)
        self.session.perform("Move figure", incidents.move_figure, figures[0], target)

    def neighbours(self, days: int = 7, at_most: int = 60) -> list[dict[str, Any]]:
        """Incidents listed within `days` of the current one, nearest first: where a figure
        that does not belong usually goes."""
        row = self.current_row()
        if row is None:
            return []
        try:
            day = date.fromisoformat(row["date_start"][:10])
        except (TypeError, ValueError):
            return []

        def distance(r: dict[str, Any]) -> int:
            try:
                return abs((date.fromisoformat(r["date_start"][:10]) - day).days)
            except (TypeError, ValueError):
                return days + 1

        near = [(distance(r), r["id"], r) for r in self.model.rows if r["id"] != row["id"]]
        return [r for d, _, r in sorted((n for n in near if n[0] <= days), key=lambda n: n[:2])[:at_most]]

    def aggregate(self) -> None:
        figures = self.selected_figures()
        if figures:
            self.session.perform("Mark aggregate", incidents.set_aggregate, figures[0], True)

    def edit(self) -> None:
        row = self.current_row()
        if row is None:
            return
        dialog = IncidentEditDialog(row, self)
        if dialog.exec() == QDialog.Accepted:
            commit(self, row, dialog.changes())

    def edit_in_place(self, row: dict[str, Any], field: str, value: str) -> None:
        """A cell of the list typed over: the place, or the best, low or high figure."""
        if field in ("place", "label"):
            commit(self, row, {field: value.strip() or None})
        elif row.get("kind"):
            commit(self, row, {"figures": {row["kind"]: {field: value.strip() or None}}})

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def open_item(self) -> None:
        r = self.members.currentRow()
        if r >= 0:
            item_id, annotation_id = self.members.item(r, 0).data(Qt.UserRole)
            self.item_requested.emit(item_id, annotation_id)
