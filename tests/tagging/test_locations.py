"""Location suggestions on sentences of the genre: variants, ambiguity, organisation and event
names, province and precision cues, countries as places or actors, learned aliases, offsets."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.tagging.base import Suggestion
from annotator.tagging.gazetteer import canonical_name, index, lookup
from annotator.tagging.locations import LocationTagger

ATTRIBUTES = {"name", "geonameid", "lat", "lon", "country", "admin1", "feature", "precision"}


@pytest.fixture(scope="module")
def tagger() -> LocationTagger:
    return LocationTagger()


def tags(tagger: LocationTagger, body: str) -> list[Suggestion]:
    out = tagger.tag(body)
    for s in out:
        assert s.kind == "location"
        assert 0 <= s.start < s.end <= len(body) and body[s.start:s.end] == s.text
        assert set(s.attributes) == ATTRIBUTES
        assert 0 < s.confidence < 1 and s.rule
    return out


def by_text(tagger: LocationTagger, body: str) -> dict[str, dict]:
    return {s.text: {**s.attributes, "rule": s.rule, "confidence": s.confidence} for s in tags(tagger, body)}


def names(tagger: LocationTagger, body: str) -> list[str]:
    return [s.attributes["name"] for s in tags(tagger, body)]


# ---------------------------------------------------------------- spelling variants
@pytest.mark.parametrize("body, name", [
    ("Regime shelling hit Deir ez-Zor on Monday.", "Deir Ezzor"),
    ("Regime shelling hit Dayr az Zawr on Monday.", "Deir Ezzor"),
    ("Protesters gathered in Dara'a and chanted.", "Daraa"),
    ("Protesters gathered in Deraa and chanted.", "Daraa"),
    ("Protesters gathered in Dar‘a and chanted.", "Daraa"),
    ("The sarin attack on Khan Shaykhun killed dozens.", "Khan Sheikhoun"),
    ("Displaced families reached Idleb on foot.", "Idlib"),
    ("Coalition jets struck Ar-Raqqah overnight.", "Raqqa"),
    ("Barrel bombs fell on Duma again.", "Douma"),
    ("He spent four years in Saydnaya Prison before his release.", "Sednaya Prison"),
    ("Russian jets bombed Al-Asharah at dawn.", "Alashara"),
    ("Hezbollah fighters advanced in the Qalamun mountains.", "Qalamoun"),
    ("Residents of Ma'arrat al-Nu'man fled north.", "Maarat al-Numan"),
    ("Turkish troops shelled Kobane and Ras al-Ayn.", "Kobani"),
    ("The Tabqa airbase fell to ISIS in August.", "Tabqa Airbase"),
])
def test_spelling_variants_resolve_to_one_place(tagger, body, name):
    assert name in names(tagger, body)


def test_span_keeps_article_and_whole_name(tagger):
    found = by_text(tagger, "Turkish-backed factions entered al-Bab and Jisr al-Shughour, and the Euphrates River rose.")
    assert found["al-Bab"]["name"] == "al-Bab"
    assert found["Jisr al-Shughour"]["name"] == "Jisr al-Shughur"
    assert found["Euphrates River"]["feature"] == "river"
    assert by_text(tagger, "Aid convoys entered eastern Ghouta.")["eastern Ghouta"]["name"] == "Eastern Ghouta"


def test_gazetteer_attributes_come_from_geonames(tagger):
    raqqa = by_text(tagger, "Clashes in Raqqa continued.")["Raqqa"]
    assert raqqa["geonameid"] == 172955 and raqqa["country"] == "SY" and raqqa["admin1"] == "04"
    assert raqqa["feature"] == "city" and raqqa["precision"] == 1 and raqqa["rule"] == "gaz:syria"
    assert abs(raqqa["lat"] - 35.95) < 0.01 and abs(raqqa["lon"] - 39.01) < 0.01


# ---------------------------------------------------------------- ambiguity
def test_syrian_places_win_ambiguous_names(tagger):
    found = by_text(tagger, "Shelling of Hama and Homs continued while talks in Tripoli stalled.")
    assert found["Hama"]["country"] == found["Homs"]["country"] == "SY"
    assert found["Homs"]["geonameid"] == 169577  # not Al Khums in Libya
    assert found["Tripoli"]["country"] == "LB"  # a neighbour before a far capital


def test_exact_spelling_beats_a_folded_collision(tagger):
    found = by_text(tagger, "He flew from Haifa to China, then visited Haffah in Lattakia.")
    assert found["Haifa"]["country"] == "IL"
    assert found["China"]["feature"] == "country"
    assert found["Haffah"]["country"] == "SY"
    assert found["Haifa"]["confidence"] < 0.9  # another place shares the key


def test_lookup_and_canonical_name():
    assert lookup("Dayr az-Zawr").name == "Deir Ezzor"  # type: ignore[union-attr]
    assert canonical_name("Hamouriyeh") == canonical_name("Hamouria") == "Hamouriyah"
    assert canonical_name("Nowhere  Town") == "Nowhere Town"
    assert lookup("Sinjar").country == "IQ"  # type: ignore[union-attr]  # Iraq's, not the Idlib village


# ---------------------------------------------------------------- organisations and events
@pytest.mark.parametrize("body", [
    "The opposition delegation to the Geneva talks arrived on Monday.",
    "The regime is afraid of engaging in Geneva negotiations, he said.",
    "They called for implementing the Geneva Communique of 2012.",
    "Delegates prepared for the Geneva II conference.",
    "The so-called Manbij Military Council controls the area.",
    "Deir Ezzor provincial council called on the United Nations to act.",
    "The Astana talks ended without agreement.",
    "The Local Council of Douma distributed bread.",
    "The Friends of Syria group met again.",
    "The Islamic State of Iraq and Syria claimed the attack.",
    "Russia-backed forces and US-led jets traded accusations.",
    "He attended the Riyadh opposition conference.",
    "The records of Raqqa’s City Council were moved.",
    "The Idlib Health Directorate said hospitals were full.",
])
def test_place_words_inside_names_are_not_locations(tagger, body):
    assert names(tagger, body) == []


def test_adjectives_and_organisations_are_not_places(tagger):
    body = ("The Syrian Coalition said the Syrian Democratic Forces, the Free Syrian Army and Iranian-backed militias "
            "were accused, and warplanes of the Russian occupation forces struck again.")
    assert names(tagger, body) == []


def test_names_of_people_are_not_places(tagger):
    assert names(tagger, "Mohammed Jasim, a resident of Jasim, was arrested.") == ["Jasim"]
    assert names(tagger, "Haitham al-Maleh, head of the legal committee, said so.") == []
    assert names(tagger, "The Homs Governor Talal Barazi visited the school.") == []


def test_place_after_locative_in_event_sentence_is_kept(tagger):
    found = by_text(tagger, "A new round of talks in Geneva began while the Geneva talks stalled.")
    assert list(found) == ["Geneva"]
    assert len(tags(tagger, "A new round of talks in Geneva began while the Geneva talks stalled.")) == 1


# ---------------------------------------------------------------- province cues
@pytest.mark.parametrize("body, precision", [
    ("Airstrikes hit rural Idlib on Sunday.", 3),
    ("Airstrikes hit Idlib province on Sunday.", 3),
    ("Airstrikes hit the province of Idlib on Sunday.", 3),
    ("Airstrikes hit the countryside of Idlib on Sunday.", 3),
    ("Airstrikes hit the Idlib countryside on Sunday.", 3),
    ("Airstrikes hit Idlib's countryside on Sunday.", 3),
    ("Airstrikes hit southern rural Idlib on Sunday.", 2),
    ("Airstrikes hit the southern countryside of Idlib on Sunday.", 2),
    ("Airstrikes hit Idlib’s southern countryside on Sunday.", 2),
    ("Airstrikes hit southern Idlib on Sunday.", 2),
])
def test_governorate_with_a_cue_is_the_province(tagger, body, precision):
    found = by_text(tagger, body)["Idlib"]
    assert (found["name"], found["feature"], found["precision"]) == ("Idlib Governorate", "province", precision)
    assert found["admin1"] == "12" and ("cue:province" in found["rule"] or "cue:part" in found["rule"])


def test_city_cue_keeps_the_city(tagger):
    found = tags(tagger, "Records in the city of Raqqa and in the province of Raqqa are at risk.")
    assert [(s.attributes["name"], s.attributes["feature"]) for s in found] == [
        ("Raqqa", "city"), ("Raqqa Governorate", "province")]
    assert found[0].rule == "gaz:syria+cue:city"


def test_province_cue_runs_along_a_list(tagger):
    found = names(tagger, "Shelling hit the provinces of Raqqa, Deir Ezzor and Hama, while Idlib and Aleppo "
                          "provinces received the displaced.")
    assert found == ["Raqqa Governorate", "Deir Ezzor Governorate", "Hama Governorate", "Idlib Governorate",
                     "Aleppo Governorate"]


def test_damascus_countryside_is_rif_dimashq(tagger):
    found = by_text(tagger, "Clashes erupted in the Damascus countryside and in Rif Dimashq province.")
    assert found["Damascus"]["name"] == found["Rif Dimashq"]["name"] == "Rif Dimashq Governorate"
    assert found["Damascus"]["admin1"] == "08"


def test_eastern_rural_hama_countryside(tagger):
    found = by_text(tagger, "A convoy of civilians trapped in eastern rural Hama countryside was attacked.")["Hama"]
    assert (found["name"], found["precision"]) == ("Hama Governorate", 2)


def test_province_cue_on_a_town_means_around_it(tagger):
    found = by_text(tagger, "Fighting spread to the Manbij countryside.")["Manbij"]
    assert (found["name"], found["feature"], found["precision"]) == ("Manbij", "city", 2)


# ---------------------------------------------------------------- precision 2
@pytest.mark.parametrize("body, text", [
    ("The massacre took place near the town of Alashara at dawn.", "Alashara"),
    ("The village lies 10 km southeast of Deir Ezzor on the river.", "Deir Ezzor"),
    ("Families camped on the outskirts of Saraqib for weeks.", "Saraqib"),
    ("Families camped on Saraqib's outskirts for weeks.", "Saraqib"),
    ("The road between Saraqib and Ariha was cut.", "Ariha"),
    ("Civilians fled toward the border near Atmeh and Sarmada.", "Sarmada"),
    ("Fighting continued in eastern Aleppo.", "Aleppo"),
])
def test_near_and_part_of_a_place_is_precision_2(tagger, body, text):
    found = by_text(tagger, body)[text]
    assert found["precision"] == 2
    assert found["feature"] in ("town", "city")


def test_region_and_river_precision(tagger):
    found = by_text(tagger, "Leaders in the town of Dumair in the Qalamoun area crossed the Euphrates.")
    assert found["Dumair"]["precision"] == 1 and found["Dumair"]["rule"] == "gaz:syria+cue:town"
    assert (found["Qalamoun"]["feature"], found["Qalamoun"]["precision"]) == ("region", 3)
    assert (found["Euphrates"]["feature"], found["Euphrates"]["precision"]) == ("river", 2)


# ---------------------------------------------------------------- countries: places and actors
def test_country_as_place_is_confident(tagger):
    found = by_text(tagger, "Refugees in Lebanon, Jordan and Turkey and detainees inside Syria suffer; "
                            "the sit-in outside the UN in Geneva, Switzerland went on.")
    for country in ("Lebanon", "Jordan", "Turkey", "Syria", "Switzerland"):
        assert found[country]["feature"] == "country"
        assert found[country]["confidence"] == 0.9 and "actor" not in found[country]["rule"], country


def test_country_as_actor_is_kept_with_low_confidence(tagger):
    found = tags(tagger, "Russia and Iran completely dominate the Assad regime, and Moscow has not provided evidence.")
    assert [s.attributes["name"] for s in found] == ["Russia", "Iran", "Moscow"]
    assert all(s.confidence == 0.6 and s.rule.endswith("+actor") for s in found)
    assert found[0].attributes["precision"] == 3 and found[0].attributes["geonameid"] == 2017370


def test_role_prepositions_do_not_make_a_place(tagger):
    found = by_text(tagger, "The UN envoy to Syria met the UK Special Representative in London.")
    assert found["Syria"]["confidence"] == 0.6
    assert found["London"]["confidence"] == 0.9
    assert found["UK"]["name"] == "United Kingdom"


def test_capital_cue_and_northern_syria(tagger):
    found = by_text(tagger, "A conference held in the Korean capital Seoul discussed refugees from northern Syria.")
    assert found["Seoul"]["country"] == "KR" and found["Seoul"]["confidence"] == 0.9
    assert found["Syria"]["confidence"] == 0.9
    assert "Korean" not in found


# ---------------------------------------------------------------- places the gazetteer lacks
def test_a_place_located_by_a_known_one_is_a_place(tagger):
    body = ("A car bomb went off in Tel Hadid, west of Aleppo, on Monday. Later a raid hit the crossing "
            "at al Khirba, 8 km southwest of Atareb. The blast in Saraqib, east of Idlib, was smaller.")
    got = [(s.text, s.rule) for s in tags(tagger, body)]
    assert ("Tel Hadid", "cue:located-by") in got and ("Aleppo", "gaz:syria+cue:near") in got
    assert ("al Khirba", "cue:located-by") in got
    assert [t for t, _ in got].count("Saraqib") == 1  # a gazetteer town stays the gazetteer's
    assert not any(r == "cue:located-by" for t, r in got if t != "Tel Hadid" and t != "al Khirba")
    plain = [(s.text, s.rule) for s in tags(tagger, "He said Monday, west of Aleppo, was calm.")]
    assert not any(r == "cue:located-by" for _, r in plain)  # no "in" / "at" / "near" before it


def test_unknown_places_after_town_cues(tagger):
    body = ("Militias stormed the village of Tel Jabin north of Aleppo. Tel Jabin had been shelled before, "
            "as had the villages of Umm Batna and Jabab.")
    found = tags(tagger, body)
    got = [(s.text, s.rule, s.attributes["feature"]) for s in found]
    assert ("Tel Jabin", "cue:place-of", "village") in got
    assert ("Tel Jabin", "cue:place-of+repeat", "village") in got
    assert ("Umm Batna", "cue:place-of", "village") in got and ("Jabab", "cue:place-of", "village") in got
    first = found[0]
    assert first.attributes["country"] == "SY" and first.attributes["admin1"] == "09"  # from "north of Aleppo"
    assert first.attributes["geonameid"] is None and first.confidence < 0.85


def test_unknown_places_named_before_their_noun(tagger):
    found = by_text(tagger, "Troops entered Syria's Idlib province through the Kafr Lusin crossing, while shells hit "
                            "the al-Joura neighbourhood and the Assyrian villages along the river.")
    assert found["Kafr Lusin crossing"]["feature"] == "facility" and found["Kafr Lusin crossing"]["country"] == "SY"
    assert found["al-Joura"]["feature"] == "town" and found["al-Joura"]["rule"] == "cue:place-noun"
    assert "Assyrian" not in found


def test_country_lists_with_the(tagger):
    found = by_text(tagger, "Syrian refugees in Germany, Sweden and the Netherlands demonstrated.")
    assert [found[c]["confidence"] for c in ("Germany", "Sweden", "Netherlands")] == [0.9, 0.9, 0.9]


# ---------------------------------------------------------------- learned aliases
def test_learned_surface_forms_are_found_elsewhere():
    learned = [
        {"kind": "location", "surface": "jabal shahshabo", "canonical": "Jabal Shahshabo",
         "attributes": {"name": "Jabal Shahshabo", "feature": "region", "lat": 35.55, "lon": 36.38, "country": "SY",
                        "admin1": "10", "precision": 3}},
        {"kind": "location", "surface": "ariha", "canonical": "Ariha (Idlib)",
         "attributes": json.dumps({"name": "Ariha (Idlib)", "geonameid": 172994})},
    ]
    tagger = LocationTagger(learned=learned)
    found = by_text(tagger, "Jets struck Jabal Shahshabo and Jabal al-Shahshabo, then Ariha.")
    assert found["Jabal Shahshabo"]["name"] == "Jabal Shahshabo" and found["Jabal Shahshabo"]["rule"] == "gaz:learned"
    assert found["Jabal Shahshabo"]["feature"] == "region" and found["Jabal Shahshabo"]["precision"] == 3
    assert found["Jabal al-Shahshabo"]["name"] == "Jabal Shahshabo"  # a variant of the learned form
    assert found["Ariha"]["name"] == "Ariha (Idlib)" and found["Ariha"]["feature"] == "town"
    assert found["Ariha"]["confidence"] == 0.9
    assert names(LocationTagger(), "Jets struck Jabal Shahshabo.") == []  # not without the alias


def test_learned_aliases_from_the_store(empty_db):
    from annotator.services.learning import learn_from_annotation
    from annotator.store.aliases import all_aliases

    learn_from_annotation(empty_db, {"kind": "location", "text": "Kafr Oweid",
                                     "attributes": {"name": "Kafr Oweid", "feature": "village", "country": "SY"}},
                          analyst="tester")
    tagger = LocationTagger(learned=all_aliases(empty_db, "location"))
    found = by_text(tagger, "Shelling on Kafr  Oweid killed two.")
    assert found["Kafr  Oweid"]["name"] == "Kafr Oweid" and found["Kafr  Oweid"]["rule"] == "gaz:learned"


# ---------------------------------------------------------------- seeds
def seed_items():
    from annotator.ingest import parse_bytes
    from tests.conftest import SEED_FILES

    return [it.body for f in SEED_FILES for it in parse_bytes(f.read_bytes(), f.name).page.items]


def test_seed_pages(tagger):
    found = [sorted({s.attributes["name"] for s in tags(tagger, body)}) for body in seed_items()]
    assert found[0] == ["Geneva", "Sednaya Prison", "Switzerland", "Syria"]
    assert found[1] == ["Asia", "Khan Sheikhoun", "Pacific", "Seoul", "Syria"]
    assert found[3] == ["Geneva", "Iran", "Russia", "Syria"]
    assert found[4] == ["Raqqa", "Raqqa Governorate"]
    assert found[5] == ["Deir Ezzor Governorate", "Raqqa Governorate", "Syria", "United Kingdom"]
    assert found[9] == ["Alashara", "Deir Ezzor", "Deir Ezzor Governorate", "Euphrates River", "Hama Governorate", "Syria"]
    assert found[10] == ["Dumair", "Iran", "Moscow", "Qalamoun", "Russia", "Syria"]
    assert {"Buqras Fokani", "Albu Leil", "Deir Ezzor Governorate"} <= set(found[11])


# ---------------------------------------------------------------- bad input
NOISE = ["\u200f", "\u200e", "\u202b", "\u200d", "\u200c", "\ufeff", "\u00a0", "سوريا", "دير الزور", "‘", "’", "'",
         "-", "al-", "Al ", "ez-", "the town of", "rural", "near", "province", "’s", ",", ".", "\n"]
PLACES = ["Deir Ezzor", "Raqqa", "Geneva", "Syria", "Khan Sheikhoun", "Hama", "Eastern Ghouta", "Tel Jabin", "US"]
BODIES = st.lists(st.one_of(st.sampled_from(NOISE), st.sampled_from(PLACES), st.text(max_size=8)),
                  max_size=50).map(" ".join)


@settings(deadline=None)
@given(BODIES)
def test_random_text_never_crashes_and_offsets_are_valid(body):
    tags(LOCATION_TAGGER, body)


@settings(deadline=None)
@given(st.text(max_size=300))
def test_random_unicode_never_crashes(body):
    tags(LOCATION_TAGGER, body)


LOCATION_TAGGER = LocationTagger()


def test_empty_and_huge_bodies(tagger):
    assert tagger.tag("") == []
    body = ("Shelling hit rural Idlib near Saraqib; talks in Geneva, Switzerland went on. " * 13_000)[:1_000_000]
    t0 = time.perf_counter()
    found = tags(tagger, body)
    assert len(found) > 40_000
    assert time.perf_counter() - t0 < 30


def test_index_is_built_once():
    assert index() is index()
    assert LocationTagger()._idx is LocationTagger()._idx


def test_a_month_abbreviation_a_dotted_compound_and_a_news_agency_are_no_places():
    from annotator.tagging.pipeline import tag_item
    body = "DAMASCUS, Jan. 8 (Xinhua) -- The U.S.-led coalition struck a depot, Agence France-Presse reported."
    names = [s.attributes.get("name") for s in tag_item(body, "2018-01-08", "location")]
    assert names == ["Damascus"]
    assert "United States" in [s.attributes.get("name") for s in tag_item("The U.S. said the raid hit a depot.", "2018-01-08", "location")]
