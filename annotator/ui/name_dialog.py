"""The first-run question: the analyst's name, and what it is for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from annotator.ui import style

TITLE = "Annotator: your name as analyst"
WHY = ("Annotator records who made each change. Every tag you accept, edit or reject, every note and every "
       "item status you set carries this name in the item history and in the exports, so colleagues can "
       "tell your decisions from theirs.\n\nIt is kept on this computer and asked only once; "
       "start with --analyst NAME to work under another name.")


class AnalystNameDialog(QDialog):
    def __init__(self, default: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        head = style.headline(QLabel("Welcome to Annotator"))
        why = QLabel(WHY)
        why.setWordWrap(True)
        why.setTextFormat(Qt.PlainText)
        self.name = QLineEdit(default)
        self.name.setPlaceholderText("e.g. Rana Haddad")
        self.name.selectAll()
        prompt = QLabel("&Your name, as it should appear on every change you make:")
        prompt.setBuddy(self.name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("Start annotating")
        self.buttons.button(QDialogButtonBox.Cancel).setText("Use the login name")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._allow)
        layout = QVBoxLayout(self)
        for w in (head, why, prompt, self.name, self.buttons):
            layout.addWidget(w)
        self.setMinimumWidth(460)
        self._allow(default)

    def _allow(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(text.strip()))

    def chosen(self) -> str:
        return self.name.text().strip()
