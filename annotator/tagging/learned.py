"""What analysts' decisions teach the tagger, as a filter over its suggestions (pure Python).

A rejection is about a form *in a context*, not about the word: "Syria" rejected inside "Syria
Direct" keeps "Syria" welcome in "in Syria". Each decision on a speaker or location tag has a
context: the capitalised name enclosing it when that is longer than the tag ("in:syria direct"),
the content word right after it ("before:talks"), the content word right before it
("after:told"), and, always, the rule with both neighbours ("rule:location.gazetteer|in|,").

- A rejection counts against its most specific context only (the first of that list).
- An acceptance (accepted, edited or hand-made tag) counts for every context it has.
- A suggestion is dropped when one of its contexts has more rejections than acceptances.
- A form is dropped everywhere only when analysts reject it at least `min_rejections` times and
  in at least `rate` of their decisions on it (acceptances included).

Speakers found only because analysts taught the name (rule "speaker.learned") are kept only in
the role such tags have: the subject of a reporting verb, or after "according to" or an
inverted "said"; never as part of a longer name ("Response Coordinators" in "Syrian Response
Coordinators").

Places analysts tagged, edited or accepted are found again under other spellings of the same
name ("Urm al-Kubra", "Urum al-Kubra", "Orum al-Kubra"): names compare by their consonant
skeleton (no vowels, no article, no doubled letters), for skeletons of four letters or more. A
mention no suggestion covers becomes a suggestion (rule "location.learned-variant"). Names follow
the analysts only where they showed that they respell the place (a tag written "Urem al-Kubra"
named "Urm al-Kubra"): then other spellings take their name, otherwise a place keeps the name it
is written under; a place the gazetteer knows always keeps its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

LEARNED_KINDS = ("speaker", "location")
_TOKEN = re.compile(r"\w(?:[\w’'.-]*\w)?|[^\w\s]")
_STOP = frozenset(
    "the a an of in on at to for from by with and or near into onto over under as its his her their this that "
    "which who whose is was were are be been has have had it s after before since during until outside inside "
    "against between within without across around about than then while when where also but not".split()
)
_VERBS = (r"said|says|say|told|tells|added|adds|stated|reported|reports|warned|confirmed|claimed|denied|accused|"
          r"announced|urged|called|condemned|documented|blamed|posted|tweeted|wrote|described|estimated|counted|"
          r"recorded|noted|stressed|explained|insisted|believes?|believed|put|puts|cited|according|reacted|saying|"
          r"recalled|singled|warns|condemns|confirms")
# After the name: an acronym in brackets, then either an apposition closed by a comma and the verb
# ("Raed al-Saleh, head of the White Helmets, told"), or up to three lower-case words and the verb
# ("the UN spokesperson said", "and two charities said"). A capitalised word in between means the
# verb has another subject ("US State Department spokeswoman Heather Nauert said").
_ROLE_AFTER = re.compile(
    rf"^(?:\s*\([^)]{{1,12}}\))?(?:,[^,.;]{{1,80}},\s*(?:also\s+|later\s+|then\s+)?|\s+(?:[a-z][\w’'-]*\s+){{0,3}}?)"
    rf"(?:{_VERBS})\b")
# Before the name: an inverted reporting verb ("said the Syrian Observatory") or "according to".
_ROLE_BEFORE = re.compile(r"\b(?:according\s+to|said|says|added|adds|wrote|stated|explained|noted|warned)\s+"
                          r"(?:the\s+)?[^\s,.;]*\s*$", re.I)


def form_key(text: str) -> str:
    """How a form is keyed: case- and space-insensitive (the alias table's surface key)."""
    return " ".join(text.split()).casefold()


def _content(word: str) -> bool:
    return len(word) >= 3 and word.isalpha() and word not in _STOP


def _capitalised(token: str) -> bool:
    return token[:1].isupper() and token.casefold() not in _STOP


@dataclass(frozen=True)
class Context:
    left: str  # the token right before the tag, folded ('' at the start)
    right: str  # the token right after it
    enclosing: str  # the capitalised name around the tag when longer than it, folded ('' if none)

    def keys(self, rule: str | None) -> list[str]:
        """Its contexts, most specific first."""
        out = []
        if self.enclosing:
            out.append(f"in:{self.enclosing}")
        if _content(self.right):
            out.append(f"before:{self.right}")
        if _content(self.left):
            out.append(f"after:{self.left}")
        out.append(f"rule:{rule or ''}|{self.left}|{self.right}")
        return out


CONTEXT_CHARS = 48  # read on each side of a tag (store.learning.WINDOW must be as wide)


def context_of(text: str, start: int, end: int) -> Context:
    """The context of text[start:end] (a tag's span in an item body or a window of it)."""
    before = _TOKEN.findall(text[max(0, start - CONTEXT_CHARS):start])
    after = _TOKEN.findall(text[end:end + CONTEXT_CHARS])
    # the enclosing name: capitalised words joined to the tag without punctuation between them
    run_left = 0
    while run_left < len(before) and _capitalised(before[-1 - run_left]) and before[-1 - run_left][0].isalpha():
        run_left += 1
    run_right = 0
    while run_right < len(after) and _capitalised(after[run_right]) and after[run_right][0].isalpha():
        run_right += 1
    enclosing = ""
    if run_left or run_right:
        words = [*before[len(before) - run_left:], text[start:end], *after[:run_right]]
        enclosing = form_key(" ".join(words))
    return Context(left=before[-1].casefold() if before else "", right=after[0].casefold() if after else "",
                   enclosing=enclosing)


def describe(key: str) -> str:
    """A context key as the Learned view shows it."""
    how, _, what = key.partition(":")
    if how == "in":
        return f"inside “{what}”"
    if how == "before":
        return f"before “{what}”"
    if how == "after":
        return f"after “{what}”"
    rule, left, right = (what.split("|") + ["", ""])[:3]
    return f"by rule {rule or '?'} between “{left}” and “{right}”"


def in_speaker_role(body: str, start: int, end: int) -> bool:
    """Whether body[start:end] stands where a speaker stands: before a reporting verb (past an
    apposition: "Raed al-Saleh, head of the White Helmets, said"), or after "according to" or an
    inverted "said"."""
    return bool(_ROLE_AFTER.match(body[end:end + 120]) or _ROLE_BEFORE.search(body[max(0, start - 40):start]))


_VOWELS = re.compile(r"[aeiouyw]")
_LEADING_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az)[-‐\s]+")
_PLACE_WORD = r"(?:(?:al|el|ad|an|ar|as|ash|at|az)[-‐])?[A-Z][\w’'-]*"
_PLACE_RUN = re.compile(rf"(?<![\w-]){_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}")
_SKELETON_MIN = 4


def skeleton(name: str) -> str:
    """A place name's consonant skeleton: spellings of one Arabic name share it (Urm/Urum/Orum
    al-Kubra -> "rmlkbr"; Khan Sheikhun/Shaykhun -> "khnshkhn")."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()
    text = _LEADING_ARTICLE.sub("", text)
    text = re.sub(r"[^a-z]", "", text)
    text = re.sub(r"h$", "", text)  # Hamouriyah = Hamuriya
    text = _VOWELS.sub("", text)
    return re.sub(r"(.)\1+", r"\1", text)


@dataclass
class Decision:
    kind: str
    form: str
    accepted: bool
    keys: list[str]
    analyst: str | None = None
    manual: bool = False  # a tag made by hand (not a reviewed suggestion)
    name: str | None = None  # its canonical name
    count: int = 1  # how many such decisions (identical ones are counted once built)


def grouped(decisions: Iterable[Decision]) -> list[Decision]:
    """Identical decisions (same kind, form, verdict, contexts; same analyst for rejections) as one
    with a count: a store holds hundreds of thousands, mostly alike."""
    out: dict[tuple, Decision] = {}
    for d in decisions:
        key = (d.kind, d.form, d.accepted, tuple(d.keys), None if d.accepted else d.analyst)
        if key in out:
            out[key].count += d.count
        else:
            out[key] = d
    return list(out.values())


def decision_from_row(row: dict[str, Any]) -> Decision | None:
    """A row of store.learning.decisions as a Decision (None for an empty tag)."""
    text = row.get("text") or ""
    form = form_key(text)
    if not form:
        return None
    window, offset = row.get("window") or "", int(row.get("offset") or 0)
    ctx = context_of(window, offset, offset + len(text))
    rule = row.get("rule") if row.get("origin") == "auto" else "manual"
    return Decision(kind=row["kind"], form=form, accepted=row["state"] != "rejected", keys=ctx.keys(rule),
                    analyst=row.get("analyst"), manual=row.get("origin") == "manual",
                    name=row.get("name") or text)


@dataclass
class Tally:
    """How many decisions of one kind (accepted or not) analysts made on one form."""

    kind: str
    form: str
    accepted: bool
    name: str | None = None
    analysts: set[str] = field(default_factory=set)
    count: int = 1


def tallies_from_rows(rows: Iterable[dict[str, Any]]) -> list[Tally]:
    """Rows of store.learning.decision_counts as tallies (forms folded as the alias table folds them)."""
    out = []
    for row in rows:
        form = form_key(row.get("text") or "")
        if form:
            analysts = {a for a in (row.get("analysts") or "").split("\x1f") if a}
            out.append(Tally(row["kind"], form, row["state"] != "rejected", row.get("name") or row.get("text"),
                             analysts, int(row["n"])))
    return out


@dataclass
class Evidence:
    rejections: int = 0
    acceptances: int = 0
    analysts: set[str] = field(default_factory=set)


@dataclass
class Learned:
    """Built once per tagging run from every decision; `filter` is then pure per item."""

    min_rejections: int = 3
    rate: float = 0.8
    forms: dict[tuple[str, str], Evidence] = field(default_factory=dict)
    contexts: dict[tuple[str, str, str], Evidence] = field(default_factory=dict)
    forgotten: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (kind, form, context or '') -> rejections
    places: dict[str, dict[str, Any]] = field(default_factory=dict)  # skeleton -> attributes (with "name")
    respelled: set[str] = field(default_factory=set)  # skeletons analysts wrote under their own spelling

    @classmethod
    def build(cls, decisions: Iterable[Decision], overrides: Iterable[dict[str, Any]] = (),
              min_rejections: int = 3, rate: float = 0.8, place_aliases: Iterable[dict[str, Any]] = (),
              tallies: Iterable[Tally] | None = None) -> Learned:
        """`decisions` give the contexts; `tallies` the counts per form (from the decisions when
        None: the store passes both, and decisions only for forms analysts rejected, since the
        context of a form nobody rejected changes nothing); `place_aliases`: rows of the alias
        table for locations (canonical, attributes)."""
        out = cls(min_rejections=min_rejections, rate=rate)
        decisions = list(decisions)
        if tallies is None:
            tallies = [Tally(d.kind, d.form, d.accepted, d.name, {d.analyst} if d.analyst else set(), d.count)
                       for d in decisions]
        for t in tallies:
            ev = out.forms.setdefault((t.kind, t.form), Evidence())
            ev.analysts |= t.analysts
            if t.accepted:
                ev.acceptances += t.count
                if t.kind == "location" and t.name:  # places analysts accepted or tagged, under their names
                    out._add_place(t.name, {"name": t.name}, t.form)
            else:
                ev.rejections += t.count
        for row in place_aliases:  # taught names come with their gazetteer attributes
            out._add_place(row["canonical"], dict(row.get("attributes") or {}, name=row["canonical"]), row["surface"])
        for o in overrides:
            out.forgotten[(o["kind"], o["form"], o["context"])] = int(o["rejections"])
        for d in decisions:
            if d.accepted:
                for key in d.keys:
                    out.contexts.setdefault((d.kind, d.form, key), Evidence()).acceptances += d.count
            else:
                cev = out.contexts.setdefault((d.kind, d.form, d.keys[0]), Evidence())
                cev.rejections += d.count
                if d.analyst:
                    cev.analysts.add(d.analyst)
        return out

    def _add_place(self, name: str, attributes: dict[str, Any], written: str) -> None:
        key = skeleton(name)
        if len(key) < _SKELETON_MIN:
            return
        if form_key(written) != form_key(name) and skeleton(written) == key:
            self.respelled.add(key)  # "Urem al-Kubra" tagged as "Urm al-Kubra": other spellings take the name
        if key in self.places and self.places[key]["name"] != name and len(attributes) <= 1:
            return  # keep the taught entry (with its attributes) or the first name
        self.places[key] = attributes

    # -- the evidence, net of what analysts told it to forget -------------------------------------
    def rejections(self, kind: str, form: str, context: str = "") -> int:
        ev = self.contexts.get((kind, form, context)) if context else self.forms.get((kind, form))
        return max(0, (ev.rejections if ev else 0) - self.forgotten.get((kind, form, context), 0))

    def acceptances(self, kind: str, form: str, context: str = "") -> int:
        ev = self.contexts.get((kind, form, context)) if context else self.forms.get((kind, form))
        return ev.acceptances if ev else 0

    def suppressed_everywhere(self, kind: str, form: str) -> bool:
        r, a = self.rejections(kind, form), self.acceptances(kind, form)
        return r >= self.min_rejections and r >= self.rate * (r + a)

    def rejected_context(self, kind: str, form: str, keys: Iterable[str]) -> str | None:
        """The first of these contexts where analysts rejected the form more often than they accepted it."""
        for key in keys:
            r = self.rejections(kind, form, key)
            if r and r > self.acceptances(kind, form, key):
                return key
        return None

    def suppressed_forms(self) -> frozenset[tuple[str, str]]:
        return frozenset(k for k, ev in self.forms.items() if ev.rejections and self.suppressed_everywhere(*k))

    def rejected_contexts(self) -> list[tuple[str, str, str]]:
        return [k for k, ev in self.contexts.items() if ev.rejections and self.rejected_context(k[0], k[1], [k[2]])]

    # -- the filter ---------------------------------------------------------------------------------
    def filter(self, body: str, suggestions: list[Any], kinds: Iterable[str] = LEARNED_KINDS) -> list[Any]:
        """The suggestions the learned evidence lets through (Suggestion objects, in text order),
        places under the analysts' spelling, and learned places under other spellings."""
        out = []
        for s in suggestions:
            if s.kind in LEARNED_KINDS:
                form = form_key(s.text)
                ev = self.forms.get((s.kind, form))
                if ev is not None and ev.rejections:
                    if self.suppressed_everywhere(s.kind, form):
                        continue
                    if self.rejected_context(s.kind, form, context_of(body, s.start, s.end).keys(s.rule)):
                        continue
                if s.kind == "speaker" and s.rule == "speaker.learned" and (
                        s.text[:1].islower() or not in_speaker_role(body, s.start, s.end)
                        or context_of(body, s.start, s.end).enclosing):  # part of a longer name
                    continue
                if s.kind == "location" and self.places:
                    s = self._renamed(s)
            out.append(s)
        if self.places and "location" in kinds:
            out = self._with_variants(body, out)
        return out

    def _renamed(self, s: Any) -> Any:
        if (s.attributes or {}).get("geonameid"):
            return s  # the gazetteer knows this place: another spelling of a taught name may be another place
        name = (s.attributes or {}).get("name") or s.text  # by its name: "Damascus" may name the province
        key = skeleton(name)
        place = self.places.get(key) if key in self.respelled else None
        if place is None or place["name"] == name:
            return s
        return replace(s, attributes={**(s.attributes or {}), **place})

    def _with_variants(self, body: str, suggestions: list[Any]) -> list[Any]:
        """Add learned places named under another spelling where no location suggestion is."""
        from annotator.tagging.base import Suggestion

        taken = [(s.start, s.end) for s in suggestions if s.kind == "location"]
        added = []
        for m in _PLACE_RUN.finditer(body):
            words = list(re.finditer(r"\S+", m.group(0)))
            found = None
            for n in range(len(words), 0, -1):  # longest sub-run first
                for i in range(len(words) - n + 1):
                    start, end = m.start() + words[i].start(), m.start() + words[i + n - 1].end()
                    place = self.places.get(skeleton(body[start:end]))
                    if place is not None:
                        found = (start, end, place)
                        break
                if found:
                    break
            if found is None:
                continue
            start, end, place = found
            if any(s < end and start < e for s, e in taken) or self.rejected_form(body, start, end):
                continue
            written = body[start:end]
            attrs = dict(place) if skeleton(written) in self.respelled else {"name": written}
            added.append(Suggestion("location", start, end, written, attrs, "location.learned-variant", 0.6))
            taken.append((start, end))
        if not added:
            return suggestions
        return sorted([*suggestions, *added], key=lambda s: (s.start, s.end, s.kind))

    def rejected_form(self, body: str, start: int, end: int) -> bool:
        """Whether analysts rejected this location form here (everywhere, or in this context)."""
        form = form_key(body[start:end])
        ev = self.forms.get(("location", form))
        if ev is None or not ev.rejections:
            return False
        return self.suppressed_everywhere("location", form) or bool(self.rejected_context(
            "location", form, context_of(body, start, end).keys("location.learned-variant")))
