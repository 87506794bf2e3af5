"""Amounts as news items write them: "1,500", "2.5 million", "twenty-three", "a dozen",
"hundreds of thousands", with the qualifier in front ("at least", "more than", "nearly" ...).

`QUANTITY` finds one amount with its qualifier; `read_quantity` turns the match into
count_min / count_max / qualifier / approximate following the conventions of DESIGN.md:
"at least 50" -> 50/None; "about 50" -> 50/50 approximate; "more than 120,000" -> 120000/None
approximate; "nearly 100" / "up to 100" -> None/100; "dozens" -> None/None vague.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from annotator.tagging.text import caseless

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN = "|".join(TENS)
_SCALE = "|".join(SCALES)
# "twenty-three", "two hundred and fifty", "three thousand", "a hundred"; "and" only after a scale
# word, so "five and six" stays two numbers.
_CORE = rf"(?:(?:{_TEN})(?:[-\s](?:{_UNIT}))?|{_UNIT})"
_WORD_NUMBER = (
    rf"(?:{_CORE}|a(?=\s+(?:{_SCALE})))"
    rf"(?:(?:(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|[-\s]+)(?:{_CORE}|{_SCALE}))*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = rf"(?:(?:{_DIGITS})(?:\s+(?:{_SCALE}))?|half\s+a\s+(?:million|billion)|a\s+dozen|{_WORD_NUMBER})"
VAGUE = (
    r"(?:(?:tens|hundreds|dozens|scores)\s+of\s+(?:thousands|millions)|dozens|scores|tens|hundreds|thousands|millions"
    r"|several|a\s+number|a\s+few)"
)
QUALIFIERS = {
    "at_least": r"at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of|not\s+less\s+than",
    "more_than": r"more\s+than|over|upwards\s+of|in\s+excess\s+of|well\s+over",
    "about": r"about|around|approximately|roughly|some|an\s+estimated|estimated|almost\s+exactly",
    "nearly": r"nearly|almost|close\s+to|just\s+under|just\s+below",
    "up_to": r"up\s+to|as\s+many\s+as|as\s+high\s+as|a\s+maximum\s+of|fewer\s+than|less\s+than|at\s+most",
}
_QUAL = "(?P<qual>" + "|".join(QUALIFIERS.values()) + ")"
_QUAL_RX = {k: re.compile(rf"(?:{v})$", re.IGNORECASE) for k, v in QUALIFIERS.items()}


def _qualifier(text: str | None) -> str | None:
    if not text:
        return None
    key = " ".join(text.lower().split())
    found = _QUAL_CACHE.get(key)
    if found is None:
        found = next(k for k, rx in _QUAL_RX.items() if rx.match(key))
        _QUAL_CACHE[key] = found
    return found


_QUAL_CACHE: dict[str, str] = {}

# One amount. `a` only counts as a number before a scale word ("a hundred") or in "a dozen";
# the casualty tagger handles "a child" separately.
# (Case-insensitive through `caseless`, not IGNORECASE: see there.)
QUANTITY = re.compile(caseless(
    rf"\b(?:(?:{_QUAL})\s+)?"
    rf"(?:between\s+(?P<lo>{NUMBER})\s+and\s+(?P<hi>{NUMBER})"
    rf"|(?P<lo2>{_DIGITS})\s*(?:-|–|to)\s*(?P<hi2>{_DIGITS})(?!\d)"
    rf"|(?P<num>{NUMBER})|(?P<vague>{VAGUE}))\b"
))


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
_HALF = re.compile(r"half\s+a\s+(million|billion)")
_DIGITS_SCALE = re.compile(rf"({_DIGITS})(?:\s+({_SCALE}))?")
_WORD_SPLIT = re.compile(r"[\s-]+")


@lru_cache(maxsize=65536)  # pure, and the same few number words come back in every item
def parse_number(text: str) -> int | None:
    """The integer value of digits or number words; None if it is not a number."""
    t = text.strip().lower().replace("–", "-")
    if not t:
        return None
    if t.isdigit():
        return int(t) if int(t) > 0 else None
    if t.replace(",", "").isdigit() and _GROUPED.fullmatch(t):
        return int(t.replace(",", ""))
    if t == "a dozen":
        return 12
    m = _HALF.fullmatch(t)
    if m:
        return SCALES[m.group(1)] // 2
    m = _DIGITS_SCALE.fullmatch(t)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= SCALES[m.group(2)]
        return int(round(value))
    total, current, seen = 0, 0, False
    for word in _WORD_SPLIT.split(t):
        if word == "and":
            continue
        if word == "a":
            current = max(current, 1)
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            scale = SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    return value if value > 0 else None


def read_quantity(m: re.Match[str]) -> dict[str, Any] | None:
    """count_min, count_max, qualifier, approximate for a QUANTITY match (None if unreadable)."""
    qualifier = _qualifier(m.group("qual"))
    if m.group("vague"):
        return {"count_min": None, "count_max": None, "qualifier": "vague", "approximate": True}
    lo_text = m.group("lo") or m.group("lo2")
    if lo_text:
        lo, hi = parse_number(lo_text), parse_number(m.group("hi") or m.group("hi2"))
        if lo is None or hi is None or hi < lo:
            return None
        return {"count_min": lo, "count_max": hi, "qualifier": qualifier or "about", "approximate": True}
    n = parse_number(m.group("num"))
    if n is None:
        return None
    approximate_word = m.group("num").lower().startswith(("a dozen", "half a"))
    if qualifier is None:
        qualifier = "about" if approximate_word else "exact"
    if qualifier == "exact":
        return {"count_min": n, "count_max": n, "qualifier": "exact", "approximate": False}
    if qualifier == "at_least":
        return {"count_min": n, "count_max": None, "qualifier": qualifier, "approximate": False}
    if qualifier == "more_than":
        return {"count_min": n, "count_max": None, "qualifier": qualifier, "approximate": True}
    if qualifier == "about":
        return {"count_min": n, "count_max": n, "qualifier": qualifier, "approximate": True}
    return {"count_min": None, "count_max": n, "qualifier": qualifier, "approximate": True}  # nearly / up_to
