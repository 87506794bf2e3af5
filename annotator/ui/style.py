"""Colours, fonts and the application style. Okabe–Ito colours stay distinct for the common
forms of colour blindness; a tag's state is also shown by shape and strength, never by colour
alone: suggested = pale fill in a dashed outline, accepted/edited = strong fill with a solid
underline, rejected = not drawn.

A theme or text-size change applies at once (`restyle`): widgets given a tone (muted, hint,
section, headline, paper) or a font scale here carry it as a property and are re-coloured and
re-sized from it; everything else follows the application palette and font by itself."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QLabel, QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

KIND_COLOURS = {
    "speaker": QColor("#0072B2"),  # blue
    "location": QColor("#009E73"),  # bluish green
    "casualty": QColor("#D55E00"),  # vermillion
    "date": QColor("#CC79A7"),  # reddish purple
}
SEARCH_COLOUR = QColor("#F0E442")  # yellow: search matches, never a tag kind
KIND_LABELS = {"speaker": "Speaker", "location": "Location", "casualty": "Casualty", "date": "Date"}
KIND_KEYS = {"speaker": "1", "location": "2", "casualty": "3", "date": "4"}

STATUS_LABELS = {"new": "New", "in_progress": "In progress", "annotated": "Annotated", "reviewed": "Reviewed",
                 "flagged": "Flagged"}
STATUS_COLOURS = {"new": QColor("#9AA0A6"), "in_progress": QColor("#E69F00"), "annotated": QColor("#56B4E9"),
                  "reviewed": QColor("#009E73"), "flagged": QColor("#D55E00")}
STATE_LABELS = {"suggested": "suggested", "accepted": "accepted", "edited": "edited", "rejected": "rejected"}


def tint(colour: QColor, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def tag_fill(colour: QColor, suggested: bool) -> QColor:
    """A tag's background: pale while suggested, strong once accepted (stronger on dark paper,
    where the same alpha reads fainter)."""
    return tint(colour, THEME["fill_suggested" if suggested else "fill_accepted"])


# No application style sheet: it routes every paint through QStyleSheetStyle, which made a
# repaint of the item table cost ~20 ms more. Palettes and fonts do the same job cheaply.
THEMES = {
    "light": {"window": "#F4F6F8", "base": "#FFFFFF", "alt": "#F6F8FA", "button": "#EEF1F4", "text": "#1B2733",
              "muted": "#4A5561", "faint": "#7A8591", "selection": "#CFE3F7", "section": "#34404C",
              "paper": "#FFFFFF", "tip": "#FFFFF4", "rejected": "#8A939C", "link": "#0B5CAD",
              "light": "#FFFFFF", "midlight": "#E3E7EB", "mid": "#B8C0C8", "dark": "#8E98A2", "shadow": "#5A6570",
              "fill_suggested": 26, "fill_accepted": 96, "check": "#66717C",
              # the map and the timeline (map_view, timeline_view): painted, so they take these
              "sea": "#DFE9F3", "land": "#F4F1EA", "land_home": "#FFFDF7", "border": "#8C8C8C",
              "border_home": "#444444", "map_label": "#8A7F6A", "map_dot": "#5A5A5A", "grid": "#E6E6E6",
              "focus": "#1A66C2"},  # the keyboard focus ring (_Checks): Fusion's, from the pale selection, barely showed
    # fields a shade lighter than the window, so Fusion's frames (the window's colour, darker) show
    "dark": {"window": "#1F2429", "base": "#282E35", "alt": "#2C333A", "button": "#2A3036", "text": "#E4E9EE",
             "muted": "#B2BCC6", "faint": "#8C97A2", "selection": "#2D4A68", "section": "#CBD5DF",
             "paper": "#161A1E", "tip": "#2A3036", "rejected": "#7E8891", "link": "#7FB8F0",
             # Fusion draws frames and check boxes from these: lighter than the base, so they show
             "light": "#4A535C", "midlight": "#3A424A", "mid": "#6B7680", "dark": "#8893A0", "shadow": "#0C0E10",
             "fill_suggested": 40, "fill_accepted": 130,
             "check": "#AEB8C2",  # check boxes' frame and tick (_Checks)
             "sea": "#13202B", "land": "#2B2F34", "land_home": "#363A3F", "border": "#6E767E",
             "border_home": "#C9D1D9", "map_label": "#B5AA92", "map_dot": "#C8CDD2", "grid": "#2E353C",
             "focus": "#6FB1F5"},
}
THEME: dict = dict(THEMES["light"])  # the colours in use; apply_style switches them before widgets are made
TEXT = QColor(THEME["text"])
MUTED = QColor(THEME["muted"])
FAINT = QColor(THEME["faint"])
SELECTION = QColor(THEME["selection"])
DEFAULT_POINT_SIZE = 10.0


TONE = "annotator_tone"  # widget property: the text colour role given by muted/hint/section/headline/paper
SCALE = "annotator_font_scale"  # widget property: its text size as a multiple of the window's
_TONE_COLOURS = {"muted": "muted", "hint": "faint", "section": "section", "headline": "text"}


def colour(name: str) -> QColor:
    return QColor(THEME[name])


def dark() -> bool:
    """Whether the dark colours are in use."""
    return THEME["paper"] == THEMES["dark"]["paper"]


def ink(hex_colour: str) -> QColor:
    """A data colour (a grading, a harm kind) made readable on the current paper: the same hue,
    lighter on dark paper, where the light theme's strong blues and reds all but vanish."""
    c = QColor(hex_colour)
    if not dark():
        return c
    h, s, lightness, a = c.getHsl()
    c.setHsl(h, s, max(lightness, 150), a)  # dark ones raised; light ones (already readable) kept
    return c


def _tone(widget: QWidget, tone: str) -> None:
    widget.setProperty(TONE, tone)
    if tone == "paper":
        widget.setAutoFillBackground(True)
        pal = widget.palette()
        pal.setColor(QPalette.Window, colour("paper"))
        pal.setColor(QPalette.Base, colour("paper"))
        widget.setPalette(pal)
    else:
        _text_colour(widget, colour(_TONE_COLOURS[tone]))


def scaled(widget: QWidget, factor: float = 1.0, bold: bool | None = None) -> QWidget:
    """Text `factor` times the window's size, kept so when the text size changes."""
    widget.setProperty(SCALE, float(factor))
    font = QFont(widget.font())
    if bold is not None:
        font.setBold(bold)
    font.setPointSizeF((QApplication.font().pointSizeF() or DEFAULT_POINT_SIZE) * factor)
    widget.setFont(font)
    return widget


def _text_colour(widget: QWidget, colour: QColor) -> None:
    pal = widget.palette()
    pal.setColor(QPalette.WindowText, colour)
    pal.setColor(QPalette.Text, colour)
    widget.setPalette(pal)


def scheme(choice: str | None) -> str:
    """"light" or "dark": the analyst's choice, or the system's when it is "system"."""
    if choice in ("light", "dark"):
        return choice
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    hints = QGuiApplication.styleHints()
    if not hasattr(hints, "colorScheme"):  # Qt older than 6.5: no system colour scheme to follow
        return "light"
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def muted(widget: QWidget) -> QWidget:
    """Secondary text: metadata lines, counts, the legend."""
    _tone(widget, "muted")
    return widget


def hint(label: QLabel) -> QLabel:
    """What an empty list or panel shows instead."""
    _tone(label, "hint")
    label.setContentsMargins(10, 10, 10, 10)
    return label


def section(label: QLabel) -> QLabel:
    scaled(label, 1.0, bold=True)
    _tone(label, "section")
    return label


def headline(label: QLabel) -> QLabel:
    scaled(label, 1.5, bold=True)
    _tone(label, "headline")
    return label


def paper(widget: QWidget) -> QWidget:
    """The reading surface: white, or the darkest grey in dark mode."""
    _tone(widget, "paper")
    return widget


def compact_buttons(root: QWidget, min_width: int = 44) -> None:
    """Let the panel buttons shrink below the style's 80 px minimum when a dock is narrow
    (they keep their natural size whenever there is room)."""
    from PySide6.QtWidgets import QPushButton

    for button in root.findChildren(QPushButton):
        button.setMinimumWidth(min_width)


class _Checks(QProxyStyle):
    """Fusion, with check boxes framed and ticked in the theme's "check" grey: Fusion frames them
    in the window colour darkened, a faint square on a light window and all but invisible on a
    dark one. And a clear focus ring: Fusion draws it from the selection colour (pale blue on
    white, a few shades from the frame), so a keyboard-only analyst could not see which field,
    button or list had the keys; text boxes showed no focus at all."""

    _FIELDS = (QStyle.PE_PanelLineEdit, QStyle.PE_Frame)  # line edits; text boxes and lists (scroll areas)
    # Every primitive of every widget comes through here (about 300 for one screen of the item
    # list): the ones drawn as Fusion does leave after one set lookup, and states are tested as
    # plain ints (a flag test on PySide's enums builds enum objects, ~10 us each).
    _OURS = frozenset((QStyle.PE_IndicatorCheckBox, QStyle.PE_IndicatorItemViewItemCheck, QStyle.PE_FrameFocusRect,
                       QStyle.PE_PanelLineEdit, QStyle.PE_Frame, QStyle.PE_PanelButtonCommand))
    _RINGED_BOXES = frozenset((QStyle.CC_ComboBox, QStyle.CC_SpinBox))

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: ANN001, N802 - Qt signature
        if element not in self._OURS:
            super().drawPrimitive(element, option, painter, widget)
            return
        if element in (QStyle.PE_IndicatorCheckBox, QStyle.PE_IndicatorItemViewItemCheck):
            _draw_check(option, painter)
            return
        state = _int(option.state)
        if element == QStyle.PE_FrameFocusRect:  # a check box's label, a list's current row
            if state & _KEYBOARD_FOCUS_CHANGE:
                _focus_ring(option.rect, painter, inset=0.5)
            return
        super().drawPrimitive(element, option, painter, widget)
        focused = state & _HAS_FOCUS and not _inner_field(widget)
        if focused and (element in self._FIELDS or (element == QStyle.PE_PanelButtonCommand
                                                      and state & _KEYBOARD_FOCUS_CHANGE)):
            _focus_ring(option.rect, painter)

    def drawComplexControl(self, control, option, painter, widget=None) -> None:  # noqa: ANN001, N802
        super().drawComplexControl(control, option, painter, widget)
        if control in self._RINGED_BOXES and _int(option.state) & _HAS_FOCUS:
            _focus_ring(option.rect, painter)


def _int(flags) -> int:  # noqa: ANN001 - a Qt flag (an enum, or an int in older bindings)
    return flags if isinstance(flags, int) else flags.value


_HAS_FOCUS = _int(QStyle.State_HasFocus)
_KEYBOARD_FOCUS_CHANGE = _int(QStyle.State_KeyboardFocusChange)


def _inner_field(widget: QWidget | None) -> bool:
    """A spin box's or combo box's own text field: the box draws the ring, once, around both."""
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

    return widget is not None and isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox))


def _focus_ring(rect, painter: QPainter, inset: float = 1.0) -> None:  # noqa: ANN001 - QRect
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(QPen(colour("focus"), 2))
    painter.setBrush(Qt.NoBrush)
    painter.drawRoundedRect(QRectF(rect).adjusted(inset, inset, -inset, -inset), 3, 3)
    painter.restore()


def _draw_check(option: QStyleOption, painter: QPainter) -> None:
    ink = colour("check")
    if not option.state & QStyle.State_Enabled:
        ink = colour("faint")
    box = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5)
    side = min(box.width(), box.height())
    box = QRectF(box.center().x() - side / 2, box.center().y() - side / 2, side, side)
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(QPen(ink, 1.4))
    painter.setBrush(colour("base"))
    painter.drawRoundedRect(box, 2, 2)
    if option.state & QStyle.State_On:
        painter.setPen(QPen(ink, 2, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
        w = box.width()
        painter.drawPolyline([QPointF(box.left() + w * x, box.top() + w * y)
                              for x, y in ((0.22, 0.52), (0.42, 0.74), (0.8, 0.26))])
    elif option.state & QStyle.State_NoChange:
        painter.setPen(QPen(ink, 2, Qt.SolidLine, Qt.RoundCap))
        y = box.center().y()
        painter.drawLine(QPointF(box.left() + side * 0.25, y), QPointF(box.right() - side * 0.25, y))
    painter.restore()


def restyle(app: QApplication, appearance: str | None, point_size: float | None) -> str:
    """Switch theme and text size now, for every open window: the palette and font, then each
    widget given a tone or a font scale here. Returns the scheme used."""
    from PySide6.QtCore import QCoreApplication, QEvent

    name = apply_style(app, appearance, point_size)
    widgets = app.allWidgets()
    # Qt tells open widgets of a new application font and palette only once its event loop has
    # started; say it ourselves so a change made before (or from a test) reaches them too
    for kind in (QEvent.ApplicationFontChange, QEvent.ApplicationPaletteChange):
        for widget in widgets:
            QCoreApplication.sendEvent(widget, QEvent(kind))
    for widget in widgets:
        tone = widget.property(TONE)
        if tone:
            _tone(widget, str(tone))
        factor = widget.property(SCALE)
        if factor is not None:
            scaled(widget, float(factor))
    return name


def apply_style(app: QApplication, appearance: str | None = "light", point_size: float | None = None) -> str:
    """Fusion with our palette, light or dark ("system" follows the desktop), and the text
    size the analyst chose. Returns the scheme used."""
    global TEXT, MUTED, FAINT, SELECTION
    name = scheme(appearance)
    THEME.clear()
    THEME.update(THEMES[name])
    TEXT, MUTED, FAINT, SELECTION = (colour(k) for k in ("text", "muted", "faint", "selection"))
    app.setStyle(_Checks(QStyleFactory.create("Fusion")))
    pal = QPalette()
    roles = {QPalette.Window: "window", QPalette.WindowText: "text", QPalette.Base: "base",
             QPalette.AlternateBase: "alt", QPalette.Text: "text", QPalette.Button: "button",
             QPalette.ButtonText: "text", QPalette.ToolTipBase: "tip", QPalette.ToolTipText: "text",
             QPalette.PlaceholderText: "faint", QPalette.Link: "link", QPalette.BrightText: "text",
             QPalette.Light: "light", QPalette.Midlight: "midlight", QPalette.Mid: "mid", QPalette.Dark: "dark",
             QPalette.Shadow: "shadow"}
    for role, key in roles.items():
        pal.setColor(role, colour(key))
    for group in (QPalette.Active, QPalette.Inactive):
        pal.setColor(group, QPalette.Highlight, SELECTION)
        pal.setColor(group, QPalette.HighlightedText, TEXT)
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        pal.setColor(QPalette.Disabled, role, colour("faint"))
    app.setPalette(pal)
    font = QFont(app.font())
    font.setPointSizeF(point_size or DEFAULT_POINT_SIZE)
    app.setFont(font)
    return name
