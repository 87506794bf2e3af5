"""The reader pane: date, category, source file and attribution, then the body with its tags.

Every text that comes from the data is shown as plain text (labels set to Qt.PlainText, the body
in a QPlainTextEdit): `<img src=x onerror=...>` in an item is displayed, never interpreted.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from annotator.services.browse import ItemView, match_spans
from annotator.terminal import visible_marks
from annotator.ui import style
from annotator.ui.body_view import BodyView
from annotator.ui.text_line import StatusBadge, TextLine, WrappedText
from annotator.ui.style import KIND_COLOURS, KIND_KEYS, KIND_LABELS, SEARCH_COLOUR, STATUS_COLOURS, STATUS_LABELS, tag_fill, tint
from annotator.vocabulary import ANNOTATION_KINDS


def plain_label(wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


def long_date(iso: str | None) -> str:
    try:
        d = date.fromisoformat(iso or "")
    except ValueError:
        return iso or ""
    return f"{d.strftime('%A')}, {d.day} {d.strftime('%B %Y')}"


def headline_of(item: dict) -> str:
    """A single report's headline as one line of plain text ("" for an item of a listing, whose
    title is only the start of its body)."""
    title = " ".join(str(item.get("title") or "").split())
    if item.get("layout") is None or not title or " ".join(str(item.get("body") or "").split()).startswith(title):
        return ""
    return visible_marks(title)


def _swatch(kind: str, suggested: bool) -> QPixmap:
    """A legend sample drawn as the reader draws tags: a pale box in a dashed outline
    (suggested) or a strong box with a solid underline (accepted or edited)."""
    pix = QPixmap(26, 14)
    pix.fill(Qt.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    colour = KIND_COLOURS[kind]
    p.fillRect(0, 0, 26, 12, tag_fill(colour, suggested))
    if suggested:
        pen = QPen(colour, 0, Qt.DashLine)  # one pixel, square, not antialiased: as the reader
        pen.setDashPattern([3.0, 2.0])
        p.setPen(pen)
        p.setRenderHint(QPainter.Antialiasing, False)
        p.drawRect(1, 1, 23, 9)
    else:
        p.setPen(QPen(colour, 2))
        p.drawLine(0, 12, 26, 12)
    p.end()
    return pix


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new line when the width runs out (the legend must
    not set the reader's minimum width)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list = []
        self.setSpacing(4)

    def addItem(self, item) -> None:  # noqa: ANN001, N802 - Qt signature
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: ANN201, N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: ANN201, N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientations:  # noqa: N802
        return Qt.Orientations(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self.spacing(), 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class Legend(QWidget):
    """The colour of each kind, then what a dashed box and a strong, underlined fill mean;
    wraps when narrow; redrawn when the theme changes (fills are stronger on dark paper)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rows = FlowLayout(self)
        rows.setContentsMargins(14, 4, 14, 6)
        self.samples: list[tuple[QLabel, str, bool | None]] = []  # box, kind, suggested (None: search)
        for kind in ANNOTATION_KINDS:
            key = f" ({KIND_KEYS[kind]})" if kind in KIND_KEYS else ""
            self._entry(rows, kind, False, KIND_LABELS[kind] + key)
        self._entry(rows, "speaker", True, "suggested")
        self._entry(rows, "speaker", False, "accepted or edited")
        self._entry(rows, "", None, "search match")
        self._draw()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange and hasattr(self, "samples"):
            self._draw()

    def _draw(self) -> None:
        for box, kind, suggested in self.samples:
            if suggested is None:
                pix = QPixmap(26, 14)
                pix.fill(Qt.transparent)
                p = QPainter(pix)
                p.fillRect(0, 0, 26, 11, tint(SEARCH_COLOUR, 210))
                p.end()
            else:
                pix = _swatch(kind, suggested)
            box.setPixmap(pix)

    def _entry(self, row: FlowLayout, kind: str, suggested: bool | None, text: str) -> None:
        entry = QWidget()
        pair = QHBoxLayout(entry)
        pair.setContentsMargins(0, 0, 10, 0)
        pair.setSpacing(4)
        box = QLabel()
        pair.addWidget(box)
        self.samples.append((box, kind, suggested))
        label = QLabel(text)
        style.muted(label)
        pair.addWidget(label)
        row.addWidget(entry)


class ReaderPane(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        style.paper(self)
        # these change on every item: widgets that repaint without re-laying the window out
        self.date = style.headline(TextLine())
        self.status = StatusBadge(STATUS_LABELS, STATUS_COLOURS)
        # a single report's headline (a listing's items have none: their title is the body's start)
        self.title = style.scaled(style.headline(WrappedText()), 1.2, bold=True)
        self.title.setVisible(False)
        self.meta = style.muted(WrappedText())
        self.attribution = style.muted(WrappedText())
        self.body = BodyView(self)
        self.empty = style.hint(plain_label())
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setText("No item selected.\nPick one in the list, or import pages with File > Import.")

        head = QVBoxLayout()
        head.setContentsMargins(16, 12, 16, 8)
        head.setSpacing(3)
        top = QHBoxLayout()
        top.addWidget(self.date, 1)
        top.addWidget(self.status)
        head.addLayout(top)
        head.addWidget(self.title)
        head.addWidget(self.meta)
        head.addWidget(self.attribution)
        line = QFrame()
        line.setFrameShape(QFrame.HLine)
        line.setFrameShadow(QFrame.Plain)
        style.muted(line)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(head)
        layout.addWidget(line)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.empty, 1)
        self.legend = Legend(self)
        layout.addWidget(self.legend)
        self.show_item(None)

    def show_item(self, view: ItemView | None, search: str | None = None) -> None:
        has = view is not None
        if getattr(self, "_has", None) is not has:  # only when it changes: a toggle relayouts the pane
            self._has = has
            for w in (self.date, self.status, self.meta, self.attribution, self.body):
                w.setVisible(has)
            self.empty.setVisible(not has)
        headline = headline_of(view.item) if view is not None else ""
        if self.title.isVisibleTo(self) != bool(headline):
            self.title.setVisible(bool(headline))
        self.title.setText(headline)
        if view is None:
            self.body.show_body("", [], [])
            return
        item = view.item
        self.date.setText(long_date(item["date"]))
        self._set_status(item["status"])
        meta = [item.get("category") or "", f"{item['source_name']}, item {item['position'] + 1}", f"#{item['id']}"]
        self.meta.setText(visible_marks("  ·  ".join(m for m in meta if m)))
        self.attribution.setText(visible_marks(f"Source: {item['attribution']}") if item.get("attribution")
                                 else "No attribution given")
        self.body.show_body(item["body"], view.tags, match_spans(item["body"], search))

    def _set_status(self, status: str) -> None:
        self.status.set_status(status)
