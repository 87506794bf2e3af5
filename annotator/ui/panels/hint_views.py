"""List widgets that say what to do when they are empty (drawn in place: no widget swapping,
which cost a relayout of the panel on every item switch). The list is never shorter than its
hint needs at its width, so the hint is never cut (the Verification list in the one-column
layout at 1366×768 showed half of its second line); the minimum changes only with the width or
the text size, never on an item switch."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QListWidget, QTreeWidget, QWidget

from annotator.ui import style
from annotator.ui.scroll_bars import quiet_vertical_bar

MARGIN = 6  # around the hint, inside the viewport
_FLAGS = int(Qt.AlignCenter | Qt.TextWordWrap)


def _paint_hint(view: QAbstractItemView, text: str) -> None:
    painter = QPainter(view.viewport())
    painter.setPen(style.colour("faint"))
    rect = view.viewport().rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    painter.drawText(rect, _FLAGS, text)
    painter.end()


def hint_height(view: QAbstractItemView, text: str) -> int:
    """How tall the view must be for `text` wrapped in its viewport, with the frame and header."""
    width = max(1, view.viewport().width() - 2 * MARGIN)
    lines = view.fontMetrics().boundingRect(QRect(0, 0, width, 100_000), _FLAGS, text).height()
    return lines + 2 * MARGIN + (view.height() - view.viewport().height())


def _fit(view: QAbstractItemView, text: str, floor: int) -> None:
    need = max(floor, hint_height(view, text))
    if need != view.minimumHeight():
        view.setMinimumHeight(need)


class _SteadyHeader(QHeaderView):
    """A header whose columns never change once set up. A tree lays its header out again, and
    repaints all of it in a later pass than everything else, whenever rows come or go (a tag
    panel's rows do on every item switch); this header does so only when its columns change.
    Its geometry is brought up to date (which, with a stretching column, re-sizes the sections
    and repaints the header) only when its size or columns changed: the tree asks on every
    layout of its rows. It has its own selection model (`steady_header`): with the tree's, every
    change of current row repainted it, though it shows no selection."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Horizontal, parent)
        self._columns = -1
        self._geometry: tuple[int, int, int] | None = None

    def doItemsLayout(self) -> None:  # noqa: N802 - Qt's name
        columns = self.model().columnCount() if self.model() is not None else 0
        if columns != self._columns or columns != self.count():
            self._columns = columns
            self._geometry = None
            super().doItemsLayout()

    def updateGeometries(self) -> None:  # noqa: N802 - Qt's name
        now = (self.width(), self.height(), self.count())
        if now != self._geometry:
            self._geometry = now
            super().updateGeometries()


class _Hinted:
    """The hint's painting and sizing, shared by the tree and the list (first in their bases, so
    Qt's handlers below run through super())."""

    hint: str
    floor: int

    def is_empty(self) -> bool:
        raise NotImplementedError

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().paintEvent(event)
        if self.is_empty():
            _paint_hint(self, self.hint)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        _fit(self, self.hint, self.floor)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            _fit(self, self.hint, self.floor)


class HintTree(_Hinted, QTreeWidget):
    def __init__(self, hint: str, parent=None, min_height: int = 48) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.hint = hint
        self.floor = min_height
        header = _SteadyHeader(self)
        header.setSectionsClickable(self.header().sectionsClickable())
        header.setStretchLastSection(self.header().stretchLastSection())
        header.setDefaultAlignment(self.header().defaultAlignment())
        self.setHeader(header)
        self._steady_header()
        quiet_vertical_bar(self)  # a tag list's bar repaints only when its handle changes

    def setSelectionModel(self, selection) -> None:  # noqa: ANN001, N802
        super().setSelectionModel(selection)
        self._steady_header()

    def _steady_header(self) -> None:
        """The header's own selection model (the view gives it the view's): see _SteadyHeader."""
        header, model = self.header(), self.model()
        if isinstance(header, _SteadyHeader) and model is not None and \
                (header.selectionModel() is None or header.selectionModel() is self.selectionModel()):
            header.setSelectionModel(QItemSelectionModel(model, header))

    def is_empty(self) -> bool:
        return self.topLevelItemCount() == 0


class HintList(_Hinted, QListWidget):
    def __init__(self, hint: str, parent=None, min_height: int = 48) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.hint = hint
        self.floor = min_height
        quiet_vertical_bar(self)

    def is_empty(self) -> bool:
        return self.count() == 0
