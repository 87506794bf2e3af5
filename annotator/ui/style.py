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
TEXT = QColor("#1B2733")
MUTED = QColor("#4A5561")
FAINT = QColor("#7A8591")
SELECTION = QColor("#CFE3F7")


def _text_colour(widget: QWidget, colour: QColor) -> None:
    pal = widget.palette()
    pal.setColor(QPalette.WindowText, colour)
    pal.setColor(QPalette.Text, colour)
    widget.setPalette(pal)


def muted(widget: QWidget) -> QWidget:
    """Secondary text: metadata lines, counts, the legend."""
    _text_colour(widget, MUTED)
    return widget


def hint(label: QLabel) -> QLabel:
    """What an empty list or panel shows instead."""
    _text_colour(label, FAINT)
    label.setContentsMargins(10, 10, 10, 10)
    return label


def section(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    _text_colour(label, QColor("#34404C"))
    return label


def headline(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    _text_colour(label, TEXT)
    return label


def paper(widget: QWidget) -> QWidget:
    """White reading surface."""
    widget.setAutoFillBackground(True)
    pal = widget.palette()
    pal.setColor(QPalette.Window, QColor("white"))
    pal.setColor(QPalette.Base, QColor("white"))
    widget.setPalette(pal)
    return widget


def compact_buttons(root: QWidget, min_width: int = 44) -> None:
    """Let the panel buttons shrink below the style's 80 px minimum when a dock is narrow
    (they keep their natural size whenever there is room)."""
    from PySide6.QtWidgets import QPushButton

    for button in root.findChildren(QPushButton):
        button.setMinimumWidth(min_width)


def apply_style(app: QApplication) -> None:
    app.setStyle(QStyleFactory.create("Fusion"))
    pal = app.palette()
    pal.setColor(QPalette.Window, QColor("#F4F6F8"))
    pal.setColor(QPalette.Base, QColor("#FFFFFF"))
    pal.setColor(QPalette.AlternateBase, QColor("#F6F8FA"))
    for group in (QPalette.Active, QPalette.Inactive):
        pal.setColor(group, QPalette.Highlight, SELECTION)
        pal.setColor(group, QPalette.HighlightedText, TEXT)
    pal.setColor(QPalette.ToolTipBase, QColor("#FFFFF4"))
    pal.setColor(QPalette.ToolTipText, TEXT)
    app.setPalette(pal)
    font = QFont(app.font())
    font.setPointSizeF(10)
    app.setFont(font)
