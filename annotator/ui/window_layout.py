"""How the window fits a screen: a laptop (1366×768, or 1920×1080 at 150 %) up to a wide
monitor. Panels fold into one column of tabs when the window is narrow, the window is kept on
its screen at any scale, and table columns are resizable and remembered."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QFrame, QHeaderView, QMainWindow, QScrollArea, QWidget

MIN_SIZE = QSize(1000, 640)  # fits 1024×768 and 1920×1080 at 150 % (1280×720 logical, less a taskbar)
WIDE = 1560  # at least this wide: two columns of panels; narrower: one column of tabs
DEFAULT_SIZE = QSize(1600, 1000)
SCREEN_SHARE = 0.92  # of the available area the first window takes on a small screen


def scrolling(widget: QWidget) -> QScrollArea:
    """A panel inside a frameless scroll area: a short dock scrolls instead of forcing the
    window taller than the screen."""
    area = QScrollArea()
    area.setFrameShape(QFrame.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    area.setWidget(widget)
    area.setMinimumHeight(120)
    # as wide as the panel needs: with no horizontal scroll bar, narrower would cut its fields
    area.setMinimumWidth(widget.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width())
    return area


def available(window: QWidget) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1920, 1080)


def first_size(window: QWidget) -> QSize:
    """The size of a first window: the default, or most of a smaller screen."""
    area = available(window)
    return QSize(min(DEFAULT_SIZE.width(), int(area.width() * SCREEN_SHARE)),
                 min(DEFAULT_SIZE.height(), int(area.height() * SCREEN_SHARE)))


def clamp_to_screen(window: QWidget) -> None:
    """Keep the whole window on the available part of its screen (a layout saved on a bigger
    screen, or at another scale, never opens partly off screen)."""
    area = available(window)
    frame = window.frameGeometry()
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    width = max(min(window.width(), area.width() - extra.width()), min(MIN_SIZE.width(), area.width()))
    height = max(min(window.height(), area.height() - extra.height()), min(MIN_SIZE.height(), area.height()))
    if (width, height) != (window.width(), window.height()):
        if getattr(window, "_auto_layout", False):
            window.default_layout(width)  # fold the panels first: the narrow layout needs less room
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if QPoint(x, y) != frame.topLeft():
        window.move(max(x, area.left()), max(y, area.top()))


def arrange_docks(window: QMainWindow, docks: dict[str, QDockWidget], wide: bool) -> None:
    """Wide: speakers over locations | casualties (dates tabbed) over verification.
    Narrow: one column, the four tag panels as tabs over verification."""
    for dock in docks.values():
        window.removeDockWidget(dock)
    window.addDockWidget(Qt.RightDockWidgetArea, docks["speaker"])
    if wide:
        window.splitDockWidget(docks["speaker"], docks["casualty"], Qt.Horizontal)
        window.splitDockWidget(docks["speaker"], docks["location"], Qt.Vertical)
        window.splitDockWidget(docks["casualty"], docks["verification"], Qt.Vertical)
        window.tabifyDockWidget(docks["casualty"], docks["date"])  # event dates sit with casualties
    else:
        window.splitDockWidget(docks["speaker"], docks["verification"], Qt.Vertical)
        for kind in ("location", "casualty", "date"):
            window.tabifyDockWidget(docks["speaker"], docks[kind])
    for dock in docks.values():
        dock.show()
    docks["casualty" if wide else "speaker"].raise_()
    height = window.height()
    if wide:
        window.resizeDocks([docks["speaker"], docks["casualty"]], [340, 360], Qt.Horizontal)
        window.resizeDocks([docks["speaker"], docks["location"]], [int(height * 0.45), int(height * 0.55)], Qt.Vertical)
        window.resizeDocks([docks["casualty"], docks["verification"]], [int(height * 0.57), int(height * 0.43)],
                           Qt.Vertical)
    else:
        window.resizeDocks([docks["speaker"]], [max(300, int(window.width() * 0.27))], Qt.Horizontal)
        window.resizeDocks([docks["speaker"], docks["verification"]], [int(height * 0.58), int(height * 0.42)],
                           Qt.Vertical)
    fit_bottom_docks(window)


def made_for_other_width(window: QWidget, saved_width: int) -> bool:
    """Was the saved arrangement made for a window on the other side of WIDE (two columns of
    panels restored in a laptop's window left the reader a few words wide)?"""
    return saved_width > 0 and (saved_width >= WIDE) != (window.width() >= WIDE)


def fit_bottom_docks(window: QMainWindow, share: float = 0.3) -> None:
    """Open views under the reader (map, timeline, incidents) take at most `share` of the height,
    so the reader keeps most of a short screen."""
    bottom = [d for d in window.findChildren(QDockWidget)
              if d.isVisible() and not d.isFloating() and window.dockWidgetArea(d) == Qt.BottomDockWidgetArea]
    if bottom:
        window.resizeDocks(bottom, [int(window.height() * share)] * len(bottom), Qt.Vertical)


def remember_columns(settings: QSettings, key: str, header: QHeaderView) -> None:
    """Restore a table's column widths and save them whenever the analyst drags one."""
    state = settings.value(f"columns/{key}")
    if state is not None:
        header.restoreState(state)
    header.sectionResized.connect(lambda *_: settings.setValue(f"columns/{key}", header.saveState()))
