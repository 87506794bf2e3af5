"""Undo and redo check before they write: a change is replayed only if every row it changed is
still exactly as that change (or its undo) left it. Otherwise someone else (another window, a
colleague on the same store, a tagging run) changed it since, and replaying the snapshot would
silently erase their work; the replay is refused with a message naming who changed what and
when, taken from history.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from annotator.store import Store, history, restore
from annotator.store import incidents as store_incidents

if TYPE_CHECKING:
    from annotator.services.changes import Changes, Snapshot

Row = dict[str, Any]
# Columns that change with every write and say nothing an analyst would recognise.
_NOISE = {"updated", "id", "created", "analyst"}


class StaleChange(Exception):
    """Undo/redo refused: a row the change touched has been changed by someone since."""


def _item_row(db: Store, item_id: int) -> Row | None:
    return restore.item_state(db, item_id)


# family -> (read the current row, history table name)
_FAMILIES: dict[str, tuple[Callable[..., Row | None], str]] = {
    "annotations": (restore.annotation_row, "annotations"),
    "notes": (restore.note_row, "notes"),
    "items": (_item_row, "items"),
    "aliases": (lambda db, key: restore.alias_row(db, *key), "aliases"),
    "incidents": (store_incidents.incident_row, "incidents"),
    "incident_figures": (store_incidents.figure_row, "incident_figures"),
}


def changed_keys(changes: Changes) -> Iterator[tuple[str, Any]]:
    """(family, key) of every row the action really changed (before != after)."""
    for family in _FAMILIES:
        before, after = getattr(changes.before, family), getattr(changes.after, family)
        for key in before:
            if before[key] != after.get(key):
                yield family, key


def only_changed(changes: Changes, snap: Snapshot) -> Snapshot:
    """`snap` limited to the rows the action changed: rows it merely looked at (an item whose
    status stayed, notes of a tag it did not touch) are never written back."""
    from annotator.services.changes import Snapshot

    out = Snapshot()
    for family, key in changed_keys(changes):
        getattr(out, family)[key] = getattr(snap, family)[key]
    return out


def check(db: Store, changes: Changes, expected: Snapshot, verb: str) -> None:
    """Raise StaleChange unless every row `changes` changed is as `expected` says now."""
    for family, key in changed_keys(changes):
        read, table = _FAMILIES[family]
        current = read(db, key)
        want = getattr(expected, family)[key]
        if current != want:
            raise StaleChange(_message(db, changes, verb, family, table, key, want, current))


def _message(db: Store, changes: Changes, verb: str, family: str, table: str, key: Any, want: Row | None,
             current: Row | None) -> str:
    row_ids = [key] if family != "aliases" else [r["id"] for r in (want, current) if r]
    entry = history.last_change(db, table, row_ids)
    who = (entry or {}).get("analyst") or "someone"
    when = _when((entry or {}).get("at"))
    what = _what(family, key, want, current)
    how = "deleted" if current is None else "added again" if want is None else "changed"
    return (f"Cannot {verb} “{changes.label}”: {what} was {how} by {who}{when}. Nothing was {verb}ne: "
            f"their change stays, and this step has left the undo list.")


def _when(at: str | None) -> str:
    return f" at {at[:16].replace('T', ' ')} UTC" if at else ""


def _what(family: str, key: Any, want: Row | None, current: Row | None) -> str:
    row = current or want or {}
    fields = _fields(want, current)
    detail = f" ({', '.join(fields)})" if fields else ""
    if family == "annotations":
        return f"the {row.get('kind', '')} tag “{_short(row.get('text'))}”{detail}"
    if family == "notes":
        return f"a note on item {row.get('item_id')}{detail}"
    if family == "items":
        return f"item {key}{detail}"
    if family == "aliases":
        return f"the learned {key[0]} name “{_short(key[1])}”{detail}"
    if family == "incidents":
        return f"incident {key}{detail}"
    return f"the placing of casualty tag {key} in an incident{detail}"


def _fields(want: Row | None, current: Row | None) -> list[str]:
    """The names of what differs: columns, and attribute keys inside `attributes`."""
    if want is None or current is None:
        return []
    out: list[str] = []
    for col in want:
        if col in _NOISE or want.get(col) == current.get(col):
            continue
        if col == "attributes":
            a, b = _json(want.get(col)), _json(current.get(col))
            out.extend(k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k))
        else:
            out.append(col)
    return out


def _json(text: Any) -> dict[str, Any]:
    try:
        value = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _short(text: Any, limit: int = 40) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def put_back_refused(db: Store, table: str, form: str, current: Row | None, expected: Row | None) -> str:
    """The message for a refused "Put back" of something forgotten in the learned list."""
    ids = [r["id"] for r in (current, expected) if r and r.get("id") is not None]
    entry = history.last_change(db, table, ids)
    who = (entry or {}).get("analyst") or "someone"
    return (f"Cannot put back “{_short(form)}”: it was changed by {who}{_when((entry or {}).get('at'))} after "
            "it was forgotten. Nothing was put back: their change stays.")
