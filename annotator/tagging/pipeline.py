"""All taggers over one item body: `tag_item(body, item_date, kinds, context)`.

The context carries what the store has learned (known speaker names, learned aliases, surface
forms analysts rejected too often) and builds the taggers once, lazily, in whichever process uses
it: pickling a context (to send it to worker processes) drops the built taggers.

Every suggestion returned has valid offsets: 0 <= start < end <= len(body) and
body[start:end] == text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any

from annotator.tagging.base import Suggestion
from annotator.tagging.casualties import CasualtyTagger
from annotator.tagging.dates import as_date, date_suggestions, find_dates
from annotator.tagging.scan import Scan
from annotator.tagging.speakers import SpeakerTagger
from annotator.tagging.text import Sentences
from annotator.vocabulary import KINDS

_BY_SPAN_KIND = attrgetter("start", "end", "kind")  # (a C sort key: no Python call per suggestion)


def location_tagger_class() -> Any:
    """`annotator.tagging.locations.LocationTagger`, or None while that module does not exist.
    Any other import error is a real bug and propagates."""
    try:
        from annotator.tagging.locations import LocationTagger
    except ModuleNotFoundError as exc:
        if exc.name in ("annotator.tagging.locations",):
            return None
        raise
    return LocationTagger


@dataclass
class TagContext:
    known_speakers: tuple[str, ...] = ()
    speaker_aliases: dict[str, str] = field(default_factory=dict)  # surface -> canonical name
    location_aliases: tuple[dict[str, Any], ...] = ()  # rows of store.aliases.all_aliases(db, "location")
    suppressed: frozenset[tuple[str, str]] = frozenset()  # (kind, surface.lower()) rejected too often
    learned: Any = None  # annotator.tagging.learned.Learned: contexts and forms analysts rejected
    _built: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_built"] = None
        return state

    def taggers(self) -> dict[str, Any]:
        if self._built is None:
            loc_cls = location_tagger_class()
            self._built = {
                "speaker": SpeakerTagger(self.known_speakers, self.speaker_aliases),
                "casualty": CasualtyTagger(),
                "location": loc_cls(learned=list(self.location_aliases)) if loc_cls else None,
            }
        return self._built


_DEFAULT = TagContext()


def parse_kinds(kinds: Iterable[str] | str | None) -> tuple[str, ...]:
    """"speaker,date" or ["speaker"] -> ("speaker", "date"); None -> every kind. Unknown kinds raise."""
    if kinds is None:
        return KINDS
    if isinstance(kinds, str):
        kinds = [k for k in kinds.split(",")]
    wanted = tuple(dict.fromkeys(k.strip().lower() for k in kinds if k.strip()))
    bad = [k for k in wanted if k not in KINDS]
    if bad:
        raise ValueError(f"unknown kind(s): {', '.join(bad)}; expected {', '.join(KINDS)}")
    return wanted or KINDS


def tag_item(body: str, item_date: date | str, kinds: Iterable[str] | str | None = None,
             context: TagContext | None = None) -> list[Suggestion]:
    """Suggestions of the requested kinds for one item body, in text order."""
    if not body:
        return []
    wanted = parse_kinds(kinds)
    context = context or _DEFAULT
    taggers = context.taggers()
    sentences = Sentences(body)
    scan = Scan(body)
    out: list[Suggestion] = []
    dates = find_dates(body, item_date, sentences, scan) if ("date" in wanted or "casualty" in wanted) else []
    locations: list[Suggestion] = []
    if taggers["location"] is not None and ("location" in wanted or "casualty" in wanted):
        locations = _valid(body, taggers["location"].tag(body))
    if "speaker" in wanted:
        out += taggers["speaker"].tag(body, sentences, scan)
    if "casualty" in wanted:
        out += taggers["casualty"].tag(body, sentences, dates, locations, scan, as_date(item_date))
    if "date" in wanted:
        out += date_suggestions(dates)
    out = _checked(body, out)
    if "location" in wanted:
        out += locations  # checked already (and no other kind shares their keys)
    out.sort(key=_BY_SPAN_KIND)
    if context.suppressed:
        out = [s for s in out if (s.kind, s.text.lower()) not in context.suppressed]
    if context.learned is not None:
        out = context.learned.filter(body, out, wanted)
    return out


def _valid(body: str, suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """Drop anything whose offsets do not point at its text; one suggestion per (kind, span); in
    text order."""
    out = _checked(body, suggestions)
    out.sort(key=_BY_SPAN_KIND)
    return out


def _checked(body: str, suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """`_valid` without the sort."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    n = len(body)
    for s in suggestions:
        start, end = s.start, s.end
        if 0 <= start < end <= n and body[start:end] == s.text:
            key = (s.kind, start, end)
            if key not in seen:
                seen.add(key)
                out.append(s)
    return out
