"""Labels whose text changes on every item switch, without re-laying the window out.

A QLabel asks its layout to recompute on every setText, and Qt passes that request up through
every parent (panel, dock, main window): about a millisecond per label per switch. `TextLine`
keeps a fixed height (one line, elided) and only repaints; `WrappedText` wraps and asks for a
new layout only when its number of lines changes. Both draw plain text: nothing in the data is
ever interpreted as markup. A context menu copies the text (a QLabel could be selected).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QPalette, QColor, QContextMenuEvent, QFont, QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QMenu, QSizePolicy, QWidget

_BIG = 100_000


class TextLine(QWidget):
    """One line of plain text, elided on the right when it does not fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.setContextMenuPolicy(Qt.DefaultContextMenu)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setToolTip(text if self.fontMetrics().horizontalAdvance(text) > self.width() else "")
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 16, self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.fontMetrics().height())

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        self.setToolTip(self._text if self.fontMetrics().horizontalAdvance(self._text) > self.width() else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        p = QPainter(self)
        p.setPen(self.palette().color(self.foregroundRole()))
        shown = self.fontMetrics().elidedText(self._text, Qt.ElideRight, self.width())
        p.drawText(self.rect(), int(Qt.AlignLeft | Qt.AlignVCenter | Qt.TextSingleLine), shown)
        p.end()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        _copy_menu(self, self._text, event.globalPos())


class WrappedText(QWidget):
    """Plain text wrapped at word boundaries; re-lays the window out only when its height changes."""

    _FLAGS = int(Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._height = self.fontMetrics().height()
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        height = self.heightForWidth(self.width())
        if height != self._height:
            self._height = height
            self.updateGeometry()  # one more or one fewer line: the layout must know
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        line = self.fontMetrics().height()
        if not self._text or width <= 0:
            return line
        return max(line, self.fontMetrics().boundingRect(QRect(0, 0, width, _BIG), self._FLAGS, self._text).height())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 30, self._height)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.fontMetrics().height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:  # the text-size setting: lines are taller or shorter now
            self._height = self.heightForWidth(self.width())
            self.updateGeometry()

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        height = self.heightForWidth(self.width())
        if height != self._height:
            self._height = height
            self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        p = QPainter(self)
        p.setPen(self.palette().color(self.foregroundRole()))
        p.drawText(self.rect(), self._FLAGS, self._text)
        p.end()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        _copy_menu(self, self._text, event.globalPos())


def _copy_menu(parent: QWidget, text: str, where: QPoint) -> None:
    if not text:
        return
    menu = QMenu(parent)
    menu.addAction("Copy", lambda: QGuiApplication.clipboard().setText(text))
    menu.exec(where)


class StatusBadge(QWidget):
    """The item status as a rounded, tinted pill. Fixed size (the longest label fits), painted
    directly: a status change repaints it, with no style sheet re-polish and no relayout."""

    def __init__(self, labels: dict[str, str], colours: dict[str, QColor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels, self._colours = labels, colours
        self._status: str | None = None
        font = QFont(self.font())
        font.setWeight(QFont.DemiBold)
        font.setPointSizeF(QApplication.font().pointSizeF())
        self.setFont(font)
        self.setProperty("annotator_font_scale", 1.0)  # style.restyle keeps it at the window's text size
        self._fit()

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        self.setFixedSize(max(metrics.horizontalAdvance(t) for t in self._labels.values()) + 24, metrics.height() + 6)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._fit()

    def status(self) -> str | None:
        return self._status

    def text(self) -> str:
        return self._labels.get(self._status or "", self._status or "")

    def set_status(self, status: str) -> None:
        if status != self._status:
            self._status = status
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._status is None:
            return
        colour = QColor(self._colours.get(self._status, QColor("gray")))
        fill = QColor(colour)
        fill.setAlpha(45)
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.setPen(colour)
        p.setBrush(fill)
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.drawRoundedRect(box, box.height() / 2, box.height() / 2)
        p.setPen(self.palette().color(QPalette.WindowText))
        p.drawText(self.rect(), int(Qt.AlignCenter | Qt.TextSingleLine), self.text())
        p.end()
