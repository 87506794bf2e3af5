"""The flat, quiet scroll bars of the reader, the tag lists and the item list: drawn where the
style puts the handle, repainted only when the handle changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QStyle, QStyleOptionSlider, QWidget

from annotator.ui.scroll_bars import QuietScrollBar, handle_colour


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.n = 0

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001, N802
        if event.type() == QEvent.Paint:
            self.n += 1
        return False


_HOLDERS: list[QWidget] = []  # the bars' parents, alive until the test module ends


def _bar(qtbot) -> QuietScrollBar:  # noqa: ANN001
    holder = QWidget()
    _HOLDERS.append(holder)
    qtbot.addWidget(holder)
    bar = QuietScrollBar(Qt.Vertical, holder)
    bar.setGeometry(0, 0, 16, 400)
    bar.setRange(0, 1000)
    bar.setPageStep(100)
    holder.show()
    qtbot.waitExposed(holder)
    return bar


def _handle(bar: QuietScrollBar):  # noqa: ANN202
    opt = QStyleOptionSlider()
    bar.initStyleOption(opt)
    return bar.style().subControlRect(QStyle.CC_ScrollBar, opt, QStyle.SC_ScrollBarSlider, bar)


def test_the_handle_is_drawn_where_the_style_puts_it(qtbot):
    bar = _bar(qtbot)
    for value in (0, 500, 1000):
        bar.setValue(value)
        image = bar.grab().toImage().convertToFormat(QImage.Format_RGB32)
        handle = _handle(bar)
        groove = bar.palette().window().color().rgb() & 0xFFFFFF
        inside = image.pixel(handle.center().x(), handle.center().y()) & 0xFFFFFF
        assert inside == handle_colour(bar.palette()).rgb() & 0xFFFFFF and inside != groove
        # below or above the handle (clear of it and the arrow buttons): the groove's colour
        y = handle.bottom() + 20 if handle.bottom() + 40 < bar.height() else handle.top() - 20
        assert image.pixel(handle.center().x(), y) & 0xFFFFFF == groove


def test_it_repaints_only_when_the_handle_changes(qtbot):
    bar = _bar(qtbot)
    paints = _Paints()
    bar.installEventFilter(paints)
    qtbot.wait(20)
    before = paints.n
    bar.setMaximum(1001)  # a different range, the handle where it was (within a pixel)
    bar.setValue(1)
    qtbot.wait(20)
    assert paints.n == before
    bar.setValue(600)  # the handle moves
    qtbot.waitUntil(lambda: paints.n > before)
    moved = paints.n
    bar.setRange(0, 0)  # nothing to scroll: the handle goes
    qtbot.waitUntil(lambda: paints.n > moved)


def test_the_reader_and_the_lists_use_it(window):
    assert isinstance(window.reader.body.verticalScrollBar(), QuietScrollBar)
    assert isinstance(window.items.table.verticalScrollBar(), QuietScrollBar)
    from annotator.ui.panels.tag_panel import TagPanel

    panels = window.findChildren(TagPanel)
    assert panels and all(isinstance(p.list.verticalScrollBar(), QuietScrollBar) for p in panels)
