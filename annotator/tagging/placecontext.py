"""Reading the words around a place name: what the few words before it say ("rural", "near the
town of", "in", "Friends of"), and where the cues for places the gazetteer lacks are.

Plain string methods and word sets (one anchored match at most), no regular expression scans: this
runs for every match."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from annotator.tagging import placewords as W

_CUTS = ".,;:!?()[]\"“”"
_NO_CUT = re.compile("[^" + re.escape(_CUTS) + "]*")
_PAD = [""] * 8
# The last letters of the nouns town_of looks for, and of their plurals, either case.
_NOUN_LAST = frozenset("".join(n[-1] for n in W.UNKNOWN_FEATURE) + "s" + "".join(n[-1] for n in W.UNKNOWN_FEATURE).upper() + "S")


class LeftContext:
    """What the few words right before a place name (up to punctuation) say, read once:
    `town` "the town of X", `province` "rural X" / "the (eastern) countryside of X", `direction`
    "northern X", `near` "near X" / "southeast of X", `locative` "in X" / "to X", `organisation`
    "Friends of X". `orig` holds the words themselves, nearest first."""

    __slots__ = ("orig", "last_start", "town", "province", "direction", "near", "locative", "organisation")

    def __init__(self, body: str, s: int) -> None:
        lo = max(0, s - 64)
        window = body[lo:s]
        stripped = window.rstrip()
        # The last six words, back to the last punctuation mark (a word holding one keeps its part
        # after it): the words of what follows that mark, which one match on the reversed text finds.
        clause = stripped[len(stripped) - _NO_CUT.match(stripped[::-1]).end() :]  # type: ignore[union-attr]  # a "…*" pattern always matches
        words = clause.split()[-6:]
        words.reverse()  # nearest first
        self.last_start = lo + len(stripped) - len(words[0]) if words else s
        if words and words[0].endswith(("-", "‐")) and len(stripped) == len(window):
            words.pop(0)  # "al-" joined to the name: part of it, not context
        self.orig = words
        (self.town, self.province, self.direction, self.near, self.locative,
         self.organisation) = _cues(" ".join(words))


@lru_cache(maxsize=16384)
def _cues(joined: str) -> tuple[str | None, tuple[str, bool] | None, str | None, str | None, bool, bool]:
    """(town, province, direction, near, locative, organisation) for the words before a place
    (`joined`: nearest first, one space apart). The same few words come back ("in", "rural",
    "the town of"), so each distinct set is read once."""
    words = joined.split(" ") if joined else []
    # (casefold maps no character to whitespace: one call for all the words)
    low = joined.casefold().split(" ") if joined else []
    low += _PAD  # padded: low[i] never runs off
    w0, w1, w2 = low[0], low[1], low[2]
    noun = w1.removesuffix("s")
    town = noun if w0 == "of" and noun in W.TOWN_NOUNS else None
    direction = w0 if w0 in W.DIRECTIONS else None
    j = 1 if w0 == "the" else 0  # "the province of the X"
    a, b, c = low[j], low[j + 1], low[j + 2]
    province: tuple[str, bool] | None = None
    if w0 == "rural":
        province = ("rural", w1 in W.DIRECTIONS)
    elif a == "of" and b in W.PROVINCE_NOUNS:
        province = (b, c in W.DIRECTIONS)
    elif a == "of" and b == "areas" and c == "rural":
        province = ("rural", low[j + 3] in W.DIRECTIONS)
    if a in ("to", "from", "at") and b in W.NOT_LOCATIVE:
        locative = False
    else:
        locative = a in W.LOCATIVE or (a == "of" and b in W.LOCATIVE_OF)
    after = words[j + 1] if j + 1 < len(words) else ""
    if a == "of":
        organisation = after in W.ORG_BEFORE_OF
    else:
        organisation = a in ("for", "in") and after[:1].isupper() and after in W.ORG_BEFORE_OF
    # near: skip "the town of" first ("near the town of Alashara")
    k = (3 if w2 == "the" else 2) if town else 0
    if low[k] == "the":
        k += 1
    n0, n1 = low[k], low[k + 1]
    near: str | None
    if n0 in W.NEAR_WORDS:
        near = n0
    elif (n0 == "of" and n1 in W.NEAR_OF) or (n0 in ("from", "outside") and n1 in W.DISTANCE_UNITS):
        near = n1
    elif n0 == "to" and n1 in ("close", "road"):
        near = n1
    else:
        near = None
    return town, province, direction, near, locative, organisation


def town_of(body: str) -> Iterator[tuple[str, bool, int]]:
    """(noun, plural, where the name starts) for each "town of", "villages of", "camp of"..."""
    i = body.find(" of ")
    while i != -1:
        last = body[i - 1 : i]
        if last.isascii() and last not in _NOUN_LAST:  # (most " of " follow no such noun)
            i = body.find(" of ", i + 4)
            continue
        word = body[max(body.rfind(" ", 0, i), body.rfind("\n", 0, i)) + 1 : i].casefold()
        noun = word[:-1] if word.endswith("s") and word[:-1] in W.UNKNOWN_FEATURE else word
        if noun in W.UNKNOWN_FEATURE:
            yield noun, noun != word, i + 4
        i = body.find(" of ", i + 4)


def noun_after(body: str) -> Iterator[tuple[str, int]]:
    """(noun, index of the space before it) for "... neighbourhood", "... district", "... camp"."""
    for noun in W.NOUNS_AFTER:
        i = body.find(" " + noun)
        while i != -1:
            end = i + 1 + len(noun)
            if not body[end : end + 1].isalpha() or body[end : end + 2] == "s " or body[end:] == "s":
                yield noun, i
            i = body.find(" " + noun, end)
