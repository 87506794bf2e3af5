"""Dates an analyst gives: a report imported with its date unknown ("needs date"), or an
ambiguous one (`04/03/2018` from an outlet whose order is not known) confirmed.

One action = one transaction with a history row, undoable like every review action. The rule
stored with the date says it was given by hand (and by whom), so where every date came from stays
visible beside the rules the importer used.
"""

from __future__ import annotations

from datetime import date

from annotator.services.changes import Changes, recording
from annotator.services.typed_dates import plausible
from annotator.store import Store
from annotator.store import items


def parse_iso_date(value: str) -> str:
    """`value` as YYYY-MM-DD, or ValueError with a message an analyst can act on."""
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD, e.g. 2018-03-03)") from None
    return plausible(day).isoformat()


def set_item_date(db: Store, item_id: int, value: str, analyst: str | None,
                  how: str = "given by the analyst") -> Changes:
    """Set an item's date; clears its "needs date" flag. Undo puts back the unknown date."""
    iso = parse_iso_date(value)
    with recording(db, "set date", item_id) as rec:
        rec.item(item_id)
        items.set_date(db, item_id, iso, f"{how}{f' ({analyst})' if analyst else ''}", analyst)
    return rec.changes


def date_missing_items(db: Store, source_ids: list[int]) -> list[int]:
    """Items of these sources whose date is unknown or awaits confirmation."""
    if not source_ids:
        return []
    marks = ", ".join("?" * len(source_ids))
    return [row[0] for row in db.conn.execute(
        f"SELECT id FROM items WHERE needs_date = 1 AND source_id IN ({marks}) ORDER BY id", source_ids)]


def give_dates(db: Store, source_ids: list[int], value: str, analyst: str | None) -> int:
    """`annotator import --date`: the date for every item of these sources that has none. Items
    with a date of their own keep it. Returns how many items were dated."""
    iso = parse_iso_date(value)
    ids = date_missing_items(db, source_ids)
    for item_id in ids:
        set_item_date(db, item_id, iso, analyst, how="given with import --date")
    return len(ids)
