"""Places no gazetteer knows, named by a cue: "the town of Buqras Fokani", "the villages of Umm
Batna and Jabab", "the al-Joura neighbourhood", and their later bare mentions in the item.

    unknown_places(body, matches) -> [Suggestion(kind="location", rule="cue:place-of" ...)]

`matches` are the location tagger's gazetteer matches (start, end, dropped, org, place): a cue
name never overlaps them, and a Syrian place right after or earlier in the sentence gives the
new place its country (and province).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from annotator.tagging import placewords as W
from annotator.tagging.base import Suggestion
from annotator.tagging.normalise import is_article
from annotator.tagging.placecontext import LeftContext, noun_after, town_of

_NAME_PARTS = re.compile(r"[\s\-‐]+")


def unknown_places(body: str, matches: Sequence[Any]) -> list[Suggestion]:
    """Places named after "the town of" that no gazetteer knows, and their later mentions."""
    taken = [(m.start, m.end) for m in matches if not m.dropped or m.org]
    out: list[Suggestion] = []
    for noun, plural, pos in town_of(body):
        name = W.PLACE_NAME.match(body, pos)
        if name is None:
            continue
        spans = [name.span()]
        if plural:
            pos = name.end()
            while (more := W.MORE_NAMES.match(body, pos)) is not None:
                spans.append(more.span("name"))
                pos = more.end()
        for s, e in spans:
            sug = _unknown(body, s, e, W.UNKNOWN_FEATURE[noun], matches, taken)
            if sug is not None:
                out.append(sug)
                taken.append((sug.start, sug.end))
    for m in matches:  # "in Rashidin, west of Aleppo": a place located by a known one
        if m.dropped or m.place.country != "SY" or body.rfind(" of ", max(0, m.start - 22), m.start) == -1:
            continue
        located = _LOCATED_BY.search(body, max(0, m.start - 100), m.start)
        if located is None:
            continue
        sug = _unknown(body, *located.span("name"), "village", matches, taken)
        if sug is not None:
            sug.rule = "cue:located-by"
            out.append(sug)
            taken.append((sug.start, sug.end))
    for noun, i in noun_after(body):
        before = W.NAME_BEFORE_NOUN.search(body, max(0, i - 60), i + 1)
        if before is None:
            continue
        s, e = before.span("name")
        if " " not in body[s:e] and body[s:e].endswith(W.PEOPLE_ADJECTIVE_ENDINGS) and not body[s:e].startswith(("al-", "el-")):
            continue  # "the Assyrian villages", "the Kurdish district"
        if noun in W.FACILITY_NOUNS:
            e = i + 1 + len(noun)  # "the Kafr Lusin crossing": the noun is part of the name
        sug = _unknown(body, s, e, W.UNKNOWN_FEATURE[noun], matches, taken)
        if sug is not None:
            sug.rule, sug.confidence = "cue:place-noun", 0.5
            out.append(sug)
            taken.append((sug.start, sug.end))
    for sug in list(out):  # the same name again, without the cue
        for a0, a1 in _whole_word(body, sug.text):
            if not any(a < a1 and a0 < b for a, b in taken):
                out.append(Suggestion(kind="location", start=a0, end=a1, text=sug.text,
                                      attributes=dict(sug.attributes, precision=1),
                                      rule="cue:place-of+repeat", confidence=0.5))
                taken.append((a0, a1))
    return out

# "in Rashidin, west of Aleppo", "at al-Jina, 8 km southwest of Atarib": the name before a known
# place's direction ends where the known place begins (matched up to it)
_LOCATED_BY = re.compile(
    r"\b(?:in|at|near)\s+(?:(?:the\s+)?(?:rebel|opposition|government|regime|insurgent|jihadist)[-‐](?:held|controlled)\s+)?"
    r"(?P<name>" + W.NAME_PATTERN + r"),\s+(?:(?:about|some|just)\s+)?(?:\d+\s*(?:km|kilometers|kilometres|miles)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?$")


def _whole_word(body: str, text: str) -> list[tuple[int, int]]:
    r"""Where `text` stands as a whole word (r"(?<!\w)TEXT(?!\w)"), found with str.find: no
    pattern compiled per name."""
    out = []
    n = len(text)
    i = body.find(text)
    while i >= 0:
        before, after = body[i - 1 : i] if i else "", body[i + n : i + n + 1]
        if not (before and (before.isalnum() or before == "_")) and not (after and (after.isalnum() or after == "_")):
            out.append((i, i + n))
            i = body.find(text, i + n)
        else:
            i = body.find(text, i + 1)
    return out


def _unknown(body: str, s: int, e: int, feature: str, matches: Sequence[Any],
             taken: list[tuple[int, int]]) -> Suggestion | None:
    while e > s and body[e - 1] in "’'":
        e -= 1
    if body[e - 2 : e] in ("’s", "'s"):
        e -= 2
    text = body[s:e]
    words = [w for w in _NAME_PARTS.split(text) if w and not is_article(w)]
    if not words or words[0].casefold() in W.FUNCTION_WORDS or any(a < e and s < b for a, b in taken):
        return None
    if len(words) == 1 and words[0].casefold() in W.STOP_SURFACES:
        return None
    country = admin1 = None
    for m in matches:  # "the town of X in rural Idlib": X is in Idlib
        if e <= m.start <= e + 60 and not m.dropped and "." not in body[e : m.start]:
            country, admin1 = m.place.country, m.place.admin1 if m.place.country == "SY" else None
            break
    if country is None and any(  # a Syrian place earlier in the sentence: Syria, admin1 unknown
            s - 120 <= m.end <= s and not m.dropped and m.place.country == "SY" and "." not in body[m.end : s]
            for m in matches):
        country = "SY"
    precision = 2 if LeftContext(body, s).near else 1
    attrs = {"name": " ".join(text.split()), "geonameid": None, "lat": None, "lon": None, "country": country,
             "admin1": admin1, "feature": feature, "precision": precision}
    return Suggestion(kind="location", start=s, end=e, text=text, attributes=attrs, rule="cue:place-of",
                      confidence=0.6)
