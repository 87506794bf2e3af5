"""Checks on one line of a JSONL export before anything of it is merged.

Each check returns human-readable problems ("annotation 2 (id 17): offsets 500..520 are outside
the item text (length 300)"); the merge prefixes the file and line number.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any, TypeGuard

from annotator.services.typed_dates import FIRST_YEAR, LAST_YEAR
from annotator.store.notes import CHECKLIST_KEYS
from annotator.vocabulary import (ATTRIBUTES, CASUALTY_KINDS, FEATURES, GRADINGS, KINDS, ORIGINS, PRECISIONS, QUALIFIERS,
                                  STATES)

MAX_TEXT = 100_000  # one attribute value; a quote is a sentence or two
MAX_COUNT = 10_000_000
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _opt(value: Any, kind: type | tuple[type, ...]) -> bool:
    return value is None or (isinstance(value, kind) and not isinstance(value, bool))


def check_item(rec: dict[str, Any]) -> list[str]:
    """The item-level shape: source hash, text, lists of annotations and notes."""
    problems = []
    source = rec.get("source")
    if not isinstance(source, dict) or not isinstance(source.get("sha256"), str) or not source["sha256"].strip():
        problems.append('missing "source": {"file": ..., "sha256": ...}')
    if not isinstance(rec.get("text"), str):
        problems.append('missing "text" (the item body)')
    for key in ("annotations", "notes"):
        if not isinstance(rec.get(key, []), list):
            problems.append(f'"{key}" must be a list')
    return problems


def check_annotation(n: int, a: Any, body: str) -> list[str]:
    if not isinstance(a, dict):
        return [f"annotation {n}: expected an object"]
    label = f"annotation {n}" + (f" (id {a['id']})" if "id" in a else "")
    problems = []
    if a.get("kind") not in KINDS:
        problems.append(f"{label}: unknown kind {a.get('kind')!r} (expected {', '.join(KINDS)})")
    if a.get("origin") not in ORIGINS:
        problems.append(f"{label}: unknown origin {a.get('origin')!r}")
    if a.get("state") not in STATES:
        problems.append(f"{label}: unknown state {a.get('state')!r}")
    if not _opt(a.get("attributes"), dict):
        problems.append(f"{label}: attributes must be an object")
    elif a.get("kind") in KINDS:
        problems += [f"{label}: {p}" for p in check_attributes(a["kind"], a.get("attributes") or {})]
    for key in ("analyst", "rule"):
        if not _opt(a.get(key), str):
            problems.append(f"{label}: {key} must be text or null")
    conf = a.get("confidence")
    if not _opt(conf, (int, float)) or (conf is not None and not (math.isfinite(conf) and 0 <= conf <= 1)):
        problems.append(f"{label}: confidence must be a number from 0 to 1, or null")
    start, end = a.get("start"), a.get("end")
    if not (_is_int(start) and _is_int(end)):
        problems.append(f"{label}: start and end must be whole numbers")
    elif not 0 <= start <= end <= len(body):
        problems.append(f"{label}: offsets {start}..{end} are outside the item text (length {len(body)})")
    elif a.get("text") != body[start:end]:
        problems.append(f"{label}: text {a.get('text')!r} does not match the item text at {start}..{end} "
                        f"({body[start:end]!r})")
    return problems


def check_note(n: int, note: Any, annotation_ids: set[Any]) -> list[str]:
    if not isinstance(note, dict):
        return [f"note {n}: expected an object"]
    label = f"note {n}" + (f" (id {note['id']})" if "id" in note else "")
    problems = []
    target = note.get("target")
    if not isinstance(target, dict) or target.get("type") not in ("item", "annotation"):
        problems.append(f'{label}: target must be {{"type": "item" or "annotation", "id": ...}}')
    elif target["type"] == "annotation" and target.get("id") not in annotation_ids:
        problems.append(f"{label}: targets annotation {target.get('id')!r}, which is not on this line")
    if note.get("grading") is not None and note.get("grading") not in GRADINGS:
        problems.append(f"{label}: unknown grading {note.get('grading')!r} (expected {', '.join(GRADINGS)})")
    sources, checklist = note.get("sources") or [], note.get("checklist") or {}
    if not isinstance(sources, list) or not all(isinstance(x, str) and len(x) <= MAX_TEXT for x in sources):
        problems.append(f"{label}: sources must be a list of texts")
    if not isinstance(checklist, dict) or any(k not in CHECKLIST_KEYS or not isinstance(v, bool)
                                              for k, v in checklist.items()):
        problems.append(f"{label}: checklist must map {', '.join(CHECKLIST_KEYS)} to true or false")
    for key in ("text", "analyst", "created"):
        if not _opt(note.get(key), str):
            problems.append(f"{label}: {key} must be text or null")
    return problems


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be text"
    return "is too long" if len(value) > MAX_TEXT else None


def _count(value: Any) -> str | None:
    return None if _is_int(value) and 0 <= value <= MAX_COUNT else f"must be a whole number from 0 to {MAX_COUNT:,}"


def _coordinate(limit: float) -> Any:
    def check(value: Any) -> str | None:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        return None if ok and -limit <= value <= limit else f"must be a number from -{limit:g} to {limit:g}"
    return check


def _choice(values: tuple[Any, ...]) -> Any:
    def check(value: Any) -> str | None:
        ok = value in values and not isinstance(value, bool)
        return None if ok else f"must be one of {', '.join(map(str, values))}"
    return check


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _geonameid(value: Any) -> str | None:
    return None if _is_int(value) and value > 0 else "must be a positive whole number"


def _date(value: Any) -> str | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return "must be a date like 2017-05-17 (or 2017-05, 2017)"
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return "is not a real date"
    if not FIRST_YEAR <= parts[0] <= LAST_YEAR:
        return f"is outside {FIRST_YEAR}-{LAST_YEAR}"
    return None


_RULES: dict[str, dict[str, Any]] = {
    "speaker": {k: _text for k in ATTRIBUTES["speaker"]},
    "location": {"name": _text, "geonameid": _geonameid, "lat": _coordinate(90), "lon": _coordinate(180),
                 "country": _text, "admin1": _text, "feature": _choice(FEATURES), "precision": _choice(PRECISIONS)},
    "casualty": {"count_min": _count, "count_max": _count, "qualifier": _choice(QUALIFIERS), "approximate": _flag,
                 "kind": _choice(CASUALTY_KINDS), "victims": _text, "event_date": _date, "event_date_start": _date,
                 "event_date_end": _date, "location": _text, "perpetrator": _text},
    "date": {"value": _date, "start": _date, "end": _date},
}


def check_attributes(kind: str, attrs: dict[str, Any]) -> list[str]:
    """Each attribute of a `kind` tag against the kind's schema (DESIGN.md): known key, type,
    range, finite number; null is always allowed (not filled in)."""
    rules = _RULES[kind]
    problems = []
    for key, value in attrs.items():
        if key not in rules:
            problems.append(f"unknown {kind} attribute {str(key)[:40]!r} (expected {', '.join(rules)})")
        elif value is not None and (why := rules[key](value)):
            problems.append(f"attribute {key} {why}, found {_shown(value)}")
    lo, hi = attrs.get("count_min"), attrs.get("count_max")
    if kind == "casualty" and _is_int(lo) and _is_int(hi) and lo > hi:
        problems.append(f"count_min {lo} is above count_max {hi}")
    return problems


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
