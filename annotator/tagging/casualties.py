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

import re
from typing import Any

from annotator.tagging.base import Suggestion
from annotator.tagging.dates import DateMention
from annotator.tagging.numbers import QUANTITY, read_quantity
from annotator.tagging.text import Sentences

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
    "palestinians": "Palestinians", "iraqis": "Iraqis", "others": None, "victims": None, "bodies": None,
    "dead": None, "wounded": None, "injured": None, "casualties": None, "martyrs": None, "lives": None,
}
SINGULAR_NOUNS = {
    "civilian": "civilians", "child": "children", "woman": "women", "man": "men", "boy": "boys", "girl": "girls",
    "person": "people", "journalist": "journalists", "activist": "activists", "doctor": "medical workers",
    "nurse": "medical workers", "medic": "medical workers", "paramedic": "medical workers", "detainee": "detainees",
    "prisoner": "prisoners", "fighter": "fighters", "soldier": "soldiers", "volunteer": "volunteers",
    "worker": "workers", "student": "students", "teacher": "teachers", "infant": "children", "baby": "children",
    "resident": "residents", "refugee": "refugees", "farmer": "farmers", "member": "members",
}
# a noun (or modifier) that is itself a casualty word
NOUN_KIND = {
    "detainees": "detained", "prisoners": "detained", "refugees": "displaced", "idps": "displaced",
    "displaced": "displaced", "bodies": "killed", "dead": "killed", "martyrs": "killed", "lives": "killed",
    "wounded": "injured", "injured": "injured", "casualties": "other", "abductees": "detained",
    "disappeared": "missing", "missing": "missing", "detained": "detained", "arrested": "detained",
    "killed": "killed",
}

_KILLED = (r"killed|dead|died|killing|massacred|executed|slain|murdered|perished|lost\s+their\s+lives|shot\s+dead"
           r"|burned\s+to\s+death|tortured\s+to\s+death|drowned|martyred")
_INJURED = r"injured|wounded|hurt|injuring|wounding|maimed|suffered\s+injuries"
_DETAINED = r"detained|arrested|abducted|kidnapped|rounded\s+up|taken\s+prisoner|imprisoned|jailed|taken\s+captive"
_DISPLACED = (r"displaced|fled|forced\s+to\s+flee|to\s+flee|uprooted|evacuated|forcibly\s+displaced|forced\s+from\s+their\s+homes"
              r"|left\s+their\s+homes")
_MISSING = r"missing|disappeared|forcibly\s+disappeared|unaccounted\s+for"
_VERBS = rf"(?P<v_killed>{_KILLED})|(?P<v_injured>{_INJURED})|(?P<v_detained>{_DETAINED})|(?P<v_displaced>{_DISPLACED})|(?P<v_missing>{_MISSING})"

_NOUN_ALT = "|".join(sorted((re.escape(n) for n in PERSON_NOUNS), key=len, reverse=True))
_STOP_MOD = r"(?:and|or|in|on|at|by|to|from|with|of|were|was|are|is|who|that|the|had|have|has|been|as|after|for|during|more)"
# the people an amount counts: "more", "of (the)", up to three modifiers, the noun, "of one family"
_PEOPLE = re.compile(
    rf"(?P<more>\s+(?:more|other))?(?:\s+of(?:\s+the|\s+them|\s+whom)?)?"
    rf"(?P<mods>(?:\s+(?!{_STOP_MOD}\b)[A-Za-z][\w’'-]*){{0,3}}?)\s+(?P<noun>{_NOUN_ALT})\b"
    r"(?P<of>\s+of\s+(?:the\s+|one\s+|a\s+|his\s+|her\s+|their\s+|its\s+)?(?:same\s+)?(?:family|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}))?",
    re.IGNORECASE,
)
_SINGLE = re.compile(
    r"\b(?:an?|one)\s+(?:(?!and\b|of\b)[a-z][\w’'-]*\s+)?(?P<noun>" + "|".join(SINGULAR_NOUNS) + r")\b", re.IGNORECASE
)
# a casualty word directly before the amount
_PREFIX = re.compile(
    r"(?:(?P<p_killed>\b(?:killing|killed|kill|kills|massacring|executing|executed|murdering)"
    r"|\b(?:claim(?:ed|ing|s)?|took|taking|take|cost|costing)\s+the\s+lives\s+of|\b(?:deaths?|killings?|massacre|execution|murder|bodies|remains)\s+of"
    r"|\btoll\b[^.;]{0,40}?\b(?:rose|risen|rises|rising|climbed|reached|increased|jumped|stood|stands|of)(?:\s+to|\s+at)?"
    r"|\bvictims\s+(?:included|include|were|are))"
    r"|(?P<p_injured>\b(?:injuring|injured|wounding|wounded|injuries\s+to|injury\s+of|wounding\s+of))"
    r"|(?P<p_detained>\b(?:arrested|arresting|detained|detaining|abducted|abducting|kidnapped|kidnapping|imprisoned|holding|rounded\s+up"
    r"|(?:arrests?|detention|abductions?|kidnapping|imprisonment)\s+of))"
    r"|(?P<p_displaced>\b(?:displaced|displacing|forced|forcing|uprooted|uprooting|evacuated|(?:displacement|exodus|flight)\s+of))"
    r"|(?P<p_missing>\b(?:disappearance\s+of|disappeared)))"
    r"(?:\s+(?:about|around|some|at\s+least|more\s+than|over|nearly|almost|up\s+to|an\s+estimated))?\s+$",
    re.IGNORECASE,
)
_VERB_AFTER = re.compile(
    r"(?:\s*,\s*(?:including|among\s+them|mostly|most\s+of\s+them|many\s+of\s+them|all\s+of\s+them)[^,.;]{0,80},)?"
    r"(?:\s+(?:who|that|have|has|had|were|was|are|is|been|being|got|reportedly|also|all|later|allegedly|now|still"
    r"|subsequently|more|others?|already|either|had\s+been|have\s+been|[a-z]+ly)\b){0,3}\s+(?:" + _VERBS + r")\b",
    re.IGNORECASE,
)
# what may follow a bare amount that is tied to a verb ("killing 12 in Douma", "injuring dozens.")
_NEXT_OK = re.compile(
    r"(?:\s*(?:[,.;:)”\"’]|$)|\s+(?:and|or|in|on|at|as|after|during|since|when|while|including|among|near|inside|across"
    r"|were|was|are|is|have|had|has|more|others|so\s+far|today|yesterday|" + _KILLED + "|" + _INJURED + r")\b)",
    re.IGNORECASE,
)
# a breakdown of a figure just given: "at least 82 civilians, including 11 women and 13 children"
_BREAKDOWN = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|of\s+whom|mostly|most\s+of\s+them|the\s+majority\s+of\s+them(?:\s+were)?)"
    r"\s+(?:[^.;:()]{0,60}?\s+and\s+)?(?:(?:his|her|their)\s+)?$",
    re.IGNORECASE,
)
_THING_BEFORE = re.compile(r"(?:resolution|article|no\.|number|page|paragraph|route|highway|branch|brigade|division|\$|€|£)\s*$", re.I)
_ACTOR_WORDS = (
    r"(?:[A-Z][\w’'-]*|regime|forces|militias?|occupation|coalition|army|air|force|international|anti-ISIS|so-called"
    r"|sectarian|allied|pro-government|pro-regime|government|warplanes|jets|aircraft|helicopters|fighters|gunmen"
    r"|US-led|[\w]+-backed|[\w]+-led|its|their|allies|and|of|the)"
)
_PERP_OF = re.compile(
    r"\b(?P<weapon>warplanes|jets|aircraft|planes|helicopters|drones|airstrikes|air\s+strikes|strikes|raids|shelling|bombardment"
    r"|bombing|shells|rockets|missiles|barrel\s+bombs|forces|militias|gunmen|snipers|fighters|troops)\s+(?P<prep>of|by)\s+"
    rf"(?P<actor>(?:the\s+)?{_ACTOR_WORDS}(?:\s+{_ACTOR_WORDS}){{0,6}})"
)
_PERP_SUBJECT = re.compile(
    rf"(?P<actor>(?:[A-Z][\w’'-]*\s+|(?:regime|Russian|Iranian-backed|US-led|pro-government)\s+)(?:{_ACTOR_WORDS}\s+){{0,5}}?"
    r"(?:regime|forces|militias|warplanes|jets|aircraft|helicopters|army|troops|coalition|gunmen|fighters|ISIS|SDF|PYD|YPG|HTS))"
    r"\s+(?:\w+\s+){0,2}?(?:killed|shelled|bombed|targeted|opened\s+fire|committed|arrested|detained|executed|abducted"
    r"|raided|stormed|dropped|launched|pounded|hit|struck|shot|besieged)\b"
)
_PERP_BY = re.compile(rf"\bby\s+(?P<actor>(?:the\s+)?(?:[A-Z][\w’'-]*|regime|pro-government|US-led|Russian|Iranian-backed)(?:\s+{_ACTOR_WORDS}){{0,5}})")
_TRAILING_JUNK = re.compile(r"(?:\s+(?:and|of|the|its|their|on|in))+$")
FEATURE_RANK = {"facility": 0, "village": 1, "town": 1, "neighbourhood": 1, "district": 2, "city": 2, "region": 3,
                "river": 3, "province": 4, "country": 5}


def _kind(m: re.Match[str], prefix: str) -> str | None:
    for k in ("killed", "injured", "detained", "displaced", "missing"):
        if m.group(prefix + k):
            return k
    return None


def _perpetrator(sentence: str) -> str | None:
    m = _PERP_OF.search(sentence)
    if m:
        actor = _TRAILING_JUNK.sub("", m.group("actor"))
        if re.search(r"[A-Z]|regime|forces|militia|coalition|occupation", actor):
            return " ".join(f"{m.group('weapon')} {m.group('prep')} {actor}".split()) if m.group("prep") == "of" else \
                " ".join(re.sub(r"^the\s+", "", actor).split())
    m = _PERP_SUBJECT.search(sentence)
    if m:
        return " ".join(_TRAILING_JUNK.sub("", m.group("actor")).split())
    m = _PERP_BY.search(sentence)
    if m:
        actor = _TRAILING_JUNK.sub("", re.sub(r"^the\s+", "", m.group("actor")))
        if re.search(r"regime|forces|militia|coalition|army|ISIS|SDF|PYD|YPG|HTS|warplanes|Russia|Iran", actor):
            return " ".join(actor.split())
    return None


class CasualtyTagger:
    """Stateless; one instance serves every item."""

    def tag(self, body: str, sentences: Sentences | None = None, dates: list[DateMention] | None = None,
            locations: list[Suggestion] | None = None) -> list[Suggestion]:
        if not body:
            return []
        sentences = sentences or Sentences(body)
        dates = dates or []
        taken = [(d.start, d.end) for d in dates]
        out: list[Suggestion] = []
        for m in QUANTITY.finditer(body):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            found = self._figure(body, sentences, m, out)
            if found:
                out.append(found)
                taken.append((found.start, found.end))
        for m in _SINGLE.finditer(body):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            found = self._single(body, sentences, m, [o for o in out if o.start < m.start()])
            if found:
                out.append(found)
        out.sort(key=lambda s: s.start)
        self._context(body, sentences, out, dates, locations or [])
        return out

    @staticmethod
    def _breakdown_of(body: str, s0: int, start: int, before: list[Suggestion]) -> str | None:
        """The kind of the figure this one breaks down, if it follows "including"/"among them"."""
        if not before or before[-1].start < s0 or not _BREAKDOWN.search(body, max(s0, start - 90), start):
            return None
        return before[-1].attributes.get("kind")

    def _figure(self, body: str, sentences: Sentences, m: re.Match[str], before: list[Suggestion]) -> Suggestion | None:
        s0, s1 = sentences.at(m.start())
        if _THING_BEFORE.search(body, max(s0, m.start() - 12), m.start()):
            return None
        quantity = read_quantity(m)
        if quantity is None:
            return None
        people = _PEOPLE.match(body, m.end(), s1)
        end = people.end("noun") if people else m.end()
        if people and people.group("of"):
            end = people.end("of")
        prefix = _PREFIX.search(body, max(s0, m.start() - 70), m.start())
        verb = _VERB_AFTER.match(body, end, s1)
        kind, rule = None, ""
        if prefix:
            kind, rule = _kind(prefix, "p_"), "casualty.verb-before"
        if kind is None and verb:
            kind, rule = _kind(verb, "v_"), "casualty.verb-after"
        noun = people.group("noun").lower() if people else None
        mods = people.group("mods").lower().split() if people else []
        if kind is None and people:
            kind = self._breakdown_of(body, s0, m.start(), before)
            rule = "casualty.breakdown"
        if kind is None and people:
            kind = NOUN_KIND.get(noun) or next((NOUN_KIND[w] for w in mods if w in NOUN_KIND), None)
            rule = "casualty.noun"
        if kind is None:
            return None
        if not people and not _NEXT_OK.match(body, m.end(), s1):
            return None  # "injuring 20 houses", "displacement of 40 percent"
        if quantity["count_min"] is not None and quantity["count_min"] >= 1900 and quantity["count_min"] <= 2100 \
                and not people and "," not in m.group(0):
            return None  # a year that escaped the date tagger
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
        prefix = _PREFIX.search(body, max(s0, m.start() - 70), m.start())
        kind = _kind(prefix, "p_") if prefix else None
        rule = "casualty.verb-before"
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
                 locations: list[Suggestion]) -> None:
        """victims of "dozens more", event date, location and perpetrator from the same sentence."""
        previous: Suggestion | None = None
        for sug in found:
            a = sug.attributes
            s0, s1 = sentences.at(sug.start)
            if a.pop("_more", False) and a.get("victims") is None and previous is not None \
                    and sentences.at(previous.start) == (s0, s1):
                a["victims"] = previous.attributes.get("victims")
            previous = sug
            a.update(self._event_date(sug, s0, s1, dates))
            a["location"] = self._location(sug, s0, s1, locations)
            a["perpetrator"] = _perpetrator(body[s0:s1])

    @staticmethod
    def _event_date(sug: Suggestion, s0: int, s1: int, dates: list[DateMention]) -> dict[str, Any]:
        near = [d for d in dates if s0 <= d.start < s1 and not d.statement]
        if not near:
            return {"event_date": None}
        best = min(near, key=lambda d: min(abs(d.start - sug.end), abs(sug.start - d.end)))
        if best.value is not None:
            return {"event_date": best.value.isoformat()}
        return {"event_date": None, "event_date_start": best.first.isoformat(), "event_date_end": best.last.isoformat()}  # type: ignore[union-attr]

    @staticmethod
    def _location(sug: Suggestion, s0: int, s1: int, locations: list[Suggestion]) -> str | None:
        near = [loc for loc in locations if s0 <= loc.start < s1]
        if not near:
            return None
        best = min(near, key=lambda loc: (FEATURE_RANK.get(str(loc.attributes.get("feature")), 3),
                                          min(abs(loc.start - sug.end), abs(sug.start - loc.end))))
        return best.attributes.get("name") or best.text
