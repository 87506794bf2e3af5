"""Colours, fonts and the application style. Okabe–Ito colours stay distinct for the common
forms of colour blindness; state is also shown by line style (dashed = suggested, solid =
accepted), never by colour alone."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory, QWidget

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


# No application style sheet: it routes every paint through QStyleSheetStyle, which made a
# repaint of the item table cost ~20 ms more. Palettes and fonts do the same job cheaply.
THEMES = {
    "light": {"window": "#F4F6F8", "base": "#FFFFFF", "alt": "#F6F8FA", "button": "#EEF1F4", "text": "#1B2733",
              "muted": "#4A5561", "faint": "#7A8591", "selection": "#CFE3F7", "section": "#34404C",
              "paper": "#FFFFFF", "tip": "#FFFFF4", "rejected": "#8A939C", "link": "#0B5CAD",
              "light": "#FFFFFF", "midlight": "#E3E7EB", "mid": "#B8C0C8", "dark": "#8E98A2", "shadow": "#5A6570"},
    # fields a shade lighter than the window, so Fusion's frames (the window's colour, darker) show
    "dark": {"window": "#1F2429", "base": "#282E35", "alt": "#2C333A", "button": "#2A3036", "text": "#E4E9EE",
             "muted": "#B2BCC6", "faint": "#8C97A2", "selection": "#2D4A68", "section": "#CBD5DF",
             "paper": "#161A1E", "tip": "#2A3036", "rejected": "#7E8891", "link": "#7FB8F0",
             # Fusion draws frames and check boxes from these: lighter than the base, so they show
             "light": "#4A535C", "midlight": "#3A424A", "mid": "#6B7680", "dark": "#8893A0", "shadow": "#0C0E10"},
}
THEME = dict(THEMES["light"])  # the colours in use; apply_style switches them before widgets are made
TEXT = QColor(THEME["text"])
MUTED = QColor(THEME["muted"])
FAINT = QColor(THEME["faint"])
SELECTION = QColor(THEME["selection"])
DEFAULT_POINT_SIZE = 10.0


def colour(name: str) -> QColor:
    return QColor(THEME[name])


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
    _text_colour(widget, colour("muted"))
    return widget


def hint(label: QLabel) -> QLabel:
    """What an empty list or panel shows instead."""
    _text_colour(label, colour("faint"))
    label.setContentsMargins(10, 10, 10, 10)
    return label


def section(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    _text_colour(label, colour("section"))
    return label


def headline(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    _text_colour(label, colour("text"))
    return label


def paper(widget: QWidget) -> QWidget:
    """The reading surface: white, or the darkest grey in dark mode."""
    widget.setAutoFillBackground(True)
    pal = widget.palette()
    pal.setColor(QPalette.Window, colour("paper"))
    pal.setColor(QPalette.Base, colour("paper"))
    widget.setPalette(pal)
    return widget


def compact_buttons(root: QWidget, min_width: int = 44) -> None:
    """Let the panel buttons shrink below the style's 80 px minimum when a dock is narrow
    (they keep their natural size whenever there is room)."""
    from PySide6.QtWidgets import QPushButton

    for button in root.findChildren(QPushButton):
        button.setMinimumWidth(min_width)


def apply_style(app: QApplication, appearance: str | None = "light", point_size: float | None = None) -> str:
    """Fusion with our palette, light or dark ("system" follows the desktop), and the text
    size the analyst chose. Returns the scheme used."""
    global TEXT, MUTED, FAINT, SELECTION
    name = scheme(appearance)
    THEME.clear()
    THEME.update(THEMES[name])
    TEXT, MUTED, FAINT, SELECTION = (colour(k) for k in ("text", "muted", "faint", "selection"))
    app.setStyle(QStyleFactory.create("Fusion"))
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
