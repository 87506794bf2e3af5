"""Build the store behind the README's incident screenshots.

    python docs/incident_screenshot_store.py OUT.db
    annotator gui --db OUT.db --view incidents --size 1366x768 --screenshot docs/img/incidents.png

What an analyst has after a first session with the bundled sample data (sample_data/: two
Syrian Coalition listing pages of 2017, twelve items): the pages imported, tagged, incidents
suggested, then a first review pass done with the same service calls the Incidents panel makes
(every step in history, as "Rana Haddad"): cumulative totals the suggestion took for events
marked as aggregates, an injured figure put with the killed figure of the same attack, the
well-placed incidents confirmed and graded. Each decision names the figure by its words and is
skipped, with a note, if the tagger no longer finds that figure.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANALYST = "Rana Haddad"
# the figure's words -> what the analyst decides (as in sample_data/002_*.txt and 000_*.txt)
AGGREGATES = ("thousands of detainees", "at least 150 civilians", "hundreds of Syrian civilians")
JOIN = (("dozens of civilians", "at least 50 civilians", "other_harm"),)  # Alashara: injured with the killed
CONFIRM = {"at least 50 civilians": ("fair", "Airstrike on civilians crossing the Euphrates"),
           "10 civilians": ("weak", "Coalition airstrike on Buqras Fokani"),
           "80 civilians": ("weak", "Convoy of civilians fired on, eastern rural Hama"),
           "dozens of innocent civilian": ("weak", "Aerial bombardment of Raqqa")}


def _figure(db, text: str) -> int | None:  # noqa: ANN001
    row = db.conn.execute("SELECT id FROM annotations WHERE kind = 'casualty' AND text = ? ORDER BY id",
                          (text,)).fetchone()
    if row is None:
        print(f"note: no casualty figure reads {text!r} any more; decision skipped", file=sys.stderr)
    return row[0] if row else None


def main(out: str) -> None:
    sys.path.insert(0, str(ROOT))
    from annotator.services import incidents
    from annotator.services.importing import import_paths
    from annotator.services.tagging import tag_items
    from annotator.store import incidents as store
    from annotator.store import open_store

    path = Path(out)
    for old in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        old.unlink(missing_ok=True)
    db = open_store(path)
    import_paths(db, [ROOT / "sample_data"], analyst=ANALYST)
    tag_items(db)
    print(incidents.suggest(db, analyst=ANALYST).summary())
    for text in AGGREGATES:
        a = _figure(db, text)
        if a is not None:
            incidents.set_aggregate(db, a, True, analyst=ANALYST)
    for text, into, role in JOIN:
        a, b = _figure(db, text), _figure(db, into)
        target = store.figure_row(db, b)["incident_id"] if b is not None else None
        if a is not None and target is not None:
            incidents.move_figure(db, a, target, analyst=ANALYST, role=role)
    for text, (grading, label) in CONFIRM.items():
        a = _figure(db, text)
        row = store.figure_row(db, a) if a is not None else None
        if row and row["incident_id"] is not None:
            incidents.edit(db, row["incident_id"], {"grading": grading, "label": label}, analyst=ANALYST)
            incidents.confirm(db, row["incident_id"], analyst=ANALYST)
    listed = incidents.list_all(db)
    confirmed = sum(i["state"] == "confirmed" for i in listed["incidents"])
    print(f"{path}: {len(listed['incidents'])} incidents ({confirmed} confirmed), "
          f"{len(listed['aggregates'])} aggregates")
    db.close()


if __name__ == "__main__":
    main(sys.argv[1])
