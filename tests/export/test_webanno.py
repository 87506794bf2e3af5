"""W3C Web Annotation: required keys, and selectors that find the exact text in the source."""

from __future__ import annotations

import base64
import json

from annotator.vocabulary import ATTRIBUTES
from annotator.services.exporting import ExportFilter, export
from annotator.store import annotations, sources


def load(tagged_db, tmp_path, state="all"):
    out = tmp_path / "anno.jsonld"
    export(tagged_db, "webanno", out, ExportFilter(state=state))
    return json.loads(out.read_text(encoding="utf-8"))


def test_collection_shape(tagged_db, tmp_path):
    doc = load(tagged_db, tmp_path)
    context = doc["@context"]
    assert context == "http://www.w3.org/ns/anno.jsonld" or context[0] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection" and doc["id"].startswith("urn:uuid:")
    page = doc["first"]
    assert page["type"] == "AnnotationPage"
    assert doc["total"] == len(page["items"]) == 10 + 2  # ten tags, two notes
    for anno in page["items"]:
        assert {"id", "type", "motivation", "body", "target", "created", "modified"} <= set(anno)
        assert anno["type"] == "Annotation"


def test_tag_annotations_carry_kind_attributes_and_creator(tagged_db, tmp_path):
    tags = [a for a in load(tagged_db, tmp_path)["first"]["items"] if a["motivation"] == "tagging"]
    assert len(tags) == 10
    by_id = {a["id"]: a for a in tags}
    ramadan = by_id[f"urn:annotator:annotation:{tagged_db.ids['ramadan']}"]
    assert ramadan["body"]["kind"] == "speaker" and ramadan["body"]["value"] == "speaker"
    assert ramadan["body"]["attributes"]["role"] == "Head of media department"
    assert list(ramadan["body"]["attributes"]) == list(ATTRIBUTES["speaker"])
    assert ramadan["creator"] == {"type": "Person", "name": "alice"}
    row = annotations.get(tagged_db, tagged_db.ids["ramadan"])
    assert (ramadan["created"], ramadan["modified"]) == (row["created"], row["updated"])
    hakim = by_id[f"urn:annotator:annotation:{tagged_db.ids['hakim']}"]
    assert hakim["creator"]["type"] == "Software" and hakim["reviewState"] == "suggested"


def test_selectors_locate_the_exact_text_in_the_source(tagged_db, tmp_path):
    tags = [a for a in load(tagged_db, tmp_path)["first"]["items"] if a["motivation"] == "tagging"]
    texts = {}
    for anno in tags:
        target = anno["target"]
        sha = target["source"]["sha256"]
        digest = base64.urlsafe_b64encode(bytes.fromhex(sha)).decode().rstrip("=")
        assert target["source"]["id"] == f"ni:///sha-256;{digest}"
        if sha not in texts:
            texts[sha] = sources.source_text(sources.get_source(tagged_db, sources.source_by_sha(tagged_db, sha)["id"]))
        text = texts[sha]
        quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
        position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[start - len(quote["prefix"]):start] == quote["prefix"]
        assert text[end:end + len(quote["suffix"])] == quote["suffix"]
        # the quote with its context is found at exactly that place
        whole = quote["prefix"] + quote["exact"] + quote["suffix"]
        assert text.find(whole) == start - len(quote["prefix"])
        db_id = int(anno["id"].rsplit(":", 1)[1])
        assert quote["exact"] == annotations.get(tagged_db, db_id)["text"]


def test_notes_are_assessing_annotations_on_their_targets(tagged_db, tmp_path):
    notes = [a for a in load(tagged_db, tmp_path)["first"]["items"] if a["motivation"] == "assessing"]
    on_tag = next(n for n in notes if isinstance(n["target"], str))
    assert on_tag["target"] == f"urn:annotator:annotation:{tagged_db.ids['killed10']}"
    assert on_tag["body"]["grading"] == "confirmed" and on_tag["body"]["sources"] == ["SNHR report"]
    on_item = next(n for n in notes if isinstance(n["target"], dict))
    assert on_item["body"]["value"] == "Coalition denies the strike."
