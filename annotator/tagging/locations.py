"""Location suggestions: gazetteer matches in an item body, judged by their context.

    LocationTagger(learned=all_aliases(db, "location")).tag(body) -> [Suggestion(kind="location")]

How a mention is found: every capitalised word starts a walk over the following tokens; the
longest run of tokens whose key (`normalise.token_key`) is a gazetteer key wins ("Deir ez-Zor",
"Euphrates River", "al-Bab"). One extra word to the left may lengthen it ("eastern Ghouta").

How it is judged (the `rule` says which cue fired, e.g. "gaz:syria+cue:province"):
- inside an organisation or event name it is dropped: "Geneva talks", "Manbij Military Council",
  "Friends of Syria", "Russia-backed"; next to another capitalised name too ("Mohammed Jasim");
- a governorate's namesake city with a province cue is the governorate: "rural Idlib", "Idlib
  province", "the provinces of Raqqa and Deir Ezzor" (precision 3; 2 with a direction: "eastern
  rural Hama"); "the city of Raqqa" stays the city;
- precision 2 for "near X", "southeast of X", "outskirts of X", "northern X";
- countries and foreign capitals are always suggested (analysts record where actors are from as
  well as where things happen), with confidence 0.9 after a locative cue ("in Turkey", "Geneva,
  Switzerland", "northern Syria") and 0.6 otherwise (rule "+actor": "Russia and Iran dominate");
- "the town of X" / "the villages of X and Y" name places the gazetteer lacks (rule
  "cue:place-of"), and later bare mentions of X in the same item are found too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import compress
from operator import attrgetter, is_not
from typing import Any

from annotator.tagging import placewords as W
from annotator.tagging.base import Suggestion
from annotator.tagging.gazetteer import DEFAULT_PRECISION, Place, PlaceIndex, index
from annotator.tagging.placecontext import LeftContext
from annotator.tagging.normalise import VOWEL_ARTICLES, normalise, token_key
from annotator.tagging.landmarks import landmarks
from annotator.tagging.unknownplaces import unknown_places

# A word starting with a capital letter: where a place name can start.
# (The lookbehind comes after the first letter so the engine can scan for the letter class.)
# (The letters are one repeated character class, with the rarer apostrophe in an outer loop: a
# repeated alternation would make the engine take a backtracking step for every letter.)
_LETTERS = r"[^\W_]*(?:['’‘`](?![sS]\b)(?=[^\W\d_])[^\W_]*)*"
_CAP = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ](?<!\w.)" + _LETTERS)
# One word of a name; an apostrophe only inside a word, never a possessive 's.
_WORD = re.compile(r"[^\W\d_]" + _LETTERS)
# Between two words of one name: spaces, a hyphen, or the dot of an initial ("U.S.").
_SEP = re.compile(r"[ \t\u00a0]*[-‐‑][ \t\u00a0]*|[ \t\u00a0]+|\.(?=[A-Z]\b)")
# A separator and the next word in one match; the atomic group keeps the separator _SEP alone
# would match (no backtracking into it when the word fails), so this finds what _SEP then _WORD did.
_SEP_WORD = re.compile(r"(?>" + _SEP.pattern + ")(" + _WORD.pattern + ")")
_NEXT_WORD = re.compile(r"[ \t\u00a0]([^\W\d_][^\W_]*)")
# Who is told something is a listener, and a name that reports is a speaker: neither is a place
# (countries and capitals stay: "Russia said" names Russia, see LOCATIONS.md).
_LISTENER_BEFORE = re.compile(r"\b(?:told|tells)\s+$")
_OUTLET_AFTER = re.compile(r"\s+(?:reported|quoted|TV|television|channel|news\s+channel|correspondent|reporter)\b"
                           r"|['’]s\s+(?:correspondent|reporter|website|channel)\b")
_WINDOW = 90
_SAID_AFTER = re.compile(r"\s+(?:said|says|added|adds|told|tells|stated|stressed|warned|noted|explained|recalled)\b")
_CONTRACTIONS = frozenset(("’ll", "'ll", "’ve", "'ve", "’re", "'re", "n’t", "n't"))  # the last three characters
_AND_ONLY = re.compile(r"\s*and\s*$")
_BASE_CONFIDENCE = {"learned": 0.9, "syria": 0.85, "syria-auto": 0.7, "world": 0.8}
_STARTS_CACHE = 200_000  # words remembered per tagger (a bound for very long runs)
_IS_SOME = partial(is_not, None)


class _StartKeys(dict):
    """Capitalised word -> its key ("" for an article such as "Al"), or None when it starts no
    gazetteer name (or its first letter is no capital). Filled on first sight: the same words come
    back in every item, and most start none."""

    __slots__ = ("_first",)

    def __init__(self, first: set[str]) -> None:
        super().__init__()
        self._first = first

    def __missing__(self, word: str) -> str | None:
        key: str | None = token_key(word) if word[0].isupper() else None
        if key and key not in self._first:
            key = None
        if len(self) < _STARTS_CACHE:
            self[word] = key
        return key


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    key: str
    place: Place
    found: Place  # the gazetteer's place before any cue switched it (Hama -> Hama Governorate)
    article: bool
    ntok: int
    feature: str = ""
    precision: int = 1
    cues: list[str] = field(default_factory=list)
    dropped: bool = False
    org: bool = False  # dropped as part of an organisation or event name, or an adjective
    org_left: bool = False
    province: str | None = None  # "left"/"right": a province cue on that side
    plural: bool = False
    direction: bool = False
    near: str | None = None
    place_context: bool = False
    locative: bool = False  # "in X", "to X": a place cue on the left
    left: LeftContext | None = None
    actorlike: bool = False  # `found` is a country or a foreign capital (set with `found`)


_MONTH_ABBREVIATIONS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_NOT_A_PLACE_AFTER = re.compile(r"\.(?:\s*\d|-(?:led|backed|based|funded|supported|allied)\b)")


def _actorlike(place: Place) -> bool:
    return place.feature == "country" or (place.capital and place.country != "SY")


def _common(word: str) -> bool:
    folded = word.casefold()
    return folded in W.NEIGHBOUR_OK or folded in W.FUNCTION_WORDS


class LocationTagger:
    """Suggests `kind="location"` tags. Build once (the gazetteer is shared by all instances)."""

    def __init__(self, learned: Iterable[dict[str, Any]] = ()) -> None:
        self._idx: PlaceIndex = index()
        self._learned: dict[str, Place] = {}
        self._learned_prefixes: set[str] = set()
        for row in learned:
            self._learn(row)
        # First words of every key: most capitalised words start no place and stop here.
        self._first = {k.split(" ", 1)[0] for k in (*self._idx.entries, *self._learned)}
        # Keys and key prefixes of the index and the learned places, each in one container.
        entries = self._idx.entries
        self._keys = entries.keys() | self._learned.keys() if self._learned else entries
        self._prefixes = self._idx.prefixes | self._learned_prefixes if self._learned_prefixes else self._idx.prefixes
        self._starts = _StartKeys(self._first)
        # (place, key, cues ...) -> rule, confidence, attributes (see _suggestion); ids of places
        # this tagger holds (the shared index's or its own learned ones), so they stay valid
        self._made: dict[tuple, tuple[str, float, dict[str, Any]]] = {}

    def _learn(self, row: dict[str, Any]) -> None:
        attrs = row.get("attributes") or {}
        if isinstance(attrs, str):
            import json

            attrs = json.loads(attrs or "{}")
        key = normalise(str(row.get("surface") or ""))
        if not key:
            return
        known = self._idx.best(key)
        name = attrs.get("name") or row.get("canonical") or str(row.get("surface"))
        feature = attrs.get("feature") or (known.feature if known else "town")
        self._learned[key] = Place(
            name=name, feature=feature if feature in DEFAULT_PRECISION else "town",
            country=attrs.get("country") or (known.country if known else None),
            admin1=attrs.get("admin1") or (known.admin1 if known else None),
            lat=attrs.get("lat"), lon=attrs.get("lon"), geonameid=attrs.get("geonameid"), origin="learned",
            rank=(0, 0), governorate=known.governorate if known and known.name == name else None,
            capital=bool(known and known.capital),
        )
        parts = key.split(" ")
        for i in range(1, len(parts)):
            self._learned_prefixes.add(" ".join(parts[:i]))

    # ------------------------------------------------------------------ finding
    def tag(self, body: str) -> list[Suggestion]:
        if not body:
            return []
        matches = self._find(body)
        for m in matches:
            self._judge(body, m)
        self._lists(body, matches)
        for m in matches:  # "Billo said": a person's short name, not the town it spells like
            if not m.dropped and m.ntok == 1 and not m.actorlike and _SAID_AFTER.match(body, m.end):
                m.dropped = True
            elif not m.dropped and _NOT_A_PLACE_AFTER.match(body, m.end) and (
                    body[m.start : m.end] in _MONTH_ABBREVIATIONS or body[m.end : m.end + 2] == ".-"):
                m.dropped = True  # "Jan. 8" is a date; "U.S.-led" a compound (as "US-led")
            elif not m.dropped and body.endswith("Agence ", 0, m.start):
                m.dropped = True  # "Agence France-Presse"
        out = [self._suggestion(body, m) for m in matches if not m.dropped]
        out += unknown_places(body, matches)
        found = landmarks(body, [(m.start, m.end) for m in matches if not m.dropped or m.org] + [(o.start, o.end) for o in out])
        if found:  # a gazetteer name inside a landmark's is the landmark's ("Baghdad Street")
            inside = [(f.start, f.end) for f in found if f.rule == "cue:landmark"]
            out = [o for o in out if not any(a <= o.start and o.end <= b for a, b in inside)] + found
        out.sort(key=attrgetter("start", "end"))
        return out

    def _find(self, body: str) -> list[_Match]:
        out: list[_Match] = []
        last_end = 0
        # The words' keys are looked up in C (map over the matches); Python sees only the few
        # capitalised words that can start a name.
        caps = list(_CAP.finditer(body))
        keys = list(map(self._starts.__getitem__, map(re.Match.group, caps)))
        for cap, k in compress(zip(caps, keys), map(_IS_SOME, keys)):
            s, e = cap.span()
            if s < last_end:
                continue
            m = self._longest(body, s, e, k)
            if m is None or body[m.end - 3 : m.end].casefold() in _CONTRACTIONS:
                continue  # "He’ll" is no Ha'il
            m.left = LeftContext(body, m.start)
            if self._extend_left(body, m, last_end):
                m.left = LeftContext(body, m.start)
            out.append(m)
            last_end = m.end
        return out

    def _has(self, key: str) -> bool:
        return key in self._keys

    def _continues(self, key: str) -> bool:
        return key in self._prefixes

    def _longest(self, body: str, s: int, end: int, key: str) -> _Match | None:
        """The longest gazetteer name starting with the word body[s:end] (whose key is `key`)."""
        keys, prefixes = self._keys, self._prefixes
        article = False
        if not key:
            # A leading article belongs to the name when it is al/el or hyphenated (al-Bab,
            # Ar-Raqqah); "At Raqqa" is English.
            sep = _SEP.match(body, end)
            if sep is None or (body[s:end].casefold() not in ("al", "el") and "-" not in sep.group()):
                return None
            w = _WORD.match(body, sep.end())
            if w is None or not body[w.start()].isupper() or not (key := token_key(w.group())):
                return None
            article, end = True, w.end()
        joined, ntok = key, 1
        best = (end, key, 1) if key in keys else None
        for _ in range(self._idx.max_tokens + 3):
            if joined not in prefixes:
                break
            w = _SEP_WORD.match(body, end)
            if w is None:
                break
            end = w.end()
            k = token_key(w.group(1))
            if k in VOWEL_ARTICLES and body[end : end + 1] in "-‐":
                continue  # "Kafr a-Nabl": an article written with its vowel only
            if not k:
                continue  # an article inside the name: "Deir ez-Zor", "Jisr ash Shughur"
            joined, ntok = f"{joined} {k}", ntok + 1
            if joined in keys:
                best = (end, joined, ntok)
        if best is None:
            return None
        end, key, ntok = best
        place = self._place(key, body[s:end])
        return _Match(start=s, end=end, key=key, place=place, found=place, article=article, ntok=ntok,
                      actorlike=_actorlike(place))

    def _place(self, key: str, surface: str) -> Place:
        return self._learned.get(key) or self._idx.best(key, surface)  # type: ignore[return-value]

    def _extend_left(self, body: str, m: _Match, floor: int) -> bool:
        """Take in the word before: an article ("al Bab") or the start of a longer name
        ("eastern Ghouta", "occupied Golan"). True if the match grew."""
        before = body[max(0, m.start - 3) : m.start].casefold()
        if before in ("al-", "el-", "al‐", "el‐") and not body[max(0, m.start - 4) : m.start - 3].isalpha():
            m.start, m.article = m.start - 3, True  # "al-Waer": the CAP walk started at the W
            return True
        left = m.left
        if left is None or not left.orig or left.last_start < floor:
            return False
        gap = body[left.last_start + len(left.orig[0]) : m.start]
        if gap.strip(" \t\u00a0-‐‑"):
            return False
        word = left.orig[0]
        if word.casefold() in ("al", "el"):
            m.start, m.article = left.last_start, True
            return True
        if word.casefold() in W.STOP_SURFACES:  # "in Asia" is not "Ain Issa"
            return False
        longer = f"{token_key(word)} {m.key}"
        if self._has(longer):
            m.key, m.start, m.ntok = longer, left.last_start, m.ntok + 1
            m.place = m.found = self._place(longer, body[m.start : m.end])
            m.actorlike = _actorlike(m.found)
            return True
        return False

    # ------------------------------------------------------------------ judging
    def _judge(self, body: str, m: _Match) -> None:
        s, e = m.start, m.end
        hi = min(len(body), e + _WINDOW)
        left = m.left or LeftContext(body, s)
        place = m.place
        m.feature, m.precision = place.feature, DEFAULT_PRECISION.get(place.feature, 1)
        # What follows decides which right-hand patterns can apply at all (most need none).
        after, nxt = body[e : e + 1], None
        if after in ("-", "‐", "‑") and W.COMPOUND_RIGHT.match(body, e, hi):
            m.dropped = m.org = True  # "Russia-backed"
            return
        if after in (" ", "\t"):
            w = _NEXT_WORD.match(body, e)
            nxt = w.group(1) if w else None
        right = after in ("’", "'") or bool(nxt and (nxt[0].isupper() or nxt.casefold() in W.RIGHT_TRIGGERS))
        if after == "," and body.startswith(", and other ", e):  # "Homs, Raqqa, and other governorates"
            pr_list = W.PROVINCE_RIGHT.match(body, e, hi)
            right = right or pr_list is not None
        if right and (W.ORG_RIGHT.match(body, e, hi) or W.ORG_POSSESSIVE.match(body, e, hi)):
            m.dropped = m.org = True
            return
        if left.organisation:
            m.dropped = m.org = m.org_left = True
            return
        if not m.actorlike and (_LISTENER_BEFORE.search(body, max(0, s - 8), s) or _OUTLET_AFTER.match(body, e, hi)):
            m.dropped = m.org = True  # "told Al Jazeera", "Al Jazeera reported": an outlet, not the Jazira region
            return
        town = left.town or (right and W.CITY_RIGHT.match(body, e, hi) and "city")
        if not m.actorlike and self._inside_a_name(m, left, nxt, bool(town)):
            m.dropped = True  # with a town cue the name goes on: "the village of Tel Jabin"
            return
        if m.ntok == 1 and not m.article and not town:
            surface = body[s:e]
            if surface.casefold() in W.STOP_SURFACES and not surface.isupper():
                m.dropped = True
                return
        near = left.near or (right and W.NEAR_RIGHT.match(body, e, hi) and "outskirts")
        province = left.province
        locative = m.locative = left.locative
        if place.origin == "syria" and place.rank[0] >= 20 and not (town or locative or near or province):
            m.dropped = True  # an obscure GeoNames village needs a cue: its name is often a surname
            return
        pr = None if province or not right else W.PROVINCE_RIGHT.match(body, e, hi)
        direction = left.direction
        if (province or pr) and m.found.country == "SY" and m.found.feature != "country":
            if province:
                cue, with_direction = province
                m.province = "left"
            else:
                cue = pr.group("cue").casefold()  # type: ignore[union-attr]
                with_direction = bool(pr.group("dir") or direction)  # type: ignore[union-attr]
                m.province = "right"
            m.plural = cue.split()[0] in ("provinces", "governorates", "governates", "countrysides", "regions")
            self._to_province(m, cue, with_direction)
        elif direction:
            self._part_of(m, direction)
        if town and m.province is None:
            m.cues.append("cue:city" if m.feature == "city" else "cue:town")
        if near and m.feature not in ("country", "province", "region"):
            m.precision, m.near = 2, near
            m.cues.append("cue:near")
        if m.actorlike:
            m.place_context = bool(locative or m.direction
                                   or (right and W.GEO_POSSESSIVE_RIGHT.match(body, e, hi)))

    def _inside_a_name(self, m: _Match, left: LeftContext, nxt: str | None, town: bool) -> bool:
        """A capitalised word right before or after that is neither a cue nor a place: the match
        is part of a person's or an organisation's name ("Mohammed Jasim", "Homs Governor")."""
        if nxt and nxt[0].isupper() and not _common(nxt):
            key = token_key(nxt)
            if not self._has(key) and not self._continues(key):
                return True
        if town:
            return False
        prev = left.orig[0] if left.orig and left.last_start + len(left.orig[0]) >= m.start - 1 else ""
        if prev[:1].isupper() and prev.isalpha() and not _common(prev):
            return not self._has(token_key(prev))
        return False

    def _to_province(self, m: _Match, cue: str, direction: bool) -> None:
        gov = m.found.governorate
        if gov and m.found.name == "Damascus" and cue.startswith("governorate"):
            gov = "13"  # "Damascus Governorate" is the city; "rural Damascus" is Rif Dimashq
        province = self._idx.governorates.get(gov or "") if gov else None
        if province is not None and cue.startswith("region") and not province.name.startswith(m.found.name):
            province = None  # "the Afrin region" is around Afrin, not Aleppo Governorate; "the Aleppo region" is the governorate
        if province is not None or (m.found.feature == "province" and not cue.startswith("region")):
            m.place = province or m.found
            m.feature, m.precision = "province", 2 if direction else 3
            m.cues.append("cue:province")
        else:  # "rural Manbij", "the Manbij countryside": around a town
            m.precision = 2
            m.cues.append("cue:near")
        m.direction = direction

    def _part_of(self, m: _Match, d: str) -> None:
        """"northern Hama", "eastern Aleppo", "northern Syria": part of a place."""
        m.direction = True
        if m.actorlike or m.feature in ("country", "province", "region"):
            return
        gov = m.found.governorate
        city_halves = m.found.name == "Damascus" or (m.found.name == "Aleppo" and d in ("eastern", "western", "east", "west"))
        if gov and not city_halves and gov in self._idx.governorates:
            m.place = self._idx.governorates[gov]
            m.feature = "province"
        m.precision = 2
        m.cues.append("cue:part")

    def _lists(self, body: str, matches: list[_Match]) -> None:
        """Carry a cue along a list: "the provinces of Raqqa and Deir Ezzor", "Idlib and Hama
        provinces", "in Lebanon, Jordan and Turkey", "the Islamic State of Iraq and Syria"."""
        pairs = [(a, b) for a, b in zip(matches, matches[1:])
                 if b.start - a.end <= 12 and W.CONJUNCTION.match(body, a.end, b.start)]
        for a, b in pairs:
            if a.org_left and not b.dropped and _AND_ONLY.match(body[a.end:b.start]):
                b.dropped = b.org_left = True
            if a.dropped or b.dropped:
                continue
            if a.province == "left" and b.province is None and b.found.governorate:
                b.province = "left"
                self._to_province(b, "province", a.direction)
            if a.near and a.near != "outskirts" and b.precision < 2 and b.feature not in ("country", "province", "region"):
                b.precision = 2
                b.cues.append("cue:near")
            if a.locative or a.place_context:  # "in Lebanon, Jordan and Turkey"
                b.locative = True
                if b.actorlike:
                    b.place_context = True
        for a, b in reversed(pairs):
            if a.dropped or b.dropped:
                continue
            if b.province == "right" and b.plural and a.province is None and a.found.governorate:
                a.province, a.plural = "right", True  # on along the list: "Aleppo, Idlib and Hama provinces"
                self._to_province(a, "province", b.direction)
        kept = [m for m in matches if not m.dropped]
        for a, b in zip(kept, kept[1:]):
            if b.actorlike and b.start - a.end <= 4 and W.APPOSITION.match(body, a.end, b.start):
                b.place_context = True  # "Geneva, Switzerland"

    # ------------------------------------------------------------------ output
    def _suggestion(self, body: str, m: _Match) -> Suggestion:
        # Rule, confidence and attributes follow from the place and the cues alone, and the same
        # places come back with the same cues: each combination is worked out once per tagger.
        key = (id(m.place), m.key, *m.cues, m.actorlike, m.place_context, m.feature, m.precision)
        made = self._made.get(key)
        if made is None:
            made = self._make(m)
            if len(self._made) < _STARTS_CACHE:
                self._made[key] = made
        rule, confidence, attributes = made
        return Suggestion("location", m.start, m.end, body[m.start : m.end], dict(attributes), rule, confidence)

    def _make(self, m: _Match) -> tuple[str, float, dict[str, Any]]:
        """The rule, confidence and attributes of the suggestion for match `m`."""
        origin = m.place.origin
        base = "syria-auto" if origin == "syria" and m.place.rank[0] >= 20 else origin
        confidence = _BASE_CONFIDENCE.get(base, 0.7)
        cues = list(dict.fromkeys(m.cues))
        if m.actorlike:
            confidence = 0.9 if m.place_context else 0.6
            if not m.place_context:
                cues.append("actor")
        elif cues:
            confidence += 0.05
        candidates = self._idx.entries.get(m.key, ())
        if len(candidates) > 1 and origin != "learned":
            confidence -= 0.1  # another place shares the key
        rule = "+".join([f"gaz:{'syria' if origin == 'syria' else origin}", *cues])
        return rule, round(max(0.3, min(0.99, confidence)), 2), m.place.attributes(m.feature, m.precision)
