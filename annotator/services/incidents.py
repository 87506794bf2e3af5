"""Incidents use cases shared by `annotator incidents`, the Incidents panel, the map, the
timeline and the exports: suggest, list, and the analyst's review actions (each one undoable
step returning `Changes`).

A re-run of the suggestion keeps every confirmed incident with its members, every figure an
analyst placed (moved, split off, merged, marked or unmarked as aggregate) and every field an
analyst edited; it replaces only what it suggested itself and nobody touched.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from datetime import date, timedelta
from bisect import bisect_left, bisect_right
from itertools import groupby
from operator import itemgetter
from typing import Any

from annotator.services import incident_reading
from annotator.services.changes import Changes, recording
from annotator.services.incident_grouping import Cluster, Grouper, Member, item_units
from annotator.services.incident_model import (
    HARM_KINDS, MOST_NAMED, SENTENCE_END, CasualtyAttrs, Figure, ItemPlaces, LocationAttrs, PlaceTag, aggregate_cue, compass_part, conservative, figure_place,
    figure_span, is_aggregate, is_elsewhere, is_subgroup, joint_places, label, row_label, source_key, summarise,
)
from annotator.store import Store
from annotator.vocabulary import ACCEPTED_STATES, GRADINGS, INCIDENT_STATES
from annotator.store import incidents as store
from annotator.store.db import write_tx
from annotator.store.exports import big_page_cache

ProgressFn = Callable[[int, int], None]


# --- figures from the store ----------------------------------------------------------------------
_KINDS = frozenset(HARM_KINDS)
NO_DATE = date(1970, 1, 1)  # an item imported without a date (flagged for the analyst to set)


def item_context(attribution: str | None, file: str, head: str | None, item_date: str | None) -> tuple[str, date]:
    try:
        reported = date.fromisoformat((item_date or "")[:10])
    except ValueError:
        reported = NO_DATE
    return source_key(attribution, file, head or ""), reported


def figures_by_id(db: Store, annotation_ids: Iterable[int]) -> dict[int, Figure]:
    """These casualty tags as Figures, read as the suggestion reads them."""
    wanted = set(annotation_ids)
    if not wanted:
        return {}
    items = sorted({r[0] for r in db.conn.execute(
        f"SELECT DISTINCT item_id FROM annotations WHERE id IN ({','.join('?' * len(wanted))})", list(wanted))})
    reader = _ItemReader()
    files = store.source_names(db)
    out: dict[int, Figure] = {}
    for item_id in items:
        item, tags = store.item_with_tags(db, item_id)
        if item is None:
            continue
        _id, day, attribution, source_id, body = item
        for f in reader.figures(item_id, day, attribution, files.get(source_id, ""), body or "", tags):
            if f.annotation_id in wanted:
                out[f.annotation_id] = f
    return out


# json.dumps(value, sort_keys=True) makes a new encoder at every call: one kept is the same text
# (a suggestion run encodes a figure set per incident, hundreds of thousands)
_sorted_json = json.JSONEncoder(sort_keys=True).encode


def computed_fields(members: list[Member]) -> dict[str, Any]:
    """The incident's computed columns from its members."""
    s = summarise(members)
    p = s.place or LocationAttrs()
    figures = {k: {"best": v.best, "low": v.low, "high": v.high} for k, v in s.kinds.items()}
    return {"label": label(s), "date_start": s.date_start.isoformat(), "date_end": s.date_end.isoformat(),
            "date_prec": s.date_prec, "place": p.name, "geonameid": p.geonameid, "lat": p.lat, "lon": p.lon,
            "where_prec": s.where_prec, "kind": s.kind, "figures": _sorted_json(figures),
            "fatalities": s.fatalities, "number_of_sources": s.sources, "grading_suggested": s.grading,
            "country": p.country, "admin1": p.admin1}


# --- suggest -------------------------------------------------------------------------------------
@dataclass
class SuggestReport:
    figures: int = 0
    incidents: int = 0  # suggested incidents written this run
    kept: int = 0  # incidents kept for the analyst's sake (confirmed or shaped by hand)
    aggregates: int = 0
    seconds: float = 0.0
    cancelled: bool = False

    def summary(self) -> str:
        if self.cancelled:
            return "incident suggestion cancelled; nothing changed"
        return (f"{self.figures} casualty figures: {self.incidents} incidents suggested, {self.kept} kept "
                f"(confirmed or decided by an analyst), {self.aggregates} aggregates, in {self.seconds:.1f} s")


class Cancelled(Exception):
    pass


CLOSE_AFTER_DAYS = 10  # an incident is closed once the reports read are this many days past its days


class _ItemReader:
    """Figures of one item at a time, from the suggestion's ordered pass: the body's sentence
    ends found once per item, each sentence's cues tested once, and the attributes of location
    and casualty tags parsed once per distinct JSON text (news repeats its places)."""

    # distinct attribute texts kept parsed (cleared when full: memory stays flat). Places repeat
    # (a few thousand towns), casualty attributes rarely do: a small cache is enough for both.
    CACHE = 20_000

    def __init__(self, aggregate_places: bool = True) -> None:
        self.places: dict[tuple[str, str], LocationAttrs] = {}
        self.casualties: dict[str, CasualtyAttrs] = {}
        # False (the suggestion): an aggregate's place is not worked out (it joins no incident;
        # a third of all figures), nor the item's places when all its figures are aggregates
        self.aggregate_places = aggregate_places

    def place(self, text: str, attrs_json: str) -> LocationAttrs:
        key = (attrs_json, text)
        loc = self.places.get(key)
        if loc is None:
            if len(self.places) >= self.CACHE:
                self.places.clear()
            loc = self.places[key] = LocationAttrs.from_dict(json.loads(attrs_json) if attrs_json else {}, text)
        return loc

    def casualty(self, attrs_json: str) -> CasualtyAttrs:
        attrs = self.casualties.get(attrs_json)
        if attrs is None:
            if len(self.casualties) >= self.CACHE:
                self.casualties.clear()
            attrs = self.casualties[attrs_json] = CasualtyAttrs.from_dict(json.loads(attrs_json) if attrs_json else {})
        return attrs

    def figures(self, item_id: int, day: str | None, attribution: str | None, file: str, body: str,
                tags: list[tuple]) -> list[Figure]:
        places: list[PlaceTag] = []
        rows = []
        for _i, kind, ann_id, start, end, text, attrs_json, state in tags:
            if kind == "location":
                places.append((start, end, text, self.place(text, attrs_json)))
            else:
                rows.append((ann_id, start, end, text, attrs_json, state))
        if not rows:
            return []
        places.sort(key=itemgetter(0))
        prepared: ItemPlaces | None = None
        rows.sort(key=itemgetter(1))
        source, reported = item_context(attribution, file, body[:300], day)
        ends = SentenceEnds(body)
        cues: dict[int, tuple[bool, bool, str | None]] = {}
        out = []
        for ann_id, start, end, text, attrs_json, state in rows:
            attrs = self.casualty(attrs_json)
            lo = max(0, start - AROUND)
            s, e = ends.span(start, end, lo, min(len(body), end + AROUND))
            span = figure_span(attrs)
            coded, _ = conservative(attrs, text)
            cue = cues.get(s)
            if cue is None:
                sentence = body[s:e]
                cue = cues[s] = (aggregate_cue(sentence), is_elsewhere(sentence), compass_part(sentence))
            aggregate = cue[0] or is_aggregate(span, "", attrs.kind, coded, text)
            place: LocationAttrs | None = None
            guessed = False
            also: tuple[LocationAttrs, ...] = ()
            if not aggregate or self.aggregate_places:
                if prepared is None:
                    prepared = ItemPlaces(places, body)
                place, note = figure_place(attrs, start, end, prepared, (s, e), trusted=state in ACCEPTED_STATES)
                guessed = note == MOST_NAMED
                if span is None and reported == NO_DATE:
                    place = None
                if place is not None and len(prepared.near_towns) > 1:
                    also = joint_places(body, prepared, place)
            out.append(Figure(
                annotation_id=ann_id, item_id=item_id, text=text, kind=attrs.kind if attrs.kind in _KINDS else "other",
                low=attrs.count_min, high=attrs.count_max, coded=coded, start=span[0] if span else reported,
                end=span[1] if span else reported, dated=span is not None, place=place, source=source,
                perpetrator=attrs.perpetrator, file=file, aggregate=aggregate,
                subgroup=is_subgroup(body[max(lo, s, start - 40):start]), state=state, pos=start,
                elsewhere=cue[1], reported=reported, sentence=s, part=cue[2], also=also,
                guessed=guessed))
        return out


AROUND = 300  # a figure's sentence is looked for this many characters either side of it


class SentenceEnds:
    """The sentence ends of one body, found once; `span` answers as incident_model.sentence_span
    does on the text from `lo` to `hi`."""

    __slots__ = ("body", "starts", "stops")

    def __init__(self, body: str) -> None:
        spans = [m.span() for m in SENTENCE_END.finditer(body)]
        self.body = body
        self.starts = [a for a, _ in spans]
        self.stops = [b for _, b in spans]

    def span(self, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
        starts, stops = self.starts, self.stops
        s = lo
        j = bisect_right(stops, start) - 1  # the last end stopping at or before the figure
        if j >= 0 and starts[j] >= lo:
            s = stops[j]
        k = bisect_left(starts, max(end, s))
        if k < len(starts) and stops[k] <= hi:
            e = starts[k] if self.body[starts[k]] == "\n" else starts[k] + 1
        else:
            e = hi
        return s, max(e, end)


def iter_item_figures(db: Store) -> Generator[list[Figure], None, None]:
    """The casualty figures (not rejected) of each item holding any, item by item in report date
    order (items of a day by source and position), from one ordered pass over the store.
    Aggregates come without a place (nothing groups them)."""
    reader = _ItemReader(aggregate_places=False)
    files = store.source_names(db)
    items = store.iter_suggest_items(db)
    for item_id, tags in groupby(store.iter_suggest_tags(db), itemgetter(0)):
        tag_rows = list(tags)
        if not any(t[1] == "casualty" for t in tag_rows):
            continue
        for row in items:  # the same order: the item comes, items without tags are passed
            if row[0] == item_id:
                break
        else:
            return
        _id, day, attribution, source_id, body = row
        figures = reader.figures(item_id, day, attribution, files.get(source_id, ""), body or "", tag_rows)
        if figures:
            yield figures


def suggest(db: Store, analyst: str | None = None, progress: ProgressFn | None = None,
            should_stop: Callable[[], bool] | None = None, jobs: int | None = None) -> SuggestReport:
    """Group casualty figures into suggested incidents (see incident_grouping), keeping what
    analysts decided. One transaction; on cancel nothing changes.

    `jobs` worker processes read the figures (incident_reading; None: two on a big store, none
    on a small one; 0: this process alone); the grouping and the writes stay in this process.

    Reports are read in date order and an incident is written out once the reading has moved
    CLOSE_AFTER_DAYS past its days, so memory holds a few weeks of figures, whatever the size of
    the store. (A figure whose stated event date lies weeks before its report therefore finds
    only incidents still open; it starts one of its own otherwise.)"""
    started = time.perf_counter()
    report = SuggestReport()
    total = store.count_figures(db) if progress else 0
    kept = store.kept_placings(db)
    confirmed = store.confirmed_ids(db)
    figures = figures_by_id(db, kept)
    kept_members: dict[int, list[Member]] = {}
    for a, (incident_id, role, _decided) in kept.items():
        if incident_id is not None and a in figures:
            kept_members.setdefault(incident_id, []).append((figures[a], role))
    decided_aggregates = sum(1 for i, _r, d in kept.values() if i is None and d)
    edited = _edited_fields(db, set(kept_members))
    if jobs is None:
        jobs = incident_reading.jobs_for(db)
    g = Grouper()
    for incident_id, members in sorted(kept_members.items()):
        g.seed(incident_id, members, incident_id not in confirmed)
    del figures
    reading = incident_reading.iter_item_figures(db, jobs) if jobs > 0 else iter_item_figures(db)
    try:
        # closing(): a cancel or an error ends the reading (and its workers) at once
        with closing(reading), write_tx(db), big_page_cache(db.conn):  # the read cursors and the writes share it
            removed = store.clear_suggestions(db)
            writer = store.SuggestionWriter(db, analyst)
            n, horizon = 0, None
            for item_figures in reading:
                batch = [f for f in item_figures if f.annotation_id not in kept] if kept else item_figures
                n += len(batch)
                for f in batch:
                    if f.aggregate:
                        writer.aggregate(f.annotation_id)
                units = item_units([f for f in batch if not f.aggregate])
                for unit in units:
                    g.add(unit)
                reported = batch[0].reported if batch else None
                if reported is not None and (horizon is None or reported > horizon):
                    horizon = reported
                    for c in g.close_before(reported - timedelta(days=CLOSE_AFTER_DAYS)):
                        _emit(c, writer, confirmed, edited, kept)
                if progress and n // 5000 != (n - len(batch)) // 5000:
                    progress(n, total)
                if should_stop and should_stop():
                    raise Cancelled
            for c in g.clusters:
                _emit(c, writer, confirmed, edited, kept)
            writer.finish(removed)
    except Cancelled:
        report.cancelled = True
        return report
    report.figures = n + len(kept)
    report.incidents, report.kept = writer.created, len(kept_members)
    report.aggregates = writer.aggregates + decided_aggregates
    if progress:
        progress(total, total)
    report.seconds = time.perf_counter() - started
    return report


def _emit(c: Cluster, writer: store.SuggestionWriter, confirmed: set[int], edited: dict[int, set[str]],
          kept: dict) -> None:
    """Write one closed cluster: a new suggested incident, or the new members of a kept one."""
    if not c.members:
        return
    if c.incident_id is None:
        writer.incident(computed_fields(c.members), [(f.annotation_id, role) for f, role in c.members])
        return
    for f, role in c.members:
        if f.annotation_id not in kept:
            writer.join(f.annotation_id, c.incident_id, role)
    if c.incident_id not in confirmed:
        fields = computed_fields(c.members)
        done = edited.get(c.incident_id, set())
        fields = {k: v for k, v in fields.items() if k not in done}
        if done and "label" not in done:  # the label of the fields as edited (an edited best figure)
            row = store.incident_row(writer.db, c.incident_id)
            if row is not None:
                fields["label"] = row_label({**row, **fields})
        writer.update(c.incident_id, fields)


def _edited_fields(db: Store, incident_ids: set[int]) -> dict[int, set[str]]:
    out = {}
    for i in incident_ids:
        row = store.get(db, i)
        if row:
            out[i] = set(row.get("edited") or [])
    return out


# --- listing (the CLI contract) ------------------------------------------------------------------
def _figure_json(m: dict[str, Any]) -> dict[str, Any]:
    return {"annotation_id": m["annotation_id"], "item_id": m["item_id"], "file": m["file"], "text": m["text"],
            "role": m["role"], "kind": (m["attributes"] or {}).get("kind"), "date": m["date"]}


def incident_json(row: dict[str, Any], members: list[dict[str, Any]]) -> dict[str, Any]:
    figures = row.get("figures") or {}
    main = figures.get(row.get("kind") or "", {})
    return {
        "id": row["id"], "state": row["state"], "label": row["label"], "date_start": row["date_start"],
        "date_end": row["date_end"], "date_prec": row["date_prec"], "place": row["place"], "lat": row["lat"],
        "lon": row["lon"], "where_prec": row["where_prec"], "kind": row["kind"], "best": main.get("best"),
        "low": main.get("low"), "high": main.get("high"), "fatalities": row["fatalities"],
        "sources": row["number_of_sources"], "grading": row["grading"] or row["grading_suggested"],
        "grading_set": row["grading"] is not None, "harm": figures,
        "figures": [_figure_json(m) for m in members],
    }


def list_all(db: Store, states: tuple[str, ...] = INCIDENT_STATES) -> dict[str, list]:
    """{"incidents": [...], "aggregates": [...]} as `annotator incidents list --json` prints it."""
    rows = store.list_incidents(db, states)
    by_incident: dict[int, list[dict]] = {}
    for m in store.members(db):
        by_incident.setdefault(m["incident_id"], []).append(m)
    return {"incidents": [incident_json(r, by_incident.get(r["id"], [])) for r in rows],
            "aggregates": [_figure_json(m) for m in store.members(db, aggregates=True)]}


# --- reading for the views ----------------------------------------------------------------------
def incident_rows(db: Store, states: tuple[str, ...] = INCIDENT_STATES, first: str | None = None,
                  last: str | None = None) -> list[dict[str, Any]]:
    """Incidents of these states whose days touch first..last (ISO days; None: open)."""
    return store.list_incidents(db, states, first, last)


def member_rows(db: Store, incident_ids: list[int]) -> list[dict[str, Any]]:
    """The figures of these incidents with their item's date, attribution and file."""
    return store.members(db, incident_ids)


def view_data(path: str | Path, f: Any, want_index: bool, want_ids: bool) -> tuple[Any, list[dict], set[int] | None]:
    """For the map and timeline, read on a connection of the caller's thread: the incident
    index (when wanted), the tagged places the filter shows, and the incident ids it leaves
    (when the filter is more than dates)."""
    from annotator.services.incident_index import IncidentIndex
    from annotator.store.db import open_reader

    db = open_reader(str(path))
    try:
        index = IncidentIndex.load(db) if want_index else None
        return index, store.tagged_places(db, f), store.incident_ids_matching(db, f) if want_ids else None
    finally:
        db.close()


# --- review actions (each one undoable step) ---------------------------------------------------------
def _recompute(db: Store, incident_id: int) -> None:
    """Refresh an incident's computed fields (those no analyst edited) from its members; an
    incident left without members is removed."""
    row = store.incident_row(db, incident_id)
    if row is None:
        return
    ids = store.member_ids(db, incident_id)
    if not ids:
        store.put_incident(db, incident_id, None, analyst=None, action="incident_empty")
        return
    figures = figures_by_id(db, ids)
    roles = {m["annotation_id"]: m["role"] for m in store.members(db, [incident_id])}
    members = [(figures[a], roles.get(a, "same")) for a in ids if a in figures]
    if not members:
        return
    edited = set(json.loads(row["edited"] or "[]"))
    fields = {k: v for k, v in computed_fields(members).items() if k not in edited}
    new = {**row, **fields, "updated": row["updated"]}
    if "label" not in edited and edited:  # computed from the fields as edited, not only the members
        new["label"] = row_label(new)
    store.put_incident(db, incident_id, new, analyst=None, action="incident_recompute")


def _decide_members(db: Store, incident_id: int, analyst: str | None) -> None:
    """The analyst shaped this incident: a re-run keeps its members where they are."""
    for m in store.members(db, [incident_id]):
        if not m["decided"]:
            store.put_figure(db, m["annotation_id"], store.placing_row(m["annotation_id"], incident_id, m["role"], True,
                                                                       analyst), analyst=analyst, action="incident_keep")


def _placing(db: Store, annotation_id: int) -> dict[str, Any]:
    row = store.figure_row(db, annotation_id)
    if row is None:
        kind = db.conn.execute("SELECT kind FROM annotations WHERE id = ?", (annotation_id,)).fetchone()
        if kind is None or kind[0] != "casualty":
            raise ValueError(f"tag {annotation_id} is not a casualty figure")
    return row or {}


def set_state(db: Store, incident_id: int, state: str, *, analyst: str | None) -> Changes:
    """Confirm an incident (state 'confirmed') or send it back to 'suggested'."""
    if state not in INCIDENT_STATES:
        raise ValueError(f"unknown incident state {state!r}")
    with recording(db, f"{'Confirm' if state == 'confirmed' else 'Unconfirm'} incident", None) as rec:
        rec.incident(incident_id)
        row = store.incident_row(db, incident_id)
        if row is None:
            raise KeyError(f"no incident {incident_id}")
        store.put_incident(db, incident_id, {**row, "state": state, "analyst": analyst, "updated": store.now()},
                           analyst=analyst, action="incident_state")
    return rec.changes


def confirm(db: Store, incident_id: int, *, analyst: str | None) -> Changes:
    return set_state(db, incident_id, "confirmed", analyst=analyst)


def edit(db: Store, incident_id: int, changes: dict[str, Any], *, analyst: str | None) -> Changes:
    """Set fields of an incident (grading, dates, place, figures, label...); edited fields are
    kept by every later re-run."""
    bad = set(changes) - set(store.EDITABLE)
    if bad:
        raise ValueError(f"cannot edit {', '.join(sorted(bad))}")
    if "grading" in changes and changes["grading"] is not None and changes["grading"] not in GRADINGS:
        raise ValueError(f"unknown grading {changes['grading']!r}")
    with recording(db, "Edit incident", None) as rec:
        rec.incident(incident_id)
        row = store.incident_row(db, incident_id)
        if row is None:
            raise KeyError(f"no incident {incident_id}")
        values = {k: (json.dumps(v, sort_keys=True) if k == "figures" and not isinstance(v, str) else v)
                  for k, v in changes.items()}
        edited = sorted(set(json.loads(row["edited"] or "[]")) | (set(changes) - {"state"}))
        new = {**row, **values, "edited": json.dumps(edited), "analyst": analyst, "updated": store.now()}
        if "label" not in edited:  # the automatic label follows an edited best figure, place or date
            new["label"] = row_label(new)
        store.put_incident(db, incident_id, new, analyst=analyst, action="incident_edit")
        _decide_members(db, incident_id, analyst)
    return rec.changes


def move_figure(db: Store, annotation_id: int, target: int | None, *, analyst: str | None,
                role: str = "same") -> Changes:
    """Put a casualty figure in incident `target` (None: a new incident of its own); the analyst's
    decision, kept by re-runs."""
    with recording(db, "Move figure", None) as rec:
        old = _placing(db, annotation_id).get("incident_id")
        if old is not None:
            rec.incident(old)
        rec.incident_figure(annotation_id)
        if target is None:
            figure = figures_by_id(db, [annotation_id]).get(annotation_id)
            if figure is None:
                raise ValueError(f"tag {annotation_id} is not a casualty figure")
            target = store.new_incident(db, computed_fields([(figure, "same")]), analyst=analyst)
            rec.created_incident(target)
        else:
            if store.incident_row(db, target) is None:
                raise KeyError(f"no incident {target}")
            rec.incident(target)
            _decide_members(db, target, analyst)
        store.put_figure(db, annotation_id, store.placing_row(annotation_id, target, role, True, analyst),
                         analyst=analyst, action="incident_move")
        for i in {old, target} - {None}:
            _recompute(db, i)  # type: ignore[arg-type]
    return rec.changes


def split(db: Store, incident_id: int, annotation_ids: list[int], *, analyst: str | None) -> Changes:
    """Take these figures out of the incident into a new one; both sides become decided."""
    if not annotation_ids:
        raise ValueError("choose the figures to split off")
    with recording(db, "Split incident", None) as rec:
        rec.incident(incident_id)
        members = {m["annotation_id"]: m for m in store.members(db, [incident_id])}
        if not set(annotation_ids) <= set(members):
            raise ValueError("only figures of this incident can be split off")
        if len(annotation_ids) == len(members):
            raise ValueError("keep at least one figure in the incident")
        figures = figures_by_id(db, annotation_ids)
        new_id = store.new_incident(db, computed_fields([(figures[a], members[a]["role"]) for a in annotation_ids]),
                                    analyst=analyst)
        rec.created_incident(new_id)
        for a, m in members.items():
            target = new_id if a in annotation_ids else incident_id
            store.put_figure(db, a, store.placing_row(a, target, m["role"], True, analyst), analyst=analyst,
                             action="incident_split")
        _recompute(db, incident_id)
        _recompute(db, new_id)
    return rec.changes


def merge(db: Store, incident_ids: list[int], *, analyst: str | None) -> Changes:
    """Merge incidents into the first one; every figure becomes decided there."""
    ids = list(dict.fromkeys(incident_ids))
    if len(ids) < 2:
        raise ValueError("choose two or more incidents to merge")
    with recording(db, "Merge incidents", None) as rec:
        for i in ids:
            rec.incident(i)
            if store.incident_row(db, i) is None:
                raise KeyError(f"no incident {i}")
        keep = ids[0]
        for m in store.members(db, ids):
            store.put_figure(db, m["annotation_id"], store.placing_row(m["annotation_id"], keep, m["role"], True,
                                                                       analyst), analyst=analyst,
                             action="incident_merge")
        for i in ids[1:]:
            store.put_incident(db, i, None, analyst=analyst, action="incident_merge")
        _recompute(db, keep)
    return rec.changes


def set_aggregate(db: Store, annotation_id: int, aggregate: bool, *, analyst: str | None) -> Changes:
    """Mark a figure as an aggregate (out of every incident) or, unmarking, give it an incident of
    its own; kept by re-runs."""
    if not aggregate:
        return move_figure(db, annotation_id, None, analyst=analyst)
    with recording(db, "Mark aggregate", None) as rec:
        old = _placing(db, annotation_id).get("incident_id")
        if old is not None:
            rec.incident(old)
        rec.incident_figure(annotation_id)
        store.put_figure(db, annotation_id, store.placing_row(annotation_id, None, "aggregate", True, analyst),
                         analyst=analyst, action="incident_aggregate")
        if old is not None:
            _recompute(db, old)
    return rec.changes


def incident_ids_for(db: Store, annotation_ids: Iterable[int]) -> dict[int, int]:
    return store.incident_of(db, list(annotation_ids))


def clusters_summary(clusters: list[Cluster]) -> list[list[int]]:
    """Annotation ids per cluster (for measuring)."""
    return [[f.annotation_id for f, _ in c.members] for c in clusters]


# --- exports ---------------------------------------------------------------------------------------
def export_rows(db: Store, f: Any = None) -> Iterator[dict[str, Any]]:
    """Incident CSV rows (export.incidents_csv.incident_row) for the incidents with a figure in an
    item the filter shows (every incident when `f` is None or shows everything)."""
    from annotator.export.events import country_name
    from annotator.export.incidents_csv import incident_row
    from annotator.store.items import ItemFilter

    wanted = None if f is None or f == ItemFilter() else store.incident_ids_matching(db, f)
    rows = [r for r in store.list_incidents(db) if wanted is None or r["id"] in wanted]
    for chunk in range(0, len(rows), 2000):
        part = rows[chunk:chunk + 2000]
        by_incident: dict[int, list[dict]] = {}
        for m in store.members(db, [r["id"] for r in part]):
            by_incident.setdefault(m["incident_id"], []).append(m)
        for r in part:
            members = by_incident.get(r["id"], [])
            sources = sorted({source_key(m["attribution"], m["file"], m.get("head") or "") for m in members})
            yield incident_row(r, members, sources, country_name(r.get("country")), r.get("admin1"))
