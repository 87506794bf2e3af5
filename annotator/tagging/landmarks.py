"""Places inside a town that no gazetteer lists, named by the noun after them (issue 14):
squares, streets, hospitals, mosques, churches, markets ("Umayyad Square", "Baron street",
"al-Bassel hospital", "the Mariamite Cathedral") and settlements written "X town", "X village",
"al-X neighborhood" without "the" before them ("Jarjanaz town", "al-Qadam neighborhood").

    landmarks(body, taken) -> [Suggestion(kind="location", rule="cue:landmark" | "cue:settlement-noun")]

A landmark's noun is part of its name ("Baghdad Street" is a street of Damascus, not Baghdad): a
gazetteer match inside one is dropped by the caller. A settlement noun is not ("Jarjanaz town" is
Jarjanaz). The name is one to four capitalised words (or al-/el- words) right before the noun,
without a person's or organisation's words ("Health Ministry hospital" is no place name).
"""

from __future__ import annotations

import re

from annotator.tagging.base import Suggestion
from annotator.tagging.placewords import FUNCTION_WORDS, PEOPLE_ADJECTIVE_ENDINGS, STOP_SURFACES
from annotator.tagging.text import NATIONALITIES, lower_aligned, trie_pattern

LANDMARK_NOUNS = ("square", "street", "hospital", "mosque", "church", "cathedral", "market", "roundabout", "bridge",
                  "stadium", "university", "castle", "citadel", "gate", "graveyard", "cemetery")
SETTLEMENT_NOUNS = ("town", "township", "village", "neighborhood", "neighbourhood", "area", "district", "suburb")
_WORD = r"(?:(?:al|el|Al|El|as|ash|ad|ar|az|an|at|a)[-‐])?[A-Z][\w’'‘`ʿʾ]*"
_NAME = re.compile(
    rf"(?P<name>{_WORD}(?:[ -](?:(?:al|el|a|as|ash|ad|ar|az|an|at)[-‐])?[A-Z][\w’'‘`ʿʾ]*){{0,3}})"
    r"[ ](?P<noun>" + "|".join(LANDMARK_NOUNS + SETTLEMENT_NOUNS) + r")s?\b",
    re.IGNORECASE,
)
# Words that make the capitalised run something else than a place's name
_NOT_NAME = frozenset(
    """military field rural children women government regime army police""".split()
) | FUNCTION_WORDS | STOP_SURFACES
_NOT_NAME_WORDS = frozenset("""ministry council coalition committee organization organisation observatory network
    department office command forces army front brigade union agency media center centre""".split())
_FEATURE = {"square": "facility", "street": "facility", "hospital": "facility", "mosque": "facility",
            "church": "facility", "cathedral": "facility", "market": "facility", "roundabout": "facility",
            "bridge": "facility", "stadium": "facility", "university": "facility", "castle": "facility",
            "citadel": "facility", "gate": "facility", "graveyard": "facility", "cemetery": "facility", "town": "town", "township": "town", "village": "village",
            "neighborhood": "town", "neighbourhood": "town", "area": "region", "district": "town",
            "suburb": "town"}


# The nouns as a trie: the engine rejects most spaces after one letter instead of trying every
# noun in turn (half the time; with the \b after it the same noun matches as with a plain list).
_NOUN = re.compile(r" (" + trie_pattern(LANDMARK_NOUNS + SETTLEMENT_NOUNS) + r")s?\b", re.IGNORECASE)
# The same nouns, case-sensitive, for the lower-cased body: three times faster than _NOUN (no case
# classes to test at every space), and the same spans whenever lower() keeps every character in
# place (text.lower_aligned).
_NOUN_LOWER = re.compile(r" (" + trie_pattern(LANDMARK_NOUNS + SETTLEMENT_NOUNS) + r")s?\b")
_TOKEN = re.compile(r"[^\s,;:()“”\"]+")
_WORD_RX = re.compile(_WORD)


def noun_matches(body: str) -> list[tuple[int, int, str]]:
    """(start, end, noun lower-cased) of every _NOUN match in `body`, in order."""
    low = body.lower()
    if not any(" " + n in low for n in LANDMARK_NOUNS + SETTLEMENT_NOUNS):
        return []  # (most bodies hold none of the nouns)
    if lower_aligned(body, low) is not None:
        return [(m.start(), m.end(), m.group(1)) for m in _NOUN_LOWER.finditer(low)]
    return [(m.start(), m.end(), _listed_noun(m.group(1))) for m in _NOUN.finditer(body)]


def _listed_noun(word: str) -> str:
    """The listed noun that `word` matched case-insensitively. lower() is not enough: the engine
    also takes "İ" (dotted capital I) for "i" and "ſ" (long s) for "s", which lower() turns into
    two characters or keeps, so 'hospİtal'.lower() is no listed noun."""
    return "".join(ch.casefold()[:1] for ch in word)


def landmarks(body: str, taken: list[tuple[int, int]]) -> list[Suggestion]:
    """Landmarks and noun-named settlements in `body`; settlements never overlap `taken` spans
    (gazetteer and cue matches), landmarks may contain them."""
    out: list[Suggestion] = []
    for noun_start, noun_end, noun in noun_matches(body):
        found = _name_before(body, noun_start)
        if found is None:
            continue
        s, e = found
        landmark = noun in LANDMARK_NOUNS
        if noun_end - noun_start > len(noun) + 1:
            continue  # a plural: "Jordanian hospitals", "the Assyrian villages" are no one place
        if noun not in LANDMARK_NOUNS and all(
                w in NATIONALITIES or w.endswith(PEOPLE_ADJECTIVE_ENDINGS) and not w.startswith(("al-", "el-"))
                for w in body[s:e].split()):
            continue  # "the Syrian Kurdish town of": adjectives, no name ("the French Hospital" is one)
        if landmark:
            e = noun_end
        elif any(a < e and s < b for a, b in taken):
            continue  # "Idlib town": the gazetteer already has it
        text = body[s:e]
        attrs = {"name": " ".join(text.split()), "geonameid": None, "lat": None, "lon": None, "country": None,
                 "admin1": None, "feature": _FEATURE[noun], "precision": 3 if landmark else 2}
        out.append(Suggestion("location", s, e, text, attrs, "cue:landmark" if landmark else "cue:settlement-noun",
                              0.55 if landmark else 0.5))
    return out


def _name_before(body: str, noun_start: int) -> tuple[int, int] | None:
    """The span of the place name that ends right before the noun at `noun_start`."""
    lo = max(0, noun_start - 60)
    window = body[lo:noun_start]
    words = list(_TOKEN.finditer(window))
    if not words or words[-1].end() != len(window):
        return None
    picked: list[re.Match[str]] = []
    for w in reversed(words):
        text = w.group()
        bare = text.strip("’'‘")
        if not _WORD_RX.fullmatch(bare) or bare.casefold() in _NOT_NAME or bare.lower() in _NOT_NAME_WORDS:
            break
        if bare.endswith(("’s", "'s")):
            break
        picked.append(w)
        if len(picked) == 4:
            break
        if lo + w.start() > 0 and body[lo + w.start() - 1] not in " -‐":
            break
    if not picked:
        return None
    picked.reverse()
    s, e = lo + picked[0].start(), lo + picked[-1].end()
    first = body[s:e].split()[0]
    # a sentence start: "Hospital" after "The"? the name needs a word that is no English word
    if first.casefold() in STOP_SURFACES or first.isupper() and len(first) > 1:
        return None
    return s, e
