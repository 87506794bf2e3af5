"""Learning from corrections: a speaker or location an analyst adds or edits by hand joins the
store's alias table, so the next tagging run finds the same surface form elsewhere."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from annotator.store import aliases

LEARNED_KINDS = ("speaker", "location")


def surface_key(text: str) -> str:
    """How a surface form is keyed in the alias table: case- and space-insensitive."""
    return " ".join(text.split()).casefold()


# Words that name someone only in their own sentence: learning them would tag every "he" as one person.
_CONTEXT_WORDS = frozenset("he she it they we i you him her them his its their this that these those".split())


def learnable(text: str) -> bool:
    """A surface form worth finding elsewhere: a name (some capital letter), not a pronoun or a
    lower-case reference such as "the council", and not a single letter."""
    words = text.split()
    if not words or len(text) < 2 or not any(c.isupper() for c in text):
        return False
    return not (len(words) == 1 and words[0].casefold() in _CONTEXT_WORDS)


def learn_from_annotation(db: sqlite_utils.Database, annotation: dict[str, Any], analyst: str | None) -> bool:
    """Record the annotation's surface text -> canonical name (+ attributes). Returns True if learned.
    Call after a manual create or an edit of a speaker/location tag. Pronouns and lower-case
    references ("He", "the council") are not learned: they mean someone else in the next item."""
    if annotation.get("kind") not in LEARNED_KINDS:
        return False
    text = (annotation.get("text") or "").strip()
    attrs = annotation.get("attributes") or {}
    if not learnable(text):
        return False
    canonical = (attrs.get("name") or text).strip()
    aliases.upsert(db, kind=annotation["kind"], surface=surface_key(text), canonical=canonical,
                   attributes=attrs, analyst=analyst)
    return True
