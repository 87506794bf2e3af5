"""Timestamps as stored: UTC ISO-8601 with microseconds, sortable as text."""

from datetime import datetime, timezone


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")
