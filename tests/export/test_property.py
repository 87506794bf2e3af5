"""Property: whatever attribute values a tag holds, every format's output parses back."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from annotator.export import brat, csv_rows, events, jsonl, webanno
from annotator.export.safe_csv import DANGEROUS_FIRST, cell
from annotator.export.schema import ItemBundle
from annotator.tag_json import finite
from annotator.vocabulary import ATTRIBUTES, GRADINGS, KINDS, ORIGINS, STATES, normalise

BODY = ('Activists said that 10 civilians were killed in Raqqa on Monday.\n\n'
        'The "council" wrote =SUM(A1) -5 @x\r\nand\ttabs ‘quoted’ \u2028 سوريا, dozens injured.')
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**15, max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
    st.sampled_from(["exact", "at_least", "vague", "killed", "town", "=1+1", "-3", "@", " 12 ", "2017-10-02", "1", 2]),
    st.lists(st.text(max_size=5), max_size=2),
)


# Strategies are built once: building them inside the composite costs more than the test.
ATTRS = {kind: st.fixed_dictionaries({}, optional={key: VALUES for key in keys}) for kind, keys in ATTRIBUTES.items()}
OFFSET = st.integers(0, len(BODY))
SHORT = st.none() | st.text(max_size=8)
CONFIDENCE = st.none() | st.floats(0, 1)
NOTE_ON = st.sampled_from([None, 3])
GRADING = st.sampled_from((None, *GRADINGS))
SOURCES = st.lists(st.text(max_size=5), max_size=2)
NOTE_TEXT = st.text(max_size=20)
KIND, ORIGIN, STATE = st.sampled_from(KINDS), st.sampled_from(ORIGINS), st.sampled_from(STATES)


@st.composite
def bundles(draw) -> ItemBundle:
    kind = draw(KIND)
    attrs = draw(ATTRS[kind])
    start, end = sorted((draw(OFFSET), draw(OFFSET)))
    tag = {"id": 3, "item_id": 7, "kind": kind, "start": start, "end": end, "text": BODY[start:end],
           "attributes": attrs, "origin": draw(ORIGIN), "state": draw(STATE),
           "rule": draw(SHORT), "confidence": draw(CONFIDENCE), "analyst": draw(SHORT),
           "created": "2026-01-01T00:00:00+00:00", "updated": "2026-01-02T00:00:00+00:00", "conflict_group": None}
    note = {"id": 9, "item_id": 7, "annotation_id": draw(NOTE_ON), "grading": draw(GRADING), "sources": draw(SOURCES),
            "checklist": {}, "text": draw(NOTE_TEXT), "analyst": None, "created": "2026-01-03T00:00:00+00:00",
            "updated": "2026-01-03T00:00:00+00:00"}
    item = {"id": 7, "source_id": 1, "position": 0, "date": "2017-10-02", "category": "Coalition News",
            "title": "t", "body": BODY, "attribution": draw(SHORT), "start": 40, "end": 60 + len(BODY),
            "body_start": 50, "body_end": 50 + len(BODY), "status": "new", "source_name": "page.txt",
            "source_sha256": "ab" * 32}
    return ItemBundle(item, [tag], [note])


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _safe_text_cells(header: list[str], row: list[str], numeric: set[str]) -> None:
    for name, value in zip(header, row):
        if name not in numeric:
            assert not value.startswith(DANGEROUS_FIRST), (name, value)


@given(bundles())
def test_every_format_parses_back(bundle):
    tag = bundle.annotations[0]
    expected = finite(normalise(tag["kind"], tag["attributes"]))

    out = io.StringIO()
    jsonl.write([bundle], out)
    assert len(out.getvalue().splitlines()) == 1
    assert json.loads(out.getvalue())["annotations"][0]["attributes"] == expected

    out = io.StringIO()
    csv_rows.write([bundle], out)
    header, row = _csv(out.getvalue())
    _safe_text_cells(header, row, csv_rows.NUMERIC)
    for key in ATTRIBUTES[tag["kind"]]:
        column = f"{tag['kind']}_{key}"
        assert row[header.index(column)] == str(cell(tag["attributes"].get(key), column in csv_rows.NUMERIC))

    out = io.StringIO()
    events.write([bundle], out)
    parsed = _csv(out.getvalue())
    assert len(parsed) == (2 if tag["kind"] == "casualty" else 1)
    for row in parsed[1:]:
        _safe_text_cells(parsed[0], row, events.NUMERIC)

    out = io.StringIO()
    webanno.write([bundle], out)
    doc = json.loads(out.getvalue())
    anno = doc["first"]["items"][0]
    assert anno["body"]["attributes"] == expected and doc["total"] == 2
    assert anno["target"]["selector"][0]["exact"] == tag["text"]

    text, written = brat.ann_text(bundle)
    back = brat.parse_ann(text)
    assert written == len(back) == (1 if tag["text"].strip() else 0)
    for got in back:
        assert got["attributes"] == expected and got["state"] == tag["state"]
        # the same span, less only blank lines at its edges (brat spans cannot hold line breaks)
        assert tag["start"] <= got["start"] < got["end"] <= tag["end"]
        assert not BODY[tag["start"]:got["start"]].strip() and not BODY[got["end"]:tag["end"]].strip()
        if not tag["text"][0].isspace() and not tag["text"][-1].isspace():
            assert (got["start"], got["end"]) == (tag["start"], tag["end"])
        assert " ".join(BODY[s:e] for s, e in got["fragments"]) == got["text"]  # tabs kept: brat compares
        assert len(got["notes"]) == (1 if bundle.notes[0]["annotation_id"] == 3 else 0)
