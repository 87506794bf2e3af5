"""Speakers: persons or organisations whose statement the item reports.

Triggers are reporting verbs ("said", "stressed", "called on", "went on to say" ...) and "according
to X". For each trigger the subject is read from the clause in front of it (skipping adverbials
such as "on Tuesday", "today", "In a statement released on Sunday,"), or behind it after a quote
("..., said member of the political committee Okab Yahya"). A subject is kept only if it names
someone: a person ("President of the Syrian Coalition Riad Seif", "Seif", "he" after a named
speaker), an organisation or state ("The US State Department", "the council", "Russia"), or a
role that the item ties to one named person ("the British envoy"). Unnamed groups ("activists",
"participants", "officials", "the two sides") and documents ("the statement") never are; meetings,
visits and calls use no reporting verb, so they never make a speaker.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from annotator.tagging.attribution import COLON, FROM_LINE, PASSIVE, source_of
from annotator.tagging.base import Suggestion
from annotator.tagging.gazetteer import lookup as lookup_place
from annotator.tagging.names import (
    CAPITALS, ORG_ALIASES, ORG_HEADS, org_alias, ROLE_WORDS, Lexicon, NameIndex, clean_org, fold,
)
from annotator.tagging.clauses import Tok as _Tok
from annotator.tagging.clauses import clip as _clip
from annotator.tagging.clauses import org_tail as _org_tail
from annotator.tagging.clauses import reported_content
from annotator.tagging.scan import Scan
from annotator.tagging.roles import introduced_title, role_context, role_plan
from annotator.tagging.subjects import Toks, appositive_parts, clause_subject, subject_plan, verb_left
from annotator.tagging.text import Sentences, country_names

_VERBS = (
    r"said|says|stressed|stresses|warned|warns|added|adds|called\s+(?:for|on|upon)|calls\s+(?:for|on|upon)"
    r"|renew(?:ed|s)\s+(?:its\s+|his\s+|her\s+|their\s+)?calls?\s+(?:for|on|upon)"
    r"|renew(?:ed|s)\s+(?:its|his|her|their)\s+(?:condemnation|rejection|demand|warning|appeal|support)"
    r"|calling\s+(?:for|on|upon)|urging|documents|released\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,2}(?:report|statement)|condemned|condemns|urged|urges|pointed\s+out"
    r"|points\s+out|pointed\s+to|emphasi[sz]ed|emphasi[sz]es|underscored|underscores|underlined|noted|reaffirmed|reaffirms"
    r"|affirmed|affirms|reiterated|reiterates|expressed|expresses|denied|denies|welcomed|welcomes|stated|announced|announces"
    r"|explained|explains|confirmed|confirms|told|tells|accused|accuses|demanded|demands|asserted|asserts|insisted|insists"
    r"|argued|argues|claimed|indicated|indicates|revealed|reveals|reported|declared|declares|highlighted|cited|described"
    r"|estimated|went\s+on\s+to\s+say|made\s+it\s+clear|appealed|criticised|criticized|blamed|acknowledged|vowed|pledged"
    r"|issued\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}statement|documented|briefed|praised|lamented|voiced|hailed|deplored|denounced|threatened|predicted|rejected|dismissed|questioned|recalled|assured"
    r"|thanked|thanks|congratulated|congratulates|tweeted|monitored|put\s+the\s+(?:death\s+)?toll|put\s+the\s+number"
    # "the LLC is accusing ...", "SANA quoted a military source as saying"
    r"|accusing|quoted\s+(?:[\w-]+\s+){1,5}?as\s+saying"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_ACCORDING = re.compile(
    r"\b[Aa]ccording\s+to\s+(?P<np>(?:the\s+)?[“\"][A-Z][^,.;:()“”\"]{1,60}[”\"](?:\s+[a-z]+)?|[^,.;:()“”\"]{2,90})")
_INVERTED_CUT = re.compile(r"[,.;:“”\"()]|\s(?:in|on|at|during|after|while|when|before|adding|who|to|from)\s")
_ACCORDING_CUT = re.compile(r"\s(?:in|on|at|as|who|which|that|during|after)\s")
_SOURCE_WORD = re.compile(r"(?:an?\s+|the\s+)?(?:\w+\s+)?sources?\s+(?:at|in|with|from)\s", re.IGNORECASE)
_SUBJECT_IN_PLACE = re.compile(
    r"\s+(?:in|from|at)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}$")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z]{2,8})\)")
_PROGRESSIVE = re.compile(r"\s+(?:is|are|was|were)(?:\s+[a-z]+ly)?\s*$")
_GENERIC_UNIT = frozenset(("team", "group", "organization", "organisation", "network", "agency", "monitor"))
# "No party claimed responsibility": nobody is a speaker
_NEGATED = re.compile(r"(?:no|none|nobody|neither|nor)\b", re.IGNORECASE)
# acronyms of a kind of organisation, not a name: "according to the NGO" is the organisation named before
_GENERIC_ACRONYMS = frozenset(("NGO", "INGO", "NGOs"))
# "the Turkish defense ministry confirmed": a state's ministry written in lower case
_NATIONAL_MINISTRY = re.compile(
    r"(?:the\s+)?(?P<name>(?:Turkish|Russian|Iranian|Syrian|Israeli|Iraqi|Jordanian|Lebanese|French|British|German|US|U\.S\.|American)"
    r"\s+(?:defen[cs]e|foreign|interior|health|justice)\s+ministry)")
_AND = re.compile(r"\s+and\s+|,\s+(?:and\s+)?")
_ROLE_WORD = re.compile(r"[\w.-]+")
_NATION_EQUIV = [
    {"british", "uk", "britain", "united kingdom"}, {"french", "france"}, {"american", "us", "u.s.", "united states"},
    {"dutch", "netherlands", "holland"}, {"german", "germany"}, {"russian", "russia"}, {"turkish", "turkey"},
    {"un", "united nations", "international"}, {"norwegian", "norway"}, {"italian", "italy"}, {"swedish", "sweden"},
    {"european", "eu", "europe"}, {"iranian", "iran"}, {"jordanian", "jordan"}, {"qatari", "qatar"}, {"saudi", "saudi arabia"},
]
_ROLE_SYNONYMS = [{"envoy", "representative", "ambassador"}, {"spokesman", "spokeswoman", "spokesperson"},
                  {"president", "head", "chairman", "chief", "leader"}, {"minister"}, {"secretary-general", "secretary"}]


@dataclass(slots=True)
class Subject:
    kind: str  # person / org
    name: str
    start: int
    end: int
    role: str | None = None
    org: str | None = None
    rule: str = "speaker.verb-subject"
    confidence: float = 0.85


class _Item:
    """Per-item state: the name index, the last person and organisation speakers (for he/it)."""

    def __init__(self, body: str, sentences: Sentences, lexicon: Lexicon, scan: Scan) -> None:
        self.body, self.sentences, self.lexicon = body, sentences, lexicon
        self.index = NameIndex(body, scan.orghead)
        self.last_person: Subject | None = None
        self.last_org: Subject | None = None
        self.org_speakers: deque[str] = deque(maxlen=20)  # recent ones only: "the council" is near its name
        self.roles: dict[str, tuple[str | None, str | None]] = {}
        self.also: list[Subject] = []  # the other subjects of a coordinated subject ("X and Y said")


# "the US-led coalition", "the international coalition": the coalition a later "the coalition" is
_NAMED_COALITION = re.compile(r"\b((?:[A-Z][\w]*-led|[Ii]nternational|[Gg]lobal|[Aa]nti-(?:ISIS|IS|ISIL|Daesh))\s+[Cc]oalition)\b")
# the US-led coalition's own words: "Coalition forces", "Coalition aircraft"
_MILITARY_COALITION = re.compile(r"\bCoalition\s+(?:forces|aircraft|jets|warplanes|strikes|airstrikes|partners|troops|military)\b")


def _coalition(body: str, pos: int, word: str) -> str | None:
    """Which coalition "the coalition" is: the one the item named before with its modifier ("US-led
    coalition"); a capitalised "the Coalition" in an item naming no other is the Syrian Coalition."""
    named = None
    for m in _NAMED_COALITION.finditer(body, 0, pos):
        named = m
    if named is not None:
        return named.group(1)
    if word[:1].isupper() and _NAMED_COALITION.search(body) is None and _MILITARY_COALITION.search(body) is None:
        return "Syrian Coalition"
    return None


class SpeakerTagger:
    """Built once per run with the names the store knows; `tag` is then pure per item."""

    def __init__(self, known_names: Iterable[str] = (), aliases: dict[str, str] | None = None) -> None:
        self.lexicon = Lexicon.build(known_names, aliases)
        surfaces = sorted((s for s in (aliases or {}) if s.strip()), key=len, reverse=True)
        self._learned = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in surfaces) + r")(?!\w)", re.I)
            if surfaces else None
        )

    def tag(self, body: str, sentences: Sentences | None = None, scan: Scan | None = None) -> list[Suggestion]:
        if not body:
            return []
        scan = scan or Scan(body)
        if not scan.verb and self._learned is None and ": " not in body and "From " not in body:
            return []  # no reporting verb, no learned name, no "X: ..." and no "From X,": no speaker
        sentences = sentences or Sentences(body)
        item = _Item(body, sentences, self.lexicon, scan)
        triggers = []
        for start, _ in scan.verb:
            m = _VERB.match(body, start) or _ACCORDING.match(body, start)
            if m is not None:
                triggers.append((start, "verb" if m.re is _VERB else "according", m))
        if " by " in body:
            triggers += [(m.start(), "passive", m) for m in PASSIVE.finditer(body)]
        if ": " in body:
            triggers += [(m.start(), "colon", m) for m in COLON.finditer(body)]
        if body.startswith("From ") or "\nFrom " in body:
            triggers += [(m.start(), "from", m) for m in FROM_LINE.finditer(body)]
        out: dict[tuple[int, int], Suggestion] = {}
        for _, how, m in sorted(triggers, key=lambda t: t[0]):
            subject = (self._from_verb(item, m) if how == "verb" else self._from_colon(item, m) if how == "colon"
                       else self._from_byline(item, m) if how == "from" else self._from_according(item, m))
            also, item.also = item.also, []
            for sub in ([subject] if subject else []) + also:
                if (sub.start, sub.end) not in out:
                    out[(sub.start, sub.end)] = self._suggestion(item, sub, m, how)
        self._learned_mentions(item, out)
        return sorted(out.values(), key=attrgetter("start"))

    # -- triggers -------------------------------------------------------------------------------
    def _from_verb(self, item: _Item, m: re.Match[str]) -> Subject | None:
        s0, _ = item.sentences.at(m.start())
        s0 = max(s0, m.start() - 250)  # a subject and its title sit close to the verb
        left = item.body[s0 : m.start()]
        if m.group(0).startswith(("calling", "urging", "accusing")):  # "X is (urgently) calling on": the subject is before "is"
            aux = _PROGRESSIVE.search(left)
            if aux is None:
                return None
            left = left[: aux.start()]
        plan = verb_left(left)
        if plan is None:
            return None
        if plan[0] == "inverted":
            return self._inverted(item, m)
        if plan[0] == "appositive":
            return self._appositive(item, s0, plan[1], m.start()) or self._inverted(item, m)
        return self._subject_at_end(item, s0, plan[1], m.start())

    def _from_colon(self, item: _Item, m: re.Match[str]) -> Subject | None:
        """"UNHCR: 40,000 have fled": an organisation (never a place heading such as "Idlib Province:")."""
        plan = subject_plan(m.group("np"))
        if plan is None or plan[0] not in ("org", "org-of"):
            return None
        np_text = m.group("np").strip()
        if np_text.isupper() and lookup_place(np_text.title()) is not None:
            return None  # "AMMAN: When airstrikes hit ...": a dateline in capitals
        subject = self._parse(item, m.group("np"), m.start("np"), m.start())
        if subject:
            subject.rule = "speaker.colon"
        return subject

    def _from_byline(self, item: _Item, m: re.Match[str]) -> Subject | None:
        """"From Jane Doe, UNICEF Regional Director" above a quoted statement: a person's statement."""
        subject = self._parse(item, m.group("np"), m.start("np"), m.start())
        if subject is None or subject.kind != "person":
            return None
        subject.rule = "speaker.byline"
        return subject

    def _from_according(self, item: _Item, m: re.Match[str]) -> Subject | None:
        np_text = m.group("np")
        cut = _ACCORDING_CUT.search(np_text)
        if cut and not _SOURCE_WORD.match(np_text):  # "a source at the Police Command": keep the "at"
            np_text = np_text[: cut.start()]
        subject = self._parse(item, np_text.rstrip(), m.start("np"), m.start())
        if subject:
            subject.rule = "speaker.according-to" if m.re is _ACCORDING else "speaker.passive"
            if m.re is not _ACCORDING and subject.kind == "org" and subject.org:
                subject.name = subject.org  # "issued by the Coalition’s media department": the Coalition
        return subject

    def _inverted(self, item: _Item, m: re.Match[str]) -> Subject | None:
        if m.group(0) in ("told", "tells"):
            return None  # "..., tells Syria Direct": who is told listens, never speaks
        _, s1 = item.sentences.at(m.start())
        rest = item.body[m.end() : s1]
        cut = _INVERTED_CUT.search(rest)
        np_text = rest[: cut.start()] if cut else rest
        lead = len(np_text) - len(np_text.lstrip())
        subject = self._parse(item, np_text.strip(), m.end() + lead, m.start())
        if subject:
            subject.rule = "speaker.after-quote"
        return subject

    def _appositive(self, item: _Item, s0: int, content: str, pos: int) -> Subject | None:
        """"Haitham al-Maleh, head of the Coalition’s legal committee, said" / "Yahya, who is ..., said"."""
        parts = appositive_parts(content)
        if parts is None:
            return self._role_then_name(item, s0, content, pos)
        head, appositive, describes = parts
        head_clause = clause_subject(head)[0]
        if appositive_parts(head) is not None and (subject_plan(head_clause) or ("",))[0] == "role":
            # "Rami Ayoub, the director of X, one of the aid groups in Atma, tells": a second appositive
            return self._appositive(item, s0, head, pos)
        subject = self._subject_at_end(item, s0, head, pos)
        if subject is None and appositive_parts(head) is not None:
            # "Rami Ayoub, the director of X, one of the aid groups in Atma, tells": a second appositive
            subject = self._appositive(item, s0, head, pos)
            return subject
        if subject and subject.kind == "person" and describes:
            role, org = self._role_and_org(item, appositive, pos)
            subject.role, subject.org = role or subject.role, org or subject.org
        return subject

    def _role_then_name(self, item: _Item, s0: int, content: str, pos: int) -> Subject | None:
        """"The head of the local hospital, Radwan Shardub, said": a role, then the person's name
        between commas (rule speaker.role-appositive)."""
        j = content.rfind(",")
        if j < 0:
            return None
        name_text = content[j + 1 :]
        lead = len(name_text) - len(name_text.lstrip())
        plan = subject_plan(name_text.strip())
        if plan is None or plan[0] != "person" or plan[2]:
            return None
        role_text, _, _ = clause_subject(content[:j])
        role_plan_ = subject_plan(role_text) if role_text else None
        if role_plan_ is None or role_plan_[0] != "role":
            return None
        subject = self._person(item, plan[1], (), pos, s0 + j + 1 + lead)
        if subject:
            subject.role = subject.role or role_text
            subject.rule = "speaker.role-appositive"
        return subject

    def _subject_at_end(self, item: _Item, s0: int, left: str, pos: int) -> Subject | None:
        text, offset, for_part = clause_subject(left)
        if " and " in text and (subject_plan(text) or ("",))[0] not in ("org", "org-of", "state", "person"):
            # (not "the Union of Medical Care and Relief Organizations": one name)
            coordinated = self._coordinated(item, text, s0 + offset, pos)
            if coordinated:
                return coordinated
        subject = None
        placed = _SUBJECT_IN_PLACE.search(text) if " " in text else None
        if placed is not None and placed.start() > 0 and (subject_plan(text) or ("role",))[0] == "role":
            # "NRT reporter Kawa Adham in northeastern Syria said": the place is where the speaker is
            subject = self._parse(item, text[: placed.start()], s0 + offset, pos)
            if subject is not None and subject.kind != "person":
                subject = None  # an organisation's unit in a place is read whole ("the YPG command in Afrin")
        if subject is None:
            subject = self._parse(item, text, s0 + offset, pos)
        if subject and for_part:
            subject.rule = "speaker.for-part"
        return subject

    def _coordinated(self, item: _Item, text: str, base: int, pos: int) -> Subject | None:
        """"The Syrian American Medical Society and opposition-linked Syrian Civil Defense said":
        every conjunct that names someone is a speaker (rule speaker.coordinated); None unless all do."""
        parts, at = [], 0
        for piece in _AND.split(text):
            k = text.find(piece, at)
            parts.append((piece, k))
            at = k + len(piece)
        if len(parts) < 2 or len(parts) > 4:
            return None
        subjects = []
        for piece, k in parts:
            lead = len(piece) - len(piece.lstrip())
            sub = self._parse(item, piece.strip(), base + k + lead, pos) if piece.strip() else None
            if sub is None or sub.rule == "speaker.pronoun":
                return None
            sub.rule = "speaker.coordinated"
            subjects.append(sub)
        item.also.extend(subjects[1:])
        return subjects[0]

    # -- subject parsing ------------------------------------------------------------------------
    def _parse(self, item: _Item, text: str, base: int, pos: int) -> Subject | None:
        """The subject `text` names (it starts at `base` in the body), resolved against the item."""
        if _NEGATED.match(text):
            return None
        if text.endswith(" monitor"):  # "the Syrian Observatory for Human Rights monitor said"
            head = text[: -len(" monitor")]
            last = head.rsplit(None, 1)[-1]
            if last[:1].isupper() and "-" not in last:  # (not "the British-based monitor")
                text = head
        ministry = _NATIONAL_MINISTRY.fullmatch(text)
        if ministry:
            return Subject("org", item.lexicon.canonical(ministry.group("name")), base + ministry.start("name"),
                           base + ministry.end("name"), confidence=0.8)
        plan = subject_plan(text)
        if plan is None or plan[0] == "role":
            return self._attributed(item, text, base, pos) or (self._role_only(item, plan[1], pos, base) if plan else None)
        what, toks = plan[0], plan[1]
        if what == "person":
            return self._person(item, toks, plan[2], pos, base)
        if what == "org":
            return self._org(item, toks, pos, base)
        if what == "org-of":
            sub = self._org(item, toks, pos, base)
            if sub:
                sub.org = self._canonical_org(item, plan[2], pos)
            return sub
        if what == "state":
            return Subject("org", plan[2], base + toks[0].start, base + toks[-1].end, rule="speaker.state", confidence=0.7)
        if what == "role":
            return self._role_only(item, toks, pos, base)
        return self._pronoun(item, toks[0], plan[2], base)

    def _attributed(self, item: _Item, text: str, base: int, pos: int) -> Subject | None:
        """"a source at the Damascus police command", "SANA's reporter", "Idlib civil defense sources"."""
        inner = source_of(text)
        if inner is None or inner == text:
            return None
        at = text.find(inner)
        if at < 0:  # a known organisation's canonical name: the whole phrase is the span
            return Subject("org", item.lexicon.canonical(inner), base, base + len(text), rule="speaker.attribution",
                           confidence=0.7)
        sub = self._parse(item, inner, base + at, pos)
        words = clean_org(inner).split()
        if sub is None and len(words) > 1 and words[-1].lower() in ORG_HEADS and words[0][:1].isupper():
            # "the Damascus police command": a named unit written in lower case
            lead = inner.find(words[0])
            sub = Subject("org", item.lexicon.canonical(" ".join(words)), base + at + lead, base + at + len(inner))
        if sub:
            sub.rule, sub.confidence = "speaker.attribution", min(sub.confidence, 0.75)
        return sub

    def _pronoun(self, item: _Item, tok: _Tok, word: str, base: int) -> Subject | None:
        ref = item.last_org if word == "it" else item.last_person
        if ref is None and word in ("he", "she"):
            return self._previous_person(item, base + tok.start, base + tok.end)
        if ref is None:
            return None
        return Subject(ref.kind, ref.name, base + tok.start, base + tok.end, ref.role, ref.org, "speaker.pronoun", 0.6)

    @staticmethod
    def _previous_person(item: _Item, start: int, end: int) -> Subject | None:
        """"Observatory head Rami Abdulrahman could not confirm the toll. He said ...": with no named
        speaker before, "he" is the one person the sentence before names (none if it names two)."""
        s0, _ = item.sentences.at(start)
        if s0 < 2 or start != s0:
            return None  # only a sentence that opens with "He said"
        p0, p1 = item.sentences.at(s0 - 2)
        if p1 > s0:
            return None
        near = item.index.persons_near(p0, p1)
        names = {item.lexicon.canonical(n) for _, n in near}
        if len(names) != 1 or lookup_place(next(iter(names))):
            return None
        p, n = near[0]
        if p - p0 > 60 or item.body.startswith(("’s", "'s"), p + len(n)):
            return None  # the subject opens that sentence; "about Bashar al-Assad's wife" is no subject
        return Subject("person", names.pop(), start, end, rule="speaker.pronoun", confidence=0.5)

    def _person(self, item: _Item, name_toks: Toks, prefix: Toks, pos: int, base: int) -> Subject | None:
        surface = " ".join([t.text for t in name_toks])
        start, end = base + name_toks[0].start, base + name_toks[-1].end
        org_name = org_alias(surface)
        if org_name:
            return Subject("org", item.lexicon.canonical(org_name), start, end)
        if surface in country_names() or surface in CAPITALS:
            return Subject("org", surface, start, end, rule="speaker.state", confidence=0.7)
        if len(name_toks) == 1:
            full = item.index.full_name_for(surface, pos)
            if full is None:
                matches = item.lexicon.surnames.get(fold(surface), set())
                full = next(iter(matches)) if len(matches) == 1 else None
            name, confidence = item.lexicon.canonical(full or surface), 0.8 if full else 0.6
        else:
            longer = _longer_name(item, surface, pos)  # "Abu Ammar" after "Abu Ammar al-Idlibi"
            name, confidence = item.lexicon.canonical(longer or surface), 0.9
        role, org = self._role_and_org(item, prefix, pos) if prefix else (None, None)
        known_role, known_org = item.roles.get(name) or self._introduced_role(item, name, pos)
        return Subject("person", name, start, end, role or known_role, org or known_org, confidence=confidence)

    def _role_and_org(self, item: _Item, words: str | Toks, pos: int) -> tuple[str | None, str | None]:
        """"President of the Syrian Coalition" -> ("President", "Syrian Coalition");
        "member of the Coalition’s political committee" -> ("member of the political committee", "Syrian Coalition").
        `words`: the title's tokens, or its text."""
        if not words:
            return None, None
        role, how, name = role_plan(words if isinstance(words, str) else " ".join([t.text for t in words]))
        if how == "canonical":
            return role, self._canonical_org(item, name, pos)  # type: ignore[arg-type]
        if how == "alias":
            return role, item.lexicon.canonical(name)  # type: ignore[arg-type]
        return role, None

    def _org(self, item: _Item, toks: Toks, pos: int, base: int) -> Subject | None:
        while toks and toks[0].text.lower() in ("the", "a", "an"):
            toks = toks[1:]
        if len(toks) > 2 and toks[-1].text in _GENERIC_UNIT and toks[-2].text[:1].isupper():
            toks = toks[:-1]  # "the “Response Coordinators” team": the name without the generic noun
        if not toks:
            return None
        text = " ".join([t.text for t in toks])
        start, end = base + toks[0].start, base + toks[-1].end
        if len(toks) == 1:
            word = toks[0].bare
            if word in _GENERIC_ACRONYMS:
                last = item.last_org
                return Subject("org", last.name, start, end, rule="speaker.org-reference", confidence=0.7) if last else None
            if word.isupper():
                full = (item.index.acronyms.get(word) or ORG_ALIASES.get(word.lower()) or _spelled_out(item, word, pos)
                        or word)
                return Subject("org", item.lexicon.canonical(full), start, end, confidence=0.8)
            resolved = next((o for o in reversed(item.org_speakers)
                             if len(o.split()) > 1 and o.split()[-1].casefold() == word.casefold()), None) or \
                next((o for o in reversed(item.org_speakers)
                      if len(o.split()) > 1 and word.casefold() in o.casefold().split()), None)
            resolved = resolved or item.index.org_for_head(word, pos)
            if resolved is None:
                candidates = item.lexicon.surnames.get(fold(word), set())
                resolved = next(iter(candidates)) if len(candidates) == 1 else None
            if resolved is None and word.casefold() == "coalition":
                coalition = _coalition(item.body, pos, word)
                if coalition:  # (its modifier is the name: clean_org would drop "US-led")
                    return Subject("org", item.lexicon.canonical(coalition), start, end,
                                   rule="speaker.org-reference", confidence=0.7)
            if resolved is None and word[:1].islower():
                return None  # "the council" with no council named anywhere
            return Subject("org", self._canonical_org(item, resolved or word, pos), start, end,
                           rule="speaker.org-reference", confidence=0.8)
        if _org_tail(toks) is None:
            return None
        acronym = _ACRONYM_AFTER.match(item.body, end)
        if acronym and toks[-1].text.islower():  # "the official Syrian news agency (SANA)": a description, then the name
            name = acronym.group(1)
            return Subject("org", item.lexicon.canonical(org_alias(name) or name), start, acronym.end(), confidence=0.8)
        return Subject("org", self._canonical_org(item, text, pos), start, end, confidence=0.85)

    def _canonical_org(self, item: _Item, name: str, pos: int) -> str:
        name = clean_org(name)
        known = org_alias(name)
        if known:
            return item.lexicon.canonical(known)
        if name.isupper() and name in item.index.acronyms:
            return item.lexicon.canonical(item.index.acronyms[name])
        if len(name.split()) == 1:
            longer = item.index.org_for_head(name, pos)
            if longer is None:  # "the Coalition" in an item that never names it in full: what the store knows
                orgs = item.lexicon.surnames.get(fold(name), set())
                longer = next(iter(orgs)) if len(orgs) == 1 else None
            if longer:
                name = clean_org(longer)
        return item.lexicon.canonical(name)

    def _role_only(self, item: _Item, toks: Toks, pos: int, base: int) -> Subject | None:
        """"the British envoy": the one person the item introduces with a matching role."""
        words = {t.text.lower().strip(",") for t in toks}
        roles = [w for w in words if w in ROLE_WORDS and w not in ("special", "senior", "high", "foreign")]
        if not roles:
            return None
        wanted = set().union(*(next((g for g in _ROLE_SYNONYMS if r in g), {r}) for r in roles))
        nations = [g for g in _NATION_EQUIV if words & g]
        matches = set()
        for p, name in item.index.persons_near(pos - 3000, pos + 200):
            context = self._role_context(item.body, p).lower()
            if not (wanted & set(_ROLE_WORD.findall(context))):
                continue
            if nations and not any(any(n in context for n in g) for g in nations):
                continue
            matches.add(item.lexicon.canonical(name))
        if len(matches) != 1:
            return None
        return Subject("person", matches.pop(), base + toks[0].start, base + toks[-1].end, " ".join(t.text for t in toks),
                       rule="speaker.role", confidence=0.6)

    def _introduced_role(self, item: _Item, name: str, pos: int) -> tuple[str | None, str | None]:
        """The role the item gives a person where it first names them ("President of the Syrian Coalition Riad Seif")."""
        p = item.index.first_mention(name)
        found: tuple[str | None, str | None] = (None, None)
        if p is not None:
            title = introduced_title(item.body[max(0, p - 90) : p])
            if title:
                found = self._role_and_org(item, title, pos)
        item.roles[name] = found
        return found

    @staticmethod
    def _role_context(body: str, p: int) -> str:
        """The words right before a name, back to the previous clause boundary."""
        return role_context(body[max(0, p - 90) : p])

    # -- output ---------------------------------------------------------------------------------
    def _suggestion(self, item: _Item, subject: Subject, m: re.Match[str], how: str) -> Suggestion:
        if subject.kind == "person":
            if subject.role or subject.org:
                item.roles.setdefault(subject.name, (subject.role, subject.org))
            item.last_person = subject
        else:
            item.last_org = subject
            item.org_speakers.append(subject.name)
        s0, s1 = item.sentences.at(m.start())
        quote = reported_content(item.body, s0, s1, m, subject.start, how)
        attrs: dict[str, Any] = {"name": subject.name, "role": subject.role, "organisation": subject.org, "quote": quote}
        text = item.body[subject.start : subject.end]
        return Suggestion("speaker", subject.start, subject.end, text, attrs, subject.rule, subject.confidence)

    def _learned_mentions(self, item: _Item, out: dict[tuple[int, int], Suggestion]) -> None:
        """Surface forms analysts tagged by hand elsewhere, in a sentence that reports speech."""
        if self._learned is None:
            return
        taken = sorted(out)
        starts = [s for s, _ in taken]
        for m in self._learned.finditer(item.body):
            i = bisect.bisect_left(starts, m.end())
            if i > 0 and taken[i - 1][1] > m.start():
                continue  # overlaps a speaker the rules found
            s0, s1 = item.sentences.at(m.start())
            sentence = item.body[s0:s1]
            if not (_VERB.search(sentence) or any(q in sentence for q in "“\"")):
                continue
            name = item.lexicon.canonical(m.group(0))
            out[(m.start(), m.end())] = Suggestion(
                "speaker", m.start(), m.end(), m.group(0),
                {"name": name, "role": None, "organisation": None, "quote": _clip(item.body[m.end():s1])},
                "speaker.learned", 0.6,
            )




def _longer_name(item: _Item, surface: str, pos: int) -> str | None:
    """The full name an item gave earlier that starts with the two-or-more-word `surface`."""
    key = surface + " "
    found = [n for p, n in item.index.persons_near(0, pos) if n.startswith(key)]
    return found[-1] if found else None


def _spelled_out(item: _Item, acronym: str, pos: int) -> str | None:
    """The organisation named earlier in the item whose initials are `acronym` ("Syrian American
    Medical Society" for "SAMS"), when the item never wrote "(SAMS)" after it."""
    if len(acronym) < 3:
        return None
    for p, name in reversed(item.index.orgs):
        if p >= pos:
            continue
        initials = "".join(w[0] for w in name.split() if w.lower() not in _SMALL_WORDS and w[:1].isupper())
        if initials == acronym:
            return name
    return None


_SMALL_WORDS = frozenset(("of", "for", "the", "and", "on", "in"))
