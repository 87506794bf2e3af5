"""Small helpers to turn cursor rows into dicts and JSON columns into values."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from annotator.tag_json import encoder

JSON_COLUMNS = {"attributes", "sources", "checklist", "before", "after"}


def dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    cols = [c[0] for c in cur.description]
    return [decode(dict(zip(cols, row))) for row in cur.fetchall()]


def one(cur: sqlite3.Cursor) -> dict[str, Any] | None:
    rows = dicts(cur)
    return rows[0] if rows else None


def decode(row: dict[str, Any]) -> dict[str, Any]:
    for key in JSON_COLUMNS & row.keys():
        if isinstance(row[key], str):
            row[key] = json.loads(row[key])
    return row


# The text of json.dumps(value, ensure_ascii=False, sort_keys=True), from an encoder built once.
_SORTED_JSON = encoder(separators=(", ", ": "), sort_keys=True, allow_nan=True)


def to_json(value: Any) -> str:
    return _SORTED_JSON(value)


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The id an INSERT just gave its row (SQLite always sets it after an INSERT)."""
    if cur.lastrowid is None:
        raise RuntimeError("the INSERT gave no row id")
    return cur.lastrowid
