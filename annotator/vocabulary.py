"""The domain vocabulary: every closed list of words the store, taggers, exports, services and
window agree on, and the typed attributes of each kind of tag. Pure Python, imports nothing of
the project: store (CHECK constraints), export (declared values), services (validation) and ui
(filters, labels) all read these names from here and repeat none of them.
"""

from __future__ import annotations

from typing import Any, TypedDict

# Items
ITEM_STATUSES = ("new", "in_progress", "annotated", "reviewed", "flagged")

# Tags
ANNOTATION_KINDS = ("speaker", "location", "casualty", "date")
KINDS = ANNOTATION_KINDS
ORIGINS = ("auto", "manual")
STATES = ("suggested", "accepted", "rejected", "edited")
VISIBLE_STATES = ("suggested", "accepted", "edited")  # shown in the text: not rejected
ACCEPTED_STATES = ("accepted", "edited")  # an analyst has confirmed the tag

# Source-verification notes
GRADINGS = ("confirmed", "fair", "weak", "contested", "discounted")

# Casualty and location attribute values (DESIGN.md)
QUALIFIERS = ("exact", "at_least", "more_than", "about", "nearly", "up_to", "vague")
CASUALTY_KINDS = ("killed", "injured", "detained", "displaced", "missing", "other")
FEATURES = ("country", "province", "city", "town", "village", "region", "river", "facility")
PRECISIONS = (1, 2, 3)

# Incidents (issue 18): their states, and how a casualty tag sits in one
INCIDENT_STATES = ("suggested", "confirmed")
INCIDENT_ROLES = ("same", "subgroup", "other_harm", "aggregate")


class SpeakerAttributes(TypedDict, total=False):
    name: str | None
    role: str | None
    organisation: str | None
    quote: str | None


class LocationAttributes(TypedDict, total=False):
    name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    feature: str | None  # one of FEATURES
    precision: int | None  # one of PRECISIONS


class CasualtyAttributes(TypedDict, total=False):
    count_min: int | None
    count_max: int | None
    qualifier: str | None  # one of QUALIFIERS
    approximate: bool | None
    kind: str | None  # one of CASUALTY_KINDS
    victims: str | None
    event_date: str | None
    event_date_start: str | None
    event_date_end: str | None
    location: str | None
    perpetrator: str | None


class DateAttributes(TypedDict, total=False):
    value: str | None
    start: str | None
    end: str | None


TYPED_ATTRIBUTES: dict[str, type] = {
    "speaker": SpeakerAttributes,
    "location": LocationAttributes,
    "casualty": CasualtyAttributes,
    "date": DateAttributes,
}

# The interchange contract (issue 5): every export format writes exactly these keys per kind, in
# this order, with null for a value the analyst has not filled in. Derived from the typed
# attributes above so the two cannot drift apart.
ATTRIBUTES: dict[str, tuple[str, ...]] = {kind: tuple(t.__annotations__) for kind, t in TYPED_ATTRIBUTES.items()}


def normalise(kind: str, attributes: dict[str, Any] | None) -> dict[str, Any]:
    """The attributes of a `kind` tag with exactly that kind's keys (missing ones null)."""
    attrs = attributes or {}
    return {key: attrs.get(key) for key in ATTRIBUTES.get(kind, ())}
