"""Names of people and organisations: which capitalised words are a person's name, which are an
organisation, and how a short or variant form maps to one canonical name.

`NameIndex` is built once per item: it lists the full person names and organisation names the
item mentions (with offsets), so "Seif" resolves to "Riad Seif" and "the council" to "Deir Ezzor
provincial council". Names the store already knows (accepted tags, learned aliases) come in as
`Lexicon`, built once per tagging run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.tagging.text import MONTHS, NATIONALITIES, WEEKDAYS, country_names

ROLE_WORDS = frozenset(
    """president vice-president vice secretary-general secretary general head chief chairman chairwoman chair member
    spokesman spokeswoman spokesperson minister envoy representative ambassador director director-general commander
    leader official coordinator negotiator deputy assistant advisor adviser mayor governor colonel brigadier lieutenant
    captain sheikh dr dr. doctor prof prof. professor researcher activist journalist lawyer judge founder co-founder
    manager officer mr mr. mrs mrs. ms ms. imam bishop patriarch prime foreign defence defense health interior justice
    special senior high commissioner rapporteur correspondent king prince emir pope senator lawmaker mp state affairs
    undersecretary under-secretary co-chair counsellor counselor consul delegate""".split()
)
ORG_HEADS = frozenset(
    """coalition council department ministry committee commission network organization organisation office agency
    observatory union league front army forces party government court assembly authority movement group center centre
    foundation society association federation bureau secretariat directorate command body delegation mission embassy
    administration defence defense helmets fund programme program unit watch international institute regime cross
    crescent kremlin pentagon nations board alliance brigade brigades battalion division syndicate team""".split()
)
# Organisations whose names carry no head word, and common short forms -> canonical name.
ORG_ALIASES = {
    "un": "United Nations", "united nations": "United Nations", "white helmets": "Syrian Civil Defence",
    "syrian civil defense": "Syrian Civil Defence", "civil defence": "Syrian Civil Defence",
    "sohr": "Syrian Observatory for Human Rights", "snhr": "Syrian Network for Human Rights",
    "ocha": "UN Office for the Coordination of Humanitarian Affairs", "unhcr": "UN High Commissioner for Refugees",
    "unicef": "UN Children’s Fund", "opcw": "Organization for the Prohibition of Chemical Weapons",
    "hnc": "High Negotiations Committee", "sdf": "Syrian Democratic Forces", "fsa": "Free Syrian Army",
    "icrc": "International Committee of the Red Cross", "msf": "Doctors Without Borders", "hrw": "Human Rights Watch",
    "amnesty": "Amnesty International", "ohchr": "UN Office of the High Commissioner for Human Rights",
    "jaish al-islam": "Jaish al-Islam", "ahrar al-sham": "Ahrar al-Sham", "hayat tahrir al-sham": "Hayat Tahrir al-Sham",
    "hts": "Hayat Tahrir al-Sham", "isis": "ISIS", "pyd": "Democratic Union Party", "ypg": "YPG", "hezbollah": "Hezbollah",
}
CAPITALS = {"Moscow", "Washington", "Ankara", "Tehran", "Damascus", "Paris", "London", "Berlin", "Beijing", "Riyadh",
            "Doha", "Amman", "Beirut", "Baghdad", "Cairo"}
PARTICLES = frozenset("al el de van von bin ibn abu bint der den da di du le la ben ould".split())
ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|az|an|at|ad)[-‑ ]", re.IGNORECASE)
NAME_TOKEN = re.compile(r"^(?:(?:al|el|Al|El|as|ash|ad|ar|az|an|at)-)?[A-Z][\w’'-]*$")
_STOP_CAPS = frozenset(NATIONALITIES) | frozenset(WEEKDAYS) | frozenset(MONTHS) | {
    "The", "A", "An", "This", "That", "These", "In", "On", "For", "According", "Meanwhile", "However", "He", "She",
    "It", "They", "We", "I", "His", "Her", "Its", "Their", "Both", "And", "But", "As", "At", "By", "Of", "To",
}
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
_CAP_RUN = re.compile(
    r"(?:(?:al|el|Al|El)-)?[A-Z][\w’'-]*(?:[ \t]+(?:(?:al|el|de|van|von|bin|ibn|abu|da|di|du|der|den)[ \t]+)?"
    r"(?:(?:al|el|Al|El)-)?[A-Z][\w’'-]*)+"
)
_ORG_SCAN = re.compile(
    r"(?:[A-Z][\w’'-]*[ \t]+|(?:the|of|for|and)[ \t]+(?=[A-Z])){0,8}?(?:[A-Z][\w’'-]*[ \t]+)?"
    r"(?:(?:provincial|local|military|city|revolutionary|media|relief)[ \t]+)?"
    r"(?:Coalition|Council|council|Department|Ministry|Committee|committee|Commission|Network|Organi[sz]ation|Office|Agency"
    r"|Observatory|Union|League|Front|Army|Forces|Party|Government|Court|Assembly|Authority|Movement|Group|Cent(?:er|re)"
    r"|Foundation|Society|Association|Federation|Bureau|Secretariat|Directorate|Command|Delegation|Mission|Embassy"
    r"|Administration|Defen[cs]e|Helmets|Fund|Programme|Unit|Watch|Institute|Nations|Board|Alliance)\b"
    r"(?:[ \t]+(?:for|of|on)[ \t]+(?:the[ \t]+)?[A-Z][\w’'-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w’'-]*){0,4})?"
)
_ACRONYM_DEF = re.compile(r"(?P<full>[A-Z][\w’'-]*(?:[ \t]+(?:for|of|on|the|and|[A-Z][\w’'-]*)){1,10})[ \t]+\((?P<acr>[A-Z]{2,8})\)")


def fold(text: str) -> str:
    """Comparison key: case, diacritics, apostrophes, hyphens and Arabic articles do not matter."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").casefold()
    words = [ARTICLE.sub("", w) for w in re.split(r"[\s]+", text) if w]
    words = [w for w in words if w not in ("the", "al", "el")]
    return re.sub(r"[^\w ]+", "", " ".join(words)).replace("  ", " ").strip()


def strip_possessive(token: str) -> str:
    return _POSSESSIVE.sub("", token)


def is_name_token(token: str) -> bool:
    bare = strip_possessive(token)
    return bool(NAME_TOKEN.match(bare)) and bare not in _STOP_CAPS and not is_stop_word(bare)


def is_stop_word(token: str) -> bool:
    low = token.lower().rstrip(".,")
    if low in ROLE_WORDS or low in ORG_HEADS:
        return True
    if token.isupper() and len(token) >= 2:  # UN, US, HNC: never part of a person's name
        return True
    return token in country_names() or token in NATIONALITIES or "-backed" in low or "-led" in low


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


@dataclass
class NameIndex:
    """Full person names and organisation names one item mentions, in text order."""

    persons: list[tuple[int, str]]
    orgs: list[tuple[int, str]]
    acronyms: dict[str, str]

    @classmethod
    def build(cls, body: str) -> NameIndex:
        persons: list[tuple[int, str]] = []
        for m in _CAP_RUN.finditer(body):
            for start, name in split_person_names(body, m.start(), m.group(0)):
                persons.append((start, name))
        orgs = [(m.start(), clean_org(m.group(0))) for m in _ORG_SCAN.finditer(body)]
        acronyms = {m.group("acr"): clean_org(m.group("full")) for m in _ACRONYM_DEF.finditer(body)}
        return cls(persons, [o for o in orgs if o[1]], acronyms)

    def full_name_for(self, surname: str, pos: int) -> str | None:
        key = fold(surname)
        matches = [(p, n) for p, n in self.persons if last_name_key(n) == key and fold(n) != key]
        if not matches:
            return None
        before = [m for m in matches if m[0] < pos]
        return (before[-1] if before else matches[0])[1]

    def org_for_head(self, head: str, pos: int) -> str | None:
        """The most recent longer organisation name ending in `head` ("the council" -> "Deir Ezzor provincial council")."""
        key = head.casefold()
        matches = [(p, n) for p, n in self.orgs if n.split()[-1].casefold() == key and len(n.split()) > 1]
        if not matches and key in self.acronyms:
            return self.acronyms[key]
        if not matches:
            matches = [(p, n) for p, n in self.orgs if key in n.casefold().split() and len(n.split()) > 1]
        if not matches:
            return None
        before = [m for m in matches if m[0] < pos]
        return (before[-1] if before else matches[0])[1]


def clean_org(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an", "and", "of", "for", "on", "in"):
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
    for m in re.finditer(r"\S+", run):
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


def _flush(tokens: list[tuple[int, str]]) -> list[tuple[int, str]]:
    while tokens and tokens[-1][1] in PARTICLES:
        tokens = tokens[:-1]
    if 2 <= len(tokens) <= 4 and " ".join(t for _, t in tokens) not in country_names():
        return [(tokens[0][0], " ".join(t for _, t in tokens))]
    return []
