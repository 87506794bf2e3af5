"""Faster scans that must find exactly what the plain patterns they replace find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.tagging import landmarks, names

_PIECES = ["al-", "el-", "Al-", "El-", "a", "e", "l", "-", " ", "\t", "\n", "Assad", "Bashar", "X", "bin ", "de ",
           "Town", "town", "Square", "street", "ſtreet", "s", ".", ",", "’", "'", "Kafr", "ál-", "É", "1"]
_texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_cap_runs_are_the_plain_patterns_runs(text: str) -> None:
    assert names.cap_runs(text) == [m.span() for m in names._CAP_RUN.finditer(text)]


def test_cap_runs_examples() -> None:
    for text in ("al-Assad Bashar", "x al-Assad Bashar", "xal-Assad Bashar", "Bashar al-Assad and el-Hamid Ali",
                 "al-al-X Y", "Al-Al-X Y", "A B al-C D"):
        assert names.cap_runs(text) == [m.span() for m in names._CAP_RUN.finditer(text)], text


_PLAIN_NOUN = re.compile(r" (" + "|".join(landmarks.LANDMARK_NOUNS + landmarks.SETTLEMENT_NOUNS) + r")s?\b",
                         re.IGNORECASE)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([" ", "Town", "towns", "township", "TOWNSHIPS", "area", "areas", "Ka", "street",
                                 "ſtreet", "marKet", "gate", "gates", "x", "-", "neighbourhood", "hospital"]),
                max_size=20).map("".join))
def test_landmark_nouns_as_a_trie_match_the_plain_list(text: str) -> None:
    assert ([(m.span(), m.group(1)) for m in landmarks._NOUN.finditer(text)]
            == [(m.span(), m.group(1)) for m in _PLAIN_NOUN.finditer(text)])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([" ", "Town", "towns", "township", "TOWNSHIPS", "area", "Area", "Ka", "street",
                                 "ſtreet", "marKet", "MARKET", "gate", "gates", "x", "-", "neighbourhood", "hospital",
                                 "İ", "ı", "hospİtal", "cıtadel", "Ⅰ", "é", "Σ", "ß", "\n"]),
                max_size=20).map("".join))
def test_landmark_nouns_found_in_the_lower_cased_body_are_the_ignorecase_ones(text: str) -> None:
    # (the reference is the code before: a quick test on the lower-cased text, then _PLAIN_NOUN)
    low = text.lower()
    gate = any(" " + n in low for n in landmarks.LANDMARK_NOUNS + landmarks.SETTLEMENT_NOUNS)
    # (the noun as listed: "ſtreet" is "street", where the code before raised on 'hospİtal'.lower())
    assert landmarks.noun_matches(text) == [(m.start(), m.end(), landmarks._listed_noun(m.group(1)))
                                             for m in (_PLAIN_NOUN.finditer(text) if gate else ())]


_NAME_PIECES = ["Bashar", " ", "al-", "Assad", "Riad", "Seif", "’s", "'s", "bin", "de", "Syrian", "Coalition", "the",
                "Ministry", "UN", ",", "Kafr", "Nabl", "Abu", "Mohammed", "\n", "Turkey"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=25).map("".join))
def test_persons_are_each_runs_split_names(text: str) -> None:
    plain = [p for m in names._CAP_RUN.finditer(text) for p in names.split_person_names(text, m.start(), m.group(0))]
    assert names.NameIndex(text).persons == plain
    assert names.NameIndex(text).persons == plain  # the second time from the cache of runs
