"""Who a hand-tagged short name is: "Hakim", tagged by key after "Abdulrahman al-Hakim" earlier in
the same item, is that person, not a second one. The speaker tagger resolves surnames the same
way (annotator.tagging.names.NameIndex.full_name_for); this does it for a tag made by hand."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from annotator.tagging.names import NameIndex, fold, last_name_key

_ARTICLE = re.compile(r"^(?:al|el|Al|El)[-‑]")
_CARRIED = ("name", "role", "organisation")  # the person's, not the mention's (a quote stays with it)


def _name(tag: dict[str, Any]) -> str:
    attrs = tag.get("attributes")
    return str((attrs.get("name") if isinstance(attrs, dict) else None) or tag.get("text") or "").strip()


def hand_tag_name(tags: Iterable[dict[str, Any]], body: str, start: int, end: int) -> dict[str, Any]:
    """The attributes a speaker tagged by hand on body[start:end] starts with: when the span is
    one word, the person of the same item whose longer name ends in it — the nearest speaker tag
    before it (its name, role and organisation), else one after it, else a full name in the text
    (nearest before, else first after). {} when the span is already a full name or none fits."""
    surface = body[start:end].strip()
    key = fold(surface)
    if not key or len(key.split()) != 1:
        return {}
    people = [t for t in tags if t.get("kind") == "speaker" and t.get("state") != "rejected"
              and len(fold(_name(t)).split()) >= 2 and last_name_key(_name(t)) == key]
    before = [t for t in people if t["start"] < start]
    after = [t for t in people if t["start"] > start]
    found = max(before, key=lambda t: t["start"]) if before else min(after, key=lambda t: t["start"], default=None)
    if found is not None:
        attrs = found.get("attributes")
        own = attrs if isinstance(attrs, dict) else {}
        return {k: v for k, v in {**own, "name": _name(found)}.items() if k in _CARRIED and v}
    full = NameIndex(body).full_name_for(_ARTICLE.sub("", surface), start)
    return {"name": full} if full and fold(full) != key else {}
