"""Places of other outlets' reports (issue 14, classes 4 and 5). Sentences written for these tests."""

import pytest

from annotator.tagging.datelines import dateline_spans
from annotator.tagging.locations import LocationTagger
from annotator.tagging.pipeline import tag_item


def places(body: str) -> list[tuple[str, str]]:
    return [(s.attributes["name"], s.rule) for s in LocationTagger().tag(body)]


def test_squares_streets_hospitals_are_places_with_their_noun():
    got = places("Protesters gathered in Umayyad Square and Baron street near al-Bassel hospital.")
    assert got == [("Umayyad Square", "cue:landmark"), ("Baron street", "cue:landmark"),
                   ("al-Bassel hospital", "cue:landmark")]


def test_a_street_named_after_a_city_is_the_street_only():
    assert [n for n, _ in places("A shell fell in Baghdad Street in the old city.")] == ["Baghdad Street"]


def test_settlement_nouns_without_the():
    got = places("Nine citizens died in Jarjanaz town and two in al-Taman’aa Township.")
    assert got == [("Jarjanaz", "cue:settlement-noun"), ("al-Taman’aa", "cue:settlement-noun")]


@pytest.mark.parametrize("body", [
    "The wounded were taken to Jordanian hospitals.",
    "Shelling hit the northern Syrian Kurdish town of Tal Rifaat.",
    "The Health Ministry hospital was full.",
])
def test_adjectives_plurals_and_organisations_make_no_landmark(body):
    assert not [r for _, r in places(body) if r.startswith("cue:landmark") or r == "cue:settlement-noun"]


def test_vowel_article_variant():
    assert places("Jets struck Kafr a-Nabl on Sunday.") == [("Kafr Nabl", "gaz:syria")]


def test_contractions_and_short_names_before_said_are_no_places():
    assert places("He’ll return next week.") == []
    body = "Local journalist Mihemed Billo spoke to us. “The village was shelled,” Billo said."
    assert "al-Bab" not in [n for n, _ in places(body)]


def test_direction_before_a_region():
    assert places("Fighting continued in western Qalamoun.") == [("Qalamoun", "gaz:syria")]


@pytest.mark.parametrize("body, filed", [
    ("BEIRUT (AFP) — Shelling killed 5 people in Douma.", "BEIRUT"),
    ("Hama, SANA – Two civilians were killed by rocket shells.", "Hama"),
    ("DARAA, Syria (North Press) – Several civilians were wounded.", "DARAA, Syria"),
    ("DAMASCUS, May 25 (Xinhua) -- A bomb killed one person.", "DAMASCUS"),
    ("Headline of the report\n\nAMMAN: When airstrikes hit the town, 3 people died.", "AMMAN"),
])
def test_datelines(body, filed):
    assert [body[s:e] for s, e in dateline_spans(body)] == [filed]


def test_a_dateline_is_never_a_figure_s_location():
    got = tag_item("BEIRUT (AFP) — Shelling killed 5 people on Monday.", "2018-03-05", "casualty")
    assert [s.attributes["location"] for s in got] == [None]
    got = tag_item("Hama, SANA – Two civilians were killed in Mhardeh by rocket shells.", "2018-03-05", "casualty")
    assert got[0].attributes["location"] != "Hama"


def test_an_ordinary_sentence_is_no_dateline():
    assert dateline_spans("Jets struck Douma on Monday - killing 5.\n\nRussia and Iran - the backers - said.") == []


def test_a_hospital_named_after_a_nation_is_a_landmark():
    assert places("The shell fell near the French Hospital.") == [("French Hospital", "cue:landmark")]


def test_landmark_features_are_the_design_s():
    from annotator.vocabulary import FEATURES

    body = "Shells hit Baron street, al-Qadam neighborhood, Jarjanaz town and the Nahr Aisha area."
    got = [s.attributes["feature"] for s in LocationTagger().tag(body)]
    assert got and all(f in FEATURES for f in got)


def test_a_line_of_spaces_among_the_first_paragraphs_is_no_dateline_and_no_crash():
    """A pasted report can hold a line of only spaces (the property test found '\\n\\n \\n\\n dozens killed')."""
    assert dateline_spans("\n\n \n\n dozens killed") == []
    assert dateline_spans("   \nHAMA, SANA - Shells fell on the town.") == [(4, 8)]


@pytest.mark.parametrize("noun", ["hosp\u0130tal", "\u017ftreet", "Hospital", "MARKET"])
def test_a_noun_the_engine_matches_through_a_unicode_case_pair_is_its_listed_noun(noun):
    # "İ" lowers to two characters and "ſ" does not lower to "s": the matched noun must still be
    # looked up as the listed one, not raise (the item failed tagging before).
    body = f"They gathered near al-Bassel {noun} and in Umayyad Square."
    assert places(body) == [(f"al-Bassel {noun}", "cue:landmark"), ("Umayyad Square", "cue:landmark")]
