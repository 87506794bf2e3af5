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
