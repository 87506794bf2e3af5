"""Clause-level helpers for the speaker tagger: tokens with offsets, where a clause starts, whether a
subject ends in an organisation name, and what a statement reports (its quote)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.tagging.names import ORG_HEADS, strip_possessive
from annotator.tagging.text import clean_space

_NONSPACE = re.compile(r"[^\s]+")
# ("news": "the official SANA news agency", a news agency named by its acronym)
ORG_MODIFIERS = frozenset("provincial local military city revolutionary media relief legal political human news".split())

_BOUNDARY_MARKS = ",;:“”\"()—–"
_BOUNDARY_WORDS = (" that ", " as ", " while ", " whereas ", " but ", " when ", " after ", " before ", " because ",
                   " since ")


# The marks and the conjunctions (spaces included) spelled backwards, for a search from the end.
_REVERSED_BOUNDARY = re.compile("|".join([*map(re.escape, _BOUNDARY_MARKS), *(re.escape(w[::-1]) for w in _BOUNDARY_WORDS)]))


def last_boundary(left: str) -> int:
    """Where the clause ending `left` starts: after the last punctuation mark or conjunction.

    That is the largest end of a mark or conjunction in " " + left + " " (padded so a conjunction
    may open or close it), found as the first match in the padded text reversed."""
    padded = " " + left[::-1] + " "
    m = _REVERSED_BOUNDARY.search(padded)
    if m is None:
        return 0
    # a mark at reversed index r ends at len - 1 - r in the padded text, which is its end in `left`
    # plus one; a conjunction ends one later, on its trailing space (kept out of the clause)
    r = m.start()
    return len(padded) - 1 - r if padded[r] != " " else len(padded) - 2 - r


_QUOTE_OPENS = re.compile(r"\s*(?:that\s+|:\s*|,\s*)?[“\"]")
_QUOTE_CLOSES = re.compile(r"[”\"]")
_THAT_CLAUSE = re.compile(r"\s*(?:[\w’'-]+\s+){0,3}?that\s+")
_CLAUSE_END = re.compile(r"[\s.,]*(?:(?:in|during|on|at|after)\b[^“”\"]*)?")
_QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")


class Tok:
    """A whitespace-separated token with body offsets; `bare` drops a possessive ’s."""

    __slots__ = ("start", "end", "text", "bare")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text
        self.bare = strip_possessive(text)


def tokens(text: str, base: int) -> list[Tok]:
    # str.split() splits at the same whitespace as [^\s]+ finds tokens between (both use
    # str.isspace), so walking the split words with find() gives the same offsets without a
    # regex match object per token.
    out: list[Tok] = []
    pos = 0
    for word in text.split():
        pos = text.find(word, pos)
        end = pos + len(word)
        out.append(Tok(base + pos, base + end, word))
        pos = end
    return out


def is_cap(tok: Tok) -> bool:
    """Capitalised, counting Arabic-article forms ("al-Islam", "el-Sisi") as capitalised."""
    t = tok.text
    return t[:1].isupper() or (t[:3] in ("al-", "el-") and t[3:4].isupper())


_CONNECTORS = frozenset(("for", "of", "on", "and", "the"))


def org_tail(toks: Sequence[Tok]) -> int | None:
    """Index where an organisation name ending the token list starts, or None.
    The name runs up to a head word ("Syrian Coalition", "Deir Ezzor provincial council"), possibly
    followed by "for/of/on (the) Capitalised ..." ("Syrian Network for Human Rights")."""
    n = len(toks)
    for h in range(n):
        head = toks[h]
        low = head.bare.lower()
        if low not in ORG_HEADS or head.text != head.bare and h < n - 1:
            continue
        if not is_cap(head) and not (h > 0 and (is_cap(toks[h - 1]) or toks[h - 1].text.lower() in ORG_MODIFIERS)):
            continue
        j = h + 1
        ok = True
        while j < n:  # only "for/of/on (the) Capitalised..." may follow the head
            if toks[j].text.lower() in _CONNECTORS and j + 1 < n:
                j += 1
                continue
            if is_cap(toks[j]) and toks[j - 1].text.lower() in _CONNECTORS | {"and"} or (is_cap(toks[j]) and j > h + 1 and is_cap(toks[j - 1])):
                j += 1
                continue
            ok = False
            break
        if not ok:
            continue
        start = h
        while start > 0 and (is_cap(toks[start - 1]) or toks[start - 1].text.lower() in ORG_MODIFIERS) \
                and (toks[start - 1].text == toks[start - 1].bare or toks[start - 1].bare.lower() not in ORG_HEADS) \
                and toks[start - 1].text.lower() not in ("the", "a", "an"):
            start -= 1  # "UN Children’s Fund" keeps its possessive; "Coalition’s Unit" stops at the parent
        return start
    return None


def clip(text: str, limit: int = 600) -> str | None:
    text = clean_space(text).strip(" ,;:.").strip("“”\"").strip()
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def reported_content(body: str, s0: int, s1: int, m: re.Match[str], subject_start: int, how: str) -> str | None:
    """The reported content of the statement whose trigger is `m` in sentence body[s0:s1]: a direct
    quote, a "said that ..." clause, the clause in front ("..., Hakim said"), or the rest of the clause."""
    if how == "according":
        return clip(body[s0 : m.start()] + body[m.end() : s1])
    after = body[m.end() : s1]
    q = _QUOTE_OPENS.match(after)
    if q:
        close = _QUOTE_CLOSES.search(after, q.end())
        inner = after[q.end() : close.start()] if close else after[q.end() :]
        return clip(inner)
    that = _THAT_CLAUSE.match(after)
    if that:
        return clip(after[that.end() :])
    clause = after.split(";", 1)[0]
    if _CLAUSE_END.fullmatch(clause) or subject_start >= m.end():
        # "..., Hakim said." / "“...,” said X": the content is in front
        front = body[s0 : min(subject_start, m.start())]
        quoted = _QUOTED.findall(front)
        return clip(quoted[-1] if quoted else front)
    return clip(after)
