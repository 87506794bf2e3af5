"""A place renamed by typing takes the new name's coordinates; the old place's never stay under it."""

from __future__ import annotations

from annotator.services import review
from annotator.store import annotations, items

SYRIA = {"name": "Syria", "lat": 35.0, "lon": 38.5, "country": "SY", "feature": "country", "precision": 3,
         "geonameid": 163843}


def _place(db, word="Syria"):
    body = items.get_item(db, 1)["body"]
    start = body.index(word)
    c = review.add_tag(db, 1, "location", start, start + len(word), "ana", dict(SYRIA))
    return c.created_id


def _typed(name, **changed):
    """What the location form sends when only the name field was retyped."""
    form = {k: v for k, v in SYRIA.items() if k != "geonameid"}
    return {**form, "name": name, **changed}


def test_retyped_name_takes_the_gazetteer_place(sample_db):
    tag_id = _place(sample_db)
    review.edit_attributes(sample_db, tag_id, _typed("Cairo"), "ana")
    attrs = annotations.get(sample_db, tag_id)["attributes"]
    assert attrs["name"] == "Cairo" and attrs["country"] == "EG"
    assert abs(attrs["lat"] - 30.06) < 0.5 and abs(attrs["lon"] - 31.25) < 0.5


def test_retyped_unknown_name_keeps_no_coordinates_of_the_old_place(sample_db):
    tag_id = _place(sample_db)
    review.edit_entity(sample_db, tag_id, _typed("Xqzwville"), "ana")
    attrs = annotations.get(sample_db, tag_id)["attributes"]
    assert attrs["name"] == "Xqzwville"
    assert not any(attrs.get(k) for k in ("lat", "lon", "country", "geonameid"))


def test_coordinates_the_analyst_changed_with_the_name_are_kept(sample_db):
    tag_id = _place(sample_db)
    review.edit_attributes(sample_db, tag_id, _typed("Camp 7", lat=36.1, lon=37.2), "ana")
    attrs = annotations.get(sample_db, tag_id)["attributes"]
    assert (attrs["name"], attrs["lat"], attrs["lon"], attrs["country"]) == ("Camp 7", 36.1, 37.2, "SY")
