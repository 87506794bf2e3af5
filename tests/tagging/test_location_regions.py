"""Governorates named as regions and in lists (issue 14, class 4, second round): "the regions of
Latakia, Hama and Aleppo", "the Aleppo region", "..., Raqqa, and other governorates", the
misspelling "governate". Sentences written for these tests."""

import pytest

from annotator.tagging.pipeline import tag_item


def places(body: str) -> list[str]:
    return [s.attributes["name"] for s in tag_item(body, "2019-05-16", "location")]


@pytest.mark.parametrize("body, expected", [
    ("Gunmen shelled six villages in the regions of Latakia, Hama and Aleppo.",
     ["Latakia Governorate", "Hama Governorate", "Aleppo Governorate"]),
    ("Four people were killed in the Aleppo region.", ["Aleppo Governorate"]),
    ("The Syrian region of Idlib came under fire.", ["Idlib Governorate"]),
    ("Jets struck Aleppo, Idlib, Hama, Homs, Raqqa, and other governorates.",
     ["Aleppo Governorate", "Idlib Governorate", "Hama Governorate", "Homs Governorate", "Raqqa Governorate"]),
    ("Fighting spread in Idlib and Hama provinces.", ["Idlib Governorate", "Hama Governorate"]),
    ("Barrel bombs killed 300 civilians in Aleppo governate last year.", ["Aleppo Governorate"]),
])
def test_governorates(body, expected):
    assert places(body) == expected


@pytest.mark.parametrize("body, expected", [
    ("Clashes went on in the Afrin region.", ["Afrin"]),  # around the town, not Aleppo Governorate
    ("Jets struck Aleppo and other cities.", ["Aleppo"]),
])
def test_no_governorate(body, expected):
    assert places(body) == expected


@pytest.mark.parametrize("body, expected", [
    ("The doctor told Al Jazeera that the gas spread fast.", []),
    ("Al Jazeera reported that the market was hit.", []),
    ("Fighting went on in the Jazira region.", ["Jazira"]),
    ("The envoy told Russia to stop the raids.", ["Russia"]),  # a country as actor stays a location
])
def test_outlets_and_listeners_are_no_places(body, expected):
    assert places(body) == expected


@pytest.mark.parametrize("body, expected", [
    ("Gunmen shelled the settlement of Kurnaz Tahta in the province of Latakia.", ["Kurnaz Tahta", "Latakia Governorate"]),
    ("The mortars were fired from the inhabited locality of Umm Jubb.", ["Umm Jubb"]),
    ("The settlement of accounts took months.", []),
])
def test_settlements_and_localities(body, expected):
    assert places(body) == expected
