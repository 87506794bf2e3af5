"""The Incidents panel's list as a table model (one row an incident, its cells worked out once
when first shown) and the texts the panel writes about an incident: its summary line and its
entry in the Move figure choice. Qt only; the rows come from services.incidents."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from annotator.ui.incident_edit import DATE_PREC, WHERE_PREC
from annotator.ui.style import dark

COLUMNS = ("Date", "Place", "Harm", "Best", "Low", "High", "Sources", "Grading", "State", "Label")
DISAGREE = QColor("#f8d7d3")  # on light paper
DISAGREE_DARK = QColor("#5b2b2d")  # on dark paper the pale pink left light text unreadable


def disagree_shade() -> QColor:
    """The background of figures whose sources disagree, in the theme in use."""
    return DISAGREE_DARK if dark() else DISAGREE
MEMBER_COLUMNS = ("Figure", "Harm", "Role", "Coded", "Report date", "Item", "Outlet / file")


def _num(v: Any) -> str:
    return "" if v is None else f"{v:,.0f}" if isinstance(v, (int, float)) else str(v)


def disagrees(row: dict[str, Any]) -> bool:
    f = (row.get("figures") or {}).get(row.get("kind") or "", {})
    low, high = f.get("low"), f.get("high")
    return (row.get("grading_suggested") == "contested") or (low is not None and high is not None and
                                                               high > 1.5 * low + 2)


DISPLAY, EDIT, TOOLTIP, FONT, BACKGROUND = (int(r.value) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.BackgroundRole))
EDITABLE_COLUMNS = {1: "place", 3: "best", 4: "low", 5: "high", 9: "label"}  # typed over in the list (double-click, F2)


class IncidentModel(QAbstractTableModel):
    edited = Signal(object, str, str)  # the row as shown, field, typed text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self._shown: dict[int, tuple[str, ...]] = {}  # row -> its cell texts, made when first shown

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        base = super().flags(index)
        return base | Qt.ItemIsEditable if index.column() in EDITABLE_COLUMNS else base

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.EditRole or index.column() not in EDITABLE_COLUMNS:
            return False
        row = self.rows[index.row()]
        if str(value).strip() != str(self.data(index, Qt.EditRole)):
            self.edited.emit(row, EDITABLE_COLUMNS[index.column()], str(value))
        return True

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._shown = {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: ANN001, N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        # Called for every visible cell and role on each repaint: the roles are compared as plain
        # ints (PySide's Qt.DisplayRole look-up is slow) and a row's texts are worked out once.
        row = self.rows[index.row()]
        col = index.column()
        if role == DISPLAY:
            return self._texts(index.row())[col]
        if role == EDIT and col in EDITABLE_COLUMNS:
            if col in (1, 9):
                return row.get(EDITABLE_COLUMNS[col]) or ""
            value = ((row.get("figures") or {}).get(row.get("kind") or "", {})).get(EDITABLE_COLUMNS[col])
            return "" if value is None else str(int(value))
        if role == BACKGROUND and col in (3, 4, 5, 7) and disagrees(row):
            return QBrush(disagree_shade())
        if role == TOOLTIP:
            tip = f"Incident #{row['id']}" + (f": {row['label']}" if row.get("label") else "")
            if disagrees(row):
                tip += "\nSources disagree: compare the figures beside the list."
            if not row.get("grading"):
                tip += "\nGrading suggested from the sources (ends with ?); set it with 1-5."
            return tip
        if role == FONT and col == 8 and row["state"] == "confirmed":
            font = QFont()  # the application's font as it is now (View > font size changes it)
            font.setBold(True)
            return font
        return None

    def _texts(self, k: int) -> tuple[str, ...]:
        texts = self._shown.get(k)
        if texts is None:
            row = self.rows[k]
            f = (row.get("figures") or {}).get(row.get("kind") or "", {})
            when = row["date_start"] if row["date_start"] == row["date_end"] else \
                f"{row['date_start']} – {row['date_end'][5:]}"
            texts = self._shown[k] = (
                when, place_text(row), row.get("kind") or "", _num(f.get("best")), _num(f.get("low")),
                _num(f.get("high")), str(row.get("number_of_sources") or 0),
                row.get("grading") or f"{row.get('grading_suggested') or ''}?", row["state"], row.get("label") or "")
        return texts


NEW_INCIDENT = "(a new incident)"


def place_text(row: dict[str, Any]) -> str:
    """The place as listed: a place known only to its area says so ('Idlib (province)'), as the
    map draws it as a dashed ring rather than a point."""
    place, where = row.get("place"), row.get("where_prec")
    if not place:
        return "—"
    if isinstance(where, int) and 3 <= where <= len(WHERE_PREC):
        return f"{place} ({WHERE_PREC[where - 1][2:]})"
    return place


def choice_text(row: dict[str, Any]) -> str:
    f = (row.get("figures") or {}).get(row.get("kind") or "", {})
    return (f"#{row['id']}  {row['date_start']}  {row.get('place') or 'place unknown'}: "
            f"{_num(f.get('best')) or '?'} {row.get('kind') or ''}").strip()


def chosen_id(text: str) -> int | None:
    """The incident a move goes to: '#123 ...' or '123' as chosen or typed; anything else a new one."""
    head = text.strip().lstrip("#").split(" ", 1)[0]
    return int(head) if head.isdigit() else None


def summary(row: dict[str, Any]) -> str:
    """The line over the figures: which incident, how many sources, how sure (grading, how
    precise the place and the dates are, in words with UCDP's codes)."""
    sources = row.get("number_of_sources") or 0
    where, when = row.get("where_prec"), row.get("date_prec")
    grading = row.get("grading") or f"{row.get('grading_suggested') or 'none'} (suggested)"
    parts = [f"{sources} independent source{'s' if sources != 1 else ''}", f"grading {grading}"]
    if isinstance(where, int) and 1 <= where <= len(WHERE_PREC):
        parts.append(f"place: {WHERE_PREC[where - 1][2:]}")
    if isinstance(when, int) and 1 <= when <= len(DATE_PREC):
        parts.append(f"date: {DATE_PREC[when - 1][2:]}")
    parts.append(f"fatalities (ACLED) {_num(row.get('fatalities')) or '—'}")
    return f"<b>#{row['id']} {html.escape(row.get('label') or '')}</b> — " + " · ".join(parts)
