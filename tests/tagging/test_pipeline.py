"""The pipeline: kinds, valid offsets on the seeds, suppression, contexts that travel to workers."""

from __future__ import annotations

import pickle

import pytest

from annotator.tagging import pipeline
from annotator.tagging.pipeline import TagContext, parse_kinds, tag_item
from tests.conftest import SEED_FILES


def seed_items():
    from annotator.ingest import read_document

    for path in SEED_FILES:
        for item in read_document(path).page.items:
            yield item.date, item.body


@pytest.mark.parametrize(("date", "body"), list(seed_items()))
def test_every_seed_suggestion_points_at_its_text(date, body):
    found = tag_item(body, date)
    assert found
    for s in found:
        assert 0 <= s.start < s.end <= len(body) and body[s.start:s.end] == s.text
        assert s.kind in pipeline.KINDS and s.rule and 0 < s.confidence <= 1


def test_kinds_select_taggers():
    body = "The Syrian Coalition said that 10 civilians were killed in Douma on Monday."
    assert {s.kind for s in tag_item(body, "2017-10-02", "casualty")} == {"casualty"}
    assert {s.kind for s in tag_item(body, "2017-10-02", ["speaker", "date"])} == {"speaker", "date"}
    assert parse_kinds(None) == pipeline.KINDS and parse_kinds(" date , speaker") == ("date", "speaker")
    with pytest.raises(ValueError):
        parse_kinds("people")


def test_suppressed_surfaces_are_dropped():
    body = "The Syrian Coalition said that 10 civilians were killed on Monday."
    context = TagContext(suppressed=frozenset({("speaker", "syrian coalition"), ("date", "on monday")}))
    kinds = {s.kind for s in tag_item(body, "2017-10-02", None, context)}
    assert "speaker" not in kinds and "date" not in kinds and "casualty" in kinds


def test_context_pickles_without_its_built_taggers():
    context = TagContext(known_speakers=("Riad Seif",))
    tag_item("Seif said the talks failed.", "2017-10-02", "speaker", context)
    assert context._built is not None
    clone = pickle.loads(pickle.dumps(context))
    assert clone._built is None and clone.known_speakers == ("Riad Seif",)
    assert tag_item("Seif said the talks failed.", "2017-10-02", "speaker", clone)[0].attributes["name"] == "Riad Seif"


def test_locations_are_skipped_only_while_the_module_is_absent(monkeypatch):
    monkeypatch.setattr(pipeline, "location_tagger_class", lambda: None)
    found = tag_item("Airstrikes killed 10 civilians in Douma on Monday.", "2017-10-02", None, TagContext())
    assert {s.kind for s in found} == {"casualty", "date"}


def test_an_item_without_a_readable_date_still_gets_speakers():
    found = tag_item("Seif stressed that the talks must go on.", "", None, TagContext())
    assert [s.kind for s in found if s.kind != "location"] == ["speaker"]
