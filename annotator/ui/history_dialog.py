"""Item > History: every recorded change to the item, its tags and notes (who, when, what,
before, after). Read-only; the log is never edited."""

from __future__ import annotations

import html
import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, \
    QTableWidgetItem, QVBoxLayout, QWidget

from annotator.services.review import HistoryEntry

HIDDEN_KEYS = {"item_id", "created", "updated", "rules_version"}


def describe(value: Any) -> str:
    """Compact one-line rendering of a before/after value (shown as plain text)."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        shown = {k: v for k, v in value.items() if k not in HIDDEN_KEYS and v not in (None, "", {}, [])}
        return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v}"
                         for k, v in shown.items())
    return json.dumps(value, ensure_ascii=False)


def changed_only(before: Any, after: Any) -> tuple[Any, Any]:
    """For updates, show just the fields that differ."""
    if isinstance(before, dict) and isinstance(after, dict):
        keys = [k for k in after if before.get(k) != after.get(k) and k not in HIDDEN_KEYS]
        if keys:
            return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}
    return before, after


class HistoryDialog(QDialog):
    def __init__(self, item_label: str, entries: list[HistoryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"History — {item_label}")
        self.resize(980, 520)
        self.table = QTableWidget(len(entries), 6)
        self.table.setHorizontalHeaderLabels(["When (UTC)", "Who", "Action", "Row", "Before", "After"])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        for r, e in enumerate(entries):
            before, after = changed_only(e.before, e.after)
            cells = [e.at[:19].replace("T", " "), e.analyst or "—", e.action,
                     f"{e.table} {e.row_id}" if e.row_id is not None else e.table, describe(before), describe(after)]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)  # QTableWidgetItem shows text literally
                if c >= 4:  # full value on hover, escaped: history holds item text
                    full = json.dumps(e.before if c == 4 else e.after, ensure_ascii=False, indent=1)
                    cell.setToolTip(f"<pre>{html.escape(full)}</pre>")
                self.table.setItem(r, c, cell)
        header = self.table.horizontalHeader()
        for c in range(4):
            header.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.Stretch)
        header.setSectionResizeMode(5, QHeaderView.Stretch)
        count = QLabel(f"{len(entries)} recorded change{'s' if len(entries) != 1 else ''}. "
                       "The history is never edited or pruned; undo and redo are recorded too.")
        count.setTextFormat(Qt.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(count)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        if entries:
            self.table.scrollToBottom()
