"""Titles: the role and organisation a title names ("President of the Syrian Coalition" ->
"President", "Syrian Coalition"), and the title standing before a name where the item first
mentions it.

Both depend on the text alone and are computed once per distinct text (titles repeat across
items); the speaker tagger resolves the organisation against the item (`role_plan` says how).
"""

from __future__ import annotations

import re
from functools import lru_cache

from annotator.tagging.clauses import is_cap
from annotator.tagging.names import ORG_HEADS, ROLE_WORDS, org_alias, strip_possessive
from annotator.tagging.subjects import phrase_tokens
from annotator.tagging.text import clean_space

_ROLE_TAIL = re.compile(r"\b(?:of|in|for|at)\s+the\s*$|\b(?:of|in|for|at)\s*$")
_LEADING_ARTICLE = re.compile(r"^\s*(?:the|a|an)\s+")
_ROLE_CUT = re.compile(r"[.,;:“”\"\n]|\b(?:with|by|and|said|met|between|from)\b")


@lru_cache(maxsize=8192)
def role_plan(title: str) -> tuple[str | None, str | None, str | None]:
    """(role, how, name): the role words, and the organisation as `name` to pass through the
    tagger's organisation canonicaliser (how == "canonical") or a known organisation's canonical
    name for the lexicon (how == "alias"); how is None when the title names none.
    "member of the Coalition’s political committee" -> ("member of the political committee",
    "canonical", "Coalition")."""
    toks = phrase_tokens(title)
    if not toks:
        return None, None, None
    words = [t.text for t in toks]
    how = name = None
    for i, t in enumerate(toks):
        if t.text != t.bare and is_cap(t):  # "Coalition’s": the parent organisation
            j = i
            while j > 0 and is_cap(toks[j - 1]) and toks[j - 1].text.lower() not in ROLE_WORDS:
                j -= 1
            how, name = "canonical", " ".join([*(w.text for w in toks[j:i]), t.bare])
            words = [*(w.text for w in toks[:j]), *(w.text for w in toks[i + 1 :])]
            break
    if how is None and len(toks) > 1:  # an organisation known by a name without head word: "Jaish al-Islam spokesman"
        caps = [is_cap(t) for t in toks]
        for i in range(len(toks)):
            if not caps[i]:
                continue
            for j in range(min(len(toks), i + 4), i + 1, -1):
                if all(caps[i:j]):
                    known = org_alias(" ".join(t.bare for t in toks[i:j]))
                    if known:
                        how, name = "alias", known
                        words = [*(t.text for t in toks[:i]), *(t.text for t in toks[j:])]
                        break
            if how:
                break
    if how is None:
        heads = [i for i, t in enumerate(toks) if t.bare.lower() in ORG_HEADS and is_cap(t)]
        if heads:
            h = heads[-1]
            j = h
            while j > 0 and is_cap(toks[j - 1]) and toks[j - 1].text.lower() not in ROLE_WORDS:
                j -= 1
            how, name = "canonical", " ".join(t.text for t in toks[j : h + 1])
            words = [t.text for t in toks[:j]] + [t.text for t in toks[h + 1 :]]
    role = clean_space(" ".join(words))
    role = _ROLE_TAIL.sub("", role).strip(" ,")
    role = _LEADING_ARTICLE.sub("", role)
    return (role or None), how, name


@lru_cache(maxsize=8192)
def role_context(before: str) -> str:
    """The words at the end of `before` (the text right before a name), back to the previous
    clause boundary, without a leading article."""
    before = before.rstrip()
    if before.endswith(","):
        before = before[:-1]
    last = None
    for last in _ROLE_CUT.finditer(before):  # noqa: B007 - keeps the last match
        pass
    text = before[last.end() :] if last else before
    return _LEADING_ARTICLE.sub("", text.strip())


@lru_cache(maxsize=8192)
def introduced_title(before: str) -> str | None:
    """The title in front of a name's first mention ("President of the Syrian Coalition" before
    "Riad Seif"), or None when the words there are no title."""
    context = role_context(before).strip()
    words = context.split()
    if words and (words[-1].lower() in ROLE_WORDS or strip_possessive(words[-1]).lower() in ORG_HEADS
                  or words[-1][:1].isupper()) and any(w.lower() in ROLE_WORDS for w in words):
        return context
    return None
