"""One tag as JSON: the text the store keeps beside each tag (so a million-item export only joins
stored text) and the JSONL export writes. Shared by store and export, so it belongs to neither.

Compact JSON (no spaces), UTF-8 as is, NaN/infinity as null, the Unicode line separators escaped.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

from annotator.vocabulary import normalise


def encoder(*, separators: tuple[str, str], sort_keys: bool, allow_nan: bool) -> Callable[[Any], str]:
    """A JSON encoder (ensure_ascii off) built once: the text of json.JSONEncoder(...).encode with
    these options, without building the C encoder again on every call (half the cost of a small
    dict). No circular-reference check: what is encoded here is plain data (a cycle raises
    RecursionError instead of ValueError)."""
    python = json.JSONEncoder(ensure_ascii=False, separators=separators, sort_keys=sort_keys, allow_nan=allow_nan)
    c_make_encoder = getattr(json.encoder, "c_make_encoder", None)  # not in the type stubs
    if c_make_encoder is None:  # a Python without the C accelerator
        return python.encode
    make = c_make_encoder(None, python.default, encode_basestring, None, separators[1], separators[0],
                          sort_keys, False, allow_nan)
    join = "".join

    def encode(value: Any) -> str:
        return join(make(value, 0))

    return encode


_strict = encoder(separators=(",", ":"), sort_keys=False, allow_nan=False)


def escape_breaks(text: str) -> str:
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text


_BREAKS_UTF8 = ((b"\xc2\x85", b"\\u0085"), (b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))


def escape_breaks_utf8(data: bytes) -> bytes:
    """escape_breaks on UTF-8 bytes (these sequences are never part of another character).

    Searching a 2 KB line for a 2- or 3-byte sequence takes microseconds, a single byte (memchr)
    a tenth of one: the last bytes of the three come first, and only a line holding one of them
    (Arabic letters and accents do; the curly quotes and dashes of English news do not) is
    searched for the sequences themselves."""
    if b"\x85" not in data and b"\xa8" not in data and b"\xa9" not in data:
        return data
    for raw, escaped in _BREAKS_UTF8:
        if raw in data:
            data = data.replace(raw, escaped)
    return data


def dumps(value: Any) -> str:
    """Strict one-line JSON (NaN/infinity as null, Unicode line separators escaped)."""
    try:
        text = _strict(value)
    except ValueError:
        text = _strict(finite(value))
    return escape_breaks(text)


def finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def json_text(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _attributes(kind: str, stored: str | None) -> str:
    return _stored_attributes(kind, stored) if stored else _stored_attributes(kind, "{}")


@functools.lru_cache(maxsize=8192)
def _stored_attributes(kind: str, stored: str) -> str:
    # Tags of one place or speaker share their attribute text: most calls are cache hits.
    return dumps(normalise(kind, json.loads(stored)))


def annotation_tail(origin: str, state: str, rule: str | None, confidence: float | None, analyst: str | None,
                    kind: str, stored_attributes: str | None) -> str:
    """The JSON of an annotation from "origin" to its closing brace."""
    conf = repr(confidence) if confidence is not None and math.isfinite(confidence) else "null"
    return (f'"origin":"{origin}","state":"{state}","rule":{json_text(rule)},"confidence":{conf},'
            f'"analyst":{json_text(analyst)},"attributes":{_attributes(kind, stored_attributes)}}}')


class TailCache(dict):
    """(origin, state, rule, confidence, analyst, kind, stored attributes) -> annotation_tail.
    Tags of one rule, analyst and place share all of these, so most tags skip the JSON work;
    the cache is emptied when it reaches `limit` entries to bound memory."""

    def __init__(self, limit: int = 200_000) -> None:
        super().__init__()
        self.limit = limit

    def __missing__(self, key: tuple) -> str:
        if len(self) >= self.limit:
            self.clear()
        tail = self[key] = annotation_tail(*key)
        return tail


ANNOTATION_HEAD = '{"id":%d,"kind":"%s","start":%d,"end":%d,"text":%s,'
# The store keeps every tag's JSON (annotation_json) beside the tag so that a million-item export
# only joins stored text. Bump this when annotation_json's output changes: a store whose copies
# were made by another version is exported the slow way until a migration remakes them.
FRAGMENT_VERSION = "1"


def annotation_json(annotation_id: int, kind: str, start: int, end: int, text: str, origin: str, state: str,
                    rule: str | None, confidence: float | None, analyst: str | None,
                    stored_attributes: str | None) -> str:
    """One tag as it stands in a JSONL line's `annotations` list (line separators escaped),
    from the tag's columns (attributes as their stored JSON text)."""
    return escape_breaks(ANNOTATION_HEAD % (annotation_id, kind, start, end, encode_basestring(text))
                          + annotation_tail(origin, state, rule, confidence, analyst, kind, stored_attributes))


