"""The rows `annotations.insert_many_suggestions` writes: each tagger suggestion's attributes as
stored JSON and its JSONL form (`export_json`, tag_json.annotation_json), made once per row.

Storing used to turn the attributes into JSON, parse that JSON back and turn it into JSON again
for the export form, for every suggestion (about a third of `annotator tag`'s storing time).
Here the export form's attributes come straight from the tagger's dict when every value the
export keeps is a plain scalar (then the text is the same, character for character, as the
round trip through the stored JSON gives: tests/store/test_suggestion_rows.py checks it), and the
part of the export form after the span ("origin" to the end) is made once per distinct
(rule, confidence, kind, attributes) in a batch: places and dates repeat.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from itertools import chain
from json.encoder import encode_basestring
from typing import Any

from annotator.store.rows import to_json
from annotator.tag_json import ANNOTATION_HEAD, annotation_tail, dumps, escape_breaks, json_text
from annotator.vocabulary import ATTRIBUTES

_SCALARS = frozenset({str, int, float, bool, type(None)})


def _export_attributes(kind: str, attributes: dict[str, Any]) -> str | None:
    """The export form of the attributes (normalised: exactly the kind's keys, in order), or None
    when a kept value is not a plain scalar (a list or dict: its JSON after the round trip may
    differ in key order, so the caller takes the round trip)."""
    keys = ATTRIBUTES.get(kind, ())
    values = [attributes.get(key) for key in keys]
    for value in values:
        if type(value) not in _SCALARS:
            return None
    return dumps(dict(zip(keys, values)))


def _tail(kind: str, rule: str | None, confidence: float | None, conf: str, analyst: str | None,
          attributes: dict[str, Any], stored: str) -> str:
    """annotation_tail("auto", "suggested", ...) with its line separators escaped (`conf`: the
    confidence as annotation_tail writes it)."""
    exported = _export_attributes(kind, attributes)
    if exported is None:
        return escape_breaks(annotation_tail("auto", "suggested", rule, confidence, analyst, kind, stored))
    return escape_breaks(f'"origin":"auto","state":"suggested","rule":{json_text(rule)},"confidence":{conf},'
                         f'"analyst":{json_text(analyst)},"attributes":{exported}}}')


def suggestion_rows(rows: list[dict[str, Any]], first_id: int, analyst: str | None) -> list[tuple]:
    """(id, item_id, kind, start, end, text, attributes, rule, rules_version, confidence,
    export_json) per tagger row, ids from `first_id` on (the analyst and time stamp are the same
    for every row: `insert_sql` binds them once per statement)."""
    tails: dict[tuple, str] = {}
    out = []
    head = ANNOTATION_HEAD
    for aid, r in enumerate(rows, first_id):
        attrs = r.get("attributes") or {}
        stored = to_json(attrs)
        kind, rule, confidence, text = r["kind"], r.get("rule"), r.get("confidence"), r["text"]
        # the confidence as written, not its value: 1, 1.0 and True (or 0.0 and -0.0) are one key
        conf = repr(confidence) if confidence is not None and math.isfinite(confidence) else "null"
        key = (kind, rule, conf, stored)
        tail = tails.get(key)
        if tail is None:
            tail = tails[key] = _tail(kind, rule, confidence, conf, analyst, attrs, stored)
        start, end = r["start"], r["end"]
        out.append((aid, r["item_id"], kind, start, end, text, stored, rule, r.get("rules_version"), confidence,
                    escape_breaks(head % (aid, kind, start, end, encode_basestring(text))) + tail))
    return out


# Rows per INSERT statement. One multi-row statement per 64 rows instead of one execution per row
# saves a quarter of the insert's time (the per-execution work of the sqlite3 module); 64 rows of
# 11 parameters plus 2 stay under SQLite's oldest limit of 999 bound parameters.
PER_STATEMENT = 64
_ROW_VALUES = 11
_COLUMNS = ('id, item_id, kind, start, "end", text, attributes, origin, state, rule, rules_version, confidence, '
            "analyst, created, updated, export_json")


@functools.lru_cache(maxsize=8)
def insert_sql(n: int) -> str:
    """INSERT of `n` rows of suggestion_rows: parameter 1 is the analyst, 2 the time stamp
    (created and updated), then each row's 11 values."""
    values = []
    for k in range(n):
        p = [f"?{3 + k * _ROW_VALUES + j}" for j in range(_ROW_VALUES)]
        values.append(f"({', '.join(p[:7])}, 'auto', 'suggested', {', '.join(p[7:10])}, ?1, ?2, ?2, {p[10]})")
    return f"INSERT INTO annotations ({_COLUMNS}) VALUES {', '.join(values)}"


def statements(made: list[tuple], analyst: str | None, stamp: str) -> Iterator[tuple[str, tuple]]:
    """(SQL, parameters) that insert the rows of suggestion_rows, in order."""
    for at in range(0, len(made), PER_STATEMENT):
        chunk = made[at : at + PER_STATEMENT]
        yield insert_sql(len(chunk)), (analyst, stamp, *chain.from_iterable(chunk))
