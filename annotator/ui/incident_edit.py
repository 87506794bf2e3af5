"""Editing an incident in the Incidents panel: the Edit dialog (E) with the figures per harm kind
(best, low, high), ACLED fatalities, grading, dates and their precision, place and its
precision, label; and the commit every edit goes through (also the list's in-place edits of
place and best/low/high). The service refuses an edit when someone changed the incident after
the panel showed it: the refusal is written above the list and the list shows the incident as
it is now."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QWidget,
)

from annotator.services import incident_edits
from annotator.services.incident_model import HARM_KINDS
from annotator.vocabulary import GRADINGS

if TYPE_CHECKING:
    from annotator.ui.incidents_panel import IncidentsPanel

DATE_PREC = ("1 exact day", "2 two to six days", "3 a week", "4 a month", "5 a year")
WHERE_PREC = ("1 exact place", "2 within ~25 km", "3 district", "4 province", "5 vague area", "6 country",
              "7 water or air")


def _text(v: Any) -> str:
    return "" if v is None else str(int(v)) if isinstance(v, float) and v == int(v) else str(v)


class IncidentEditDialog(QDialog):
    """All the analyst can set on one incident; `changes()` holds only what was changed."""

    def __init__(self, row: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(f"Edit incident #{row['id']}")
        form = QFormLayout(self)
        self.label = QLineEdit(row.get("label") or "")
        self.date_start = QLineEdit(row.get("date_start") or "")
        self.date_end = QLineEdit(row.get("date_end") or "")
        for w in (self.date_start, self.date_end):
            w.setPlaceholderText("YYYY-MM-DD")
        self.date_prec = QComboBox()
        self.date_prec.addItems(DATE_PREC)
        self.date_prec.setCurrentIndex(max(0, int(row.get("date_prec") or 1) - 1))
        self.place = QLineEdit(row.get("place") or "")
        self.place.setToolTip("A new name takes its coordinates from this store's places or the gazetteer")
        self.where_prec = QComboBox()
        self.where_prec.addItems(WHERE_PREC)
        self.where_prec.setCurrentIndex(max(0, int(row.get("where_prec") or 1) - 1))
        grid = QGridLayout()
        numbers = QIntValidator(0, 2_000_000_000, self)
        self.figures: dict[tuple[str, str], QLineEdit] = {}
        for c, key in enumerate(("best", "low", "high")):
            grid.addWidget(QLabel(key), 0, c + 1)
        current = row.get("figures") or {}
        for r, kind in enumerate(HARM_KINDS):
            grid.addWidget(QLabel(kind), r + 1, 0)
            for c, key in enumerate(("best", "low", "high")):
                edit = QLineEdit(_text((current.get(kind) or {}).get(key)))
                edit.setValidator(numbers)
                edit.setObjectName(f"{kind}_{key}")
                grid.addWidget(edit, r + 1, c + 1)
                self.figures[(kind, key)] = edit
        self.fatalities = QLineEdit(_text(row.get("fatalities")))
        self.fatalities.setValidator(numbers)
        self.grading = QComboBox()
        self.grading.addItem(f"(suggested: {row.get('grading_suggested') or 'none'})", None)
        for g in GRADINGS:
            self.grading.addItem(g, g)
        if row.get("grading") in GRADINGS:
            self.grading.setCurrentIndex(GRADINGS.index(row["grading"]) + 1)
        form.addRow("Label", self.label)
        form.addRow("Starts", self.date_start)
        form.addRow("Ends", self.date_end)
        form.addRow("Date precision", self.date_prec)
        form.addRow("Place", self.place)
        form.addRow("Place precision", self.where_prec)
        form.addRow("Figures", grid)
        form.addRow("Fatalities (ACLED)", self.fatalities)
        form.addRow("Grading", self.grading)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def changes(self) -> dict[str, Any]:
        row, out = self.row, {}
        for key, edit in (("label", self.label), ("date_start", self.date_start), ("date_end", self.date_end),
                          ("place", self.place)):
            value = edit.text().strip()
            if value != (row.get(key) or ""):
                out[key] = value or None
        for key, combo in (("date_prec", self.date_prec), ("where_prec", self.where_prec)):
            if combo.currentIndex() + 1 != (row.get(key) or 1):
                out[key] = combo.currentIndex() + 1
        current = row.get("figures") or {}
        figures: dict[str, dict[str, int | None]] = {}
        for (kind, key), edit in self.figures.items():
            value = int(edit.text()) if edit.text().strip() else None
            if value != (current.get(kind) or {}).get(key):
                figures.setdefault(kind, {})[key] = value
        if figures:
            out["figures"] = figures
        fatalities = int(self.fatalities.text()) if self.fatalities.text().strip() else None
        if fatalities != row.get("fatalities"):
            out["fatalities"] = fatalities
        if self.grading.currentData() != row.get("grading"):
            out["grading"] = self.grading.currentData()
        return out


def commit(panel: IncidentsPanel, row: dict[str, Any], changes: dict[str, Any]) -> bool:
    """One undoable step; on a refusal the reason stays above the list and the list reloads."""
    if not changes:
        return False
    reasons: list[str] = []
    session = panel.session
    session.failed.connect(reasons.append)
    try:
        done = session.perform("Edit incident", incident_edits.edit_incident, row["id"], row, changes)
    finally:
        session.failed.disconnect(reasons.append)
    if done is None:
        panel.show_notice(reasons[-1] if reasons else "The edit was refused.")
        panel.reload()
        return False
    panel.show_notice("")
    return True
