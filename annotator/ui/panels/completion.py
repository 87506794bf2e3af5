"""Completion lists that put the likely entry first. Qt's completer keeps its model's order: with
the gazetteer's 33,000 places sorted by label, "Deir" listed Bandeirantes (BR), Cordeiro (BR)
and Cordeirópolis (BR) above Deir ez-Zor (SY). Here each keystroke narrows the list to the
entries containing the typed text (as before: nothing is lost), ranked: names starting with it,
then names with a word starting with it, then the rest; within each, the preferred entries
(Syrian places) first."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

_WORD_START = re.compile(r"[\s\-‐'’(/]")


class RankedModel(QStringListModel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__([], parent)
        self.choices: list[str] = []
        self._folded: list[str] = []
        self._first: set[str] = set()
        self.narrowed = False

    def set_choices(self, choices: Iterable[str], first: Iterable[str] = ()) -> None:
        self.choices = list(choices)
        self._folded = [c.casefold() for c in self.choices]
        self._first = set(first)
        self.narrowed = False
        self.setStringList(self.choices)

    def narrow(self, text: str) -> None:
        """Keep the entries containing `text`, the likely ones first."""
        typed = " ".join(text.split()).casefold()
        if not typed:
            if self.narrowed:
                self.narrowed = False
                self.setStringList(self.choices)
            return
        self.narrowed = True
        ranked = sorted(((self._rank(folded, typed), label not in self._first, label)
                         for label, folded in zip(self.choices, self._folded) if typed in folded))
        self.setStringList([label for _, _, label in ranked])

    @staticmethod
    def _rank(folded: str, typed: str) -> int:
        if folded.startswith(typed):
            return 0
        at = folded.find(typed)
        while at > 0:
            if _WORD_START.match(folded, at - 1):
                return 1
            at = folded.find(typed, at + 1)
        return 2


def attach(edit: QLineEdit, parent: QWidget) -> QCompleter:
    """A completer on `edit` whose list is ranked as the analyst types."""
    model = RankedModel(parent)
    comp = QCompleter(model, parent)
    comp.setCaseSensitivity(Qt.CaseInsensitive)
    comp.setFilterMode(Qt.MatchContains)
    comp.setMaxVisibleItems(12)
    # QLineEdit emits textEdited before it asks the completer for the popup: the model is
    # narrowed and ranked first
    edit.textEdited.connect(model.narrow)
    edit.setCompleter(comp)
    return comp


def widen(root: QWidget) -> None:
    """Give every ranked list under `root` all its entries again (another tag is shown: what was
    typed for the last one no longer narrows it)."""
    for edit in root.findChildren(QLineEdit):
        model = edit.completer().model() if edit.completer() is not None else None
        if isinstance(model, RankedModel) and model.narrowed:
            model.narrow("")


def set_choices(edit: QLineEdit, choices: Iterable[str], first: Iterable[str] = ()) -> None:
    model = edit.completer().model()
    assert isinstance(model, RankedModel)
    model.set_choices(choices, first)
