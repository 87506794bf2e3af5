"""Keyboard review mode: J/K next/previous suggestion, A accept, X reject, E edit, N next item,
R mark item reviewed. The keys are window shortcuts enabled only while review mode is on;
text fields keep their letters (Qt gives typing precedence over single-key shortcuts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from annotator.services import review
from annotator.ui.session import Session

KEYS = (
    ("next", "J", "Next suggestion"),
    ("previous", "K", "Previous suggestion"),
    ("accept", "A", "Accept suggestion"),
    ("reject", "X", "Reject suggestion"),
    ("edit", "E", "Edit suggestion"),
    ("next_item", "N", "Next item"),
    ("reviewed", "R", "Mark item reviewed"),
)


class ReviewMode(QObject):
    message = Signal(str)

    def __init__(self, session: Session, window: QWidget, next_item: Callable[[], None],
                 edit: Callable[[dict[str, Any]], None]) -> None:
        super().__init__(window)
        self.session, self._next_item, self._edit = session, next_item, edit
        self.toggle = QAction("&Review mode", window, checkable=True)
        self.toggle.setShortcut(QKeySequence("Ctrl+R"))
        self.toggle.setToolTip("Review suggestions with the keyboard only")
        self.toggle.toggled.connect(self._toggled)
        self.home: Callable[[], None] = lambda: None  # set by the window: where review keys are typed
        self.actions: dict[str, QAction] = {}
        for name, key, label in KEYS:
            act = QAction(f"{label}\t{key}", window)
            act.setShortcut(QKeySequence(key))
            act.setEnabled(False)
            act.triggered.connect(getattr(self, name))
            window.addAction(act)
            self.actions[name] = act
        session.item_shown.connect(self._item_shown)

    @property
    def active(self) -> bool:
        return self.toggle.isChecked()

    def _toggled(self, on: bool) -> None:
        for act in self.actions.values():
            act.setEnabled(on)
        if on:
            self.home()  # keys typed next are review keys, never letters in a search box
            self._go_first()
            self.message.emit("Review mode: J/K next/previous · A accept · X reject · E edit · N next item · "
                              "R reviewed · Ctrl+R to leave")
        else:
            self.message.emit("Review mode off")

    def suggestions(self) -> list[dict[str, Any]]:
        view = self.session.view
        return [t for t in (view.tags if view else []) if t["state"] == "suggested"]

    def _current_tag(self) -> dict[str, Any] | None:
        view = self.session.view
        return view.tag(self.session.tag_id) if (view and self.session.tag_id) else None

    def _go_first(self) -> None:
        todo = self.suggestions()
        self.session.select_tag(todo[0]["id"] if todo else None)
        if not todo:
            self.message.emit("No open suggestions in this item — N for the next item, R to mark it reviewed")

    def _item_shown(self, view) -> None:  # noqa: ANN001
        if self.active and self._current_tag() is None:
            self._go_first()

    def _step(self, forward: bool) -> None:
        todo = self.suggestions()
        if not todo:
            self._go_first()
            return
        cur = self._current_tag()
        pos = (cur["start"], cur["id"]) if cur else (-1, -1) if forward else (10**12, 0)
        ahead = [t for t in todo if ((t["start"], t["id"]) > pos if forward else (t["start"], t["id"]) < pos)]
        if not ahead:
            self.message.emit("Last suggestion in this item — N for the next item" if forward
                              else "First suggestion in this item")
            return
        self.session.select_tag(ahead[0]["id"] if forward else ahead[-1]["id"])

    def next(self) -> None:
        self._step(True)

    def previous(self) -> None:
        self._step(False)

    def _decide(self, fn, verb: str) -> None:  # noqa: ANN001
        tag = self._current_tag()
        if tag is None:
            self.message.emit("No suggestion selected — J for the next one")
            return
        later = [t for t in self.suggestions() if (t["start"], t["id"]) > (tag["start"], tag["id"])]
        self.session.perform(f"{verb} {tag['kind']}", fn, tag["id"])
        # move on to the next open suggestion, as a reviewer expects
        still_open = {t["id"] for t in self.suggestions()}
        nxt = next((t for t in later if t["id"] in still_open), None)
        if nxt is None and still_open:
            nxt = self.suggestions()[0]
        self.session.select_tag(nxt["id"] if nxt else tag["id"])

    def accept(self) -> None:
        self._decide(review.accept, "Accept")

    def reject(self) -> None:
        self._decide(review.reject, "Reject")

    def edit(self) -> None:
        tag = self._current_tag()
        if tag is not None:
            self._edit(tag)

    def next_item(self) -> None:
        self.session.select_tag(None)
        self._next_item()

    def reviewed(self) -> None:
        if self.session.view is not None:
            self.session.perform("Mark reviewed", review.set_item_status, self.session.view.id, "reviewed")
            self.message.emit("Item marked reviewed — N for the next item")
