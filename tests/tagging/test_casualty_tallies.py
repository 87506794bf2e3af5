"""Casualty figures of wire, displacement and monitoring reports (issue 14, class 2, second
round): breakdowns between dashes, "another"/"a further", quoted verbs, "reported to be",
"in critical condition", "affected in a chemical attack", and a tally written as "the number of
displaced ... has reached N". Every sentence here is written for these tests."""

import pytest

from annotator.tagging.dates import find_dates
from annotator.tagging.pipeline import tag_item


def figs(body: str, day: str = "2019-05-06") -> list[tuple[str, int | None]]:
    return [(s.attributes["kind"], s.attributes["count_min"]) for s in tag_item(body, day, "casualty")]


@pytest.mark.parametrize("body, expected", [
    ("The monitor said at least 14 people – including three children and one woman – were killed in the strike.",
     [("killed", 14), ("killed", 3), ("killed", 1)]),
    ("Shelling on the village, about 10 km (6 miles) south of the city killed another seven people.", [("killed", 7)]),
    ("The raid wounded a further 12 people near the bakery.", [("injured", 12)]),
    ("The doctors said more than 40 people had “suffocated” in the basement.", [("killed", 40)]),
    ("Scores of fighters are reported to be killed in the clashes.", [("killed", None)]),
    ("More than 30 children in the camp were in critical condition after the gas spread.", [("injured", 30)]),
    ("Some 90 people were killed and over 400 affected in a suspected chemical attack near the town.",
     [("killed", 90), ("injured", 400)]),
    ("The number of displaced people from May 2 to the day has amounted to 45210 persons.", [("displaced", 45210)]),
    ("The number of people killed in the campaign has reached 310 civilians.", [("killed", 310)]),
    ("The number of detainees held by the branch stood at 85 people.", [("detained", 85)]),
])
def test_tally_phrasing(body, expected):
    assert figs(body) == expected


@pytest.mark.parametrize("body", [
    "The number of residents in the town has reached 40,000 people.",
    "The number of schools in the district reached 40.",
    "The number of displaced people rose. Officials counted 300 tents.",
])
def test_a_reached_number_is_a_figure_only_of_a_casualty_word(body):
    assert figs(body) == []


def test_from_a_day_to_the_day_is_a_period_ending_on_the_report_day():
    body = "According to the report on Monday, May 6, 2019, the number of displaced people from April 29 to the day is 900."
    period = [m for m in find_dates(body, "2019-05-07") if m.rule == "date.to-date"]
    assert [(m.first.isoformat(), m.last.isoformat()) for m in period] == [("2019-04-29", "2019-05-06")]


def test_from_a_day_until_today_ends_on_the_item_date():
    period = [m for m in find_dates("From 2 May until today, 40 people were killed.", "2019-05-07")
              if m.rule == "date.to-date"]
    assert [(m.first.isoformat(), m.last.isoformat()) for m in period] == [("2019-05-02", "2019-05-07")]


def test_the_period_is_the_figure_event_date():
    found = tag_item("From May 2 to the day, 40 people were killed.", "2019-05-06", "casualty")
    a = found[0].attributes
    assert (a["event_date_start"], a["event_date_end"]) == ("2019-05-02", "2019-05-06")


@pytest.mark.parametrize("body, expected", [
    ("In the shelling, ten civilians were killed (one man, one woman and three children), 13 people were injured.",
     [("killed", 10), ("killed", 1), ("killed", 1), ("killed", 3), ("injured", 13)]),
    ("Twelve people were wounded (two children). Among them are five minors. Of those, two are in serious condition.",
     [("injured", 12), ("injured", 2), ("injured", 5), ("injured", 2)]),
    ("Nine civilians, including 3 children were killed in the village.", [("killed", 9), ("killed", 3)]),
    ("The monitor said 37 soldiers including eight officers were killed in the attack.", [("killed", 37), ("killed", 8)]),
    ("Four civilians, two children killed in shelling on the town", [("killed", 4), ("killed", 2)]),
])
def test_breakdowns_in_brackets_and_lists(body, expected):
    assert figs(body) == expected


@pytest.mark.parametrize("body", [
    "Five people were killed, the town council (elected by 300 residents) said.",
    "Five people were killed (300 residents live there).",
])
def test_brackets_that_hold_no_list_of_people(body):
    assert figs(body) == [("killed", 5)]


@pytest.mark.parametrize("body, expected", [
    ("Shelling in the old town claims one victim", [("killed", 1)]),
    ("The raid claimed 12 victims in the market.", [("killed", 12)]),
    ("The group said 92 civilians were documented killed in June.", [("killed", 92)]),
    ("The victims were buried on Monday.", []),
])
def test_victims_claimed_and_documented(body, expected):
    assert figs(body) == expected


def test_a_graveyard_is_a_landmark():
    found = [s.attributes["name"] for s in tag_item("The drone hit a post near Al-Shuhadaa graveyard.", "2022-10-24",
                                                     "location")]
    assert found == ["Al-Shuhadaa graveyard"]


@pytest.mark.parametrize("body, expected", [
    ("The factions were responsible for two civilian deaths in the town.", [("killed", 2)]),
    ("The hospital recorded 12 civilian fatalities on Monday.", [("killed", 12)]),
    ("Five civilians were killed and the deaths were mourned.", [("killed", 5)]),
])
def test_deaths_described_by_a_person_noun(body, expected):
    assert figs(body) == expected
