"""One pass over an item body finds the trigger words of every tagger.

Each tagger only looks closely (anchored regex matches) around its trigger words: dates around
weekday/month names and "past", "since", "ago"...; casualty figures around numbers; speakers
around reporting verbs; organisation names around head words. Scanning once with a single trie
regex costs a fifth of scanning once per tagger.
"""

from __future__ import annotations

import re

from annotator.tagging.text import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS, trie_pattern

DATE_WORDS = (*WEEKDAYS, *MONTHS, *MONTH_ABBREVIATIONS, "today", "tonight", "yesterday", "past", "last", "previous", "preceding", "recent",
              "ago", "this", "next", "since", "overnight", "weekend", "Overnight", "Today", "Tonight", "Yesterday", "Last", "This", "Next", "Since")
NUMBER_WORDS = tuple(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion dozen dozens
    scores tens hundreds thousands millions several few number half""".split()
)
SINGULAR_WORDS = tuple(
    """civilian child woman man boy girl person journalist activist doctor nurse medic paramedic detainee prisoner
    fighter soldier volunteer worker student teacher infant baby resident refugee farmer member citizen adult
    footballer victim""".split()
)
VERB_WORDS = tuple(
    """said says stressed stresses warned warns added adds called calls calling urging documents released renewed renews condemned condemns urged urges
    pointed points emphasized emphasised emphasizes emphasises underscored underscores underlined noted reaffirmed
    reaffirms affirmed affirms reiterated reiterates expressed expresses denied denies welcomed welcomes stated announced
    announces explained explains confirmed confirms told tells accused accuses demanded demands asserted asserts insisted
    insists argued argues claimed indicated indicates revealed reveals reported declared declares highlighted cited
    described estimated went made appealed criticised criticized blamed acknowledged vowed pledged issued praised lamented
    voiced documented briefed hailed deplored denounced threatened predicted rejected dismissed questioned recalled assured according
    thanked thanks congratulated congratulates tweeted monitored put recorded counted accusing quoted
    According""".split()
)
ORG_HEAD_WORDS = tuple(
    """Coalition Council council Department Ministry Committee committee Commission Network Organization Organisation
    Office Agency Observatory Union League Front Army Forces Party Government Court Assembly Authority Movement Group
    Center Centre Foundation Society Association Federation Bureau Secretariat Directorate Command Delegation Mission
    Embassy Administration Defence Defense Helmets Fund Programme Unit Watch Institute Nations Board Alliance
    Coordinators""".split()
)

_CATEGORIES: dict[str, list[str]] = {}
for _cat, _words in (("date", DATE_WORDS), ("number", NUMBER_WORDS), ("number", tuple(w.capitalize() for w in NUMBER_WORDS)),
                     ("single", SINGULAR_WORDS), ("verb", VERB_WORDS), ("orghead", ORG_HEAD_WORDS)):
    for _w in _words:
        if _cat not in _CATEGORIES.setdefault(_w, []):
            _CATEGORIES[_w].append(_cat)
# Each word is in one category (the loop in Scan relies on it).
if any(len(cats) > 1 for cats in _CATEGORIES.values()):
    raise ValueError("a trigger word is in two categories: " + ", ".join(w for w, c in _CATEGORIES.items() if len(c) > 1))
_CATEGORY = {w: cats[0] for w, cats in _CATEGORIES.items()}
_CORE = r"(?:\d+(?:[.,]\d+)*|" + trie_pattern(list(_CATEGORIES)) + r")\b"
# A token starts the body or follows a non-word character (what a leading \b would say). Matching
# that character first gives the pattern a first-character set, so the engine skips through the
# words in C and tries the trie only after spaces and punctuation (a third faster than \b).
_TOKEN = re.compile(r"\W(" + _CORE + ")")
_FIRST_TOKEN = re.compile(_CORE)


class Scan:
    """(start, end) of the trigger words of one body, per category, in text order."""

    __slots__ = ("date", "number", "single", "verb", "orghead")

    def __init__(self, body: str) -> None:
        found: dict[str, list[tuple[int, int]]] = {"date": [], "number": [], "single": [], "verb": [], "orghead": []}
        number, date = found["number"], found["date"]
        first = _FIRST_TOKEN.match(body)
        if first:
            self._add(body, first.span(), found)
        # (from the end of the first token: a number such as "1,200" holds a non-word character)
        for m in _TOKEN.finditer(body, first.end() if first else 0):
            s, e = span = m.span(1)
            cat = _CATEGORY.get(body[s:e])
            if cat is not None:
                found[cat].append(span)
                continue
            number.append(span)  # not a listed word: digits
            if e - s == 4 and body[s : s + 2] in ("19", "20"):
                date.append(span)
        self.date, self.number, self.single = date, number, found["single"]
        self.verb, self.orghead = found["verb"], found["orghead"]

    @staticmethod
    def _add(body: str, span: tuple[int, int], found: dict[str, list[tuple[int, int]]]) -> None:
        s, e = span
        cat = _CATEGORY.get(body[s:e])
        if cat is not None:
            found[cat].append(span)
            return
        found["number"].append(span)
        if e - s == 4 and body[s : s + 2] in ("19", "20"):
            found["date"].append(span)
