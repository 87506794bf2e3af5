"""The offline map: Syria and its neighbours from bundled Natural Earth outlines
(resources/map/), the borders of Syria's governorates and the neighbours' provinces (Natural
Earth admin-1) with their names where they fit, tagged places as small dots and
incidents as circles per place, sized by casualties and coloured by grading (filled when
confirmed, a ring when only suggested). Drawn with QPainter: no web engine, no tiles, no socket.

Drag pans, the wheel zooms around the pointer, hovering names a point, a click on a circle
emits `place_clicked` (the window narrows the item list to that place and lists its
incidents). `set_view` takes the list's filter as a date range (answered from memory) and,
for other filters, the set of incident ids they leave.
"""

from __future__ import annotations

import json
import math
from datetime import date
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QToolTip, QWidget

from annotator.paths import resource
from annotator.services.incident_index import IncidentIndex, MapPoint
from annotator.services.incident_model import HARM_KINDS
from annotator.ui.style import THEME, colour, ink, tint

GRADING_COLOURS = {"confirmed": "#1b7837", "fair": "#2166ac", "weak": "#e08214", "contested": "#b2182b",
                   "discounted": "#7f7f7f", None: "#555555"}
GRADING_LABEL = "grading:"
STATE_SUGGESTED = "pale ring: suggested incident, not yet reviewed"
STATE_CONFIRMED = "solid disc: incident confirmed by an analyst"
BIN_PX = 12  # points closer than this on screen are drawn as one circle
SYRIA_BOX = (35.6, 32.3, 42.4, 37.35)  # lon, lat: the frame the map opens on
HOME = (38.6, 35.0, 95.0)  # centre lon, lat and pixels per degree before the view has a size
COS = math.cos(math.radians(35.0))  # equirectangular, true at Syria's latitude


@lru_cache(maxsize=1)
def boundaries() -> list[tuple[str, list[list[tuple[float, float]]]]]:
    data = json.loads(resource("map", "boundaries.json").read_text(encoding="utf-8"))
    return [(c["code"], [[(x, y) for x, y in ring] for ring in c["rings"]]) for c in data["countries"]]


@dataclass(frozen=True)
class Area:
    """One admin-1 area (a Syrian governorate, a neighbour's province) from governorates.json."""

    country: str
    name: str | None  # None for an unnamed strip (the UNDOF zone)
    label: tuple[float, float] | None  # lon, lat where Natural Earth puts its name
    rings: tuple[tuple[tuple[float, float], ...], ...]

    @property
    def home(self) -> bool:
        return self.country == "SYR"

    def extent(self) -> tuple[float, float, float, float]:
        xs = [x for ring in self.rings for x, _ in ring]
        ys = [y for ring in self.rings for _, y in ring]
        return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=1)
def governorates() -> list[Area]:
    """Syria's 14 governorates and the neighbours' provinces near it (Natural Earth admin-1,
    extracted once by docs/extract_governorates.py)."""
    data = json.loads(resource("map", "governorates.json").read_text(encoding="utf-8"))
    return [Area(g["country"], g["name"], tuple(g["label"]) if g["label"] else None,
                 tuple(tuple((x, y) for x, y in ring) for ring in g["rings"])) for g in data["governorates"]]


def home_for(width: int, height: int) -> tuple[float, float, float]:
    """Centre and scale that show all of Syria in a view of this size, a little room around it."""
    x0, y0, x1, y1 = SYRIA_BOX
    scale = min(width * 0.86 / ((x1 - x0) * COS), height * 0.86 / (y1 - y0))
    return (x0 + x1) / 2, (y0 + y1) / 2, max(20.0, min(4000.0, scale))


DASHED_NOTE = "dashed ring: only the district, province or area is known"


def circle_style(grading: str | None, confirmed: bool, approximate: bool) -> tuple[QColor, QPen]:
    """Fill and outline of an incident circle: the grading's colour, a full disc when confirmed
    and a pale one when only suggested; a place known only to its district, province, a vague
    area or the country (UCDP where_prec 3 or more, drawn at that area's centre) is a dashed,
    nearly hollow ring, so it does not read as the spot of the attack."""
    hue = ink(GRADING_COLOURS.get(grading, "#555555"))
    if approximate:
        pen = QPen(hue.darker(130) if confirmed else hue, 2.0, Qt.DashLine)
        return tint(hue, 60 if confirmed else 20), pen
    return tint(hue, 170 if confirmed else 45), QPen(hue.darker(130) if confirmed else hue, 1.2 if confirmed else 1.8)


def radius(casualties: float) -> float:
    """Area grows with casualties (killed, injured, missing): 4 px for none, 12 px for 50, 30 px
    from about 400 on (capped so one place cannot cover the map)."""
    return min(30.0, 4.0 + 1.2 * math.sqrt(max(0.0, casualties)))


class MapView(QWidget):
    place_clicked = Signal(str, float, float)  # place name, lat, lon

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)  # View > Map gives it the keyboard: arrows pan, +/- zoom
        self.setMinimumSize(320, 240)
        self.lon, self.lat, self.scale = HOME
        self.index: IncidentIndex | None = None
        self.points: list[MapPoint] = []
        self.places: list[dict] = []  # tagged places: name, lat, lon, mentions, items
        self.first: date | None = None
        self.last: date | None = None
        self.ids: set[int] | None = None
        self.suggested = True
        self._press: QPointF | None = None
        self._moved = False
        self._moved_by_hand = False  # until the analyst pans or zooms, a resize re-fits Syria
        self.outside: list[MapPoint] = []  # points beyond the view at the last paint
        self.approximate_drawn = 0
        self._paths = [(code, self._path(rings)) for code, rings in boundaries()]
        self._areas = [(area, self._path([list(r) for r in area.rings]), area.extent()) for area in governorates()]
        self._background: QPixmap | None = None
        self._background_key: tuple = ()
        self._sprites: dict[tuple, tuple[QPixmap, int]] = {}  # (style, crowded, diameter) -> circle, margin
        self._sprites_key: tuple = ()

    # --- data ----------------------------------------------------------------------------------
    def set_index(self, index: IncidentIndex | None) -> None:
        self.index = index
        self.refresh()

    def set_places(self, places: list[dict]) -> None:
        self.places = places
        self.update()

    def set_view(self, first: date | None, last: date | None, ids: set[int] | None = None,
                 suggested: bool | None = None) -> None:
        """What the item list shows: a date range and, for other filters, the incident ids."""
        self.first, self.last, self.ids = first, last, ids
        if suggested is not None:
            self.suggested = suggested
        self.refresh()

    def refresh(self) -> None:
        idx = self.index
        self.points = idx.points(self.first, self.last, self.ids, self.suggested) if idx else []
        self.points.sort(key=lambda p: -p.casualties)  # small circles drawn last, on top
        self.update()

    # --- geometry ------------------------------------------------------------------------------
    def to_screen(self, lon: float, lat: float) -> QPointF:
        return QPointF(self.width() / 2 + (lon - self.lon) * self.scale * COS,
                       self.height() / 2 - (lat - self.lat) * self.scale)

    def to_geo(self, p: QPointF) -> tuple[float, float]:
        return (self.lon + (p.x() - self.width() / 2) / (self.scale * COS),
                self.lat - (p.y() - self.height() / 2) / self.scale)

    @staticmethod
    def _path(rings: list[list[tuple[float, float]]]) -> QPainterPath:
        """Outlines in map units (lon * cos, -lat): one transform places them at paint time."""
        path = QPainterPath()
        for ring in rings:
            path.addPolygon(QPolygonF([QPointF(x * COS, -y) for x, y in ring]))
            path.closeSubpath()
        return path

    def point_at(self, pos: QPointF) -> MapPoint | None:
        for p in reversed(self.points):  # the topmost (smallest) first
            c = self.to_screen(p.lon, p.lat)
            if math.hypot(c.x() - pos.x(), c.y() - pos.y()) <= radius(p.casualties) + 2:
                return p
        return None

    # --- painting ------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: ANN001, N802
        # The outlines and labels change only when the view moves: kept as a picture, so a
        # filter change redraws only the circles on top of it.
        key = (self.width(), self.height(), self.lon, self.lat, self.scale, THEME["sea"])  # redrawn on a theme change
        if self._background is None or self._background_key != key:
            self._background = QPixmap(self.size())
            self._background_key = key
            back = QPainter(self._background)
            self._draw_background(back)
            back.end()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._background)
        self._tagged_places(painter)
        self._incidents(painter)
        self._legend(painter)

    def _draw_background(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), colour("sea"))
        painter.save()
        painter.translate(self.width() / 2 - self.lon * COS * self.scale, self.height() / 2 + self.lat * self.scale)
        painter.scale(self.scale, self.scale)
        pen = QPen(colour("border"))
        pen.setCosmetic(True)
        pen.setWidthF(1.0)
        painter.setPen(pen)
        for code, path in self._paths:
            painter.setBrush(colour("land_home" if code == "SYR" else "land"))
            painter.drawPath(path)
        # Governorate and province borders: thin, under the country borders and the points;
        # the neighbours' fainter than Syria's.
        painter.setBrush(Qt.NoBrush)
        for home, alpha, width in ((False, 90, 0.7), (True, 170, 0.9)):
            line = QPen(tint(colour("border"), alpha))
            line.setCosmetic(True)
            line.setWidthF(width)
            painter.setPen(line)
            for area, path, _extent in self._areas:
                if area.home == home:
                    painter.drawPath(path)
        syria = next((p for c, p in self._paths if c == "SYR"), None)
        if syria is not None:
            pen.setColor(colour("border_home"))
            pen.setWidthF(1.8)
            painter.setPen(pen)
            painter.drawPath(syria)
        painter.restore()
        self._governorates(painter)

    def _governorates(self, painter: QPainter) -> None:
        """Names where they fit: a governorate's name when its area is wide enough on screen for
        it (Damascus and Quneitra appear as one zooms in), moved a line down or up rather than
        over a name already written; the neighbours' provinces only from a closer zoom."""
        placed: list[QRectF] = []
        self.labels: list[str] = []  # the names written at this zoom, in order (and where: `placed`)
        self.label_rects = placed
        view = QRectF(self.rect())
        for home in (True, False):
            if not home and self.scale < 220:
                continue
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * (0.95 if home else 0.85))
            font.setItalic(True)
            painter.setFont(font)
            metrics = painter.fontMetrics()
            painter.setPen(colour("map_label") if home else tint(colour("map_label"), 150))
            # the big areas first: they have room; small ones take what is left
            areas = sorted((a for a in self._areas if a[0].home == home and a[0].label),
                           key=lambda a: -(a[2][2] - a[2][0]) * (a[2][3] - a[2][1]))
            for area, _path, (x0, y0, x1, y1) in areas:
                assert area.name is not None and area.label is not None
                w, h = metrics.horizontalAdvance(area.name) + 6, metrics.height()
                if (x1 - x0) * self.scale * COS < 0.6 * w and (y1 - y0) * self.scale < 2 * h:
                    continue  # too small on screen at this zoom
                c = self.to_screen(*area.label)
                for dy in (0.0, h, -h):
                    rect = QRectF(c.x() - w / 2, c.y() - h / 2 + dy, w, h)
                    if view.contains(rect) and not any(rect.intersects(r) for r in placed):
                        painter.drawText(rect, Qt.AlignCenter, area.name)
                        placed.append(rect)
                        self.labels.append(area.name)
                        break

    def _tagged_places(self, painter: QPainter) -> None:
        painter.setPen(Qt.NoPen)
        painter.setBrush(tint(colour("map_dot"), 110))
        for p in self.places:
            c = self.to_screen(p["lon"], p["lat"])
            if 0 <= c.x() <= self.width() and 0 <= c.y() <= self.height():
                painter.drawEllipse(c, 2.2, 2.2)

    def _incidents(self, painter: QPainter) -> None:
        """Circles, largest first. Points closer than BIN_PX on screen are drawn as one (their
        figures summed, the biggest place's colour): at a country-wide zoom thousands of villages
        would otherwise be drawn on top of each other, slowly. Zooming in separates them."""
        w, h = self.width(), self.height()
        kx, ky, cx, cy = self.scale * COS, self.scale, w / 2 - self.lon * self.scale * COS, h / 2 + self.lat * self.scale
        bins: dict[tuple[int, int], list] = {}
        self.outside: list[MapPoint] = []
        self.approximate_drawn = 0  # circles drawn as a centroid (the legend explains them only then)
        for p in self.points:
            x, y = cx + p.lon * kx, cy - p.lat * ky
            if not (0 <= x <= w and 0 <= y <= h):
                self.outside.append(p)
            if -40 < x < w + 40 and -40 < y < h + 40:
                key = (int(x // BIN_PX), int(y // BIN_PX))
                slot = bins.get(key)
                if slot is None:
                    bins[key] = [(x, y), p, p.casualties, p.confirmed]
                    self.approximate_drawn += p.is_approximate
                else:  # points come largest first: the first one names and colours the bin
                    slot[2] += p.casualties
                    slot[3] += p.confirmed
        crowded = len(bins) >= 600
        sprite = self._sprite
        for c, p, casualties, confirmed in sorted(bins.values(), key=lambda b: -b[2]):
            r = radius(casualties)
            pixmap, margin = sprite((p.grading, bool(confirmed), p.is_approximate), crowded, int(2 * r))
            painter.drawPixmap(int(c[0] - r) - margin, int(c[1] - r) - margin, pixmap)
        painter.setRenderHint(QPainter.Antialiasing, not crowded)  # the legend, as the circles

    def _sprite(self, style: tuple[str | None, bool, bool], crowded: bool, diameter: int) -> tuple[QPixmap, int]:
        """One circle drawn once into a pixmap and then copied wherever it goes: painting an
        ellipse (fill, outline, a dashed one above all) costs the raster engine about 20 µs, a
        copy a few; a filter change on a big store redraws a thousand circles or more. The circle
        is drawn at a whole-pixel offset as it was drawn straight onto the map, so it looks the
        same; kept per style, crowding and size (a few hundred at most), redrawn with the theme."""
        key = (THEME["sea"], self.devicePixelRatioF())
        if key != self._sprites_key or len(self._sprites) > 600:
            self._sprites, self._sprites_key = {}, key
        found = self._sprites.get((style, crowded, diameter))
        if found is not None:
            return found
        fill, pen = circle_style(*style)
        if crowded:  # thousands of circles: one-pixel outlines (and no antialiasing) read better
            pen.setWidthF(1.0)
        margin = int(math.ceil(pen.widthF() / 2)) + 1  # room for the outline and its antialiasing
        ratio = key[1]
        side = diameter + 2 * margin
        pixmap = QPixmap(int(math.ceil(side * ratio)), int(math.ceil(side * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.Antialiasing, not crowded)
        painter.setBrush(fill)
        painter.setPen(pen)
        painter.drawEllipse(margin, margin, diameter, diameter)
        painter.end()
        found = self._sprites[(style, crowded, diameter)] = (pixmap, margin)
        return found

    def _legend_dashed(self, painter: QPainter, x: float, y: float) -> None:
        fill, pen = circle_style(None, False, True)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawEllipse(QPointF(x, y), 7, 7)

    def _legend(self, painter: QPainter) -> None:
        """What the circles mean, sized to its text; and what the map does not show: incidents
        outside the view (named, so a far-off place such as a capital named in a report is not
        silently missed) and incidents without coordinates."""
        painter.setFont(self.font())
        metrics = painter.fontMetrics()
        line = metrics.height() + 2
        total = sum(p.incidents for p in self.points)
        casualties = sum(p.casualties for p in self.points)
        # Colour is the grading (whose scale starts at "confirmed"); fill is the incident's state.
        # The two read apart: the swatches stand after "grading:", and the state lines say
        # "suggested" and "confirmed by an analyst", never a bare "confirmed".
        lines = [f"{total:,} incident{'s' if total != 1 else ''}, {casualties:,.0f} killed, injured or missing",
                 GRADING_LABEL, "", STATE_SUGGESTED, STATE_CONFIRMED, "circle area: killed + injured + missing"]
        compact = self.height() < 420  # a low dock: the two explanations give way to the map
        if compact:
            lines = lines[:3]
        dashed = len(lines) if self.approximate_drawn else -1  # its line, when such a circle is drawn
        if self.approximate_drawn:
            lines.append(DASHED_NOTE)
        outside = sorted(self.outside, key=lambda p: -p.casualties)
        if outside:
            n = sum(p.incidents for p in outside)
            names = ", ".join(p.name or "unnamed" for p in outside[:3]) + (", …" if len(outside) > 3 else "")
            lines.append(f"{n:,} outside this view ({names})")
        if self.index is not None and self.index.unplaced:
            lines.append(f"{self.index.unplaced:,} without coordinates (not drawn)")
        swatch = 22 + max(metrics.horizontalAdvance(g) for g in GRADING_COLOURS if g) + 12
        label = metrics.horizontalAdvance(GRADING_LABEL) + 10  # the swatches stand after "grading:"
        indented = {dashed} | (set() if compact else {3, 4, 5})  # lines after a small circle
        width = max(max(metrics.horizontalAdvance(t) + (44 if k in indented else 20) for k, t in enumerate(lines)),
                    label + 3 * swatch + 12)
        # bottom right: at the fitted zoom that is the Iraqi and Jordanian desert, not Syria
        box = QRectF(self.width() - 10 - width, self.height() - 10 - (len(lines) * line + 12), width,
                     len(lines) * line + 12)
        self.legend_rect = box
        self.legend_lines = lines  # what it says (read by tests)
        self.swatch_x: dict[str, float] = {}  # where each grading's swatch is drawn (read by tests)
        painter.setPen(QPen(colour("mid")))
        painter.setBrush(tint(colour("base"), 230))
        painter.drawRoundedRect(box, 6, 6)
        text = colour("text")
        baseline = box.top() + 6 + metrics.ascent()
        painter.setPen(text)
        for k, t in enumerate(lines):
            if t:
                x = box.left() + (34 if k in indented else 10)
                painter.drawText(QPointF(x, baseline + k * line), t)
        gradings = [g for g in GRADING_COLOURS if g]
        for k, grading in enumerate(gradings):  # two rows of swatches: lines 1 and 2
            y = baseline + (1 + k // 3) * line
            x = box.left() + 10 + label + swatch * (k % 3)
            self.swatch_x[grading] = x
            colour_k = ink(GRADING_COLOURS[grading])
            painter.setPen(QPen(colour_k.darker(130)))
            painter.setBrush(colour_k)
            painter.drawEllipse(QPointF(x + 6, y - metrics.ascent() / 2 + 1), 5, 5)
            painter.setPen(text)
            painter.drawText(QPointF(x + 16, y), grading)
        if dashed >= 0:
            self._legend_dashed(painter, box.left() + 20, baseline + dashed * line - metrics.ascent() / 2 + 1)
        if compact:
            return
        for k, confirmed in ((3, False), (4, True)):  # the state: a pale ring, a solid disc
            fill, pen = circle_style(None, confirmed, False)
            painter.setPen(pen)
            painter.setBrush(fill)
            painter.drawEllipse(QPointF(box.left() + 20, baseline + k * line - metrics.ascent() / 2 + 1), 5, 5)
        painter.setPen(QPen(text, 1.0))
        painter.setBrush(Qt.NoBrush)
        y4 = baseline + 5 * line - metrics.ascent() / 2 + 1
        painter.drawEllipse(QPointF(box.left() + 14, y4), 3, 3)
        painter.drawEllipse(QPointF(box.left() + 23, y4), 6, 6)

    # --- interaction ---------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:  # noqa: ANN001, N802
        pos = event.position()
        before = self.to_geo(pos)
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.scale = min(4000.0, max(20.0, self.scale * factor))
        after = self.to_geo(pos)
        self.lon += before[0] - after[0]
        self._moved_by_hand = True
        self.lat += before[1] - after[1]
        self.update()

    def zoom(self, factor: float) -> None:
        self.scale = min(4000.0, max(20.0, self.scale * factor))
        self._moved_by_hand = True
        self.update()

    def home(self) -> None:
        """All of Syria, as large as the view allows (a margin kept for the legend)."""
        self.lon, self.lat, self.scale = home_for(self.width(), self.height())
        self._moved_by_hand = False
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        if not self._moved_by_hand:
            self.home()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        """Arrows pan by a fifth of the view, + and - zoom, Home (or 0) shows all of Syria."""
        key = event.key()
        step_x, step_y = self.width() / 5 / (self.scale * COS), self.height() / 5 / self.scale
        moves = {Qt.Key_Left: (-step_x, 0.0), Qt.Key_Right: (step_x, 0.0), Qt.Key_Up: (0.0, step_y),
                 Qt.Key_Down: (0.0, -step_y)}
        if key in moves:
            self.lon += moves[key][0]
            self._moved_by_hand = True
            self.lat += moves[key][1]
            self.update()
        elif key in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key_Minus:
            self.zoom(0.8)
        elif key in (Qt.Key_Home, Qt.Key_0):
            self.home()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.button() == Qt.LeftButton:
            self._press, self._moved = event.position(), False

    def mouseMoveEvent(self, event) -> None:  # noqa: ANN001, N802
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.LeftButton:
            dx, dy = pos.x() - self._press.x(), pos.y() - self._press.y()
            if self._moved or abs(dx) + abs(dy) > 3:
                self._moved = self._moved_by_hand = True
                self.lon -= dx / (self.scale * COS)
                self.lat += dy / self.scale
                self._press = pos
                self.update()
            return
        p = self.point_at(pos)
        if p is None:
            QToolTip.hideText()
            self.setCursor(Qt.ArrowCursor)
            return
        self.setCursor(Qt.PointingHandCursor)
        QToolTip.showText(event.globalPosition().toPoint(), describe(p), self)

    def mouseReleaseEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.button() == Qt.LeftButton and self._press is not None and not self._moved:
            p = self.point_at(event.position())
            if p is not None:
                self.place_clicked.emit(p.name, p.lat, p.lon)
        self._press = None


def describe(p: MapPoint) -> str:
    harm = ", ".join(f"{v:,.0f} {k}" for k, v in zip(HARM_KINDS, p.harm) if v)
    return (f"<b>{p.name or 'unnamed place'}</b><br>{p.incidents:,} incident{'s' if p.incidents != 1 else ''} "
            f"({p.confirmed:,} confirmed by an analyst)<br>{harm or 'no figures'}<br>"
            f"mostly graded {p.grading or '(not graded)'}<br>"
            + (f"{p.approximate:,} placed only to a district, province or area (drawn at its centre)<br>"
               if p.approximate else "") + "<i>click to list its items</i>")
