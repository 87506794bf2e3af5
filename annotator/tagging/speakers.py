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

from annotator.tagging.base import Suggestion
from annotator.tagging.names import (
    CAPITALS, ORG_ALIASES, ORG_HEADS, org_alias, PARTICLES, ROLE_WORDS, Lexicon, NameIndex, clean_org, fold, is_name_token,
    strip_possessive,
)
from annotator.tagging.clauses import ORG_MODIFIERS as _ORG_MODIFIERS
from annotator.tagging.clauses import Tok as _Tok
from annotator.tagging.clauses import clip as _clip
from annotator.tagging.clauses import is_cap as _is_cap
from annotator.tagging.clauses import last_boundary as _last_boundary
from annotator.tagging.clauses import org_tail as _org_tail
from annotator.tagging.clauses import reported_content
from annotator.tagging.clauses import tokens as _tokens
from annotator.tagging.scan import Scan
from annotator.tagging.text import Sentences, clean_space, country_names

_VERBS = (
    r"said|says|stressed|stresses|warned|warns|added|adds|called\s+(?:for|on|upon)|calls\s+(?:for|on|upon)"
    r"|renewed\s+(?:its\s+|his\s+|her\s+|their\s+)?calls?\s+(?:for|on|upon)|condemned|condemns|urged|urges|pointed\s+out"
    r"|points\s+out|pointed\s+to|emphasi[sz]ed|emphasi[sz]es|underscored|underscores|underlined|noted|reaffirmed|reaffirms"
    r"|affirmed|affirms|reiterated|reiterates|expressed|expresses|denied|denies|welcomed|welcomes|stated|announced|announces"
    r"|explained|explains|confirmed|confirms|told|tells|accused|accuses|demanded|demands|asserted|asserts|insisted|insists"
    r"|argued|argues|claimed|indicated|indicates|revealed|reveals|reported|declared|declares|highlighted|cited|described"
    r"|estimated|went\s+on\s+to\s+say|made\s+it\s+clear|appealed|criticised|criticized|blamed|acknowledged|vowed|pledged"
    r"|issued\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}statement|documented|briefed|praised|lamented|voiced|hailed|deplored|denounced|threatened|predicted|rejected|dismissed|questioned|recalled|assured"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+(?P<np>[^,.;:()“”\"]{2,90})")
_NOT_SUBJECT_BEFORE = frozenset(
    "the a an its his her their these those such this our whose no any of to was were been being be is are "
    "who which not".split()
)
_ADVERB_TAIL = re.compile(
    r"(?:\s*,)?\s*(?:also|further|again|then|later|earlier|previously|separately|however|meanwhile|reportedly|moreover"
    r"|furthermore|additionally|today|yesterday|tonight|has|had|have|would|will|did|does|has\s+also|had\s+also|once\s+again"
    r"|[a-z]+ly|\([^()]{1,60}\)"
    r"|(?:early\s+|late\s+)?on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|on\s+\d{1,2}\s+[A-Z][a-z]+|last\s+(?:week|month|night)|this\s+week"
    r"|in\s+(?:a|an|the|his|her|its|their)\s+(?:[\w’'-]+\s+){0,3}?(?:statement|release|conference|speech|interview|tweet"
    r"|letter|report|post|video|message|briefing|remarks|meeting|call)(?:\s+(?:(?!\bthat\b)[^,;“”\"]){0,60}?)?"
    r"|(?:for|on)\s+(?:his|her|its|their)\s+part)\s*,?\s*$"
)
# last words of the adverbials _ADVERB_TAIL strips (anything ending in -ly, "," or ")" too)
_ADVERB_END = frozenset(
    """also further again then later earlier previously separately however meanwhile reportedly moreover furthermore
    additionally today yesterday tonight has had have would will did does morning afternoon evening night monday tuesday
    wednesday thursday friday saturday sunday week part statement release conference speech interview tweet letter
    report post video message briefing remarks meeting call january february march april may june july august september
    october november december""".split()
)
_INVERTED_CUT = re.compile(r"[,.;:“”\"()]|\s(?:in|on|at|during|after|while|when|before|adding|who|to|from)\s")
_UNNAMED = frozenset(
    """activists participants officials sources residents witnesses eyewitnesses eyewitness protesters demonstrators
    people locals observers analysts experts doctors medics rescuers reports report memoranda memorandum sides side
    delegation delegations statement statements groups members leaders parties countries states others many some most
    all everyone diplomats media relatives families survivors monitors organizations organisations teams agencies
    letter letters document documents source witness rebels fighters forces opposition regime's meeting talks""".split()
)
_ACCORDING_CUT = re.compile(r"\s(?:in|on|at|who|which|that|during|after)\s")
_ROLE_TAIL = re.compile(r"\b(?:of|in|for|at)\s+the\s*$|\b(?:of|in|for|at)\s*$")
_LEADING_ARTICLE = re.compile(r"^\s*(?:the|a|an)\s+")
_ROLE_WORD = re.compile(r"[\w.-]+")
_FOR_PART = re.compile(r"\b[Ff]or\s+(?:his|her|its|their)\s+part\s*,\s*$")
_ROLE_CUT = re.compile(r"[.,;:“”\"\n]|\b(?:with|by|and|said|met|between|from)\b")
_SPOKES = re.compile(r"^(?:a|the)?\s*(?:spokesman|spokeswoman|spokesperson)\s+(?:for|of)\s+(?P<org>.+)$", re.IGNORECASE)
_PREPOSITIONS = frozenset("in of for from at near to with by on into".split())
_NATION_EQUIV = [
    {"british", "uk", "britain", "united kingdom"}, {"french", "france"}, {"american", "us", "u.s.", "united states"},
    {"dutch", "netherlands", "holland"}, {"german", "germany"}, {"russian", "russia"}, {"turkish", "turkey"},
    {"un", "united nations", "international"}, {"norwegian", "norway"}, {"italian", "italy"}, {"swedish", "sweden"},
    {"european", "eu", "europe"}, {"iranian", "iran"}, {"jordanian", "jordan"}, {"qatari", "qatar"}, {"saudi", "saudi arabia"},
]
_ROLE_SYNONYMS = [{"envoy", "representative", "ambassador"}, {"spokesman", "spokeswoman", "spokesperson"},
                  {"president", "head", "chairman", "chief", "leader"}, {"minister"}, {"secretary-general", "secretary"}]


@dataclass
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
        sentences = sentences or Sentences(body)
        scan = scan or Scan(body)
        item = _Item(body, sentences, self.lexicon, scan)
        triggers = []
        for start, _ in scan.verb:
            m = _VERB.match(body, start) or _ACCORDING.match(body, start)
            if m is not None:
                triggers.append((start, "verb" if m.re is _VERB else "according", m))
        out: dict[tuple[int, int], Suggestion] = {}
        for _, how, m in triggers:
            subject = self._from_verb(item, m) if how == "verb" else self._from_according(item, m)
            if subject is None or (subject.start, subject.end) in out:
                continue
            out[(subject.start, subject.end)] = self._suggestion(item, subject, m, how)
        self._learned_mentions(item, out)
        return sorted(out.values(), key=attrgetter("start"))

    # -- triggers -------------------------------------------------------------------------------
    def _from_verb(self, item: _Item, m: re.Match[str]) -> Subject | None:
        body = item.body
        s0, _ = item.sentences.at(m.start())
        s0 = max(s0, m.start() - 250)  # a subject and its title sit close to the verb
        left = body[s0 : m.start()]
        tail = left[-40:].split()
        prev = tail[-1].lower() if tail else ""
        if prev in _NOT_SUBJECT_BEFORE:
            return None
        for _ in range(4):  # strip adverbials at the end: "on Tuesday", "today", "In a statement ...,"
            words = left[-30:].split()
            last = words[-1].lower() if words else ""
            if not (last in _ADVERB_END or last.endswith(("ly", ",", ")"))):
                break  # the usual case, "Seif stressed": no need for the costly tail regex
            t = _ADVERB_TAIL.search(left, max(0, len(left) - 130))
            if not t or t.start() == len(left):
                break
            left = left[: t.start()]
        stripped = left.rstrip()
        if not stripped:
            return None
        if stripped[-1] in "”\"" or (stripped[-1] == "," and stripped[-2:-1] in ("”", '"')):
            return self._inverted(item, m)
        if stripped.endswith(","):
            return self._appositive(item, s0, stripped[:-1], m.start()) or self._inverted(item, m)
        return self._subject_at_end(item, s0, stripped, m.start())

    def _from_according(self, item: _Item, m: re.Match[str]) -> Subject | None:
        np_text = m.group("np")
        cut = _ACCORDING_CUT.search(np_text)
        if cut:
            np_text = np_text[: cut.start()]
        subject = self._parse(item, np_text.rstrip(), m.start("np"), m.start())
        if subject:
            subject.rule = "speaker.according-to"
        return subject

    def _inverted(self, item: _Item, m: re.Match[str]) -> Subject | None:
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
        j = content.rfind(",")
        if j < 0:
            return None
        appositive = content[j + 1 :].strip()
        if not appositive or not (appositive[0].islower() or appositive.split()[0].lower() in ROLE_WORDS):
            return None
        subject = self._subject_at_end(item, s0, content[:j], pos)
        if subject and subject.kind == "person" and not appositive.startswith(("who", "which", "whose")):
            role, org = self._role_and_org(item, _tokens(appositive, 0), pos)
            subject.role, subject.org = role or subject.role, org or subject.org
        return subject

    def _subject_at_end(self, item: _Item, s0: int, left: str, pos: int) -> Subject | None:
        start = _last_boundary(left)
        text = left[start:]
        lead = len(text) - len(text.lstrip())
        subject = self._parse(item, text.strip(), s0 + start + lead, pos)
        if subject and _FOR_PART.search(left, max(0, start - 30), start):
            subject.rule = "speaker.for-part"
        return subject

    # -- subject parsing ------------------------------------------------------------------------
    def _parse(self, item: _Item, text: str, base: int, pos: int) -> Subject | None:
        toks = _tokens(text, base)
        while toks and toks[0].text.lower() in ("the", "a", "an", "and", "meanwhile", "also", "separately", "moreover"):
            toks.pop(0)
        if not toks or len(toks) > 14 or toks[-1].text != toks[-1].bare and len(toks) > 1:
            return None
        first = toks[0].text.lower()
        if len(toks) == 1 and first in ("he", "she", "it"):
            return self._pronoun(item, toks[0], first)
        if first in _UNNAMED or first in ("they", "we", "i", "you", "both", "two", "three", "several"):
            return None
        spokes = _SPOKES.match(" ".join(t.text for t in toks))
        if spokes:
            org_toks = [t for t in toks if t.start >= toks[0].start + spokes.start("org")]
            org = self._org(item, org_toks, pos)
            return org
        return self._person_or_org(item, toks, pos)

    def _pronoun(self, item: _Item, tok: _Tok, word: str) -> Subject | None:
        ref = item.last_org if word == "it" else item.last_person
        if ref is None:
            return None
        return Subject(ref.kind, ref.name, tok.start, tok.end, ref.role, ref.org, "speaker.pronoun", 0.6)

    def _person_or_org(self, item: _Item, toks: list[_Tok], pos: int) -> Subject | None:
        whole = " ".join(t.text for t in toks)
        if whole in country_names() or whole in CAPITALS:  # "Russia denied", "Moscow said"
            return Subject("org", whole, toks[0].start, toks[-1].end, rule="speaker.state", confidence=0.7)
        org_start = _org_tail(toks)
        if org_start is not None:
            prefix = toks[:org_start]
            if not prefix or all(t.text.lower() in ("the", "a", "an") for t in prefix):
                return self._org(item, toks[org_start:], pos)
            if all(_is_cap(t) or t.text.lower() in ("the", "a", "an") for t in prefix) and prefix[-1].text != prefix[-1].bare:
                # "the Coalition’s Assistance Coordination Unit": a unit of a parent organisation
                sub = self._org(item, toks[org_start:], pos)
                if sub:
                    sub.org = self._canonical_org(item, " ".join(t.bare for t in prefix if _is_cap(t)), pos)
                return sub
            if any(t.text.lower() in ROLE_WORDS for t in prefix):
                return self._role_only(item, toks, pos)  # "member of the Syrian Coalition", unnamed
            return None
        # trailing person name: name tokens (and particles between them) after the last stop word
        k = len(toks)
        while k > 0 and (is_name_token(toks[k - 1].text) or (toks[k - 1].text in PARTICLES and k < len(toks))):
            k -= 1
        while k < len(toks) and toks[k].text in PARTICLES:
            k += 1
        name_toks, prefix = toks[k:], toks[:k]
        if name_toks and toks[-1].text == toks[-1].bare:
            if prefix and (prefix[-1].text.lower() in _PREPOSITIONS or not self._valid_prefix(prefix)):
                return None  # "Activists in rural Deir Ezzor": the name is a place, not the subject
            return self._person(item, name_toks, prefix, pos)
        if len(toks) == 1 and (toks[0].bare.isupper() or toks[0].bare.lower() in ORG_HEADS):
            return self._org(item, toks, pos)
        if any(t.text.lower() in ROLE_WORDS for t in toks):
            return self._role_only(item, toks, pos)
        return None

    @staticmethod
    def _valid_prefix(prefix: list[_Tok]) -> bool:
        """What may stand before a name: roles and organisations ("President of the Syrian Coalition",
        "member of the Coalition’s political committee"), not clause text ("group Raqqa is")."""
        for t in prefix:
            low = t.bare.lower()
            if not (_is_cap(t) or low in ROLE_WORDS or low in ORG_HEADS or low in _ORG_MODIFIERS
                    or low in ("of", "the", "for", "in", "at", "to", "and", "on", "a", "an")):
                return False
        return True

    def _person(self, item: _Item, name_toks: list[_Tok], prefix: list[_Tok], pos: int) -> Subject | None:
        surface = " ".join(t.text for t in name_toks)
        start, end = name_toks[0].start, name_toks[-1].end
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
            name, confidence = item.lexicon.canonical(surface), 0.9
        role, org = self._role_and_org(item, prefix, pos) if prefix else (None, None)
        known_role, known_org = item.roles.get(name) or self._introduced_role(item, name, pos)
        return Subject("person", name, start, end, role or known_role, org or known_org, confidence=confidence)

    def _role_and_org(self, item: _Item, toks: list[_Tok], pos: int) -> tuple[str | None, str | None]:
        """"President of the Syrian Coalition" -> ("President", "Syrian Coalition");
        "member of the Coalition’s political committee" -> ("member of the political committee", "Syrian Coalition")."""
        if not toks:
            return None, None
        words = [t.text for t in toks]
        org = None
        for i, t in enumerate(toks):
            if t.text != t.bare and _is_cap(t):  # "Coalition’s": the parent organisation
                j = i
                while j > 0 and _is_cap(toks[j - 1]) and toks[j - 1].text.lower() not in ROLE_WORDS:
                    j -= 1
                org = self._canonical_org(item, " ".join([*(w.text for w in toks[j:i]), t.bare]), pos)
                words = [*(w.text for w in toks[:j]), *(w.text for w in toks[i + 1 :])]
                break
        if org is None and len(toks) > 1:  # an organisation known by a name without head word: "Jaish al-Islam spokesman"
            caps = [_is_cap(t) for t in toks]
            for i in range(len(toks)):
                if not caps[i]:
                    continue
                for j in range(min(len(toks), i + 4), i + 1, -1):
                    if all(caps[i:j]):
                        known = org_alias(" ".join(t.bare for t in toks[i:j]))
                        if known:
                            org = item.lexicon.canonical(known)
                            words = [*(t.text for t in toks[:i]), *(t.text for t in toks[j:])]
                            break
                if org:
                    break
        if org is None:
            heads = [i for i, t in enumerate(toks) if t.bare.lower() in ORG_HEADS and _is_cap(t)]
            if heads:
                h = heads[-1]
                j = h
                while j > 0 and _is_cap(toks[j - 1]) and toks[j - 1].text.lower() not in ROLE_WORDS:
                    j -= 1
                org = self._canonical_org(item, " ".join(t.text for t in toks[j : h + 1]), pos)
                words = [t.text for t in toks[:j]] + [t.text for t in toks[h + 1 :]]
        role = clean_space(" ".join(words))
        role = _ROLE_TAIL.sub("", role).strip(" ,")
        role = _LEADING_ARTICLE.sub("", role)
        return (role or None), org

    def _org(self, item: _Item, toks: list[_Tok], pos: int) -> Subject | None:
        while toks and toks[0].text.lower() in ("the", "a", "an"):
            toks = toks[1:]
        if not toks:
            return None
        text = " ".join(t.text for t in toks)
        start, end = toks[0].start, toks[-1].end
        if len(toks) == 1:
            word = toks[0].bare
            if word.isupper():
                full = item.index.acronyms.get(word) or ORG_ALIASES.get(word.lower()) or word
                return Subject("org", item.lexicon.canonical(full), start, end, confidence=0.8)
            resolved = next((o for o in reversed(item.org_speakers)
                             if len(o.split()) > 1 and o.split()[-1].casefold() == word.casefold()), None) or \
                next((o for o in reversed(item.org_speakers)
                      if len(o.split()) > 1 and word.casefold() in o.casefold().split()), None)
            resolved = resolved or item.index.org_for_head(word, pos)
            if resolved is None:
                candidates = item.lexicon.surnames.get(fold(word), set())
                resolved = next(iter(candidates)) if len(candidates) == 1 else None
            if resolved is None and word[:1].islower():
                return None  # "the council" with no council named anywhere
            return Subject("org", self._canonical_org(item, resolved or word, pos), start, end,
                           rule="speaker.org-reference", confidence=0.8)
        if _org_tail(toks) is None:
            return None
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
                known = item.lexicon.surnames.get(fold(name), set())
                longer = next(iter(known)) if len(known) == 1 else None
            if longer:
                name = clean_org(longer)
        return item.lexicon.canonical(name)

    def _role_only(self, item: _Item, toks: list[_Tok], pos: int) -> Subject | None:
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
        return Subject("person", matches.pop(), toks[0].start, toks[-1].end, " ".join(t.text for t in toks),
                       rule="speaker.role", confidence=0.6)

    def _introduced_role(self, item: _Item, name: str, pos: int) -> tuple[str | None, str | None]:
        """The role the item gives a person where it first names them ("President of the Syrian Coalition Riad Seif")."""
        p = item.index.first_mention(name)
        found: tuple[str | None, str | None] = (None, None)
        if p is not None:
            context = self._role_context(item.body, p).strip()
            words = context.split()
            if words and (words[-1].lower() in ROLE_WORDS or strip_possessive(words[-1]).lower() in ORG_HEADS
                          or words[-1][:1].isupper()) and any(w.lower() in ROLE_WORDS for w in words):
                found = self._role_and_org(item, _tokens(context, 0), pos)
        item.roles[name] = found
        return found

    @staticmethod
    def _role_context(body: str, p: int) -> str:
        """The words right before a name, back to the previous clause boundary."""
        before = body[max(0, p - 90) : p].rstrip()
        if before.endswith(","):
            before = before[:-1]
        last = None
        for last in _ROLE_CUT.finditer(before):
            pass
        text = before[last.end() :] if last else before
        return _LEADING_ARTICLE.sub("", text.strip())

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


