"""Bad input never crashes a tagger, and every offset stays valid (hypothesis; the `fuzz` profile
registered in tests/conftest.py runs these at 1000 examples)."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from annotator.tagging.pipeline import TagContext, tag_item

CONTEXT = TagContext(known_speakers=("Riad Seif", "Syrian Coalition"), speaker_aliases={"jaish al-islam": "Jaish al-Islam"})
ODD = ["\u200f", "\u200e", "\u202b", "\u202c", "\u200d", "\u200c", "\ufeff", "\u2028", "\u00a0", "سوريا", "دير الزور",
       "“", "”", "‘", "’", '"', "'", "(", ")", "\n\n", ".", ",", ";", " ", "-", "–"]
GENRE = ["Riad Seif", "Seif", "said", "stressed", "that", "For his part,", "according to", "the council", "He",
         "at least", "more than", "about", "nearly", "dozens", "hundreds of thousands", "killed", "injured",
         "detained", "displaced", "missing", "civilians", "children", "on Wednesday", "last week", "since mid-2014",
         "April 4", "over the past week", "in recent weeks", "Deir Ezzor", "rural Idlib", "Syrian Coalition",
         "99999999999999999999999", "1,000,000,000,000", "twenty-three", "a woman", "including", "among them"]
TOKENS = st.one_of(st.sampled_from(ODD), st.sampled_from(GENRE), st.text(max_size=12),
                   st.integers(min_value=0, max_value=10**30).map(str))
BODIES = st.lists(TOKENS, max_size=40).map(" ".join)
DATES = st.one_of(st.dates().map(lambda d: d.isoformat()), st.sampled_from(["", "2017-13-45", "garbage", "0001-01-01",
                                                                          "9999-12-31"]))


def check(body: str, item_date: str) -> None:
    for s in tag_item(body, item_date, None, CONTEXT):
        assert 0 <= s.start < s.end <= len(body)
        assert body[s.start:s.end] == s.text


@given(BODIES, DATES)
def test_random_genre_text_never_crashes(body, item_date):
    check(body, item_date)


@given(st.text(max_size=400), DATES)
def test_random_unicode_never_crashes(body, item_date):
    check(body, item_date)


@given(st.recursive(st.text(alphabet="abc Seif said", max_size=8),
                    lambda inner: st.tuples(st.sampled_from(["“", '"', "‘", "'"]), inner,
                                            st.sampled_from(["”", '"', "’", "'"])).map("".join), max_leaves=12))
def test_nested_quotes(quoted):
    check(f"Seif said {quoted}, the council added. {quoted} said Riad Seif.", "2017-10-02")


def test_empty_and_whitespace_bodies():
    for body in ("", " ", "\n\n\n", "\u200f\u200d", "."):
        check(body, "2017-10-02")


def test_one_megabyte_body_is_tagged_in_reasonable_time():
    paragraph = ("President of the Syrian Coalition Riad Seif said that warplanes on Wednesday killed at least 50 "
                 "civilians near Alashara southeast of Deir Ezzor, injuring dozens more. \u200fسوريا\u200d ")
    body = (paragraph * (1_048_576 // len(paragraph) + 1))[:1_048_576]
    t0 = time.perf_counter()
    check(body, "2017-10-05")
    assert time.perf_counter() - t0 < 60


def test_text_without_sentences():
    check("x" * 50_000, "2017-10-02")
    check(("killed " * 5000) + ("12 " * 5000), "2017-10-02")
