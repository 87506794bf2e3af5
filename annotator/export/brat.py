"""brat standoff: a folder of `<item>.txt` (the item body) and `<item>.ann`, plus the
`annotation.conf` and `visual.conf` brat needs to open it.

In each .ann file:
- `T` lines: the tag's span. A span crossing a line break is written as brat fragments
  (`start end;start end`), since brat text-bounds cannot contain newlines.
- `A` lines: the attributes with a closed set of values, declared in annotation.conf:
  review State, Origin, casualty Qualifier, Figure_kind and Approximate (binary), location
  Feature and Precision. A value outside the declared set is never written as an A line.
- `#` lines (AnnotatorNotes): one per tag holding the remaining attributes as JSON (so nothing
  is lost: `parse_ann` reads them back), then one per verification note on the tag.
Item-level notes have no place in standoff (brat notes attach to an annotation); they are in the
JSONL and Web Annotation exports. Carriage returns in the text are written as spaces (same
length) so offsets hold for readers that translate line endings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.export.schema import ItemBundle
from annotator.vocabulary import CASUALTY_KINDS, FEATURES, ORIGINS, QUALIFIERS, STATES, normalise

ENTITY = {"speaker": "Speaker", "location": "Location", "casualty": "Casualty", "date": "Date"}
KIND_OF_ENTITY = {v: k for k, v in ENTITY.items()}
# brat attribute name -> (entity types, kind attribute key or None for tag fields, declared values; () = binary)
CATEGORICAL: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    "State": (tuple(ENTITY.values()), "@state", STATES),
    "Origin": (tuple(ENTITY.values()), "@origin", ORIGINS),
    "Qualifier": (("Casualty",), "qualifier", QUALIFIERS),
    "Figure_kind": (("Casualty",), "kind", CASUALTY_KINDS),
    "Approximate": (("Casualty",), "approximate", ()),
    "Feature": (("Location",), "feature", FEATURES),
    "Precision": (("Location",), "precision", ("1", "2", "3")),
}
VALUE_TYPE = {"Precision": int}  # declared as tokens, stored as numbers
ATTRIBUTE_NOTE = "attributes "
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # everything str.splitlines splits on
_FRAGMENT = re.compile(f"[^{LINE_BREAKS}]+")
TOKEN = re.compile(r"[A-Za-z0-9_.\-]+")
COLOURS = {"Speaker": "#8fb2ff", "Location": "#7fe2a0", "Casualty": "#ff9a8a", "Date": "#f7d774"}


def annotation_conf() -> str:
    lines = ["# Annotator export for brat (https://brat.nlplab.org)", "[entities]", *ENTITY.values(), "",
             "[relations]", "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", "",
             "[attributes]"]
    for name, (types, _key, values) in CATEGORICAL.items():
        decl = f"{name}\tArg:{'|'.join(types)}"
        lines.append(decl + (f", Value:{'|'.join(values)}" if values else ""))
    return "\n".join(lines) + "\n"


def visual_conf() -> str:
    lines = ["[labels]", *(f"{e} | {e}" for e in ENTITY.values()), "", "[drawing]"]
    lines += [f"{e}\tbgColor:{c}" for e, c in COLOURS.items()]
    return "\n".join(lines) + "\n"


def doc_name(item_id: int) -> str:
    return f"item-{item_id:07d}"


def brat_text(body: str) -> str:
    return body.replace("\r", " ")


def fragments(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span split at line breaks, whitespace-only pieces dropped."""
    return [(start + m.start(), start + m.end()) for m in _FRAGMENT.finditer(body[start:end])
            if m.group(0).strip()]


def _one_line(text: str) -> str:
    return re.sub(f"[{LINE_BREAKS}\t]", " ", text)


def _no_breaks(text: str) -> str:
    return re.sub(f"[{LINE_BREAKS}]", " ", text)


def _json_one_line(value: Any) -> str:
    # ensure_ascii=False keeps Arabic names readable; json already escapes control characters,
    # and the three Unicode line separators it leaves raw are escaped here.
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _declared(name: str, value: Any) -> str | None:
    """The A-line value for `value` ("" for a binary flag that is set), or None when `value` is
    not one of the declared tokens of the attribute's type (it then stays in the JSON note)."""
    values = CATEGORICAL[name][2]
    if values == ():
        return "" if value is True else None
    if type(value) is not VALUE_TYPE.get(name, str):
        return None
    token = str(value)
    return token if token in values and TOKEN.fullmatch(token) else None


def ann_text(bundle: ItemBundle) -> tuple[str, int]:
    """The .ann content for one item and the number of tags written (empty spans are skipped)."""
    body = bundle.item["body"]
    lines: list[str] = []
    t_of: dict[int | None, str] = {}
    n_attr = n_note = 0
    for a in bundle.annotations:
        parts = fragments(body, a["start"], a["end"])
        if not parts:
            continue
        tid = f"T{len(t_of) + 1}"
        t_of[a["id"]] = tid
        entity = ENTITY[a["kind"]]
        spans = ";".join(f"{s} {e}" for s, e in parts)
        # the text field is the rest of the line: a tab in the span stays (brat compares it with
        # the document), only line breaks, which fragments already split at, could break it
        lines.append(f"{tid}\t{entity} {spans}\t{_no_breaks(' '.join(body[s:e] for s, e in parts))}")
        attrs = normalise(a["kind"], a.get("attributes"))
        rest = dict(attrs)
        for name, (types, key, _values) in CATEGORICAL.items():
            if entity not in types:
                continue
            value = a[key[1:]] if key.startswith("@") else attrs.get(key)
            token = _declared(name, value)
            if token is None:
                continue
            n_attr += 1
            lines.append(f"A{n_attr}\t{name} {tid}" + (f" {token}" if token else ""))
            rest.pop(key, None)
        extra = {k: v for k, v in rest.items() if v is not None}
        extra_fields = {"id": a["id"], "analyst": a.get("analyst"), "rule": a.get("rule"),
                        "confidence": a.get("confidence")}
        n_note += 1
        lines.append(f"#{n_note}\tAnnotatorNotes {tid}\t{ATTRIBUTE_NOTE}"
                     + _json_one_line({"attributes": extra, **extra_fields}))
    for n in bundle.notes:
        note_tid = t_of.get(n.get("annotation_id"))
        if note_tid is None:
            continue
        n_note += 1
        grading = f"[{n['grading']}] " if n.get("grading") else ""
        lines.append(f"#{n_note}\tAnnotatorNotes {note_tid}\tnote {grading}{_one_line(n.get('text') or '')}".rstrip())
    return "".join(line + "\n" for line in lines), len(t_of)


def write(bundles: Iterable[ItemBundle], folder: Path) -> int:
    """Write every item's .txt/.ann and the config files into `folder`; returns tags written."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "annotation.conf").write_text(annotation_conf(), encoding="utf-8")
    (folder / "visual.conf").write_text(visual_conf(), encoding="utf-8")
    total = 0
    for bundle in bundles:
        name = doc_name(bundle.item["id"])
        (folder / f"{name}.txt").write_text(brat_text(bundle.item["body"]), encoding="utf-8", newline="")
        text, n = ann_text(bundle)
        (folder / f"{name}.ann").write_text(text, encoding="utf-8", newline="")
        total += n
    return total


def parse_ann(text: str) -> list[dict[str, Any]]:
    """Read .ann text back: one dict per T line with kind, fragments, start, end, text,
    state/origin (from A lines) and the attributes (A lines plus the attribute note)."""
    spans: dict[str, dict[str, Any]] = {}
    for line in text.split("\n"):
        if not line:
            continue
        fields = line.split("\t")
        ident = fields[0]
        if ident.startswith("T"):
            entity, _, offsets = fields[1].partition(" ")
            frags = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            kind = KIND_OF_ENTITY[entity]
            spans[ident] = {"kind": kind, "fragments": frags, "start": frags[0][0], "end": frags[-1][1],
                            "text": "\t".join(fields[2:]), "attributes": normalise(kind, {}), "notes": []}
        elif ident.startswith("A"):
            parts = fields[1].split(" ")
            name, target = parts[0], spans[parts[1]]
            key = CATEGORICAL[name][1]
            value: Any = parts[2] if len(parts) > 2 else True
            if key.startswith("@"):
                target[key[1:]] = value
            else:
                target["attributes"][key] = VALUE_TYPE.get(name, lambda v: v)(value)
        elif ident.startswith("#"):
            target = spans[fields[1].split(" ")[1]]
            body = "\t".join(fields[2:])
            if body.startswith(ATTRIBUTE_NOTE):
                extra = json.loads(body[len(ATTRIBUTE_NOTE):])
                target["attributes"].update(extra.pop("attributes"))
                target.update(extra)
            else:
                target["notes"].append(body)
    return list(spans.values())
