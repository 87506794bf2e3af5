"""The window's incident views: the Incidents panel, the map and the timeline as docks, Tools >
Suggest incidents in the background, and the wiring to the item list (its filters narrow the
views; a click on the map or the timeline narrows the list). `install(win)` is the one call the
main window makes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMessageBox

from annotator.services.incident_index import IncidentIndex
from annotator.services import incidents
from annotator.services.browse import ItemFilter
from annotator.ui.incidents_panel import IncidentsPanel
from annotator.ui.map_view import MapView
from annotator.ui.timeline_view import TimelineView
from annotator.ui.workers import Job, register_thread

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

VIEWS = ("incidents", "map", "timeline")
TITLES = {"incidents": "Incidents", "map": "Map", "timeline": "Timeline"}


class Loader(QThread):
    """Reads the incident index, the tagged places and (for filters other than dates) the
    incident ids the filter leaves, on a connection of its own."""

    loaded = Signal(int, object, object, object)  # generation, index or None, places or None, ids or None

    def __init__(self, db_path: str, generation: int, f: ItemFilter, index: bool) -> None:
        super().__init__()
        self.db_path, self.generation, self.filter, self.want_index = db_path, generation, f, index
        register_thread(self)

    def run(self) -> None:
        index, places, ids = incidents.view_data(self.db_path, self.filter, self.want_index, needs_ids(self.filter))
        self.loaded.emit(self.generation, index, places, ids)


def needs_ids(f: ItemFilter) -> bool:
    """Filters the index cannot answer from dates alone."""
    return bool(f.search or f.status or f.kind or f.speaker or f.location or f.unreviewed or f.source_id is not None)


def days_shown(f: ItemFilter) -> tuple[date | None, date | None]:
    """The incident days the views show: the list's date range, narrowed to the incident period
    a timeline click chose."""
    firsts = [d for d in (_day(f.date_from), _day(f.incident_from)) if d]
    lasts = [d for d in (_day(f.date_to), _day(f.incident_to)) if d]
    return (max(firsts) if firsts else None), (min(lasts) if lasts else None)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


class IncidentViews(QObject):
    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.panel = IncidentsPanel(win.session, settings=win.settings)
        self.map = MapView()
        self.timeline = TimelineView()
        self.docks: dict[str, QDockWidget] = {}
        for name, widget in (("incidents", self.panel), ("map", self.map), ("timeline", self.timeline)):
            dock = QDockWidget(TITLES[name], win)
            dock.setObjectName(f"dock_{name}")
            dock.setWidget(widget)
            dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
                             | QDockWidget.DockWidgetClosable)
            win.addDockWidget(Qt.BottomDockWidgetArea, dock)
            dock.visibilityChanged.connect(lambda shown, _n=name: shown and self.ensure_loaded())
            dock.hide()  # opened from View or Tools; the review layout stays as it was
            self.docks[name] = dock
        win.tabifyDockWidget(self.docks["incidents"], self.docks["map"])
        win.tabifyDockWidget(self.docks["map"], self.docks["timeline"])
        self.index: IncidentIndex | None = None
        self.generation = 0
        self.loader: Loader | None = None
        self._loaders: list[Loader] = []
        self._stale = True
        self._menus()
        win.items.filters.changed.connect(self.filter_changed)
        win.session.changed.connect(lambda c: getattr(c, "incident_ids", None) and self.invalidate())
        self.map.place_clicked.connect(self.place_clicked)
        self.timeline.period_clicked.connect(self.period_clicked)
        self.panel.item_requested.connect(self.open_item)
        self._reload_timer = QTimer(self, singleShot=True, interval=300)
        self._reload_timer.timeout.connect(self.ensure_loaded)

    def _menus(self) -> None:
        bar = self.win.menuBar()
        tools = next((a.menu() for a in bar.actions() if a.menu() and a.text().replace("&", "") == "Tools"), None)
        view = next((a.menu() for a in bar.actions() if a.menu() and a.text().replace("&", "") == "View"), None)
        tools = tools or bar.addMenu("&Tools")
        view = view or bar.addMenu("&View")
        tools.addSeparator()
        self.suggest_act = tools.addAction("Suggest &incidents")
        self.suggest_act.setStatusTip("Group casualty figures across reports into incidents, in the background; "
                                      "confirmed incidents and analyst decisions are kept")
        self.suggest_act.triggered.connect(lambda _=False: self.suggest())
        view.addSeparator()
        self.view_actions: dict[str, QAction] = {}
        for name in VIEWS:
            # Not the dock's own toggleViewAction: it shows a tabbed dock behind the tab in front.
            act = view.addAction(TITLES[name])
            act.setCheckable(True)
            act.setShortcut({"incidents": "Ctrl+Shift+I", "map": "Ctrl+Shift+M", "timeline": "Ctrl+Shift+T"}[name])
            act.triggered.connect(lambda _=False, n=name: self.toggle_view(n))
            dock = self.docks[name]
            dock.visibilityChanged.connect(lambda _=False, n=name: self._sync_action(n))
            self.view_actions[name] = act

    def in_front(self, name: str) -> bool:
        dock = self.docks[name]
        return dock.isVisible() and not dock.visibleRegion().isEmpty()

    def _sync_action(self, name: str) -> None:
        self.view_actions[name].setChecked(not self.docks[name].isHidden())

    def toggle_view(self, name: str) -> None:
        """View > Map and the others: a view in front closes; otherwise it opens (or comes from
        behind another tab) in front, with the keyboard focus."""
        if self.in_front(name):
            self.docks[name].hide()
        else:
            self.bring_to_front(name)
        self._sync_action(name)

    def bring_to_front(self, name: str) -> None:
        dock = self.docks[name]
        dock.show()
        dock.raise_()
        focus = {"incidents": self.panel.table, "map": self.map, "timeline": self.timeline.chart}[name]
        dock.activateWindow()
        focus.setFocus(Qt.OtherFocusReason)

    # --- loading -------------------------------------------------------------------------------
    def invalidate(self) -> None:
        self._stale = True
        if any(d.isVisible() for d in self.docks.values()):
            self._reload_timer.start()

    def ensure_loaded(self, wait: bool = False) -> None:
        """Load what the visible views need (in the background; `wait` for a screenshot)."""
        if not self._stale and self.index is not None:
            self.apply(self.win.items.model.filter)
            return
        self._start(self.win.items.model.filter, index=True, wait=wait)

    def _start(self, f: ItemFilter, index: bool, wait: bool = False) -> None:
        self.generation += 1
        # No Qt parent: the window's deletion must not delete a thread Python still tracks.
        # Finished loaders are dropped; running ones are kept until they end.
        loader = Loader(str(self.win.session.db_path), self.generation, f, index)
        loader.loaded.connect(self._loaded)
        self._loaders = [t for t in self._loaders if t.isRunning()] + [loader]
        self.loader = loader
        if wait:
            loader.run()  # same thread: the slot runs at once
            return
        loader.start()

    @Slot(int, object, object, object)
    def _loaded(self, generation: int, index: Any, places: Any, ids: Any) -> None:
        if generation != self.generation:
            return
        if index is not None:
            self.index, self._stale = index, False
            self.map.set_index(index)
            self.timeline.set_index(index)
        self.map.set_places(places or [])
        self._show(self.win.items.model.filter, ids)

    def filter_changed(self, f: ItemFilter) -> None:
        if not any(d.isVisible() for d in self.docks.values()):
            return
        self.apply(f)

    def apply(self, f: ItemFilter) -> None:
        """Dates straight from the in-memory index; other filters ask the store for incident ids
        in the background (the views keep what they show until the answer comes). The tagged
        places of the new filter always come from the background."""
        if self.index is None or self._stale:
            self._start(f, index=True)
            return
        if not needs_ids(f):
            self._show(f, None)
        self._start(f, index=False)

    def _show(self, f: ItemFilter, ids: set[int] | None) -> None:
        first, last = days_shown(f)
        self.map.set_view(first, last, ids)
        self.timeline.set_view(first, last, ids)
        if self.docks["incidents"].isVisible() or self.panel.model.rowCount() == 0:
            self.panel.set_view(first.isoformat() if first else None, last.isoformat() if last else None, ids)

    # --- the list and the views ----------------------------------------------------------------
    def place_clicked(self, name: str, lat: float, lon: float) -> None:
        bar = self.win.items.filters
        bar.location.setText(name)
        bar.emit_filter()
        if self.index is not None:
            first, last = days_shown(self.win.items.model.filter)
            self.panel.set_view(first.isoformat() if first else None, last.isoformat() if last else None,
                                set(self.index.ids_at(lat, lon, first, last)))
        self.win.statusBar().showMessage(f"Items that name {name}; its incidents are listed in the Incidents panel",
                                         6000)

    def period_clicked(self, first: date, last: date) -> None:
        """The items that report the incidents of the bar's days (a report often comes a day or
        more after the attack, so the list's own report dates would miss them)."""
        self.win.items.filters.set_incident_period((first.isoformat(), last.isoformat()))
        self.win.statusBar().showMessage(f"Items reporting incidents of {first.isoformat()} to {last.isoformat()}",
                                         6000)

    def open_item(self, item_id: int, annotation_id: int) -> None:
        if not self.win.select_item(item_id):
            self.win.items.filters.reset()
            self.win.select_item(item_id)
        self.win.session.select_tag(annotation_id)

    def suggest(self) -> Job | None:
        from annotator.services.incidents import suggest

        win = self.win
        if win.progress.busy:
            win.statusBar().showMessage("Wait for the running job to finish (or cancel it) first.", 5000)
            return None
        analyst = win.session.analyst

        def work(db, progress, should_stop):  # noqa: ANN001, ANN202 - runs in the job thread
            return suggest(db, analyst=analyst, progress=lambda n, total: progress(n, total, "", landed=False),
                           should_stop=should_stop)

        def done(report: Any) -> None:
            if isinstance(report, Exception):
                QMessageBox.warning(win, "Suggesting incidents failed", str(report))
                return
            win.statusBar().showMessage(report.summary(), 10000)
            self._stale = True
            self.bring_to_front("incidents")
            self.ensure_loaded()

        job = Job("Suggesting incidents", win.session.db_path, work, win)
        win.progress.track(job, on_landed=lambda: None, on_done=done)
        return job

    def show_view(self, name: str, size: tuple[int, int] = (1400, 900)) -> QDockWidget:
        """Float one view at `size`, loaded (the screenshot path)."""
        dock = self.docks[name]
        dock.show()
        dock.setFloating(True)
        dock.resize(*size)
        self.ensure_loaded(wait=True)
        return dock

    def stop(self) -> None:
        """The window closes: wait for a loader (it only reads) and ignore what it sends."""
        self.generation += 1
        self._reload_timer.stop()
        for loader in self._loaders:
            loader.wait()
        self._loaders = [self.loader] if self.loader is not None else []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.win and event.type() == QEvent.Close:
            self.stop()  # a loader only reads; it ends within its query
        return False


def install(win: MainWindow) -> IncidentViews:
    win.incident_views = IncidentViews(win)  # type: ignore[attr-defined]
    win.installEventFilter(win.incident_views)  # type: ignore[attr-defined]
    return win.incident_views  # type: ignore[attr-defined]
