"""Checks on one line of a JSONL export before anything of it is merged.

Each check returns human-readable problems ("annotation 2 (id 17): offsets 500..520 are outside
the item text (length 300)"); the merge prefixes the file and line number.
"""

from __future__ import annotations

from typing import Any

from annotator.export.schema import KINDS
from annotator.store.migrations import GRADINGS, ORIGINS, STATES


def _is_int(value: Any) -> bool:
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
    for key in ("analyst", "rule"):
        if not _opt(a.get(key), str):
            problems.append(f"{label}: {key} must be text or null")
    if not _opt(a.get("confidence"), (int, float)):
        problems.append(f"{label}: confidence must be a number or null")
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
    if not isinstance(note.get("sources", []), list) or not isinstance(note.get("checklist", {}), dict):
        problems.append(f"{label}: sources must be a list and checklist an object")
    for key in ("text", "analyst", "created"):
        if not _opt(note.get(key), str):
            problems.append(f"{label}: {key} must be text or null")
    return problems
