"""Casualty figures of displacement and monitoring reports (issue 14, third round): two nouns in
one figure ("civilians and refugees"), "most of whom fled", counts of families that restate a
count of people, a figure that stands for the verb of the one before ("and two million in
neighbouring states", "– nine at the hands of ..."), a headline figure at the end of its line, and
numbers written in words near a year's value. Every sentence here is written for these tests."""

import pytest

from annotator.tagging.pipeline import tag_item


def figs(body: str, day: str = "2019-05-06") -> list[tuple[str, int | None]]:
    return [(s.attributes["kind"], s.attributes["count_min"]) for s in tag_item(body, day, "casualty")]


@pytest.mark.parametrize("body, expected", [
    ("The envoy said he feared for the thousands of Syrian civilians and refugees who have been forced to flee.",
     [("displaced", None)]),
    ("The camp has grown to nearly 40,000 people, most of whom fled their villages near the front.",
     [("displaced", None)]),
    ("Since June the number of displaced people has amounted to 52311 persons, about 9210 families.",
     [("displaced", 52311)]),
    ("The number of people displaced has so far reached 8,140 families, or 48,720 people.",
     [("displaced", 48720)]),
    ("About four million people are displaced inside the country, and more than a million in neighbouring states.",
     [("displaced", 4000000), ("displaced", 1000000)]),
    ("Twelve detainees died under torture in May – ten at the hands of the police and two by a militia.",
     [("killed", 12), ("killed", 10), ("killed", 2)]),
    ("Two thousand have taken shelter in schools in the town.", [("displaced", 2000)]),
])
def test_list_and_restatement_phrasing(body, expected):
    assert figs(body) == expected


def test_a_headline_figure_at_the_end_of_its_line_is_not_joined_to_the_next_paragraph():
    body = "Shelling on the market claims one victim\n\nA farmer was killed on Monday in the hills."
    got = [(s.text, s.attributes["kind"], s.attributes["count_min"]) for s in tag_item(body, "2019-05-07", "casualty")]
    assert got == [("one victim", "killed", 1), ("A farmer", "killed", 1)]


@pytest.mark.parametrize("body, expected", [
    # families of victims killed: not a restatement of the people beside them
    ("The strikes killed 3 families in the village and 20 people in the town.", [("killed", 3), ("killed", 20)]),
    # no shared verb: the second amount counts things
    ("Jets killed five people and destroyed 3 houses in the village.", [("killed", 5)]),
    # a year is still not a figure
    ("In 2000 were displaced the last residents of the quarter.", []),
    # two nouns are one figure only with no amount of their own
    ("Four soldiers and two officers were killed.", [("killed", 4), ("killed", 2)]),
])
def test_restatements_and_ellipses_stay_narrow(body, expected):
    assert figs(body) == expected


@pytest.mark.parametrize("body, expected", [
    # one count of both harms
    ("At least 30 people were killed and wounded when a car bomb went off near the market.", [("other", 30)]),
    # a toll far from its verb, and "the number of children... killed"
    ("The death toll from Monday's raids on a village near the northern border has risen to 41.", [("killed", 41)]),
    ("“The number of children... killed by rocket fire on the district has risen to 9,” the monitor said.",
     [("killed", 9)]),
    # a list of people between dashes, "and a teacher were killed"
    ("Three pupils – two boys and one girl – and a teacher were killed in the market.",
     [("killed", 3), ("killed", 2), ("killed", 1), ("killed", 1)]),
    # "— seven of which"
    ("Nine people were killed in the town — six of which from one family.", [("killed", 9), ("killed", 6)]),
    # a distribution list after "as follows:"
    ("The monitor documented the death of 90 people; the deaths are as follows:\n\nCivilians\n\n"
     "40 civilians, including 8 children.", [("killed", 90), ("killed", 40), ("killed", 8)]),
    # the body of one child, a number of injuries, "other 12 persons", suspects, captivity
    ("A photographer saw the body of one child in the clinic.", [("killed", 1)]),
    ("The strike resulted in a number of injuries among civilians.", [("injured", None)]),
    ("The force arrested and detained other 12 persons in the second stage.", [("detained", 12)]),
    ("Police said they arrested 14 suspects in the raid.", [("detained", 14)]),
    ("More than 60 Christians remain in captivity.", [("detained", 60)]),
])
def test_third_round_phrasing(body, expected):
    assert figs(body) == expected


def test_and_wounded_as_a_noun_is_not_a_second_noun_of_the_figure():
    body = "The shelling killed 3 civilians and wounded more than 15 others in the town."
    got = [(s.text, s.attributes["kind"]) for s in tag_item(body, "2018-06-21", "casualty")]
    assert got == [("3 civilians", "killed"), ("more than 15 others", "injured")]


def test_of_a_named_force_takes_capitalised_words_only():
    body = "A drone strike on Tuesday left two fighters of the Self-Defense Forces killed near the border."
    got = [(s.text, s.attributes["kind"]) for s in tag_item(body, "2020-10-21", "casualty")]
    assert got == [("two fighters of the Self-Defense Forces", "killed")]


@pytest.mark.parametrize("body, expected", [
    ("The total number of people, who have been internally displaced between March 1 and May 6, is more than "
     "41200 persons.", [("displaced", 41200)]),
    ("The number of schools in the area is 40.", []),
    ("The number of residents in the town is 5,000 people.", []),
])
def test_the_number_of_people_displaced_is_n(body, expected):
    assert figs(body) == expected
