"""Attributions the subject reader does not parse by itself (issue 14): who stands behind "a
source at X", "X's reporter", "an X photographer", "the media office for X", "Dr. Y of X"; the
passive "documented by X"; a headline "X: 40,000 have fled"; and the known organisation named
inside a longer description ("Idlib civil defense sources" -> Syrian Civil Defence).

`source_of(text)` returns the organisation or person text to read instead of `text` (None when
none of these forms applies); the speaker tagger then resolves it as usual.
"""

from __future__ import annotations

import re
from functools import lru_cache

from annotator.tagging.names import ORG_ALIASES, ORG_HEADS, fold

# "a source at the Damascus police command", "sources with the White Helmets", "the media office
# for the SDF", "a spokesman for the ministry", "a video from the Syrian Observatory"
_SOURCE_AT = re.compile(
    r"^(?:(?:a|an|the|two|three|several|some)\s+)?(?:(?:local|medical|military|security|police|informed|official|field"
    r"|private|senior|civil\s+defen[cs]e)\s+)?(?:sources?|spokes(?:man|woman|person)|reporters?|correspondents?"
    r"|photographers?|media\s+(?:office|center|centre)|press\s+office|video|statement|report|tweet|post)"
    r"\s+(?:at|in|with|from|of|for|within)\s+(?P<org>.+)$",
    re.IGNORECASE,
)
# "SANA's reporter", "the Observatory's head"
_POSSESSIVE_AGENT = re.compile(
    r"^(?:the\s+)?(?P<org>.+?)(?:’s|'s)\s+(?:reporter|correspondent|photographer|spokes(?:man|woman|person)|source"
    r"|media\s+office|office|team)$", re.IGNORECASE)
# "an AFP photographer", "a Reuters reporter", "the YPG command"
_ORG_AGENT = re.compile(
    r"^(?:[Aa]n?|[Tt]he)\s+(?P<org>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,4})\s+(?:photographer|reporter|correspondent|source"
    r"|sources|spokes(?:man|woman|person)|command|media\s+office|team|official|officials)$")
# "the YPG command in Afrin", "the Syrian Civil Defense Center in Daraa": the unit's place is no part of the name
_IN_PLACE = re.compile(r"^(?P<org>.+?)\s+(?:in|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?$")
# "Dr. Muhannad Fallouh of Damascus Hospital"
_PERSON_OF = re.compile(r"^(?:Dr\.?\s+|Doctor\s+)?(?P<person>[A-Z][\w’'-]+(?:\s+(?:al-|el-)?[A-Z][\w’'-]+){1,3})\s+(?:of|from|at)\s+"
                        r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,4}$")
_UNIT_WORDS = re.compile(r"\s+(?:command|center|centre|agency|team|office)$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def source_of(text: str) -> str | None:
    """The organisation or person behind an attribution `text`, or None."""
    text = text.strip()
    for rx, group in ((_SOURCE_AT, "org"), (_POSSESSIVE_AGENT, "org"), (_ORG_AGENT, "org"), (_PERSON_OF, "person")):
        m = rx.match(text)
        if m:
            inner = m.group(group).strip()
            if group == "person":
                return inner
            org = _org_name(_without_place(inner))
            return org if _looks_like_org(org) else None
    place = _IN_PLACE.match(text)
    if place and (not place.group("org").lower().startswith(("a ", "an ", "the "))
                  or _UNIT_WORDS.search(place.group("org"))):
        return _org_name(place.group("org"))
    return known_org_in(text)


def _org_name(org: str) -> str:
    """A known organisation inside it, or the name without a trailing unit word after an acronym
    ("the YPG command" -> YPG)."""
    known = known_org_in(org)
    if known:
        return known
    unit = _UNIT_WORDS.search(org)
    if unit:
        rest = org[: unit.start()].split()
        if rest and rest[-1].isupper() and len(rest[-1]) > 1:
            return rest[-1]
    return org


def _looks_like_org(name: str) -> bool:
    """An organisation, not a place ("sources in Douma"): a head word, an acronym or a known name."""
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    # (a head word inside a capitalised name counts too: "the Syrian Observatory for Human Rights")
    return bool(words) and (words[-1].lower() in ORG_HEADS or (words[-1].isupper() and len(words[-1]) > 1)
                            or (words[0][:1].isupper() and any(w.lower() in ORG_HEADS for w in words if w[:1].isupper()))
                            or name in ORG_ALIASES.values() or known_org_in(name) is not None)


def _without_place(org: str) -> str:
    place = _IN_PLACE.match(org)
    return place.group("org") if place else org


_ALIAS_RX = re.compile(
    r"(?<![\w-])(" + "|".join(sorted((re.escape(k) for k in ORG_ALIASES if len(k) > 4 or " " in k), key=len, reverse=True))
    + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=4096)
def known_org_in(text: str) -> str | None:
    """A known organisation named inside a longer phrase ("Idlib civil defense sources")."""
    m = _ALIAS_RX.search(text)
    return ORG_ALIASES.get(fold(m.group(1))) or ORG_ALIASES.get(m.group(1).lower()) if m else None


# "documented by the Syrian Observatory", "described by the ministry as"
PASSIVE = re.compile(
    r"\b(?:documented|reported|confirmed|recorded|monitored|described|announced|released|issued|published|counted)\s+by\s+"
    r"(?P<np>(?:the\s+)?[A-Z][^,.;:()“”\"]{1,90})")
# "UNHCR: 40,000 have fled ..." at the start of a line
COLON = re.compile(r"(?m)^(?P<np>[A-Z][\w’'&. -]{1,60}?):\s+\S")
# a statement's byline: "From Jane Doe, UNICEF Regional Director ...", then the quoted statement
# (after a dated line "20 October 2021 – “...")
FROM_LINE = re.compile(
    r"(?m)^From\s+(?P<np>[A-Z][\w’'.-]*(?:\s+(?:al-|el-|de\s+|van\s+)?[A-Z][\w’'.-]*){1,3}),[^\n]{0,160}\n\s*"
    r"(?:[^\n“\"]{0,40}?[–—-]\s*)?[“\"]")
