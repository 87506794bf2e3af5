"""Learning from corrections, and what the store has learned (Tools > Learned).

- A speaker or location an analyst tags by hand or edits joins the alias table (surface ->
  canonical name and attributes), so the next tagging run finds the same name elsewhere; an
  accepted suggestion whose canonical name differs from its text ("al-Saleh" -> "Raed
  al-Saleh") teaches that alias too.
- Rejections and acceptances are read back as evidence per form and context
  (annotator.tagging.learned): a context analysts rejected is not suggested again, and a form is
  suppressed everywhere only past the store's rate threshold (settings `suppress_min_rejections`,
  default 3, and `suppress_rate`, default 0.8).
- `learned_entries` lists every learned alias, rejected context and suppression with its counts
  and who taught it; `forget` undoes one (history row), `restore` puts it back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from annotator.services import staleness
from annotator.services.staleness import StaleChange
from annotator.store import Store, aliases, write_tx
from annotator.store import learning as store
from annotator.store.restore import alias_row, put_alias
from annotator.store.settings import get_setting
from annotator.tagging.learned import (LEARNED_KINDS, Learned, decision_from_row, describe, form_key, grouped,
                                      tallies_from_rows)

DEFAULT_MIN_REJECTIONS = 3
DEFAULT_RATE = 0.8


def surface_key(text: str) -> str:
    """How a surface form is keyed in the alias table: case- and space-insensitive."""
    return form_key(text)


# Words that name someone only in their own sentence: learning them would tag every "he" as one person.
_CONTEXT_WORDS = frozenset("he she it they we i you him her them his its their this that these those".split())


def learnable(text: str) -> bool:
    """A surface form worth finding elsewhere: a name (some capital letter), not a pronoun or a
    lower-case reference such as "the council", and not a single letter."""
    words = text.split()
    if not words or len(text) < 2 or not any(c.isupper() for c in text):
        return False
    return not (len(words) == 1 and words[0].casefold() in _CONTEXT_WORDS)


_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z]{1,9})\)")


def surfaces(annotation: dict[str, Any], body: str | None = None) -> list[str]:
    """The surface forms a tag teaches: its text, and the acronym the item gives right after a
    name of several words ("Syrian-American Medical Society (SAMS)" also teaches "SAMS")."""
    text = (annotation.get("text") or "").strip()
    if not learnable(text):
        return []
    out = [text]
    if body and len(text.split()) > 1 and annotation.get("end") is not None:
        m = _ACRONYM_AFTER.match(body, int(annotation["end"]))
        if m and sum(c.isupper() for c in m.group(1)) >= 2:
            out.append(m.group(1))
    return out


def learn_from_annotation(db: Store, annotation: dict[str, Any], analyst: str | None,
                          body: str | None = None) -> bool:
    """Record the annotation's surface forms -> canonical name (+ attributes). Returns True if
    learned. Call after a manual create or an edit of a speaker/location tag, or when a speaker
    suggestion with a name-like text is accepted. Pronouns and lower-case references ("He", "the
    council") are not learned: they mean someone else in the next item."""
    if annotation.get("kind") not in LEARNED_KINDS:
        return False
    forms = surfaces(annotation, body)
    if not forms:
        return False
    attrs = annotation.get("attributes") or {}
    canonical = (attrs.get("name") or forms[0]).strip()
    if annotation["kind"] == "location" and _part_of(forms[0], canonical):
        return False  # "Damascus" named as "Damascus Rural Hospital": the tag covers part of a name
    for form in forms:
        aliases.upsert(db, kind=annotation["kind"], surface=surface_key(form), canonical=canonical,
                       attributes=attrs, analyst=analyst)
    return True


def _part_of(text: str, name: str) -> bool:
    """Whether `text` is a part of the longer `name`, word for word ("Damascus" of "Damascus Rural
    Specialty Hospital"): an alias from it would rename every other mention of the shorter name."""
    small, big = form_key(text), form_key(name)
    return small != big and f" {small} " in f" {big} "


def teaches_alias(annotation: dict[str, Any]) -> bool:
    """Whether accepting this suggestion teaches an alias: a speaker with a name-like text (an
    acronym, "SAMS", or capitalised words, "Raed al-Saleh"), so the name is found in later reports
    wherever it stands as a speaker. Single words such as "Coalition" and places are not taught:
    the tagger named them from their item's context, and the same word elsewhere means something
    else ("the US-led coalition", "rural Damascus" named as the governorate)."""
    if annotation.get("kind") != "speaker":
        return False
    text = (annotation.get("text") or "").strip()
    if not learnable(text):
        return False
    words = text.split()
    if len(words) == 1:
        return len(text) >= 2 and text.isupper()
    return all(w[:1].isupper() or w.casefold() in ("al", "bin", "ibn", "de", "el", "for", "of", "the", "and")
               for w in words)


# -- settings and the evidence ------------------------------------------------------------------
def thresholds(db: Store) -> tuple[int, float]:
    """(minimum rejections, rejection rate) past which a form is suppressed everywhere."""
    try:
        n = max(1, int(get_setting(db, "suppress_min_rejections", str(DEFAULT_MIN_REJECTIONS)) or DEFAULT_MIN_REJECTIONS))
    except ValueError:
        n = DEFAULT_MIN_REJECTIONS
    try:
        rate = float(get_setting(db, "suppress_rate", str(DEFAULT_RATE)) or DEFAULT_RATE)
    except ValueError:
        rate = DEFAULT_RATE
    return n, min(1.0, max(0.5, rate))


def build_learned(db: Store) -> Learned:
    """Every decision analysts made on speaker and location tags, as the tagger's filter: counts
    per form for all of them, contexts for the forms analysts rejected (the rest need none)."""
    counts = store.decision_counts(db)
    tallies = tallies_from_rows(counts)
    rejected = {(t.kind, t.form) for t in tallies if not t.accepted}
    texts: dict[str, list[str]] = {}
    for row in counts:
        if (row["kind"], form_key(row["text"] or "")) in rejected:
            texts.setdefault(row["kind"], []).append(row["text"])
    for kind in texts:
        texts[kind] = sorted(set(texts[kind]))
    decisions = grouped(d for d in map(decision_from_row, store.decisions(db, texts)) if d is not None)
    n, rate = thresholds(db)
    return Learned.build(decisions, store.overrides(db), min_rejections=n, rate=rate,
                         place_aliases=aliases.all_aliases(db, "location"), tallies=tallies)


# -- Tools > Learned ----------------------------------------------------------------------------
@dataclass
class Entry:
    """One thing the store has learned, as the Learned view lists it."""

    what: str  # "alias", "context" (a rejected context) or "suppressed" (a form everywhere)
    kind: str
    form: str
    context: str  # context key ("in:syria direct"), '' for aliases and suppressions
    detail: str  # what it does, in words
    rejections: int
    acceptances: int
    taught_by: str

    @property
    def label(self) -> str:
        return {"alias": "alias", "context": "rejected in context", "suppressed": "suppressed everywhere"}[self.what]


def learned_entries(db: Store, learned: Learned | None = None) -> list[Entry]:
    """Every learned alias, rejected context and suppression, with its counts and who taught it."""
    learned = learned or build_learned(db)
    out: list[Entry] = []
    for row in aliases.alias_rows(db):
        form = row["surface"]
        attrs = row.get("attributes") or {}
        extra = ", ".join(f"{k} {attrs[k]}" for k in ("role", "organisation", "feature", "country") if attrs.get(k))
        out.append(Entry("alias", row["kind"], form, "", f"→ {row['canonical']}" + (f" ({extra})" if extra else ""),
                         learned.rejections(row["kind"], form), learned.acceptances(row["kind"], form),
                         row.get("analyst") or ""))
    for kind, form in sorted(learned.suppressed_forms()):
        ev = learned.forms[(kind, form)]
        out.append(Entry("suppressed", kind, form, "", "never suggested", learned.rejections(kind, form),
                         learned.acceptances(kind, form), ", ".join(sorted(ev.analysts))))
    for kind, form, key in sorted(learned.rejected_contexts()):
        ev = learned.contexts[(kind, form, key)]
        out.append(Entry("context", kind, form, key, f"not suggested {describe(key)}", learned.rejections(kind, form, key),
                         learned.acceptances(kind, form, key), ", ".join(sorted(ev.analysts))))
    return out


@dataclass
class Undo:
    """What `forget` changed, so that `restore` can put it back."""

    entry: Entry
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def forget(db: Store, entry: Entry, analyst: str | None) -> Undo:
    """Undo one learned thing: an alias is removed; a rejected context or a suppression stops
    counting the rejections made so far (later ones count again). One history row."""
    if entry.what == "alias":
        before = alias_row(db, entry.kind, entry.form)
        put_alias(db, entry.kind, entry.form, None, analyst=analyst, action="forget")
        return Undo(entry, before, None)
    before = store.override_row(db, entry.kind, entry.form, entry.context)
    forgotten = (before or {}).get("rejections", 0) + entry.rejections
    after = store.new_override(db, entry.kind, entry.form, entry.context, forgotten, analyst)
    if before is not None:
        after["id"] = before["id"]
    store.put_override(db, entry.kind, entry.form, entry.context, after, analyst=analyst, action="forget")
    return Undo(entry, before, after)


def restore(db: Store, undo: Undo, analyst: str | None) -> None:
    """Put back what `forget` removed (one history row). Refused (StaleChange, nothing written)
    when someone changed that learned thing since it was forgotten: their change stays."""
    e = undo.entry
    with write_tx(db):  # the check and the write see the same row
        if e.what == "alias":
            current, table = alias_row(db, e.kind, e.form), "aliases"
        else:
            current, table = store.override_row(db, e.kind, e.form, e.context), "learning_overrides"
        if current != undo.after:
            raise StaleChange(staleness.put_back_refused(db, table, e.form, current, undo.after))
        if e.what == "alias":
            put_alias(db, e.kind, e.form, undo.before, analyst=analyst, action="relearn")
        else:
            store.put_override(db, e.kind, e.form, e.context, undo.before, analyst=analyst, action="relearn")


def history_rows(db: Store, limit: int = 200) -> list[dict[str, Any]]:
    """The latest learning changes (aliases learned or forgotten, overrides), newest first."""
    out = []
    for row in store.learning_history(db, limit):
        row = dict(row)
        for col in ("before", "after"):
            row[col] = json.loads(row[col]) if row[col] else None
        out.append(row)
    return out
