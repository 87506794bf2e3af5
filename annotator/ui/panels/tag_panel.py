"""A dock panel for one tag kind: the item's tags of that kind, review buttons, attribute editor."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QGroupBox, QHBoxLayout, QHeaderView, QLineEdit,
                               QPushButton, QToolTip, QTreeWidgetItem, QVBoxLayout, QWidget)

from annotator.services import browse, places, review
from annotator.terminal import visible_marks
from annotator.ui.panels.hint_views import HintTree
from annotator.ui.panels.editors import CasualtyEditor, DateEditor, LocationEditor, SpeakerEditor, TagEditor
from annotator.ui import confirm, style
from annotator.ui.session import Session
from annotator.ui.text_line import TextLine
from annotator.ui.style import KIND_COLOURS, KIND_KEYS, KIND_LABELS, STATE_LABELS, tint
from annotator.ui.tag_values import attributes_of, count_text, shown
from annotator.vocabulary import ACCEPTED_STATES, VISIBLE_STATES

ENTITY_KINDS = ("speaker", "location")  # mentions of one person or place are one entity
REJECTED_BRUSH = QBrush(QColor("#8A939C"))  # mid grey: readable on light and dark rows
QUALIFIER_SIGNS = {"at_least": "≥ ", "more_than": "> ", "about": "~", "nearly": "< ", "up_to": "≤ "}


def summary(tag: dict[str, Any]) -> str:
    """One line for the panel list: what the analyst needs to judge the tag at a glance."""
    a = attributes_of(tag)
    if tag["kind"] == "speaker":
        bits = [shown(a.get("name")), shown(a.get("role") or a.get("organisation"))]
        return " — ".join(b for b in bits if b)
    if tag["kind"] == "location":
        extra = ", ".join(shown(x) for x in (a.get("feature"), a.get("country")) if x)
        return shown(a.get("name")) + (f" ({extra})" if extra else "")
    if tag["kind"] == "casualty":
        lo, hi = a.get("count_min"), a.get("count_max")
        if lo is None and hi is None:
            count = "count not stated"
        elif lo is not None and hi is not None and lo != hi:
            count = f"{count_text(lo)}–{count_text(hi)}"
        else:
            count = shown(QUALIFIER_SIGNS.get(shown(a.get("qualifier")), "")) + count_text(lo if lo is not None else hi)
        return " ".join(shown(x) for x in (count, a.get("kind"), a.get("victims")) if x)
    if a.get("value") or not a.get("end"):
        return shown(a.get("value") or a.get("start"))
    return f"{shown(a.get('start')) or '…'} – {shown(a['end'])}"


_ICONS: dict[tuple[str, str], QIcon] = {}


def state_icon(kind: str, state: str) -> QIcon:
    """Filled square = accepted/edited, hollow dashed = suggested, grey cross = rejected."""
    if (kind, state) not in _ICONS:
        _ICONS[(kind, state)] = _draw_state_icon(kind, state)
    return _ICONS[(kind, state)]


def _draw_state_icon(kind: str, state: str) -> QIcon:
    pix = QPixmap(14, 14)
    pix.fill(Qt.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    colour = KIND_COLOURS.get(kind, QColor("gray"))
    if state in ACCEPTED_STATES:
        p.setBrush(colour)
        p.setPen(colour)
        p.drawRoundedRect(2, 2, 10, 10, 2, 2)
    elif state == "suggested":
        pen = p.pen()
        pen.setColor(colour)
        pen.setWidth(2)
        pen.setStyle(Qt.DashLine)
        p.setPen(pen)
        p.setBrush(tint(colour, 40))
        p.drawRoundedRect(2, 2, 10, 10, 2, 2)
    else:
        pen = p.pen()
        pen.setColor(QColor("#9AA0A6"))
        pen.setWidth(2)
        p.setPen(pen)
        p.drawLine(3, 3, 11, 11)
        p.drawLine(11, 3, 3, 11)
    p.end()
    return QIcon(pix)


class TagPanel(QWidget):
    def __init__(self, session: Session, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.kind = session, kind
        self.tags: list[dict[str, Any]] = []
        self.list = HintTree(f"No {KIND_LABELS[kind].lower()} tags in this item.\n"
                             f"Select text in the reader and press {KIND_KEYS.get(kind, '')}.")
        self.list.setHeaderLabels(["Text", "Attributes", "State"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(False)
        # text and state columns can be dragged wider (the window remembers them); the
        # attributes take the rest. Not sized to contents: that re-laid the header out per item.
        header.setSectionResizeMode(0, QHeaderView.Interactive)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.Interactive)
        header.setMinimumSectionSize(36)
        metrics = self.list.fontMetrics()
        header.resizeSection(0, metrics.horizontalAdvance("Syrian Coalit") + 30)
        header.resizeSection(2, 14 + max(metrics.horizontalAdvance(s) for s in (*STATE_LABELS.values(), "State")))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        # always there: a scroll bar that came and went with the number of tags narrowed the
        # list on about half the item switches, re-laying out and repainting it a pass later
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
        self.list.setTextElideMode(Qt.ElideRight)
        self.list.currentItemChanged.connect(self._row_changed)
        self.list.viewport().installEventFilter(self)  # row tooltips, made when asked for
        self.list.itemClicked.connect(lambda *_: self._row_changed())

        self.accept_btn = QPushButton("Accept")
        self.accept_btn.setToolTip("Accept the selected suggestion (A in review mode)")
        self.reject_btn = QPushButton("Reject")
        self.reject_btn.setToolTip("Reject the selected suggestion (X in review mode)")
        self.delete_btn = QPushButton("Delete")
        self.delete_btn.setToolTip("Delete a manual tag (suggestions are rejected instead)")
        self.accept_all_btn = QPushButton("Accept all")
        self.accept_all_btn.setToolTip(f"Accept every open {KIND_LABELS[kind].lower()} suggestion in this item")
        self.accept_btn.clicked.connect(lambda: self._act(review.accept, "Accept"))
        self.reject_btn.clicked.connect(lambda: self._act(review.reject, "Reject"))
        self.delete_btn.clicked.connect(lambda: self._act(review.delete_tag, "Delete"))
        self.accept_all_btn.clicked.connect(self._accept_all)
        self.count = style.muted(TextLine())  # changes on every item: no relayout
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.accept_all_btn)
        buttons = QHBoxLayout()
        for b in (self.accept_btn, self.reject_btn, self.delete_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.editor = self._make_editor()
        self.editor.edited.connect(lambda: self.save_btn.setEnabled(True))
        self.editor.commit_requested.connect(lambda: self.commit() and self.return_focus())
        self.editor.revert_requested.connect(self._revert_and_return)
        self.save_btn = QPushButton("Save")
        self.save_btn.setToolTip("Edits are saved when you press Enter, leave the field or pick another tag")
        self.save_btn.setDefault(True)
        self.save_btn.clicked.connect(self.commit)
        self.revert_btn = QPushButton("Revert")
        self.revert_btn.setToolTip("Put the fields back as stored (Esc)")
        self.revert_btn.clicked.connect(self.revert)
        self.span_btn = QPushButton("Use selection")
        self.span_btn.setToolTip("Move this tag to the text selected in the reader (change its span)")
        self.span_btn.clicked.connect(self._span_to_selection)
        self.all_mentions = QCheckBox("Save to every mention of this name")
        self.all_mentions.setChecked(True)
        self.all_mentions.setToolTip("Save the name and details to every mention of this person or place in the item")
        self.all_mentions.setVisible(self.kind in ENTITY_KINDS)
        self.editor_box = QGroupBox("Selected tag")
        self.editor_box.setToolTip("The attributes of the tag selected in the list above")
        box = QVBoxLayout(self.editor_box)
        box.addWidget(self.editor)
        box.addWidget(self.all_mentions)
        edit_buttons = QHBoxLayout()
        edit_buttons.addWidget(self.span_btn)
        edit_buttons.addStretch(1)
        edit_buttons.addWidget(self.revert_btn)
        edit_buttons.addWidget(self.save_btn)
        box.addLayout(edit_buttons)

        # opaque panel and editor: a changed field repaints itself, not the dock and group box
        # drawn beneath it (the dock's title bar cost more to draw than the field)
        self.setAutoFillBackground(True)
        self.editor.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.editor_box)
        self.reader_selection = lambda: None  # set by the window: the reader's selected span
        self.return_focus = lambda: None  # set by the window: back to the reader after Enter / Esc
        self.move_tag = lambda annotation_id, start, end: None  # set by the window: a new span, on whole words
        self._shown_item: int | None = None
        self._pending: tuple[browse.ItemView | None] | None = None  # an item to show once visible
        self._greyed: list[bool] = []  # per row: carries the rejected font and colour
        self._committing = False
        self._completion_loaded = False
        self._noted: dict[int, int] = {}  # tag id -> how many verification notes it carries
        self._entity_counts: Counter[str] = Counter()  # mentions per person or place in this item
        self._italic = QFont(self.list.font())
        self._italic.setItalic(True)
        style.compact_buttons(self)
        session.item_shown.connect(self.show_item)
        session.tag_selected.connect(self.select_tag)
        session.changed.connect(self._changed)
        session.add_flush(self.commit)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.show_item(None)

    def _make_editor(self) -> TagEditor:
        db = lambda: self.session.db  # noqa: E731 - the session's store may be swapped
        item_date = lambda: self.session.view.item.get("date") if self.session.view else None  # noqa: E731
        if self.kind == "speaker":
            return SpeakerEditor(lambda: browse.known_names(db(), "speaker"))
        if self.kind == "location":
            return LocationEditor(lambda: places.completions(db()))
        if self.kind == "date":
            return DateEditor(item_date)
        return CasualtyEditor(lambda: browse.known_names(db(), "location"), item_date)

    # --- content -----------------------------------------------------------------------------
    def show_item(self, view: browse.ItemView | None) -> None:
        if self.hidden_in_window():
            # a panel in a tab behind another (dates behind casualties, or three of four on a
            # laptop) is filled when its tab comes up or it is first asked about (_catch_up),
            # not on every item switch
            self._pending = (view,)
            return
        self._pending = None
        self._show_now(view)

    def hidden_in_window(self) -> bool:
        """True when the window is shown but this panel is not: closed, or its dock is a tab
        behind another (Qt keeps such a dock "visible", covered by the tab in front)."""
        return self.window().isVisible() and (not self.isVisible() or self.visibleRegion().isEmpty())

    def catch_up(self) -> None:
        """Show the item this panel skipped while hidden (see show_item): its dock came to the
        front (the window calls this), it was shown, or it is asked about."""
        if self._pending is not None:
            view, self._pending = self._pending[0], None
            self._show_now(view)

    _catch_up = catch_up

    def paintEvent(self, event) -> None:  # noqa: ANN001
        super().paintEvent(event)
        if self._pending is not None:  # on screen after all (a layout Qt changed on its own)
            QTimer.singleShot(0, self.catch_up)

    def _show_now(self, view: browse.ItemView | None) -> None:
        keep = self.current()["id"] if self.current() else None
        tags = [t for t in (view.tags if view else []) if t["kind"] == self.kind]
        old_counts = self._entity_counts
        self._count_entities(tags)
        noted = self._noted
        self._noted = {}
        for note in (view.notes if view else []):
            if note.get("annotation_id") is not None:
                self._noted[note["annotation_id"]] = self._noted.get(note["annotation_id"], 0) + 1
        same_item = view is not None and self._shown_item == view.id
        if noted != self._noted and same_item:
            self.tags = [dict(t, _notes=-1) for t in self.tags]  # a note came or went: refill the rows
        if view is not None and tags == self.tags and (same_item or not tags) and self._shown_item is not None:
            self._shown_item = view.id  # nothing of this kind changed: no rebuild, no repaint
            return
        self._shown_item = view.id if view else None
        if same_item and [t["id"] for t in tags] == [t["id"] for t in self.tags]:
            self._update_rows(tags, old_counts)  # an accept, reject or edit: refill only the rows that changed
            return
        self.tags = tags
        tree = self.list
        tree.blockSignals(True)
        # rows are reused and refilled: clearing the tree reset its header and re-laid it out.
        # One layout for the lot: otherwise every cell set re-measures its row.
        tree.scheduleDelayedItemsLayout()
        have = tree.topLevelItemCount()
        for i in range(have - 1, len(tags) - 1, -1):
            tree.takeTopLevelItem(i)
        del self._greyed[len(tags):]
        for i, tag in enumerate(tags[:have]):
            self._fill_row(tree.topLevelItem(i), tag, i)
        if len(tags) > have:
            self._greyed += [False] * (len(tags) - have)
            tree.addTopLevelItems([self._fill_row(QTreeWidgetItem(), tag, have + i) for i, tag in enumerate(tags[have:])])
        # the panel keeps its own current row (first tag by default) so its editor is never
        # blank while the item has tags; the reader's current tag wins when it is of this kind
        if not self._select_row(self.session.tag_id) and not self._select_row(keep) and tags:
            tree.setCurrentItem(tree.topLevelItem(0))
        # lay the rows out now, not from a timer after the window has painted: the panel then
        # paints with everything else instead of in a pass of its own
        tree.executeDelayedItemsLayout()
        tree.blockSignals(False)
        self._show_counts()
        self._show_tag(self.current())

    def _count_entities(self, tags: list[dict[str, Any]]) -> None:
        self._entity_counts = Counter(review.entity_key(t) for t in tags if t["state"] != "rejected") \
            if self.kind in ENTITY_KINDS else Counter()

    def _update_rows(self, tags: list[dict[str, Any]], old_counts: Counter[str]) -> None:
        current = self.current()
        for i, (old, new) in enumerate(zip(self.tags, tags)):
            if old != new or (self.kind in ENTITY_KINDS  # a mention count shown on the row changed
                              and old_counts.get(review.entity_key(new)) != self._entity_counts.get(review.entity_key(new))):
                self._fill_row(self.list.topLevelItem(i), new, i)
        self.tags = tags
        self._show_counts()
        now = self.current()
        if now != current:
            self._show_tag(now)

    def _about(self, tag: dict[str, Any]) -> str:
        about = summary(tag)
        if self.kind in ENTITY_KINDS and tag["state"] != "rejected":
            mentions = self._entity_counts.get(review.entity_key(tag), 0)
            about += f" · ×{mentions}" if mentions > 1 else ""
        return about

    def _fill_row(self, row: QTreeWidgetItem, tag: dict[str, Any], index: int) -> QTreeWidgetItem:
        """Fill row `index` with `tag`. Every call on the row is a model signal and a view
        update: tooltips are made when asked for (_tooltip) and the rejected rows' own font and
        colour are set or cleared only when that changes."""
        about = self._about(tag)
        notes = self._noted.get(tag["id"], 0)
        row.setText(0, visible_marks(" ".join(tag["text"].split())))  # controls shown, not obeyed
        row.setText(1, ("✎ " if notes else "") + visible_marks(about))  # a tag that carries verification notes
        row.setText(2, tag["state"])
        row.setData(0, Qt.UserRole, tag["id"])
        row.setIcon(0, state_icon(self.kind, tag["state"]))
        rejected = tag["state"] == "rejected"
        if rejected != self._greyed[index]:
            self._greyed[index] = rejected
            for col in range(3):  # only rejected rows carry their own font and colour
                row.setData(col, Qt.ForegroundRole, REJECTED_BRUSH if rejected else None)
                row.setData(col, Qt.FontRole, self._italic if rejected else None)
        return row

    def _tooltip(self, row: int, column: int) -> str:
        """A row's tooltip, made when the pointer rests on it: the whole text, what the tag
        says with its notes, the rule that suggested it."""
        if not 0 <= row < len(self.tags):
            return ""
        tag = self.tags[row]
        if column == 0:
            return tag["text"]
        if column == 1:
            notes = self._noted.get(tag["id"], 0)
            return self._about(tag) + (f"\n{notes} verification note{'s' if notes != 1 else ''} on this tag"
                                       if notes else "")
        return f"rule: {tag['rule']}" if tag.get("rule") else ""

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001 - Qt signature
        if obj is self.list.viewport() and event.type() == QEvent.ToolTip:
            pos = event.pos()
            index = self.list.indexAt(pos)
            text = self._tooltip(index.row(), index.column()) if index.isValid() else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self.list.viewport(), self.list.visualRect(index))
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().eventFilter(obj, event)

    def _show_counts(self) -> None:
        open_ = sum(1 for t in self.tags if t["state"] == "suggested")
        self.accept_all_btn.setEnabled(open_ > 0)
        n = len(self.tags)
        what = f"{n} tag{'s' if n != 1 else ''}"
        if self.kind in ENTITY_KINDS and n:
            entities = len({review.entity_key(t) for t in self.tags if t["state"] != "rejected"})
            noun = ("person" if entities == 1 else "people") if self.kind == "speaker" else \
                ("place" if entities == 1 else "places")
            what = f"{n} mention{'s' if n != 1 else ''} of {entities} {noun}"
        self.count.setText(what + (f" · {open_} to review" if open_ else "") if n else "")

    def current(self) -> dict[str, Any] | None:
        self._catch_up()
        row = self.list.currentIndex().row()  # the rows are self.tags, in order
        return self.tags[row] if 0 <= row < len(self.tags) else None

    def _select_row(self, annotation_id: int | None) -> bool:
        row = next((i for i, t in enumerate(self.tags) if t["id"] == annotation_id), -1)
        if row < 0 or annotation_id is None:
            return False
        self.list.setCurrentItem(self.list.topLevelItem(row))
        return True

    def select_tag(self, annotation_id: int | None) -> None:
        """The window's current tag changed: follow it when it is one of ours. Keys typed next
        are never meant for this editor when another tag was chosen: the reader takes them.
        A panel behind another tab follows when it catches up (it selects the session's tag)."""
        if self._pending is not None and self.hidden_in_window():
            return
        if self.current() is not None and self.current()["id"] == annotation_id:
            return
        if self._editing():
            self.commit()
            self.return_focus()
        self._select_row(annotation_id)  # currentItemChanged fills the editor

    def _editing(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and self.editor.isAncestorOf(focus)

    def _row_changed(self, *_: Any) -> None:
        tag = self.current()
        if self.editor.tag is not None and (tag is None or tag["id"] != self.editor.tag["id"]):
            if self.commit():  # the store reloaded: put the row the analyst chose back
                self.list.blockSignals(True)
                self._select_row(tag["id"] if tag else None)
                self.list.blockSignals(False)
                tag = self.current()
        self._show_tag(tag)
        if tag is not None and self.session.tag_id != tag["id"]:
            self.session.select_tag(tag["id"])

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Leaving the editor for another widget of the window saves the edit (a completion
        list, calendar or combo popup is part of editing; another application is not leaving).
        Going into it the first time loads its completion list."""
        if (new is not None and not self._completion_loaded and self.kind != "location"
                and self.editor.isAncestorOf(new)):
            self._completion_loaded = True
            self.editor.refresh_completion()
        if old is None or new is None or not self.editor.isAncestorOf(old) or self.editor.isAncestorOf(new):
            return
        if new.window() is not self.window() or new.window() is not old.window():
            return
        self.commit()

    def _show_tag(self, tag: dict[str, Any] | None) -> None:
        self.editor.set_tag(tag)
        # the title stays fixed: re-titling a group box repaints every field in it (~3 ms a panel)
        self.editor_box.setEnabled(tag is not None)
        self.save_btn.setEnabled(False)
        state = tag["state"] if tag else None
        self.accept_btn.setEnabled(state in ("suggested", "rejected"))
        self.reject_btn.setEnabled(state in VISIBLE_STATES)
        self.delete_btn.setEnabled(bool(tag) and tag["origin"] == "manual")

    def focus_editor(self, annotation_id: int | None = None) -> None:
        """E: the editor of this tag, cursor in its first field, whatever the kind."""
        self.catch_up()  # asked for directly, even from behind another tab
        if annotation_id is not None:
            self.select_tag(annotation_id)
        self.editor.refresh_completion()
        field = self.editor.first_field()
        field.setFocus(Qt.ShortcutFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()

    def showEvent(self, event) -> None:  # noqa: ANN001
        # Completion lists load when the analyst first goes into the editor (see _focus_changed),
        # not at start-up: on a store with a million tagged items reading every name analysts
        # have used takes about a second per panel.
        super().showEvent(event)
        self._catch_up()

    # --- actions -----------------------------------------------------------------------------
    def _act(self, fn, label: str) -> None:  # noqa: ANN001
        tag = self.current()
        if tag is not None:
            self.session.perform(f"{label} {tag['kind']}", fn, tag["id"])

    def _accept_all(self) -> None:
        self._catch_up()
        open_ = sum(1 for t in self.tags if t["state"] == "suggested")
        where = f"of kind {KIND_LABELS[self.kind].lower()} in this item"
        if self.session.view is not None and open_ and confirm.accept_all(self, open_, where):
            self.session.perform(f"Accept all {self.kind} tags", review.accept_all, self.session.view.id,
                                 kinds=[self.kind])

    def commit(self) -> bool:
        """Save the editor's fields to the tag it shows, as one undoable step, if they changed.
        Returns True when something was saved. An unreadable field (a date) is reported and
        kept as typed, never silently dropped."""
        tag = self.editor.tag
        if tag is None or self._committing:
            return False
        try:
            if not self.editor.dirty():
                return False
            attributes = self.editor.attributes()
        except ValueError as exc:
            self.session.failed.emit(f"Not saved: {exc}")
            return False
        self._committing = True
        try:
            if self.kind in ENTITY_KINDS and self.all_mentions.isChecked() and len(self._mentions(tag)) > 1:
                done = self.session.perform(f"Edit {tag['kind']}", review.edit_entity, tag["id"], attributes)
            else:
                done = self.session.perform(f"Edit {tag['kind']}", review.edit_attributes, tag["id"], attributes)
        finally:
            self._committing = False
        return done is not None

    save = commit

    def _mentions(self, tag: dict[str, Any]) -> list[dict[str, Any]]:
        return review.same_entity(self.tags, tag)

    def revert(self) -> None:
        self._show_tag(next((t for t in self.tags if self.editor.tag and t["id"] == self.editor.tag["id"]),
                            self.current()))

    def _revert_and_return(self) -> None:
        self.revert()
        self.return_focus()

    def _span_to_selection(self) -> None:
        tag, span = self.current(), self.reader_selection()
        if tag is None or span is None:
            self.session.failed.emit("Select the new text in the reader first.")
            return
        self.move_tag(tag["id"], *span)

    def _changed(self, changes) -> None:  # noqa: ANN001
        if changes.aliases_changed and self.kind != "location":
            if self._completion_loaded:  # otherwise it is read fresh when first needed
                self.editor.refresh_completion()
        elif changes.aliases_changed and self.editor.name.completer().model().rowCount():
            self.editor.refresh_completion()
