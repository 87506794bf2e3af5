"""The taggers' fast paths find exactly what the plain patterns they replace find (hypothesis over
genre words, tricky characters and random text). Each reference below is the straightforward form
the code used before it was made fast; a difference here is a behaviour change."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.tagging import perpetrators as P
from annotator.tagging.clauses import last_boundary
from annotator.tagging.names import _NAME_RUN_END, _name_run_start, _surname_matches
from annotator.tagging.scan import _CATEGORIES, _CORE, Scan
from annotator.tagging.text import Sentences, caseless, inline_caseless, starts_before, word_starts_before

# İ ı ſ K: what IGNORECASE also matches for i, s and k; é has a case pair of its own.
TRICKY = ["İ", "ı", "ſ", "K", "é", "É", "’", "'", "-", "_", "\n", "\t", "  ", ",", ".", "(", "“", "”", "\u00a0", "5", "1,200"]
WORDS = ["said", "Said", "SAID", "says", "that", "as", "while", "the", "of", "by", "Riad", "Seif", "al-Seif", "Al-Assad",
         "killed", "dropped", "opened fire", "regime", "Assad", "forces", "warplanes", "air strikes", "barrel bombs",
         "pro-government", "Iranian-backed", "ISIS", "at least", "Monday", "April", "2017", "twenty-three", "dozens",
         "will", "WILL", "is due", "city", "Province", "communiqué", "COMMUNIQUÉ", "Council", "talks", "II", "Dr.", "U.S.",
         "since", "SINCE", "war monitor", "war-monitor", "years-", "-weeks", "so far", "airstrikes", "Shelled", "ATTACKS"]
TOKENS = st.one_of(st.sampled_from(TRICKY), st.sampled_from(WORDS), st.text(max_size=6))
TEXTS = st.lists(TOKENS, max_size=24).map(lambda parts: " ".join(parts))
FAST = settings(max_examples=300, deadline=None)


@FAST
@given(TEXTS)
def test_caseless_patterns_match_as_ignorecase(text: str) -> None:
    for pattern in (r"\bat\s+least\s+(?P<n>\d+)", r"(?:killed|[A-Za-z]+ly)\b", r"(?<=hundred)\s+and\b",
                    r"[ \t]+(?:(?-i:[A-Z]\w*)[ \t]+)?(?:council|communiqué)\b", r"(?:sis|kill|is)"):
        slow, fast = re.compile(pattern, re.IGNORECASE), re.compile(caseless(pattern))
        for pos in range(len(text) + 1):
            a, b = slow.match(text, pos), fast.match(text, pos)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))
    mixed = r"(?:(?i:(?P<p>on|since))\s+)?(?P<d>Monday)(?i:\s+ago)?"
    slow, fast = re.compile(mixed), re.compile(inline_caseless(mixed))
    assert [m.span() for m in slow.finditer(text)] == [m.span() for m in fast.finditer(text)]


def test_caseless_refuses_what_it_cannot_spell_out() -> None:
    for pattern in (r"(?i)x", r"[b-d]", r"ß"):
        try:
            caseless(pattern)
        except ValueError:
            continue
        raise AssertionError(pattern)


@FAST
@given(TEXTS)
def test_scan_finds_the_word_boundary_tokens(text: str) -> None:
    reference = re.compile(r"\b" + _CORE)
    found = Scan(text)
    spans = sorted(found.number + found.single + found.verb + found.orghead
                   + [d for d in found.date if not text[d[0]].isdigit()])
    assert spans == [m.span() for m in reference.finditer(text)]
    for m in reference.finditer(text):
        if not m.group()[0].isdigit():
            assert m.span() in getattr(found, _CATEGORIES[m.group()][0])


_BOUNDARY = re.compile(r"(?=[.!?\n])(?:([.!?][”\"’')\]]*)\s+(?=[“\"‘'(]?[A-Z0-9\u0600-\u06FF])|\n+)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[Mm]rs?|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Brig|St|No|Nos|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov"
    r"|Dec|approx|Fig|Sr|Jr|Rev|U\.S|U\.N|U\.K|e\.g|i\.e)|(?<![\w.])[A-Za-z])$"
)


def _sentences_reference(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        mark = m.group(1)
        if mark is None:
            end = m.start()
        else:
            if mark[0] == "." and _ABBREVIATION.search(text, max(0, m.start() - 6), m.start()):
                continue
            end = m.end(1)
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@FAST
@given(TEXTS)
def test_sentence_spans(text: str) -> None:
    assert Sentences(text).spans == _sentences_reference(text)


def _last_boundary_reference(left: str) -> int:
    start = max(map(left.rfind, ",;:“”\"()—–")) + 1
    padded = " " + left + " "
    for w in (" that ", " as ", " while ", " whereas ", " but ", " when ", " after ", " before ", " because ", " since "):
        k = padded.rfind(w)
        if k >= 0:
            start = max(start, k + len(w) - 2)
    return start


def _word_starts_reference(text: str, pos: int, n: int, floor: int) -> list[int]:
    lo = max(floor, pos - 16 * n)
    starts = [m.start() for m in re.compile(r"[\w’'-]+").finditer(text, lo, pos)]
    if starts and starts[0] == lo and lo > floor and (text[lo - 1].isalnum() or text[lo - 1] in "’'-_"):
        starts.pop(0)
    return starts[-n:]


@FAST
@given(TEXTS, st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=4))
def test_clause_and_word_starts(text: str, pos: int, n: int) -> None:
    assert last_boundary(text) == _last_boundary_reference(text)
    pos = min(pos, len(text))
    for floor in (0, pos // 2):
        starts = word_starts_before(text, pos, n, floor)
        assert starts == _word_starts_reference(text, pos, n, floor)
        words = frozenset({"at", "least", "the", "on"})
        assert starts_before(text, pos, n, floor, words) == [
            c for c in starts if text[c].isdigit() or (text[c:c + 16].split(None, 1) or [""])[0].strip(",.;:()“”\"").lower() in words]


@FAST
@given(TEXTS, st.sampled_from(["Seif", "Abdah", "Al", "B", "Assad"]))
def test_name_lookups(text: str, surname: str) -> None:
    reference = re.compile(r"(?<![\w’'-])(?:(?:al|el|Al|El)-)?" + re.escape(surname) + r"(?![\w-])")
    assert [m.span() for m in _surname_matches(text, surname)] == [m.span() for m in reference.finditer(text)]
    tail = text[-60:]
    found = _NAME_RUN_END.search(tail)
    assert _name_run_start(tail) == (found.start() if found else None)


@FAST
@given(TEXTS)
def test_perpetrator_searches(text: str) -> None:
    def same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
        return (a and a.groupdict()) == (b and b.groupdict())

    assert same(P._search_of(text), P._PERP_OF.search(text))
    assert same(P._search_subject(text), P._PERP_SUBJECT.search(text))
    assert same(P._search_by(text), P._PERP_BY.search(text))


@FAST
@given(TEXTS)
def test_lower_cased_body_finds_what_the_caseless_patterns_find(text: str) -> None:
    from annotator.tagging import eventdates as E
    from annotator.tagging.text import lower_aligned

    low = lower_aligned(text)
    if low is None:  # the callers keep the caseless patterns then
        assert len(text.lower()) != len(text) or any(c in text for c in "İıſ")
        return
    for fast, plain in ((E._ATTACK_LOWER, E._ATTACK), (E._OTHER_TIME_LOWER, E._OTHER_TIME)):
        for pos in range(0, len(text) + 1, 3):
            a, b = plain.search(text, pos), fast.search(low, pos)
            assert (a and a.span()) == (b and b.span())


def test_lower_aligned_refuses_what_lower_moves_or_does_not_fold() -> None:
    from annotator.tagging.text import lower_aligned

    assert lower_aligned("Killed in Kafr Nabl") == "killed in kafr nabl"
    assert lower_aligned("\u212aILLED") == "killed"  # the Kelvin sign lower-cases to k
    for text in ("İdlib strikes", "dıed", "ſtruck"):
        assert lower_aligned(text) is None


_ORG_WORDS = ["Council", "council", "COUNCILS", "Local", "local", "Military", "military", "Forces", "forces", "force",
              "Brigade", "brigades", "II", "IV", "VII", "talks", "communiqué", "COMMUNIQUÉ", "Office", "offices", "Ka",
              "Revolutionary", "Defence", "Idlib", "the", "of", "and", "city", "City", "tv", "TV"]
_ORG_TEXTS = st.lists(st.one_of(st.sampled_from(_ORG_WORDS), st.sampled_from([" ", "\t", "  ", "-", ",", "’s"])),
                      max_size=14).map("".join)


@FAST
@given(_ORG_TEXTS)
def test_org_heads_as_a_trie_match_where_the_plain_list_did(text: str) -> None:
    from annotator.tagging import placewords as W

    plain = re.compile(caseless(
        r"[ \t]+(?:(?:(?-i:[A-Z][\w’'&-]*)|" + "|".join(sorted(W.ORG_MODIFIERS)) + r")[ \t]+){0,3}"
        r"(?:" + "|".join(sorted(W.ORG_HEADS, key=len, reverse=True)) + r"|(?-i:I{1,3}|IV|V|VI{1,3}))\b"))
    for pos in range(len(text) + 1):
        assert bool(plain.match(text, pos)) == bool(W.ORG_RIGHT.match(text, pos))


@FAST
@given(TEXTS)
def test_any_reporting_word_as_a_trie(text: str) -> None:
    from annotator.tagging import dates as D

    plain = re.compile("|".join(D._REPORTING_WORDS))
    for pos in range(0, len(text) + 1, 5):
        assert bool(plain.search(text, pos)) == bool(D._ANY_REPORTING_WORD.search(text, pos))
