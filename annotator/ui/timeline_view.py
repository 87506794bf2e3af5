"""Casualties over time: one bar per day, week or month (chosen from the span shown, or set),
stacked by harm kind, from confirmed incidents (suggested ones too with the switch). A click on
a bar emits `period_clicked` (the window narrows the item list to that period). QPainter only.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from annotator.services.incident_index import IncidentIndex, unit_for
from annotator.services.incident_model import HARM_KINDS
from annotator.ui.style import colour, ink

KIND_COLOURS = {"killed": "#b2182b", "injured": "#ef8a62", "detained": "#2166ac", "displaced": "#67a9cf",
                "missing": "#8c6bb1"}
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 64, 16, 34, 40


def axis_top(peak: float) -> int:
    """The y axis' top: four grid steps of a round size (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 7.5 times a
    power of ten, whole numbers only) reaching the peak, so the labels read 0, 25, 50, 75, 100 rather than 0, 23, 46,
    69, 92, and no two labels read alike (a peak of 1 labelled 0, 0, 0, 1, 1 once)."""
    need = max(1.0, peak / 4)
    power = 1
    while True:
        for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5):
            step = factor * power
            if step >= need and step == int(step):
                return int(4 * step)
        power *= 10


class TimelineChart(QWidget):
    period_clicked = Signal(object, object)  # first day, last day

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)  # Left/Right pick a bar, Enter lists its items
        self.setMinimumSize(320, 160)
        self.current: int | None = None  # the bar picked with the keyboard (outlined)
        self.bars: list[tuple[date, date, tuple[float, ...]]] = []
        self.unit = "month"
        self.kinds: tuple[str, ...] = HARM_KINDS  # the kinds switched on
        self.legend_kinds: list[str] = []  # the kinds the legend names (read by tests)

    def set_bars(self, bars: list[tuple[date, date, tuple[float, ...]]], unit: str,
                 kinds: tuple[str, ...] = HARM_KINDS) -> None:
        """Bars with only the harm kinds in `kinds` stacked (the others count as zero)."""
        keep = [k in kinds for k in HARM_KINDS]
        self.bars = [(a, b, tuple(v if on else 0.0 for v, on in zip(values, keep))) for a, b, values in bars]
        self.kinds = kinds
        self.unit = unit
        if self.current is not None and self.current >= len(self.bars):
            self.current = None
        self.update()

    def _plot(self) -> QRectF:
        return QRectF(MARGIN_L, MARGIN_T, max(1, self.width() - MARGIN_L - MARGIN_R),
                      max(1, self.height() - MARGIN_T - MARGIN_B))

    def bar_at(self, x: float) -> int | None:
        plot = self._plot()
        if not self.bars or not plot.left() <= x <= plot.right():
            return None
        k = int((x - plot.left()) / (plot.width() / len(self.bars)))
        return min(k, len(self.bars) - 1)

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), colour("paper"))
        plot = self._plot()
        top = axis_top(max((sum(v) for _, _, v in self.bars), default=0.0))
        painter.setFont(self.font())
        for k in range(5):  # grid and y labels
            y = plot.bottom() - plot.height() * k / 4
            painter.setPen(QPen(colour("grid")))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(colour("muted"))
            painter.drawText(QRectF(0, y - 9, MARGIN_L - 8, 18), Qt.AlignRight | Qt.AlignVCenter,
                             f"{top * k / 4:,.0f}")
        if self.bars:
            width = plot.width() / len(self.bars)
            gap = 1.0 if width > 4 else 0.0
            for k, (_first, _last, values) in enumerate(self.bars):
                x = plot.left() + k * width
                y = plot.bottom()
                for kind, v in zip(HARM_KINDS, values):
                    if v <= 0:
                        continue
                    h = plot.height() * v / top
                    painter.fillRect(QRectF(x + gap / 2, y - h, max(1.0, width - gap), h), ink(KIND_COLOURS[kind]))
                    y -= h
            if self.current is not None:
                painter.setPen(QPen(colour("text"), 1.5, Qt.DashLine))
                painter.setBrush(Qt.NoBrush)
                painter.drawRect(QRectF(plot.left() + self.current * width, plot.top(), width, plot.height()))
            self._x_labels(painter, plot, width)
        else:
            painter.setPen(colour("faint"))
            painter.drawText(plot, Qt.AlignCenter, "No incidents in this period.\n"
                             "Tools > Suggest incidents groups casualty figures; confirm them in the Incidents panel "
                             "(or tick 'include suggested').")
        painter.setPen(QPen(colour("mid")))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        self._legend(painter)

    def _x_labels(self, painter: QPainter, plot: QRectF, width: float) -> None:
        painter.setPen(colour("muted"))
        fmt = {"day": "%d %b", "week": "%d %b %y", "month": "%b %Y"}[self.unit]
        every = max(1, int(90 / max(width, 1e-6)) + 1)
        for k in range(0, len(self.bars), every):
            x = plot.left() + k * width
            painter.drawText(QRectF(x - 4, plot.bottom() + 4, 90, 18), Qt.AlignLeft, self.bars[k][0].strftime(fmt))

    def _legend(self, painter: QPainter) -> None:
        x = MARGIN_L
        shown = {k for _, _, v in self.bars for k, value in zip(HARM_KINDS, v) if value}
        # the kinds drawn; with no bars, the kinds switched on (a kind switched off was named too)
        self.legend_kinds = [k for k in HARM_KINDS if k in shown] or [k for k in HARM_KINDS if k in self.kinds]
        for kind in self.legend_kinds:
            painter.fillRect(QRectF(x, 10, 12, 12), ink(KIND_COLOURS[kind]))
            painter.setPen(colour("text"))
            painter.drawText(QPointF(x + 16, 21), kind)
            x += 24 + painter.fontMetrics().horizontalAdvance(kind) + 10

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        key = event.key()
        if self.bars and key in (Qt.Key_Left, Qt.Key_Right, Qt.Key_Home, Qt.Key_End):
            last = len(self.bars) - 1
            k = self.current if self.current is not None else (last if key == Qt.Key_Left else 0)
            if self.current is not None:
                k = {Qt.Key_Left: k - 1, Qt.Key_Right: k + 1, Qt.Key_Home: 0, Qt.Key_End: last}[key]
            self.current = max(0, min(last, k))
            self.update()
        elif self.current is not None and key in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.period_clicked.emit(self.bars[self.current][0], self.bars[self.current][1])
        else:
            super().keyPressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: ANN001, N802
        k = self.bar_at(event.position().x())
        if k is None:
            QToolTip.hideText()
            return
        first, last, values = self.bars[k]
        when = first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
        parts = [f"{v:,.0f} {kind}" for kind, v in zip(HARM_KINDS, values) if v]
        QToolTip.showText(event.globalPosition().toPoint(),
                          f"<b>{when}</b><br>{'<br>'.join(parts) or 'none'}<br>"
                          "<i>click to list the reports of these incidents</i>", self)

    def mouseReleaseEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.button() == Qt.LeftButton:
            k = self.bar_at(event.position().x())
            if k is not None:
                self.period_clicked.emit(self.bars[k][0], self.bars[k][1])


class TimelineView(QWidget):
    """The chart with its switches: unit (auto, day, week, month) and 'include suggested'."""

    period_clicked = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = TimelineChart()
        self.unit = QComboBox()
        for label, value in (("Auto", None), ("Days", "day"), ("Weeks", "week"), ("Months", "month")):
            self.unit.addItem(label, value)
        self.suggested = QCheckBox("Include suggested incidents")
        # displacement counts run to hundreds of thousands: off at first so deaths stay readable
        self.kinds = {k: QCheckBox(k) for k in HARM_KINDS}
        self.summary = QLabel()
        row = QHBoxLayout()
        row.addWidget(QLabel("Bars:"))
        row.addWidget(self.unit)
        row.addWidget(self.suggested)
        row.addSpacing(16)
        for kind, box in self.kinds.items():
            box.setChecked(kind != "displaced")
            box.toggled.connect(lambda _=False: self.refresh())
            row.addWidget(box)
        self._colour_switches()
        row.addStretch(1)
        row.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(row)
        layout.addWidget(self.chart, 1)
        self.index: IncidentIndex | None = None
        self.first: date | None = None
        self.last: date | None = None
        self.ids: set[int] | None = None
        self.unit.currentIndexChanged.connect(lambda _=0: self.refresh())
        self.suggested.toggled.connect(lambda _=False: self.refresh())
        self.chart.period_clicked.connect(self.period_clicked)

    def _colour_switches(self) -> None:
        """Each harm kind's switch written in its bars' colour, as readable on this theme."""
        for kind, box in self.kinds.items():
            pal = box.palette()
            pal.setColor(QPalette.WindowText, ink(KIND_COLOURS[kind]))
            box.setPalette(pal)

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt signature
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange:  # the theme changed: the switches' colours follow
            self._colour_switches()

    def set_index(self, index: IncidentIndex | None) -> None:
        self.index = index
        self.refresh()

    def set_view(self, first: date | None, last: date | None, ids: set[int] | None = None) -> None:
        self.first, self.last, self.ids = first, last, ids
        self.refresh()

    def refresh(self) -> None:
        idx = self.index
        if idx is None or not idx.count:
            self.chart.set_bars([], "month")
            self.summary.setText("")
            return
        include = self.suggested.isChecked()
        days = idx.day_all if include else idx.day_confirmed
        lo = self.first or (date.fromordinal(min(days)) if days else date.today())
        hi = self.last or (date.fromordinal(max(days)) if days else date.today())
        unit = self.unit.currentData() or unit_for(lo, hi)
        bars = idx.bins(unit, self.first, self.last, include, self.ids)
        self.chart.set_bars(bars, unit, tuple(k for k, box in self.kinds.items() if box.isChecked()))
        total = [sum(v[k] for _, _, v in bars) for k in range(len(HARM_KINDS))]
        self.summary.setText(", ".join(f"{v:,.0f} {k}" for k, v in zip(HARM_KINDS, total) if v)
                             + (" (confirmed incidents)" if not include else " (confirmed and suggested)"))
