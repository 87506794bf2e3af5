"""Casualty figures: every reported count of people killed, injured, detained, displaced or missing.

A figure is an amount (numbers.QUANTITY, or "a"/"one" before a singular person noun) that is
tied to a casualty meaning in one of three ways, tried in this order:
1. a verb or noun directly in front of it: "killing 80", "claimed the lives of at least 50",
   "the displacement of more than 120,000", "the bodies of around 11,000", "toll rose to 45";
2. a verb right after the people it counts: "10 civilians were killed", "dozens more injured";
3. the people noun itself: "200,000 detainees", "700 wounded", "50 bodies", "displaced people".
Amounts of things (55,000 photos, 20 houses), percentages, resolution numbers and years never
qualify: without a person noun, only a direct verb tie counts, and the next word must not be a
thing.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from operator import attrgetter
from typing import Any

from annotator.tagging.base import Suggestion
from annotator.tagging.datelines import dateline_spans
from annotator.tagging.dates import DateMention
from annotator.tagging.eventdates import NEAR as _NEAR
from annotator.tagging.eventdates import attach_event_dates
from annotator.tagging.numbers import QUANTITY, read_quantity
from annotator.tagging.numbers import SCALES, TENS, UNITS
from annotator.tagging.perpetrators import perpetrator
from annotator.tagging.scan import Scan
from annotator.tagging.text import Sentences, caseless, starts_before, trie_pattern, word_starts_before

# plural person nouns -> how `victims` reads them
PERSON_NOUNS = {
    "civilians": "civilians", "civilian": "civilians", "people": "people", "persons": "people",
    "individuals": "people", "residents": "residents", "inhabitants": "residents", "villagers": "villagers",
    "children": "children", "kids": "children", "minors": "children", "infants": "children", "babies": "children",
    "boys": "boys", "girls": "girls", "daughters": "children", "sons": "children", "women": "women",
    "young men": "young men", "men": "men", "elderly": "elderly", "youths": "young men", "teenagers": "children",
    "students": "students", "pupils": "students", "teachers": "teachers", "detainees": "detainees",
    "prisoners": "prisoners", "protesters": "protesters", "demonstrators": "protesters", "activists": "activists",
    "journalists": "journalists", "doctors": "medical workers", "medics": "medical workers", "nurses": "medical workers",
    "paramedics": "medical workers", "health workers": "medical workers", "aid workers": "aid workers",
    "rescue workers": "rescue workers", "rescuers": "rescue workers", "volunteers": "volunteers",
    "workers": "workers", "farmers": "farmers", "fishermen": "farmers", "shepherds": "farmers",
    "worshippers": "worshippers", "patients": "patients", "refugees": "refugees", "idps": "displaced people",
    "displaced": "displaced people", "families": "families", "households": "families", "fighters": "fighters",
    "rebels": "fighters", "soldiers": "soldiers", "troops": "soldiers", "militants": "fighters",
    "combatants": "fighters", "members": "members", "officers": "officers", "policemen": "police",
    "conscripts": "conscripts", "defectors": "defectors", "syrians": "Syrians", "kurds": "Kurds",
    "palestinians": "Palestinians", "iraqis": "Iraqis", "attackers": "fighters", "assailants": "fighters",
    "militiamen": "fighters", "gunmen": "fighters", "elements": "fighters", "others": None, "victims": None, "bodies": None,
    "dead": None, "wounded": None, "injured": None, "casualties": None, "martyrs": None, "lives": None,
    # (issue 14) other outlets' victims and nouns
    "citizens": "civilians", "adults": "people", "footballers": "athletes", "players": "athletes",
    "athletes": "athletes", "deaths": None, "fatalities": None,
    # (third round) suspects and groups named by faith; "a number of injuries" counts people hurt
    "suspects": "people", "terrorists": "fighters", "christians": "civilians", "yazidis": "civilians",
    "injuries": None,
}
SINGULAR_NOUNS = {
    "civilian": "civilians", "child": "children", "woman": "women", "man": "men", "boy": "boys", "girl": "girls",
    "person": "people", "journalist": "journalists", "activist": "activists", "doctor": "medical workers",
    "nurse": "medical workers", "medic": "medical workers", "paramedic": "medical workers", "detainee": "detainees",
    "prisoner": "prisoners", "fighter": "fighters", "soldier": "soldiers", "volunteer": "volunteers",
    "worker": "workers", "student": "students", "teacher": "teachers", "infant": "children", "baby": "children",
    "resident": "residents", "refugee": "refugees", "farmer": "farmers", "member": "members",
    "citizen": "civilians", "adult": "people", "footballer": "athletes", "victim": None,
}
# a noun (or modifier) that is itself a casualty word
NOUN_KIND = {
    "detainees": "detained", "prisoners": "detained", "refugees": "displaced", "idps": "displaced",
    "displaced": "displaced", "bodies": "killed", "dead": "killed", "martyrs": "killed", "lives": "killed",
    "wounded": "injured", "injured": "injured", "casualties": "other", "abductees": "detained",
    "disappeared": "missing", "missing": "missing", "detained": "detained", "arrested": "detained",
    "killed": "killed", "deaths": "killed", "fatalities": "killed", "martyred": "killed", "injuries": "injured",
}

_KILLED = (r"killed|dead|died|killing|massacred|executed|slain|murdered|perished|lost\s+their\s+lives|shot\s+dead"
           r"|burned\s+to\s+death|tortured\s+to\s+death|drowned|martyred|buried|suffocated|choked\s+to\s+death"
           r"|among\s+(?:the\s+)?(?:dead|killed|victims|fatalities)|among\s+those\s+(?:killed|who\s+died)")
_INJURED = (r"injured|wounded|hurt|injuring|wounding|maimed|suffered\s+injuries"
            r"|suffered\s+(?:from\s+)?(?:breathing\s+difficulties|suffocation|respiratory\s+problems|burns)"
            r"|sustained\s+(?:\w+\s+){0,2}(?:injuries|wounds)|choked|suffocating|suffered\s+the\s+effects"
            r"|affected\s+by\s+(?:the\s+)?(?:gas|chemicals?|toxic|chlorine|sarin|attack)"
            r"|affected\s+in\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:chemical|gas|chlorine|sarin|toxic)\s+(?:\w+\s+)?attack"
            r"|(?:in|into)\s+(?:a\s+)?(?:critical|serious|grave)\s+condition"
            r"|treated\s+for\s+(?:suffocation|breathing|injuries|wounds|burns|gas)"
            r"|among\s+(?:the\s+)?(?:wounded|injured)")
_DETAINED = (r"detained|arrested|abducted|kidnapped|rounded\s+up|taken\s+prisoner|imprisoned|jailed|taken\s+captive"
             r"|(?:remain|remained|remaining|held|still)\s+in\s+captivity")
_DISPLACED = (r"displaced|fled|forced\s+to\s+flee|to\s+flee|uprooted|evacuated|forcibly\s+displaced|forced\s+from\s+their\s+homes"
              r"|left\s+their\s+homes|forced\s+to\s+leave(?:\s+their\s+homes)?|stranded|took\s+shelter|taken\s+shelter"
              r"|sought\s+(?:refuge|shelter)|(?:remain|remained|remaining|living|live|lived|stay|staying)\s+in\s+(?:\w+\s+)?camps"
              r"|crossed\s+into|fleeing|(?:seen\s+)?leaving\s+(?:the|their)\s+(?:towns?|city|cities|area|villages?|homes?|camps?)")
_MISSING = (r"missing|disappeared|forcibly\s+disappeared|unaccounted\s+for"
            r"|(?:whose\s+)?(?:fate|whereabouts)\s+(?:remains?|is|are)\s+(?:still\s+)?unknown")
_VERBS = rf"(?P<v_killed>{_KILLED})|(?P<v_injured>{_INJURED})|(?P<v_detained>{_DETAINED})|(?P<v_displaced>{_DISPLACED})|(?P<v_missing>{_MISSING})"

# A trie, not a flat alternation: under IGNORECASE the engine cannot skip alternatives by their first
# letter, and this is tried up to 16 times per amount (with and without "more", "of", modifiers).
# Of the nouns matching at one place (one a prefix of the other) the trie tries the longest first,
# as the longest-first alternation did.
_NOUN_ALT = trie_pattern(list(PERSON_NOUNS))
_STOP_MOD = r"(?:and|or|in|on|at|by|to|from|with|of|were|was|are|is|who|that|the|had|have|has|been|as|after|for|during|more)"
# the people an amount counts: "more", "of (the)", up to three modifiers, the noun, "of one family"
# (The case-insensitive patterns here go through `caseless` rather than IGNORECASE: see there.)
_PEOPLE = re.compile(caseless(
    rf"(?P<more>\s+(?:more|other))?(?:\s+of(?:\s+the|\s+them|\s+whom)?)?"
    rf"(?P<mods>(?:\s+(?!{_STOP_MOD}\b)[A-Za-z][\w’'-]*){{0,3}}?)\s+(?P<noun>{_NOUN_ALT})\b"
    # "thousands of Syrian civilians and refugees who have been forced to flee": one figure of two nouns
    rf"(?P<also>\s+(?:and|or)\s+(?!(?:wounded|injured|dead|killed|missing|displaced|detained|martyred|casualties)\b)"
    rf"{_NOUN_ALT}\b(?!\s+(?:and|or)\b))?"
    r"(?P<of>\s+of\s+(?:the\s+|one\s+|a\s+|his\s+|her\s+|their\s+|its\s+)?(?:same\s+|single\s+)?(?:family|(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})))?"
))
_SINGLE = re.compile(caseless(
    # (spaces only, never a line break: a headline's "claims one victim" is not "one victim\n\nA civilian")
    r"\b(?:an?|one)[ \t]+(?:(?!and\b|of\b)[a-z][\w’'-]*[ \t]+){0,2}(?P<noun>" + "|".join(SINGULAR_NOUNS) + r")\b"
))
# a casualty word directly before the amount: "killing 80", "the displacement of more than 120,000"
_VERB_BEFORE = {
    **dict.fromkeys("killing killed kill kills massacring executing executed murdering".split(), "killed"),
    **dict.fromkeys("injuring injured wounding wounded wounds wound injures injure".split(), "injured"),
    **dict.fromkeys("arrested arresting detained detaining abducted abducting kidnapped kidnapping imprisoned holding"
                    .split(), "detained"),
    **dict.fromkeys("displaced displacing forced forcing uprooted uprooting evacuated".split(), "displaced"),
    "disappeared": "missing",
}
_NOUN_OF = {
    **dict.fromkeys("death deaths killing killings massacre execution executions murder bodies body remains martyrdom"
                    .split(), "killed"),
    **dict.fromkeys("injury wounding".split(), "injured"),
    **dict.fromkeys("arrest arrests detention abduction abductions kidnapping imprisonment".split(), "detained"),
    **dict.fromkeys("displacement exodus flight".split(), "displaced"),
    "disappearance": "missing",
}
# "four fighters and several civilians lost their lives", "Nine children among 35 people reported killed"
_COORDINATED = re.compile(caseless(r"\s+(?:and|among|as\s+well\s+as)\s+|,\s+(?=\w+\s+\w+\s+(?:killed|dead|injured|wounded)\b)"))


_DASH_LIST = re.compile(r"\s*[–—]([^–—.;]{1,120})[–—]")


def _coordinated_kind(body: str, end: int, s1: int) -> str | None:
    """The kind of the figure coordinated with this one ("X and Y were killed", also "X – a list of
    people – and Y were killed")."""
    listed = _DASH_LIST.match(body, end, s1)
    if listed and _PEOPLE_LIST.fullmatch(listed.group(1)):
        end = listed.end()
    c = _COORDINATED.match(body, end, s1)
    if c is None:
        return None
    q = QUANTITY.match(body, c.end(), s1)
    if q is None:
        one = _SINGLE.match(body, c.end(), s1)  # "... and a teacher were killed"
        verb = _VERB_AFTER.match(body, one.end(), s1) if one else None
        return _kind(verb, "v_") if verb else None
    people = _PEOPLE.match(body, q.end(), s1)
    verb = _VERB_AFTER.match(body, people.end("noun") if people else q.end(), s1)
    return _kind(verb, "v_") if verb else None


def _list_kind(body: str, s0: int, start: int, before: list[Suggestion]) -> str | None:
    """"the killing of 11 men, five women, nine children": the kind of the figure just before,
    when only a comma or "and" stands between."""
    if not before or before[-1].start < s0:
        return None
    if body[before[-1].end : start].strip(" ,") not in ("", "and", "or"):
        return None
    return before[-1].attributes.get("kind")


_UNKNOWN_AFTER = re.compile(r"[^.;:]{0,60}?\b(?:remains?|is|are)\s+(?:still\s+)?unknown")
_TOLL_VERBS = frozenset("to at of reached rose risen rises rising climbed increased jumped stood stands".split())
_TAKE_LIVES = frozenset("claimed claiming claim claims took taking take takes cost costing".split())
_WORDS = re.compile(r"[\w’'-]+")
_TOLL_NOUN_AFTER = re.compile(caseless(r"\s+(deaths|fatalities)\b"))
_VICTIMS_AFTER = re.compile(caseless(r"[\w,.-]+(?:\s+more)?\s+victims?\b"))


def _prefix_kind(body: str, s0: int, start: int) -> str | None:
    """The casualty kind a verb or noun phrase right before the amount gives it."""
    lo = max(s0, start - 80)
    before = body[lo:start].rstrip()
    if not before or not (before[-1].isalnum() or before[-1] in "_’'-"):  # (a _WORDS character)
        return None  # punctuation between: "were killed, 300 families fled"
    lw = [w.lower() for w in _WORDS.findall(body, lo, start)[-8:]]
    while len(lw) > 1 and lw[-1] in _ANOTHER:  # "killed another six people", "wounding a further 20"
        lw.pop()
        if lw[-1] in ("a", "an") and len(lw) > 1:
            lw.pop()
    last = lw[-1]
    if last in _VERB_BEFORE:
        return _VERB_BEFORE[last]
    if last in _TAKE_LIVES and _VICTIMS_AFTER.match(body, start):
        return "killed"  # "the bombardment claims one victim", "the raid claimed 12 victims"
    if last == "up" and len(lw) > 1 and lw[-2] == "rounded":
        return "detained"
    if last == "of" and len(lw) > 1 and lw[-2] in ("fate", "whereabouts"):
        return "missing" if _UNKNOWN_AFTER.match(body, start) else None  # "the fate of 86 others remains unknown"
    if last == "of" and len(lw) > 1:
        if lw[-2] in ("lives", "life"):
            return "killed" if len(lw) > 3 and lw[-3] == "the" and lw[-4] in _TAKE_LIVES else None
        return _NOUN_OF.get(lw[-2])
    if last == "to" and len(lw) > 1 and lw[-2] == "injuries":
        return "injured"
    if (last in _TOLL_VERBS or last == "toll") and "toll" in lw[-6:]:
        return "killed" if "injury" not in lw else "injured"
    if last in ("to", "at") and len(lw) > 1 and lw[-2] in ("risen", "rose", "climbed", "reached", "jumped") \
            and _TOLL_CLAUSE.search(body, max(s0, start - 160), start):
        return "killed"
    if last == "at" and "put" in lw and ("number" in lw or "toll" in lw):  # "put the number (dead) at 60,000"
        return "killed" if ("toll" in lw or "dead" in lw or "death" in lw) else None
    if last in ("to", "at") and lw[-2:-1] in (["rose"], ["risen"], ["rises"], ["reached"], ["climbed"]):
        # "It rose to 11, the number of people who were killed" / "the number of children killed has risen to 13"
        return _toll_kind(body, start) or _number_of_kind(body[max(s0, start - 220) : start])
    if last in ("included", "include", "were", "are") and len(lw) > 1 and lw[-2] in ("victims", "dead"):
        return "killed"
    if last in _REACHED or (last in ("to", "at") and len(lw) > 1 and lw[-2] in _REACHED):
        return _number_of_kind(body[max(s0, start - 220) : start])  # "the number of displaced ... has reached 9,400"

    return None


_FOLLOWS = re.compile(caseless(r"\b(?:as\s+follows|is\s+thus|the\s+following)\s*:"))
_OF_WHICH = re.compile(r"\s+of\s+(?:which|whom|them)\b")
_AND_WOUNDED = re.compile(caseless(r"\s*(?:,|and|or|,\s*and|,\s*or)\s*(?:wounded|injured)\b"))
# "the death toll from Thursday's airstrikes on a city near the border has risen to 71"
_TOLL_CLAUSE = re.compile(caseless(r"\b(?:death\s+)?toll\b[^.;:]{0,140}$"))
_NUMBER_OF = re.compile(caseless(
    r"(?:the\s+)?(?:number|toll|death\s+toll)\s+of\s+(?:\w+\s+){0,3}?(?:who\s+(?:were\s+|have\s+been\s+)?)?(?P<v>"
    r"killed|died|dead|martyred|wounded|injured|displaced|detained|arrested)"))


_ANOTHER = frozenset(("another", "further", "additional", "other"))
_REACHED = frozenset("reached reaching reaches amounted amounts totalled totaled totals stood stands rose risen climbed"
                     " is was".split())  # ("the total number of people who have been displaced ... is 317,868")
# "the number of internally displaced people from April 29 ...", "the number of people displaced",
# "the number of those killed": what a number that a later verb says "reached N" counts
_NUMBER_OF_BEFORE = re.compile(caseless(
    r"\bnumber\s+of\s+(?:(?:the|those|people|persons|civilians|children|internally|newly|forcibly)(?:\.\.\.|…)?(?:\s+|(?=,\s*who\b))){0,3}"
    r"(?:,?\s*who\s+(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:internally\s+|forcibly\s+)?)?"
    r"(?P<v>killed|dead|deaths|martyrs|martyred|died|wounded|injured|displaced|detained|arrested|detainees|missing)\b"))


def _number_of_kind(before: str) -> str | None:
    """The kind "the number of X" names in the clause before "reached"/"amounted to" (the nearest)."""
    found = None
    for m in _NUMBER_OF_BEFORE.finditer(before):
        found = m
    if found is None or any(c in before[found.end() :] for c in ".;"):
        return None
    v = found.group("v").lower()
    return {"wounded": "injured", "injured": "injured", "displaced": "displaced", "detained": "detained",
            "arrested": "detained", "detainees": "detained", "missing": "missing"}.get(v, "killed")


def _toll_kind(body: str, start: int) -> str | None:
    """"It rose to 6, including two women the number of citizens died": what the number counts."""
    window = body[start : start + 160]
    end = min((i for i in (window.find("."), window.find(";")) if i >= 0), default=len(window))
    m = _NUMBER_OF.search(window, 0, end)
    if m is None:
        return None
    v = m.group("v").lower()
    return {"wounded": "injured", "injured": "injured", "displaced": "displaced", "detained": "detained",
            "arrested": "detained"}.get(v, "killed")


_VERB_AFTER = re.compile(caseless(
    r"(?:\s*,\s*(?:including|among\s+them|mostly|most\s+of\s+them|many\s+of\s+them|all\s+of\s+them)[^,.;]{0,80},"
    # (a breakdown between dashes: "at least 11 people – including two children – were killed")
    r"|\s*[–—]\s*(?:including|among\s+them|mostly|most\s+of\s+them)[^,.;–—]{0,80}[–—]"
    # (or with no mark after it: "Eight civilians, including 3 children were killed", "37 soldiers including
    # eight officers were killed")
    r"|\s*,?\s+including(?:\s+[\w’'-]+){1,4}?(?=\s+(?:were|was|have|had|are)\s)"
    # ("nearly 60,000 people, most of whom fled their homes": what most of them went through)
    r"|\s*,\s*(?:most|many|all|the\s+majority)\s+of\s+(?:whom|them)(?=\s))?"
    r"(?:\s+of\s+(?:them|whom))?"
    r"(?:\s+(?:who|that|have|has|had|were|was|are|is|been|being|got|reportedly|reported|also|all|later|allegedly|now|still"
    r"|subsequently|more|others?|already|either|had\s+been|have\s+been|remain|remained|remains|to\s+be|to\s+have\s+been"
    r"|documented|recorded|confirmed"
    r"|in\s+the\s+camps?|[a-z]+ly)\b){0,4}\s+[“\"]?(?:"
    + _VERBS + r")\b"
))
# what may follow a bare amount that is tied to a verb ("killing 12 in Douma", "injuring dozens.")
_NEXT_OK = re.compile(caseless(
    r"(?:\s*(?:[,.;:)”\"’–—-]|$)|\s+(?:and|or|in|on|at|as|after|during|since|when|while|including|among|near|inside|across|who"
    r"|were|was|are|is|have|had|has|more|others|so\s+far|today|yesterday|" + _KILLED + "|" + _INJURED + r")\b)"
))
_LIST_ITEM = (r"(?:\d[\d,]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty"
              r"|forty|fifty|dozens|several)\s+(?:[a-z-]+\s+)?(?:" + "|".join(sorted({*PERSON_NOUNS, *SINGULAR_NOUNS}, key=len, reverse=True)) + r")")
_PEOPLE_LIST = re.compile(rf"\s*{_LIST_ITEM}(?:\s*(?:,\s*and|,|and)\s+{_LIST_ITEM})*\s*", re.IGNORECASE)
_SENTENCE_BREAKDOWN = re.compile(r"\s*(?:among\s+(?:them|the\s+(?:dead|victims|injured|wounded))\s+(?:are|were)|of\s+(?:them|those|whom)\s*,?)\s*$")
# a breakdown of a figure just given: "at least 82 civilians, including 11 women and 13 children"
_BREAKDOWN_WORDS = ("including", "among them", "among whom", "of whom", "mostly", "most of them", "the majority of them")
_NUMBER_WORDS = [*UNITS, *TENS, *SCALES, "dozen", "dozens", "scores", "tens", "hundreds", "thousands", "millions",
                 "several", "few", "number", "half"]
# words that may stand in an amount before its trigger word ("at least 50", "a hundred", "between 20 and 30")
_QUANTITY_WORDS = frozenset(
    """at least more than over about around approximately roughly some an estimated nearly almost close to just under
    below up as many a maximum minimum of fewer less not no between upwards in excess well most half""".split()
) | frozenset(_NUMBER_WORDS)


_THING_BEFORE = re.compile(r"(?:resolution|article|no\.|number|page|paragraph|route|highway|branch|brigade|division|\$|€|£)\s*$", re.I)
_THING_LAST = frozenset("nNeE.rRhHyY$€£")  # the last characters of those words, either case
FEATURE_RANK = {"facility": 0, "village": 1, "town": 1, "neighbourhood": 1, "district": 2, "city": 2, "region": 3,
                "river": 3, "province": 4, "country": 5}


# "six million people displaced inside Syria, and more than two million in neighbouring states",
# "10 people died from torture – nine at the hands of regime forces": the verb of the figure before
_ELLIPSIS_JOIN = re.compile(r"(?:,\s*(?:and|while)?|\s+(?:and|while)|\s*[–—])\s*$")
_ELLIPSIS_NEXT = re.compile(r"\s+(?:in|inside|across|at|on|from|by)\s")


def _ellipsis_kind(body: str, s0: int, start: int, end: int, s1: int, before: list[Suggestion]) -> str | None:
    """The kind of the figure just before in the sentence, when this amount stands for the same verb:
    joined by "and" / a comma / a dash, no other amount between, and a place or agent after it."""
    if not before or before[-1].start < s0 or start - before[-1].end > 80:
        return None
    between = body[before[-1].end : start]
    if any(c.isdigit() or c in ".;:?!" for c in between) or not _ELLIPSIS_JOIN.search(between):
        return None
    return before[-1].attributes.get("kind") if _ELLIPSIS_NEXT.match(body, end, s1) else None


# "103,539 persons, about 16,619 families", "17,467 families, or 110,393 people": one figure in two units
_RESTATED = re.compile(r"\s*[,(]?\s*(?:or|i\.e\.|that\s+is|(?:the\s+)?equivalent\s+(?:of|to))?\s*", re.IGNORECASE)


def _without_family_restatements(body: str, out: list[Suggestion]) -> list[Suggestion]:
    """Drop a count of families that restates the count of people beside it (the people are the figure)."""
    drop = set()
    for i, sug in enumerate(out):
        if sug.attributes.get("victims") != "families":
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(out):
                continue
            other = out[j]
            if other.attributes.get("victims") in ("families", None) \
                    or other.attributes.get("kind") != sug.attributes.get("kind"):
                continue
            lo, hi = (other.end, sug.start) if j < i else (sug.end, other.start)
            if hi - lo <= 30 and _RESTATED.fullmatch(body, lo, hi):
                drop.add(i)
    return [s for i, s in enumerate(out) if i not in drop] if drop else out


def _kind(m: re.Match[str], prefix: str) -> str | None:
    for k in ("killed", "injured", "detained", "displaced", "missing"):
        if m.group(prefix + k):
            return k
    return None


class CasualtyTagger:
    """Stateless; one instance serves every item."""

    def tag(self, body: str, sentences: Sentences | None = None, dates: list[DateMention] | None = None,
            locations: list[Suggestion] | None = None, scan: Scan | None = None,
            item_date: date | None = None) -> list[Suggestion]:
        if not body:
            return []
        scan = scan or Scan(body)
        if not scan.number and not scan.single:
            return []  # no amount and no "a child": no figure (most statements and meetings)
        sentences = sentences or Sentences(body)
        dates = dates or []
        date_spans = sorted((d.start, d.end) for d in dates)
        date_starts = [s for s, _ in date_spans]

        def in_date(start: int, end: int) -> bool:
            i = bisect.bisect_left(date_starts, end)
            return i > 0 and date_spans[i - 1][1] > start

        out: list[Suggestion] = []
        last_end = -1
        for t_start, t_end in scan.number:
            if t_start < last_end or in_date(t_start, t_end):
                continue
            s0, _ = sentences.at(t_start)
            m = None
            for c in [*starts_before(body, t_start, 4, max(s0, last_end), _QUANTITY_WORDS), t_start]:
                m = QUANTITY.match(body, c)
                if m is not None and m.end() > t_start:
                    break
                m = None
            if m is None:
                continue
            last_end = m.end()
            if in_date(m.start(), m.end()):
                continue
            found = self._figure(body, sentences, m, out)
            if found:
                out.append(found)
                last_end = found.end
        figure_starts = [f.start for f in out]
        singles: list[Suggestion] = []
        for t_start, t_end in scan.single:
            s0, _ = sentences.at(t_start)
            for c in word_starts_before(body, t_start, 3, s0):
                m = _SINGLE.match(body, c)
                if m is not None and m.end() == t_end:
                    break
            else:
                continue
            i = bisect.bisect_left(figure_starts, m.end())
            if in_date(m.start(), m.end()) or (i > 0 and out[i - 1].end > m.start()):
                continue
            found = self._single(body, sentences, m, out[max(0, i - 3) : i])
            if found:
                singles.append(found)
        out.extend(singles)
        out.sort(key=attrgetter("start"))
        out = _without_family_restatements(body, out)
        self._context(body, sentences, out, dates, locations or [], item_date)
        return out

    @staticmethod
    def _breakdown_of(body: str, s0: int, start: int, before: list[Suggestion]) -> str | None:
        """The kind of the figure this one breaks down, if it follows "including"/"among them"."""
        if not before:
            return None
        if before[-1].start < s0:
            # "Among them are seven minors." / "Of those, two ...": the last figure of the sentence before
            opening = body[s0:start].lower()
            if before[-1].start >= s0 - 300 and _SENTENCE_BREAKDOWN.match(opening):
                return before[-1].attributes.get("kind")
            return None
        window = body[max(s0, start - 90) : start].lower()
        lo = max(s0, start - 90)
        paren = window.rfind("(")
        if paren >= 0 and ")" not in window[paren:] and before[-1].end <= lo + paren \
                and len(body[before[-1].end : lo + paren]) <= 30:
            close = body.find(")", start, start + 150)
            if close > 0 and _PEOPLE_LIST.fullmatch(body, lo + paren + 1, close):
                # "ten civilians were killed (one man, one woman and eight children)": brackets holding only
                # counts of people, right after a figure
                return before[-1].attributes.get("kind")
        dash = max(window.rfind("–"), window.rfind("—"))
        if dash >= 0:
            # "Four children – three boys and one girl – and a teacher were killed": a list of people
            # between dashes, right after a figure
            anchor = next((f for f in reversed(before) if f.end <= lo + dash and lo + dash - f.end <= 3), None)
            close = min((i for i in (body.find("–", start, start + 150), body.find("—", start, start + 150)) if i > 0),
                        default=-1)
            if anchor is not None and close > 0 and _PEOPLE_LIST.fullmatch(body, lo + dash + 1, close):
                return anchor.attributes.get("kind")
        k = max(window.rfind(w) for w in _BREAKDOWN_WORDS)
        if k < 0 or any(c in window[k:] for c in ".;:()"):
            return None
        return before[-1].attributes.get("kind")

    def _figure(self, body: str, sentences: Sentences, m: re.Match[str], before: list[Suggestion]) -> Suggestion | None:
        s0, s1 = sentences.at(m.start())
        lo = max(s0, m.start() - 12)
        left = body[lo : m.start()].rstrip()
        # (the regex only when the last character could end one of its words: most amounts follow a space)
        if left and left[-1] in _THING_LAST and _THING_BEFORE.search(body, lo, m.start()):
            return None
        quantity = read_quantity(m)
        if quantity is None:
            return None
        people = _PEOPLE.match(body, m.end(), s1)
        end = (people.end("also") if people.group("also") else people.end("noun")) if people else m.end()
        if people and people.group("of"):
            end = people.end("of")
        toll_noun = _TOLL_NOUN_AFTER.match(body, end, s1) if people else None
        if toll_noun:  # "two civilian deaths": "civilian" describes the deaths the figure counts
            end = toll_noun.end()
        kind, rule = _prefix_kind(body, s0, m.start()), "casualty.verb-before"
        if kind is None:  # (the verb after matters only then)
            verb = _VERB_AFTER.match(body, end, s1)
            if verb:
                kind, rule = _kind(verb, "v_"), "casualty.verb-after"
                if kind == "killed" and _AND_WOUNDED.match(body, verb.end(), s1):
                    kind = "other"  # "25 people were killed and wounded": one count of both
        noun = (toll_noun.group(1).lower() if toll_noun else people.group("noun").lower()) if people else None
        mods = people.group("mods").lower().split() if people else []
        if kind is None and people:
            kind = self._breakdown_of(body, s0, m.start(), before)
            rule = "casualty.breakdown"
        if kind is None and not people and before and before[-1].start >= s0 and _OF_WHICH.match(body, m.end(), s1) \
                and m.start() - before[-1].end <= 80 and not any(c.isdigit() for c in body[before[-1].end : m.start()]):
            kind, rule = before[-1].attributes.get("kind"), "casualty.breakdown"  # "Eight killed — seven of which ..."
        if kind is None and people:
            kind, rule = _coordinated_kind(body, end, s1), "casualty.coordinated"
        if kind is None and people:
            kind = NOUN_KIND.get(noun or "") or next((NOUN_KIND[w] for w in mods if w in NOUN_KIND), None)
            rule = "casualty.noun"
        if kind is None and people:
            kind, rule = _list_kind(body, s0, m.start(), before), "casualty.list"
        if kind is None and people and before and m.start() - before[-1].end <= 300 \
                and _FOLLOWS.search(body, before[-1].end, m.start()) \
                and not any(c.isdigit() for c in body[before[-1].end : m.start()]):
            # "SOHR documented the death of 160 people; the deaths are as follows: ... 65 civilians, including ..."
            kind, rule = before[-1].attributes.get("kind"), "casualty.list"
        if kind is None:
            kind, rule = _ellipsis_kind(body, s0, m.start(), end, s1, before), "casualty.ellipsis"
        if kind is None:
            return None
        if not people and rule not in ("casualty.verb-after", "casualty.ellipsis", "casualty.breakdown") \
                and not _NEXT_OK.match(body, m.end(), s1):
            return None  # "injuring 20 houses", "displacement of 40 percent"
        if quantity["count_min"] is not None and quantity["count_min"] >= 1900 and quantity["count_min"] <= 2100 \
                and not people and m.group(0)[-4:].isdigit():
            return None  # a year that escaped the date tagger ("2000", never "2,000" or "two thousand")
        victims = PERSON_NOUNS.get(noun) if noun else None
        if noun == "men" and "young" in mods:
            victims = "young men"
        attrs: dict[str, Any] = {**quantity, "kind": kind, "victims": victims}
        if (people and people.group("more")) or (not people and body[m.end():m.end() + 6].lstrip().startswith("more")):
            attrs["_more"] = True
        confidence = 0.85 if rule != "casualty.noun" else 0.7
        if quantity["qualifier"] == "vague":
            confidence -= 0.1
        return Suggestion("casualty", m.start(), end, body[m.start():end], attrs, rule, round(confidence, 2))

    def _single(self, body: str, sentences: Sentences, m: re.Match[str], before: list[Suggestion]) -> Suggestion | None:
        s0, s1 = sentences.at(m.start())
        kind, rule = _prefix_kind(body, s0, m.start()), "casualty.verb-before"
        if kind is None:
            verb = _VERB_AFTER.match(body, m.end(), s1)
            kind, rule = (_kind(verb, "v_") if verb else None), "casualty.verb-after"
        if kind is None:
            kind, rule = self._breakdown_of(body, s0, m.start(), before), "casualty.breakdown"
        if kind is None:
            return None
        attrs = {"count_min": 1, "count_max": 1, "qualifier": "exact", "approximate": False, "kind": kind,
                 "victims": SINGULAR_NOUNS[m.group("noun").lower()]}
        return Suggestion("casualty", m.start(), m.end(), m.group(0), attrs, rule, 0.7)

    def _context(self, body: str, sentences: Sentences, found: list[Suggestion], dates: list[DateMention],
                 locations: list[Suggestion], item_date: date | None = None) -> None:
        """victims of "dozens more", event date, location and perpetrator from the same sentence."""
        if not found:
            return
        # candidates by position, so a figure looks only at what is near it (a 1 MB body may be one "sentence")
        filed = dateline_spans(body)  # where the report was filed: never a figure's place
        place_list = sorted((loc.start, i, loc) for i, loc in enumerate(locations)
                            if not any(a <= loc.start < b for a, b in filed))
        place_starts = [p[0] for p in place_list]
        attach_event_dates(body, sentences, found, dates, item_date)

        def near(starts: list[int], items: list[tuple], s0: int, s1: int, sug: Suggestion) -> list:
            lo, hi = max(s0, sug.start - _NEAR), min(s1, sug.end + _NEAR)
            return [x[2] for x in items[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]]

        previous: Suggestion | None = None
        perpetrators: dict[int, str | None] = {}
        for sug in found:
            a = sug.attributes
            s0, s1 = sentences.at(sug.start)
            if a.pop("_more", False) and a.get("victims") is None and previous is not None \
                    and sentences.at(previous.start) == (s0, s1):
                a["victims"] = previous.attributes.get("victims")
            previous = sug
            a["location"] = self._location(sug, near(place_starts, place_list, s0, s1, sug))
            if s1 - s0 > 2 * _NEAR:  # not a sentence: look around the figure only
                s0, s1 = max(s0, sug.start - _NEAR), min(s1, sug.end + _NEAR)
            if s0 not in perpetrators:
                perpetrators[s0] = perpetrator(body[s0:s1])
            a["perpetrator"] = perpetrators[s0]

    @staticmethod
    def _location(sug: Suggestion, near: list[Suggestion]) -> str | None:
        if not near:
            return None
        best = min(near, key=lambda loc: (FEATURE_RANK.get(str(loc.attributes.get("feature")), 3),
                                          min(abs(loc.start - sug.end), abs(sug.start - loc.end))))
        return best.attributes.get("name") or best.text
