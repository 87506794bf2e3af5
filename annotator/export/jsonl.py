"""JSON Lines: one object per item with its tags and notes; the interchange format that
`annotator import-annotations` reads back. Keys are exactly those of issue 5; tag offsets are
into `text` (the item body).

Lines are compact JSON (no spaces), UTF-8 as is (no \\u escapes for Arabic or quotes), with
NaN/infinity written as null and the Unicode line separators escaped, so a reader splitting
on any kind of line break still sees one record per line. `write_rows` takes the store's plain
tuples (the million-item path) and writes bytes; `write` takes ItemBundles and goes through
write_rows.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
from typing import Any, BinaryIO, TextIO

from annotator.export.schema import ItemBundle, note_target
from annotator.tag_json import ANNOTATION_HEAD, TailCache, dumps, escape_breaks, json_text

# outlet, dateline (where a report was filed from), byline and needs_date (its date unknown or
# awaiting confirmation; date is then null): a single report's parts, null/false for listing items.
ITEM_KEYS = ("item_id", "source", "date", "category", "attribution", "outlet", "dateline", "byline", "needs_date",
             "text", "status", "annotations", "notes")

ITEM_HEAD = ('{"item_id":%d,"source":{"file":%s,"sha256":%s},"date":%s,"category":%s,"attribution":%s,'
             '"outlet":%s,"dateline":%s,"byline":%s,"needs_date":%s,"text":')
ITEM_TAIL = ',"status":"%s","annotations":[%s],"notes":[%s]}\n'
CHUNK_LINES = 1000


def note_record(n: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": n["id"], "target": note_target(n), "grading": n.get("grading"), "sources": n.get("sources") or [],
        "checklist": n.get("checklist") or {}, "text": n.get("text") or "", "analyst": n.get("analyst"),
        "created": n.get("created"),
    }


def _tags_json(tags: list[tuple], tails: TailCache) -> str:
    """ANNOTATION_ROW tuples (in tag order) as the inside of a line's `annotations` list."""
    enc = encode_basestring
    return ",".join([ANNOTATION_HEAD % (aid, kind, start, end, enc(text))
                     + tails[(origin, state, rule, conf, analyst, kind, attrs)]
                     for _, aid, kind, start, end, text, origin, state, rule, conf, analyst, attrs in tags])


def _notes_json(notes: list[dict[str, Any]]) -> str:
    return ",".join([dumps(note_record(x)) for x in notes]) if notes else ""


def write_pieces(lines: Iterable[tuple[bytes, ...]], fh: BinaryIO) -> int:
    """Write each line's pieces, a thousand lines at a time; returns the number of lines."""
    pieces: list[bytes] = []
    n = 0
    for line in lines:
        pieces.extend(line)
        n += 1
        if n % CHUNK_LINES == 0:
            fh.write(b"".join(pieces))
            pieces.clear()
    fh.write(b"".join(pieces))
    return n


def row_pieces(rows: Iterable[tuple[tuple, list[tuple], list[dict[str, Any]]]]) -> Iterator[tuple[bytes, ...]]:
    """Each store row's line (store.exports.iter_export_rows: ITEM_ROW and ANNOTATION_ROW tuples,
    the body as JSON-quoted UTF-8 bytes, attributes as stored JSON text) as the bytes pieces it
    is written from.

    Lines are assembled from pre-escaped pieces: a million items must stream in seconds, so
    there is no dict per row, a tag costs one format and one cache lookup, and the body goes
    through as the bytes SQLite gave (line separators already escaped). (A str holding only
    Latin-1 text answers "\u2028 in s" at once, so the separator checks on the other pieces
    cost next to nothing.)"""
    tails, enc = TailCache(), encode_basestring
    for (item_id, file, sha, date, category, attribution, outlet, dateline, byline, needs_date, body_json,
         status), tags, notes in rows:
        head = ITEM_HEAD % (item_id, enc(file), enc(sha), json_text(date), json_text(category),
                            json_text(attribution), json_text(outlet), json_text(dateline), json_text(byline),
                            "true" if needs_date else "false")
        tail = ITEM_TAIL % (status, _tags_json(tags, tails), _notes_json(notes))
        yield escape_breaks(head).encode(), body_json, escape_breaks(tail).encode()


def write_rows(rows: Iterable[tuple[tuple, list[tuple], list[dict[str, Any]]]], fh: BinaryIO) -> int:
    """Write store rows (see row_pieces) as JSONL bytes to `fh`; returns the number of lines."""
    return write_pieces(row_pieces(rows), fh)


def stored_line_pieces(lines: Iterable[tuple[bytes, int, bytes | list[tuple], list[dict[str, Any]]]]
                       ) -> Iterator[tuple[bytes, ...]]:
    """Each of the store's line pieces (store.export_lines.iter_export_lines: the line start, the
    tag count, the tags' stored JSON or their rows, the notes) as the bytes pieces of its line:
    the same bytes as row_pieces."""
    tails = TailCache()
    for head, _, tags, notes in lines:
        if not isinstance(tags, bytes):  # a tag without its stored copy: format this item's here
            tags = escape_breaks(_tags_json(tags, tails)).encode()
        yield head, tags, (b'],"notes":[' + _notes_json(notes).encode() + b"]}\n") if notes else NO_NOTES


NO_NOTES = b'],"notes":[]}\n'


def write_lines(lines: Iterable[tuple[bytes, int, bytes | list[tuple], list[dict[str, Any]]]], fh: BinaryIO) -> int:
    """Write the store's line pieces (see stored_line_pieces) as JSONL bytes; returns the number
    of lines. Same bytes as write_rows."""
    return write_pieces(stored_line_pieces(lines), fh)


def bundle_row(bundle: ItemBundle) -> tuple[tuple, list[tuple], list[dict[str, Any]]]:
    """An ItemBundle as the tuples write_rows takes (attributes back to JSON text)."""
    it = bundle.item
    item = (it["id"], it["source_name"], it["source_sha256"], it["date"], it.get("category"), it.get("attribution"),
            it.get("outlet"), it.get("dateline"), it.get("byline"), it.get("needs_date"),
            escape_breaks(encode_basestring(it["body"])).encode(), it["status"])
    tags = [(it["id"], a["id"], a["kind"], a["start"], a["end"], a["text"], a["origin"], a["state"], a.get("rule"),
             a.get("confidence"), a.get("analyst"), dumps(a.get("attributes") or {})) for a in bundle.annotations]
    return item, tags, bundle.notes


def write(bundles: Iterable[ItemBundle], fh: TextIO) -> int:
    """Write ItemBundles as JSONL text (through write_rows: the same lines); returns their number."""
    buffer = io.BytesIO()
    n = write_rows((bundle_row(b) for b in bundles), buffer)
    fh.write(buffer.getvalue().decode("utf-8"))
    return n


class JsonlError(ValueError):
    """A line that is not a JSON object; `line` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


MAX_DEPTH = 16  # an exported line nests 5 deep (item, annotations, tag, attributes, value)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_line(number: int, raw: str) -> dict[str, Any]:
    """One line as a JSON object, or JsonlError naming the line (NaN/Infinity and nesting
    deeper than MAX_DEPTH are refused: no export writes them)."""
    try:
        obj = json.loads(raw, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise JsonlError(number, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except ValueError as exc:
        raise JsonlError(number, str(exc)) from None
    except RecursionError:
        raise JsonlError(number, f"nested deeper than {MAX_DEPTH} levels") from None
    if not isinstance(obj, dict):
        raise JsonlError(number, f"expected a JSON object, found {type(obj).__name__}")
    if depth(obj) > MAX_DEPTH:
        raise JsonlError(number, f"nested deeper than {MAX_DEPTH} levels")
    return obj


def depth(value: Any) -> int:
    """How deep lists and objects nest in `value` (iterative: no recursion limit to hit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((child, level + 1) for child in node if isinstance(child, (dict, list)))
    return deepest


def read(fh: TextIO) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; JsonlError names the first bad line."""
    for number, raw in enumerate(fh, 1):
        if raw.strip():
            yield number, parse_line(number, raw)
