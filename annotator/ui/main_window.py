"""The analyst's window: item list | reader | dock panels (speakers, locations, casualties, dates,
verification). It only assembles widgets and wires them to the session; every action is a service
call made through `Session.perform`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox, QSplitter, QTabWidget, QWidget

from annotator.services import browse, review, spans
from annotator.ui import confirm, incident_docks, long_work, report_import, window_layout
from annotator.ui.item_list import ItemList
from annotator.ui.panels.tag_panel import TagPanel
from annotator.ui.panels.verification import VerificationPanel
from annotator.ui.reader import ReaderPane
from annotator.ui.review_mode import ReviewMode
from annotator.ui.session import Session
from annotator.ui.style import STATUS_LABELS
from annotator.ui.workers import ProgressArea
from annotator.vocabulary import ANNOTATION_KINDS as PANEL_KINDS

DOCK_TITLES = {"speaker": "Speakers", "location": "Locations", "casualty": "Casualties", "date": "Dates"}
INTEGRITY_DELAY_MS = 3000
REFUSED_MESSAGE_MS = 30_000


class MainWindow(QMainWindow):
    def __init__(self, session: Session, settings: QSettings,
                 open_store: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.session, self.settings, self._open_store = session, settings, open_store
        self.setWindowTitle(f"Annotator — {session.db_path.name}")
        self.setDockNestingEnabled(True)
        self.setTabPosition(Qt.AllDockWidgetAreas, QTabWidget.North)  # panel tabs above the panel, where one looks
        self.items = ItemList(session)
        self.reader = ReaderPane()
        self.reader.setMinimumWidth(340)  # the splitter can narrow it, never slide it under the panels
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.items)
        split.addWidget(self.reader)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([500, 500])
        split.setChildrenCollapsible(False)
        self.splitter = split
        self.setCentralWidget(split)
        self.panels = {kind: TagPanel(session, kind) for kind in PANEL_KINDS}
        self.verification = VerificationPanel(session)
        self.docks: dict[str, QDockWidget] = {}
        for kind, panel in self.panels.items():
            panel.reader_selection = self.reader.body.selected_span
            panel.return_focus = self.reader.body.setFocus
            panel.move_tag = self.move_tag
            self.docks[kind] = self._dock(kind, DOCK_TITLES[kind], panel)
            # a panel behind another tab skips item switches; it catches up when it comes to the front
            self.docks[kind].visibilityChanged.connect(lambda shown, p=panel: shown and p.catch_up())
        self.docks["verification"] = self._dock("verification", "Verification", self.verification)
        self._auto_layout = True  # until a saved layout is restored: panels fold with the width
        self._wide: bool | None = None
        self.progress = ProgressArea()
        self.review = ReviewMode(session, self, next_item=self.items.next_item, edit=self.edit_tag)
        self.review.home = self.reader.body.setFocus
        self._status_bar()
        self._menus()
        self._wire()
        incident_docks.install(self)  # Incidents panel, map, timeline; Tools > Suggest incidents
        report_import.install(self)  # paste, drop, report header, Item > Set date
        self.resize(window_layout.first_size(self))
        self.default_layout()
        for kind, panel in self.panels.items():
            window_layout.remember_columns(settings, f"panel_{kind}", panel.list.header())
        window_layout.remember_columns(settings, "items", self.items.table.horizontalHeader())
        self.items.reload()

    def default_layout(self, width: int | None = None) -> None:
        """List | reader | panels: two columns of panels when wide, one column of tabs when
        narrow (a laptop). A saved layout replaces this at start-up."""
        width = width or self.width()
        self._wide = width >= window_layout.WIDE
        window_layout.arrange_docks(self, self.docks, self._wide)
        central = max(600, width - (700 if self._wide else max(300, int(width * 0.27))))
        self.splitter.setSizes([int(central * 0.42), central - int(central * 0.42)])

    def showEvent(self, event) -> None:  # noqa: ANN001
        super().showEvent(event)
        if not getattr(self, "_shown_once", False):
            self._shown_once = True
            self.items.table.setFocus()  # not the search box: a first key is a command, not a search

    def reset_layout(self) -> None:
        self._auto_layout = True
        self.default_layout()

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        if self._auto_layout and self._wide is not None and (self.width() >= window_layout.WIDE) != self._wide:
            self.default_layout()

    # --- construction ------------------------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(window_layout.scrolling(widget))
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable | QDockWidget.DockWidgetClosable)
        return dock

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.analyst_label = QLabel(f"Analyst: {self.session.analyst}")
        self.progress_label = QLabel()
        # the file's name, its full path in the tooltip: a full path took a third of a laptop's
        # status bar, and the messages (what an export wrote, and where) were cut short
        self.store_label = QLabel(self.session.db_path.name)
        self.store_label.setToolTip(f"{self.session.db_path}\nThe store this window reads and writes; "
                                    "every change is saved at once")
        for w in (self.progress, self.analyst_label, self.progress_label, self.store_label):
            if isinstance(w, QLabel):
                w.setContentsMargins(10, 0, 10, 0)
            bar.addPermanentWidget(w)
        self._reviewed: int | None = None
        self._total = 0
        self.progress_label.setText("Reviewed … / …")
        # counting a million items takes tens of ms: after the first frame, not before it
        self._progress_timer = QTimer(self, singleShot=True, interval=0)
        self._progress_timer.timeout.connect(self._count_progress)
        self._progress_timer.start()

    def _count_progress(self) -> None:
        self._reviewed, self._total = browse.progress(self.session.db)
        self._show_progress()

    def _show_progress(self) -> None:
        self.progress_label.setText(f"Reviewed {self._reviewed:,} / {self._total:,}")

    def _action(self, menu, text: str, slot: Callable, shortcut: str | QKeySequence | None = None,  # noqa: ANN001
                tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.setStatusTip(tip)
        act.triggered.connect(lambda _=False: slot())
        menu.addAction(act)
        return act

    def _menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&Open store…", self.choose_store, QKeySequence.Open)
        self.recent_menu = file.addMenu("Recent stores")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        self.import_files_act = self._action(file, "&Import files…", lambda: long_work.import_files(self), "Ctrl+I")
        self.import_folder_act = self._action(file, "Import &folder…", lambda: long_work.import_folder(self))
        if long_work.available("annotator.services.exporting"):
            self._action(file, "&Export…", lambda: long_work.export_dialog(self), "Ctrl+E",
                         "Export the items the list currently shows")
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.Quit)

        edit = bar.addMenu("&Edit")
        undo = self.session.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.session.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addActions([undo, redo])
        edit.addSeparator()
        self._action(edit, "&Find in items", lambda: self.items.filters.search.setFocus(), QKeySequence.Find)

        item = bar.addMenu("&Item")
        status = item.addMenu("Mark as")
        for key, label in STATUS_LABELS.items():
            self._action(status, label, lambda s=key: self.set_status(s))
        self._action(item, "&Accept all suggestions", self.accept_all, "Ctrl+Shift+A")
        item.addSeparator()
        self._action(item, "Next item", lambda: self.items.next_item(1), "Alt+Down")
        self._action(item, "Previous item", lambda: self.items.next_item(-1), "Alt+Up")
        item.addSeparator()
        self._action(item, "&History…", self.show_history, "Ctrl+H")
        item.addSeparator()
        self._action(item, "Note on this &item", lambda: self.new_note(False), "Ctrl+Shift+N",
                     "A verification note on the whole item (works in review mode too)")
        self._action(item, "Note on the selected &tag", lambda: self.new_note(True), "Ctrl+N",
                     "A verification note on the tag selected now")

        tools = bar.addMenu("&Tools")
        self.tag_all_act = self._action(tools, "&Suggest tags for listed items", lambda: long_work.suggest_tags(self, False))
        self.tag_item_act = self._action(tools, "Suggest tags for this &item", lambda: long_work.suggest_tags(self, True))
        for act in (self.tag_all_act, self.tag_item_act):
            act.setEnabled(long_work.available("annotator.services.tagging"))
            act.setStatusTip("Runs in the background; reviewed and manual tags are never touched; untouched "
                             "suggestions the rules no longer make are withdrawn")
        self._action(tools, "&Learned…", self.show_learned, None,
                     "Aliases, rejected contexts and suppressed forms learned from corrections, with undo")

        rev = bar.addMenu("&Review")
        rev.addAction(self.review.toggle)
        rev.addSeparator()
        rev.addActions(list(self.review.actions.values()))
        rev.addSeparator()
        for label, edge, grow, keys in (("Grow tag by a word at its end", "end", True, "Alt+Right"),
                                        ("Shrink tag by a word at its end", "end", False, "Alt+Left"),
                                        ("Grow tag by a word at its start", "start", True, "Alt+Shift+Left"),
                                        ("Shrink tag by a word at its start", "start", False, "Alt+Shift+Right")):
            self._action(rev, label, lambda e=edge, g=grow: self.step_tag(e, g), keys)

        view = bar.addMenu("&View")
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        self._action(view, "Reset panel layout", self.reset_layout, tip="Panels as at first start, fitted to the window")
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, QKeySequence.HelpContents,
                     "Every key of the window on one sheet")
        appearance = view.addMenu("Appearance")
        chosen = self.settings.value("appearance", "system", str)
        group = QActionGroup(self)
        for key, label in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
            act = self._action(appearance, label, lambda k=key: self._remember("appearance", k))
            act.setCheckable(True)
            act.setChecked(key == chosen)
            group.addAction(act)
        size = view.addMenu("Text size")
        for label, step, keys in (("Larger", 1, QKeySequence.ZoomIn), ("Smaller", -1, QKeySequence.ZoomOut),
                                  ("Default", 0, "Ctrl+0")):
            self._action(size, label, lambda s=step: self._text_size(s), keys)

    def _wire(self) -> None:
        s = self.session
        self.items.item_activated.connect(s.show_item)
        s.item_shown.connect(lambda v: self.reader.show_item(v, self.items.model.filter.search))
        s.tag_selected.connect(self._tag_selected)
        s.changed.connect(self._changed)
        s.failed.connect(lambda msg: self.statusBar().showMessage(msg, 6000))
        # A refused undo names a colleague's change: long enough to read, until the next message.
        s.refused.connect(lambda msg: self.statusBar().showMessage(msg, REFUSED_MESSAGE_MS))
        s.reveal.connect(self.items.select_item)
        s.replayed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.review.message.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        body = self.reader.body
        body.tag_requested.connect(self.add_tag)
        body.tag_clicked.connect(s.select_tag)
        body.state_requested.connect(
            lambda i, verb: s.perform(f"{verb.title()} tag", review.accept if verb == "accept" else review.reject, i))
        body.span_requested.connect(self.move_tag)

    # --- reactions ---------------------------------------------------------------------------
    def _tag_selected(self, annotation_id: int | None) -> None:
        self.reader.body.set_current(annotation_id, scroll=annotation_id is not None)
        tag = self.session.view.tag(annotation_id) if (self.session.view and annotation_id) else None
        if tag is not None and tag["kind"] in self.docks:
            self.docks[tag["kind"]].raise_()

    def _changed(self, changes) -> None:  # noqa: ANN001
        if changes.status_changed and self._reviewed is not None:
            # from the action's own snapshots: no count over the whole store per status change
            before, after = changes.before.items, changes.after.items
            self._reviewed += sum((after[k]["status"] == "reviewed") - (before[k]["status"] == "reviewed")
                                  for k in before if k in after)
            self._show_progress()
        if changes.label and not changes.label.lower().startswith(("undo", "redo")):  # replays say more (replayed)
            self.statusBar().showMessage(changes.label[:1].upper() + changes.label[1:], 3000)

    def store_grew(self) -> None:
        """Bulk work landed (import, tagging): re-query list and counts."""
        self._count_progress()
        self.session.store_reloaded.emit()
        self.session.reload_item()

    # --- actions -----------------------------------------------------------------------------
    def add_tag(self, kind: str, start: int, end: int) -> None:
        view = self.session.view
        if view is None:
            return
        start, end = spans.snap_to_words(view.item["body"], start, end)  # a drag from mid-word takes the word
        changes = self.session.perform(f"Tag {kind}", review.add_tag, view.id, kind, start, end)
        if changes is not None:
            self.session.select_tag(changes.created_id)
            self.docks[kind].raise_()

    def move_tag(self, annotation_id: int, start: int, end: int) -> None:
        """Give a tag a new span (the reader's selection, snapped to whole words)."""
        if self.session.view is not None:
            start, end = spans.snap_to_words(self.session.view.item["body"], start, end)
            self.session.perform("Change span", review.change_span, annotation_id, start, end)

    def step_tag(self, edge: str, grow: bool) -> None:
        """Grow or shrink the selected tag by a word at its start or end (Alt+arrows)."""
        view = self.session.view
        tag = view.tag(self.session.tag_id) if (view and self.session.tag_id) else None
        if tag is None:
            self.statusBar().showMessage("Select a tag first (J/K in review mode, or click it)", 5000)
            return
        start, end = spans.step(view.item["body"], tag["start"], tag["end"], edge, grow)
        if (start, end) != (tag["start"], tag["end"]):
            self.session.perform(f"{'Grow' if grow else 'Shrink'} {tag['kind']}", review.change_span, tag["id"],
                                 start, end)

    def edit_tag(self, tag: dict[str, Any]) -> None:
        panel = self.panels.get(tag["kind"])
        if panel is not None:
            self.docks[tag["kind"]].show()
            self.docks[tag["kind"]].raise_()
            panel.focus_editor(tag["id"])

    def new_note(self, on_tag: bool) -> None:
        self.docks["verification"].show()
        self.docks["verification"].raise_()
        self.verification.new_note(on_tag=on_tag)

    def set_status(self, status: str) -> None:
        if self.session.view is not None:
            self.session.perform(f"Mark {status.replace('_', ' ')}", review.set_item_status, self.session.view.id, status)

    def accept_all(self) -> None:
        view = self.session.view
        if view is None:
            return
        open_ = [t for t in view.tags if t["state"] == "suggested"]
        if not open_:
            self.statusBar().showMessage("No open suggestions in this item", 4000)
            return
        if confirm.accept_all(self, len(open_), "in this item"):
            self.session.perform("Accept all in item", review.accept_all, view.id)

    def show_shortcuts(self) -> None:
        from annotator.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_learned(self) -> None:
        from annotator.ui.learned_dialog import LearnedDialog

        LearnedDialog(self.session.db, self.session.analyst, self).exec()

    def show_history(self) -> None:
        view = self.session.view
        if view is None:
            return
        from annotator.ui.history_dialog import HistoryDialog

        label = f"item #{view.id}, {view.item['date']}"
        self.history_dialog = HistoryDialog(label, review.item_history(self.session.db, view.id), self,
                                            jump=self.jump_to_history, revert=self.revert_history)
        self.history_dialog.exec()

    def jump_to_history(self, entry: review.HistoryEntry) -> None:
        """History > Go to tag: select the row's tag (or the tag its note is on) in the window."""
        row = entry.after if isinstance(entry.after, dict) else entry.before if isinstance(entry.before, dict) else {}
        tag_id = entry.row_id if entry.table == "annotations" else row.get("annotation_id")
        view = self.session.view
        if tag_id is not None and view is not None and view.tag(tag_id) is not None:
            self.session.select_tag(tag_id)
        elif tag_id is not None:
            self.statusBar().showMessage("That tag no longer exists (Revert brings a deleted tag back)", 6000)

    def revert_history(self, entry: review.HistoryEntry) -> bool:
        changes = self.session.perform("Revert from history", review.revert_change, entry)
        if changes is not None and entry.table == "annotations" and self.session.view is not None \
                and self.session.view.tag(entry.row_id):
            self.session.select_tag(entry.row_id)
        return changes is not None

    def choose_store(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, "Open or create a store", str(self.session.db_path.parent),
                                              "Annotator stores (*.db);;All files (*)",
                                              options=QFileDialog.DontConfirmOverwrite)
        if path and self._open_store:
            self._open_store(path)

    def _remember(self, key: str, value: object) -> None:
        """View > Appearance: remembered, and the whole window switches at once."""
        self.settings.setValue(key, value)
        self._restyle()
        self.statusBar().showMessage("Appearance saved and applied", 4000)

    def _text_size(self, step: int) -> None:
        """Larger / smaller text, remembered, applied at once to the whole window."""
        from annotator.ui.style import DEFAULT_POINT_SIZE

        now = self.settings.value("font_size", 0.0, float) or DEFAULT_POINT_SIZE
        size = DEFAULT_POINT_SIZE if step == 0 else max(7.0, min(20.0, now + step))
        self.settings.setValue("font_size", size)
        self._restyle()
        self.statusBar().showMessage(f"Text size {size:g} pt", 4000)

    def _restyle(self) -> None:
        from PySide6.QtWidgets import QApplication

        from annotator.ui.style import restyle

        restyle(QApplication.instance(), self.settings.value("appearance", "system", str),
                self.settings.value("font_size", 0.0, float) or None)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.value("recent_stores", [], list) or []:
            act = self.recent_menu.addAction(path)
            act.setEnabled(self._open_store is not None and path != str(self.session.db_path))
            act.triggered.connect(lambda _=False, p=path: self._open_store(p))

    def check_integrity_in_background(self) -> None:
        """A large store was opened without reading it all; check it now, warn if damaged."""
        from annotator.ui.workers import IntegrityJob

        self.integrity_job = IntegrityJob(self.session.db_path, self)
        self.integrity_job.done.connect(self._integrity_checked)  # slot of a GUI object: queued
        # a few seconds in: reading the whole file should not compete with the first frames
        QTimer.singleShot(INTEGRITY_DELAY_MS, self.integrity_job.start)

    @Slot(str)
    def _integrity_checked(self, result: str) -> None:
        self.integrity_job.wait()
        if result == "ok":
            self.statusBar().showMessage("Store integrity checked: ok", 5000)
        else:
            QMessageBox.critical(self, "Store damaged",
                                 f"{self.session.db_path} failed its integrity check ({result}).\n"
                                 "Stop editing and restore a backup (annotator restore).")

    def select_item(self, item_id: int) -> bool:
        return self.items.select_item(item_id)

    def closeEvent(self, event) -> None:  # noqa: ANN001
        self.session.flush_edits()
        if self.progress.busy and not getattr(self, "terminating", False):
            answer = QMessageBox.question(self, "Work in progress",
                                          "An import or tagging run is still going. Cancel it and close?")
            if answer != QMessageBox.Yes:
                event.ignore()
                return
        long_work.stop_all(self)
        if getattr(self, "integrity_job", None) is not None and self.integrity_job.isRunning():
            self.integrity_job.wait()  # read-only; at most a few seconds
        self.items.filters.stop_pending()
        self._progress_timer.stop()
        self.items.model.shutdown()
        if getattr(self, "save_layout_on_close", True):  # a --screenshot run leaves the analyst's layout alone
            self.settings.setValue("geometry", self.saveGeometry())
            self.settings.setValue("window_state", self.saveState())
            self.settings.setValue("splitter", self.splitter.saveState())
            self.settings.setValue("layout_width", self.width())  # what the saved arrangement was made for
        super().closeEvent(event)

    def restore_layout(self) -> None:
        if self.settings.value("geometry") is not None:
            self.restoreGeometry(self.settings.value("geometry"))
        if self.settings.value("window_state") is not None and self.restoreState(self.settings.value("window_state")):
            self._auto_layout = False  # the analyst's own arrangement stays as they left it
        if self.settings.value("splitter") is not None:
            self.splitter.restoreState(self.settings.value("splitter"))
        window_layout.clamp_to_screen(self)
        if not self._auto_layout and window_layout.made_for_other_width(self, self.settings.value("layout_width", 0, int)):
            self.reset_layout()  # two columns saved on a desktop, now on a laptop (or back): fold again
