"""Every format honours the item filter (status, dates) and the tag state filter."""

from __future__ import annotations

import csv
import json
import re

import pytest

from annotator.cli import main
from annotator.export import brat
from annotator.services.exporting import FORMATS, ExportFilter, export
from annotator.store.items import ItemFilter
from tests.export.conftest import out_path


def seen(fmt, path):
    """(item ids present, tag states present) in an export."""
    item_ids, states = set(), set()
    if fmt == "jsonl":
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            item_ids.add(rec["item_id"])
            states |= {a["state"] for a in rec["annotations"]}
    elif fmt in ("csv", "events"):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                item_ids.add(int(row["item_id"]))
                # an event row of several figures lists each one's state ("accepted;suggested")
                states |= set(row["state" if fmt == "csv" else "review_status"].split(";"))
    elif fmt == "webanno":
        for anno in json.loads(path.read_text(encoding="utf-8"))["first"]["items"]:
            item_ids.add(anno["item"])
            if anno["motivation"] == "tagging":
                states.add(anno["reviewState"])
    else:
        for ann in path.glob("*.ann"):
            item_ids.add(int(re.search(r"\d+", ann.name).group()))
            states |= {p["state"] for p in brat.parse_ann(ann.read_text(encoding="utf-8"))}
    return item_ids, states


# tag states per item in tagged_db, and the casualty figures among them (the events rows)
TAGS = {1: {"accepted"}, 2: {"suggested"}, 8: {"accepted"}, 12: {"accepted", "suggested", "edited", "rejected"}}
CASUALTIES = {8: {"accepted"}, 12: {"accepted", "suggested", "edited", "rejected"}}
ALL_ITEMS = set(range(1, 13))
DEFAULT = {"accepted", "edited", "suggested"}
CASES = [  # filter, items it lets through, tag states it lets through
    (ExportFilter(), ALL_ITEMS, DEFAULT),
    (ExportFilter(state="accepted"), ALL_ITEMS, {"accepted", "edited"}),
    (ExportFilter(state="reviewed"), ALL_ITEMS, {"accepted", "edited", "rejected"}),
    (ExportFilter(state="all"), ALL_ITEMS, DEFAULT | {"rejected"}),
    (ExportFilter(ItemFilter(status="reviewed"), "all"), {12}, DEFAULT | {"rejected"}),
    (ExportFilter(ItemFilter(date_from="2017-10-01", date_to="2017-10-09"), "accepted"), set(range(7, 13)),
     {"accepted", "edited"}),
    (ExportFilter(ItemFilter(date_to="2017-05-17")), {1, 2, 3, 4}, DEFAULT),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("filters", "items", "states"), CASES)
def test_filters_in_every_format(tagged_db, tmp_path, fmt, filters, items, states):
    out = out_path(tmp_path, fmt)
    export(tagged_db, fmt, out, filters)
    item_ids, got_states = seen(fmt, out)
    table = CASUALTIES if fmt == "events" else TAGS
    expected_states = set().union(*(table[i] & states for i in items if i in table))
    tagged = {i for i in items if table.get(i, set()) & states}
    if fmt in ("jsonl", "brat"):  # a line / a document for every item, tagged or not
        assert item_ids == items
    elif fmt == "webanno":  # tags and notes (notes are on item 12)
        assert item_ids == tagged | ({12} & items)
    else:
        assert item_ids == tagged
    assert got_states == expected_states


def test_cli_filters(tagged_db, tmp_path, capsys):
    db = tagged_db.conn.execute("PRAGMA database_list").fetchone()[2]
    out = tmp_path / "x.jsonl"
    assert main(["export", "--format", "jsonl", "--out", str(out), "--db", db, "--status", "annotated",
                 "--state", "accepted"]) == 0
    assert [json.loads(line)["item_id"] for line in out.read_text().splitlines()] == [8]
    assert main(["export", "--format", "jsonl", "--out", str(out), "--db", db, "--from", "2017-10-05",
                 "--to", "2017-10-07"]) == 0
    dates = [json.loads(line)["date"] for line in out.read_text().splitlines()]
    assert dates and all("2017-10-05" <= d <= "2017-10-07" for d in dates)
    assert "exported 4 items" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["export", "--format", "jsonl", "--out", str(out), "--db", db, "--from", "17/05/2017"])
    assert exc.value.code == 2
    assert main(["export", "--format", "jsonl", "--out", str(out), "--db", db, "--from", "2017-10-09",
                 "--to", "2017-10-01"]) == 2
