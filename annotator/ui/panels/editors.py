"""Attribute editors, one per tag kind. Each shows a tag's attributes and returns the edited
dict (keys it does not show, like a speaker's `quote`, are kept as they were)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (QComboBox, QCompleter, QDateEdit, QFormLayout, QHBoxLayout, QLineEdit, QSpinBox,
                               QWidget)

from annotator.ui.tag_values import attributes_of, shown

FEATURES = ("", "country", "province", "city", "town", "village", "region", "river", "facility")
QUALIFIERS = ("exact", "at_least", "more_than", "about", "nearly", "up_to", "vague")
CASUALTY_KINDS = ("killed", "injured", "detained", "displaced", "missing", "other")
PRECISIONS = (("", None), ("1 · named town", 1), ("2 · near a town / part of a region", 2), ("3 · region or province", 3))
NO_DATE = QDate(1900, 1, 1)


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


def _completer(parent: QWidget) -> QCompleter:
    comp = QCompleter(QStringListModel([], parent), parent)
    comp.setCaseSensitivity(Qt.CaseInsensitive)
    comp.setFilterMode(Qt.MatchContains)
    comp.setMaxVisibleItems(12)
    return comp


class TagEditor(QWidget):
    """Base: a form bound to one tag; `edited` fires on any change so Save can light up."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self._tag: dict[str, Any] | None = None
        self._loading = False

    def _watch(self, *widgets: QWidget) -> None:
        for w in widgets:
            for signal in ("textEdited", "currentIndexChanged", "valueChanged", "dateChanged"):
                if hasattr(w, signal):
                    getattr(w, signal).connect(self._changed)
                    break

    def _changed(self, *_: Any) -> None:
        if not self._loading:
            self.edited.emit()

    def set_tag(self, tag: dict[str, Any] | None) -> None:
        self._tag = tag
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
        return self.form.itemAt(0, QFormLayout.FieldRole).widget()

    def load(self, attrs: dict[str, Any], tag: dict[str, Any] | None) -> None:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError


class SpeakerEditor(TagEditor):
    def __init__(self, names: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = names
        self.name = _line("full name or organisation")
        self.name.setCompleter(_completer(self))
        self.role = _line("e.g. President")
        self.organisation = _line("e.g. Syrian Coalition")
        self.form.addRow("Name", self.name)
        self.form.addRow("Role", self.role)
        self.form.addRow("Organisation", self.organisation)
        self._watch(self.name, self.role, self.organisation)

    def refresh_completion(self) -> None:
        self.name.completer().model().setStringList(self._names())

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
        comp = _completer(self)
        comp.activated.connect(self._picked)
        self.name.setCompleter(comp)
        self.lat, self.lon = _line("lat"), _line("lon")
        for edit, bound in ((self.lat, 90), (self.lon, 180)):
            edit.setValidator(QDoubleValidator(-bound, bound, 6, edit))
        coords = QHBoxLayout()
        coords.addWidget(self.lat)
        coords.addWidget(self.lon)
        self.country = _line("ISO2")
        self.country.setMinimumWidth(44)
        self.country.setMaxLength(2)
        self.feature = compact(_combo(FEATURES), 5)
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

    def refresh_completion(self) -> None:
        """Load the gazetteer on first use (about half a second), not at start-up."""
        self._entries = self._places()
        self.name.completer().model().setStringList(sorted(self._entries))

    def _picked(self, label: str) -> None:
        entry = (self._entries or {}).get(label)
        if not entry:
            return
        self.name.setText(entry.get("name", label))
        self.lat.setText(shown(entry.get("lat")))
        self.lon.setText(shown(entry.get("lon")))
        self.country.setText(shown(entry.get("country")))
        self.feature.setCurrentIndex(max(0, self.feature.findData(entry.get("feature") or "")))
        self.precision.setCurrentIndex(max(0, self.precision.findData(entry.get("precision"))))
        self._geo = {k: entry.get(k) for k in ("geonameid", "admin1")}
        self.edited.emit()

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

        out = {"name": _or_none(self.name.text()), "lat": num(self.lat), "lon": num(self.lon),
               "country": _or_none(self.country.text().upper()), "feature": self.feature.currentData() or None,
               "precision": self.precision.currentData()}
        out.update({k: v for k, v in self._geo.items() if v is not None})
        return out


class CasualtyEditor(TagEditor):
    def __init__(self, places: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._place_names = places
        self.count_min, self.count_max = self._count(), self._count()
        counts = QHBoxLayout()
        counts.addWidget(self.count_min)
        counts.addWidget(self.count_max)
        self.qualifier = compact(_combo(("",) + QUALIFIERS), 5)
        self.kind = compact(_combo(("",) + CASUALTY_KINDS), 5)
        self.victims = _line("e.g. civilians, children")
        self.event_date = _date_field("unknown")
        self.location = _line("where it happened")
        self.location.setCompleter(_completer(self))
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

    def refresh_completion(self) -> None:
        self.location.completer().model().setStringList(self._place_names())

    def load(self, attrs: dict[str, Any], tag: dict[str, Any] | None) -> None:
        for box, key in ((self.count_min, "count_min"), (self.count_max, "count_max")):
            box.setValue(int(attrs[key]) if isinstance(attrs.get(key), (int, float)) else -1)
        self.qualifier.setCurrentIndex(max(0, self.qualifier.findData(attrs.get("qualifier") or "")))
        self.kind.setCurrentIndex(max(0, self.kind.findData(attrs.get("kind") or "")))
        _put(self.victims, attrs.get("victims"))
        when = QDate.fromString(shown(attrs.get("event_date") or attrs.get("event_date_start")), "yyyy-MM-dd")
        self.event_date.setDate(when if when.isValid() else NO_DATE)
        _put(self.location, attrs.get("location"))
        _put(self.perpetrator, attrs.get("perpetrator"))

    def values(self) -> dict[str, Any]:
        return {
            "count_min": self.count_min.value() if self.count_min.value() >= 0 else None,
            "count_max": self.count_max.value() if self.count_max.value() >= 0 else None,
            "qualifier": self.qualifier.currentData() or None, "kind": self.kind.currentData() or None,
            "victims": _or_none(self.victims.text()),
            "event_date": _iso(self.event_date),
            "location": _or_none(self.location.text()), "perpetrator": _or_none(self.perpetrator.text()),
        }


def _date_field(empty: str) -> QDateEdit:
    field = QDateEdit()
    field.setCalendarPopup(True)
    field.setDisplayFormat("yyyy-MM-dd")
    field.setMinimumDate(NO_DATE)
    field.setSpecialValueText(empty)
    return field


def _iso(field: QDateEdit) -> str | None:
    return field.date().toString("yyyy-MM-dd") if field.date() != NO_DATE else None


class DateEditor(TagEditor):
    """A date tag is one day (`value`) or a period (`start`, `end`): "To" empty means one day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = _date_field("unknown")
        self.first.setToolTip("The day named, or the first day of a period")
        self.last = _date_field("— (one day)")
        self.last.setToolTip("The last day of a period (\"over the past week\"); empty for a single day")
        self.form.addRow("Date / from", self.first)
        self.form.addRow("To", self.last)
        self._watch(self.first, self.last)

    def load(self, attrs: dict[str, Any], tag: dict[str, Any] | None) -> None:
        first = QDate.fromString(shown(attrs.get("value") or attrs.get("start")), "yyyy-MM-dd")
        last = QDate.fromString(shown(attrs.get("end") if not attrs.get("value") else ""), "yyyy-MM-dd")
        self.first.setDate(first if first.isValid() else NO_DATE)
        self.last.setDate(last if last.isValid() else NO_DATE)

    def values(self) -> dict[str, Any]:
        first, last = _iso(self.first), _iso(self.last)
        if first and last and last != first:
            first, last = min(first, last), max(first, last)  # ISO dates sort as text
            return {"value": None, "start": first, "end": last}
        return {"value": first or last, "start": None, "end": None}
