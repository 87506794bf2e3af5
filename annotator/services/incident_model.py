"""The incident model: what a casualty figure says, and what an incident made of figures says.

Pure Python, shared by the events export, incident suggestion, the incidents/GeoJSON exports,
the Incidents panel, the map and the timeline. Standards (see docs/ and DESIGN.md):
- ACLED `fatalities`: the most conservative reported figure; tens 10, dozens 12, hundreds 100.
- UCDP GED `best`/`low`/`high`, `date_prec` (1 day, 2 two-six days, 3 week, 4 month, 5 year),
  `where_prec` (1 exact place, 2 within ~25 km, 3 district, 4 province, 5 vague area, 6 country,
  7 water/air).
- Airwars grading: one source weak, two or more fair, disagreeing sources contested.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from typing import Any

from annotator.export.safe_csv import as_number
from annotator.tagging.normalise import normalise
from annotator.vocabulary import CASUALTY_KINDS

# Harms an incident keeps figures for: every casualty kind but "other".
HARM_KINDS = tuple(k for k in CASUALTY_KINDS if k != "other")

VAGUE_WORDS = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 1_000_000}
# "hundreds of thousands" is 100 x 1000: the smallest number the phrase can mean.
_VAGUE = re.compile(r"\b(tens|dozens|hundreds|thousands|millions)(?:\s+of\s+(thousands|millions))?\b", re.IGNORECASE)
FEATURE_PRECISION = {"facility": 1, "village": 1, "town": 1, "city": 1, "region": 2, "river": 2, "province": 3,
                     "country": 3}
# UCDP where_prec from the gazetteer feature of the place a figure names.
WHERE_PREC = {"facility": 1, "village": 1, "town": 1, "city": 1, "region": 5, "province": 4, "country": 6,
              "river": 7}
# A sentence end: [.!?], closing quotes or brackets, then white space; or a line break. Written
# as one character class first (then which one it was) so the regex engine skips ahead to the
# next candidate: a third faster than the alternation `[.!?]["”’')\]]*\s+|\n`, same matches.
SENTENCE_END = _SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"”’')\]]*\s+|(?<=\n))")


# --- typed tag attributes -------------------------------------------------------------------
def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


_SPELLING = re.compile(r"[\s'’`ʿʾ\-]+")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Transliterations agree: Haas / Hass, Maarat al-Numan / Ma'arat al-Nu'man / Maarat al Numan,
    al-Jina / al-Jineh / al Jinneh: the gazetteer's own spelling key (articles, marks, doubled
    letters and vowel spellings folded), so a village no gazetteer has is one place however each
    outlet spells it. Spaces go too ("Kafr Nabl" / "Kafrnabl")."""
    key = normalise(name).replace(" ", "")
    if key:
        return key
    text = _SPELLING.sub("", name.casefold())  # no letters the folding keeps (digits, symbols)
    return re.sub(r"(.)\1+", r"\1", text)


@dataclass(frozen=True, slots=True)
class LocationAttrs:
    """A location tag's attributes (DESIGN.md), typed; odd stored values become None."""

    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    precision: int | None = None
    # worked out once (grouping asks millions of times): specific, key(), name_key()
    _specific: bool = field(init=False, repr=False, compare=False, default=False)
    _key: str | None = field(init=False, repr=False, compare=False, default=None)
    _name_key: str | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        specific = self._is_specific()
        name = f"n{name_key(self.name)}" if specific and self.name else None
        key = (f"g{self.geonameid}" if self.geonameid is not None else name) if specific else None
        object.__setattr__(self, "_specific", specific)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "_name_key", name)

    @classmethod
    def from_dict(cls, attrs: Any, text: str | None = None) -> LocationAttrs:
        a = attrs if isinstance(attrs, dict) else {}
        gid, lat, lon, prec = (as_number(a.get(k)) for k in ("geonameid", "lat", "lon", "precision"))
        return cls(name=_text(a.get("name")) or _text(text), geonameid=int(gid) if gid is not None else None,
                   lat=float(lat) if lat is not None else None, lon=float(lon) if lon is not None else None,
                   country=_text(a.get("country")), admin1=_text(a.get("admin1")),
                   feature=(_text(a.get("feature")) or "").lower() or None,
                   precision=int(prec) if prec is not None else None)

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def specific(self) -> bool:
        """Below country level: a place an incident can be linked by (a country never is, nor a
        bare "market" or "hospital" the gazetteer could not place)."""
        return self._specific

    def _is_specific(self) -> bool:
        if self.feature == "country":
            return False
        if self._named_area():
            return True
        if self.feature in ("facility", "region", "river") and not self.has_point and self.geonameid is None:
            return False
        return bool(self.name or self.has_point)

    def _named_area(self) -> bool:
        """"the Rashidin area", "the al-Rashedin area": the area around a place no gazetteer has
        (a region the tagger named by its noun, precision 2): as good as "near" that place."""
        name = self.name or ""
        return (self.feature == "region" and self.precision == 2 and self.geonameid is None and not self.has_point
                and (name[:1].isupper() or name[:3] in ("al-", "el-")))

    def key(self) -> str | None:
        """What makes two mentions the same place: the gazetteer id, else the name."""
        return self._key

    def name_key(self) -> str | None:
        return self._name_key

    def geo_precision(self) -> int | None:
        """ACLED geo_precision (1 town, 2 near / region, 3 province)."""
        return self.precision if self.precision is not None else FEATURE_PRECISION.get(self.feature or "")

    def where_prec(self) -> int:
        """UCDP where_prec; a named place of unknown feature counts as a town (1) when it has a
        point, else a vague area (5)."""
        if self.feature in WHERE_PREC:
            return 2 if self._named_area() else WHERE_PREC[self.feature]
        return 1 if self.has_point else 5


@dataclass(frozen=True, slots=True)
class CasualtyAttrs:
    count_min: int | float | None = None
    count_max: int | float | None = None
    qualifier: str | None = None
    approximate: bool = False
    kind: str | None = None
    victims: str | None = None
    event_date: str | None = None
    event_date_start: str | None = None
    event_date_end: str | None = None
    location: Any = None  # a place name, or a dict with location attributes
    perpetrator: str | None = None

    @classmethod
    def from_dict(cls, attrs: Any) -> CasualtyAttrs:
        a = attrs if isinstance(attrs, dict) else {}
        return cls(count_min=as_number(a.get("count_min")), count_max=as_number(a.get("count_max")),
                   qualifier=_text(a.get("qualifier")), approximate=bool(a.get("approximate")),
                   kind=_text(a.get("kind")), victims=_text(a.get("victims")),
                   event_date=_text(a.get("event_date")), event_date_start=_text(a.get("event_date_start")),
                   event_date_end=_text(a.get("event_date_end")),
                   location=a.get("location") if isinstance(a.get("location"), dict) else _text(a.get("location")),
                   perpetrator=_text(a.get("perpetrator")))


# --- one figure ---------------------------------------------------------------------------------
def conservative(attrs: dict[str, Any] | CasualtyAttrs, text: str) -> tuple[int | float | None, str | None]:
    """The most conservative figure of a casualty tag, and a note when coding needed judgement."""
    a = attrs if isinstance(attrs, CasualtyAttrs) else CasualtyAttrs.from_dict(attrs)
    low, high, qualifier = a.count_min, a.count_max, a.qualifier
    if low is not None:
        if high is not None and high > low:
            return low, f"range {low:g}-{high:g} reported; lowest figure coded"
        if qualifier in ("at_least", "more_than"):
            return low, f"{qualifier.replace('_', ' ')} {low:g} reported; lower bound coded"
        if qualifier == "about" or a.approximate:
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


def parse_when(value: Any) -> tuple[date, date, int] | None:
    """(first day, last day, ACLED time precision) of 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'."""
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


def figure_span(attrs: dict[str, Any] | CasualtyAttrs) -> tuple[date, date] | None:
    """The event's first and last day as the figure's attributes state them, or None."""
    a = attrs if isinstance(attrs, CasualtyAttrs) else CasualtyAttrs.from_dict(attrs)
    single = parse_when(a.event_date)
    if single:
        return single[0], single[1]
    first, last = parse_when(a.event_date_start), parse_when(a.event_date_end)
    if not (first or last):
        return None
    start, end = (first or last)[0], (last or first)[1]  # type: ignore[index]
    return (end, start) if end < start else (start, end)


def event_dates(attrs: dict[str, Any], item_date: str, notes: list[str]) -> tuple[str, str, str, int]:
    """event_date, date_start, date_end, ACLED time_precision (1 day, 2 up to a week, 3 longer)."""
    single = parse_when(attrs.get("event_date"))
    span = figure_span(attrs)
    if span is None:
        for key in ("event_date", "event_date_start", "event_date_end"):
            if attrs.get(key) not in (None, ""):
                notes.append(f"event date {attrs[key]!r} not understood")
        notes.append("event date not stated; report date used")
        return item_date, item_date, item_date, 2
    start, end = span
    if single:
        precision = single[2]
    else:
        days = (end - start).days
        precision = 1 if days == 0 else 2 if days <= 7 else 3
    return start.isoformat(), start.isoformat(), end.isoformat(), precision


def date_prec(start: date, end: date) -> int:
    """UCDP date_prec of a span: 1 day, 2 two to six days, 3 a week, 4 a month, 5 longer."""
    days = (end - start).days + 1
    return 1 if days <= 1 else 2 if days <= 6 else 3 if days <= 7 else 4 if days <= 31 else 5


def sentence_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) holding body[start:end]."""
    left = max(0, start - 1000)
    s = left
    for m in _SENTENCE_END.finditer(body, left, start):
        s = m.end()
    after = _SENTENCE_END.search(body, max(end, s), min(len(body), end + 1000))
    e = after.start() + 1 if after and after.group(0)[0] != "\n" else (after.start() if after else len(body))
    return s, max(e, end)


MOST_NAMED = "location: the town the item names most"
NEAR_CHARS = 300  # how far before a figure a place named in an earlier sentence may stand
LATER_CHARS = 1000  # how far after a figure placed only by a part of the country its town may be named
PlaceTag = tuple[int, int, str, Any]  # start, end, text, attributes of a location tag


def _governorate_names() -> frozenset[str]:
    import json

    from annotator.paths import resource

    try:
        names = json.loads(resource("gazetteer", "syria.json").read_text(encoding="utf-8")).get("admin1", {}).values()
    except (OSError, ValueError):
        return frozenset()
    return frozenset(n.casefold() for n in names) | {"deir ez-zor", "deir el-zour", "damascus"}


# "Idlib", "Aleppo", "Hama": a city and its governorate share the name; news often means the
# governorate. Such a city counts as the governorate when the same report names a town in it.
GOVERNORATE_NAMES = _governorate_names()
# Damascus governorate is the city itself: "Damascus" beside a town of unknown governorate is the city
CITY_GOVERNORATES = frozenset({"damascus"})


def means_governorate(name: str, admin1: str | None, admin: set[str | None]) -> bool:
    """A governorate capital's name (casefolded) beside towns of governorates `admin` stands for
    its governorate: one of them lies in it, or one's governorate is unknown."""
    return name in GOVERNORATE_NAMES and (admin1 in admin or (None in admin and name not in CITY_GOVERNORATES))


def is_dateline(text: str) -> bool:
    """'BEIRUT', 'AMMAN', 'IDLIB': a dateline says where a story was filed, not where it happened."""
    return len(text) > 2 and text.isupper()


# Words just before a place that make it somewhere else than the attack: "a commander based in
# the nearby city of X", "treated at a hospital in the Turkish town of X", "taken to X".
_NOT_THE_SCENE = re.compile(r"\b(?:based|headquartered|treated|transferred|taken to|rushed to|evacuated to|"
                            r"hospitali[sz]ed)\b[^.;!?\n]{0,60}$", re.IGNORECASE)

_SCENE_WORD = re.compile(r"based|headquartered|treated|transferred|taken to|rushed to|evacuated to|hospitali[sz]ed",
                         re.IGNORECASE)  # any of them at all (most bodies have none)
_SCENE_WORDS = ("based", "headquartered", "treated", "transferred", "taken to", "rushed to", "evacuated to",
                "hospitalised", "hospitalized")
# The only characters that IGNORECASE matches to an ASCII letter or that lower() turns into one
# (İ ı ſ K): a body without them is searched lowered, by plain substring tests.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def names_scene_word(body: str) -> bool:
    """_SCENE_WORD.search(body) is not None, twenty times faster: the case-insensitive regex
    alternation costs about 0.4 ms on a 2,000-character body, substring tests of the lowered body
    20 µs (a suggestion run asks once per item)."""
    if body.isascii() or not any(c in body for c in _FOLDS_TO_ASCII):
        low = body.lower()
        return any(w in low for w in _SCENE_WORDS)
    return _SCENE_WORD.search(body) is not None

# "the village of al-Jina, southwest of Atarib": Atarib only says where al-Jina lies
_LOCATES = re.compile(r",?\s*(?:(?:about |some |just )?(?:over )?\d+\s*(?:km|kilometers|kilometres|miles)\s*(?:\(\d+ miles\)\s*)?)?"
                      r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+(?:city|town|village)\s+of\s+)?"
                      r"|\s+near\s+(?:the\s+(?:city|town)\s+of\s+)?", re.IGNORECASE)
# "shortly before the Damascus bombing", "since the Homs attack": a place naming another event
_EVENT_NOUN = re.compile(r"\s+(?:(?:bus|car|truck|suicide|twin|bomb|court|market)\s+)?"
                         r"(?:bombings?|blasts?|attacks?|explosions?|massacre|strikes?|shelling)\b", re.IGNORECASE)
_EVENT_BEFORE = re.compile(r"\b(?:before|after|since|than|following|like|as in)\s+the\s+$", re.IGNORECASE)


def _event_reference(body: str, start: int, end: int) -> bool:
    """The place names another event told by its place ("an hour after the Damascus bus blast")."""
    if body[start - 4:start].lower() != "the ":  # (most places are not right after "the ": no regex)
        return False
    return _EVENT_NOUN.match(body, end) is not None and _EVENT_BEFORE.search(body, max(0, start - 30), start) is not None


_ORIGIN_AFTER = re.compile(r"(?:\s+and\s+[A-Z][\w'’-]+)?\s+(?:residents|evacuees|buses)\b")
_ORIGIN_BEFORE = re.compile(r"\b(?:(?:evacuated|evacuees|evacuating|residents)\s+(?:\w+\s+){0,2}from|buses\s+of)\s+(?:the\s+)?"
                            r"(?:[\w-]+\s+){0,3}?(?:(?:towns?|villages?|cities)\s+of\s+)?(?:[A-Z][\w'’-]+\s+and\s+)?$")


def _names_origin(body: str) -> bool:
    """Whether the body has any word _origin looks for (most have none: no regex then)."""
    low = body.lower()
    return "evacu" in low or "resident" in low or "buses" in low


def _origin(body: str, start: int, end: int) -> bool:
    """The place the people of the figure came from, not where they were hit."""
    return _ORIGIN_AFTER.match(body, end) is not None or _ORIGIN_BEFORE.search(body, max(0, start - 80), start) is not None


# "in the opposition-held north-west", "northwestern Syria": the part of Syria a sentence names,
# and a box around it (lat, lon) a place there lies in
_COMPASS = re.compile(r"\b(north|south)[\s-]?(east|west)(?:ern)?\b(?!\s+of\b)"
                      r"|\b(north|south|east|west)ern\s+syria\b", re.IGNORECASE)
_PARTS = {"northwest": (34.8, 90.0, 0.0, 38.0), "northeast": (35.0, 90.0, 38.3, 90.0),
          "southwest": (0.0, 34.2, 0.0, 37.2), "southeast": (0.0, 34.6, 37.5, 90.0),
          "north": (35.6, 90.0, 0.0, 90.0), "south": (0.0, 33.9, 0.0, 90.0),
          "east": (0.0, 90.0, 38.6, 90.0), "west": (0.0, 90.0, 0.0, 36.9)}


def compass_part(sentence: str) -> str | None:
    """The part of the country a sentence places its event in ("north-western Syria"), if one."""
    low = sentence.lower()
    if "north" not in low and "south" not in low and "ern syria" not in low:
        return None  # (most sentences name no part: substring tests, no regex)
    m = _COMPASS.search(sentence)
    if m is None:
        return None
    return (m.group(1) + m.group(2)).lower() if m.group(1) else m.group(3).lower()


def in_part(place: LocationAttrs, part: str | None) -> bool:
    """Whether a place may lie in that part of the country (no point, no part: it may)."""
    if part is None or not place.has_point:
        return True
    lat0, lat1, lon0, lon1 = _PARTS[part]
    return lat0 <= place.lat <= lat1 and lon0 <= place.lon <= lon1  # type: ignore[operator]


# Syria and its neighbours (ISO2); None: a place the gazetteer gave no country
REGION = frozenset({None, "SY", "LB", "IQ", "TR", "JO", "IL", "PS"})


class ItemPlaces:
    """An item's location tags prepared once for figure_place: typed, datelines set aside, the
    specific places and the towns among them listed, the town the item names most found once.
    Each place is (start, end, text, attributes, casefolded name, casefolded text)."""

    __slots__ = ("dateline_names", "places", "specific", "towns", "near_towns", "_most", "body", "refs")

    def __init__(self, places: list[PlaceTag], body: str | None = None) -> None:
        typed = [(p[0], p[1], p[2], _loc(p)) for p in places]
        self.body = body
        self.refs: frozenset[int] = frozenset()  # starts of places named only to locate another
        if body is not None and typed and names_scene_word(body):
            # where a source is based, where the wounded are treated: not the attack's place
            typed = [p for p in typed if not _NOT_THE_SCENE.search(body, max(0, p[0] - 70), p[0])]
        if body is not None and typed:
            # "an hour after the Damascus bus blast": another event, named by its place; "buses
            # with Fua and Kefraya residents", "evacuated from Foua": where the people came from
            origins = _names_origin(body)
            typed = [p for p in typed if not _event_reference(body, p[0], p[1]) and not (origins and _origin(body, p[0], p[1]))]
            self.refs = frozenset(b[0] for a, b in zip(typed, typed[1:])
                                  if b[0] - a[1] < 60 and _LOCATES.fullmatch(body, a[1], b[0]))
        self.dateline_names = {n for p in typed if is_dateline(p[2]) for n in (p[2].casefold(), (p[3].name or "").casefold())}
        self.places = [(s, e, t, a, (a.name or "").casefold(), t.casefold()) for s, e, t, a in typed if not is_dateline(t)]
        self.specific = [p for p in self.places if p[3].specific]
        self.towns = [p for p in self.specific if p[3].where_prec() <= 2]
        # a place is inferred from around the figure only in the region: "Moscow said..." never
        # places a figure the sentence leaves without a place
        self.near_towns = [p for p in self.towns if p[3].country in REGION]
        self._most: Any = False

    def most_named(self) -> tuple[LocationAttrs, str] | None:
        """The town, city or village the item names most often (provinces and countries aside;
        governorate capitals, which news uses for the governorate, only when nothing else)."""
        if self._most is False:
            counts: dict[str | None, int] = {}
            first: dict[str | None, tuple] = {}
            # a governorate capital beside a town of its own governorate (or of one unknown)
            # means the governorate; a capital elsewhere ("Damascus" beside "Ariha") is a city,
            # though on a tie the town wins. A place that only locates another is not counted.
            towns = [p for p in self.near_towns if p[0] not in self.refs]
            admin = {p[3].admin1 for p in towns if p[4] not in GOVERNORATE_NAMES}
            plain = [p for p in towns if not means_governorate(p[4], p[3].admin1, admin)]
            for p in plain or towns:  # "Idlib" beside "Haas": the governorate, so Haas
                k = p[3].key()
                counts[k] = counts.get(k, 0) + 1
                first.setdefault(k, p)
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]][4] in GOVERNORATE_NAMES))
            self._most = None
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]
                           or (first[ranked[0][0]][4] not in GOVERNORATE_NAMES and first[ranked[1][0]][4] in GOVERNORATE_NAMES)):
                self._most = (first[ranked[0][0]][3], MOST_NAMED)
        return self._most


def figure_place(attrs: CasualtyAttrs, start: int, end: int, places: list[PlaceTag] | ItemPlaces,
                 sentence: tuple[int, int], trusted: bool = True) -> tuple[LocationAttrs | None, str | None]:
    """The place a figure is about, and a note when it was inferred.

    The `location` attribute wins when an analyst set or accepted it (`trusted`); a tagger's
    guess (a suggestion) only when no town is named in the figure's own sentence. Then: the
    nearest town in the same sentence, the nearest place named before it within NEAR_CHARS, the
    town the item names most. A dateline (BEIRUT, AMMAN) is never the place; nor, when a Syrian
    town is named, a country."""
    wanted = attrs.location
    if isinstance(wanted, dict):
        return LocationAttrs.from_dict(wanted), None
    prepared = places if isinstance(places, ItemPlaces) else ItemPlaces(places)
    named: list[tuple] = []
    void = False
    # "killed 10 in the opposition-held north-west": no place in another part of the country
    part = compass_part(prepared.body[sentence[0]:sentence[1]]) if prepared.body is not None else None
    inside = [p for p in prepared.specific if p[0] >= sentence[0] and p[1] <= sentence[1] and in_part(p[3], part)]
    home = [p for p in inside if p[3].country in (None, "SY")]
    inside = home or inside  # "fighters loyal to Ankara ... in the city of Afrin": Afrin
    if isinstance(wanted, str):
        key = wanted.casefold()
        named = [p for p in prepared.places if key in (p[4], p[5])]
        # a tagger's guess stands unless the sentence names a better place: another town when
        # the guess only locates it ("al-Jina, southwest of Atarib"), or one in the part of the
        # country the sentence names
        free = [p for p in inside if p[0] not in prepared.refs]
        # nor a guess named outside the sentence when a town stands just before it
        near = not inside and any(p[0] >= sentence[0] and p[1] <= sentence[1] for p in named) or not _earlier(
            prepared, start, part)
        # nor a guess read from a mention of its sentence set aside above (where the people came
        # from, another event named by its place): its other mentions say nothing of this figure
        void = (not trusted and prepared.body is not None and wanted in prepared.body[sentence[0]:sentence[1]]
                and not any(p[0] >= sentence[0] and p[1] <= sentence[1] for p in named))
        if named and named[0][3].specific and not void and (trusted or (
                in_part(named[0][3], part) and ((not inside and near) or named[0] in free or (named[0] in inside and not free)))):
            return named[0][3], None
        if not named and not void and key not in prepared.dateline_names and (trusted or not inside):
            return LocationAttrs(name=wanted), None
        # a country, a dateline or a guess the sentence contradicts: look in the text as below
    towns_inside = [p for p in inside if p[3].where_prec() <= 2]
    if towns_inside:
        # "al-Jina, southwest of Atarib": al-Jina, however near the figure Atarib stands
        towns_inside = [p for p in towns_inside if p[0] not in prepared.refs] or towns_inside
        # "al-Jina ... near Aleppo": the governorate capital beside a town of its governorate
        admin = {p[3].admin1 for p in towns_inside if p[4] not in GOVERNORATE_NAMES}
        towns_inside = [p for p in towns_inside if not means_governorate(p[4], p[3].admin1, admin)] or towns_inside
        p = min(towns_inside, key=lambda x: min(abs(x[0] - end), abs(start - x[1])))
        return p[3], "location taken from the same sentence"
    earlier = _earlier(prepared, start, part)
    if earlier:  # the nearest town named before the figure within NEAR_CHARS
        return max(earlier, key=lambda x: x[1])[3], "location taken from an earlier sentence"
    if part is not None:  # "shelled a town in northwestern Syria ... The attack on the town of Ariha"
        later = [p for p in prepared.near_towns if p[0] >= end and p[0] - end <= LATER_CHARS and p[3].has_point
                 and in_part(p[3], part)]
        if later:
            return later[0][3], "location taken from a later sentence (the part of the country agrees)"
    found = prepared.most_named()
    if found is not None and in_part(found[0], part):
        return found
    if inside:  # only a province in the sentence, and no town around: the province
        p = min(inside, key=lambda x: min(abs(x[0] - end), abs(start - x[1])))
        return p[3], "location taken from the same sentence"
    if not prepared.near_towns and not isinstance(wanted, str):
        # a report naming no town at all ("a drone attack ... in Homs province"): the Syrian
        # province named last before the figure
        before = [p for p in prepared.specific if p[1] <= start and p[3].feature == "province" and p[3].country in (None, "SY")]
        if before:
            return before[-1][3], "location: the province the report names before it"
    if isinstance(wanted, str) and named and not void:
        return named[0][3], None
    return None, None


def _earlier(prepared: ItemPlaces, start: int, part: str | None) -> list[tuple]:
    """Towns named before `start` within NEAR_CHARS (in the part of the country, not mere locators)."""
    return [p for p in prepared.near_towns if p[1] <= start and start - p[1] <= NEAR_CHARS and in_part(p[3], part)
            and p[0] not in prepared.refs]


# Between two towns of one list: "Jableh and Tartous", "Jableh (Latakia Governorate) and
# Tartous", "Douma, Harasta and Arbin".
_JOINED = re.compile(r"(?:\s|,|&|\band\b|\bas well as\b|\bthe (?:cities|towns|villages) of\b|\([^()]{0,40}\))*")
_CONNECTOR = re.compile(r",|&|\band\b|\bas well as\b")
_AND = re.compile(r"&|\band\b|\bas well as\b")


def joint_places(body: str, places: ItemPlaces, place: LocationAttrs | None) -> tuple[LocationAttrs, ...]:
    """The other towns named in one list with `place` ("bombings in Jableh and Tartous"): an
    attack on several places, which reports of either place tell. A governorate capital joins
    only by "and" ("Azaz, Aleppo" names the province after the town)."""
    if place is None or not place.specific:
        return ()
    towns = places.near_towns
    chained: set[int] = set()
    for i, p in enumerate(towns):
        if p[3] is not place or i in chained:
            continue
        chained.add(i)
        for step in (-1, 1):
            j = i
            while 0 <= j + step < len(towns):
                a, b = (towns[j + step], towns[j]) if step < 0 else (towns[j], towns[j + step])
                gap = body[a[1]:b[0]]
                if len(gap) > 40 or not _JOINED.fullmatch(gap) or not _CONNECTOR.search(gap):
                    break
                if (a[4] in GOVERNORATE_NAMES or b[4] in GOVERNORATE_NAMES) and not _AND.search(gap):
                    break  # "Azaz, Aleppo": the province named after the town
                j += step
                chained.add(j)
    keys = {place.key()}
    out = []
    for i in sorted(chained):
        other = towns[i][3]
        if other.key() not in keys:
            keys.add(other.key())
            out.append(other)
    return tuple(out)


def _loc(p: PlaceTag) -> LocationAttrs:
    """A place tag's attributes, typed (the suggestion passes them typed already)."""
    return p[3] if isinstance(p[3], LocationAttrs) else LocationAttrs.from_dict(p[3], p[2])


# --- aggregates and subgroups ---------------------------------------------------------------------
# A figure is an aggregate (a tally over months, years or many places) when its own span is longer
# than a week or its sentence counts over a long period. Never merged into an incident.
_AGGREGATE = re.compile(
    r"\b(since (?:the (?:start|beginning|outbreak)|(?:march )?20\d\d|19\d\d|the revolution|the uprising|the war)"
    r"|in recent (?:weeks|months|years)|over the (?:past|last) (?:\w+ )?(?:weeks?|months?|years?)\b"
    r"|(?:this|last|past) (?:month|year)|during (?:the month of )?(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)|(?:monthly|annual|yearly|weekly) (?:toll|tally|report|death toll)"
    r"|since\b[^.;]{0,40}\b(?:19|20)\d\d|years of (?:civil )?(?:war|conflict|fighting)|(?:war|conflict) (?:that|which) has (?:killed|left)"
    r"|so far this|death toll (?:of|for) the (?:month|year|war)|in (?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)(?: 20\d\d)?\b(?! \d)|total(?:led)? of|in total|documented the "
    r"(?:killing|death)s? of"
    # a rate, a running toll, a campaign's count: "every day", "have already claimed", "to date"
    r"|(?:every|each|per) (?:single )?(?:day|week|month)\b|daily (?:toll|average|rate)|on a daily basis"
    r"|(?:running|cumulative|overall) (?:death )?(?:toll|total|tally)|\bto date\b"
    r"|(?:has|have|had) already (?:claimed|killed|left|caused|taken)"
    r"|(?:intervention|campaign)\b[^.;]{0,60}\b(?:has|have) (?:killed|claimed|left)"
    r"|since (?:early |late |mid-?)?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b)",
    re.IGNORECASE)
_SUBGROUP = re.compile(r"\b(including|among them|among whom|of whom|of them|amongst them"
                       r"|among(?:st)? the (?:dead|killed|victims|wounded|injured)(?: (?:were|was|are|is))?)\W*$",
                       re.IGNORECASE)


# No single attack in this war killed or wounded this many (the largest, Ghouta 2013, about 1,500):
# a count this size is a tally. Displacement and detention run larger within one event.
TALLY_AT = {"killed": 3000, "injured": 3000, "missing": 3000, "detained": 20000, "displaced": 500000}


_THOUSANDS = re.compile(r"\b(?:thousands|millions)\b", re.IGNORECASE)


def is_aggregate(span: tuple[date, date] | None, sentence: str, kind: str | None = None,
                 count: float | None = None, text: str = "") -> bool:
    """A tally rather than one event's figure: a span over a week, a count no single attack
    reached (or "thousands" killed or wounded), or a sentence that counts over time."""
    if span is not None and (span[1] - span[0]).days > 7:
        return True
    if count is not None and count >= TALLY_AT.get(kind or "", 3000):
        return True
    if kind in ("killed", "injured", "missing") and _THOUSANDS.search(text):
        return True
    return aggregate_cue(sentence)


# The cue patterns are lower case: matching the lowered sentence case-sensitively is three
# times faster than IGNORECASE (a suggestion run tests millions of sentences).
_AGGREGATE_LOWER = re.compile(_AGGREGATE.pattern)


def aggregate_cue(sentence: str) -> bool:
    """The sentence counts over a long period or many places ("since 2011", "monthly toll")."""
    return _AGGREGATE_LOWER.search(sentence.lower()) is not None


_ELSEWHERE = re.compile(r"\b(another|elsewhere|other parts|other areas|several areas|separately|meanwhile|"
                        r"in a separate|(?:a )?similar (?:attacks?|strikes?|air ?strikes?|raids?|shelling|bombing))\b",
                        re.IGNORECASE)


_ELSEWHERE_LOWER = re.compile(_ELSEWHERE.pattern)


def is_elsewhere(sentence: str) -> bool:
    """A sentence that tells another event than the one before it."""
    return _ELSEWHERE_LOWER.search(sentence.lower()) is not None


def is_subgroup(before: str) -> bool:
    """True when the words just before a figure ("..., including") make it part of a larger one."""
    return bool(_SUBGROUP.search(before[-40:]))


# --- independent sources --------------------------------------------------------------------------
_WIRE = re.compile(r"\((AFP|Reuters|AP|Anadolu|DPA|Xinhua|SANA|ANHA|Hawar)\)|\b(AFP|Reuters|Associated Press|"
                   r"Anadolu Agency|SANA|Agence France-Presse)\b")
_WIRE_NAMES = {"associated press": "ap", "agence france-presse": "afp", "anadolu agency": "anadolu"}


def source_key(attribution: str | None, outlet: str | None, head: str = "") -> str:
    """What makes a report independent: the wire agency named in its dateline (two hosts of
    one AFP story count once), else its attribution, else its outlet (file)."""
    m = _WIRE.search(head[:300])
    if m:
        word = (m.group(1) or m.group(2)).lower()
        return "wire:" + _WIRE_NAMES.get(word, word)
    if attribution and attribution.strip():
        return "by:" + " ".join(attribution.casefold().split())
    return "outlet:" + (outlet or "").casefold()


# --- incidents ----------------------------------------------------------------------------------
@dataclass(slots=True)
class Figure:
    """A casualty figure as incident logic sees it (one casualty tag)."""

    annotation_id: int
    item_id: int
    text: str
    kind: str  # harm kind ("other" when none recorded)
    low: float | None
    high: float | None
    coded: float | None  # ACLED's conservative figure
    start: date
    end: date
    dated: bool  # event date stated (else report date)
    place: LocationAttrs | None
    source: str
    perpetrator: str | None = None
    file: str = ""
    aggregate: bool = False
    subgroup: bool = False
    state: str = "suggested"
    elsewhere: bool = False  # "another", "elsewhere", "in other parts": told as a separate event
    reported: date | None = None  # the report's (item's) date
    pos: int = 0  # offset in its item's body
    sentence: int = 0  # offset of its sentence in the body (figures of one sentence share it)
    also: tuple[LocationAttrs, ...] = ()  # other places of a several-place attack (joint_places)
    part: str | None = None  # the part of the country its sentence names ("north-west"), if any
    guessed: bool = False  # placed only as the town the item names most (no town near it)


@dataclass(slots=True)
class KindFigures:
    best: float | None
    low: float | None
    high: float | None


@dataclass(slots=True)
class Summary:
    """What an incident's members say together."""

    date_start: date
    date_end: date
    date_prec: int
    place: LocationAttrs | None
    where_prec: int
    kinds: dict[str, KindFigures] = field(default_factory=dict)
    fatalities: float | None = None
    sources: int = 0
    grading: str = "weak"
    disagree: bool = False

    @property
    def kind(self) -> str:
        """The main harm: killed when anyone was killed, else the first kind recorded."""
        for k in HARM_KINDS:
            if k in self.kinds:
                return k
        return next(iter(self.kinds), "other")


def _per_source(figures: list[Figure]) -> list[float]:
    """One figure per independent source: the highest it reported (a source's later, higher toll
    supersedes its earlier one)."""
    best: dict[str, float] = {}
    for f in figures:
        value = f.coded
        if value is not None:
            best[f.source] = max(best.get(f.source, value), value)
    return sorted(best.values())


def summarise(members: list[tuple[Figure, str]]) -> Summary:
    """best/low/high per harm kind (UCDP: best the median of the independent sources' figures,
    low the lowest, high the highest reported), ACLED fatalities (the lowest killed figure),
    sources, the place and dates, and the suggested grading."""
    if len(members) == 1:
        return _summarise_one(members[0][0])
    main = [f for f, role in members if role != "subgroup"] or [f for f, _ in members]
    start = max((f.start for f in main if f.dated), default=None) or min(f.start for f in main)
    end = min((f.end for f in main if f.dated), default=None) or max(f.end for f in main)
    if end < start:
        start, end = min(f.start for f in main), max(f.end for f in main)
    places = [f.place for f in main if f.place is not None]
    place = min(places, key=lambda p: (p.where_prec(), not p.has_point), default=None)
    out = Summary(date_start=start, date_end=end, date_prec=date_prec(start, end), place=place,
                  where_prec=place.where_prec() if place else 6)
    disagree = False
    for kind in HARM_KINDS:
        group = [f for f in main if f.kind == kind]
        values = _per_source(group)
        if not values:
            if group:
                out.kinds[kind] = KindFigures(None, None, None)
            continue
        highs = [f.high for f in group if f.high is not None]
        high = max([*values, *highs])
        out.kinds[kind] = KindFigures(best=values[(len(values) - 1) // 2], low=values[0], high=high)
        if len(values) > 1 and values[-1] > 1.5 * values[0] + 2:
            disagree = True
    if "killed" in out.kinds:
        out.fatalities = out.kinds["killed"].low
    out.sources = len({f.source for f, _ in members})
    perpetrators = {f.perpetrator.casefold() for f, _ in members if f.perpetrator}
    out.disagree = disagree or len(perpetrators) > 1
    out.grading = "contested" if out.disagree and out.sources > 1 else "fair" if out.sources > 1 else "weak"
    return out


def _summarise_one(f: Figure) -> Summary:
    """summarise() of a lone figure (most incidents), without the general case's work."""
    place = f.place
    out = Summary(date_start=f.start, date_end=f.end, date_prec=date_prec(f.start, f.end), place=place,
                  where_prec=place.where_prec() if place else 6, sources=1)
    if f.kind in HARM_KINDS:
        coded = f.coded
        if coded is None:
            out.kinds[f.kind] = KindFigures(None, None, None)
        else:
            out.kinds[f.kind] = KindFigures(best=coded, low=coded, high=coded if f.high is None else max(coded, f.high))
            if f.kind == "killed":
                out.fatalities = coded
    return out


def label(summary: Summary) -> str:
    figures = summary.kinds.get(summary.kind)
    return label_text(summary.date_start.isoformat(), summary.place.name if summary.place else None, summary.kind,
                      None if figures is None else figures.best)


def label_text(date_start: str | None, place: str | None, kind: str | None, best: float | None) -> str:
    """The automatic label: "2019-03-12 Maarat Hazeen: 20 killed"."""
    count = "" if best is None else f"{best:,.0f} "
    return f"{date_start or 'date unknown'} {place or 'place unknown'}: {count}{kind or 'killed'}"


def row_label(row: dict[str, Any]) -> str:
    """The automatic label of a stored incident as it now stands (its fields as an analyst may have
    edited them: the best figure, the place, the date, the kind)."""
    import json

    try:
        figures = json.loads(row.get("figures") or "{}") if isinstance(row.get("figures"), str) else (row.get("figures") or {})
    except ValueError:
        figures = {}
    kind = row.get("kind")
    best = (figures.get(kind) or {}).get("best") if isinstance(figures, dict) else None
    return label_text(row.get("date_start"), row.get("place"), kind, as_number(best))


def distance_km(a: LocationAttrs, b: LocationAttrs) -> float:
    """Great-circle distance between two places with points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))
