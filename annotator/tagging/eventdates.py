"""The event date of each casualty figure: from its own sentence, else carried from the lead.

Reports name the date once, in the lead ("Jets struck a bakery in Kafr Nabl on Sunday."), and
later sentences restate or break down the same event ("The strikes killed 11 civilians,
including four children."). Three rules, tried in this order; a figure none of them dates keeps
no date (a missing date is cheap to add, a wrong one is not):

1. `sentence`: the nearest event date in the figure's own sentence (a statement's date, "said on
   Friday", never counts; nor a relative clause's before the figure, "who defected in 2015"); a day
   after "since" ("since the offensive began nine days ago") starts a period to the report's date.
2. `lead`: the date of the event the report was last describing, when the figure's sentence
   names no other time ("since", "so far", "a total of", "earlier", "last year" ... start
   another tally or event) and no date of its own. The event is the last sentence before it that
   dated a figure, or that dates an attack ("struck", "shelling", "raid" ...) without a figure.
   A sentence that names a different date (even a statement's: "documented yesterday that ...",
   or a state's: "has been the focus of attacks in recent days") ends the event: the figures after
   it get no carried date until a new event is dated; an attack of another day ends it too rather
   than replacing it (which of the two a later figure counts is a guess). No carried date either
   for a figure of another incident ("Separately, ...", "Similar attacks ..."), a state ("remains
   unknown", "still missing"), displacement after a killing (or the other way round), a population
   named by its noun ("displaced families have gathered", "bodies remain"), or in a new paragraph
   after figures of two different times;
   nor after a figure dated by a period in a sentence of another time ("the last time ... was
   in 2017, when bombers killed 60").
3. `headline`: a figure in the headline (a first paragraph without a full stop) takes the date
   of the first later figure of the same kind and count ("Eight civilians injured" / "Eight
   civilians were injured on Saturday").

`attach_event_dates` sets `event_date` (a day) or `event_date_start`/`event_date_end` (a period)
and, when the date came from another sentence, `event_date_from` ("lead" or "headline").
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Any

from annotator.tagging.base import Suggestion
from annotator.tagging.dates import DateMention
from annotator.tagging.text import Sentences, caseless, lower_aligned

NEAR = 400  # how far (in characters, within the sentence) a figure looks for its own date

# words that tie a sentence to another time, a running tally or a population: no carried date there
# ("a war monitor" names who counts, not the war's tally)
_OTHER_TIME_WORDS = (
    r"\b(?:since|so\s+far|to\s+date|a\s+total|in\s+total|overall|cumulative|earlier|previous(?:ly)?|before|after|ago"
    r"|last|this\s+year|(?<!-)(?:years?|months?|weeks?)(?!-)|began|beginning|start|throughout|war(?![\s-]+monitor)|conflict|campaign|offensive"
    r"|per\s+day|daily|every|each|would|could|may|might|will|expected|feared|risk"
    r"|home\s+to|population|who\s+live|living\s+in|reside|residing|hosts?|hosting|sheltering"
    # another incident: "Separately, ...", "Similar attacks targeted ...", "In another raid, ..."
    r"|separately|meanwhile|elsewhere|separate|similar|another\s+(?:attack|strike|raid|incident|massacre|bombing|explosion)"
    r"|in\s+another|other\s+(?:attacks|strikes|raids|incidents)"
    # a state, not the event: "the fate of thousands remains unknown", "are still missing"
    r"|(?:remains?|remained|is|are)\s+(?:still\s+)?unknown|still\s+(?:missing|unaccounted|under|trapped|detained|held))\b"
)
# a comparison with a past time ("The last time the town was hit this hard was in 2019, when ...")
_PAST_TIME_WORDS = r"\b(?:the\s+last\s+time|last\s+such|previous(?:ly)?|before\s+that|back\s+then|at\s+the\s+time|(?:the\s+)?first\s+time)\b"
_PAST_TIME = re.compile(caseless(_PAST_TIME_WORDS))
_PAST_TIME_LOWER = re.compile(_PAST_TIME_WORDS)
_OTHER_TIME = re.compile(caseless(_OTHER_TIME_WORDS))
_OTHER_TIME_LOWER = re.compile(_OTHER_TIME_WORDS)  # for the lower-cased body (text.lower_aligned)
# an attack: a sentence with one of these words and a date dates the event the next figures count
_ATTACK_WORDS = (
    r"\b(?:struck|strikes?|airstrikes?|air\s+strikes?|raids?|shell(?:s|ed|ing)?|bomb(?:s|ed|ing)?|bombardment|attacks?|attacked"
    r"|massacres?|explo(?:ded|sion|sions)|blasts?|hit|targeted|targeting|fired|dropped|clashes|fighting|killed|killing"
    r"|martyred|wounded|injured|died|dead)\b"
)
_ATTACK = re.compile(caseless(_ATTACK_WORDS))
_ATTACK_LOWER = re.compile(_ATTACK_WORDS)


def _attrs_of(d: DateMention) -> dict[str, Any]:
    if d.value is not None:
        return {"event_date": d.value.isoformat()}
    return {"event_date": None, "event_date_start": d.first.isoformat(), "event_date_end": d.last.isoformat()}  # type: ignore[union-attr]


# "have fled since the offensive began nine days ago": the day starts a period that runs to the report
_SINCE_BEFORE = re.compile(caseless(r"\bsince\b[^,;.:]{0,120}$"))
# "A photographer who defected in 2015 leaked photos of the bodies of 11,000": the date of a relative
# clause (its verb before the date) is not the date of a figure after it
_RELATIVE_BEFORE = re.compile(caseless(r"\b(?:who|which)\s+(?:had\s+|has\s+|have\s+|was\s+|were\s+)?(?:[\w-]+\s+)?[a-z]+ed\b[^,;:]*$"))


def _own_attrs(body: str, lo: int, d: DateMention, item_date: date | None) -> dict[str, Any] | None:
    """The figure's own event date from `d`; a day after "since" is the start of a period to the
    report's date (none when that date is unknown)."""
    if d.value is not None and _SINCE_BEFORE.search(body, lo, d.start):
        if item_date is None or item_date <= d.value:
            return None
        return {"event_date": None, "event_date_start": d.value.isoformat(), "event_date_end": item_date.isoformat()}
    return _attrs_of(d)


_TOLL_NOUN = re.compile(caseless(r"\b(?:deaths|fatalities|dead|killed|wounded|injured|casualties|martyrs|victims)$"))


def _family(kind: Any) -> str:
    """Displacement is its own story: a date carried from a killing or a raid never dates people who
    fled, nor the other way round."""
    return "displaced" if kind == "displaced" else "harm"


def _same_time(a: dict[str, Any] | None, d: DateMention) -> bool:
    return a is not None and a == _attrs_of(d)


_NOTING = re.compile(caseless(r",\s+(?:noting|adding)\s+that\b"))


def _clause(body: str, lo: int, start: int, end: int, hi: int) -> tuple[int, int]:
    """The window a figure looks for its own date in, cut at a semicolon or an ellipsis ("After
    the death of 467 civilians in 2016… warplanes kill 11 civilians": 2016 is not the 11's)."""
    for mark in (";", "…"):
        cut = body.rfind(mark, lo, start)
        if cut >= 0:
            lo = cut + 1
        cut = body.find(mark, end, hi)
        if cut >= 0:
            hi = cut
    # "568 civilians in the first half of 2022, noting that 92 civilians were killed in June 2022": an
    # added clause has its own time, and the figure before it does not look into it
    for added in _NOTING.finditer(body, lo, hi):
        if added.end() <= start:
            lo = added.end()
        elif added.start() >= end:
            hi = added.start()
            break
    return lo, hi


# "in a statement made on 10 June", "the campaign it first launched on 4 June": the date of a
# statement or of a campaign's start, wherever it stands, not of the figure's event
_NOT_EVENT_BEFORE = re.compile(caseless(
    r"(?:\b(?:statement|report|announcement|communiqu(?:e|é)|release)\s+(?:\w+\s+)?(?:made|issued|released|published|dated)"
    r"|\b(?:it|they|which|that|who)\s+(?:had\s+|has\s+|have\s+|was\s+)?(?:first\s+)?(?:launched|began|begun|started|announced))"
    r"(?:\s+(?:on|in))?\s+(?:the\s+)?$"))


def _own_date(body: str, lo: int, sug: Suggestion, candidates: list[DateMention]) -> DateMention | None:
    candidates = [d for d in candidates if (d.end > sug.start or not _RELATIVE_BEFORE.search(body, lo, d.start))
                  and (d.rule == "date.since-clause" or not _NOT_EVENT_BEFORE.search(body, max(0, d.start - 60), d.start))]
    if not candidates:
        return None
    return min(candidates, key=lambda d: min(abs(d.start - sug.end), abs(sug.start - d.end)))


def attach_event_dates(body: str, sentences: Sentences, found: list[Suggestion], dates: list[DateMention],
                       item_date: date | None = None) -> None:
    """Set the event-date attributes of every figure in `found` (in text order)."""
    if not found:
        return
    # The word tests below read the lower-cased body with plain patterns when that finds the same
    # (text.lower_aligned): three times faster than the case classes.
    low = lower_aligned(body)
    searched, attack, other_time, past_time = ((low, _ATTACK_LOWER, _OTHER_TIME_LOWER, _PAST_TIME_LOWER) if low is not None
                                               else (body, _ATTACK, _OTHER_TIME, _PAST_TIME))
    events = sorted((d for d in dates if not d.statement), key=lambda d: d.start)
    every = sorted(dates, key=lambda d: d.start)
    event_starts, every_starts = [d.start for d in events], [d.start for d in every]
    figure_sentences = {sentences.at(f.start) for f in found}
    lead: dict[str, Any] | None = None  # the date of the event the report is describing
    lead_family = "harm"  # what that event did (`_family` of the figure that dated it; an attack: harm)
    seen = 0  # dates in `every` before the current sentence already read into `lead`
    last_sentence: tuple[int, int] | None = None
    times: set[tuple] = set()  # the figures' own event dates so far
    for sug in found:
        s0, s1 = sentences.at(sug.start)
        if (s0, s1) != last_sentence:
            if last_sentence is not None and len(times) > 1 and "\n" in body[last_sentence[1] : s0]:
                # a new paragraph after figures of two different times: which event it goes on
                # with is a guess ("50 in September ... 96 between September 23 and 30" / "It
                # attributes the deaths of 18 ...")
                lead = None
            # read the sentences between the last figure's and this one: an attack's date starts
            # an event; any other date ends the one being described
            while seen < len(every) and every[seen].start < s0:
                d = every[seen]
                seen += 1
                span = sentences.at(d.start)
                if span in figure_sentences:
                    continue  # a figure's sentence: its figures set `lead` below
                if not d.statement and attack.search(searched, span[0], span[1]) and (lead is None or _same_time(lead, d)):
                    lead, lead_family = _attrs_of(d), "harm"
                elif not _same_time(lead, d):
                    lead = None
            last_sentence = (s0, s1)
        lo, hi = _clause(body, max(s0, sug.start - NEAR), sug.start, sug.end, min(s1, sug.end + NEAR))
        own = _own_date(body, lo, sug, events[bisect.bisect_left(event_starts, lo) : bisect.bisect_left(event_starts, hi)])
        a = sug.attributes
        if own is not None:
            attrs = _own_attrs(body, lo, own, item_date)
            a["event_date"] = None
            if attrs is not None:
                a.update(attrs)
            lead, lead_family = attrs, _family(a.get("kind"))
            if attrs is not None:
                times.add(tuple(sorted(attrs.items())))
            if own.value is None and past_time.search(searched, s0, s1):
                # "The last time ... was in 2017, when bombers killed 60": a figure of another
                # time starts no event the next figures could be dated by (and ends the one before)
                lead = None
            continue
        a["event_date"] = None
        others = [d for d in every[bisect.bisect_left(every_starts, s0) : bisect.bisect_left(every_starts, s1)]
                  if not d.state]
        if any(not _same_time(lead, d) for d in others):
            lead = None  # "documented, yesterday, that ...": another time; the event is over
            continue
        if lead is None or other_time.search(searched, s0, _clause_end(body, sug.end, s1)):
            continue
        if _family(a.get("kind")) != lead_family or (sug.rule == "casualty.noun" and not _TOLL_NOUN.search(sug.text)):
            # "Thousands of displaced families have gathered ...", "Dozens of bodies remain under
            # the rubble": a population named by its noun is not a count of the event before
            # ("two civilian deaths", "one of the injured" are)
            continue
        a.update(lead)
        a["event_date_from"] = "lead"
    _headline(body, sentences, found)


# a clause the reporter adds about another time: "..., adding that the toll was expected to rise"
_ADDED_CLAUSE = re.compile(caseless(r",\s+(?:adding|and\s+added|saying)\s+that\b"))


def _clause_end(body: str, end: int, s1: int) -> int:
    """Where the figure's own words end: before an added "adding that ..." clause, else the sentence end."""
    m = _ADDED_CLAUSE.search(body, end, s1)
    return m.start() if m else s1


def _headline(body: str, sentences: Sentences, found: list[Suggestion]) -> None:
    """Figures of a headline take the date of the first later figure of the same kind and count."""
    first_break = body.find("\n")
    if first_break < 0 or first_break > 200 or body[:first_break].rstrip().endswith((".", "!", "?")):
        return
    for i, sug in enumerate(found):
        if sug.start >= first_break:
            break
        a = sug.attributes
        if a.get("event_date") or a.get("event_date_start"):
            continue
        key = (a.get("kind"), a.get("count_min"))
        for later in found[i + 1 :]:
            b = later.attributes
            if later.start > first_break and (b.get("kind"), b.get("count_min")) == key:
                if b.get("event_date") or b.get("event_date_start"):
                    a.update({k: b.get(k) for k in ("event_date", "event_date_start", "event_date_end") if k in b})
                    a["event_date_from"] = "headline"
                break
