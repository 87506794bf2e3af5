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
