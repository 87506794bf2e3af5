"""Speakers: who is reported as saying something, with canonical names, roles and quotes."""

from __future__ import annotations

from annotator.tagging.speakers import SpeakerTagger


def speakers(body: str, tagger: SpeakerTagger | None = None) -> list[tuple[str, str]]:
    return [(s.text, s.attributes["name"]) for s in (tagger or SpeakerTagger()).tag(body)]


def test_title_before_name_then_surname_resolves_in_the_item():
    body = ("Secretary-General of the Syrian Coalition Nazir Hakim warned that international inaction risks creating "
            "security threats. The OPCW made two mistakes, Hakim said; the first was failing to ascertain the quantity "
            "of chemical weapons. He added that medics have repeatedly been caught unprepared.")
    got = SpeakerTagger().tag(body)
    assert [(s.text, s.attributes["name"]) for s in got] == [
        ("Nazir Hakim", "Nazir Hakim"), ("Hakim", "Nazir Hakim"), ("He", "Nazir Hakim")]
    first = got[0].attributes
    assert (first["role"], first["organisation"]) == ("Secretary-General", "Syrian Coalition")
    assert first["quote"].startswith("international inaction risks")
    assert got[1].attributes["quote"] == "The OPCW made two mistakes"
    assert got[1].rule == "speaker.verb-subject" and got[2].rule == "speaker.pronoun"


def test_later_surname_uses_the_full_name_and_role_from_the_first_mention():
    body = ("President of the Syrian Coalition Riad Seif will meet with the UN special envoy to Syria Staffan de Mistura "
            "in Geneva on Thursday. Seif today said that the Syrian opposition is seeking a political transition.")
    [s] = SpeakerTagger().tag(body)
    assert (s.text, s.attributes["name"], s.attributes["role"], s.attributes["organisation"]) == (
        "Seif", "Riad Seif", "President", "Syrian Coalition")
    assert s.attributes["quote"] == "the Syrian opposition is seeking a political transition"


def test_known_names_resolve_across_items():
    tagger = SpeakerTagger(known_names=["Riad Seif", "Hadi al-Bahra"])
    assert speakers("Seif stressed the need for a ceasefire.", tagger) == [("Seif", "Riad Seif")]
    # a variant spelling of a known name maps to the known canonical form
    assert speakers("Hadi Bahra said that the talks failed.", tagger) == [("Hadi Bahra", "Hadi al-Bahra")]
    assert speakers("Seif stressed the need for a ceasefire.") == [("Seif", "Seif")]


def test_quotes_typographic_straight_and_inverted():
    body = ('"The Assad regime is afraid of engaging in Geneva negotiations," said member of the Coalition’s political '
            'committee Okab Yahya. Yahya, who is participating as an adviser, said that “Russia and Iran are aiding '
            'the crimes of the Assad regime.”')
    got = SpeakerTagger(known_names=["Syrian Coalition"]).tag(body)  # "the Coalition’s" = the known Syrian Coalition
    assert [(s.text, s.attributes["name"]) for s in got] == [("Okab Yahya", "Okab Yahya"), ("Yahya", "Okab Yahya")]
    assert got[0].attributes["quote"] == "The Assad regime is afraid of engaging in Geneva negotiations"
    assert got[0].attributes["role"] == "member of the political committee"
    assert got[0].attributes["organisation"] == "Syrian Coalition"
    assert got[0].rule == "speaker.after-quote"
    assert got[1].attributes["quote"] == "Russia and Iran are aiding the crimes of the Assad regime"


def test_organisations_and_states_as_subjects():
    body = ("The US State Department on Tuesday said it had evidence of a crematorium. Deir Ezzor provincial council "
            "called on the United Nations to protect civilians as it stressed the need to spare them. In a statement "
            "released on Sunday, the council said that more than 120,000 people were displaced. Russia denied the "
            "reports. The Syrian Network for Human Rights (SNHR) said in a report that the toll rose.")
    assert speakers(body) == [
        ("US State Department", "US State Department"), ("Deir Ezzor provincial council", "Deir Ezzor provincial council"),
        ("it", "Deir Ezzor provincial council"), ("council", "Deir Ezzor provincial council"), ("Russia", "Russia"),
        ("Syrian Network for Human Rights", "Syrian Network for Human Rights")]


def test_the_coalition_is_the_syrian_coalition():
    body = "The Syrian Coalition condemned the attacks. The Coalition said that the perpetrators must be held accountable."
    assert speakers(body) == [("Syrian Coalition", "Syrian Coalition"), ("Coalition", "Syrian Coalition")]


def test_for_his_part_and_role_references():
    body = ("President of the Syrian Coalition Riad Seif on Tuesday met with the UK Special Representative for Syria "
            "Martin Longden. Seif stressed the important role of the United Kingdom. For his part, the British envoy "
            "reaffirmed his country's continued support for the Syrian opposition. Longden expressed regret for the "
            "daily massacres.")
    got = SpeakerTagger().tag(body)
    assert [(s.text, s.attributes["name"], s.rule) for s in got] == [
        ("Seif", "Riad Seif", "speaker.verb-subject"), ("British envoy", "Martin Longden", "speaker.for-part"),
        ("Longden", "Martin Longden", "speaker.verb-subject")]


def test_appositive_roles_and_according_to():
    body = ("Ahmed Ghazal, head of the political bureau in the local council in the town of Dumair, said that the area "
            "is besieged. More than 3,000 people fled, according to the Syrian Observatory for Human Rights.")
    got = SpeakerTagger().tag(body)
    assert [(s.text, s.attributes["name"]) for s in got] == [
        ("Ahmed Ghazal", "Ahmed Ghazal"), ("Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights")]
    assert got[0].attributes["role"].startswith("head of the political bureau")
    assert got[1].rule == "speaker.according-to"
    assert got[1].attributes["quote"].startswith("More than 3,000 people fled")


def test_no_speaker_for_meetings_visits_or_unnamed_groups():
    body = ("Syrian activists on Wednesday held a sit-in outside the United Nations headquarters in Geneva. Participants "
            "called for the release of detainees. They also called for access for humanitarian organizations. "
            "President of the Syrian Coalition Riad Seif met with the French special envoy to Syria, Franck Gellet. "
            "The two sides stressed the need to restart the political process. Officials in the Syrian Coalition said "
            "that Russia dominates the regime. Activists in rural Deir Ezzor said that 10 civilians were killed. "
            "Eyewitness reports confirmed that civilians were targeted. A delegation visited Gaziantep on Tuesday. "
            "The memoranda highlighted the crimes.")
    assert speakers(body) == []


def test_learned_alias_found_elsewhere():
    tagger = SpeakerTagger(aliases={"jaish al-islam": "Army of Islam (Jaish al-Islam)"})
    got = tagger.tag("Jaish al-Islam denied the accusations, saying its fighters were not in the area.")
    assert [(s.text, s.attributes["name"]) for s in got] == [("Jaish al-Islam", "Army of Islam (Jaish al-Islam)")]
    # a learned surface form in a sentence that reports no speech is not a speaker
    assert tagger.tag("Fighters of Jaish al-Islam withdrew from the town.") == []


def test_offsets_point_at_the_text():
    body = "“Partial solutions cannot last,” Bahra stressed. For his part, Hadi al-Bahra said that talks must go on."
    for s in SpeakerTagger().tag(body):
        assert body[s.start:s.end] == s.text


def test_article_prefixed_organisations_and_more_verbs():
    body = ("Jaish al-Islam spokesman Hamza Bayraqdar said negotiations had collapsed. Secretary-General of the Syrian "
            "Coalition Nazir Hakim met a delegation. Hakim briefed the delegation on the camps. The Syrian Network for "
            "Human Rights documented the death of 1,700 civilians.")
    got = SpeakerTagger().tag(body)
    assert [(s.text, s.attributes["name"]) for s in got] == [
        ("Hamza Bayraqdar", "Hamza Bayraqdar"), ("Hakim", "Nazir Hakim"),
        ("Syrian Network for Human Rights", "Syrian Network for Human Rights")]
    assert (got[0].attributes["role"], got[0].attributes["organisation"]) == ("spokesman", "Jaish al-Islam")
