"""Tag spans on word boundaries: a selection that starts or ends inside a word takes the whole
word, and the keys that grow or shrink a tag move its edges a word at a time."""

from __future__ import annotations

import re

# "al-Assad" and "U.S" are one word each; an apostrophe ends a word, so tagging "Raqqa" in
# "Raqqa’s" keeps "Raqqa"
_WORD = re.compile(r"\w+(?:[-.]\w+)*")


def _words(body: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(body)]


def snap_to_words(body: str, start: int, end: int) -> tuple[int, int]:
    """The smallest run of whole words covering body[start:end]; surrounding spaces and
    punctuation dropped. A span with no word in it is returned unchanged."""
    start, end = max(0, start), min(len(body), end)
    covered = [(a, b) for a, b in _words(body) if a < end and b > start]
    if not covered:
        return start, end
    return covered[0][0], covered[-1][1]


def step(body: str, start: int, end: int, edge: str, grow: bool) -> tuple[int, int]:
    """Move one edge ("start" or "end") of a span by one word, outwards (grow) or inwards.
    A span never shrinks below one word and never grows past the text."""
    words = _words(body)
    inside = [(a, b) for a, b in words if a >= start and b <= end]
    if edge == "end":
        if grow:
            nxt = next(((a, b) for a, b in words if a >= end), None)
            return (start, nxt[1]) if nxt else (start, end)
        return (start, inside[-2][1]) if len(inside) > 1 else (start, end)
    if grow:
        prev = [(a, b) for a, b in words if b <= start]
        return (prev[-1][0], end) if prev else (start, end)
    return (inside[1][0], end) if len(inside) > 1 else (start, end)
