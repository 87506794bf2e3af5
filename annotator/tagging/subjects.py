"""What the words in front of a reporting verb are, before the item is consulted: where the
subject is (`verb_left`, `clause_subject`, `appositive_parts`) and what it is (`subject_plan`): a
pronoun, a state, an organisation (possibly a unit of a parent), a role without a name, or a
person's name with the title before it.

    subject_plan("President of the Syrian Coalition Riad Seif")
        -> ("person", <Riad, Seif>, <President, of, the, Syrian, Coalition>)

The answers depend on the text alone (word lists, capitals, name tokens), so each is computed once
per distinct text and kept: press releases repeat their sentence openings and subjects ("The
Syrian Coalition", the same titles and names) across items, and this reading was half of the
speaker tagger's work. The speaker tagger then resolves a plan against the item (full names,
acronyms, earlier speakers).

Tokens carry offsets from the start of the text (add the text's offset in the body); the token
tuples are shared between calls and never changed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from annotator.tagging.clauses import ORG_MODIFIERS, Tok, is_cap, last_boundary, org_tail, tokens
from annotator.tagging.names import CAPITALS, ORG_HEADS, PARTICLES, ROLE_WORDS, is_name_token
from annotator.tagging.text import NATIONALITIES, country_names

UNNAMED = frozenset(
    """activists participants officials sources residents witnesses eyewitnesses eyewitness protesters demonstrators
    people locals observers analysts experts doctors medics rescuers reports report memoranda memorandum sides side
    delegation delegations statement statements groups members leaders parties countries states others many some most
    all everyone diplomats media relatives families survivors monitors organizations organisations teams agencies
    letter letters document documents source witness rebels fighters forces opposition regime's meeting talks""".split()
)
_SPOKES = re.compile(r"^(?:a|the)?\s*(?:spokesman|spokeswoman|spokesperson)\s+(?:for|of)\s+(?P<org>.+)$", re.IGNORECASE)
_PREPOSITIONS = frozenset("in of for from at near to with by on into".split())
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
_FOR_PART = re.compile(r"\b[Ff]or\s+(?:his|her|its|their)\s+part\s*,\s*$")
_LEADING = ("the", "a", "an", "and", "meanwhile", "also", "separately", "moreover")
_ARTICLES = ("the", "a", "an")
_PREFIX_WORDS = ("of", "the", "for", "in", "at", "to", "and", "on", "a", "an")

Toks = tuple[Tok, ...]
# ("pronoun", (tok,), "he"|"she"|"it") | ("state", toks, name) | ("org", toks) | ("org-of", toks, parent)
# | ("role", toks) | ("person", name toks, title toks)
Plan = tuple


@lru_cache(maxsize=8192)
def phrase_tokens(text: str) -> Toks:
    """`clauses.tokens(text, 0)`, once per distinct text; quotation marks around a name are no part
    of it ("the “Response Coordinators” team")."""
    out = []
    for t in tokens(text, 0):
        word = t.text
        lead = len(word) - len(word.lstrip(_QUOTES))
        word = word.strip(_QUOTES)
        if not word:
            continue
        out.append(Tok(t.start + lead, t.start + lead + len(word), word) if word != t.text else t)
    return tuple(out)


_QUOTES = "“”\"‘"
# a quoted capitalised name ending right where a clause would start ("... the “Response Coordinators”")
_QUOTED_NAME_END = re.compile(r"[“\"][A-Z][\w’'-]*(?:\s+(?:of|for|the|and|[A-Z][\w’'-]*)){0,5}[”\"]$")


@lru_cache(maxsize=8192)
def subject_plan(text: str) -> Plan | None:
    toks = phrase_tokens(text)
    i = 0
    while i < len(toks) and toks[i].text.lower() in _LEADING:
        i += 1
    toks = toks[i:]
    if not toks or len(toks) > 14 or toks[-1].text != toks[-1].bare and len(toks) > 1:
        return None
    first = toks[0].text.lower()
    if len(toks) == 1 and first in ("he", "she", "it"):
        return ("pronoun", toks, first)
    if first in UNNAMED or first in ("they", "we", "i", "you", "both", "two", "three", "several"):
        return None
    spokes = _SPOKES.match(" ".join([t.text for t in toks]))
    if spokes:
        cut = toks[0].start + spokes.start("org")
        return ("org", tuple(t for t in toks if t.start >= cut))
    return _person_or_org(toks)


def _person_or_org(toks: Toks) -> Plan | None:
    whole = " ".join([t.text for t in toks])
    if whole in country_names() or whole in CAPITALS:  # "Russia denied", "Moscow said"
        return ("state", toks, whole)
    org_start = org_tail(list(toks))
    if org_start is not None:
        prefix = toks[:org_start]
        if not prefix or all(t.text.lower() in _ARTICLES for t in prefix) or _descriptors(prefix):
            return ("org", toks[org_start:])  # "the pro-opposition Ghouta Media Center", "Medical relief organization X"
    elif len(toks) > 1 and _is_acronym(toks[-1]) and _descriptors(toks[:-1]):
        return ("org", toks[-1:])  # "state news agency SANA"
    if org_start is not None:
        if all(is_cap(t) or t.text.lower() in _ARTICLES for t in prefix) and prefix[-1].text != prefix[-1].bare:
            # "the Coalition’s Assistance Coordination Unit": a unit of a parent organisation
            return ("org-of", toks[org_start:], " ".join(t.bare for t in prefix if is_cap(t)))
        if any(t.text.lower() in ROLE_WORDS for t in prefix):
            return ("role", toks)  # "member of the Syrian Coalition", unnamed
        return None
    # trailing person name: name tokens (and particles between them) after the last stop word
    k = len(toks)
    while k > 0 and (is_name_token(toks[k - 1].text) or (toks[k - 1].text in PARTICLES and k < len(toks))):
        k -= 1
    while k < len(toks) and toks[k].text in PARTICLES:
        k += 1
    name_toks, prefix = toks[k:], toks[:k]
    if name_toks and toks[-1].text == toks[-1].bare:
        if prefix and (prefix[-1].text.lower() in _PREPOSITIONS or not _valid_prefix(prefix)):
            return None  # "Activists in rural Deir Ezzor": the name is a place, not the subject
        return ("person", name_toks, prefix)
    if len(toks) == 1 and (toks[0].bare.isupper() or toks[0].bare.lower() in ORG_HEADS):
        return ("org", toks)
    if any(t.text.lower() in ROLE_WORDS for t in toks):
        return ("role", toks)
    return None


# What describes an organisation in front of its name without being part of it: "the
# state-run", "pro-opposition", "Britain-based", "medical relief organization", "the official".
_DESCRIPTOR_WORDS = frozenset(
    """state official government opposition independent local international medical relief humanitarian rescue
    rights human monitoring watchdog war monitor organization organisation group agency news media outlet broadcaster
    television tv channel newspaper daily website charity ngo aid service body network activist civil society research
    non-governmental nongovernmental private semi-official""".split()
)
_DESCRIPTOR_AFFIX = re.compile(r"^(?:pro|anti)-|-(?:based|linked|backed|run|affiliated|owned|funded|led|aligned|controlled)$")


def _descriptors(prefix: Toks) -> bool:
    """Whether `prefix` only describes the organisation after it (articles, nationalities, words
    such as "state", "pro-opposition", "London-based", "medical relief organization")."""
    seen = False
    for t in prefix:
        low = t.text.lower()
        if low in _ARTICLES:
            continue
        if low in _DESCRIPTOR_WORDS or _DESCRIPTOR_AFFIX.search(low) or t.text in NATIONALITIES:
            seen = True
            continue
        return False
    return seen


def _is_acronym(tok: Tok) -> bool:
    word = tok.bare
    return tok.text == word and 2 <= len(word) <= 8 and word.isupper() and word.isalpha()


def _valid_prefix(prefix: Toks) -> bool:
    """What may stand before a name: roles and organisations ("President of the Syrian Coalition",
    "member of the Coalition’s political committee"), not clause text ("group Raqqa is")."""
    if (len(prefix) <= 6 and prefix[-1].text.lower() in ROLE_WORDS and is_cap(prefix[0 if prefix[0].text.lower()
            not in _ARTICLES else min(1, len(prefix) - 1)]) and any(t.text != t.bare for t in prefix[:2])):
        return True  # "The EU’s foreign policy chief": a possessive organisation, then the role
    for t in prefix:
        low = t.bare.lower()
        if not (is_cap(t) or low in ROLE_WORDS or low in ORG_HEADS or low in ORG_MODIFIERS or low in _PREFIX_WORDS):
            return False
    return True


@lru_cache(maxsize=8192)
def verb_left(left: str) -> tuple[str, ...] | None:
    """Where the subject of a reporting verb is, from the sentence up to the verb: None (no
    subject: "the statement said"), ("inverted",) after the verb ("“...,” said X"), ("appositive",
    text) before a comma ("X, head of Y, said"), or ("end", text) ending the text. Adverbials at
    the end ("on Tuesday", "today", "In a statement ...,") are dropped first."""
    tail = left[-40:].split()
    prev = tail[-1].lower() if tail else ""
    if prev in _NOT_SUBJECT_BEFORE:
        return None
    for _ in range(4):
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
        return ("inverted",)
    if stripped.endswith(","):
        return ("appositive", stripped[:-1])
    return ("end", stripped)


@lru_cache(maxsize=8192)
def clause_subject(left: str) -> tuple[str, int, bool]:
    """The clause ending `left`: its text (stripped), where that starts in `left`, and whether
    "For his part," stands before it."""
    start = last_boundary(left)
    quoted = _QUOTED_NAME_END.search(left, max(0, start - 70), start)
    if quoted is not None:  # "the “Response Coordinators” team": a quoted name inside the subject
        start = last_boundary(left[: quoted.start()])
    text = left[start:]
    lead = len(text) - len(text.lstrip())
    return text.strip(), start + lead, bool(_FOR_PART.search(left, max(0, start - 30), start))


@lru_cache(maxsize=8192)
def appositive_parts(content: str) -> tuple[str, str, bool] | None:
    """"Haitham al-Maleh, head of the legal committee" -> ("Haitham al-Maleh", "head of the legal
    committee", True): the text before the last comma, the appositive, and whether it describes
    the person (not "who ..."); None when what follows the comma is no appositive."""
    j = content.rfind(",")
    if j < 0:
        return None
    appositive = content[j + 1 :].strip()
    if not appositive or not (appositive[0].islower() or appositive.split()[0].lower() in ROLE_WORDS):
        return None
    return content[:j], appositive, not appositive.startswith(("who", "which", "whose"))
