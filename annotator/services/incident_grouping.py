"""Which casualty figures tell of the same incident (pure Python; no store).

Rules (issue 18, item 3; published references: ACLED same day and place = one event, UCDP a
place and a duration, cross-sub 1-5 km and 1-2 days):
- within one item, a subgroup ("including 11 children") joins the figure before it, and a figure
  of another harm in the same sentence (injured beside killed) joins that figure's incident;
- across items, figures join when their event dates agree within a day (with no event date, the
  report date stands for it and the two days before), their places are the same (gazetteer
  id or spelling) or lie within NEAR_KM of each other, their harm kinds fit (killed, injured and
  missing together; detentions and displacement each on their own), and no two perpetrators
  named disagree. A figure with no place joins nothing across items: without a place nothing says
  it is the same attack;
- aggregates are never members.
Seeds (incidents the analyst confirmed or shaped) come first: open seeds take new figures,
closed ones (confirmed) are left exactly as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from heapq import heappop, heappush
from itertools import groupby

from annotator.services.incident_model import GOVERNORATE_NAMES, Figure, LocationAttrs, distance_km, in_part, means_governorate

NEAR_KM = 5.0
UNDATED_DAYS_BACK = 2  # no event date: the report may be up to two days late (next-day print)
MAX_SPAN_DAYS = 2  # the event dates members state span at most this many days
# a cluster no report dates spans at most this many days of report windows: reports of three days
# in a row (each window two days back). Without it, undated reports of one place every few days
# chained into one incident of years (25,958 figures on the 100k benchmark store).
UNDATED_SPAN_DAYS = MAX_SPAN_DAYS + UNDATED_DAYS_BACK
_CELL = 0.05  # degrees (~5 km): grid for the near-place lookup
_BUCKET = 4  # days per index bucket: a lookup touches one or two buckets, add() checks the days
FAMILY = {"killed": "harm", "injured": "harm", "missing": "harm", "other": "harm", "detained": "detained",
          "displaced": "displaced"}
Member = tuple[Figure, str]  # figure, role (same, subgroup, other_harm)


@dataclass(slots=True)
class Cluster:
    members: list[Member]
    start: date
    end: date
    family: str
    key: str | None
    incident_id: int | None = None  # the stored incident this cluster continues (seeds)
    open: bool = True
    perpetrators: set[str] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    core: tuple[date, date] | None = None  # the days the dated members state (undated ones only overlap)
    indexed: list[tuple] = field(default_factory=list)  # the Grouper index entries made for it
    seq: int = 0  # creation order in its Grouper
    cells: list[tuple[int, int]] = field(default_factory=list)  # grid cells of its points
    days_indexed: tuple[int, int] | None = None  # the day buckets its keys and cells are indexed for

    def take(self, f: Figure, s: date, e: date) -> None:
        self.start, self.end = min(self.start, s), max(self.end, e)
        if f.dated:
            self.core = (min(self.core[0], f.start), max(self.core[1], f.end)) if self.core else (f.start, f.end)


def _window(f: Figure) -> tuple[date, date]:
    if f.dated:
        return f.start, f.end
    return f.start - timedelta(days=UNDATED_DAYS_BACK), f.end


def _specific(f: Figure) -> bool:
    """Placed at a town, city, village or facility (not a province, region or country)."""
    return f.place is not None and f.place.key() is not None and f.place.where_prec() <= 2


ATTACH_CHARS = 1200  # a figure after a placed one joins it only this close (the same story)


def item_units(figures: list[Figure]) -> list[list[Member]]:
    """The figures of one item grouped: each unit a head figure, its subgroups and the figures of
    another harm told in the same sentence. Then a unit with no place below province level joins
    a unit of the item placed at a town of that province (or anywhere, with no place at all): the
    one just before it (within ATTACH_CHARS, unless its sentence tells "another" event), else the
    first one after it (a headline or lead toll belongs to the attack the report goes on to
    place), when their harms and days fit."""
    units = _told_below(_sentence_units(figures))
    placed = [u for u in units if _specific(u[0][0])]
    towns = [u for u in placed if not _capital(u[0][0])]
    if towns and len(towns) < len(placed):  # "Idlib" beside a town of Idlib: the governorate
        admin = {u[0][0].place.admin1 for u in towns}  # type: ignore[union-attr]
        placed = [u for u in placed if not _capital(u[0][0]) or not means_governorate(
            (u[0][0].place.name or "").casefold(), u[0][0].place.admin1, admin)]  # type: ignore[union-attr]
    if not placed:
        return units
    if len(placed) == len(units):
        return _same_place(units)
    out: list[list[Member]] = []
    for u in units:
        head = u[0][0]
        if any(u is p for p in placed):
            out.append(u)
            continue
        before = [p for p in placed if p[0][0].pos < head.pos]
        after = [p for p in placed if p[0][0].pos > head.pos]
        options = []
        if before and not head.elsewhere and head.pos - before[-1][0][0].pos <= ATTACH_CHARS:
            options.append(before[-1])
        if after and not before:  # (not one the report tells as another event)
            options.append(next((p for p in after if not p[0][0].elsewhere), after[0]))
        target = next((p for p in options if _fits(head, p[0][0])), None)
        if target is None:
            out.append(u)
        else:
            target.extend(u)
    return _same_place(out)


def _told_below(units: list[list[Member]]) -> list[list[Member]]:
    """A figure placed only by the town the item names most (a headline "... Claims 12 Lives")
    joins the first later figure of the same harm and count that has a place of its own: the
    report tells that attack below ("12 deaths" in the north-west), whatever town it names most."""
    if not any(u[0][0].guessed for u in units):
        return units
    out: list[list[Member]] = []
    for i, u in enumerate(units):
        head = u[0][0]
        if head.guessed and head.low is not None:  # a number, not a word ("dozens" is no count to match)
            later = next((v for v in units[i + 1:] if not v[0][0].guessed and v[0][0].place is not None
                          and v[0][0].kind == head.kind and not v[0][0].elsewhere
                          and v[0][0].low == head.low and not v[0][0].aggregate), None)
            if later is not None:
                later.extend(u)  # (the place is taken from the later unit's head)
                continue
        out.append(u)
    return out


def _same_place(units: list[list[Member]]) -> list[list[Member]]:
    """Units of one item at the same place, of the same harm family and fitting days, are one
    attack told twice (a headline toll and the lead's, a first toll and a later one), unless the
    later one is told as another event."""
    out: list[list[Member]] = []
    by_place: dict[tuple[str, str], list[Member]] = {}
    for u in units:
        head = u[0][0]
        key = head.place.key() if head.place is not None and _specific(head) else None
        slot = (key, FAMILY.get(head.kind, "harm")) if key else None
        first = by_place.get(slot) if slot else None
        if first is not None and not head.elsewhere and _fits(head, first[0][0]):
            first.extend(u)
            continue
        out.append(u)
        if slot and slot not in by_place:
            by_place[slot] = u
    return out


def _capital(f: Figure) -> bool:
    return f.place is not None and f.place.feature == "city" and (f.place.name or "").casefold() in GOVERNORATE_NAMES


def _fits(f: Figure, placed: Figure) -> bool:
    if FAMILY.get(f.kind) != FAMILY.get(placed.kind):
        return False
    if f.part is not None and placed.place is not None and not in_part(placed.place, f.part):
        return False  # "killed 10 in the north-west" is not the Damascus attack told before it
    if f.place is not None and f.place.feature in ("province", "city") and f.place.admin1 and placed.place is not None \
            and placed.place.admin1 and f.place.admin1 != placed.place.admin1:
        return False  # a province other than the town's
    s1, e1 = _window(f)
    s2, e2 = _window(placed)
    return s1 <= e2 + timedelta(days=1) and s2 <= e1 + timedelta(days=1)


def _sentence_units(figures: list[Figure]) -> list[list[Member]]:
    units: list[list[Member]] = []
    by_sentence: dict[int, list[Member]] = {}
    for f in sorted(figures, key=lambda x: x.pos):
        if f.subgroup and units:
            units[-1].append((f, "subgroup"))
            continue
        unit = by_sentence.get(f.sentence)
        if unit is not None and unit[0][0].kind != f.kind and FAMILY.get(unit[0][0].kind) == FAMILY.get(f.kind) \
                and not any(m.kind == f.kind for m, _ in unit):
            unit.append((f, "other_harm"))
            continue
        unit = [(f, "same")]
        units.append(unit)
        by_sentence.setdefault(f.sentence, unit)
    return units


class Grouper:
    """Clusters indexed by (place key, day bucket) and (grid cell, day bucket) for every bucket of
    _BUCKET days they span, so a figure meets only the clusters of its place and days (add() then
    checks the days themselves): linear in the number of figures.
    Open clusters are also filed by their last day, so closing the days left behind touches
    only the clusters that end there."""

    def __init__(self) -> None:
        self._open: dict[int, Cluster] = {}  # id(cluster) -> cluster, in creation order
        self._by_key: dict[tuple[str, int], list[Cluster]] = defaultdict(list)
        self._by_cell: dict[tuple[int, int, int], list[Cluster]] = defaultdict(list)
        self._by_end: dict[int, list[Cluster]] = defaultdict(list)  # last day (ordinal) -> clusters
        self._ends: list[int] = []  # heap of the days in _by_end
        self._made = 0

    @property
    def clusters(self) -> list[Cluster]:
        """The clusters not yet taken out by close_before, in creation order."""
        return list(self._open.values())

    def _file(self, c: Cluster) -> None:
        day = c.end.toordinal()
        bucket = self._by_end.get(day)
        if bucket is None:
            bucket = self._by_end[day] = []
            heappush(self._ends, day)
        bucket.append(c)

    def _index(self, c: Cluster, head: Figure | None = None) -> None:
        """Index `c` under its places for every day of its span (`head` adds places). Only what
        is new is added: a new place for every day, a new day for every place, so a cluster
        many reports join costs its final places times days, not that at every join."""
        if not c.open:
            return
        new_keys: list[str] = []
        new_cells: list[tuple[int, int]] = []
        if head is not None and head.place is not None and head.place.specific:
            for p in (head.place, *head.also):
                # the gazetteer id, the spelling, and the governorate of a town (for _in_province)
                province = "a" + p.admin1 if p.admin1 and p.where_prec() <= 2 else None
                for key in (p.key(), p.name_key(), province):
                    if key and key not in c.keys:
                        c.keys.append(key)
                        new_keys.append(key)
                if p.has_point and (p.lat, p.lon) not in c.points:
                    c.points.append((p.lat, p.lon))  # type: ignore[arg-type]
                    cell = (int(p.lat // _CELL), int(p.lon // _CELL))  # type: ignore[operator]
                    if cell not in c.cells:
                        c.cells.append(cell)
                        new_cells.append(cell)
        lo, hi = c.start.toordinal() // _BUCKET, c.end.toordinal() // _BUCKET
        done = c.days_indexed
        if done is None:
            fresh: list[range] = []
        else:
            fresh = [r for r in (range(lo, done[0]), range(done[1] + 1, hi + 1)) if r]
        c.days_indexed = (lo, hi) if done is None else (min(lo, done[0]), max(hi, done[1]))
        every = range(c.days_indexed[0], c.days_indexed[1] + 1)
        by_key, by_cell, entries = self._by_key, self._by_cell, c.indexed
        for key in c.keys:
            for days in ([every] if key in new_keys or done is None else fresh):
                for d in days:
                    entry = (key, d)
                    by_key[entry].append(c)
                    entries.append(entry)
        for ci, cj in c.cells:
            for days in ([every] if (ci, cj) in new_cells or done is None else fresh):
                for d in days:
                    entry3 = (ci, cj, d)
                    by_cell[entry3].append(c)
                    entries.append(entry3)

    def close_before(self, day: date) -> list[Cluster]:
        """Take out the clusters whose days all lie before `day` (reading reports in date order,
        nothing later can join them) and return them, in creation order."""
        limit = day.toordinal()
        done: list[Cluster] = []
        while self._ends and self._ends[0] < limit:
            for c in self._by_end.pop(heappop(self._ends)):
                if id(c) not in self._open:
                    continue  # filed again under a later day, or gone already
                if c.end.toordinal() >= limit:
                    continue  # it grew since: its later filing takes care of it
                done.append(c)
        if not done:
            return []
        done = list({id(c): c for c in done}.values())
        for c in done:
            del self._open[id(c)]
            for entry in c.indexed:
                index = self._by_key if len(entry) == 2 else self._by_cell
                bucket = index.get(entry)
                if bucket is not None:
                    bucket[:] = [x for x in bucket if x is not c]
                    if not bucket:
                        del index[entry]
            c.indexed = []
        done.sort(key=lambda c: c.seq)
        return done

    def _new(self, c: Cluster) -> Cluster:
        c.seq = self._made
        self._made += 1
        self._open[id(c)] = c
        self._file(c)
        return c

    def seed(self, incident_id: int, members: list[Member], open_: bool) -> Cluster:
        heads = [f for f, role in members if role != "subgroup"] or [f for f, _ in members]
        windows = [_window(f) for f in heads]
        c = Cluster(members=list(members), start=min(w[0] for w in windows), end=max(w[1] for w in windows),
                    family=FAMILY.get(heads[0].kind, "harm"), key=None, incident_id=incident_id, open=open_)
        for f, w in zip(heads, windows):
            c.take(f, *w)
        for f in heads:
            if f.perpetrator:
                c.perpetrators.add(f.perpetrator.casefold())
            self._index(c, f)
        return self._new(c)

    def _candidates(self, head: Figure, s: date, e: date, exact: bool = False) -> list[Cluster]:
        """Open clusters at the head's places (or within NEAR_KM of them unless `exact`) whose
        days touch s - 1 .. e + 1."""
        if head.place is None or not head.place.specific:  # a country links nothing
            return []
        found: dict[int, Cluster] = {}
        for p in (head.place, *head.also):
            self._near(p, s, e, found, exact)
        return list(found.values())

    def _near(self, p: LocationAttrs, s: date, e: date, found: dict[int, Cluster], exact: bool) -> None:
        days = range((s.toordinal() - 1) // _BUCKET, (e.toordinal() + 1) // _BUCKET + 1)
        by_key = self._by_key
        for key in {p.key(), p.name_key()}:
            if key is None:
                continue
            for d in days:
                for c in by_key.get((key, d), ()):
                    found[id(c)] = c
        if p.has_point and self._by_cell and not exact:
            ci, cj = int(p.lat // _CELL), int(p.lon // _CELL)  # type: ignore[operator]
            by_cell = self._by_cell
            checked: set[int] = set()
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    for d in days:
                        for c in by_cell.get((ci + di, cj + dj, d), ()):
                            if id(c) in found or id(c) in checked:
                                continue
                            checked.add(id(c))
                            if any(distance_km(p, _Point(lat, lon)) <= NEAR_KM for lat, lon in c.points):  # type: ignore[arg-type]
                                found[id(c)] = c

    def add(self, unit: list[Member]) -> Cluster:
        head = unit[0][0]
        s, e = _window(head)
        family = FAMILY.get(head.kind, "harm")
        best: Cluster | None = None
        one = timedelta(days=1)
        if head.place is not None and head.place.feature == "province" and head.place.admin1:
            best = self._in_province(unit, head.place.admin1, s, e, family)  # before other province-only figures
        for c in self._candidates(head, s, e) if best is None else ():
            if not c.open or c.family != family:
                continue
            lo, hi = c.core or (c.start, c.end)
            if s > hi + one or e < lo - one:
                continue  # not within a day of the days the cluster's reports state
            if head.dated and c.core and (max(e, c.core[1]) - min(s, c.core[0])).days > MAX_SPAN_DAYS:
                continue
            if c.core is None and (max(e, c.end) - min(s, c.start)).days > UNDATED_SPAN_DAYS:
                continue  # no report states a day: its window must not creep with each report that joins
            if head.perpetrator and c.perpetrators and head.perpetrator.casefold() not in c.perpetrators:
                continue
            if head.elsewhere and any(f.item_id == head.item_id for f, _ in c.members):
                continue  # "Similar attacks targeted the town of X": the report tells another attack
            if best is None or abs((lo - s).days) < abs(((best.core or (best.start, best.end))[0] - s).days):
                best = c
        if best is None and not head.dated:
            best = self._late(unit, s, e, family)
        if best is None:
            best = self._new(Cluster(members=[], start=s, end=e, family=family, key=None))
        old_end = best.end
        best.take(head, s, e)
        if best.end > old_end:
            self._file(best)
        best.members.extend(unit)
        if head.perpetrator:
            best.perpetrators.add(head.perpetrator.casefold())
        self._index(best, head)
        return best


    def _in_province(self, unit: list[Member], admin1: str, s: date, e: date, family: str) -> Cluster | None:
        """A report that places its figures only in a province ("a drone attack in Homs
        province"): the one incident of that province in those days, when a figure agrees (of
        the incidents told by the reports read before it: reports are read in date order)."""
        one = timedelta(days=1)
        found: dict[int, Cluster] = {}
        for d in range((s.toordinal() - 1) // _BUCKET, (e.toordinal() + 1) // _BUCKET + 1):
            for c in self._by_key.get(("a" + admin1, d), ()):
                lo, hi = c.core or (c.start, c.end)
                if c.open and c.family == family and s <= hi + one and e >= lo - one:
                    found[id(c)] = c
        if len(found) != 1:
            return None  # none, or several attacks there: nothing says which
        c = next(iter(found.values()))
        return c if _agree(unit, c) else None

    def _late(self, unit: list[Member], s: date, e: date, family: str) -> Cluster | None:
        """A report that names no date, published up to LATE_DAYS after the attack ("a truck bomb
        in Azaz killed around 43 people", a week later): the incident of its very place whose
        reports state a day in that time and whose figures of the same harm agree with its own."""
        head = unit[0][0]
        first = s - timedelta(days=LATE_DAYS)
        best: Cluster | None = None
        for c in self._candidates(head, first, e, exact=True):
            if not c.open or c.family != family or c.core is None or not first <= c.core[1] <= e:
                continue
            if head.perpetrator and c.perpetrators and head.perpetrator.casefold() not in c.perpetrators:
                continue
            if not _agree(unit, c) or (best is not None and best.core[1] >= c.core[1]):  # type: ignore[index]
                continue
            best = c
        return best


LATE_DAYS = 8  # how long after an attack a report naming no date may still tell it


AGREE_MEMBERS = 40  # the cluster's first figures are enough to tell whether a late report's agree


def _agree(unit: list[Member], c: Cluster) -> bool:
    """A figure of the unit and one of the cluster, of the same harm, within half again (plus
    two) of each other."""
    theirs = [(f.kind, f.coded) for f, role in c.members[:AGREE_MEMBERS] if role != "subgroup" and f.coded is not None]
    for f, role in unit:
        if role == "subgroup" or f.coded is None:
            continue
        for kind, value in theirs:
            lo, hi = min(f.coded, value), max(f.coded, value)
            if kind == f.kind and hi <= 1.5 * lo + 2:
                return True
    return False


@dataclass(frozen=True, slots=True)
class _Point:
    lat: float
    lon: float


def group(figures: list[Figure], seeds: Sequence[tuple[int, list[Member], bool]] = ()) -> tuple[list[Cluster], list[Figure]]:
    """Clusters of figures (seeds first, each keeping its incident id) and the aggregates.

    `figures` are the figures still free to place; `seeds` are (incident id, members, open)."""
    g = Grouper()
    for incident_id, members, open_ in seeds:
        g.seed(incident_id, members, open_)
    aggregates = [f for f in figures if f.aggregate]
    free = sorted((f for f in figures if not f.aggregate), key=lambda f: (f.item_id, f.pos))
    units = [u for _, figs in groupby(free, key=lambda f: f.item_id) for u in item_units(list(figs))]
    units.sort(key=lambda u: (_window(u[0][0])[0], u[0][0].item_id, u[0][0].pos))
    for unit in units:
        g.add(unit)
    return [c for c in g.clusters if c.members], aggregates
