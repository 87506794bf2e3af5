"""A tag's stored values as the window shows them. Stores merged from other tools, or edited by
hand, can hold odd types (a list for attributes, text for a count or a confidence); the window
shows them as text instead of failing to draw a panel."""

from __future__ import annotations

from typing import Any


def attributes_of(tag: dict[str, Any] | None) -> dict[str, Any]:
    attrs = (tag or {}).get("attributes")
    return attrs if isinstance(attrs, dict) else {}


def shown(value: Any) -> str:
    """Any value as text; "" for none."""
    return "" if value is None else value if isinstance(value, str) else str(value)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def count_text(value: Any) -> str:
    return f"{value:,}" if is_number(value) else shown(value)


# Words for the stored keys and coded values, for hover texts (an analyst reads "at least",
# never "at_least").
ATTRIBUTE_LABELS = {
    "name": "Name", "role": "Role", "organisation": "Organisation", "quote": "Quote",
    "geonameid": "GeoNames id", "lat": "Latitude", "lon": "Longitude", "country": "Country", "admin1": "Province code",
    "feature": "Kind of place", "precision": "Precision",
    "count_min": "Lowest count", "count_max": "Highest count", "qualifier": "Reported as", "approximate": "Approximate",
    "kind": "What happened", "victims": "Victims", "event_date": "Event date", "event_date_start": "Event from",
    "event_date_end": "Event to", "location": "Where", "perpetrator": "Perpetrator",
    "value": "Date", "start": "From", "end": "To",
}
PRECISION_WORDS = {1: "1 · named town", 2: "2 · near a town / part of a region", 3: "3 · region or province"}


def readable(key: str, value: Any) -> tuple[str, str]:
    """(label, value) in words for one stored attribute."""
    label = ATTRIBUTE_LABELS.get(key, key.replace("_", " ").capitalize())
    if key == "precision" and value in PRECISION_WORDS:
        return label, PRECISION_WORDS[value]
    if isinstance(value, bool):
        return label, "yes" if value else "no"
    if is_number(value) and key.startswith("count"):
        return label, count_text(value)
    text = shown(value)
    return label, text.replace("_", " ") if key in ("qualifier", "kind", "feature") else text
