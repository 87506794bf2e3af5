"""The item body: plain text (never HTML), tags highlighted by kind, the current tag outlined.

Offsets: the store counts Python characters (code points); QTextDocument counts UTF-16 units.
`Offsets` converts between them so a body with characters outside the BMP still lines up.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QKeyEvent, QPainter, QPen, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QFrame, QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.terminal import mark_positions, visible_marks
from annotator.ui import style
from annotator.ui.scroll_bars import quiet_vertical_bar
from annotator.ui.style import KIND_COLOURS, KIND_KEYS, KIND_LABELS, SEARCH_COLOUR, tag_fill, tint
from annotator.ui.tag_values import ATTRIBUTE_LABELS, attributes_of, is_number, readable, shown
from annotator.vocabulary import VISIBLE_STATES

MAX_LINE_CHARS = 90  # a readable line; a wider reader gets margins instead of longer lines
MARGIN = 1500  # characters around the view whose marks are ready before they scroll in
CONTROL_COLOUR = QColor("#c62828")
_WIDE = re.compile("[\U00010000-\U0010FFFF]")


def _x(line, pos: int) -> float:  # noqa: ANN001 - QTextLine
    x = line.cursorToX(pos)
    return x[0] if isinstance(x, tuple) else x


class Offsets:
    """Code-point offsets <-> QTextDocument positions."""

    def __init__(self, text: str) -> None:
        # each character outside the BMP takes two UTF-16 units; most bodies have none
        self._wide = [] if text.isascii() else [m.start() for m in _WIDE.finditer(text)]

    def to_doc(self, offset: int) -> int:
        return offset + bisect_right(self._wide, offset - 1) if self._wide else offset

    def to_text(self, pos: int) -> int:
        if not self._wide:
            return pos
        lo, hi = 0, pos
        while lo < hi:  # smallest offset whose doc position reaches pos
            mid = (lo + hi) // 2
            if self.to_doc(mid) < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo


def tag_tooltip(tag: dict[str, Any]) -> str:
    """Hover text: kind, state, attributes and the rule that suggested it, all escaped."""
    lines = [f"<b>{html.escape(KIND_LABELS.get(tag['kind'], tag['kind']))}</b> · {html.escape(shown(tag['state']))}"
             f" · {'manual' if tag['origin'] == 'manual' else 'suggested by the tagger'}"]
    attrs = attributes_of(tag)
    order = {k: i for i, k in enumerate(ATTRIBUTE_LABELS)}  # the editor's order, not the alphabet's
    for key in sorted(attrs, key=lambda k: (order.get(k, len(order)), str(k))):
        if attrs[key] not in (None, "", [], {}):
            label, text = readable(str(key), attrs[key])
            lines.append(f"{html.escape(label)}: {html.escape(text)}")
    if tag.get("rule"):
        confidence = tag.get("confidence")
        conf = (f" (confidence {confidence:.2f})" if is_number(confidence)
                else f" (confidence {html.escape(shown(confidence))})" if confidence is not None else "")
        lines.append(f"Suggested by rule {html.escape(shown(tag['rule']))}{conf}")
    if tag.get("analyst"):
        lines.append(f"Last changed by {html.escape(shown(tag['analyst']))}")
    return "<p style='white-space:pre'>" + "<br>".join(lines) + "</p>"


class BodyView(QPlainTextEdit):
    tag_requested = Signal(str, int, int)  # kind, start, end (text offsets): keys 1/2/3, context menu
    tag_clicked = Signal(int)
    state_requested = Signal(int, str)  # annotation id, "accept" / "reject"
    span_requested = Signal(int, int, int)  # annotation id, new start, new end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.NoFrame)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.setWordWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        # A scroll bar that came and went with the text's length narrowed the viewport on about
        # every other item: the whole text was laid out twice and the pane repainted twice.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
        quiet_vertical_bar(self)  # flat: Fusion's bar cost ~2 ms a switch (see scroll_bars)
        self.document().setDocumentMargin(14)
        style.scaled(self, 1.22)  # follows the text-size setting
        self.viewport().setMouseTracking(True)
        self._tags: list[dict[str, Any]] = []
        self._matches: list[tuple[int, int]] = []
        self._offsets = Offsets("")
        self._text = ""
        self._marks_at: list[int] = []
        self._window = (0, 0)  # text offsets whose marks are drawn (see _repaint_marks)
        self._in_view = (0, 0)  # text offsets in view (see _visible_span)
        self._formats: dict[tuple[str, bool, bool], QTextCharFormat] = {}  # see _format
        self.current_id: int | None = None
        self.verticalScrollBar().valueChanged.connect(self._follow_view)

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        self._fit_line_length()
        super().resizeEvent(event)
        self._follow_view()  # more text in view: draw its marks

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._fit_line_length()
        elif event.type() == QEvent.PaletteChange and hasattr(self, "_window"):
            self._formats.clear()  # fills are stronger on dark paper
            self._repaint_marks()  # a theme change: fills are stronger on dark paper

    def _fit_line_length(self) -> None:
        """Centre the text in at most MAX_LINE_CHARS characters a line."""
        widest = int(self.fontMetrics().averageCharWidth() * MAX_LINE_CHARS + 2 * self.document().documentMargin())
        spare = max(0, self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width() - widest)
        side = spare // 2
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)

    # --- content -----------------------------------------------------------------------------
    def show_body(self, body: str, tags: list[dict[str, Any]], matches: list[tuple[int, int]]) -> None:
        if body != self._text:
            self._text = body
            self._offsets = Offsets(body)
            self._marks_at = mark_positions(body)
            # plain text: markup in the data is shown, never interpreted; control, bidi and
            # zero-width characters are shown as marks (one for one), never obeyed
            self.setPlainText(visible_marks(body))
        self._matches = matches
        self.set_tags(tags)

    def set_tags(self, tags: list[dict[str, Any]]) -> None:
        before = self._tag(self.current_id)
        self._tags = tags
        self._repaint_marks()
        after = self._tag(self.current_id)
        if (before and (before["start"], before["end"])) != (after and (after["start"], after["end"])):
            self._update_outline(before)  # the current tag moved (or went): redraw its outline
            self._update_outline(after)

    def set_current(self, annotation_id: int | None, scroll: bool = True) -> None:
        if annotation_id == self.current_id and not scroll:
            return
        old = self._tag(self.current_id)
        self.current_id = annotation_id
        tag = self._tag(annotation_id)
        self._update_outline(old)  # only where the outline was and where it goes
        if tag is not None and scroll:
            cur = self._cursor(tag["start"], tag["end"])
            self.setTextCursor(QTextCursor(cur.document().findBlock(cur.selectionStart())))
            self.centerCursor()
        self._update_outline(tag)

    def _update_outline(self, tag: dict[str, Any] | None) -> None:
        if tag is not None:
            for rect in self._span_rects(tag["start"], tag["end"]):
                self.viewport().update(rect.adjusted(-4, -3, 4, 3).toAlignedRect())

    def _tag(self, annotation_id: int | None) -> dict[str, Any] | None:
        return next((t for t in self._tags if t["id"] == annotation_id), None)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cur = QTextCursor(self.document())
        last = max(0, self.document().characterCount() - 1)  # a merged store may point past the text
        cur.setPosition(min(self._offsets.to_doc(start), last))
        cur.setPosition(min(self._offsets.to_doc(end), last), QTextCursor.KeepAnchor)
        return cur

    def _visible_span(self) -> tuple[int, int]:
        """Text offsets of the first and last characters in view (kept in _in_view for the
        paint: every scroll, resize and new text comes through here)."""
        rect = self.viewport().rect()
        a = self.cursorForPosition(rect.topLeft()).position()
        b = self.cursorForPosition(rect.bottomRight()).position()
        self._in_view = (self._offsets.to_text(a), self._offsets.to_text(b))
        return self._in_view

    def _follow_view(self, *_: Any) -> None:
        """Scrolled or resized: redraw the marks once the view leaves the span they cover."""
        a, b = self._visible_span()
        lo, hi = self._window
        if (a < lo and lo > 0) or b > hi:
            self._repaint_marks()

    def _repaint_marks(self) -> None:
        """Tag, search and control-character marks for the text in view and MARGIN characters
        around it only: an item with thousands of tags costs what the visible ones cost (each
        extra selection is laid out on every paint)."""
        a, b = self._visible_span()
        lo, hi = max(0, a - MARGIN), b + MARGIN
        self._window = (lo, hi)
        marks: list[QTextEdit.ExtraSelection] = []
        doc, to_doc = self.document(), self._offsets.to_doc
        last = max(0, doc.characterCount() - 1)  # a merged store may point past the text
        keep = QTextCursor.KeepAnchor

        def mark(start: int, end: int, fmt: QTextCharFormat) -> None:
            sel = QTextEdit.ExtraSelection()
            cur = QTextCursor(doc)
            cur.setPosition(min(to_doc(start), last))
            cur.setPosition(min(to_doc(end), last), keep)
            sel.cursor = cur
            sel.format = fmt
            marks.append(sel)

        for start, end in self._matches:
            if start < hi and end > lo:
                mark(start, end, self._format("search", False, False))
        for tag in self._tags:
            if tag["state"] not in VISIBLE_STATES or not (tag["start"] < hi and tag["end"] > lo):
                continue
            searched = any(tag["start"] < e and s < tag["end"] for s, e in self._matches)
            mark(tag["start"], tag["end"], self._format(tag["kind"], tag["state"] == "suggested", searched))
        for at in self._marks_at[bisect_left(self._marks_at, lo):bisect_left(self._marks_at, hi)]:
            mark(at, at + 1, self._format("control", False, False))
        # repaints only the spans whose marks changed (Qt compares the old and new selections)
        self.setExtraSelections(marks)

    def _format(self, kind: str, suggested: bool, searched: bool) -> QTextCharFormat:
        """The character format of a mark, made once per theme: a search match (kind "search"),
        a control character ("control"), or a tag of `kind` (accepted / edited: strong fill, solid
        underline; suggested: pale fill, its dashed outline drawn in paintEvent; no fill of its
        own under a search match)."""
        key = (kind, suggested, searched)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = QTextCharFormat()
            if kind == "search":
                fmt.setBackground(tint(SEARCH_COLOUR, 210))
            elif kind == "control":
                fmt.setForeground(CONTROL_COLOUR)
            else:
                colour = KIND_COLOURS.get(kind, QColor("gray"))
                if not searched:
                    fmt.setBackground(tag_fill(colour, suggested))
                if not suggested:
                    fmt.setUnderlineStyle(QTextCharFormat.SingleUnderline)
                    fmt.setUnderlineColor(colour)
        return fmt

    def selected_span(self) -> tuple[int, int] | None:
        cur = self.textCursor()
        if not cur.hasSelection():
            return None
        return self._offsets.to_text(cur.selectionStart()), self._offsets.to_text(cur.selectionEnd())

    def tag_at(self, pos: QPoint) -> dict[str, Any] | None:
        offset = self._offsets.to_text(self.cursorForPosition(pos).position())
        hits = [t for t in self._tags if t["state"] in VISIBLE_STATES and t["start"] <= offset < t["end"]]
        return min(hits, key=lambda t: t["end"] - t["start"]) if hits else None

    # --- painting: suggestions in dashed outlines, the current tag outlined -------------------
    def paintEvent(self, event) -> None:  # noqa: ANN001 - Qt signature
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.Antialiasing)
        self._outline_suggestions(painter, event.rect())
        tag = self._tag(self.current_id)
        if tag is not None:
            painter.setPen(QPen(KIND_COLOURS.get(tag["kind"], QColor("black")), 2))
            painter.setBrush(Qt.NoBrush)
            for rect in self._span_rects(tag["start"], tag["end"]):
                painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)
        painter.end()

    def suggested_in_view(self) -> list[dict[str, Any]]:
        """The suggestions whose dashed outlines the reader draws: only those in view."""
        a, b = self._visible_span()
        return [t for t in self._tags if t["state"] == "suggested" and t["start"] <= b and t["end"] >= a]

    def _outline_suggestions(self, painter: QPainter, area) -> None:  # noqa: ANN001 - QRect
        """A dashed box inside each suggestion's lines (inside, so the repaint of its fill when it
        is accepted or rejected also clears the box). Square, one pixel and not antialiased:
        rounded, antialiased 1.2 px dashes cost ~0.1 ms a box, the reader's largest paint cost.
        Only the tags in view are measured (the text in view is noted on every scroll, resize and
        new text: _visible_span)."""
        painter.setBrush(Qt.NoBrush)
        painter.setRenderHint(QPainter.Antialiasing, False)
        lo, hi = self._in_view
        clip = QRectF(area)
        pens: dict[str, QPen] = {}
        for tag in self._tags:
            if tag["state"] != "suggested" or not (tag["start"] <= hi and tag["end"] >= lo):
                continue
            pen = pens.get(tag["kind"])
            if pen is None:
                pen = pens[tag["kind"]] = QPen(KIND_COLOURS.get(tag["kind"], QColor("gray")), 0, Qt.DashLine)
                pen.setDashPattern([3.0, 2.0])
            for rect in self._span_rects(tag["start"], tag["end"]):
                if rect.intersects(clip):
                    painter.setPen(pen)
                    painter.drawRect(rect.toRect().adjusted(0, 0, -1, -1))

    def _span_rects(self, start: int, end: int) -> list[QRectF]:
        """One rectangle per visual line the span covers (from the text layout, so wrapped
        lines are outlined piece by piece)."""
        a, b = self._offsets.to_doc(start), self._offsets.to_doc(end)
        rects: list[QRectF] = []
        block = self.document().findBlock(a)
        offset = self.contentOffset()
        while block.isValid() and block.position() < b:
            layout, base = block.layout(), block.position()
            origin = self.blockBoundingGeometry(block).translated(offset).topLeft()
            first = layout.lineForTextPosition(max(0, a - base))  # no walk over the lines before it
            for i in range(first.lineNumber() if first.isValid() else 0, layout.lineCount()):
                line = layout.lineAt(i)
                s = max(a, base + line.textStart())
                if s >= b:
                    break
                e = min(b, base + line.textStart() + line.textLength())
                if s >= e:
                    continue
                x1, x2 = _x(line, s - base), _x(line, e - base)
                rects.append(QRectF(x1, line.y(), x2 - x1, line.height()).translated(origin))
            block = block.next()
        return rects

    # --- interaction -------------------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip:
            tag = self.tag_at(event.pos())
            at = self._offsets.to_text(self.cursorForPosition(event.pos()).position())
            if tag is not None:
                QToolTip.showText(event.globalPos(), tag_tooltip(tag), self.viewport())
            elif at < len(self._text) and self._marks_at and self._marks_at[min(
                    bisect_left(self._marks_at, at), len(self._marks_at) - 1)] == at:
                QToolTip.showText(event.globalPos(), f"U+{ord(self._text[at]):04X}: a control or invisible "
                                  "character in the text, shown as a mark (the stored text keeps it)", self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: ANN001
        super().mouseReleaseEvent(event)
        if event.button() == Qt.LeftButton and not self.textCursor().hasSelection():
            tag = self.tag_at(event.position().toPoint())
            if tag is not None:
                self.tag_clicked.emit(tag["id"])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        kind = {v: k for k, v in KIND_KEYS.items()}.get(event.text())
        span = self.selected_span()
        if kind and span and event.modifiers() in (Qt.NoModifier, Qt.KeypadModifier):
            self.tag_requested.emit(kind, *span)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        span = self.selected_span()
        for kind, key in KIND_KEYS.items():
            act = QAction(f"Tag as {KIND_LABELS[kind].lower()}", menu)
            act.setShortcut(key)
            act.setEnabled(span is not None)
            act.triggered.connect(lambda _=False, k=kind, s=span: self.tag_requested.emit(k, *s))
            menu.addAction(act)
        tag = self.tag_at(event.pos()) or self._tag(self.current_id)
        if tag is not None:
            menu.addSeparator()
            label = f"“{tag['text'][:30]}”"
            if tag["state"] in ("suggested", "rejected"):
                menu.addAction(f"Accept {label}", lambda i=tag["id"]: self.state_requested.emit(i, "accept"))
            if tag["state"] != "rejected":
                menu.addAction(f"Reject {label}", lambda i=tag["id"]: self.state_requested.emit(i, "reject"))
            act = menu.addAction(f"Move {label} to the selection",
                                 lambda i=tag["id"], s=span: self.span_requested.emit(i, *s))
            act.setEnabled(span is not None)
        menu.addSeparator()
        menu.addAction("Copy", self.copy).setEnabled(span is not None)
        menu.exec(event.globalPos())
