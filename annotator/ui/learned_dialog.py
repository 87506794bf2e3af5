"""Tools > Learned: everything the store learned from corrections, with its evidence, and undo.

Lists every learned alias, every context analysts rejected a form in, and every form suppressed
everywhere, with how often it was rejected and accepted and who taught it. "Undo" forgets the
selected entry (a history row; the next tagging run applies it), "Put back" undoes the latest
undo, and "History…" shows the learning changes recorded so far."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, \
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from annotator.services import learning
from annotator.services.staleness import StaleChange
from annotator.services.stores import Store

COLUMNS = ("Learned", "Kind", "Form", "What it does", "Rejected", "Accepted", "Taught by")
SHOWN = (("Everything", None), ("Aliases", "alias"), ("Rejected in context", "context"),
         ("Suppressed everywhere", "suppressed"))


class LearnedDialog(QDialog):
    def __init__(self, db: Store, analyst: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.analyst = db, analyst
        self.entries: list[learning.Entry] = []
        self.undone: list[learning.Undo] = []
        self.setWindowTitle("Learned from corrections")
        self.resize(1000, 520)

        n, rate = learning.thresholds(db)
        rule = QLabel(f"A rejection counts against its context only (the name around the word, the word next to it, "
                      f"the rule). A form is suppressed everywhere after at least {n} rejections that make at least "
                      f"{rate:.0%} of the decisions on it. Changes apply from the next “Suggest tags”.")
        rule.setWordWrap(True)
        self.shown = QComboBox()
        for label, _ in SHOWN:
            self.shown.addItem(label)
        self.shown.currentIndexChanged.connect(lambda _: self.refresh())
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Show:"))
        top.addWidget(self.shown)
        top.addStretch(1)
        top.addWidget(self.count)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)

        self.undo_button = QPushButton("&Undo selected")
        self.undo_button.setToolTip("Forget what is selected: an alias is removed; a rejected context or a "
                                    "suppression stops counting the rejections made so far")
        self.undo_button.clicked.connect(self.undo_selected)
        self.put_back = QPushButton("&Put back")
        self.put_back.setToolTip("Undo the latest undo")
        self.put_back.clicked.connect(self.put_back_last)
        self.history_button = QPushButton("&History…")
        self.history_button.clicked.connect(self.show_history)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        self.message = QLabel()
        buttons = QHBoxLayout()
        for b in (self.undo_button, self.put_back, self.history_button):
            buttons.addWidget(b)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(rule)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    # -- the list ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        wanted = SHOWN[self.shown.currentIndex()][1]
        every = learning.learned_entries(self.db)
        self.entries = [e for e in every if wanted is None or e.what == wanted]
        self.table.setRowCount(len(self.entries))
        for r, e in enumerate(self.entries):
            cells = (e.label, e.kind, e.form, e.detail, str(e.rejections), str(e.acceptances), e.taught_by or "—")
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)  # shown literally: forms come from item text
                if c in (4, 5):
                    cell.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, c, cell)
        counts = {w: sum(e.what == w for e in every) for _, w in SHOWN[1:]}
        a, c = counts["alias"], counts["context"]
        self.count.setText(f"{a} alias{'' if a == 1 else 'es'}, {c} rejected context{'' if c == 1 else 's'}, "
                           f"{counts['suppressed']} suppressed everywhere")
        self._enable()

    def selected(self) -> learning.Entry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _enable(self) -> None:
        self.undo_button.setEnabled(self.selected() is not None)
        self.put_back.setEnabled(bool(self.undone))

    # -- actions ----------------------------------------------------------------------------------
    def undo_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self.undone.append(learning.forget(self.db, entry, self.analyst))
        self.message.setText(f"Forgot: {entry.label} “{entry.form}” ({entry.kind}).")
        self.refresh()

    def put_back_last(self) -> None:
        if not self.undone:
            return
        done = self.undone.pop()
        try:
            learning.restore(self.db, done, self.analyst)
        except StaleChange as refused:  # a colleague changed it since: their change stays
            self.message.setText(str(refused))
        else:
            self.message.setText(f"Put back: {done.entry.label} “{done.entry.form}” ({done.entry.kind}).")
        self.refresh()

    def show_history(self) -> None:
        from annotator.services.review import HistoryEntry
        from annotator.ui.history_dialog import HistoryDialog

        rows = learning.history_rows(self.db)
        entries = [HistoryEntry(at=r["at"], analyst=r["analyst"], action=r["action"], table=r["table_name"],
                                row_id=r["row_id"], before=r["before"], after=r["after"]) for r in rows]
        HistoryDialog("what the store learned (newest first)", entries, self).exec()
