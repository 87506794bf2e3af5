"""A sample store with a known set of tags and notes, and helpers to read exports back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator.store import annotations, items, notes


def tag(db, item_id: int, phrase: str, kind: str, *, occurrence: int = 0, **fields: Any) -> int:
    """Tag the `occurrence`-th `phrase` in the item body; fields go to annotations.insert."""
    body = items.get_item(db, item_id)["body"]
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(phrase, start + 1)
    row = {"origin": "manual", "state": "accepted", "analyst": "alice", **fields}
    return annotations.insert(db, item_id=item_id, kind=kind, start=start, end=start + len(phrase), text=phrase, **row)


@pytest.fixture
def tagged_db(sample_db):
    """sample_db plus tags of every kind and state, notes on a tag and on an item, two statuses."""
    db = sample_db
    ids: dict[str, int] = {}
    ids["killed10"] = tag(db, 12, "10 civilians were killed", "casualty", attributes={
        "count_min": 10, "count_max": 10, "qualifier": "exact", "kind": "killed", "victims": "civilians",
        "location": "Buqras Fokani", "perpetrator": "international coalition"})
    ids["dozens_injured"] = tag(db, 12, "dozens more injured", "casualty", origin="auto", state="suggested",
                                analyst=None, rule="casualty.vague", confidence=0.6,
                                attributes={"qualifier": "vague", "kind": "injured"})
    ids["atleast150"] = tag(db, 12, "at least 150 civilians", "casualty", origin="auto", state="edited",
                            rule="casualty.at_least", confidence=0.9, attributes={
                                "count_min": 150, "qualifier": "at_least", "kind": "killed",
                                "event_date_start": "2017-09-25", "event_date_end": "2017-10-01"})
    ids["displaced"] = tag(db, 12, "more than 120,000 people", "casualty", origin="auto", state="rejected",
                           rule="casualty.more_than", attributes={
                               "count_min": 120000, "qualifier": "more_than", "approximate": True, "kind": "displaced"})
    ids["buqras"] = tag(db, 12, "Buqras Fokani", "location", attributes={
        "name": "Buqras Fokani", "lat": 35.05, "lon": 40.36, "country": "SY", "admin1": "Deir ez-Zor",
        "feature": "town", "precision": 1, "geonameid": 170000})
    ids["deir"] = tag(db, 12, "Deir Ezzor", "location", origin="auto", state="suggested", analyst=None,
                      rule="gazetteer", attributes={"name": "Deir ez-Zor", "feature": "province", "precision": 3})
    ids["ramadan"] = tag(db, 8, "Ahmed Ramadan", "speaker", attributes={
        "name": "Ahmed Ramadan", "role": "Head of media department", "organisation": "Syrian Coalition"})
    ids["hundreds"] = tag(db, 8, "hundreds of Syrian civilians", "casualty", attributes={
        "qualifier": "vague", "kind": "killed", "perpetrator": "Russian airstrikes"})
    ids["wednesday"] = tag(db, 1, "Wednesday", "date", attributes={"value": "2017-05-17"})
    ids["hakim"] = tag(db, 2, "Nazir Hakim", "speaker", origin="auto", state="suggested", analyst=None,
                       rule="speaker.title", confidence=0.8, attributes={"name": "Nazir Hakim"})
    ids["note_tag"] = notes.insert(db, item_id=12, annotation_id=ids["killed10"], analyst="alice",
                                   grading="confirmed", sources=["SNHR report"],
                                   checklist={"source_identified": True}, text="Matches SNHR daily toll.")
    ids["note_item"] = notes.insert(db, item_id=12, analyst="alice", grading="contested",
                                    text="Coalition denies the strike.")
    items.set_status(db, 12, "reviewed", "alice")
    items.set_status(db, 8, "annotated", "alice")
    db.ids = ids  # type: ignore[attr-defined]  # tests look tags up by name
    return db


def count_rows(db) -> dict[str, int]:
    return {t: db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("annotations", "notes", "history")}


@pytest.fixture
def fresh_store(tmp_path):
    """A second store of the same two pages, with no tags."""
    from annotator.services.importing import import_paths
    from annotator.store import open_store
    from tests.conftest import SAMPLE_DATA

    db = open_store(tmp_path / "other.db")
    assert not import_paths(db, [SAMPLE_DATA], analyst="bob").failed
    yield db
    db.close()


def out_path(tmp_path: Path, fmt: str) -> Path:
    return tmp_path / ("brat_out" if fmt == "brat" else f"export.{fmt}")
