"""Place-name keys: the spellings English-language media use for one place map to one string.

    normalise("Deir ez-Zor") == normalise("Deir Ezzor") == normalise("Dayr az Zawr") == "dar zur"

A key is a space-joined list of token keys. Each token is folded the same way whether it comes
from the gazetteer or from running text, so the tagger can look up token n-grams of a news item
directly (see `token_key`). The folding, in order:

1. NFKD, combining marks dropped (Ḩamāh -> Hamah), casefolded, non-ASCII letters kept as-is;
2. apostrophes and the ayn/hamza marks (' ’ ‘ ` ´ ʿ ʾ ʼ) removed (Dar‘a -> Dara);
3. hyphens and underscores are token separators like spaces (Deir ez-Zor -> deir ez zor);
4. Arabic articles dropped: whole tokens al/el/ash/ad/ar/as/at/az/ez/es/ed/an/en/... and attached
   ones (Alashara -> ashara, Ezzor -> zor: a sun-letter article assimilated to a doubled consonant);
5. doubled letters collapsed (Raqqa -> raqa), final -h after a vowel dropped (Hamah -> hama);
6. q -> k (Qalamoun / Kalamoun), final -y after a consonant -> i (Zabadany);
7. vowels folded to two classes, front "a" (a e i, and y after a vowel: ay, ei) and back "u"
   (o u, and w after a vowel: aw, ou, oo), each run of vowels written once: Deir / Dayr -> dar,
   Zor / Zawr -> zur, Idlib / Idleb -> adlab, Douma / Duma -> duma, Sednaya / Saydnaya -> sadnaya.

Two classes rather than one keep English words apart from Syrian names (Home/Hama, Urban/Irbin).
The key is lossy on purpose; it is only ever compared with other keys, never shown.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Marks transliterations use for ayn and hamza, and the apostrophes news copy turns them into.
MARKS = "'’‘`´ʿʾʼʻ′"
_MARK_TABLE = str.maketrans("", "", MARKS)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/.,]+")

# Whole-token Arabic articles (al-Bab, Ar-Raqqah, Deir ez-Zor, An Nabk, Jisr ash-Shughur).
ARTICLES = frozenset({
    "al", "el", "il", "ul", "l", "ash", "esh", "ad", "ed", "ar", "er", "as", "es", "at", "et", "az", "ez",
    "an", "en", "ath", "adh",
})
# The article written with its vowel only, hyphenated inside a name: "Kafr a-Nabl", "Deir e-Zor".
VOWEL_ARTICLES = frozenset({"a", "e"})
# A sun-letter article written attached and assimilated: Ezzor, Assafira, Arrastan, Ennabk.
_ATTACHED_SUN = re.compile(r"^[ae](?:([tdrzsn])\1|(sh)sh)(?=[a-z]{2})")
_VOWEL_RUN = re.compile(r"[aeiou]+")
_DOUBLE = re.compile(r"([a-z])\1+")
_VOWELS = frozenset("aeiou")


def strip_marks(text: str) -> str:
    """NFKD with combining marks removed, then ayn/hamza marks and apostrophes removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_MARK_TABLE)


def _fold_vowels(word: str) -> str:
    # y / w right after a vowel and before a consonant (or the end) are part of a diphthong.
    chars = list(word)
    n = len(chars)
    for i in range(1, n):
        c = chars[i]
        if c in "yw" and chars[i - 1] in _VOWELS and (i + 1 == n or chars[i + 1] not in _VOWELS):
            chars[i] = "i" if c == "y" else "u"
    word = "".join(chars)
    if len(word) > 2 and word.endswith("y") and word[-2] not in _VOWELS:
        word = word[:-1] + "i"

    def run(m: re.Match[str]) -> str:
        classes = ["u" if ch in "ou" else "a" for ch in m.group()]
        out = [classes[0]]
        for c in classes[1:]:
            if c != out[-1]:
                out.append(c)
        folded = "".join(out)
        # "au" is aw/ow (Zawr ~ Zor); "ua" stays two sounds (Moadamiya ~ Muadamiya).
        return "u" if folded == "au" else folded

    return _VOWEL_RUN.sub(run, word)


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """The key of one token of running text or of a name; "" for an article."""
    t = strip_marks(token).casefold()
    if not t or t in ARTICLES:
        return ""
    if t.isascii():
        m = _ATTACHED_SUN.match(t)
        if m:
            t = t[2:]
        elif t.startswith("al") and len(t) >= 7 and t[2] in _VOWELS:
            t = t[2:]  # Alashara -> ashara (but Aleppo, Albania keep theirs: too short / consonant)
        t = _DOUBLE.sub(r"\1", t)
        if len(t) > 3 and t.endswith("h") and t[-2] in _VOWELS:
            t = t[:-1]
        t = t.replace("q", "k")
        t = _DOUBLE.sub(r"\1", t)
        return _fold_vowels(t)
    return _DOUBLE.sub(r"\1", t)


def tokens(name: str) -> list[str]:
    """The word tokens of a name, split at spaces, hyphens, slashes, dots and commas."""
    return [t for t in _SEPARATORS.split(strip_marks(name)) if t]


_VOWEL_ARTICLE = re.compile(r"(?<![^\W\d_])([aeAE])[-‐](?=[^\W\d_])")


def normalise(name: str) -> str:
    """The lookup key of a place name: equal for the spelling variants of one place."""
    if "-" in name or "‐" in name:
        name = _VOWEL_ARTICLE.sub("", name)  # "Kafr a-Nabl" = "Kafr Nabl"
    return " ".join(k for k in (token_key(t) for t in tokens(name)) if k)


def spelling_key(name: str) -> str:
    """A light key (marks, case, hyphens and articles only): tells apart places whose
    `normalise` keys collide, when the text spells one of them exactly (Haifa vs Haffah)."""
    return " ".join(t for t in tokens(name.casefold()) if t not in ARTICLES)


def is_article(token: str) -> bool:
    return strip_marks(token).casefold() in ARTICLES
