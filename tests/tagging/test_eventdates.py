"""Event dates carried from the lead sentence to later figures of the same event (issue 14).
Sentences written for these tests."""

from annotator.tagging.pipeline import tag_item


def figures(body: str, item_date: str) -> dict[str, dict]:
    return {s.text: s.attributes for s in tag_item(body, item_date, "casualty")}


def dated(a: dict) -> tuple:
    return (a.get("event_date"), a.get("event_date_start"), a.get("event_date_end"))


def test_lead_date_reaches_later_figures_of_the_same_event():
    body = ("Jets struck a bakery in Kafr Nabl on Sunday. The strikes killed 11 civilians, including four "
            "children.\n\nRescuers said 20 others were wounded.")
    got = figures(body, "2019-03-05")  # a Tuesday
    for text in ("11 civilians", "four children", "20 others"):
        assert got[text]["event_date"] == "2019-03-03", text
        assert got[text]["event_date_from"] == "lead"


def test_a_figure_in_the_dated_sentence_starts_the_event():
    body = "Shelling killed 6 people in Douma on Friday. Another 12 people were injured, medics said."
    got = figures(body, "2018-02-10")
    assert got["6 people"]["event_date"] == "2018-02-09"
    assert got["12 people"]["event_date"] == "2018-02-09"


def test_no_carry_into_a_running_tally_or_another_time():
    body = ("Barrel bombs killed 9 civilians in Tafas on Monday. Since the campaign began, 300 people have died. "
            "A total of 40 people were injured so far.")
    got = figures(body, "2016-04-06")
    assert got["9 civilians"]["event_date"] == "2016-04-04"
    assert dated(got["300 people"]) == (None, None, None)
    assert dated(got["40 people"]) == (None, None, None)


def test_a_statement_date_is_not_the_event_date_and_ends_the_event():
    body = ("Jets hit a market in Ariha on Tuesday, killing 14 people. The monitor documented, yesterday, that "
            "eight fighters were killed. It also documented the killing of 5 men.")
    got = figures(body, "2019-07-25")  # a Thursday
    assert got["14 people"]["event_date"] == "2019-07-23"
    assert dated(got["eight fighters"]) == (None, None, None)
    assert dated(got["5 men"]) == (None, None, None)


def test_according_to_on_a_weekday_is_the_statement_date():
    body = "Two civilians were killed in Idlib, according to local sources on Wednesday."
    assert dated(figures(body, "2019-10-09")["Two civilians"]) == (None, None, None)


def test_no_date_before_any_dated_event():
    body = "Four children were killed in the attack. The strike hit the town on Monday."
    assert dated(figures(body, "2017-05-10")["Four children"]) == (None, None, None)


def test_a_meeting_date_is_no_event_for_later_figures():
    body = "The delegation met the envoy on Monday. 40 people were killed in the bombing."
    assert dated(figures(body, "2017-05-10")["40 people"]) == (None, None, None)


def test_headline_takes_the_date_of_the_same_figure_in_the_lead():
    body = ("Eight civilians injured in mortar attack on the old city\n\n"
            "Eight civilians were injured on Saturday when mortar shells hit the old city.")
    got = [s for s in tag_item(body, "2017-12-04", "casualty")]
    assert [dated(s.attributes) for s in got] == [("2017-12-02", None, None)] * 2
    assert got[0].attributes["event_date_from"] == "headline"


def test_a_date_after_an_ellipsis_or_a_besieged_since_is_not_the_figure_s():
    body = "After the death of 400 civilians in 2016… jets kill 11 civilians in the village"
    assert dated(figures(body, "2017-01-03")["11 civilians"]) == (None, None, None)
    body = "At least 3 people died in the town which is besieged since the end of March 2015, the monitor said."
    assert dated(figures(body, "2015-09-20")["At least 3 people"]) == (None, None, None)


def test_between_two_days_and_since_clause_are_periods():
    body = "The monitor recorded 4 attacks between 16 March and 20 March 2017, in which 85 people were killed."
    assert dated(figures(body, "2017-03-21")["85 people"]) == (None, "2017-03-16", "2017-03-20")
    body = "Since the bombardment began late on Sunday, about 190 people have been killed."
    assert dated(figures(body, "2018-02-20")["about 190 people"]) == (None, "2018-02-18", "2018-02-20")


def test_overnight_dates_figures_but_is_no_date_tag():
    body = "Nineteen civilians were killed in overnight airstrikes on the town."
    out = tag_item(body, "2017-11-08")
    assert [s.attributes["event_date"] for s in out if s.kind == "casualty"] == ["2017-11-08"]
    assert not [s for s in out if s.kind == "date"]


def test_a_state_today_is_not_the_event_s_date():
    body = ("On Friday April 11, 2014 a gas attack hit the town. It wounded around 200 people, killed two, and "
            "drove families to the camp where they remain today.")
    got = figures(body, "2014-07-15")
    assert got["around 200 people"]["event_date"] == "2014-04-11"


def test_since_a_day_to_a_day_is_one_period():
    body = "Since the campaign was launched on February 2 to May 6, 364 civilians have been killed."
    assert dated(figures(body, "2019-05-07")["364 civilians"]) == (None, "2019-02-02", "2019-05-06")


def test_a_population_takes_no_carried_date():
    body = ("Jets struck the town of Hass on Sunday, killing 4 people. The province is home to three million people, "
            "including 1.4 million displaced people.")
    got = figures(body, "2018-09-10")
    assert got["4 people"]["event_date"] == "2018-09-09"
    assert dated(got["1.4 million displaced"]) == (None, None, None)


def test_a_war_monitor_and_an_added_forecast_do_not_stop_the_lead_date():
    body = ("Jets struck a market in Sarmin on Sunday, killing 6 people. "
            "The Observatory, a London-based war monitor, said at least 9 people were killed in the strike, "
            "adding that the toll was expected to rise.")
    assert figures(body, "2017-10-09")["at least 9 people"]["event_date"] == "2017-10-08"


def test_the_war_tally_and_a_forecast_of_the_figure_itself_stay_undated():
    body = ("Jets struck a market in Sarmin on Sunday, killing 6 people. "
            "The war has killed 400,000 people. The toll is expected to reach 20 people.")
    got = figures(body, "2017-10-09")
    assert dated(got["400,000 people"]) == (None, None, None)


def test_an_added_noting_that_clause_has_its_own_time():
    body = ("Killings claimed the lives of 568 civilians in the first half of 2022, "
            "noting that 92 civilians were killed in June 2022.")
    got = figures(body, "2022-07-02")
    assert dated(got["568 civilians"]) == (None, "2022-01-01", "2022-06-30")
    assert dated(got["92 civilians"]) == (None, "2022-06-01", "2022-06-30")


def test_a_saying_that_clause_shares_the_time_of_its_statement():
    body = ("Drone strikes in 2022 totaled 62, the monitor noted, saying that these attacks left "
            "eleven civilians dead.")
    assert dated(figures(body, "2022-10-24")["eleven civilians"]) == (None, "2022-01-01", "2022-12-31")


# -- third round (issue 14): when unsure, no carried date ---------------------------------------

def test_a_sentence_naming_a_state_date_ends_the_event():
    body = ("A farmer was killed on Monday night when artillery hit the town of Tafas. The town has been the focus "
            "of heavy shelling in recent days. Medics said the shells killed one person and wounded two others.")
    got = figures(body, "2018-06-19")
    assert got["A farmer"]["event_date"] == "2018-06-18"
    assert dated(got["one person"]) == (None, None, None)
    assert dated(got["two others"]) == (None, None, None)


def test_a_new_paragraph_after_figures_of_two_times_carries_no_date():
    body = ("The monitor documented the deaths of 40 civilians in March 2023, including 9 children. It also said "
            "that 12 refugees were killed abroad between March 20 and 27.\n\n"
            "The report attributes the deaths of 15 civilians to government forces.")
    got = figures(body, "2023-04-01")
    assert got["40 civilians"]["event_date_start"] == "2023-03-01"
    assert got["12 refugees"]["event_date_start"] == "2023-03-20"
    assert dated(got["15 civilians"]) == (None, None, None)


def test_a_new_paragraph_after_figures_of_one_time_still_carries_it():
    body = "Jets struck Saraqib on Sunday, killing 7 civilians.\n\nRescuers said 15 others were wounded."
    got = figures(body, "2019-03-05")
    assert got["15 others"]["event_date"] == "2019-03-03"


def test_an_attack_of_another_day_ends_the_event_instead_of_replacing_it():
    body = ("On Wednesday, at least 4 fighters were killed when artillery hit the outskirts of Jandaris. "
            "“The village was shelled heavily last night,” a resident said. "
            "The command said 4 fighters lost their lives in the shelling.")
    got = figures(body, "2017-06-14")
    assert got["at least 4 fighters"]["event_date"] == "2017-06-14"
    assert dated(got["4 fighters"]) == (None, None, None)


def test_another_incident_or_a_state_takes_no_carried_date():
    body = ("Shelling killed 5 civilians in Harasta on Friday. Separately, police detained 20 people in a raid on "
            "the town of Qudsaya. Similar attacks hit the village of Misraba, injuring dozens. "
            "Rescuers said 3 people are still missing under the rubble.")
    got = figures(body, "2018-02-10")
    assert got["5 civilians"]["event_date"] == "2018-02-09"
    for text in ("20 people", "dozens", "3 people"):
        assert dated(got[text]) == (None, None, None), text


def test_a_date_carried_from_a_killing_never_dates_displacement_or_a_population():
    body = ("Jets struck Kafr Nabl on Sunday, killing 6 people. Hundreds of families fled towards the border. "
            "Dozens of bodies remain under the rubble.")
    got = figures(body, "2019-03-05")
    assert got["6 people"]["event_date"] == "2019-03-03"
    assert dated(got["Hundreds of families"]) == (None, None, None)
    assert dated(got["Dozens of bodies"]) == (None, None, None)


def test_a_day_after_since_starts_a_period_to_the_report_date():
    body = ("More than 9,000 people have fled their homes in the southern countryside of the province since the "
            "army and its allies launched an offensive on the area eight days ago, the agency said on Thursday.")
    got = figures(body, "2018-06-28")
    assert dated(got["More than 9,000 people"]) == (None, "2018-06-20", "2018-06-28")


def test_the_date_of_a_relative_clause_before_the_figure_is_not_its_date():
    body = ("A photographer who defected from the army in 2014 leaked pictures of the bodies of around 6,000 "
            "detainees.")
    got = figures(body, "2017-05-17")
    assert dated(got["around 6,000 detainees"]) == (None, None, None)


def test_a_figure_of_another_time_dates_no_figure_after_it():
    body = ("Shelling hit the market of Ariha on Wednesday, killing 12 people. The last time the town was hit this "
            "hard was in 2019, when raids killed 40 people. Rescuers said 20 people were injured in the market.")
    got = figures(body, "2021-10-21")  # a Thursday
    assert got["12 people"]["event_date"] == "2021-10-20"
    assert dated(got["40 people"]) == (None, "2019-01-01", "2019-12-31")
    assert dated(got["20 people"]) == (None, None, None)  # not carried from the 2019 raids

def test_a_statement_made_on_a_day_or_a_campaign_launched_on_it_is_no_event_date():
    body = ("The force arrested dozens of people during the campaign it first launched on 4 June 2020. "
            "It said it detained 90 persons, in a statement made on 10 June 2020.")
    got = figures(body, "2020-09-01")
    assert dated(got["dozens of people"]) == (None, None, None)
    assert dated(got["90 persons"]) == (None, None, None)


def test_since_it_started_in_a_year_still_dates_a_tally():
    got = figures("The war has killed more than 300,000 people since it started in 2011.", "2016-05-01")
    assert dated(got["more than 300,000 people"]) == (None, "2011-01-01", "2016-05-01")


def test_the_day_after_said_the_toll_from_is_the_events():
    body = ("Also Saturday, the monitor said the death toll from Thursday's raids on the town near the border "
            "has risen to 40.")
    got = figures(body, "2015-11-07")
    assert got["40"]["event_date"] == "2015-11-05"
