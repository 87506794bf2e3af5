"""Build the store the README screenshot shows: the sample pages, tagged, item 12 partly reviewed.

    .venv/bin/python docs/screenshot_store.py STORE     (then: annotator gui --db STORE --item 12
                                                         --analyst "Rana Haddad" --screenshot FILE)

Everything goes through the same services the window uses, so the picture shows real states:
accepted, suggested and rejected tags, an item in progress, a verification note on a tag.
"""

from __future__ import annotations

import sys
from pathlib import Path

from annotator.services import notes, review, tagging
from annotator.services.importing import import_paths
from annotator.store import annotations, open_store

ROOT = Path(__file__).resolve().parent.parent
ANALYST = "Rana Haddad"  # a made-up name


def build(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_store(path)
    import_paths(db, [ROOT / "sample_data"], analyst=ANALYST)
    tagging.tag_items(db, analyst=ANALYST, jobs=1)
    tags = annotations.for_item(db, 12)

    def tag(kind: str, text: str) -> int:
        return next(t["id"] for t in tags if t["kind"] == kind and t["text"] == text)

    for kind, text in (("speaker", "Syrian Coalition"), ("casualty", "10 civilians"), ("location", "Buqras Fokani"),
                       ("date", "over the past week"), ("casualty", "at least 150 civilians")):
        review.accept(db, tag(kind, text), ANALYST)
    review.reject(db, tag("speaker", "it"), ANALYST)
    notes.add_note(db, 12, ANALYST, annotation_id=tag("casualty", "10 civilians"), grading="fair",
                   sources=["https://example.org/deir-ezzor-airstrike-report"],
                   checklist={"source_identified": True, "date_confirmed": True},
                   text="Figure matches the provincial council statement; no second source yet.")
    db.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]))
