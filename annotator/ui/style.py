"""Colours, fonts and the application style. Okabe–Ito colours stay distinct for the common
forms of colour blindness; state is also shown by line style (dashed = suggested, solid =
accepted), never by colour alone."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

KIND_COLOURS = {
    "speaker": QColor("#0072B2"),  # blue
    "location": QColor("#009E73"),  # bluish green
    "casualty": QColor("#D55E00"),  # vermillion
    "date": QColor("#CC79A7"),  # reddish purple
}
SEARCH_COLOUR = QColor("#F0E442")  # yellow: search matches, never a tag kind
KIND_LABELS = {"speaker": "Speaker", "location": "Location", "casualty": "Casualty", "date": "Date"}
KIND_KEYS = {"speaker": "1", "location": "2", "casualty": "3"}

STATUS_LABELS = {"new": "New", "in_progress": "In progress", "annotated": "Annotated", "reviewed": "Reviewed",
                 "flagged": "Flagged"}
STATUS_COLOURS = {"new": QColor("#9AA0A6"), "in_progress": QColor("#E69F00"), "annotated": QColor("#56B4E9"),
                  "reviewed": QColor("#009E73"), "flagged": QColor("#D55E00")}
STATE_LABELS = {"suggested": "suggested", "accepted": "accepted", "edited": "edited", "rejected": "rejected"}


def tint(colour: QColor, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


STYLESHEET = """
QMainWindow::separator { background: #D6DAE0; width: 1px; height: 1px; }
QDockWidget { font-weight: 600; }
QDockWidget::title { background: #EEF1F5; padding: 5px 8px; border-bottom: 1px solid #D6DAE0; }
QTableView, QTreeWidget, QListWidget { border: 1px solid #D6DAE0; gridline-color: #EEF0F3; }
QTableView::item:selected, QTreeWidget::item:selected { background: #CFE3F7; color: #111; }
QHeaderView::section { background: #F4F6F8; border: none; border-bottom: 1px solid #D6DAE0;
                       border-right: 1px solid #E6E9ED; padding: 4px 6px; font-weight: 600; }
QLabel#readerMeta { color: #4A5561; }
QLabel#readerDate { font-size: 15pt; font-weight: 600; color: #1B2733; }
QLabel#panelEmpty { color: #7A8591; padding: 10px; }
QLabel#sectionTitle { font-weight: 600; color: #34404C; }
QLabel#legend { color: #4A5561; }
QFrame#readerFrame { background: white; border: 1px solid #D6DAE0; }
QPlainTextEdit#readerBody { border: none; background: white; selection-background-color: #BBD6F2;
                            selection-color: black; }
QStatusBar QLabel { padding: 0 8px; color: #34404C; }
QPushButton { padding: 3px 10px; }
"""


def apply_style(app: QApplication) -> None:
    app.setStyle(QStyleFactory.create("Fusion"))
    pal = app.palette()
    pal.setColor(QPalette.Window, QColor("#F7F8FA"))
    pal.setColor(QPalette.Base, QColor("#FFFFFF"))
    pal.setColor(QPalette.AlternateBase, QColor("#F6F8FA"))
    pal.setColor(QPalette.Highlight, QColor("#2F6FB0"))
    pal.setColor(QPalette.ToolTipBase, QColor("#FFFFF4"))
    app.setPalette(pal)
    font = QFont(app.font())
    font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
