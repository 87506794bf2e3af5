"""W3C Web Annotation Data Model (JSON-LD): one AnnotationCollection holding every tag.

Each tag is an Annotation whose target is the source file (named by its SHA-256 as an RFC 6920
`ni:` URI, with the file name as label) refined by two alternative selectors: a
TextQuoteSelector (exact, plus up to 32 characters of prefix/suffix from the item body) and a
TextPositionSelector whose start/end count characters in the source's text (for HTML sources,
the extracted text). The body is a tagging TextualBody whose value is the kind, extended with
`kind` and the kind's `attributes`. Verification notes become `assessing` annotations on the tag
(or on the item's span of the source). Terms beyond the W3C vocabulary are defined in a second
@context entry, so the file is valid JSON-LD.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any, TextIO

from annotator import __version__
from annotator.tag_json import dumps
from annotator.export.schema import ItemBundle
from annotator.vocabulary import normalise

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCAB = "urn:annotator:vocab#"
EXTENSION = {
    "@version": 1.1,
    "annotator": VOCAB,
    "kind": "annotator:kind",
    "attributes": {"@id": "annotator:attributes", "@type": "@json"},
    "reviewState": "annotator:reviewState",
    "origin": "annotator:origin",
    "rule": "annotator:rule",
    "confidence": "annotator:confidence",
    "item": "annotator:item",
    "sha256": "annotator:sha256",
    "grading": "annotator:grading",
    "checklist": {"@id": "annotator:checklist", "@type": "@json"},
    "sources": {"@id": "annotator:sources", "@type": "@json"},
}
CONTEXT = [ANNO_CONTEXT, EXTENSION]
CONTEXT_CHARS = 32


def ni_uri(sha256_hex: str) -> str:
    """RFC 6920 named-information URI for a SHA-256 given in hex."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256_hex)).decode("ascii").rstrip("=")
    return f"ni:///sha-256;{digest}"


def _source(item: dict[str, Any]) -> dict[str, Any]:
    return {"id": ni_uri(item["source_sha256"]), "type": "Text", "label": item["source_name"],
            "sha256": item["source_sha256"]}


def _creator(analyst: str | None, origin: str | None) -> dict[str, Any] | None:
    if analyst:
        return {"type": "Person", "name": analyst}
    if origin == "auto":
        return {"type": "Software", "name": "Annotator tagger"}
    return None


def annotation_iri(annotation_id: int) -> str:
    return f"urn:annotator:annotation:{annotation_id}"


def annotation_object(a: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    body, offset = item["body"], item["body_start"]
    start, end = a["start"], a["end"]
    obj: dict[str, Any] = {
        "id": annotation_iri(a["id"]),
        "type": "Annotation",
        "motivation": "tagging",
        "created": a.get("created"),
        "modified": a.get("updated"),
        "body": {
            "type": "TextualBody", "purpose": "tagging", "value": a["kind"], "kind": a["kind"],
            "attributes": normalise(a["kind"], a.get("attributes")),
        },
        "target": {
            "type": "SpecificResource",
            "source": _source(item),
            "selector": [
                {"type": "TextQuoteSelector", "exact": body[start:end],
                 "prefix": body[max(0, start - CONTEXT_CHARS):start], "suffix": body[end:end + CONTEXT_CHARS]},
                {"type": "TextPositionSelector", "start": offset + start, "end": offset + end},
            ],
        },
        "reviewState": a["state"],
        "origin": a["origin"],
        "rule": a.get("rule"),
        "confidence": a.get("confidence"),
        "item": item["id"],
    }
    creator = _creator(a.get("analyst"), a["origin"])
    if creator:
        obj["creator"] = creator
    return obj


def note_object(n: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    if n.get("annotation_id") is not None:
        target: Any = annotation_iri(n["annotation_id"])
    else:
        target = {"type": "SpecificResource", "source": _source(item),
                  "selector": {"type": "TextPositionSelector", "start": item["start"], "end": item["end"]}}
    obj: dict[str, Any] = {
        "id": f"urn:annotator:note:{n['id']}",
        "type": "Annotation",
        "motivation": "assessing",
        "created": n.get("created"),
        "modified": n.get("updated") or n.get("created"),
        "body": {"type": "TextualBody", "purpose": "assessing", "value": n.get("text") or "",
                 "grading": n.get("grading"), "checklist": n.get("checklist") or {}, "sources": n.get("sources") or []},
        "target": target,
        "item": item["id"],
    }
    creator = _creator(n.get("analyst"), None)
    if creator:
        obj["creator"] = creator
    return obj


def write(bundles: Iterable[ItemBundle], fh: TextIO) -> int:
    """Stream the collection (its one page holds every annotation); returns the annotation count."""
    head = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "AnnotationCollection",
        "label": "Annotator export",
        "generator": {"id": "urn:annotator:software", "type": "Software", "name": f"Annotator {__version__}"},
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    fh.write(dumps(head)[:-1] + ',\n"first": {"type": "AnnotationPage", "startIndex": 0, "items": [\n')
    total = 0
    for bundle in bundles:
        objects = [annotation_object(a, bundle.item) for a in bundle.annotations]
        objects += [note_object(n, bundle.item) for n in bundle.notes]
        for obj in objects:
            fh.write((",\n" if total else "") + dumps(obj))
            total += 1
    fh.write(f'\n]}},\n"total": {total}\n}}\n')
    return total
