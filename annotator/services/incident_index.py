"""Incidents held in memory for the map and the timeline (pure Python, no Qt).

Loaded once from the store (one query), then every filter change is answered without touching
the store when it is a date range: per place, incidents sorted by day with running totals, so a
date range costs two binary searches per place; per day, totals per harm kind. Other filters
(search, status, speaker...) give a set of incident ids (store.incident_ids_matching) and the
figures are summed over that set.
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import NamedTuple

from annotator.services.incident_model import HARM_KINDS
from annotator.vocabulary import GRADINGS
from annotator.store import Store

APPROXIMATE = 3  # UCDP where_prec from which a point is a centroid: district, province, vague area, country
GRADING_ORDER: tuple[str | None, ...] = (*GRADINGS, None)
SQL = ("SELECT id, date_start, lat, lon, place, state, coalesce(grading, grading_suggested), figures, where_prec "
       "FROM incidents WHERE date_start IS NOT NULL ORDER BY date_start, id")


def _best(figures: dict, kind: str) -> float:
    value = (figures.get(kind) or {}).get("best")
    return float(value) if isinstance(value, (int, float)) else 0.0


@dataclass
class PlaceSeries:
    """One map point: the incidents placed there, by day, with running totals."""

    name: str
    lat: float
    lon: float
    days: array = field(default_factory=lambda: array("i"))
    ids: array = field(default_factory=lambda: array("q"))
    confirmed: array = field(default_factory=lambda: array("B"))
    approximate: array = field(default_factory=lambda: array("B"))  # where_prec >= 3: a centroid, not the spot
    grading: array = field(default_factory=lambda: array("B"))
    harm: list[array] = field(default_factory=lambda: [array("d") for _ in HARM_KINDS])
    # Running totals up to each incident (arrays: 8 bytes an entry, not a float object), so a date
    # range costs two subtractions per total whatever the number of incidents in it.
    running: list[array] = field(default_factory=list)  # per kind
    confirmed_running: array = field(default_factory=lambda: array("q"))
    approximate_running: array = field(default_factory=lambda: array("q"))
    grading_running: dict[int, array] = field(default_factory=dict)  # GRADING_ORDER index -> incidents so graded

    def finish(self) -> None:
        self.running = [array("d", accumulate(values, initial=0.0)) for values in self.harm]
        self.confirmed_running = array("q", accumulate(self.confirmed, initial=0))
        self.approximate_running = array("q", accumulate(self.approximate, initial=0))
        self.grading_running = {k: array("q", accumulate((g == k for g in self.grading), initial=0))
                                for k in set(self.grading)}  # the gradings present (mostly one or two)


class MapPoint(NamedTuple):
    """One circle of the map. A tuple of plain values: a filter change makes thousands, and
    tuples of numbers and strings are dropped from the garbage collector's watch (dataclass
    instances stay in it, and the map's repaints then set off full collections of the whole
    heap, tens of milliseconds each). Make one with `MapPoint.of`."""

    name: str
    lat: float
    lon: float
    incidents: int
    harm: tuple[float, ...]  # best figures summed per HARM_KINDS
    grading: str | None  # the most common grading among them
    confirmed: int
    approximate: int  # incidents placed only to a district, province, vague area or country
    casualties: float  # killed, injured and missing (detentions and displacement are shown, not summed in)
    is_approximate: bool  # most of its incidents are placed at a centroid (UCDP where_prec 3 or more)

    @classmethod
    def of(cls, name: str, lat: float, lon: float, incidents: int, harm: tuple[float, ...], grading: str | None,
           confirmed: int, approximate: int = 0) -> MapPoint:
        return cls(name, lat, lon, incidents, harm, grading, confirmed, approximate, harm[0] + harm[1] + harm[4],
                   2 * approximate > incidents)


class IncidentIndex:
    def __init__(self, rows: Iterable[tuple]) -> None:
        self.places: dict[tuple[float, float], PlaceSeries] = {}
        self.unplaced = 0
        # per day: totals per kind, confirmed and all (the timeline)
        self.day_confirmed: dict[int, list[float]] = {}
        self.day_all: dict[int, list[float]] = {}
        self.count = 0
        for incident_id, day_text, lat, lon, name, state, grading, figures_json, *rest in rows:
            where_prec = rest[0] if rest else None
            try:
                day = date.fromisoformat(day_text[:10]).toordinal()
            except ValueError:
                continue
            figures = json.loads(figures_json) if figures_json else {}
            harm = [_best(figures, k) for k in HARM_KINDS]
            self.count += 1
            confirmed = state == "confirmed"
            for table, on in ((self.day_all, True), (self.day_confirmed, confirmed)):
                if on:
                    totals = table.setdefault(day, [0.0] * len(HARM_KINDS))
                    for k, v in enumerate(harm):
                        totals[k] += v
            if lat is None or lon is None:
                self.unplaced += 1
                continue
            key = (round(lat, 3), round(lon, 3))
            series = self.places.get(key)
            if series is None:
                series = self.places[key] = PlaceSeries(name or "", key[0], key[1])
            series.days.append(day)
            series.ids.append(incident_id)
            series.confirmed.append(confirmed)
            series.approximate.append(isinstance(where_prec, int) and where_prec >= APPROXIMATE)
            series.grading.append(GRADING_ORDER.index(grading) if grading in GRADING_ORDER else 5)
            for k, v in enumerate(harm):
                series.harm[k].append(v)
        for series in self.places.values():
            series.finish()
        self.first_day = min((s.days[0] for s in self.places.values()), default=None)

    @classmethod
    def load(cls, db: Store) -> IncidentIndex:
        return cls(db.conn.execute(SQL))

    # --- the map ------------------------------------------------------------------------------
    def points(self, first: date | None = None, last: date | None = None, ids: set[int] | None = None,
               suggested: bool = True) -> list[MapPoint]:
        """Map points for incidents from `first` to `last` (days, inclusive), only `ids` when
        given, confirmed ones only unless `suggested`."""
        lo = first.toordinal() if first else -1
        hi = last.toordinal() if last else 10**9
        out = []
        kinds = range(len(HARM_KINDS))
        for s in self.places.values():
            a, b = bisect_left(s.days, lo), bisect_right(s.days, hi)
            if a >= b:
                continue
            if ids is None and suggested:  # running totals: a date range costs nothing per incident
                n = b - a
                harm = tuple([r[b] - r[a] for r in s.running])
                votes = [0] * len(GRADING_ORDER)
                for k, r in s.grading_running.items():
                    votes[k] = r[b] - r[a]
                confirmed = s.confirmed_running[b] - s.confirmed_running[a]
                approximate = s.approximate_running[b] - s.approximate_running[a]
            else:
                picked = [j for j in range(a, b) if (ids is None or s.ids[j] in ids) and (suggested or s.confirmed[j])]
                if not picked:
                    continue
                n = len(picked)
                harm = tuple([sum([s.harm[k][j] for j in picked]) for k in kinds])
                votes = [0] * len(GRADING_ORDER)
                for j in picked:
                    votes[s.grading[j]] += 1
                confirmed = sum([s.confirmed[j] for j in picked])
                approximate = sum([s.approximate[j] for j in picked])
            grading = GRADING_ORDER[votes.index(max(votes))]  # the most common (the first of a tie)
            out.append(MapPoint.of(s.name, s.lat, s.lon, n, harm, grading, confirmed, approximate))
        return out

    def ids_at(self, lat: float, lon: float, first: date | None = None, last: date | None = None) -> list[int]:
        s = self.places.get((round(lat, 3), round(lon, 3)))
        if s is None:
            return []
        lo = first.toordinal() if first else -1
        hi = last.toordinal() if last else 10**9
        return list(s.ids[bisect_left(s.days, lo):bisect_right(s.days, hi)])

    # --- the timeline -------------------------------------------------------------------------
    def bins(self, unit: str, first: date | None = None, last: date | None = None, suggested: bool = False,
             ids: set[int] | None = None) -> list[tuple[date, date, tuple[float, ...]]]:
        """(first day, last day, totals per harm kind) per day, week (Monday first) or month."""
        if ids is not None:
            table: dict[int, list[float]] = {}
            wanted = ids
            for series in self.places.values():
                for j, incident_id in enumerate(series.ids):
                    if incident_id in wanted and (suggested or series.confirmed[j]):
                        totals = table.setdefault(series.days[j], [0.0] * len(HARM_KINDS))
                        for k in range(len(HARM_KINDS)):
                            totals[k] += series.harm[k][j]
        else:
            table = self.day_all if suggested else self.day_confirmed
        lo = first.toordinal() if first else -1
        hi = last.toordinal() if last else 10**9
        out: dict[date, list[float]] = {}
        for day, totals in table.items():
            if not lo <= day <= hi:
                continue
            start = period_start(date.fromordinal(day), unit)
            acc = out.setdefault(start, [0.0] * len(HARM_KINDS))
            for k, v in enumerate(totals):
                acc[k] += v
        if out:  # every period between the first and the last, empty ones too: time runs evenly
            start, stop = min(out), max(out)
            while start < stop:
                out.setdefault(start, [0.0] * len(HARM_KINDS))
                start = period_end(start, unit) + timedelta(days=1)
        return [(s, period_end(s, unit), tuple(v)) for s, v in sorted(out.items())]


def period_start(d: date, unit: str) -> date:
    if unit == "day":
        return d
    if unit == "week":
        return d - timedelta(days=d.weekday())
    return d.replace(day=1)


def period_end(start: date, unit: str) -> date:
    if unit == "day":
        return start
    if unit == "week":
        return start + timedelta(days=6)
    nxt = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
    return nxt - timedelta(days=1)


def unit_for(first: date, last: date) -> str:
    """Days for up to two months, weeks for up to two years, months beyond."""
    days = (last - first).days
    return "day" if days <= 62 else "week" if days <= 730 else "month"
