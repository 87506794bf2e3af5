"""The scroll bars of the views that change on every item switch (the reader, the tag lists,
the item list): drawn flat, and only when they would look different.

Fusion fills a scroll bar's groove and handle with gradients over its whole length: about 2 ms
a paint for the reader's bar in the window, the largest single widget cost of an item switch
after the text itself (the reader's bar repaints on every switch: its range follows the text's
length). Drawn flat in the theme's colours it costs a tenth of that. And a change of value or
range that leaves the handle where it was (a short tag list: no range at all; a one-row step
in a long list: less than a pixel) repaints nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QAbstractScrollArea, QScrollBar, QStyle, QStyleOptionSlider, QWidget

_SLIDER, _SUB, _ADD = QStyle.SC_ScrollBarSlider, QStyle.SC_ScrollBarSubLine, QStyle.SC_ScrollBarAddLine
_MOUSE_OVER = QStyle.State_MouseOver.value


class QuietScrollBar(QScrollBar):
    """A flat scroll bar that repaints only when its handle moves, grows or shrinks, or when it
    is enabled or disabled."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._drawn: tuple[QRect, bool] | None = None  # handle and enabled state last painted

    def _option(self) -> QStyleOptionSlider:
        opt = QStyleOptionSlider()
        self.initStyleOption(opt)
        return opt

    def _look(self) -> tuple[QRect, bool]:
        rect = self.style().subControlRect(QStyle.CC_ScrollBar, self._option(), _SLIDER, self)
        return rect, self.isEnabled() and self.maximum() > self.minimum()

    def sliderChange(self, change: QScrollBar.SliderChange) -> None:  # noqa: N802 - Qt's name
        if not self.isSliderDown() and self._drawn is not None and self._look() == self._drawn:
            return  # the bar would look exactly the same: no repaint
        super().sliderChange(change)

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802
        opt = self._option()
        style, pal = self.style(), self.palette()
        handle, active = self._drawn = self._look()
        painter = QPainter(self)
        painter.fillRect(self.rect(), pal.window())
        painter.setPen(QPen(pal.mid().color(), 1))
        vertical = self.orientation() == Qt.Vertical
        r = self.rect()
        painter.drawLine(r.topLeft(), r.bottomLeft() if vertical else r.topRight())  # edge towards the content
        painter.setRenderHint(QPainter.Antialiasing)
        if active:
            painter.setBrush(handle_colour(pal, pressed=self.isSliderDown(),
                                           hovered=opt.activeSubControls == _SLIDER and bool(_int(opt.state) & _MOUSE_OVER)))
            painter.setPen(QPen(pal.mid().color(), 1))
            painter.drawRoundedRect(QRectF(handle).adjusted(2.5, 2.5, -2.0, -2.0), 3, 3)
        painter.setPen(Qt.NoPen)
        painter.setBrush(pal.buttonText().color() if active else pal.mid().color())
        for control, towards_end in ((_SUB, False), (_ADD, True)):
            box = style.subControlRect(QStyle.CC_ScrollBar, opt, control, self)
            if not box.isEmpty():
                painter.drawPolygon(_arrow(QRectF(box), vertical, towards_end))
        painter.end()


def handle_colour(pal: QPalette, pressed: bool = False, hovered: bool = False) -> QColor:
    """The handle's fill: the theme's midlight (a shade off the window's colour, darker on light
    paper, lighter on dark), a step towards mid when hovered or dragged."""
    base, mid = pal.midlight().color(), pal.mid().color()
    share = 0.55 if pressed else 0.3 if hovered else 0.0
    return QColor.fromRgbF(*(a + (b - a) * share for a, b in zip(base.getRgbF()[:3], mid.getRgbF()[:3])))


def _int(flags) -> int:  # noqa: ANN001 - a Qt flag (an enum, or an int in older bindings)
    return flags if isinstance(flags, int) else flags.value


def _arrow(box: QRectF, vertical: bool, towards_end: bool) -> QPolygonF:
    """A small filled triangle in the middle of an arrow button, pointing along the bar."""
    c, s = box.center(), min(box.width(), box.height()) * 0.22
    sign = 1 if towards_end else -1
    if vertical:
        points = [QPointF(c.x() - s * 1.2, c.y() - sign * s * 0.6), QPointF(c.x() + s * 1.2, c.y() - sign * s * 0.6),
                  QPointF(c.x(), c.y() + sign * s * 0.8)]
    else:
        points = [QPointF(c.x() - sign * s * 0.6, c.y() - s * 1.2), QPointF(c.x() - sign * s * 0.6, c.y() + s * 1.2),
                  QPointF(c.x() + sign * s * 0.8, c.y())]
    return QPolygonF(points)


def quiet_vertical_bar(area: QAbstractScrollArea) -> QuietScrollBar:
    """Give a scroll area (a view, the reader) the quiet, flat vertical bar."""
    bar = QuietScrollBar(Qt.Vertical, area)
    area.setVerticalScrollBar(bar)
    return bar
