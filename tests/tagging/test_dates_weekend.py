"""Dates of a weekend (issue 14): "over the weekend", "last weekend". Sentences written for these tests."""

from annotator.tagging.dates import find_dates
from annotator.tagging.pipeline import tag_item


def span(text: str, day: str) -> tuple[str, str]:
    m = find_dates(text, day)[0]
    return (m.value or m.first).isoformat(), (m.value or m.last).isoformat()


def test_the_weekend_is_the_latest_saturday_and_sunday():
    assert span("Raids hit the town over the weekend.", "2018-04-10") == ("2018-04-07", "2018-04-08")  # a Tuesday
    assert span("Raids hit the town over the weekend.", "2018-04-08") == ("2018-04-07", "2018-04-08")  # a Sunday
    assert span("Raids hit the town last weekend.", "2018-04-07") == ("2018-03-31", "2018-04-01")  # a Saturday


def test_a_figure_of_the_weekend_takes_it_as_its_event_period():
    found = tag_item("Some 90 people were killed over the weekend in the attack.", "2018-04-09", "casualty")
    a = found[0].attributes
    assert (a["event_date_start"], a["event_date_end"]) == ("2018-04-07", "2018-04-08")
