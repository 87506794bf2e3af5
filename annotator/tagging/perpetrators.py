"""Who did it: the perpetrator a casualty sentence names ("warplanes of the Russian occupation
forces", "Assad regime warplanes dropped ...", "... by regime forces").

    perpetrator(sentence) -> "warplanes of the Russian occupation" | None

Three patterns, tried in this order: weapon "of/by" actor; actor as the subject of an attack verb;
"by" actor. Each is searched only where it can match at all (a sentence is searched once per item
that reports a figure in it, and these searches were a tenth of the casualty tagger's time):
- `_PERP_OF` is tried only where a weapon ends before whitespace, "of" or "by" and whitespace
  (str.find locates those words);
- `_PERP_BY` starts at a word boundary before a letter: it is searched as a non-word character
  plus the pattern in " " + sentence, so the engine skips through words in C instead of trying
  every character;
- `_PERP_SUBJECT` ends in an attack verb after whitespace, and all it holds between its start and
  that verb are word characters, ’ ' - and whitespace: it is tried only at capitals and at
  "regime" / "pro-government" in such a stretch before a verb, leftmost first, as a search would.
"""

from __future__ import annotations

import re

_ACTOR_WORDS = (
    r"(?:[A-Z][\w’'-]*|regime|forces|militias?|occupation|coalition|army|air|force|international|anti-ISIS|so-called"
    r"|sectarian|allied|pro-government|pro-regime|government|warplanes|jets|aircraft|helicopters|fighters|gunmen"
    r"|US-led|[\w]+-backed|[\w]+-led|its|their|allies|and|of|the)"
)
_WEAPONS = (r"warplanes|jets|aircraft|planes|helicopters|drones|airstrikes|air\s+strikes|strikes|raids|shelling|bombardment"
            r"|bombing|shells|rockets|missiles|barrel\s+bombs|forces|militias|gunmen|snipers|fighters|troops")
_ATTACK_VERBS = (r"killed|shelled|bombed|targeted|opened\s+fire|committed|arrested|detained|executed|abducted"
                 r"|raided|stormed|dropped|launched|pounded|hit|struck|shot|besieged")
_PERP_OF = re.compile(
    rf"\b(?P<weapon>{_WEAPONS})\s+(?P<prep>of|by)\s+"
    rf"(?P<actor>(?:the\s+)?{_ACTOR_WORDS}(?:\s+{_ACTOR_WORDS}){{0,6}})"
)
_PERP_SUBJECT = re.compile(
    rf"(?P<actor>(?:[A-Z][\w’'-]*\s+|(?:regime|Russian|Iranian-backed|US-led|pro-government)\s+)(?:{_ACTOR_WORDS}\s+){{0,5}}?"
    r"(?:regime|forces|militias|warplanes|jets|aircraft|helicopters|army|troops|coalition|gunmen|fighters|ISIS|SDF|PYD|YPG|HTS))"
    rf"\s+(?:\w+\s+){{0,2}}?(?:{_ATTACK_VERBS})\b"
)
_PERP_BY = re.compile(rf"\bby\s+(?P<actor>(?:the\s+)?(?:[A-Z][\w’'-]*|regime|pro-government|US-led|Russian|Iranian-backed)(?:\s+{_ACTOR_WORDS}){{0,5}})")
_TRAILING_JUNK = re.compile(r"(?:\s+(?:and|of|the|its|their|on|in))+$")
_ACTOR_OF = re.compile(r"[A-Z]|regime|forces|militia|coalition|occupation")
_ACTOR_BY = re.compile(r"regime|forces|militia|coalition|army|ISIS|SDF|PYD|YPG|HTS|warplanes|Russia|Iran")
_LEADING_THE = re.compile(r"^the\s+")

# The fast forms (see the module docstring); each finds exactly what the pattern above it finds.
# The weapons by their last word; the two-word ones also by their first.
_WEAPON_ENDS = tuple(w.split("\\s+")[-1] for w in _WEAPONS.split("|"))
_WEAPON_FIRSTS = {w.split("\\s+")[-1]: w.split("\\s+")[0] for w in _WEAPONS.split("|") if "\\s+" in w}
_PERP_BY_AFTER = re.compile(r"\W" + _PERP_BY.pattern.removeprefix(r"\b"))
_VERB_AFTER_SPACE = re.compile(rf"\s(?:{_ATTACK_VERBS})\b")  # ends every _PERP_SUBJECT match
_SUBJECT_CHARS = re.compile(r"[\w’'\-\s]*")  # all a _PERP_SUBJECT match holds before its verb
_SUBJECT_START = re.compile(r"[A-Zrp]")  # where one can start (r/p: "regime", "pro-government")


def _search_of(sentence: str) -> re.Match[str] | None:
    """`_PERP_OF.search(sentence)`, tried only where a weapon ends before whitespace and "of"/"by"."""
    starts: set[int] = set()
    for prep in ("of", "by"):
        q = sentence.find(prep, 1)
        while q > 0:
            if sentence[q - 1].isspace() and sentence[q + 2 : q + 3].isspace():
                before = sentence[:q].rstrip()
                for w in _WEAPON_ENDS if before.endswith(_WEAPON_ENDS) else ():
                    if before.endswith(w):
                        p = len(before) - len(w)
                        starts.add(p)
                        first = _WEAPON_FIRSTS.get(w)  # "air strikes", "barrel bombs"
                        if first:
                            head = before[:p].rstrip()
                            if len(head) < p and head.endswith(first):
                                starts.add(len(head) - len(first))
            q = sentence.find(prep, q + 1)
    for p in sorted(starts):
        m = _PERP_OF.match(sentence, p)
        if m is not None:
            return m
    return None


def _search_by(sentence: str) -> re.Match[str] | None:
    if "by" not in sentence:
        return None
    return _PERP_BY_AFTER.search(" " + sentence)


def _search_subject(sentence: str) -> re.Match[str] | None:
    starts: set[int] = set()
    for verb in _VERB_AFTER_SPACE.finditer(sentence):
        v = verb.start()
        lo = v - _SUBJECT_CHARS.match(sentence[:v][::-1]).end()  # type: ignore[union-attr]  # always matches; back to a character no match holds
        for c in _SUBJECT_START.finditer(sentence, lo, v):
            p = c.start()
            if sentence[p] not in "rp" or sentence.startswith(("regime", "pro-government"), p):
                starts.add(p)
    for p in sorted(starts):
        m = _PERP_SUBJECT.match(sentence, p)
        if m is not None:
            return m
    return None


def perpetrator(sentence: str) -> str | None:
    m = _search_of(sentence)
    if m:
        actor = _TRAILING_JUNK.sub("", m.group("actor"))
        if _ACTOR_OF.search(actor):
            return " ".join(f"{m.group('weapon')} {m.group('prep')} {actor}".split()) if m.group("prep") == "of" else \
                " ".join(_LEADING_THE.sub("", actor).split())
    m = _search_subject(sentence)
    if m:
        return " ".join(_TRAILING_JUNK.sub("", m.group("actor")).split())
    m = _search_by(sentence)
    if m:
        actor = _TRAILING_JUNK.sub("", _LEADING_THE.sub("", m.group("actor")))
        if _ACTOR_BY.search(actor):
            return " ".join(actor.split())
    return None
