"""Event dates resolved against the item date (issue 3 rules and the conventions in dates.py)."""

from __future__ import annotations

from annotator.tagging.dates import find_dates


def resolved(body: str, item_date: str) -> list[tuple[str, str]]:
    out = []
    for m in find_dates(body, item_date):
        a = m.attributes()
        out.append((m.text, a.get("value") or f"{a['start']}..{a['end']}"))
    return out


def test_weekday_before_the_item_date():
    # 2017-10-05 is a Thursday: "on Wednesday" is the day before
    assert resolved("The Coalition said that warplanes on Wednesday committed a massacre.", "2017-10-05") == [
        ("on Wednesday", "2017-10-04")]


def test_same_weekday_is_the_item_day():
    assert resolved("Syrian activists on Wednesday held a sit-in in Geneva.", "2017-05-17") == [("on Wednesday", "2017-05-17")]


def test_future_weekday_after_will_or_expected():
    body = ("Riad Seif will meet with the UN special envoy at the UN headquarters in Geneva on Thursday. "
            "A new round of talks in Geneva began on Tuesday and is expected to last until Friday.")
    assert resolved(body, "2017-05-17") == [("on Thursday", "2017-05-18"), ("on Tuesday", "2017-05-16"),
                                            ("until Friday", "2017-05-19")]


def test_month_day_without_year_is_the_nearest():
    assert resolved("He cited the use of sarin in the April 4 attack on Khan Sheikhoun.", "2017-05-17") == [
        ("April 4", "2017-04-04")]
    assert resolved("The talks are due to begin on July 10.", "2017-06-06") == [("on July 10", "2017-07-10")]
    assert resolved("The siege began on December 20.", "2017-01-10") == [("on December 20", "2016-12-20")]


def test_periods():
    body = ("Airstrikes have claimed the lives of at least 150 civilians over the past week. The coalition has bombed "
            "ISIS since mid-2014. More than 120,000 people were displaced in recent weeks. Regime forces arrested "
            "35 young men last week. At least 17 civilians were killed in the past two days.")
    assert resolved(body, "2017-10-02") == [
        ("over the past week", "2017-09-25..2017-10-02"), ("since mid-2014", "2014-06-01..2017-10-02"),
        ("in recent weeks", "2017-09-04..2017-10-02"), ("last week", "2017-09-25..2017-10-01"),
        ("in the past two days", "2017-09-30..2017-10-02")]


def test_relative_days_months_and_years():
    body = ("Seif today said the talks failed. Shelling killed two yesterday. The report covers January. "
            "At least 512 people were arrested in January. Nearly half a million were killed since March 2011. "
            "A photographer defected in 2015. The council met earlier this month and will meet later this month.")
    assert resolved(body, "2018-02-19") == [
        ("today", "2018-02-19"), ("yesterday", "2018-02-18"), ("in January", "2018-01-01..2018-01-31"),
        ("since March 2011", "2011-03-01..2018-02-19"), ("in 2015", "2015-01-01..2015-12-31"),
        ("earlier this month", "2018-02-01..2018-02-19"), ("later this month", "2018-02-20..2018-02-28")]


def test_names_and_numbers_are_not_dates():
    body = ("They stressed the Geneva Communique of 2012 and UN Security Council resolution 2254. "
            "Hakim said one percent of deaths were caused by chemical weapons. May peace prevail.")
    assert resolved(body, "2017-10-10") == []


def test_statement_dates_are_flagged():
    body = ("In a statement released on Sunday, the council said that 10 civilians were killed on Saturday. "
            "The US State Department on Tuesday said it had evidence.")
    found = {(m.text, m.statement) for m in find_dates(body, "2017-10-02")}
    assert found == {("on Sunday", True), ("on Saturday", False), ("on Tuesday", True)}


def test_bad_item_date_gives_nothing():
    assert find_dates("on Monday", "not a date") == []
    assert find_dates("", "2017-10-02") == []


def test_impossible_day_is_skipped():
    assert resolved("The attack on 31 February killed two.", "2017-03-10") == []


def test_hours_round_up_to_days():
    assert resolved("Airstrikes killed at least 46 civilians in the past 48 hours.", "2018-06-28") == [
        ("in the past 48 hours", "2018-06-26..2018-06-28")]


def test_a_month_without_a_year_is_the_latest_one_begun_unless_the_clause_speaks_of_the_future():
    from annotator.tagging.pipeline import tag_item
    def value(body):
        return [s.attributes for s in tag_item(body, "2015-11-07", "date")]
    assert value("They were abducted in February.") == [{"start": "2015-02-01", "end": "2015-02-28"}]
    assert value("In December five people died.") == [{"start": "2014-12-01", "end": "2014-12-31"}]
    assert value("Talks will resume in January.") == [{"start": "2016-01-01", "end": "2016-01-31"}]
