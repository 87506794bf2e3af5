from __future__ import annotations

import json

from annotator.cli import main

INCIDENT_KEYS = {"id", "state", "label", "date_start", "date_end", "date_prec", "place", "lat", "lon", "where_prec",
                 "kind", "best", "low", "high", "fatalities", "sources", "grading", "figures"}
FIGURE_KEYS = {"annotation_id", "item_id", "file", "text"}


def test_suggest_then_list_json(incident_db, db_path, capsys):
    assert main(["incidents", "suggest", "--db", str(db_path), "--quiet"]) == 0
    assert "3 incidents suggested" in capsys.readouterr().out  # the airstrike, Kafr Nabl, Dael
    assert main(["incidents", "list", "--json", "--db", str(db_path)]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert set(listing) == {"incidents", "aggregates"}
    assert len(listing["incidents"]) == 3
    for incident in listing["incidents"]:
        assert set(incident) >= INCIDENT_KEYS
        assert all(set(f) >= FIGURE_KEYS for f in incident["figures"])
    airstrike = next(i for i in listing["incidents"] if len(i["figures"]) == 5)
    assert (airstrike["best"], airstrike["low"], airstrike["high"], airstrike["fatalities"]) == (20, 12, 23, 12)
    assert airstrike["sources"] == 3 and airstrike["grading"] == "contested" and airstrike["state"] == "suggested"
    assert airstrike["lat"] == 35.71 and airstrike["where_prec"] == 1
    assert {f["file"] for f in airstrike["figures"]} == {"outlet_a.txt", "outlet_b.txt", "outlet_c.txt"}
    [tally] = listing["aggregates"]
    assert tally["text"] == "12,000 civilians" and tally["file"] == "outlet_b.txt"


def test_list_text(incident_db, db_path, capsys):
    main(["incidents", "suggest", "--db", str(db_path), "--quiet"])
    capsys.readouterr()
    assert main(["incidents", "list", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Maarat Hazeen" in out and "3 incidents, 1 aggregate figures" in out
