"""Speakers as other outlets attribute them (issue 14, class 3). Sentences written for these tests."""

import pytest

from annotator.tagging.speakers import SpeakerTagger


def names(body: str) -> list[tuple[str, str]]:
    return [(s.attributes["name"], s.rule) for s in SpeakerTagger().tag(body)]


@pytest.mark.parametrize("body, expected", [
    ("The EU’s foreign policy chief Jane Doe said the talks must resume.", ["Jane Doe"]),
    ("Minister Karim Haddad thanked the donors for their support.", ["Karim Haddad"]),
    ("Karim Haddad congratulated the team on the agreement.", ["Karim Haddad"]),
    ("The Health Ministry voiced concern over the shelling.", ["Health Ministry"]),
    ("A source at the Hama police command told SANA that two shells hit the market.", ["Hama police command"]),
    ("The toll rose to 8, according to a source at the Police Command.", ["Police Command"]),
    ("SANA’s reporter said that the shells caused material damage.", ["SANA"]),
    ("An AFP photographer reported seeing bodies in the street.", ["AFP"]),
    ("The media office for the Syrian Democratic Forces said that 20 fighters died.", ["Syrian Democratic Forces"]),
    ("Dr. Samir Khalil of Aleppo University Hospital said the hospital received 12 wounded.", ["Samir Khalil"]),
    ("Sources with the White Helmets civil defence agency said on Sunday that six died.", ["Syrian Civil Defence"]),
    ("Six civilians died, according to Idlib civil defense sources.", ["Syrian Civil Defence"]),
    ("The YPG command in Afrin said in a statement that four fighters died.", ["YPG"]),
    ("The Martyrs Documentation Office in Daraa has documented the killing of 9 men.", ["Martyrs Documentation Office"]),
    ("The deaths were documented by the Syrian Network for Human Rights.", ["Syrian Network for Human Rights"]),
    ("The attack was described by the Health Ministry as a massacre.", ["Health Ministry"]),
    ("UNHCR: 40,000 have fled the fighting in a week", ["UN High Commissioner for Refugees"]),
    ("The London-based Syrian Observatory for Human Rights said 12 people died.", ["Syrian Observatory for Human Rights"]),
    ("Education administrator Şervan Hemû has stated that 4,200 pupils cannot attend school.", ["Şervan Hemû"]),
])
def test_attributed_speakers(body, expected):
    assert [n for n, _ in names(body)] == expected


def test_rules_are_named():
    assert names("The deaths were documented by the Syrian Network for Human Rights.")[0][1] == "speaker.passive"
    assert names("UNHCR: 40,000 have fled the fighting in a week")[0][1] == "speaker.colon"
    assert names("SANA’s reporter said that the shells caused damage.")[0][1] == "speaker.attribution"


@pytest.mark.parametrize("body", [
    "Local sources in Douma said that 13 civilians died.",  # a place, not an organisation
    "Officials in the Health Ministry said the hospital was full.",  # unnamed officials
    "Idlib Province: 9 citizens died in the shelling.",  # a heading, not a speaker
    "Karim Haddad told Reuters that the hospital was hit.",  # the outlet listens
])
def test_not_speakers(body):
    got = [n for n, _ in names(body)]
    assert "Douma" not in got and "Health Ministry" not in got and "Idlib Province" not in got and "Reuters" not in got


def test_short_name_is_the_full_name_given_earlier():
    body = "Karim Haddad, a nurse, told Reuters that the hospital was hit. Haddad added that 3 nurses died."
    assert [n for n, _ in names(body)] == ["Karim Haddad", "Karim Haddad"]
