"""Names of people and organisations: which capitalised words are a person's name, which are an
organisation, and how a short or variant form maps to one canonical name.

`NameIndex` is built once per item: it lists the full person names and organisation names the
item mentions (with offsets), so "Seif" resolves to "Riad Seif" and "the council" to "Deir Ezzor
provincial council". Names the store already knows (accepted tags, learned aliases) come in as
`Lexicon`, built once per tagging run.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from annotator.tagging.text import MONTHS, NATIONALITIES, WEEKDAYS, country_names, trie_pattern

ROLE_WORDS = frozenset(
    """president vice-president vice secretary-general secretary general head chief chairman chairwoman chair member
    spokesman spokeswoman spokesperson minister envoy representative ambassador director director-general commander
    leader official coordinator negotiator deputy assistant advisor adviser mayor governor colonel brigadier lieutenant
    captain sheikh dr dr. doctor prof prof. professor researcher activist journalist lawyer judge founder co-founder
    manager officer mr mr. mrs mrs. ms ms. imam bishop patriarch prime foreign defence defense health interior justice
    special senior high commissioner rapporteur correspondent king prince emir pope senator lawmaker mp state affairs
    undersecretary under-secretary co-chair counsellor counselor consul delegate administrator reporter""".split()
)
ORG_HEADS = frozenset(
    """coalition council department ministry committee commission network organization organisation office agency
    observatory union league front army forces party government court assembly authority movement group center centre
    foundation society association federation bureau secretariat directorate command body delegation mission embassy
    administration defence defense helmets fund programme program unit watch international institute regime cross
    crescent kremlin pentagon nations board alliance brigade brigades battalion division syndicate team coordinators""".split()
)
# Organisations whose names carry no head word, and common short forms -> canonical name.
ORG_ALIASES = {
    "un": "United Nations", "united nations": "United Nations", "white helmets": "Syrian Civil Defence",
    "syrian civil defense": "Syrian Civil Defence", "civil defence": "Syrian Civil Defence",
    "civil defense": "Syrian Civil Defence", "syrian civil defence": "Syrian Civil Defence",
    "sohr": "Syrian Observatory for Human Rights", "syrian observatory of human rights": "Syrian Observatory for Human Rights", "snhr": "Syrian Network for Human Rights",
    "ocha": "UN Office for the Coordination of Humanitarian Affairs", "unhcr": "UN High Commissioner for Refugees",
    "unicef": "UN Children’s Fund", "opcw": "Organization for the Prohibition of Chemical Weapons",
    "hnc": "High Negotiations Committee", "sdf": "Syrian Democratic Forces", "fsa": "Free Syrian Army",
    "icrc": "International Committee of the Red Cross", "msf": "Doctors Without Borders", "hrw": "Human Rights Watch",
    "amnesty": "Amnesty International", "ohchr": "UN Office of the High Commissioner for Human Rights",
    "jaish al-islam": "Jaish al-Islam", "ahrar al-sham": "Ahrar al-Sham", "hayat tahrir al-sham": "Hayat Tahrir al-Sham",
    "hts": "Hayat Tahrir al-Sham",
    # the Coalition's formal name; wire services written with the words "news agency" after their name
    "national coalition of syrian revolution and opposition forces": "Syrian Coalition",
    "syrian national coalition": "Syrian Coalition",
    "afp news agency": "AFP", "sana news agency": "SANA", "reuters news agency": "Reuters", "xinhua news agency": "Xinhua",
    "dpa news agency": "DPA", "tass news agency": "TASS", "irna news agency": "IRNA", "ap news agency": "AP", "isis": "ISIS", "pyd": "Democratic Union Party", "ypg": "YPG", "hezbollah": "Hezbollah",
}
CAPITALS = {"Moscow", "Washington", "Ankara", "Tehran", "Damascus", "Paris", "London", "Berlin", "Beijing", "Riyadh",
            "Doha", "Amman", "Beirut", "Baghdad", "Cairo"}
PARTICLES = frozenset("al el de van von bin ibn abu bint der den da di du le la ben ould".split())
ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|az|an|at|ad)[-‑ ]", re.IGNORECASE)
# (an upper-case first letter, Latin with diacritics too: "Şervan Hemû")
NAME_TOKEN = re.compile(r"^(?:(?:al|el|Al|El|as|ash|ad|ar|az|an|at)-)?[A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĦĪĮİĴĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŪŮŰŲŴŶŸŹŻŽ][\w’'-]*$")
_STOP_CAPS = frozenset(NATIONALITIES) | frozenset(WEEKDAYS) | frozenset(MONTHS) | {
    "The", "A", "An", "This", "That", "These", "In", "On", "For", "According", "Meanwhile", "However", "He", "She",
    "It", "They", "We", "I", "His", "Her", "Its", "Their", "Both", "And", "But", "As", "At", "By", "Of", "To",
}
# the capitalised words (and name particles) that end right before a position
_NAME_RUN_END = re.compile(
    r"(?:(?:(?:al|el|Al|El)-)?[A-Z][\w’'-]*[ \t]+(?:(?:al|el|de|van|von|bin|ibn|abu|da|di|du|der|den)[ \t]+)?)+$"
)
# Where a run of capitalised words can start: a capital, or an article before one.
_NAME_START = re.compile(r"[A-Z]|[aAeE]l-")
_NON_WORD = re.compile(r"[^\w ]+")
_NONSPACE = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
_CAP_RUN = re.compile(
    r"(?:(?:al|el|Al|El)-)?[A-Z][\w’'-]*(?:[ \t]+(?:(?:al|el|de|van|von|bin|ibn|abu|da|di|du|der|den)[ \t]+)?"
    r"(?:(?:al|el|Al|El)-)?[A-Z][\w’'-]*)+"
)
# _CAP_RUN without its optional leading article: it starts at a capital, so the engine skips to
# capitals in C instead of trying the article at every "a" and "e" of the text (3x faster).
_CAP_RUN_AT_CAPITAL = re.compile(_CAP_RUN.pattern.replace(r"(?:(?:al|el|Al|El)-)?[A-Z]", "[A-Z]", 1))
_RUN_ARTICLES = ("al-", "el-", "Al-", "El-")
if _CAP_RUN_AT_CAPITAL.pattern == _CAP_RUN.pattern:  # _CAP_RUN changed: cap_runs must follow it
    raise ValueError("_CAP_RUN no longer starts with the optional article cap_runs expects")


def cap_runs(body: str) -> list[tuple[int, int]]:
    """The spans of _CAP_RUN.finditer(body), exactly: a run found at a capital starts at the
    article right before it when that article is not inside the previous run (where _CAP_RUN's
    leftmost match would have started)."""
    out = []
    pos = 0
    for m in _CAP_RUN_AT_CAPITAL.finditer(body):
        s, e = m.span()
        if s - 3 >= pos and body[s - 3 : s] in _RUN_ARTICLES:
            s -= 3
        out.append((s, e))
        pos = e
    return out


_ORG_HEAD_WORDS = ["Coalition", "Council", "council", "Department", "Ministry", "Committee", "committee", "Commission",
                   "Network", "Organization", "Organisation", "Office", "Agency", "Observatory", "Union", "League", "Front",
                   "Army", "Forces", "Party", "Government", "Court", "Assembly", "Authority", "Movement", "Group",
                   "Center", "Centre", "Foundation", "Society", "Association", "Federation", "Bureau", "Secretariat",
                   "Directorate", "Command", "Delegation", "Mission", "Embassy", "Administration", "Defence", "Defense",
                   "Helmets", "Fund", "Programme", "Unit", "Watch", "Institute", "Nations", "Board", "Alliance",
                   "Coordinators"]
_ORG_HEAD = re.compile(r"\b(?:" + trie_pattern(_ORG_HEAD_WORDS) + r")\b")
_ORG_RIGHT = re.compile(r"[ \t]+(?:for|of|on)[ \t]+(?:the[ \t]+)?[A-Z][\w’'-]*(?:[ \t]+(?:(?:and|of|for)[ \t]+)?(?:the[ \t]+)?[A-Z][\w’'-]*){0,5}")
_ORG_MODIFIER_WORDS = frozenset("provincial local military city revolutionary media relief".split())
_ACRONYM = re.compile(r"\(([A-Z]{2,8})\)")
_ACRONYM_LEFT = re.compile(r"(?:[A-Z][\w’'-]*|for|of|on|the|and)(?:[ \t]+(?:[A-Z][\w’'-]*|for|of|on|the|and)){0,10}[ \t]*$")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Comparison key: case, diacritics, apostrophes, hyphens and Arabic articles do not matter."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").casefold()
    words = [ARTICLE.sub("", w) for w in text.split()]
    words = [w for w in words if w and w not in ("the", "al", "el")]
    return _NON_WORD.sub("", " ".join(words)).replace("  ", " ").strip()


def org_alias(name: str) -> str | None:
    """The canonical name of a known organisation form ("White Helmets", "Jaish al-Islam", "SNHR")."""
    if not _ORG_ALIAS_KEYS:
        _ORG_ALIAS_KEYS.update({fold(k): v for k, v in ORG_ALIASES.items()})
    return _ORG_ALIAS_KEYS.get(fold(name))


_ORG_ALIAS_KEYS: dict[str, str] = {}


def strip_possessive(token: str) -> str:
    if token.endswith(("’s", "'s")):
        return token[:-2]
    if token.endswith(("’", "'")):
        return token[:-1]
    return token


@lru_cache(maxsize=65536)
def is_name_token(token: str) -> bool:
    bare = strip_possessive(token)
    return bool(NAME_TOKEN.match(bare)) and bare not in _STOP_CAPS and not is_stop_word(bare)


@lru_cache(maxsize=65536)
def is_stop_word(token: str) -> bool:
    low = token.lower().rstrip(".,")
    if low in ROLE_WORDS or low in ORG_HEADS:
        return True
    if token.isupper() and len(token) >= 2:  # UN, US, HNC: never part of a person's name
        return True
    return token in country_names() or token in NATIONALITIES or "-backed" in low or "-led" in low


def _name_run_start(text: str) -> int | None:
    """Where `_NAME_RUN_END.search(text)` matches: the pattern is tried only where a name can
    start (a search tries it at every character of the window)."""
    for c in _NAME_START.finditer(text):
        m = _NAME_RUN_END.match(text, c.start())
        if m is not None:
            return c.start()
    return None


def last_name_key(name: str) -> str:
    parts = fold(name).split()
    return parts[-1] if parts else ""


@dataclass
class Lexicon:
    """What the store already knows: canonical speaker names and learned aliases (built once per run)."""

    names: dict[str, str] = field(default_factory=dict)  # fold(name) -> canonical
    surnames: dict[str, set[str]] = field(default_factory=dict)  # fold(last name) -> canonicals
    aliases: dict[str, str] = field(default_factory=dict)  # fold(surface) -> canonical

    @classmethod
    def build(cls, known: Iterable[str] = (), aliases: dict[str, str] | None = None) -> Lexicon:
        lex = cls()
        for name in known:
            if name and name.strip():
                lex.add(name.strip())
        for surface, canonical in (aliases or {}).items():
            if surface and canonical:
                lex.aliases[fold(surface)] = canonical
                lex.add(canonical)
        return lex

    def add(self, name: str) -> None:
        self.names.setdefault(fold(name), name)
        if len(name.split()) >= 2:
            self.surnames.setdefault(last_name_key(name), set()).add(name)

    def canonical(self, name: str) -> str:
        key = fold(name)
        return self.aliases.get(key) or self.names.get(key) or name


class NameIndex:
    """Full person names and organisation names one item mentions, in text order (computed on
    first use: most items never need them)."""

    def __init__(self, body: str, org_heads: list[tuple[int, int]] | None = None) -> None:
        self.body = body
        self._heads = org_heads  # from scan.Scan, when the caller has one
        self._persons: list[tuple[int, str]] | None = None
        self._orgs: list[tuple[int, str]] | None = None
        self._acronyms: dict[str, str] | None = None
        self._surname_cache: dict[str, list[tuple[int, str]]] = {}
        self._person_starts: list[int] | None = None
        self._by_head: dict[str, list[tuple[int, str]]] | None = None
        self._by_word: dict[str, list[tuple[int, str]]] | None = None

    @classmethod
    def build(cls, body: str) -> NameIndex:
        return cls(body)

    @property
    def persons(self) -> list[tuple[int, str]]:
        if self._persons is None:
            body = self.body
            self._persons = [(s + at, name) for s, e in cap_runs(body) for at, name in _run_persons(body[s:e])]
        return self._persons

    @property
    def orgs(self) -> list[tuple[int, str]]:
        if self._orgs is None:
            heads = self._heads if self._heads is not None else [m.span() for m in _ORG_HEAD.finditer(self.body)]
            self._orgs = [o for o in (_org_at(self.body, s, e) for s, e in heads) if o[1]]
        return self._orgs

    @property
    def acronyms(self) -> dict[str, str]:
        if self._acronyms is None:
            self._acronyms = {}
            if "(" in self.body:
                for m in _ACRONYM.finditer(self.body):
                    left = _ACRONYM_LEFT.search(self.body, max(0, m.start() - 120), m.start())
                    full = clean_org(left.group(0).strip()) if left else ""
                    if full and full[0].isupper():
                        self._acronyms[m.group(1)] = full
        return self._acronyms

    def full_name_for(self, surname: str, pos: int) -> str | None:
        """The nearest earlier full name ending in `surname` (else the first later one). Looks only at
        the surname's own occurrences, so items that never need a full name never index names."""
        found = self._surname_cache.get(surname)
        if found is None:
            found = []
            key = fold(surname)
            for m in _surname_matches(self.body, surname):
                before = self.body[max(0, m.start() - 60) : m.start()]
                run_start = _name_run_start(before)
                if run_start is None:
                    continue
                start = m.start() - len(before) + run_start
                names = split_person_names(self.body, start, self.body[start : m.end()])
                if names and names[-1][0] + len(names[-1][1]) >= m.end() - 1 and fold(names[-1][1]) != key:
                    found.append(names[-1])
            self._surname_cache[surname] = found
        if not found:
            return None
        i = bisect.bisect_left(found, (pos, ""))
        return (found[i - 1] if i > 0 else found[0])[1]

    def first_mention(self, name: str) -> int | None:
        at = self.body.find(name)
        return at if at >= 0 else None

    def persons_near(self, lo: int, hi: int) -> list[tuple[int, str]]:
        persons = self.persons
        if self._person_starts is None:
            self._person_starts = [p for p, _ in persons]
        return persons[bisect.bisect_left(self._person_starts, lo) : bisect.bisect_right(self._person_starts, hi)]

    def org_for_head(self, head: str, pos: int) -> str | None:
        """The most recent longer organisation name ending in `head` ("the council" -> "Deir Ezzor provincial council")."""
        if self._by_head is None:
            self._by_head, self._by_word = {}, {}
            for p, n in self.orgs:
                words = n.casefold().split()
                if len(words) > 1:
                    self._by_head.setdefault(words[-1], []).append((p, n))
                    for w in set(words):
                        self._by_word.setdefault(w, []).append((p, n))
        key = head.casefold()
        matches = self._by_head.get(key) or (self._by_word or {}).get(key)
        if not matches:
            return self.acronyms.get(head)
        i = bisect.bisect_left(matches, (pos, ""))
        return (matches[i - 1] if i > 0 else matches[0])[1]


class _Found:
    """A surname occurrence (what callers read of a match: start() and end())."""

    __slots__ = ("_s", "_e")

    def __init__(self, s: int, e: int) -> None:
        self._s, self._e = s, e

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e

    def span(self) -> tuple[int, int]:
        return self._s, self._e


_NAME_CHARS = "’'-"


def _surname_matches(body: str, surname: str) -> Iterator[_Found]:
    r"""Occurrences of `surname` as a whole word, with an "al-"/"el-" before it taken in
    (r"(?<![\w’'-])(?:(?:al|el|Al|El)-)?SURNAME(?![\w-])"), found with str.find: no pattern is
    compiled per surname (real corpora have tens of thousands of them)."""
    n = len(surname)
    i = body.find(surname)
    last_end = 0
    while i >= 0:
        e = i + n
        after = body[e : e + 1]
        if not (after and (after.isalnum() or after == "_" or after == "-")):
            s = i
            if i >= 3 and body[i - 3 : i] in ("al-", "el-", "Al-", "El-"):
                s = i - 3
            before = body[s - 1 : s] if s > 0 else ""
            if s >= last_end and not (before and (before.isalnum() or before == "_" or before in _NAME_CHARS)):
                yield _Found(s, e)
                last_end = e
        i = body.find(surname, i + 1)


def _org_at(body: str, hs: int, he: int) -> tuple[int, str]:
    """The organisation name around a head word: capitalised words (and "provincial", "local" ...)
    to its left, "for/of the Capitalised ..." to its right."""
    if body[hs].islower() and not (hs > 1 and (body[hs - 2].isalpha())):
        return hs, ""
    right = _ORG_RIGHT.match(body, he)
    end = right.end() if right else he
    window = body[max(0, hs - 120) : hs]
    cut = window.rfind("\n")
    parts = (window[cut + 1 :] if cut >= 0 else window).split(" ")
    start = hs
    if parts and parts[-1] == "":
        parts.pop()
        for tok in reversed(parts):
            if tok and (tok[0].isupper() or tok in _ORG_MODIFIER_WORDS) and not _POSSESSIVE.search(tok) \
                    and tok not in ("The", "A", "An", "In", "On", "For"):
                start -= len(tok) + 1
            else:
                break
    if body[hs].islower() and start == hs:
        return hs, ""  # "the council": a reference, not a name
    return start, clean_org(body[start:end])


_DESCRIPTOR_ENDINGS = ("-based", "-backed", "-led", "-affiliated", "-linked", "-run", "-allied", "-aligned")


def clean_org(text: str) -> str:
    words = text.split()
    # articles, and descriptors that are no part of a name ("the London-based Syrian Observatory")
    while words and (words[0].lower() in ("the", "a", "an", "and", "of", "for", "on", "in")
                     or words[0].lower().endswith(_DESCRIPTOR_ENDINGS)):
        words.pop(0)
    # "Coalition’s Assistance Coordination Unit": the unit is the organisation named
    for i, w in enumerate(words[:-1]):
        if _POSSESSIVE.search(w) and w[0].isupper() and strip_possessive(w).lower() in ORG_HEADS:
            words = words[i + 1 :]
            break
    return " ".join(words)


def split_person_names(body: str, start: int, run: str) -> list[tuple[int, str]]:
    """Person-name candidates inside a capitalised run: 2-4 name tokens between stop words."""
    out: list[tuple[int, str]] = []
    current: list[tuple[int, str]] = []
    for m in _NONSPACE.finditer(run):
        tok = m.group(0)
        if is_name_token(tok) or (tok in PARTICLES and current):
            current.append((start + m.start(), strip_possessive(tok)))
            if strip_possessive(tok) != tok:  # "Seif’s": the name ends here
                out.extend(_flush(current))
                current = []
        else:
            out.extend(_flush(current))
            current = []
    out.extend(_flush(current))
    return out


@lru_cache(maxsize=32768)
def _run_persons(run: str) -> tuple[tuple[int, str], ...]:
    """split_person_names of a capitalised run on its own (offsets from the run's start): the
    result depends on the run's text alone, and the same names and organisations come back item
    after item."""
    return tuple(split_person_names(run, 0, run))


def _flush(tokens: list[tuple[int, str]]) -> list[tuple[int, str]]:
    while tokens and tokens[-1][1] in PARTICLES:
        tokens = tokens[:-1]
    if 2 <= len(tokens) <= 4 and " ".join(t for _, t in tokens) not in country_names():
        return [(tokens[0][0], " ".join(t for _, t in tokens))]
    return []
