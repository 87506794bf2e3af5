"""Build the store behind the README's incident screenshots (run by `make incident-screenshots`).

    python docs/incident_screenshot_store.py OUT.db

The generated benchmark corpus (2,000 items, tagged; benchmarks/generate.py), incidents
suggested, then an analyst's first pass: the incidents of 2016-2017 and every incident told by
two or more reports confirmed (the generated corpus has one outlet, so every incident has one
independent source and is graded weak), the others left as suggestions.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import generate  # noqa: E402

N_ITEMS = 2000


def main(out: str) -> None:
    from annotator.services import incidents
    from annotator.store import incidents as store
    from annotator.store import open_store

    path = generate.build_store(out, N_ITEMS, seed=3, tagged=True)
    db = open_store(path)
    print(incidents.suggest(db, analyst="Rana Haddad").summary())
    confirmed = 0
    reports: dict[int, set[int]] = {}
    for m in store.members(db):
        reports.setdefault(m["incident_id"], set()).add(m["item_id"])
    years = {r["id"]: r["date_start"][:4] for r in store.list_incidents(db)}
    for incident_id, items in sorted(reports.items()):
        if len(items) >= 2 or years.get(incident_id) in ("2016", "2017"):
            incidents.confirm(db, incident_id, analyst="Rana Haddad")
            confirmed += 1
    print(f"confirmed {confirmed} incidents (2016-2017, or told by two or more reports)")
    db.close()


if __name__ == "__main__":
    main(sys.argv[1])
