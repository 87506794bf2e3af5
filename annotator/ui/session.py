"""The window's working context: the open store, the analyst, the undo stack.

Every user action goes through `Session.perform(label, service_fn, *args)`: the service call
becomes one QUndoCommand, its `Changes` are broadcast with `changed`, and views refresh only what
the changes name. No widget holds a store connection of its own or writes SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.services import changes as changes_service
from annotator.services import browse
from annotator.services.browse import ItemView
from annotator.services.changes import Changes, StaleChange
from annotator.services.stores import Store


class ServiceCommand(QUndoCommand):
    """One service call. First redo() runs it; undo()/redo() then replay its exact snapshots."""

    def __init__(self, session: Session, label: str, run: Callable[[], Changes], outcome: dict) -> None:
        super().__init__(label)
        self.session = session
        self.run = run
        self.outcome = outcome  # filled on the first redo; read by perform() after push
        self.result: Changes | None = None

    def redo(self) -> None:
        if self.result is not None:
            self._replay(changes_service.redo, "Redone")
            return
        try:
            self.result = self.outcome["changes"] = self.run()
        except (ValueError, KeyError) as exc:
            self.outcome["error"] = exc
            self.setObsolete(True)  # nothing happened: the stack drops it
            return
        if self.result.empty:
            self.setObsolete(True)
            return
        self.session.changed.emit(self.result)

    def undo(self) -> None:
        if self.result is not None:
            self._replay(changes_service.undo, "Undone")

    def _replay(self, replay: Callable[..., Changes], verb: str) -> None:
        assert self.result is not None
        self.session.before_replay(self.result)
        try:
            replayed = replay(self.session.db, self.result, self.session.analyst)
        except StaleChange as exc:  # someone changed these rows since: their work is kept
            self.setObsolete(True)  # QUndoStack drops this step and moves on
            self.session.reload_item()  # show the rows as they are now
            self.session.refused.emit(str(exc))
            return
        self.session.changed.emit(replayed)
        self.session.after_replay(self.result, verb)


class Session(QObject):
    """Also the hub for "which item and which tag is current", so panels, reader and review
    mode stay in step without knowing each other."""

    changed = Signal(object)  # Changes
    failed = Signal(str)  # a refused action, for the status bar
    refused = Signal(str)  # an undo/redo refused because someone changed its rows since
    store_reloaded = Signal()  # bulk work (import, tagging) landed: re-query the list
    item_shown = Signal(object)  # ItemView | None: the current item (re)loaded
    tag_selected = Signal(object)  # annotation id | None
    reveal = Signal(int)  # an undo or redo is about to change this item: bring it into view
    replayed = Signal(str)  # what an undo or redo changed, in words, once it is in view

    def __init__(self, db: Store, db_path: Path, analyst: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.db_path = Path(db_path)
        self.analyst = analyst
        self.undo_stack = QUndoStack(self)
        self.view: ItemView | None = None
        self.tag_id: int | None = None
        self._flushes: list[Callable[[], object]] = []
        self._flushing = False
        self.changed.connect(self._reload_if_current)

    # --- edits in progress ----------------------------------------------------------------------
    def add_flush(self, commit: Callable[[], object]) -> None:
        """Register an editor's commit: it runs before any other action or any change of item or
        tag, so an edit in progress is saved (as its own undo step) and never lost."""
        self._flushes.append(commit)

    def flush_edits(self) -> None:
        if self._flushing:
            return
        self._flushing = True
        try:
            for commit in self._flushes:
                commit()
        finally:
            self._flushing = False

    # --- current item and tag ------------------------------------------------------------------
    def show_item(self, item_id: int | None) -> None:
        if self.view is None or item_id != self.view.id:
            self.flush_edits()
        self.view = browse.load_item(self.db, item_id) if item_id is not None else None
        if self.view is None or self.view.tag(self.tag_id or -1) is None:
            self.tag_id = None
        self.item_shown.emit(self.view)
        self.tag_selected.emit(self.tag_id)

    def reload_item(self) -> None:
        self.show_item(self.view.id if self.view else None)

    def select_tag(self, annotation_id: int | None) -> None:
        if annotation_id != self.tag_id:
            self.flush_edits()
            self.tag_id = annotation_id
            self.tag_selected.emit(annotation_id)

    # --- undo and redo show what they change ---------------------------------------------------
    def before_replay(self, changes: Changes) -> None:
        """Undo/redo: first go to the item it changes (the list, or the reader alone when the
        list's filter hides it), so the analyst sees the change happen."""
        if changes.item_id is not None and (self.view is None or self.view.id != changes.item_id):
            self.reveal.emit(changes.item_id)
            if self.view is None or self.view.id != changes.item_id:
                self.show_item(changes.item_id)

    def after_replay(self, changes: Changes, verb: str) -> None:
        """…then select (outline, scroll to) the tag it changed, and say what happened."""
        present = sorted(i for i in changes.annotation_ids if self.view is not None and self.view.tag(i))
        if present:
            self.select_tag(present[0])
        tag = self.view.tag(present[0]) if present and self.view else None
        where = f"item #{changes.item_id}" if changes.item_id is not None else "the store"
        what = f", “{' '.join(tag['text'].split())[:40]}”" if tag else ""
        self.replayed.emit(f"{verb}: {changes.label} — {where}{what}")

    def _reload_if_current(self, changes: Changes) -> None:
        if self.view is not None and changes.item_id == self.view.id:
            self.reload_item()

    def perform(self, label: str, fn: Callable[..., Changes], *args, **kwargs) -> Changes | None:
        """Run `fn(db, *args, analyst=..., **kwargs)` as one undoable step; returns its Changes,
        or None when the service refused (the reason goes to `failed`)."""
        self.flush_edits()
        outcome: dict = {}
        self.undo_stack.push(ServiceCommand(self, label, lambda: fn(self.db, *args, analyst=self.analyst, **kwargs),
                                            outcome))
        if "error" in outcome:
            self.failed.emit(str(outcome["error"]).strip("'\""))
            return None
        return outcome.get("changes")
