"""Item > History: every recorded change to the item, its tags and notes, in words ("Accepted
speaker “Riad Seif”", "Edited casualty “10 civilians”: Lowest count — → 10"), with who and
when. A row can be jumped to (its tag selected in the window) or reverted (one new, undoable
change); the log itself is never edited."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, \
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from annotator.services.review import HistoryEntry
from annotator.ui.style import KIND_LABELS, STATUS_LABELS
from annotator.ui.tag_values import readable, shown

HIDDEN_KEYS = {"item_id", "created", "updated", "rules_version"}
VERBS = {"insert": "Added", "accept": "Accepted", "reject": "Rejected", "edit": "Edited", "span": "Moved",
         "delete": "Deleted", "undo": "Undid a change to", "redo": "Redid a change to", "revert": "Reverted",
         "withdraw": "Withdrew outdated", "refresh": "Updated", "restore": "Restored", "suggest": "Suggested",
         "note": "Added a note on", "status": "Changed the status of"}


def describe(value: Any) -> str:
    """Compact one-line rendering of a before/after value (shown as plain text)."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        shown_ = {k: v for k, v in value.items() if k not in HIDDEN_KEYS and v not in (None, "", {}, [])}
        return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v}"
                         for k, v in shown_.items())
    return json.dumps(value, ensure_ascii=False)


def changed_only(before: Any, after: Any) -> tuple[Any, Any]:
    """For updates, show just the fields that differ."""
    if isinstance(before, dict) and isinstance(after, dict):
        keys = [k for k in after if before.get(k) != after.get(k) and k not in HIDDEN_KEYS]
        if keys:
            return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}
    return before, after


def _attrs(row: Any) -> dict[str, Any]:
    attrs = row.get("attributes") if isinstance(row, dict) else None
    if isinstance(attrs, str):
        try:
            attrs = json.loads(attrs)
        except ValueError:
            attrs = None
    return attrs if isinstance(attrs, dict) else {}


def _quoted(text: Any) -> str:
    words = " ".join(shown(text).split())
    return f"“{words[:48]}{'…' if len(words) > 48 else ''}”"


def in_words(e: HistoryEntry) -> str:
    """One history row as a sentence an analyst reads."""
    row = e.after if isinstance(e.after, dict) else e.before if isinstance(e.before, dict) else {}
    if e.table == "items":
        before = (e.before or {}).get("status") if isinstance(e.before, dict) else None
        after = (e.after or {}).get("status") if isinstance(e.after, dict) else None
        if before != after:
            return f"Item status: {STATUS_LABELS.get(shown(before), shown(before) or '—')} → " \
                   f"{STATUS_LABELS.get(shown(after), shown(after) or '—')}"
        return f"{VERBS.get(e.action, e.action.capitalize())} the item"
    if e.table == "annotations" and e.action == "suggest" and isinstance(row.get("suggestions"), int):
        n = row["suggestions"]  # one row per item for a whole tagger run, not a tag
        return f"Automatic tagging suggested {n} tag{'' if n == 1 else 's'}"
    if e.table == "annotations":
        kind = KIND_LABELS.get(shown(row.get("kind")), shown(row.get("kind"))).lower()
        what = f"{kind} {_quoted(row.get('text'))}"
        verb = VERBS.get(e.action, e.action.capitalize())
        if e.before is None and e.action not in VERBS:
            verb = "Added"
        if e.after is None and e.action not in VERBS:
            verb = "Deleted"
        detail = []
        if isinstance(e.before, dict) and isinstance(e.after, dict):
            if (e.before.get("start"), e.before.get("end")) != (e.after.get("start"), e.after.get("end")):
                detail.append(f"span {_quoted(e.before.get('text'))} → {_quoted(e.after.get('text'))}")
            if e.before.get("state") != e.after.get("state") and e.action not in ("accept", "reject"):
                detail.append(f"{shown(e.before.get('state'))} → {shown(e.after.get('state'))}")
            old, new = _attrs(e.before), _attrs(e.after)
            for key in [k for k in new if old.get(k) != new.get(k)] + [k for k in old if k not in new and old[k]]:
                label, old_text = readable(key, old.get(key))
                _, new_text = readable(key, new.get(key))
                detail.append(f"{label} {old_text or '—'} → {new_text or '—'}")
        return f"{verb} {what}" + (": " + "; ".join(detail) if detail else "")
    if e.table == "notes":
        target = "a tag" if row.get("annotation_id") else "the item"
        if e.before is None:
            return f"Added a note on {target}" + (f" ({row.get('grading')})" if row.get("grading") else "")
        if e.after is None:
            return f"Deleted a note on {target}"
        return f"Edited a note on {target}"
    return f"{VERBS.get(e.action, e.action.capitalize())} {e.table}"


def revertible(e: HistoryEntry) -> bool:
    if e.table == "items":
        return isinstance(e.before, dict) and bool(e.before.get("status")) and e.row_id is not None
    return e.table == "annotations" and e.row_id is not None


class HistoryDialog(QDialog):
    def __init__(self, item_label: str, entries: list[HistoryEntry], parent: QWidget | None = None,
                 jump: Callable[[HistoryEntry], None] | None = None,
                 revert: Callable[[HistoryEntry], bool] | None = None) -> None:
        super().__init__(parent)
        self.entries, self._jump, self._revert = entries, jump, revert
        self.setWindowTitle(f"History — {item_label}")
        self.resize(980, 520)
        self.table = QTableWidget(len(entries), 6)
        self.table.setHorizontalHeaderLabels(["When (UTC)", "Who", "Change", "Action", "Before", "After"])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        for r, e in enumerate(entries):
            before, after = changed_only(e.before, e.after)
            cells = [e.at[:19].replace("T", " "), e.analyst or "—", in_words(e), e.action,
                     describe(before), describe(after)]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)  # QTableWidgetItem shows text literally
                if c == 2:
                    cell.setToolTip(text)
                if c >= 4:  # full value on hover, escaped: history holds item text
                    full = json.dumps(e.before if c == 4 else e.after, ensure_ascii=False, indent=1)
                    cell.setToolTip(f"<pre>{html.escape(full)}</pre>")
                self.table.setItem(r, c, cell)
        header = self.table.horizontalHeader()
        for c in (0, 1, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        for c in (4, 5):  # the raw values, for checking: narrow, dragged wider when wanted
            header.setSectionResizeMode(c, QHeaderView.Interactive)
            header.resizeSection(c, 150)
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.cellDoubleClicked.connect(lambda *_: self.go_to())
        count = QLabel(f"{len(entries)} recorded change{'s' if len(entries) != 1 else ''}. "
                       "The history is never edited or pruned; undo, redo and reverts are recorded too.")
        count.setTextFormat(Qt.PlainText)
        self.go_btn = QPushButton("Go to tag")
        self.go_btn.setToolTip("Select this row's tag in the window (double-click does the same)")
        self.go_btn.clicked.connect(self.go_to)
        self.revert_btn = QPushButton("Revert this change")
        self.revert_btn.setToolTip("Put the tag (or the item status) back as it was before this row; "
                                   "the revert is itself a change you can undo")
        self.revert_btn.clicked.connect(self.revert_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.go_btn)
        row.addWidget(self.revert_btn)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(count)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self._selection()
        if entries:
            self.table.scrollToBottom()

    def selected(self) -> HistoryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _selection(self) -> None:
        e = self.selected()
        self.go_btn.setEnabled(bool(e and self._jump and e.table in ("annotations", "notes", "items")))
        self.revert_btn.setEnabled(bool(e and self._revert and revertible(e)))

    def go_to(self) -> None:
        e = self.selected()
        if e is not None and self._jump is not None:
            self._jump(e)
            self.accept()

    def revert_selected(self) -> None:
        e = self.selected()
        if e is not None and self._revert is not None and self._revert(e):
            self.accept()
