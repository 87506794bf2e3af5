"""Verification panel: notes on the item or on the selected tag — grading, sources, checklist,
free text; who wrote each and when."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QListWidgetItem, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from annotator.services import notes as note_service
from annotator.services.browse import ItemView
from annotator.ui.panels.editors import compact
from annotator.ui.panels.hint_views import HintList
from annotator.ui import style
from annotator.ui.session import Session
from annotator.ui.tag_values import shown
from annotator.terminal import visible_marks
from annotator.ui.text_line import TextLine

CHECK_LABELS = {"source_identified": "Source identified", "content_corroborated": "Content corroborated",
                "location_confirmed": "Location confirmed", "date_confirmed": "Date confirmed"}
def tidy_note(note: dict[str, Any]) -> dict[str, Any]:
    """The note with its fields in the shapes the panel draws. A store merged from another tool
    or edited by hand can hold sources as numbers or null, a checklist that is a list, a number
    for text; those are shown as text instead of raising inside a Qt slot (which took the
    window down)."""
    out = dict(note)
    sources = note.get("sources")
    sources = sources if isinstance(sources, list) else [] if sources is None else [sources]
    out["sources"] = [shown(s) for s in sources if s is not None]
    out["checklist"] = note["checklist"] if isinstance(note.get("checklist"), dict) else {}
    for key in ("text", "created", "updated"):
        out[key] = shown(note.get(key))
    out["analyst"] = shown(note["analyst"]) if note.get("analyst") is not None else None
    out["grading"] = note.get("grading") if isinstance(note.get("grading"), str) else None
    return out


def note_title(note: dict[str, Any], view: ItemView | None) -> str:
    tag = view.tag(note["annotation_id"]) if (view and note["annotation_id"]) else None
    target = f"“{' '.join(tag['text'].split())[:24]}”" if tag else "item"
    grading = note["grading"] or "not graded"
    done = sum(1 for v in (note.get("checklist") or {}).values() if v)
    return f"{grading} · {target} · {done}/4 checked · {note['analyst'] or '?'}"


def _set_text(edit: QPlainTextEdit, text: str) -> None:
    if edit.toPlainText() != text:  # setPlainText re-lays out the document even when equal
        edit.setPlainText(text)


class VerificationPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notes: list[dict[str, Any]] = []
        self.list = HintList("No verification notes yet.\nGrade the item (or a selected tag) below.")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.ElideRight)
        self.list.currentItemChanged.connect(self._row_changed)

        self.target = style.section(TextLine())  # these two change with the item: no relayout
        self.target_box = compact(QComboBox(), 12)
        self.target_box.setToolTip("What this note is about: the whole item, or one of its tags")
        self.target_box.activated.connect(lambda _: self._touch())
        self.grading = compact(QComboBox())
        self.grading.addItem("— not graded —", None)
        for g in note_service.GRADINGS:
            self.grading.addItem(g, g)
        self.sources = QPlainTextEdit()
        self.sources.setPlaceholderText("One URL or reference per line")
        self.sources.setTabChangesFocus(True)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("What was checked, how, and what it showed")
        self.text.setTabChangesFocus(True)
        for edit in (self.sources, self.text):
            edit.setFixedHeight(54)
        self.checks = {k: QCheckBox(label) for k, label in CHECK_LABELS.items()}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for n, box in enumerate(self.checks.values()):
            grid.addWidget(box, n, 0)
        self.meta = style.muted(TextLine())

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        form.addRow("About", self.target_box)
        form.addRow("Grading", self.grading)
        form.addRow("Sources", self.sources)
        form.addRow("Checklist", grid)
        form.addRow("Note", self.text)

        self.new_btn = QPushButton("Item note")
        self.new_btn.setToolTip("Start a new note on the whole item (Ctrl+Shift+N)")
        self.new_btn.clicked.connect(lambda: self.new_note(on_tag=False))
        self.new_tag_btn = QPushButton("Tag note")
        self.new_tag_btn.setToolTip("Start a new note on the selected tag (Ctrl+N)")
        self.new_tag_btn.clicked.connect(lambda: self.new_note(on_tag=True))
        self.delete_btn = QPushButton("Delete")
        self.delete_btn.clicked.connect(self.delete_note)
        self.save_btn = QPushButton("Save note")
        self.save_btn.setDefault(True)
        self.save_btn.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_btn)
        buttons.addWidget(self.new_tag_btn)
        buttons.addWidget(self.delete_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.save_btn)

        self.setAutoFillBackground(True)  # opaque: its changes do not repaint the dock beneath
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.target)
        layout.addLayout(form)
        layout.addWidget(self.meta)
        layout.addLayout(buttons)
        self._new_target: int | None = None
        self._shown: tuple = (None, [])
        self._dirty = False
        self._filling = False
        self._form_note: dict[str, Any] | None = None
        self.grading.activated.connect(lambda _: self._touch())
        for edit in (self.sources, self.text):
            edit.textChanged.connect(self._touch)
        for box in self.checks.values():
            box.toggled.connect(self._touch)
        style.compact_buttons(self)
        session.item_shown.connect(self.show_item)
        session.tag_selected.connect(self._tag_selected)
        session.add_flush(self.commit)
        self.show_item(None)

    def _touch(self, *_: Any) -> None:
        if not self._filling:
            self._dirty = True

    def commit(self) -> bool:
        """Save a note the analyst changed before the panel shows anything else."""
        if not self._dirty or self.session.view is None:
            return False
        note = self.current()
        if note is None and self._values() == {"grading": None, "sources": [], "text": "",
                                                "checklist": {k: False for k in self.checks}}:
            self._dirty = False
            return False
        self._dirty = False
        self.save()
        return True

    def current(self) -> dict[str, Any] | None:
        row = self.list.currentItem()
        note_id = row.data(Qt.UserRole) if row else None
        return next((n for n in self.notes if n["id"] == note_id), None)

    def show_item(self, view: ItemView | None) -> None:
        shown = (view.id if view else None, list(view.notes) if view else [])
        if shown == self._shown and view is not None:
            # same item, same notes: keep the form as the analyst left it, but offer the tags the
            # item has now (a tag made since is the form's target: it must be in About to be saved on)
            if self._dirty:
                target = self.target_box.currentData()  # what the analyst chose in About
            else:
                target = self._form_note["annotation_id"] if self._form_note else self._new_target
            self._fill_targets(view)
            self.target_box.setCurrentIndex(max(0, self.target_box.findData(target)))
            return
        self._shown = shown
        keep = self.current()["id"] if self.current() else None
        had = bool(self.notes)
        self.notes = [tidy_note(n) for n in view.notes] if view else []
        if had or self.notes:  # most items have no notes: an empty list is not re-laid out and repainted
            self.list.blockSignals(True)
            self.list.clear()
            for note in self.notes:
                row = QListWidgetItem(note_title(note, view))
                row.setData(Qt.UserRole, note["id"])
                row.setToolTip(note["text"] or "")
                self.list.addItem(row)
                if note["id"] == keep:
                    self.list.setCurrentItem(row)
            self.list.blockSignals(False)
        self._fill_targets(view)
        self.setEnabled(view is not None)
        if self.current() is None and self.notes:
            self.list.setCurrentRow(0)
        self._show(self.current())

    def _fill_targets(self, view: ItemView | None) -> None:
        self.target_box.blockSignals(True)
        self.target_box.clear()
        if view is not None:
            self.target_box.addItem(f"The whole item (#{view.id})", None)
            for tag in sorted(view.tags, key=lambda t: (t["start"], t["id"])):
                if tag["state"] != "rejected":
                    label = f"{tag['kind'].title()}: “{visible_marks(' '.join(tag['text'].split())[:40])}”"
                    self.target_box.addItem(label, tag["id"])
        self.target_box.blockSignals(False)

    def _tag_selected(self, annotation_id: int | None) -> None:
        """Follow the selected tag: its note, or a new note on it. The form never keeps showing
        a note about another tag while this one is selected (an edited note is saved first)."""
        note = self.current()
        if note is not None and note["annotation_id"] in (None, annotation_id):
            return  # an item note, or already this tag's note
        if annotation_id is None and note is None:
            return
        self.commit()
        own = next((n for n in self.notes if n["annotation_id"] == annotation_id), None) if annotation_id else None
        if own is not None:
            self._select(own["id"])
        else:
            self.list.blockSignals(True)
            self.list.setCurrentItem(None)
            self.list.blockSignals(False)
            self._new_target = annotation_id
            self._show(None, keep_target=True)

    def _show(self, note: dict[str, Any] | None, keep_target: bool = False) -> None:
        """Fill the form with `note`, or blank it for a new note on `_new_target` (a tag or the item)."""
        self._filling = True
        try:
            self._fill(note, keep_target)
        finally:
            self._filling = False
        self._dirty = False

    def _row_changed(self, *_: Any) -> None:
        chosen = self.current()
        if self.commit():  # the edited note was saved and the list rebuilt: back to the chosen row
            self.list.blockSignals(True)
            self._select(chosen["id"] if chosen else None)
            self.list.blockSignals(False)
        self._show(self.current())

    def _fill(self, note: dict[str, Any] | None, keep_target: bool) -> None:
        self._form_note = note
        view = self.session.view
        if note is None and not keep_target:
            self._new_target = self.session.tag_id
        tag_id = note["annotation_id"] if note else self._new_target
        tag = view.tag(tag_id) if (view and tag_id) else None
        verb = "Note" if note else "New note"
        self.target.setText(f"{verb} on {tag['kind']} “{visible_marks(' '.join(tag['text'].split())[:40])}”" if tag
                            else f"{verb} on the whole item")
        self.target_box.setCurrentIndex(max(0, self.target_box.findData(tag["id"] if tag else None)))
        self.grading.setCurrentIndex(max(0, self.grading.findData(note["grading"] if note else None)))
        _set_text(self.sources, "\n".join(note["sources"]) if note else "")
        for key, box in self.checks.items():
            box.setChecked(bool(note and (note.get("checklist") or {}).get(key)))
        _set_text(self.text, note["text"] if note else "")
        self.meta.setText(f"by {note['analyst'] or 'unknown'}, {note['created'][:16].replace('T', ' ')} UTC"
                          + (f" · edited {note['updated'][:16].replace('T', ' ')}" if note["updated"] != note["created"]
                             else "") if note else "")
        self.delete_btn.setEnabled(note is not None)

    def new_note(self, on_tag: bool = False) -> None:
        """A blank note with its target said out loud: the whole item, or the selected tag."""
        self.commit()
        self.list.blockSignals(True)
        self.list.setCurrentItem(None)
        self.list.blockSignals(False)
        self._new_target = self.session.tag_id if on_tag else None
        if on_tag and self._new_target is None:
            self.session.failed.emit("Select a tag first (J/K in review mode, or click it in the reader)")
        self._show(None, keep_target=True)
        self.grading.setFocus()

    def _values(self) -> dict[str, Any]:
        return {"grading": self.grading.currentData(), "sources": self.sources.toPlainText().splitlines(),
                "checklist": {k: box.isChecked() for k, box in self.checks.items()}, "text": self.text.toPlainText()}

    def _target(self) -> int | None:
        return self.target_box.currentData() if self.target_box.count() else self._new_target

    def save(self) -> None:
        view, note = self.session.view, self._form_note  # the note the form shows, not the list's row
        if view is None:
            return
        if note is not None and not any(n["id"] == note["id"] for n in self.notes):
            note = None
        self._dirty = False
        if note is None:
            changes = self.session.perform("Add note", note_service.add_note, view.id,
                                           annotation_id=self._target(), **self._values())
            if changes is not None:
                self._select(changes.created_id)
        else:
            self.session.perform("Edit note", note_service.edit_note, note["id"], annotation_id=self._target(),
                                 **self._values())

    def _select(self, note_id: int | None) -> None:
        if note_id is None:
            self.list.setCurrentItem(None)
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.UserRole) == note_id:
                self.list.setCurrentRow(i)

    def delete_note(self) -> None:
        note = self.current()
        if note is not None:
            self.session.perform("Delete note", note_service.delete_note, note["id"])
