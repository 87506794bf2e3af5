"""Casualty figures in sentences of the genre, and the numbers that are not casualties."""

from __future__ import annotations

from annotator.tagging.base import Suggestion
from annotator.tagging.pipeline import tag_item


def figures(body: str, item_date: str = "2017-10-05") -> list[tuple]:
    return [(s.text, s.attributes["kind"], s.attributes["count_min"], s.attributes["count_max"], s.attributes["qualifier"])
            for s in tag_item(body, item_date, "casualty")]


def test_at_least_with_victims_date_and_perpetrator():
    body = ("In a press release issued on Wednesday, the Coalition said that warplanes of the Russian occupation forces "
            "on Wednesday committed a horrific massacre near the town of Alashara southeast of Deir Ezzor claiming the "
            "lives of at least 50 civilians, mostly women and children.")
    [s] = tag_item(body, "2017-10-05", "casualty")
    assert s.text == "at least 50 civilians"
    a = s.attributes
    assert (a["kind"], a["count_min"], a["count_max"], a["qualifier"], a["approximate"]) == ("killed", 50, None, "at_least", False)
    assert a["victims"] == "civilians"
    assert a["event_date"] == "2017-10-04"  # the massacre's date, not the press release's
    assert a["perpetrator"] == "warplanes of the Russian occupation forces"


def test_killing_and_injuring_gives_two_figures():
    body = ("This massacre comes only a few days after militias of the Assad regime opened fire on a convoy of civilians, "
            "killing 80 civilians, including women and children, and injuring dozens more.")
    assert figures(body) == [("80 civilians", "killed", 80, 80, "exact"), ("dozens", "injured", None, None, "vague")]
    dozens = tag_item(body, "2017-10-05", "casualty")[1]
    assert dozens.attributes["victims"] == "civilians"  # "dozens more" of the same people
    assert dozens.attributes["perpetrator"] == "militias of the Assad regime"


def test_passive_verbs_after_the_people():
    body = ("Activists in rural Deir Ezzor said that 10 civilians were killed and dozens more injured, including "
            "children, as a result of airstrikes by the international coalition on the town of Buqras Fokani the early "
            "morning hours of Monday.")
    got = tag_item(body, "2017-10-02", "casualty")
    assert [(s.attributes["kind"], s.attributes["count_min"]) for s in got] == [("killed", 10), ("injured", None)]
    assert got[0].attributes["event_date"] == "2017-10-02"
    assert got[0].attributes["perpetrator"] == "international coalition"


def test_vague_amounts_keep_the_word():
    body = ("Rights groups have documented the detention of hundreds of thousands of civilians and dissidents by the "
            "Assad regime and presented compelling evidence of the death of thousands of detainees under torture.")
    assert figures(body) == [("hundreds of thousands of civilians", "detained", None, None, "vague"),
                             ("thousands of detainees", "killed", None, None, "vague")]


def test_more_than_is_approximate_with_a_period():
    body = ("In a statement released on Sunday, the council said that the attacks have led to the displacement of more "
            "than 120,000 people in recent weeks.")
    [s] = tag_item(body, "2017-10-02", "casualty")
    a = s.attributes
    assert (a["kind"], a["count_min"], a["qualifier"], a["approximate"]) == ("displaced", 120000, "more_than", True)
    assert (a["event_date"], a["event_date_start"], a["event_date_end"]) == (None, "2017-09-04", "2017-10-02")


def test_not_casualties():
    body = ("A forensic photographer leaked around 55,000 photos. Similar attacks targeted the town, destroying more than "
            "20 houses. Chemical weapons account for one percent of the total death toll, while conventional weapons "
            "are responsible for 99 percent. They stressed UN Security Council resolution 2254. The regime dropped 24 "
            "barrel bombs and more than 120 rockets on the Geneva Communique of 2012. Some 400,000 besieged civilians "
            "lack food. The two sides discussed five hospitals.")
    assert figures(body) == []


def test_bodies_number_words_and_breakdowns():
    body = ("He leaked photos of the bodies of around 11,000 detainees. At least 82 civilians, including 11 women and "
            "13 children, were executed on Monday. Twenty-three members of one family were killed when warplanes bombed "
            "the village. Five civilians, among them two children, were killed.")
    assert figures(body, "2016-12-14") == [
        ("around 11,000 detainees", "killed", 11000, 11000, "about"),
        ("At least 82 civilians", "killed", 82, None, "at_least"),
        ("11 women", "killed", 11, 11, "exact"), ("13 children", "killed", 13, 13, "exact"),
        ("Twenty-three members of one family", "killed", 23, 23, "exact"),
        ("Five civilians", "killed", 5, 5, "exact"), ("two children", "killed", 2, 2, "exact"),
    ]


def test_detentions_missing_and_single_victims():
    body = ("Regime forces arrested 35 young men at checkpoints. At least 500 men are missing after crossing into "
            "government-held areas. The bombing hit two hospitals, killing a nurse and wounding four medics. "
            "The regime is still holding more than 200,000 detainees. Nearly 50 people were arbitrarily arrested.")
    assert figures(body) == [
        ("35 young men", "detained", 35, 35, "exact"), ("At least 500 men", "missing", 500, None, "at_least"),
        ("a nurse", "killed", 1, 1, "exact"), ("four medics", "injured", 4, 4, "exact"),
        ("more than 200,000 detainees", "detained", 200000, None, "more_than"),
        ("Nearly 50 people", "detained", None, 50, "nearly"),
    ]
    victims = [s.attributes["victims"] for s in tag_item(body, "2017-10-05", "casualty")]
    assert victims[0] == "young men" and victims[2] == "medical workers"


def test_death_toll_rose_to():
    body = "The Syrian Network for Human Rights said that the death toll since Sunday had risen to 346."
    [s] = tag_item(body, "2018-02-22", "casualty")
    assert (s.text, s.attributes["kind"], s.attributes["count_min"]) == ("346", "killed", 346)
    assert (s.attributes["event_date_start"], s.attributes["event_date_end"]) == ("2018-02-18", "2018-02-22")


def test_location_is_the_most_specific_place_in_the_sentence():
    from annotator.tagging.casualties import CasualtyTagger

    body = "Warplanes committed a massacre near the town of Alashara southeast of Deir Ezzor, killing 50 civilians."
    locations = [
        Suggestion("location", body.index("Alashara"), body.index("Alashara") + 8, "Alashara",
                   {"name": "Alashara", "feature": "town"}),
        Suggestion("location", body.index("Deir Ezzor"), body.index("Deir Ezzor") + 10, "Deir Ezzor",
                   {"name": "Deir ez-Zor", "feature": "city"}),
    ]
    [s] = CasualtyTagger().tag(body, locations=locations)
    assert s.attributes["location"] == "Alashara"


def test_missing_and_chemical_attack_wording():
    body = ("The committee said most detainees were taken to Harasta, while the fate of 86 others remains unknown. "
            "SNHR said 7,894 people remain forcibly disappeared. More than 500 others suffered breathing difficulties "
            "after the attack. The rebels repelled the assault, killing dozens of attackers.")
    assert figures(body) == [("86 others", "missing", 86, 86, "exact"), ("7,894 people", "missing", 7894, 7894, "exact"),
                             ("More than 500 others", "injured", 500, None, "more_than"),
                             ("dozens of attackers", "killed", None, None, "vague")]
