"""An analyst's edit of one incident from the Incidents panel: best/low/high per harm kind, ACLED
fatalities, grading, dates and their precision, place (taking the new name's coordinates), label.

The panel edits what it showed: `seen` is the incident as the panel read it (its `updated`
stamp). If anyone changed the incident since (a colleague on the same store, another window, a
re-run of the suggestion), the edit is refused with a message naming who and when, and nothing
is written; the panel then shows the incident as it is now. Otherwise it is one undoable step
with a history row (services.incidents.edit), and every later re-run keeps the edited fields.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from annotator.services import incidents
from annotator.services.changes import Changes
from annotator.services.incident_model import HARM_KINDS, WHERE_PREC
from annotator.services.places import place_for_name
from annotator.store import Store, history
from annotator.store import incidents as store
from annotator.store.db import write_tx
from annotator.vocabulary import GRADINGS

FIELDS = ("label", "date_start", "date_end", "date_prec", "place", "where_prec", "figures", "fatalities", "grading")
FIGURE_KEYS = ("best", "low", "high")
DATE_PRECS = range(1, 6)  # UCDP: 1 day ... 5 year
WHERE_PRECS = range(1, 8)  # UCDP: 1 exact place ... 7 water or air


class EditedSince(ValueError):
    """Refused: the incident changed after the panel showed it (the message says by whom)."""


def edit_incident(db: Store, incident_id: int, seen: dict[str, Any], changes: dict[str, Any], *,
                  analyst: str | None) -> Changes:
    """Apply `changes` (a subset of FIELDS; `figures` as {kind: {best, low, high}}, only the
    numbers that change needed) to the incident the panel showed as `seen`."""
    bad = set(changes) - set(FIELDS)
    if bad:
        raise ValueError(f"cannot edit {', '.join(sorted(bad))} of an incident")
    with write_tx(db):  # the check and the write in one transaction: nobody slips in between
        row = store.get(db, incident_id)
        if row is None:
            raise EditedSince(f"Incident {incident_id} no longer exists (merged or emptied since it was shown); "
                              "nothing was changed.")
        if row["updated"] != seen.get("updated"):
            entry = history.last_change(db, "incidents", [incident_id]) or {}
            who = entry.get("analyst") or "someone"
            at = str(entry.get("at") or row["updated"] or "")[:16].replace("T", " ")
            raise EditedSince(f"Incident {incident_id} was changed by {who} at {at} UTC after you opened it; "
                              "nothing was changed. It is shown as it is now: edit it again if still needed.")
        values = _checked(db, row, changes)
        if not values:
            return Changes("Edit incident", None)  # the same values: no step, no history row
        return incidents.edit(db, incident_id, values, analyst=analyst)


def _checked(db: Store, row: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "figures" in changes:
        out["figures"] = _figures(row.get("figures") or {}, changes["figures"])
    if "fatalities" in changes:
        out["fatalities"] = _count(changes["fatalities"], "fatalities")
    if "grading" in changes:
        grading = changes["grading"] or None
        if grading is not None and grading not in GRADINGS:
            raise ValueError(f"unknown grading {grading!r} (one of {', '.join(GRADINGS)})")
        out["grading"] = grading
    if "date_start" in changes or "date_end" in changes:
        first = _day(changes.get("date_start", row["date_start"]), "start")
        last = _day(changes.get("date_end", row["date_end"]), "end")
        if last < first:
            raise ValueError(f"the incident cannot end ({last}) before it starts ({first})")
        out["date_start"], out["date_end"] = first.isoformat(), last.isoformat()
    for key, allowed in (("date_prec", DATE_PRECS), ("where_prec", WHERE_PRECS)):
        if key in changes:
            value = _count(changes[key], key)
            if value is None or int(value) not in allowed:
                raise ValueError(f"{key} is one of {allowed.start}-{allowed.stop - 1} (UCDP's scale)")
            out[key] = int(value)
    if "label" in changes:
        out["label"] = str(changes["label"] or "").strip()
    if "place" in changes:
        out.update(_place(db, row, changes["place"], "where_prec" in out))
    return {k: v for k, v in out.items() if v != row.get(k)}


def _figures(current: dict[str, Any], given: dict[str, Any]) -> str:
    figures = {k: dict(v) for k, v in current.items()}
    for kind, numbers in given.items():
        if kind not in HARM_KINDS:
            raise ValueError(f"unknown harm {kind!r} (one of {', '.join(HARM_KINDS)})")
        entry = figures.setdefault(kind, {"best": None, "low": None, "high": None})
        for key, value in numbers.items():
            if key not in FIGURE_KEYS:
                raise ValueError(f"a figure has best, low and high, not {key!r}")
            entry[key] = _count(value, f"{kind} {key}")
        best, low, high = entry.get("best"), entry.get("low"), entry.get("high")
        if low is not None and high is not None and low > high:
            raise ValueError(f"{kind}: low ({low:,}) is above high ({high:,})")
        if best is not None and ((low is not None and best < low) or (high is not None and best > high)):
            raise ValueError(f"{kind}: best ({best:,}) must lie between low and high (UCDP)")
        if best is None and low is None and high is None:
            del figures[kind]  # all three cleared: this harm is not part of the incident
    return json.dumps(figures, sort_keys=True)


def _count(value: Any, what: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        n = int(str(value).replace(",", "").strip()) if not isinstance(value, (int, float)) else value
    except ValueError:
        raise ValueError(f"{what}: {value!r} is not a whole number") from None
    if n < 0 or n != int(n):
        raise ValueError(f"{what}: {value!r} is not a whole number of people")
    return int(n)


def _day(value: Any, what: str) -> date:
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{what} date {value!r} is not a date (YYYY-MM-DD, e.g. 2017-10-04)") from None


def _place(db: Store, row: dict[str, Any], name: Any, where_prec_given: bool) -> dict[str, Any]:
    """A new place name brings its own coordinates (the store's places, then the gazetteer), or
    none when unknown: the old place's point never stays under the new name."""
    name = str(name or "").strip() or None
    if name == row.get("place"):
        return {}
    found = (place_for_name(db, name) if name else None) or {}
    out = {"place": name, "lat": found.get("lat"), "lon": found.get("lon"), "geonameid": found.get("geonameid"),
           "country": found.get("country"), "admin1": found.get("admin1")}
    if not where_prec_given:
        out["where_prec"] = WHERE_PREC.get(found.get("feature") or "", 1 if found.get("lat") is not None else 5)
    return out
