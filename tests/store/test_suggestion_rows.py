"""The rows stored for tagger suggestions: attributes JSON and export JSON made once per row must
be exactly what the slow round trip (stored JSON parsed back, normalised, encoded) gives."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.store.rows import to_json
from annotator.store.suggestion_rows import suggestion_rows
from annotator.tag_json import annotation_json, dumps
from annotator.vocabulary import ATTRIBUTES


def _slow(aid: int, r: dict, analyst: str | None) -> tuple[str, str]:
    stored = json.dumps(r.get("attributes") or {}, ensure_ascii=False, sort_keys=True)
    return stored, annotation_json(aid, r["kind"], r["start"], r["end"], r["text"], "auto", "suggested",
                                   r.get("rule"), r.get("confidence"), analyst, stored)


def _row(kind: str, attributes: dict, text: str = "Kafr Nabl", rule: str | None = "gaz:syria",
         confidence: float | None = 0.85) -> dict:
    return {"item_id": 3, "kind": kind, "start": 4, "end": 4 + len(text), "text": text, "attributes": attributes,
            "rule": rule, "confidence": confidence, "rules_version": "v"}


def _check(rows: list[dict], analyst: str | None = "ana") -> None:
    made = suggestion_rows(rows, 10, analyst)
    for aid, (r, out) in enumerate(zip(rows, made), 10):
        stored, export = _slow(aid, r, analyst)
        assert out[6] == stored
        assert out[10] == export
        assert out[:6] == (aid, r["item_id"], r["kind"], r["start"], r["end"], r["text"])


def test_same_text_as_the_round_trip_for_every_kind_and_odd_values() -> None:
    rows = [
        _row("location", {"name": "Kafr Nabl", "geonameid": 1, "lat": 35.5, "lon": -0.0, "country": "SY",
                          "precision": 1, "extra": [1, 2]}),
        _row("location", {"name": "Kafr Nabl", "geonameid": 1, "lat": 35.5, "lon": -0.0, "country": "SY",
                          "precision": 1, "extra": [1, 2]}, text="Kafr a-Nabl"),  # same tail, other head
        _row("casualty", {"count_min": 1, "count_max": 1.0, "approximate": True, "kind": "killed",
                          "location": {"b": 1, "a": 2}}),  # a nested dict: key order after the round trip
        _row("casualty", {"count_min": True, "count_max": 1, "approximate": 0}),  # 1, 1.0, True differ in JSON
        _row("date", {"value": "2020-01-01"}, confidence=1),
        _row("date", {"value": "2020-01-01"}, confidence=1.0),
        _row("date", {"value": "2020-01-01"}, confidence=True),
        _row("date", {"value": float("nan")}, confidence=float("inf")),
        _row("date", {"value": "2020-01-01"}, confidence=0.0),
        _row("date", {"value": "2020-01-01"}, confidence=-0.0),
        _row("speaker", {"name": "Line\u2028break", "quote": 'He said "no"\x00'}, text="x\u2029y", rule=None,
             confidence=None),
        _row("speaker", {}, rule="odd\u2028rule"),
        _row("speaker", {"name": ("a", "b")}),  # a tuple is stored as a list
    ]
    _check(rows)
    _check(rows, analyst=None)


_scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                    st.text(max_size=8))
_value = st.recursive(_scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(st.text(max_size=3), inner, max_size=3)),
                      max_leaves=6)


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(sorted(ATTRIBUTES)), data=st.data())
def test_same_text_as_the_round_trip_for_any_attributes(kind: str, data: st.DataObject) -> None:
    keys = list(ATTRIBUTES[kind]) + ["other"]
    attributes = data.draw(st.dictionaries(st.sampled_from(keys), _value, max_size=len(keys)))
    confidence = data.draw(st.one_of(st.none(), st.floats(0, 1), st.sampled_from([1, 1.0, True, math.inf, 0.0, -0.0])))
    text = data.draw(st.text(min_size=1, max_size=10))
    _check([_row(kind, attributes, text=text, confidence=confidence), _row(kind, dict(attributes), confidence=0.5)])


def test_encoders_match_the_standard_library() -> None:
    value = {"b": [1.5, None, True, "x\u2028\x00é"], "a": {"z": 1, "y": float("inf")}}
    assert to_json(value) == json.dumps(value, ensure_ascii=False, sort_keys=True)
    assert dumps(value) == '{"b":[1.5,null,true,"x\\u2028\\u0000é"],"a":{"z":1,"y":null}}'


def test_many_rows_go_in_by_statements_of_many_rows_in_order(sample_db) -> None:
    from annotator.store import annotations
    from annotator.store.suggestion_rows import PER_STATEMENT

    item_ids = [r[0] for r in sample_db.conn.execute("SELECT id FROM items ORDER BY id")]
    n = 2 * PER_STATEMENT + 5  # two full statements and a short one
    rows = [{"item_id": item_ids[i % len(item_ids)], "kind": "date", "start": i, "end": i + 1, "text": "x",
             "attributes": {"value": f"2020-01-{i % 28 + 1:02d}"}, "rule": "date.test", "confidence": 0.5,
             "rules_version": "v"} for i in range(n)]
    assert annotations.insert_many_suggestions(sample_db, rows, analyst="ana") == n
    stored = sample_db.conn.execute(
        'SELECT id, item_id, start, attributes, analyst, created = updated, origin, state, export_json '
        "FROM annotations WHERE rule = 'date.test' ORDER BY id").fetchall()
    assert [r[2] for r in stored] == list(range(n))
    assert [r[1] for r in stored] == [row["item_id"] for row in rows]
    assert [r[0] for r in stored] == list(range(stored[0][0], stored[0][0] + n))
    assert all(r[4] == "ana" and r[5] == 1 and r[6:8] == ("auto", "suggested") for r in stored)
    assert all(r[8] == _slow(r[0], rows[k], "ana")[1] and r[3] == to_json(rows[k]["attributes"])
               for k, r in enumerate(stored))
