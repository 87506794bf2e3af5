"""What one user action changed, with exact before/after snapshots.

Every review or note action returns a `Changes`: views refresh only what it names, and undo /
redo replay its snapshots (`undo`, `redo`), which restores the store exactly, same ids included.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.store import Store
from annotator.store import incidents as store_incidents
from annotator.services import staleness
from annotator.services.staleness import StaleChange
from annotator.store import restore, write_tx

__all__ = ["Changes", "Recorder", "Snapshot", "StaleChange", "recording", "redo", "undo"]

AliasKey = tuple[str, str]


@dataclass
class Snapshot:
    """Raw rows as they were at one moment; None means "absent"."""

    annotations: dict[int, dict[str, Any] | None] = field(default_factory=dict)
    notes: dict[int, dict[str, Any] | None] = field(default_factory=dict)
    items: dict[int, dict[str, Any]] = field(default_factory=dict)
    aliases: dict[AliasKey, dict[str, Any] | None] = field(default_factory=dict)
    incidents: dict[int, dict[str, Any] | None] = field(default_factory=dict)
    incident_figures: dict[int, dict[str, Any] | None] = field(default_factory=dict)  # by annotation id


@dataclass
class Changes:
    """The result of one action: what changed (for views) and how to undo/redo it."""

    label: str
    item_id: int | None
    annotation_ids: set[int] = field(default_factory=set)
    note_ids: set[int] = field(default_factory=set)
    status_changed: bool = False
    date_changed: bool = False
    aliases_changed: bool = False
    created_id: int | None = None  # the annotation or note the action created
    incident_ids: set[int] = field(default_factory=set)  # incidents whose row or members changed
    before: Snapshot = field(default_factory=Snapshot)
    after: Snapshot = field(default_factory=Snapshot)

    @property
    def empty(self) -> bool:
        return not (self.annotation_ids or self.note_ids or self.status_changed or self.date_changed
                    or self.aliases_changed or self.incident_ids)


def _item_state(db: Store, item_id: int) -> dict[str, Any]:
    state = restore.item_state(db, item_id)
    if state is None:  # items are never deleted by an action
        raise KeyError(f"no item {item_id}")
    return state


class Recorder:
    """Collects what an action is about to touch, snapshots it before and after."""

    def __init__(self, db: Store, label: str, item_id: int | None) -> None:
        self.db = db
        self.changes = Changes(label=label, item_id=item_id)

    def annotation(self, annotation_id: int) -> None:
        if annotation_id not in self.changes.before.annotations:
            self.changes.before.annotations[annotation_id] = restore.annotation_row(self.db, annotation_id)
            # notes on a tag go with it (ON DELETE CASCADE), so they are part of its snapshot
            for note_id in restore.note_ids_for_annotation(self.db, annotation_id):
                self.note(note_id)

    def note(self, note_id: int) -> None:
        if note_id not in self.changes.before.notes:
            self.changes.before.notes[note_id] = restore.note_row(self.db, note_id)

    def item(self, item_id: int) -> None:
        if item_id not in self.changes.before.items:
            self.changes.before.items[item_id] = _item_state(self.db, item_id)

    def alias(self, kind: str, surface: str) -> None:
        if (kind, surface) not in self.changes.before.aliases:
            self.changes.before.aliases[(kind, surface)] = restore.alias_row(self.db, kind, surface)

    def incident(self, incident_id: int) -> None:
        if incident_id not in self.changes.before.incidents:
            self.changes.before.incidents[incident_id] = store_incidents.incident_row(self.db, incident_id)
            for annotation_id in store_incidents.member_ids(self.db, incident_id):
                self.incident_figure(annotation_id)

    def incident_figure(self, annotation_id: int) -> None:
        if annotation_id not in self.changes.before.incident_figures:
            self.changes.before.incident_figures[annotation_id] = store_incidents.figure_row(self.db, annotation_id)

    def created_incident(self, incident_id: int) -> None:
        self.changes.before.incidents.setdefault(incident_id, None)
        self.changes.created_id = incident_id

    def created_annotation(self, annotation_id: int) -> None:
        self.changes.before.annotations.setdefault(annotation_id, None)
        self.changes.created_id = annotation_id

    def created_note(self, note_id: int) -> None:
        self.changes.before.notes.setdefault(note_id, None)
        self.changes.created_id = note_id

    def finish(self) -> Changes:
        c, db = self.changes, self.db
        c.after.annotations = {k: restore.annotation_row(db, k) for k in c.before.annotations}
        c.after.notes = {k: restore.note_row(db, k) for k in c.before.notes}
        c.after.items = {k: _item_state(db, k) for k in c.before.items}
        c.after.aliases = {k: restore.alias_row(db, *k) for k in c.before.aliases}
        c.after.incidents = {k: store_incidents.incident_row(db, k) for k in c.before.incidents}
        c.after.incident_figures = {k: store_incidents.figure_row(db, k) for k in c.before.incident_figures}
        c.incident_ids = {k for k in c.before.incidents if c.before.incidents[k] != c.after.incidents[k]}
        for k in c.before.incident_figures:
            if c.before.incident_figures[k] != c.after.incident_figures[k]:
                c.incident_ids.update(row["incident_id"] for row in (c.before.incident_figures[k],
                                                                      c.after.incident_figures[k])
                                      if row and row["incident_id"] is not None)
        c.annotation_ids = {k for k in c.before.annotations if c.before.annotations[k] != c.after.annotations[k]}
        c.note_ids = {k for k in c.before.notes if c.before.notes[k] != c.after.notes[k]}
        c.status_changed = any(c.before.items[k]["status"] != c.after.items[k]["status"] for k in c.before.items)
        c.date_changed = any(c.before.items[k]["date"] != c.after.items[k]["date"] for k in c.before.items)
        c.aliases_changed = c.before.aliases != c.after.aliases
        return c


@contextlib.contextmanager
def recording(db: Store, label: str, item_id: int | None) -> Iterator[Recorder]:
    """One action = one transaction: either every row it touches changes, or none does."""
    with write_tx(db):
        rec = Recorder(db, label, item_id)
        yield rec
        rec.finish()


def _apply(db: Store, snap: Snapshot, item_id: int | None, analyst: str | None, action: str) -> None:
    with write_tx(db):
        # notes point at annotations: remove notes first, re-create annotations first
        for note_id, row in snap.notes.items():
            if row is None:
                restore.put_note(db, note_id, None, analyst=analyst, action=action, item_id=item_id)
        for ann_id, row in snap.annotations.items():
            restore.put_annotation(db, ann_id, row, analyst=analyst, action=action, item_id=item_id)
        for note_id, row in snap.notes.items():
            if row is not None:
                restore.put_note(db, note_id, row, analyst=analyst, action=action, item_id=item_id)
        for key, state in snap.items.items():
            restore.put_item_state(db, key, state, analyst=analyst, action=action)
        for (kind, surface), row in snap.aliases.items():
            restore.put_alias(db, kind, surface, row, analyst=analyst, action=action)
        # incidents before the figures placed in them; removed incidents after their figures left
        for incident_id, row in snap.incidents.items():
            if row is not None:
                store_incidents.put_incident(db, incident_id, row, analyst=analyst, action=action)
        for annotation_id, row in snap.incident_figures.items():
            store_incidents.put_figure(db, annotation_id, row, analyst=analyst, action=action)
        for incident_id, row in snap.incidents.items():
            if row is None:
                store_incidents.put_incident(db, incident_id, None, analyst=analyst, action=action)


def _replay(changes: Changes, label: str) -> Changes:
    """The same set of changed rows, seen from the other side (what views must refresh)."""
    return Changes(label=label, item_id=changes.item_id, annotation_ids=set(changes.annotation_ids),
                   note_ids=set(changes.note_ids), status_changed=changes.status_changed,
                   date_changed=changes.date_changed, aliases_changed=changes.aliases_changed,
                   incident_ids=set(changes.incident_ids),
                   before=changes.after, after=changes.before)


def undo(db: Store, changes: Changes, analyst: str | None) -> Changes:
    """Put every row the action changed back exactly as it was before it. Refused (StaleChange,
    nothing written) when one of those rows is no longer as the action left it."""
    with write_tx(db):  # the check and the writes see the same rows: no one writes in between
        staleness.check(db, changes, changes.after, "undo")
        _apply(db, staleness.only_changed(changes, changes.before), changes.item_id, analyst, "undo")
    return _replay(changes, f"Undo {changes.label}")


def redo(db: Store, changes: Changes, analyst: str | None) -> Changes:
    """Put every row back exactly as the action left it (same ids, same stamps). Refused
    (StaleChange, nothing written) when one of them is no longer as the undo left it."""
    with write_tx(db):
        staleness.check(db, changes, changes.before, "redo")
        _apply(db, staleness.only_changed(changes, changes.after), changes.item_id, analyst, "redo")
    out = _replay(changes, f"Redo {changes.label}")
    out.before, out.after = changes.before, changes.after
    return out
