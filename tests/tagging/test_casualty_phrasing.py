"""Casualty phrasing of other outlets (issue 14, class 2). Sentences written for these tests."""

import pytest

from annotator.tagging.pipeline import tag_item


def figs(body: str) -> list[tuple[str, int | None]]:
    return [(s.attributes["kind"], s.attributes["count_min"]) for s in tag_item(body, "2018-03-10", "casualty")]


@pytest.mark.parametrize("body, expected", [
    # state media
    ("Three citizens were martyred when a shell hit the market.", [("killed", 3)]),
    ("The shells caused the martyrdom of 6 citizens and the injury of scores of others.",
     [("killed", 6), ("injured", None)]),
    ("The hospital received two martyred children and eight injured.", [("killed", 2), ("injured", 8)]),
    ("A citizen was martyred and two others got injured.", [("killed", 1), ("injured", 2)]),
    ("The attack claimed the life of a civilian near the bridge.", [("killed", 1)]),
    # nouns
    ("The hospital confirmed 70 deaths.", [("killed", 70)]),
    ("The ministry recorded 12 fatalities.", [("killed", 12)]),
    # monitors' tallies
    ("It rose to 9 at least, the number of people who were killed in the strikes.", [("killed", 9)]),
    ("It rose to 5, including two women, the number of citizens who died in the shelling.",
     [("killed", 5), ("killed", 2)]),
    ("The strike killed 7 people, two of them were killed in their car.", [("killed", 7), ("killed", 2)]),
    ("The raids killed 11 men, five women, nine children and three fighters.",
     [("killed", 11), ("killed", 5), ("killed", 9), ("killed", 3)]),
    # breakdowns
    ("Five children were among the dead.", [("killed", 5)]),
    ("Twelve members of a single family were among the dead.", [("killed", 12)]),
    ("The dead included 4 teachers.", [("killed", 4)]),
    # coordinated subjects
    ("At least four fighters and several civilians lost their lives in the shelling.", [("killed", 4), ("killed", None)]),
    ("Six children among at least 30 people reported killed in the town.", [("killed", 6), ("killed", 30)]),
    # displacement without "displaced"
    ("More than 2,000 have taken shelter in schools.", [("displaced", 2000)]),
    ("Hundreds of families were seen leaving the town on foot.", [("displaced", None)]),
    ("Some 40,000 people were forced to leave their homes.", [("displaced", 40000)]),
    # harm and estimates
    ("Forty people choked after the gas spread.", [("injured", 40)]),
    ("Seventy people suffocated to death in the basements.", [("killed", 70)]),
    ("Another 1,000 people suffered the effects of the gas.", [("injured", 1000)]),
    ("Hundreds were affected by the gas.", [("injured", None)]),
    ("The monitor put the death toll at 18.", [("killed", 18)]),
    ("Rescuers put the death toll as high as 150.", [("killed", None)]),
    ("Shelling wounds 44 more in the city.", [("injured", 44)]),
    ("22 members of his family were buried in a mass grave.", [("killed", 22)]),
    ("Five other citizens, including a female school teacher, got wounded.", [("injured", 5), ("injured", 1)]),
])
def test_phrasing(body, expected):
    assert figs(body) == expected


@pytest.mark.parametrize("body", [
    "The army fired 20 shells at the village.",
    "The shelling destroyed 15 houses and two schools.",
    "The camp lies 40 kilometres from the border.",
])
def test_things_are_no_figures(body):
    assert figs(body) == []
