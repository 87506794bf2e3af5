"""JSON Lines: one object per item with its tags and notes; the interchange format that
`annotator import-annotations` reads back. Keys are exactly those of issue 5; tag offsets are
into `text` (the item body)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from annotator.export.schema import ItemBundle, normalise, note_target

ITEM_KEYS = ("item_id", "source", "date", "category", "attribution", "text", "status", "annotations", "notes")


def annotation_record(a: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": a["id"], "kind": a["kind"], "start": a["start"], "end": a["end"], "text": a["text"],
        "origin": a["origin"], "state": a["state"], "rule": a.get("rule"), "confidence": a.get("confidence"),
        "analyst": a.get("analyst"), "attributes": normalise(a["kind"], a.get("attributes")),
    }


def note_record(n: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": n["id"], "target": note_target(n), "grading": n.get("grading"), "sources": n.get("sources") or [],
        "checklist": n.get("checklist") or {}, "text": n.get("text") or "", "analyst": n.get("analyst"),
        "created": n.get("created"),
    }


def item_record(bundle: ItemBundle) -> dict[str, Any]:
    it = bundle.item
    return {
        "item_id": it["id"],
        "source": {"file": it["source_name"], "sha256": it["source_sha256"]},
        "date": it["date"],
        "category": it.get("category"),
        "attribution": it.get("attribution"),
        "text": it["body"],
        "status": it["status"],
        "annotations": [annotation_record(a) for a in bundle.annotations],
        "notes": [note_record(n) for n in bundle.notes],
    }


def write(bundles: Iterable[ItemBundle], fh: TextIO) -> int:
    """Write one line per item; returns the number of lines."""
    n = 0
    for bundle in bundles:
        fh.write(dumps(item_record(bundle)))
        fh.write("\n")
        n += 1
    return n


_strict = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


def dumps(value: Any) -> str:
    """Strict one-line JSON: a NaN or infinity (never valid JSON) is written as null, and the
    three Unicode line breaks JSON leaves raw (NEL, LS, PS) are escaped, so a reader that splits
    lines with str.splitlines() still sees one record per line."""
    try:
        text = _strict(value)
    except ValueError:
        text = _strict(finite(value))
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text


def finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


class JsonlError(ValueError):
    """A line that is not a JSON object; `line` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


def parse_line(number: int, raw: str) -> dict[str, Any]:
    """One line as a JSON object, or JsonlError naming the line."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise JsonlError(number, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise JsonlError(number, f"expected a JSON object, found {type(obj).__name__}")
    return obj


def read(fh: TextIO) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; JsonlError names the first bad line."""
    for number, raw in enumerate(fh, 1):
        if raw.strip():
            yield number, parse_line(number, raw)
