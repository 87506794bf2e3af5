"""Learning from corrections: contexts, the rate threshold, acceptances, hand tags, forgetting.

Every item here is written for these tests (invented reports in the site's style)."""

from __future__ import annotations

import pytest

from annotator.services import learning, review
from annotator.services import tagging as service
from annotator.services.changes import undo
from annotator.store import aliases, annotations
from annotator.store.settings import set_setting
from annotator.tagging.learned import Learned, context_of, skeleton

PAGE = """Learning News
{items}
Home Media Center Learning News Items filtered by date: May 2019
"""

ITEM = """{day} May 2019 In Learning News

{body} (Source: Learning Desk)
"""

BODIES = [
    # 1: "Syria" inside an outlet's name ("Syria Direct") and as a place of its own
    "Syria Direct reported on Monday that shelling hit a bakery in Saraqib in Syria.",
    # 2: the same two contexts again
    "Volunteers told Syria Direct they evacuated 40 families from Saraqib in northern Syria.",
    # 3: only the place
    "Aid agencies said that fighting in Syria displaced 2,000 people from villages near Saraqib.",
    # 4: the name again, and the place
    "Syria Direct learned that the camps in Syria cannot take more families.",
]


def _page(bodies: list[str]) -> str:
    items = "\n".join(ITEM.format(day=10 + i, body=b) for i, b in enumerate(bodies))
    return PAGE.format(items=items)


@pytest.fixture()
def db(empty_db, tmp_path):
    from annotator.services.importing import import_paths

    page = tmp_path / "learning_page.txt"
    page.write_text(_page(BODIES), encoding="utf-8")
    report = import_paths(empty_db, [page])
    assert report.files[0].status == "imported"
    return empty_db


def _ids(db) -> list[int]:
    return [r[0] for r in db.conn.execute("SELECT id FROM items ORDER BY date")]


def _locations(db, item_id: int, text: str) -> list[dict]:
    return [a for a in annotations.for_item(db, item_id, kinds=["location"]) if a["text"] == text]


def _suggest(db, item_id: int, text: str, nth: int = 0) -> int:
    """The tagger's location suggestion of `text` (its nth occurrence), made here when the tagger
    does not make it, so that the test does not depend on one tagger mistake."""
    body = body_of(db, item_id)
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    found = [a for a in _locations(db, item_id, text) if a["start"] == start]
    if found:
        return found[0]["id"]
    annotations.insert_many_suggestions(db, [{"item_id": item_id, "kind": "location", "start": start,
                                              "end": start + len(text), "text": text, "attributes": {"name": text},
                                              "rule": "gaz:syria+actor", "confidence": 0.7}], analyst=None)
    return [a for a in _locations(db, item_id, text) if a["start"] == start][0]["id"]


def test_a_rejection_in_a_name_keeps_the_form_welcome_elsewhere(db):
    ids = _ids(db)
    service.tag_items(db, ids[:1], kinds="location", jobs=1)
    review.reject(db, _suggest(db, ids[0], "Syria", 0), "rana")  # "Syria Direct": not a place of its own
    review.accept(db, _suggest(db, ids[0], "Syria", 1), "rana")  # "in Syria"
    learned = service.build_context(db).learned
    assert learned.rejected_contexts() == [("location", "syria", "in:syria direct")]

    service.tag_items(db, ids[1:], kinds="location", jobs=1)
    for item_id in ids[1:]:
        body = body_of(db, item_id)
        starts = [a["start"] for a in _locations(db, item_id, "Syria")]
        assert all(not body.startswith("Syria Direct", s) for s in starts), "the rejected context is not suggested again"
        places = [i for i in range(len(body)) if body.startswith("Syria", i) and not body.startswith("Syria Direct", i)]
        assert starts == places, "Syria as a place stays welcome"
    assert not learned.suppressed_everywhere("location", "syria")

    # the filter itself, on a suggestion in the rejected context and one elsewhere
    from annotator.tagging.base import Suggestion

    text = "Syria Direct said families left Syria."
    sugs = [Suggestion("location", 0, 5, "Syria", {"name": "Syria"}, "gaz:syria+actor"),
            Suggestion("location", 32, 37, "Syria", {"name": "Syria"}, "gaz:syria")]
    assert [s.start for s in learned.filter(text, sugs)] == [32]

    # forgetting the context (Tools > Learned > Undo) lets it through again; putting it back stops it
    entry = next(e for e in learning.learned_entries(db) if e.what == "context")
    assert (entry.form, entry.context, entry.rejections, entry.taught_by) == ("syria", "in:syria direct", 1, "rana")
    done = learning.forget(db, entry, "omar")
    assert [s.start for s in service.build_context(db).learned.filter(text, sugs)] == [0, 32]
    learning.restore(db, done, "omar")
    assert [s.start for s in service.build_context(db).learned.filter(text, sugs)] == [32]


def body_of(db, item_id: int) -> str:
    return db.conn.execute("SELECT body FROM items WHERE id = ?", (item_id,)).fetchone()[0]


def test_a_form_is_suppressed_everywhere_only_past_the_rate_threshold():
    def decisions(rejected: int, accepted: int):
        from annotator.tagging.learned import Decision

        keys = lambda n: [f"rule:r|w{n}|x{n}"]  # noqa: E731 - every decision in a context of its own
        return ([Decision("location", "saraqib", False, keys(i)) for i in range(rejected)]
                + [Decision("location", "saraqib", True, keys(100 + i)) for i in range(accepted)])

    assert not Learned.build(decisions(2, 0)).suppressed_everywhere("location", "saraqib")  # < 3 rejections
    assert Learned.build(decisions(3, 0)).suppressed_everywhere("location", "saraqib")
    assert Learned.build(decisions(4, 1)).suppressed_everywhere("location", "saraqib")  # 80%
    assert not Learned.build(decisions(4, 2)).suppressed_everywhere("location", "saraqib")  # 67%: accepted too often
    assert not Learned.build(decisions(20, 6)).suppressed_everywhere("location", "saraqib")  # 77%
    strict = Learned.build(decisions(4, 2), min_rejections=4, rate=0.6)
    assert strict.suppressed_everywhere("location", "saraqib")


def test_the_rate_threshold_is_a_store_setting_and_applies_to_tagging(db):
    ids = _ids(db)
    service.tag_items(db, ids, kinds="location", jobs=1)
    saraqib = [a for i in ids for a in _locations(db, i, "Saraqib")]
    assert len(saraqib) == 3
    for a in saraqib[:2]:
        review.reject(db, a["id"], "rana")
    learned = service.build_context(db).learned
    assert learned.rejections("location", "saraqib") == 2 and not learned.suppressed_everywhere("location", "saraqib")
    review.reject(db, saraqib[2]["id"], "rana")
    assert service.build_context(db).learned.suppressed_everywhere("location", "saraqib")
    set_setting(db, "suppress_min_rejections", "4")
    assert not service.build_context(db).learned.suppressed_everywhere("location", "saraqib")


def test_context_of_names_the_enclosing_name_and_the_neighbours():
    text = "Delegates arrived for the Geneva talks, and the Syria Relief Network said it would attend."
    geneva = text.index("Geneva")
    ctx = context_of(text, geneva, geneva + len("Geneva"))
    assert ctx.enclosing == "" and ctx.right == "talks" and ctx.keys("gaz")[0] == "before:talks"
    syria = text.index("Syria")
    ctx = context_of(text, syria, syria + len("Syria"))
    assert ctx.keys("gaz")[0] == "in:syria relief network"
    start = text.index("Delegates")
    assert context_of(text, start, start + 9).left == ""


def test_an_accepted_speaker_name_is_found_in_a_speakers_role_later(empty_db, tmp_path):
    from annotator.services.importing import import_paths

    bodies = [
        "The Saraqib Medical Office said that the clinic ran out of oxygen.",
        "The clinic reopened on Monday, the Saraqib Medical Office and two charities said. "
        "Residents said a convoy sent by the Saraqib Medical Office arrived.",
    ]
    page = tmp_path / "medic.txt"
    page.write_text(_page(bodies), encoding="utf-8")
    import_paths(empty_db, [page])
    ids = _ids(empty_db)
    service.tag_items(empty_db, ids[:1], kinds="speaker", jobs=1)
    name = "Saraqib Medical Office"
    office = [a for a in annotations.for_item(empty_db, ids[0], kinds=["speaker"]) if a["text"] == name]
    assert office
    changes = review.accept(empty_db, office[0]["id"], "rana")
    learned_keys = {(r["kind"], r["surface"]) for r in aliases.alias_rows(empty_db)}
    assert changes.aliases_changed and ("speaker", "saraqib medical office") in learned_keys
    service.tag_items(empty_db, ids[1:], kinds="speaker", jobs=1)
    found = [a["start"] for a in annotations.for_item(empty_db, ids[1], kinds=["speaker"]) if a["text"] == name]
    body = body_of(empty_db, ids[1])
    assert found == [body.index(name)]  # a subject of "said", not the convoy's sender
    undo(empty_db, changes, "rana")  # undoing the acceptance forgets what it taught
    assert ("speaker", "saraqib medical office") not in {(r["kind"], r["surface"]) for r in aliases.alias_rows(empty_db)}


def test_a_hand_tagged_place_is_found_under_another_spelling(empty_db, tmp_path):
    from annotator.services.importing import import_paths

    bodies = [
        "Shelling hit the outskirts of Tell Qarmeen on Monday, residents said.",
        "Families fled Tal Qarmin after the shelling, a local council said.",
    ]
    page = tmp_path / "qarmeen.txt"
    page.write_text(_page(bodies), encoding="utf-8")
    import_paths(empty_db, [page])
    ids = _ids(empty_db)
    body = body_of(empty_db, ids[0])
    start = body.index("Tell Qarmeen")
    changes = review.add_tag(empty_db, ids[0], "location", start, start + len("Tell Qarmeen"), "rana", {"name": "Tell Qarmeen"})
    assert changes.aliases_changed
    assert skeleton("Tal Qarmin") == skeleton("Tell Qarmeen")
    service.tag_items(empty_db, ids[1:], kinds="location", jobs=1)
    found = [a for a in annotations.for_item(empty_db, ids[1], kinds=["location"]) if a["text"] == "Tal Qarmin"]
    assert found and found[0]["attributes"]["name"] == "Tell Qarmeen"  # the taught name (gazetteer key or skeleton)


def test_learned_entries_list_counts_and_forget_and_restore_each(db):
    ids = _ids(db)
    service.tag_items(db, ids, kinds="location", jobs=1)
    saraqib = [a for i in ids for a in _locations(db, i, "Saraqib")]
    for a in saraqib:
        review.reject(db, a["id"], "rana")
    entries = learning.learned_entries(db)
    suppressed = next(e for e in entries if e.what == "suppressed" and e.form == "saraqib")
    assert (suppressed.rejections, suppressed.acceptances, suppressed.taught_by) == (3, 0, "rana")
    history_before = db.conn.execute("SELECT count(*) FROM history").fetchone()[0]
    done = learning.forget(db, suppressed, "omar")
    assert db.conn.execute("SELECT count(*) FROM history").fetchone()[0] == history_before + 1
    assert not service.build_context(db).learned.suppressed_everywhere("location", "saraqib")
    assert all(e.form != "saraqib" or e.what != "suppressed" for e in learning.learned_entries(db))
    learning.restore(db, done, "omar")
    assert service.build_context(db).learned.suppressed_everywhere("location", "saraqib")
    assert [r["action"] for r in learning.history_rows(db)[:2]] == ["relearn", "forget"]


def test_contexts_read_from_the_store_match_contexts_read_from_the_item(db):
    from annotator.store import learning as store
    from annotator.tagging.learned import CONTEXT_CHARS, decision_from_row

    assert store.WINDOW >= CONTEXT_CHARS  # a stored decision sees as much text as a new suggestion
    ids = _ids(db)
    service.tag_items(db, ids, kinds="location", jobs=1)
    rows = [a for i in ids for a in _locations(db, i, "Saraqib")]
    for a in rows[:2]:
        review.reject(db, a["id"], "rana")
    review.accept(db, rows[2]["id"], "rana")
    read = store.decisions(db, {"location": ["Saraqib"]})
    assert sorted(r["state"] for r in read) == ["accepted", "rejected", "rejected"]
    for a in rows:
        body = body_of(db, a["item_id"])
        from_item = context_of(body, a["start"], a["end"]).keys(a["rule"])
        assert any(decision_from_row(r).keys == from_item for r in read)
    # only the newest acceptances of a text are read; every rejection is
    assert [r["state"] for r in store.decisions(db, {"location": ["Saraqib"]}, latest=0)] == ["rejected", "rejected"]


def test_taught_names_do_not_spill_over():
    from annotator.tagging.base import Suggestion
    from annotator.tagging.learned import Tally

    # a place analysts wrote as "Saraqib" where the text said "Sraqeb" renames other spellings ...
    learned = Learned.build([], tallies=[Tally("location", "sraqeb", True, "Saraqib")])
    text = "Shelling hit the town of Saraqeb and Damascus Countryside."
    cue = Suggestion("location", 25, 32, "Saraqeb", {"name": "Saraqeb", "geonameid": None}, "cue:settlement-noun")
    assert learned.filter(text, [cue])[0].attributes["name"] == "Saraqib"
    as_written = Learned.build([], tallies=[Tally("location", "saraqib", True, "Saraqib")])  # never respelled
    assert as_written.filter(text, [cue])[0].attributes["name"] == "Saraqeb"
    # ... but not a place the gazetteer knows, nor a text the tagger named otherwise from its context
    known = Suggestion("location", 25, 32, "Saraqeb", {"name": "Saraqeb", "geonameid": 123}, "gaz:syria")
    assert learned.filter(text, [known])[0].attributes["name"] == "Saraqeb"
    damascus = Learned.build([], tallies=[Tally("location", "damascus", True, "Damascus")])
    province = Suggestion("location", 37, 45, "Damascus", {"name": "Rif Dimashq Governorate"}, "gaz:syria+cue:province")
    assert damascus.filter(text, [province])[0].attributes["name"] == "Rif Dimashq Governorate"
    # a taught speaker is not suggested as part of a longer name
    said = "The Syrian Response Coordinators said families fled; Response Coordinators said more would."
    inside = Suggestion("speaker", 11, 32, "Response Coordinators", {"name": "Response Coordinators"}, "speaker.learned")
    alone = Suggestion("speaker", 53, 74, "Response Coordinators", {"name": "Response Coordinators"}, "speaker.learned")
    assert said[11:32] == said[53:74] == "Response Coordinators"
    assert [s.start for s in Learned().filter(said, [inside, alone])] == [53]


def test_a_hand_tag_on_part_of_a_place_name_teaches_no_alias(empty_db, tmp_path):
    from annotator.services.importing import import_paths

    page = tmp_path / "hospital.txt"
    page.write_text(_page(["Shelling hit the Damascus Rural Specialty Hospital on Monday, staff said."]), encoding="utf-8")
    import_paths(empty_db, [page])
    item = _ids(empty_db)[0]
    start = body_of(empty_db, item).index("Damascus")
    changes = review.add_tag(empty_db, item, "location", start, start + len("Damascus"), "rana",
                             {"name": "Damascus Rural Specialty Hospital"})
    assert not changes.aliases_changed and aliases.alias_rows(empty_db) == []
