"""CSV cells that a spreadsheet will not run as formulas (OWASP "CSV Injection").

A text cell starting with `=`, `+`, `-`, `@`, `|`, tab or carriage return (also after leading
spaces, and in their full-width forms such as `＝`, which some spreadsheets read as `=`) is
prefixed with a single quote, so Excel, LibreOffice and Google Sheets show it as text instead of
evaluating it. Number columns stay numbers (a longitude of -36.2 is written as -36.2). Every
text cell is quoted (csv.QUOTE_NONNUMERIC), which the same advice recommends. A NUL, which ends
a cell early in some readers, is written as ␀; a cell longer than spreadsheets hold (32,767
characters) is cut, saying so.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

DANGEROUS_FIRST = ("=", "+", "-", "@", "|", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\uff5c")
MAX_CELL = 32_767  # Excel's and LibreOffice's limit for one cell


def neutralise(text: str) -> str:
    """Prefix a formula-looking text with ' (the cell then reads as plain text)."""
    if "\x00" in text:
        text = text.replace("\x00", "\u2400")
    first = text.lstrip(" \u00a0\u3000\n\x0b\x0c")[:1]
    if text.startswith(DANGEROUS_FIRST) or (first and first in DANGEROUS_FIRST):
        text = "'" + text
    return fit(text)


def fit(text: str) -> str:
    """`text` cut to MAX_CELL characters, ending with how long it was."""
    if len(text) <= MAX_CELL:
        return text
    tail = f" … [cut: {len(text):,} characters]"
    return text[: MAX_CELL - len(tail)] + tail


def as_number(value: Any) -> int | float | None:
    """The value as a number if it is one (or a plain numeric string), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            pass
        try:
            number = float(text)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def text_of(value: Any) -> str:
    """How a non-number value reads in a cell: booleans as true/false, lists/dicts as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def cell(value: Any, numeric: bool = False) -> Any:
    """One safe cell. In a number column a numeric value is written as a bare number; anything
    else (including a stray text in a number column) is written as neutralised text."""
    if value is None:
        return ""
    if numeric:
        number = as_number(value)
        if number is not None:
            return number
    return neutralise(text_of(value))


class SafeWriter:
    """csv.writer with a fixed header and the columns that hold numbers."""

    def __init__(self, fh: TextIO, header: Sequence[str], numeric: Iterable[str] = ()) -> None:
        self._writer = csv.writer(fh, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        self._header = tuple(header)
        numeric_set = set(numeric)
        self._numeric = tuple(name in numeric_set for name in self._header)
        self._writer.writerow(self._header)

    def row(self, values: dict[str, Any]) -> None:
        self._writer.writerow([cell(values.get(name), num) for name, num in zip(self._header, self._numeric)])
