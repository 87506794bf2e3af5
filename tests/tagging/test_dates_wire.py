"""Dates of a weekend and wire style month abbreviations (issue 14). Sentences written for these tests."""

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


def test_wire_style_month_abbreviations_beside_a_day():
    def first(text, day):
        found = find_dates(text, day)
        return [(m.text, m.value.isoformat() if m.value else None) for m in found]
    assert first("The jets hit the town on Aug. 28, medics said.", "2019-08-29") == [("on Aug. 28", "2019-08-28")]
    assert first("Eight were killed Wednesday, Mar.18, in the village.", "2020-03-18")[-1] == ("Mar.18", "2020-03-18")
    assert first("The raid on 28 Sept 2019 killed four.", "2020-01-02") == [("on 28 Sept 2019", "2019-09-28")]


def test_abbreviations_that_are_no_date():
    assert find_dates("Jan Egeland visited the Mar Elias church.", "2019-08-29") == []
    # without a year and weeks back, wire copy as often means an earlier year: left unread
    assert find_dates("Since the deal on Sept. 17, 9,000 people fled.", "2019-10-09") == []


def test_a_figure_dated_by_an_abbreviated_day():
    found = tag_item("Five children were among the dead when jets hit the town on Aug. 28.", "2019-08-29", "casualty")
    assert found[0].attributes["event_date"] == "2019-08-28"


def _period(text: str, day: str, rule: str | None = None) -> list[tuple[str, str, str]]:
    return [(m.text, (m.value or m.first).isoformat(), (m.value or m.last).isoformat())
            for m in find_dates(text, day) if rule is None or m.rule == rule]


def test_two_days_of_one_month_are_one_period():
    assert _period("Troops attacked the town on April 3 and 4.", "2012-05-02") == [
        ("on April 3 and 4", "2012-04-03", "2012-04-04")]
    assert _period("Refugees were killed between September 23 and 30, in the south.", "2024-10-01") == [
        ("September 23 and 30", "2024-09-23", "2024-09-30")]


def test_a_day_then_a_count_is_no_period():
    assert _period("On May 5 and 12 civilians died in the raids.", "2019-06-01")[0][1:] == ("2019-05-05", "2019-05-05")


def test_parts_of_a_year():
    assert _period("The group counted 500 deaths in the first half of 2022.", "2022-07-02", "date.part-of-year") == [
        ("in the first half of 2022", "2022-01-01", "2022-06-30")]
    assert _period("Bombs fell in the first five months of 2015, the group said.", "2015-06-10", "date.part-of-year") == [
        ("in the first five months of 2015", "2015-01-01", "2015-05-31")]


def test_a_year_in_a_since_clause_runs_to_the_item_date():
    assert _period("The war has killed 300,000 people since it started in 2011.", "2020-12-31") == [
        ("in 2011", "2011-01-01", "2020-12-31")]


def test_a_date_in_a_relative_clause_of_state_dates_no_figure():
    body = ("At least 30 soldiers were killed, mostly from a brigade which has a strong presence in the province "
            "since the militants were ousted at the end of 2017.")
    a = tag_item(body, "2020-12-31", "casualty")[0].attributes
    assert a.get("event_date") is None and a.get("event_date_start") is None
