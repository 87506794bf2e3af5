"""Event dates named in an item, resolved against the item's own date with python-dateutil.

Conventions (README "Automatic tagging" repeats them for analysts):
- A weekday is the most recent such day on or before the item date ("on Wednesday" in a Thursday
  item is the day before; the item's own weekday is that day), unless the clause speaks of the
  future ("will", "is expected to", "due to" ...), then the next one on or after it.
- "April 4" without a year is the occurrence nearest the item date; "in May" likewise.
- Periods have a start and an end: "over the past week" = the 7 days up to the item date, "last
  week" = the previous Monday..Sunday, "in recent weeks" = 4 weeks, "recent days" = 7 days,
  "recent months" = 3 months, "the past few days" = 3 days, "since X" = from the start of X to the
  item date, early/mid/late month = days 1-10 / 11-20 / 21-end, early/mid/late year =
  Jan-Apr / Jun-Jul / Sep-Dec.
- A date right after a reporting verb ("said on Friday", "a report released on Sunday") is the
  date of the statement: still a date tag, but never used as a casualty's event date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from annotator.tagging.base import Suggestion
from annotator.tagging.numbers import parse_number
from annotator.tagging.scan import Scan
from annotator.tagging.text import (
    MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS, Sentences, caseless, inline_caseless, starts_before, trie_pattern,
)

_WD = {name: wd for name, wd in zip(WEEKDAYS, (MO, TU, WE, TH, FR, SA, SU))}
_MONTH_NO = {name: i for i, name in enumerate(MONTHS, 1)}
# wire style abbreviations ("Aug. 28", "Mar.18", "28 Sept"), read only beside a day number
_MONTH_NO.update({a: _MONTH_NO[next(m for m in MONTHS if m.startswith(a[:3]))] for a in MONTH_ABBREVIATIONS})
_MONTH = "|".join(MONTHS)
_DAY_MONTH = _MONTH + "|" + r"(?:" + "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)) + r")(?![a-z])\.?"
_WEEKDAY = "|".join(WEEKDAYS)
_NUMWORD = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|few|a\s+few|couple\s+of|a\s+couple\s+of|several"
_YEAR = r"(?:19|20)\d{2}"
_PART = r"early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end\s+of|beginning\s+of"

# (The (?i:...) parts are spelled out by `inline_caseless`: see text.caseless.)
DATE_RX = re.compile(inline_caseless(
    "|".join(
        [
            # 4 April 2017, 4th of April
            rf"(?:(?i:(?P<dm_prep>on|since|until|till|by|from|before|after))\s+)?(?:the\s+)?(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"\s+(?:of\s+)?(?P<dm_month>{_DAY_MONTH})(?:\b|(?<=\.))(?:,?\s+(?P<dm_year>{_YEAR})\b)?",
            # April 4, April 4, 2017
            rf"(?:(?i:(?P<md_prep>on|since|until|till|by|from|before|after))\s+)?(?P<md_month>{_DAY_MONTH})\s*(?P<md_day>\d{{1,2}})"
            rf"(?:st|nd|rd|th)?\b(?![,.]?\d)"
            # "on April 3 and 4", "between September 23 and 30": the second day of one period
            rf"(?:\s*(?:and|to|-|–)\s*(?P<md_day2>\d{{1,2}})(?:st|nd|rd|th)?\b(?=\s*(?:[,.;:)]|$|\s+(?:in|at|on|when|during|and|{_YEAR})\b)))?(?:,?\s+(?P<md_year>{_YEAR})\b)?",
            # in May, since late December, March 2011, in 2015, since mid-2014
            rf"(?:(?i:(?P<my_prep>in|since|during|until|till|by|from|throughout|before|after))\s+)?"
            rf"(?:(?i:(?P<my_part>{_PART}))[\s-]+)?(?:(?P<my_month>{_MONTH})(?:\s+(?P<my_year>{_YEAR}))?|(?P<y_year>{_YEAR}))\b(?![,.]?\d)",
            # since the start of the month
            r"(?i:since\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(?P<ss_unit>week|month|year))\b",
            # (on) Monday (night), last Friday, since Sunday
            rf"(?:(?i:(?P<wd_prep>on|last|this|next|since|until|till|by|from|of|before|after))\s+)?(?P<wd>{_WEEKDAY})(?:’s|'s)?"
            r"(?:\s+(?P<wd_part>morning|afternoon|evening|night))?\b",
            r"(?i:(?P<rel>(?:earlier\s+|later\s+)?today|tonight|this\s+(?:morning|afternoon|evening)|the\s+day\s+before\s+yesterday"
            r"|yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night|overnight))\b",
            # over the past week, in the past few days, during the last two months
            rf"(?i:(?:(?P<pn_prep>over|during|in|within|for|throughout)\s+)?the\s+(?:past|last|previous|preceding)\s+"
            rf"(?:(?P<pn_n>{_NUMWORD})\s+)?(?P<pn_unit>hours?|days?|weeks?|months?|years?))\b",
            r"(?i:(?:(?:in|over|during)\s+)?recent\s+(?P<rc_unit>days|weeks|months|years))\b",
            r"(?i:(?P<cr_mod>earlier\s+this|later\s+this|early\s+this|late\s+this|early\s+last|late\s+last|last|this|next)"
            r"\s+(?P<cr_unit>week|month|year))\b",
            rf"(?i:(?P<ago_n>{_NUMWORD})\s+(?P<ago_unit>days?|weeks?|months?|years?)\s+ago)\b",
            # over the weekend, last weekend
            r"(?i:(?:(?:over|during|at|on)\s+)?(?P<we_mod>the|this|last)\s+weekend)\b",
        ]
    )
))
# words that may start a date expression before its trigger word ("over the past week", "three weeks ago")
_PREFIX_WORDS = frozenset(
    """on since until till by from before after in during throughout within for over early mid late the end
    beginning start middle of earlier later this last next a an few couple several recent day one two three four
    five six seven eight nine ten eleven twelve at""".split()
)


_FUTURE = re.compile(caseless(
    r"\b(?:will|shall|would|going\s+to|is\s+(?:due|expected|scheduled|set|slated|planned)|are\s+(?:due|expected|scheduled|set)"
    r"|due\s+to|scheduled|plans?\s+to|planned|upcoming|to\s+be\s+held|next)\b"
))
_REPORTING = re.compile(
    r"\b(?:said|says|stated|announced|issued|released|published|declared|added|stressed|told|reported|warned|noted)\b"
)
_STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|stated|announced|issued|released|published|declared|added|stressed|told|reported"
    r"|according\s+to)\b(?:(?!\bthat\b)[^.;:,“”\"]){0,30}$|\bdocumented\s*,?\s*$"
)
# a state's start or time, not an event's: "besieged since the end of March 2015", "where they remain today"
_STATE_BEFORE = re.compile(
    r"\b(?:besieged|under\s+siege|encircled|controlled|held|inhabited|founded|established|opened|remain|remains"
    r"|remained|still|who\s+live|living)\s+(?:\w+\s+){0,2}$"
)
_REPORTING_WORDS = ("said", "says", "stated", "announced", "issued", "released", "published", "declared", "added",
                    "stressed", "told", "reported", "documented", "according", "besieged", "siege", "encircled",
                    "controlled", "held", "inhabited", "founded", "established", "opened", "remain", "still",
                    "live", "living")
# one of them anywhere (a quick test first; a trie: callers only ask whether one is there)
_ANY_REPORTING_WORD = re.compile(trie_pattern(_REPORTING_WORDS))
_STATEMENT_AFTER = re.compile(r"\s*,?\s*(?:said|says|stated|announced|told|reported|issued|declared|confirmed)\b")
_PAST_VERB = re.compile(r"\b(?:\w+ed|met|held|began|said|told|took|made|sent|left|fled|went|came|saw|hit|struck|shot|was|were)\s+$")
_PAST_WORDS = frozenset("met held began said told took made sent left fled went came saw hit struck shot was were".split())
_WORD_CHARS = re.compile(r"\w*")
# _REPORTING after a non-word character: searched in " " + text it finds the same words (a leading
# \b), and the engine skips to spaces and punctuation in C instead of trying every character.
_REPORTING_AFTER_SPACE = re.compile(r"\W" + _REPORTING.pattern.removeprefix(r"\b"))
# What _FUTURE's words are under IGNORECASE, in a text folded by _ASCII_CASE: each match holds one.
_FUTURE_WORDS = ("will", "shall", "would", "going", "due", "expected", "scheduled", "set", "slated", "plan",
                 "upcoming", "held", "next")
_ASCII_CASE = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})  # the other letters IGNORECASE takes for i, s, k


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: date | None = None  # a day
    first: date | None = None  # or a period
    last: date | None = None
    statement: bool = False  # the date of a statement, not of an event
    rule: str = "date"
    tag: bool = True  # shown as a date suggestion ("overnight" only dates the figures near it)
    state: bool = False  # the time of a state ("besieged since ...", "remain today"): no event's date

    def attributes(self) -> dict[str, str]:
        if self.value is not None:
            return {"value": self.value.isoformat()}
        return {"start": self.first.isoformat(), "end": self.last.isoformat()}  # type: ignore[union-attr]


def as_date(value: date | str) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _nearest_month_day(d: date, month: int, day: int, past_only: bool) -> date | None:
    options = []
    for y in (d.year - 1, d.year, d.year + 1):
        try:
            options.append(date(y, month, day))
        except ValueError:
            continue
    if past_only:
        options = [o for o in options if o <= d]
    if not options:
        return None
    return min(options, key=lambda o: (abs((o - d).days), o > d))


def _part_of_month(y: int, m: int, part: str | None) -> tuple[date, date]:
    end = _month_end(y, m)
    p = (part or "").lower()
    if p == "early" or "beginning" in p or "start" in p:
        return date(y, m, 1), date(y, m, 10)
    if p.startswith("mid") or "middle" in p:
        return date(y, m, 11), date(y, m, 20)
    if p == "late" or "end" in p:
        return date(y, m, 21), end
    return date(y, m, 1), end


def _part_of_year(y: int, part: str | None) -> tuple[date, date]:
    p = (part or "").lower()
    if p == "early" or "beginning" in p or "start" in p:
        return date(y, 1, 1), date(y, 4, 30)
    if p.startswith("mid") or "middle" in p:
        return date(y, 6, 1), date(y, 7, 31)
    if p == "late":
        return date(y, 9, 1), date(y, 12, 31)
    if "end" in p:
        return date(y, 12, 1), date(y, 12, 31)
    return date(y, 1, 1), date(y, 12, 31)


def _count(text: str | None) -> int:
    if not text:
        return 1
    t = " ".join(text.lower().split())
    if t in ("a", "an"):
        return 1
    if "couple" in t:
        return 2
    if "few" in t or t == "several":
        return 3
    return parse_number(t) or 1


def _unit_delta(unit: str, n: int) -> relativedelta:
    unit = unit.lower().rstrip("s")
    if unit == "hour":  # "the past 48 hours": whole days, rounded up
        return relativedelta(days=-(-n // 24))
    return {"day": relativedelta(days=n), "week": relativedelta(weeks=n), "month": relativedelta(months=n),
            "year": relativedelta(years=n)}[unit]


def _is_future(body: str, sent_start: int, start: int) -> bool:
    before = body[max(sent_start, start - 160) : start]
    cut = None
    for cut in _REPORTING_AFTER_SPACE.finditer(" " + before):  # noqa: B007 - keeps the last match
        pass
    if cut is not None:  # "X, who will attend, said on Monday": the cue belongs to another clause
        before = before[cut.end() - 1 :]
    if _ends_in_past_verb(before[-30:]):
        return False
    # _FUTURE is slow (a case-insensitive alternation searched at every character): run it only
    # when one of its words is in the text at all.
    folded = before.lower()  # (lower() folds every letter IGNORECASE matches but these three)
    if not before.isascii() and ("İ" in before or "ı" in before or "ſ" in before):
        folded = before.translate(_ASCII_CASE).lower()
    return any(w in folded for w in _FUTURE_WORDS) and bool(_FUTURE.search(before))


def _ends_in_past_verb(tail: str) -> bool:
    """`_PAST_VERB.search(tail)`: the last word before trailing whitespace is a past form."""
    if not tail or not tail[-1].isspace():
        return False
    text = tail.rstrip()
    n = _WORD_CHARS.match(text[::-1]).end()  # type: ignore[union-attr]  # always matches: the last run of \w characters
    if n == 0:
        return False
    word = text[len(text) - n :]
    return (n >= 3 and word.endswith("ed")) or word in _PAST_WORDS


class DateResolver:
    """Finds and resolves date expressions in one body against one item date."""

    def __init__(self, body: str, item_date: date, sentences: Sentences, scan: Scan | None = None) -> None:
        self.body, self.d, self.sentences = body, item_date, sentences
        self.scan = scan or Scan(body)

    def mentions(self) -> list[DateMention]:
        out: list[DateMention] = []
        body, last_end = self.body, -1
        for t_start, _ in self.scan.date:  # DATE_RX is tried only at the few words before a trigger word
            if t_start < last_end:
                continue
            s0, s1 = self.sentences.at(t_start)
            for c in [*starts_before(body, t_start, 3, max(s0, last_end), _PREFIX_WORDS), t_start]:
                m = DATE_RX.match(body, c)
                if m is None or m.end() <= t_start:
                    continue
                mention = self._resolve(m)
                if mention is None:
                    continue
                before = body[max(s0, mention.start - 45) : mention.start]
                mention.statement = bool(
                    (_ANY_REPORTING_WORD.search(before) and _STATEMENT_BEFORE.search(before)
                     and body[mention.start : mention.start + 5].lower() != "from ")  # "said the toll from Thursday's raids"
                    or _STATEMENT_AFTER.match(body, mention.end, max(s1, mention.end)))
                if not mention.statement and _ANY_REPORTING_WORD.search(before) and _STATE_BEFORE.search(before):
                    mention.statement = mention.state = True  # never an event date, and no other time either
                if not mention.statement and m.group(0)[:5].lower() != "since":
                    self._since_clause(mention, s0)
                if not mention.statement and _RELATIVE_STATE.search(body, max(s0, mention.start - 160), mention.start):
                    # "the brigade, which has a presence there since ... 2017": a state's time, no event's
                    mention.statement = mention.state = True
                self._to_date(mention, out, s0)
                out.append(mention)
                last_end = m.end()
                break
        if " of " in body and (" half " in body or " months " in body):
            out = self._parts_of_years(out)
        return _between(body, out)

    def _parts_of_years(self, out: list[DateMention]) -> list[DateMention]:
        """"the first half of 2022", "the first five months of 2015": periods of a year (a mention
        inside one, such as a bare "2022", gives way)."""
        for m in _PART_OF_YEAR.finditer(self.body):
            year = int(m.group("year"))
            if m.group("half"):
                first, last = (date(year, 1, 1), date(year, 6, 30)) if m.group("which").lower() == "first" else \
                    (date(year, 7, 1), date(year, 12, 31))
            else:
                n = _count(m.group("n"))
                if not 1 <= n <= 11 or m.group("which").lower() != "first":
                    continue
                first, last = date(year, 1, 1), date(year, n + 1, 1) - timedelta(days=1)
            if last > self.d:
                last = max(first, self.d)
            out = [o for o in out if o.end <= m.start() or o.start >= m.end()]
            out.append(DateMention(m.start(), m.end(), m.group(0), None, first, last, False, "date.part-of-year"))
        return sorted(out, key=lambda o: o.start)

    def _to_date(self, mention: DateMention, before: list[DateMention], s0: int) -> None:
        """"from April 29 to the day", "from 2 May until today": a period that ends on the item date,
        or, for "to the day", on the day of the report the sentence dated before ("According to the
        report on Monday, May 6, ... from April 29 to the day")."""
        if mention.value is None or not mention.text.lower().startswith("from ") or mention.value > self.d:
            return
        end = _TO_DATE.match(self.body, mention.end)
        if end is None:
            return
        last = self.d
        if end.group(0).split()[-1].lower() == "day":
            report = next((b for b in reversed(before) if b.start >= s0 and b.value is not None), None)
            if report is not None and mention.value <= report.value <= self.d:  # type: ignore[operator]
                last = report.value  # type: ignore[assignment]
        mention.first, mention.last, mention.value = mention.value, last, None
        mention.end, mention.text = end.end(), self.body[mention.start : end.end()]
        mention.rule = "date.to-date"

    def _since_clause(self, mention: DateMention, s0: int) -> None:
        """"Since the bombardment began late on Sunday, 190 people have been killed": from that
        day to the item date."""
        before = self.body[max(s0, mention.start - 70) : mention.start]
        start = mention.value if mention.value is not None else mention.first
        if _SINCE_CLAUSE.search(before) and start is not None and start < self.d:
            # ("since it started in 2011": the year starts the period, as a day does)
            mention.first, mention.last, mention.value = start, self.d, None
            mention.rule = "date.since-clause"

    def _resolve(self, m: re.Match[str]) -> DateMention | None:
        g, d = m.groupdict(), self.d
        mention = DateMention(m.start(), m.end(), m.group(0))
        try:
            if g["dm_month"] or g["md_month"]:
                month = _MONTH_NO[(g["dm_month"] or g["md_month"]).rstrip(".")]
                day = int(g["dm_day"] or g["md_day"])
                year = g["dm_year"] or g["md_year"]
                prep = (g["dm_prep"] or g["md_prep"] or "").lower()
                value = date(int(year), month, day) if year else _nearest_month_day(d, month, day, prep == "since")
                if value is None:
                    return None
                if not year and (g["dm_month"] or g["md_month"]).rstrip(".") not in MONTHS and not 0 <= (d - value).days <= 14:
                    # an abbreviation without a year ("Aug. 28") is read for the last two weeks only: further back
                    # wire copy as often means an earlier year ("since the deal on Sept. 17", a year before)
                    return None
                mention.rule = "date.day-month"
                if g["md_day2"] and int(g["md_day2"]) > day:
                    try:
                        return self._since(mention, value, value.replace(day=int(g["md_day2"])), prep)
                    except ValueError:  # "February 27 and 30"
                        return None
                return self._since(mention, value, value, prep)
            if g["my_month"] or g["y_year"]:
                return self._month_or_year(mention, g)
            if g["ss_unit"]:
                unit = g["ss_unit"].lower()
                first = {"week": d - timedelta(days=d.weekday()), "month": d.replace(day=1), "year": d.replace(month=1, day=1)}[unit]
                mention.first, mention.last, mention.rule = first, d, "date.since-start"
                return mention
            if g["wd"]:
                return self._weekday(mention, g)
            if g["rel"]:
                rel = " ".join(g["rel"].lower().split())
                back = 2 if "day before" in rel else 1 if ("yesterday" in rel or rel == "last night") else 0
                mention.value, mention.rule = d - timedelta(days=back), "date.relative-day"
                mention.tag = rel != "overnight"
                return mention
            if g["pn_unit"]:
                first = d - _unit_delta(g["pn_unit"], _count(g["pn_n"]))
                mention.first, mention.last, mention.rule = first, d, "date.past-period"
                return mention
            if g["rc_unit"]:
                span = {"days": relativedelta(days=7), "weeks": relativedelta(weeks=4), "months": relativedelta(months=3),
                        "years": relativedelta(years=3)}[g["rc_unit"].lower()]
                mention.first, mention.last, mention.rule = d - span, d, "date.recent"
                return mention
            if g["cr_unit"]:
                return self._calendar(mention, " ".join(g["cr_mod"].lower().split()), g["cr_unit"].lower())
            if g["ago_unit"]:
                mention.value = d - _unit_delta(g["ago_unit"], _count(g["ago_n"]))
                mention.rule = "date.ago"
                return mention
            if g["we_mod"]:
                return self._weekend(mention, g["we_mod"].lower() == "last")
        except (ValueError, OverflowError):  # 31 February, year 0 ...: not a date
            return None
        return None

    def _weekend(self, mention: DateMention, last_one: bool) -> DateMention:
        """"over the weekend": the latest Saturday and Sunday up to the item date (the weekend so far
        when the item is dated on one; "last weekend" then is the one before)."""
        d = self.d
        if d.weekday() >= 5 and not last_one:
            first, last = d - timedelta(days=d.weekday() - 5), d
        else:
            last = d - timedelta(days=d.weekday() + 1)
            first = last - timedelta(days=1)
        mention.first, mention.last, mention.rule = first, last, "date.weekend"
        if first == last:
            mention.value = first
        return mention

    def _since(self, mention: DateMention, first: date, last: date, prep: str) -> DateMention:
        if prep == "since" and first <= self.d:
            mention.first, mention.last = first, self.d
        elif first == last:
            mention.value = first
        else:
            mention.first, mention.last = first, last
        return mention

    def _month_or_year(self, mention: DateMention, g: dict) -> DateMention | None:
        prep = (g["my_prep"] or "").lower()
        part = g["my_part"]
        if g["y_year"]:
            if not (prep or part):  # a bare number such as "2254" or a year in a name ("Communique of 2012")
                return None
            first, last = _part_of_year(int(g["y_year"]), part)
            mention.rule = "date.year"
            return self._since(mention, first, last, prep)
        month = _MONTH_NO[g["my_month"]]
        if g["my_year"]:
            year = int(g["my_year"])
        elif prep or part:
            # the latest such month that has begun by the item date ("abducted in February" in a November
            # report is this year's February), unless the clause speaks of the future ("talks in January")
            future = prep != "since" and _is_future(self.body, self.sentences.at(mention.start)[0], mention.start)
            years = (self.d.year - 1, self.d.year, self.d.year + 1)
            if future:
                year = min(y for y in years if _month_end(y, month) >= self.d)
            else:
                year = max(y for y in years if date(y, month, 1) <= self.d)
        else:
            return None  # "May" alone is too often a verb or a name
        first, last = _part_of_month(year, month, part)
        mention.rule = "date.month"
        return self._since(mention, first, last, prep)

    def _weekday(self, mention: DateMention, g: dict) -> DateMention:
        d, wd = self.d, _WD[g["wd"]].weekday
        prep = (g["wd_prep"] or "").lower()
        back = (d.weekday() - wd) % 7  # days back to the most recent such day (0: the item's own day)
        ahead = (wd - d.weekday()) % 7
        if prep == "last":
            value = d - timedelta(days=back or 7)
        elif prep == "next":
            value = d + timedelta(days=ahead or 7)
        elif prep != "since" and _is_future(self.body, self.sentences.at(mention.start)[0], mention.start):
            value = d + timedelta(days=ahead)
        else:
            value = d - timedelta(days=back)
        mention.rule = "date.weekday"
        return self._since(mention, value, value, prep)

    def _calendar(self, mention: DateMention, mod: str, unit: str) -> DateMention:
        d = self.d
        mention.rule = "date.calendar"
        step = {"last": -1, "next": 1}.get(mod.split()[-1], 0)
        if unit == "week":
            first = d - timedelta(days=d.weekday()) + timedelta(weeks=step)
            last = first + timedelta(days=6)
        elif unit == "month":
            base = d.replace(day=1) + relativedelta(months=step)
            first, last = _part_of_month(base.year, base.month, mod.split()[0] if mod.startswith(("early ", "late ")) else None)
        else:
            year = d.year + step
            first, last = _part_of_year(year, mod.split()[0] if mod.startswith(("early ", "late ")) else None)
        if mod.startswith("earlier"):
            last = d
        elif mod.startswith("later"):
            first = min(d + timedelta(days=1), last)
        mention.first, mention.last = first, last
        if first == last:
            mention.value = first
        return mention


_SINCE_CLAUSE = re.compile(r"(?:^|\W)[Ss]ince\s(?:(?!\bthat\b)[^,.;:“”\"])*$")
_BETWEEN = re.compile(r"(?:^|\W)[Bb]etween\s+$")
_PART_OF_YEAR = re.compile(
    rf"(?i:(?:in|during|over|for)\s+)?(?i:the)\s+(?P<which>(?i:first|second))\s+(?:(?P<half>(?i:half))|(?P<n>{_NUMWORD})\s+(?i:months))"
    rf"\s+(?i:of)\s+(?P<year>{_YEAR})\b")
# a relative clause describing a state: "which has been the focus of attacks in recent days"
_RELATIVE_STATE = re.compile(r"\b(?:which|where)\s+(?:has|have|had)\s+(?:(?!\b(?:said|reported|killed)\b)[^,.;:“”\"])*$")
_TO_DATE = re.compile(r"\s+(?:to|until|till|up\s+to)\s+(?:the\s+day|date|this\s+day|today|now|the\s+present(?:\s+day)?)\b")


def _between(body: str, mentions: list[DateMention]) -> list[DateMention]:
    """"between 16 March and 20 March 2017", "from April 29 to May 6": one period."""
    out: list[DateMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        first = prev.value or (prev.first if prev is not None and prev.rule == "date.since-clause" else None) \
            if prev is not None else None
        gap = body[prev.end : m.start].strip().lower() if prev is not None else ""
        last = m.value or (m.first if m.rule == "date.since-clause" else None)
        if (prev is not None and first is not None and last is not None and first <= last
                and gap in ("and", "to", "until", "till", "-", "–")
                and (_BETWEEN.search(body, max(0, prev.start - 9), prev.start) or prev.rule == "date.since-clause"
                     or prev.text.lower().startswith(("from ", "since ")))):
            # "between 16 March and 20 March", "from April 29 to May 6", "since ... February 2 to May 6"
            out[-1] = DateMention(prev.start, m.end, body[prev.start : m.end], None, first, last,
                                  prev.statement or m.statement, "date.between")
            continue
        if (prev is not None and prev.rule == "date.weekday" and m.rule == "date.day-month"
                and body[prev.end : m.start].strip(" ,") == ""):
            out[-1] = m  # "On Friday April 11, 2014": the date says which Friday
            continue
        out.append(m)
    return out


def find_dates(body: str, item_date: date | str, sentences: Sentences | None = None,
               scan: Scan | None = None) -> list[DateMention]:
    """Every date expression in `body`, resolved; [] if the item date is unreadable."""
    d = as_date(item_date)
    if d is None or not body:
        return []
    return DateResolver(body, d, sentences or Sentences(body), scan).mentions()


def date_suggestions(mentions: list[DateMention]) -> list[Suggestion]:
    return [
        Suggestion("date", m.start, m.end, m.text, m.attributes(), m.rule, 0.85 if m.value else 0.75)
        for m in mentions if m.tag
    ]
