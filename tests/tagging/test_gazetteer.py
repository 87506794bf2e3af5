"""The curated Syrian gazetteer and the world selection: complete, valid, never invented."""

from __future__ import annotations

import pytest

from annotator.tagging import gazetteer_tools
from annotator.tagging.gazetteer import index, lookup

# The places English-language news about Syria names most (and the issue lists).
NEWS_PLACES = """Eastern Ghouta|Western Ghouta|Qalamoun|Jazira|Hauran|Afrin|Manbij|Kobani|Ain al-Arab|Tal Abyad|Ras al-Ain|
Jarablus|al-Bab|Azaz|Khan Sheikhoun|Maarat al-Numan|Saraqib|Jisr al-Shughur|Alashara|Buqras Fokani|Albu Leil|Dumair|
Mayadin|Albu Kamal|Bukamal|Tabqa|Palmyra|Tadmur|Sednaya|Sednaya Prison|Douma|Harasta|Arbin|Zamalka|Ain Tarma|Jobar|
Yarmouk camp|Daraya|Moadamiyeh|Madaya|Zabadani|Rastan|Talbiseh|Houla|al-Waer|Tal Rifaat|Deir Hafer|Khanasir|Atareb|
Darat Izza|Latamneh|Kafr Zita|Morek|Tremseh|Jabal al-Akrad|Jabal al-Turkman|Quneitra|Busra al-Sham|Nawa|Inkhil|
Jasim|Tafas|Sheikh Maskin|Euphrates|Orontes|Khabur|Golan Heights|al-Tanf|Rukban camp|al-Hol camp|Idlib|Daraa|
Deir Ezzor|Raqqa|Hama|Homs|Aleppo|Damascus|Latakia|Tartus|Hasakah|Qamishli|Suwayda|Rif Dimashq""".replace("\n", "").split("|")


@pytest.fixture(scope="module")
def syria() -> dict:
    return gazetteer_tools.load()


def test_curated_file_is_valid_against_geonames(syria):
    assert gazetteer_tools.check(syria) == []


def test_enough_syrian_places_with_sources(syria):
    places = syria["places"]
    assert len([p for p in places if not p.get("auto")]) >= 150
    assert all(p["country"] == "SY" and p["source"] for p in places)
    hand_placed = [p for p in places if p["geonameid"] is None]
    assert hand_placed and all("curated" in p["source"] for p in hand_placed)


def test_all_fourteen_governorates(syria):
    govs = {p["admin1"]: p["name"] for p in syria["places"] if p["feature"] == "province"}
    assert sorted(govs) == [f"{i:02d}" for i in range(1, 15)]
    assert govs["04"] == "Raqqa Governorate" and govs["08"] == "Rif Dimashq Governorate"
    assert index().governorates["07"].name == "Deir Ezzor Governorate"


@pytest.mark.parametrize("name", NEWS_PLACES)
def test_news_places_resolve_to_syria(name):
    place = lookup(name)
    assert place is not None and place.country == "SY", name
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize("name, country", [
    ("Geneva", "CH"), ("Istanbul", "TR"), ("Moscow", "RU"), ("Tehran", "IR"), ("Seoul", "KR"), ("Riyadh", "SA"),
    ("Washington", "US"), ("Gaziantep", "TR"), ("Beirut", "LB"), ("Astana", "KZ"), ("Sochi", "RU"),
    ("UK", "GB"), ("U.S.", "US"), ("Russian Federation", "RU"), ("Türkiye", "TR"),
])
def test_world_places(name, country):
    place = lookup(name)
    assert place is not None and place.country == country and place.origin == "world", name


def test_excluded_geonames_stay_out(syria):
    ids = {p["geonameid"] for p in syria["places"]}
    assert not ids & set(syria["excluded_geonameids"])


def test_maintenance_tools_fill_and_reimport_nothing_new(syria):
    import copy

    data = copy.deepcopy(syria)
    assert gazetteer_tools.import_geonames(data) == 0  # every Syrian GeoNames place is listed or excluded
    douma = next(p for p in data["places"] if p["name"] == "Douma")
    douma["lat"] = douma["lon"] = None
    assert gazetteer_tools.fill(data) == 1
    assert abs(douma["lat"] - 33.57) < 0.01 and douma["source"].startswith("GeoNames 170592")
