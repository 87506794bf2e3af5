"""Speakers named through a reference (issue 14, third round): "the coalition" after "the US-led
coalition", a capitalised "the Coalition" in an item naming no other coalition, "a video from"
an organisation, and "He said" opening the sentence after the one person a report names. Every
sentence here is written for these tests."""

from annotator.tagging.pipeline import tag_item


def speakers(body: str) -> list[str]:
    return [s.attributes["name"] for s in tag_item(body, "2019-04-18", "speaker")]


def test_the_coalition_is_the_coalition_named_before():
    body = ("The US-led coalition carried out strikes on the city, the monitor said. "
            "The coalition has dismissed the report as inaccurate.")
    assert "US-led coalition" in speakers(body)


def test_a_capitalised_coalition_in_an_item_naming_no_other_is_the_syrian_coalition():
    body = "Regime forces shelled villages in rural Hama. The Coalition renews its condemnation of the attacks."
    assert speakers(body) == ["Syrian Coalition"]


def test_a_military_coalition_is_not_taken_for_the_syrian_coalition():
    body = "Coalition forces struck a depot near the river. The Coalition said the strikes were accurate."
    assert "Syrian Coalition" not in speakers(body)


def test_a_video_from_an_organisation():
    body = ("Bodies lay in the street, according to a video from the Britain-based Syrian Observatory for "
            "Human Rights, which monitors the war.")
    assert speakers(body) == ["Syrian Observatory for Human Rights"]


def test_he_said_after_the_one_person_named_before():
    body = ("Monitor head Samir Haddad could not immediately confirm the toll. "
            "He said the strikes hit warehouses near the airport.")
    assert speakers(body) == ["Samir Haddad"]


def test_he_said_after_two_people_or_a_place_names_nobody():
    assert speakers("Police met Ahmad Saleh and Omar Haddad in Idlib. He said the talks went well.") == []
    body = "Residents fled the market in Maarat al-Numan. He said the shelling went on all night."
    assert speakers(body) == []


def test_nobody_is_a_speaker():
    assert speakers("No party claimed responsibility for the blast near the depot.") == []


def test_the_ngo_is_the_organisation_named_before():
    body = ("The Syrian Observatory for Human Rights said 13 people died. According to the NGO, this was the "
            "deadliest attack of the year.")
    assert speakers(body) == ["Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"]
    assert speakers("According to the NGO, the attack was the deadliest this year.") == []


def test_a_named_monitor_a_state_ministry_quoted_as_saying_and_is_accusing():
    assert speakers("The Britain-based Syrian Observatory for Human Rights monitor said 17 people were hurt.") == [
        "Syrian Observatory for Human Rights"]
    assert speakers("Four soldiers were killed, the Turkish defense ministry confirmed.") == ["Turkish defense ministry"]
    assert speakers("SANA news agency quoted a military source as saying the bus was hit at noon.") == ["SANA"]
    body = "The Levant Liberation Committee (LLC) holds the town. The LLC is accusing a rival group of backing down."
    assert speakers(body) == ["Levant Liberation Committee"]
    assert speakers("The British-based monitor said 17 people were hurt.") == []


def test_a_statement_byline():
    body = ("Statement on attacks on schools\n\nFrom Jane Doe, UNICEF Regional Director for the region\n\n"
            "20 October 2021 – “Four children were killed on their way to school this morning.”")
    assert speakers(body) == ["Jane Doe"]


def test_he_after_a_name_in_a_possessive_or_far_into_the_sentence_is_nobody():
    body = ("Similarly, in the port city, police backed by a heavy presence arrested a lawyer over his post about "
            "Omar Haddad's wife. He accused the heads of the services of acting as her servants.")
    assert speakers(body) == []
