"""Attribute editors, one per tag kind. Each shows a tag's attributes and returns the edited
dict (keys it does not show, like a speaker's `quote`, are kept as they were)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QSpinBox, \
    QWidget

from annotator.services.places import label_name
from annotator.ui.panels import completion
from annotator.ui.panels.date_field import DateField
from annotator.ui.tag_values import attributes_of, shown
from annotator.vocabulary import CASUALTY_KINDS, FEATURES, QUALIFIERS

PRECISIONS = (("", None), ("1 · named town", 1), ("2 · near a town / part of a region", 2), ("3 · region or province", 3))
ItemDate = Callable[[], "str | None"]


def _line(placeholder: str = "") -> QLineEdit:
    # no clear button: each one is a child button that fades in and out (about ten repaints)
    # whenever a field goes from empty to filled, which every item switch does to a dozen fields
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


def compact(box: QComboBox, chars: int = 8) -> QComboBox:
    """Size a combo by a few characters, not by its longest entry, so narrow panels fit."""
    box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)
    return box


def _combo(values: tuple, labels: dict[str, str] | None = None) -> QComboBox:
    box = compact(QComboBox())
    for value in values:
        box.addItem((labels or {}).get(value, value.replace("_", " ")) if value else "—", value)
    return box


def _put(edit: QLineEdit, value: Any) -> None:
    """Show `value`, leaving the field alone (no repaint) when it already shows it."""
    text = shown(value)
    if edit.text() != text:
        edit.setText(text)
        edit.setCursorPosition(0)  # the start of a long value, not its end


def _or_none(text: str) -> str | None:
    return text.strip() or None


class TagEditor(QWidget):
    """Base: a form bound to one tag; `edited` fires on any change. Enter in any field asks for
    the edit to be committed (`commit_requested`), Esc for it to be reverted (`revert_requested`);
    the panel commits on focus and selection changes too, so no edit is ever left unsaved."""

    edited = Signal()
    commit_requested = Signal()
    revert_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self._tag: dict[str, Any] | None = None
        self._loading = False
        self._touched = False
        self._enter_on_entry = False  # Enter was pressed on a completion entry (see _completion_chosen)

    def _watch(self, *widgets: QWidget) -> None:
        for w in widgets:
            for signal in ("textEdited", "currentIndexChanged", "valueChanged", "edited"):
                if hasattr(w, signal):
                    getattr(w, signal).connect(self._changed)
                    break
            for target in (getattr(w, "edit", None), w):
                if target is not None:
                    target.installEventFilter(self)
            if isinstance(w, QLineEdit) and w.completer() is not None:
                w.completer().popup().installEventFilter(self)  # runs before the completer's own filter
                # connected after the field's own setText (and a LocationEditor's fill-in)
                w.completer().activated.connect(self._completion_chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QAbstractItemView):  # a completion list
            if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter) \
                    and not watched.currentIndex().isValid():
                watched.hide()  # Enter on the text as typed, no entry chosen: save it, as without the list
                self.commit_requested.emit()
                return True
            if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self._enter_on_entry = True  # the completer picks the entry; _completion_chosen saves it
            return False
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Escape):
            completer = watched.completer() if isinstance(watched, QLineEdit) else None
            if completer is not None and completer.popup().isVisible():
                return False  # the key is the completion list's
            if isinstance(watched, QComboBox) and watched.view().isVisible():
                return False
            if isinstance(watched, QAbstractSpinBox):
                watched.interpretText()
            (self.revert_requested if event.key() == Qt.Key_Escape else self.commit_requested).emit()
            return True
        return super().eventFilter(watched, event)

    def _completion_chosen(self, *_: Any) -> None:
        """One Enter on a highlighted completion picks it and saves, like Enter anywhere else (a
        click on an entry only picks it). Deferred: the field and a LocationEditor's fill-in
        (itself deferred once) take the entry first."""
        if self._enter_on_entry:
            self._enter_on_entry = False
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, self._commit_after_completion))

    def _commit_after_completion(self) -> None:
        # the closed list can stay the active window (Qt's offscreen and some X11 window
        # managers): give the activation back first, or the focus cannot return to the reader
        if not self.window().isActiveWindow():
            self.window().activateWindow()
        self.commit_requested.emit()

    @property
    def tag(self) -> dict[str, Any] | None:
        return self._tag

    def dirty(self) -> bool:
        """Do the fields differ from the tag's stored attributes? (ValueError: unreadable field.)"""
        return self._tag is not None and self._touched and self.attributes() != dict(attributes_of(self._tag))

    def _changed(self, *_: Any) -> None:
        if not self._loading:
            self._touched = True
            self.edited.emit()

    def set_tag(self, tag: dict[str, Any] | None) -> None:
        self._tag = tag
        completion.widen(self)
        self._touched = False  # only what the analyst changed is ever written back
        self._loading = True
        try:
            self.load(dict(attributes_of(tag)), tag)
        finally:
            self._loading = False
        self.setEnabled(tag is not None)

    def attributes(self) -> dict[str, Any]:
        """The tag's attributes with this form's fields applied; empty fields are dropped."""
        out = dict(attributes_of(self._tag))
        for key, value in self.values().items():
            if value in (None, ""):
                out.pop(key, None)
            else:
                out[key] = value
        return out

    def refresh_completion(self) -> None:
        """Reload the completion lists from the store (editors with completion override this)."""

    def first_field(self) -> QWidget:
        """The field E puts the cursor in."""
        raise NotImplementedError

    def load(self, attrs: dict[str, Any], tag: dict[str, Any] | None) -> None:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError


class SpeakerEditor(TagEditor):
    def __init__(self, names: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = names
        self.name = _line("full name or organisation")
        completion.attach(self.name, self)
        self.role = _line("e.g. President")
        self.organisation = _line("e.g. Syrian Coalition")
        self.form.addRow("Name", self.name)
        self.form.addRow("Role", self.role)
        self.form.addRow("Organisation", self.organisation)
        self._watch(self.name, self.role, self.organisation)

    def first_field(self) -> QWidget:
        return self.name

    def refresh_completion(self) -> None:
        completion.set_choices(self.name, self._names())

    def load(self, attrs: dict[str, Any], tag: dict[str, Any] | None) -> None:
        _put(self.name, attrs.get("name") or (tag or {}).get("text"))
        _put(self.role, attrs.get("role"))
        _put(self.organisation, attrs.get("organisation"))

    def values(self) -> dict[str, Any]:
        return {"name": _or_none(self.name.text()), "role": _or_none(self.role.text()),
                "organisation": _or_none(self.organisation.text())}


class LocationEditor(TagEditor):
    """Name completes from learned places and the bundled gazetteer; picking one fills the rest."""

    def __init__(self, places: Callable[[], dict[str, dict[str, Any]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._places = places
        self._entries: dict[str, dict[str, Any]] | None = None
        self.name = _line("canonical name, e.g. Raqqa")
        comp = completion.attach(self.name, self)
        comp.activated.connect(self._picked)
        self.lat, self.lon = _line("lat"), _line("lon")
        for edit, bound in ((self.lat, 90), (self.lon, 180)):
            edit.setValidator(QDoubleValidator(-bound, bound, 6, edit))
        coords = QHBoxLayout()
        coords.addWidget(self.lat)
        coords.addWidget(self.lon)
        self.country = _line("ISO2")
        self.country.setMinimumWidth(44)
        self.country.setMaxLength(2)
        self.feature = compact(_combo(("",) + FEATURES), 5)
        self.precision = compact(QComboBox())
        for label, value in PRECISIONS:
            self.precision.addItem(label or "—", value)
        where = QHBoxLayout()
        where.addWidget(self.country, 1)
        where.addWidget(self.feature, 2)
        self.country.setToolTip("Country (ISO 3166 two-letter code)")
        self.feature.setToolTip("Kind of place")
        self.form.addRow("Name", self.name)
        self.form.addRow("Lat / lon", coords)
        self.form.addRow("Country", where)
        self.form.addRow("Precision", self.precision)
        self._watch(self.name, self.lat, self.lon, self.country, self.feature, self.precision)
        self._geo: dict[str, Any] = {}
        self.name.installEventFilter(self)

    def first_field(self) -> QWidget:
        return self.name

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # completion from the first keystroke, not only after E: the gazetteer loads on first focus
        if watched is self.name and event.type() == QEvent.FocusIn and self._entries is None:
            self.refresh_completion()
        return super().eventFilter(watched, event)

    def refresh_completion(self) -> None:
        """Load the gazetteer on first use (about half a second), not at start-up."""
        self._entries = self._places()
        # Syrian places first among equally good matches: most reports are about Syria
        completion.set_choices(self.name, sorted(self._entries),
                               first=[label for label, e in self._entries.items() if e.get("country") == "SY"])

    def _picked(self, label: str) -> None:
        entry = (self._entries or {}).get(label)
        if not entry:
            return
        # the completer writes its label ("Istanbul (TR)") into the field after this signal:
        # put the canonical name back once it has, so the label is never what gets saved
        name = entry.get("name") or label_name(label)
        QTimer.singleShot(0, lambda: self.name.setText(name) if self.name.text() == label else None)
        self.name.setText(name)
        self.lat.setText(shown(entry.get("lat")))
        self.lon.setText(shown(entry.get("lon")))
        self.country.setText(shown(entry.get("country")))
        self.feature.setCurrentIndex(max(0, self.feature.findData(entry.get("feature") or "")))
        self.precision.setCurrentIndex(max(0, self.precision.findData(entry.get("precision"))))
        self._geo = {k: entry.get(k) for k in ("geonameid", "admin1")}
        self._changed()

    def load(self, attrs: dict[str, Any], tag: dict[str, Any] | None) -> None:
        _put(self.name, attrs.get("name") or (tag or {}).get("text"))
        _put(self.lat, attrs.get("lat"))
        _put(self.lon, attrs.get("lon"))
        _put(self.country, attrs.get("country"))
        self.feature.setCurrentIndex(max(0, self.feature.findData(attrs.get("feature") or "")))
        self.precision.setCurrentIndex(max(0, self.precision.findData(attrs.get("precision"))))
        self._geo = {}

    def values(self) -> dict[str, Any]:
        def num(edit: QLineEdit) -> float | None:
            try:
                return float(edit.text())
            except ValueError:
                return None

        out = {"name": _or_none(label_name(self.name.text())), "lat": num(self.lat), "lon": num(self.lon),
               "country": _or_none(self.country.text().upper()), "feature": self.feature.currentData() or None,
               "precision": self.precision.currentData()}
        out.update({k: v for k, v in self._geo.items() if v is not None})
        return out


class CasualtyEditor(TagEditor):
    def __init__(self, places: Callable[[], list[str]], item_date: ItemDate = lambda: None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._place_names = places
        self.count_min, self.count_max = self._count(), self._count()
        counts = QHBoxLayout()
        counts.addWidget(self.count_min)
        counts.addWidget(self.count_max)
        self.qualifier = compact(_combo(("",) + QUALIFIERS), 5)
        self.kind = compact(_combo(("",) + CASUALTY_KINDS), 5)
        self.victims = _line("e.g. civilians, children")
        self.event_date = DateField("when it happened, e.g. Thursday", item_date)
        self.location = _line("where it happened")
        completion.attach(self.location, self)
        self.perpetrator = _line("as reported")
        self.form.addRow("Count", counts)
        self.count_min.setToolTip("Lowest count reported (— when not stated, e.g. \"dozens\")")
        self.count_max.setToolTip("Highest count reported (— when open-ended, e.g. \"at least 50\")")
        how = QHBoxLayout()
        how.addWidget(self.qualifier)
        how.addWidget(self.kind)
        self.qualifier.setToolTip("How the figure was put: exact, at least, about, up to, vague (\"dozens\")…")
        self.kind.setToolTip("What happened to them: killed, injured, detained, displaced, missing")
        self.form.addRow("Qualifier", how)
        self.form.addRow("Victims", self.victims)
        self.form.addRow("Event date", self.event_date)
        self.form.addRow("Location", self.location)
        self.form.addRow("Perpetrator", self.perpetrator)
        self._watch(self.count_min, self.count_max, self.qualifier, self.kind, self.victims, self.event_date,
                    self.location, self.perpetrator)

    @staticmethod
    def _count() -> QSpinBox:
        box = QSpinBox()
        box.setRange(-1, 10_000_000)
        box.setSpecialValueText("—")  # -1: not stated (e.g. "dozens")
        box.setGroupSeparatorShown(True)
        box.setMinimumWidth(70)  # not sized for ten million: the panel is narrow
        return box

    def first_field(self) -> QWidget:
        return self.count_min

    def refresh_completion(self) -> None:
        completion.set_choices(self.location, self._place_names())

    def load(self, attrs: dict[str, Any], tag: dict[str, Any] | None) -> None:
        for box, key in ((self.count_min, "count_min"), (self.count_max, "count_max")):
            box.setValue(int(attrs[key]) if isinstance(attrs.get(key), (int, float)) else -1)
        self.qualifier.setCurrentIndex(max(0, self.qualifier.findData(attrs.get("qualifier") or "")))
        self.kind.setCurrentIndex(max(0, self.kind.findData(attrs.get("kind") or "")))
        _put(self.victims, attrs.get("victims"))
        self.event_date.set_value(shown(attrs.get("event_date") or attrs.get("event_date_start")) or None,
                                  shown(attrs.get("event_date_end")) or None)
        _put(self.location, attrs.get("location"))
        _put(self.perpetrator, attrs.get("perpetrator"))

    def values(self) -> dict[str, Any]:
        when = self.event_date.value()
        period = when is not None and when[0] != when[1]
        return {
            "count_min": self.count_min.value() if self.count_min.value() >= 0 else None,
            "count_max": self.count_max.value() if self.count_max.value() >= 0 else None,
            "qualifier": self.qualifier.currentData() or None, "kind": self.kind.currentData() or None,
            "victims": _or_none(self.victims.text()),
            "event_date": when[0] if when and not period else None,
            "event_date_start": when[0] if period else None, "event_date_end": when[1] if period else None,
            "location": _or_none(self.location.text()), "perpetrator": _or_none(self.perpetrator.text()),
        }


class DateEditor(TagEditor):
    """A date tag is one day (`value`) or a period (`start`, `end`), typed in one field."""

    def __init__(self, item_date: ItemDate = lambda: None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.when = DateField("e.g. 16 Mar 2017, Thursday, 1-5 March", item_date)
        self.form.addRow("Date", self.when)
        self._watch(self.when)

    def first_field(self) -> QWidget:
        return self.when.edit

    def load(self, attrs: dict[str, Any], tag: dict[str, Any] | None) -> None:
        if attrs.get("value"):
            self.when.set_value(shown(attrs["value"]))
        else:
            self.when.set_value(shown(attrs.get("start")) or None, shown(attrs.get("end")) or None)

    def values(self) -> dict[str, Any]:
        when = self.when.value()
        if when is None:
            return {"value": None, "start": None, "end": None}
        if when[0] != when[1]:
            return {"value": None, "start": when[0], "end": when[1]}
        return {"value": when[0], "start": None, "end": None}
