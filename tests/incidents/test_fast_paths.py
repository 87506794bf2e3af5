"""The suggestion's fast paths answer exactly as the plain regexes they replace (issue 18 speed)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.services.incident_model import SENTENCE_END, _SCENE_WORD, names_scene_word

# the alternation SENTENCE_END was before it was written class-first
PLAIN_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n")

# letters of the scene words, the characters that fold to them, quotes, ends and spaces
ALPHABET = st.sampled_from(list("basedhqurtnfkovipzlyw .!?\n\"”’')]\t") + ["\u0130", "\u0131", "\u017f", "\u212a",
                                                                         "é", "—", "İ", "K"])
WORDS = st.sampled_from(["based", "BASED", "Headquartered", "treated", "transferred", "taken to", "taken  to",
                         "rushed to", "evacuated to", "hospitalised", "hospitalized", "hoſpitalized", "taKen to",
                         "treaTed", "hospİtalized", "hospıtalized", "hospital", "taken", "basis"])
TEXTS = st.lists(st.one_of(ALPHABET, WORDS), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_scene_word_test_agrees_with_the_regex(text: str) -> None:
    assert names_scene_word(text) == (_SCENE_WORD.search(text) is not None)


def test_scene_word_examples() -> None:
    assert names_scene_word("A commander BASED in Idlib said.")
    assert names_scene_word("He was ho\u017fpitalized in Gaziantep —")  # long s folds to s
    assert names_scene_word("ta\u212aen to Kilis")  # Kelvin sign folds to k
    assert not names_scene_word("Jets struck Kafr Nabl — 11 killed.")
    assert not names_scene_word("the basis of a deal")


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_sentence_end_matches_as_the_alternation_did(text: str) -> None:
    assert [m.span() for m in SENTENCE_END.finditer(text)] == [m.span() for m in PLAIN_SENTENCE_END.finditer(text)]
    assert [m.group(0) for m in SENTENCE_END.finditer(text)] == [m.group(0) for m in PLAIN_SENTENCE_END.finditer(text)]


def test_the_suggestion_reads_aggregates_without_their_place(incident_db):
    """The suggestion skips an aggregate's place (nothing groups it); reading the figure for an
    analyst's action still gives it."""
    from annotator.services import incidents

    tally = incident_db.ids["tally"]
    read = {f.annotation_id: f for figures in incidents.iter_item_figures(incident_db) for f in figures}
    assert read[tally].aggregate and read[tally].place is None
    assert read[incident_db.ids["kafr4"]].place.name == "Kafr Nabl"  # a figure of one attack keeps its place
    full = incidents.figures_by_id(incident_db, [tally])[tally]
    assert full.aggregate and full.place is not None and full.place.name == "Idlib"
