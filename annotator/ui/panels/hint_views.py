"""List widgets that say what to do when they are empty (drawn in place: no widget swapping,
which cost a relayout of the panel on every item switch)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QListWidget, QTreeWidget

from annotator.ui import style


def _paint_hint(view, text: str) -> None:  # noqa: ANN001 - any item view
    painter = QPainter(view.viewport())
    painter.setPen(style.colour("faint"))
    rect = view.viewport().rect().adjusted(12, 12, -12, -12)
    painter.drawText(rect, Qt.AlignCenter | Qt.TextWordWrap, text)
    painter.end()


class HintTree(QTreeWidget):
    def __init__(self, hint: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.hint = hint

    def paintEvent(self, event) -> None:  # noqa: ANN001
        super().paintEvent(event)
        if self.topLevelItemCount() == 0:
            _paint_hint(self, self.hint)


class HintList(QListWidget):
    def __init__(self, hint: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.hint = hint

    def paintEvent(self, event) -> None:  # noqa: ANN001
        super().paintEvent(event)
        if self.count() == 0:
            _paint_hint(self, self.hint)
