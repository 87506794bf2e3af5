"""Exports under hostile input (issue 15.6-15.8): runaway sentences and cells, killed exports'
leftovers, --out pointing at a symlink, a device, a FIFO or a folder, formula-looking cells, tabs
in brat spans, a FIFO given to the importer."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.export import brat, safe_csv
from annotator.export.atomic import ExportTargetError, atomic_text, remove_leftovers
from annotator.services.exporting import ExportFilter, export
from annotator.store import annotations, items
from tests.export.test_merge import db_file


def _long_item(db, tmp_path, body: str) -> int:
    from annotator.services.importing import import_paths

    page = tmp_path / "long.txt"
    page.write_text(f"Coalition News\n17 May 2017 In Coalition News\n\n{body} (Source: Media)\n", encoding="utf-8")
    assert not import_paths(db, [page], analyst="tester").failed
    return db.conn.execute("SELECT max(id) FROM items").fetchone()[0]


def test_events_rows_stay_small_on_an_item_without_full_stops(sample_db, tmp_path):
    body = "twelve civilians were killed in the village and " * 2000  # ~100 KB, no full stop
    item_id = _long_item(sample_db, tmp_path, body)
    stored = items.get_item(sample_db, item_id)["body"]
    rows, at = [], 0
    for _ in range(200):
        s = stored.index("twelve civilians", at)
        rows.append({"item_id": item_id, "kind": "casualty", "start": s, "end": s + 16, "text": "twelve civilians",
                     "attributes": {"count_min": 12, "count_max": 12, "qualifier": "exact", "kind": "killed"},
                     "rule": "t", "confidence": 0.9})
        at = s + 400
    annotations.insert_many_suggestions(sample_db, rows)
    out = tmp_path / "events.csv"
    export(sample_db, "events", out, ExportFilter(state="all"))
    assert out.stat().st_size < 400_000  # was 200 x 100 KB sentences
    with open(out, newline="", encoding="utf-8") as fh:
        notes = [r["notes"] for r in csv.DictReader(fh) if r["item_id"] == str(item_id)]
    assert len(notes) == 200 and all(len(n) < 800 for n in notes)
    assert all("twelve civilians" in n and "…" in n for n in notes)


def test_no_csv_cell_is_longer_than_a_spreadsheet_holds(sample_db, tmp_path):
    item_id = _long_item(sample_db, tmp_path, "Ten were killed " + "x" * 40_000 + " in the town.")
    stored = items.get_item(sample_db, item_id)["body"]
    annotations.insert(sample_db, item_id=item_id, kind="speaker", start=0, end=len(stored), text=stored,
                       origin="manual", state="accepted", analyst="alice")
    out = tmp_path / "tags.csv"
    export(sample_db, "csv", out, ExportFilter(state="all"))
    csv.field_size_limit(10**7)
    with open(out, newline="", encoding="utf-8") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert max(len(c) for c in cells) <= safe_csv.MAX_CELL
    assert any(c.endswith("characters]") and "cut" in c for c in cells)


@pytest.mark.parametrize("text", [" =SUM(A1)", "\u00a0=1+1", "\uff1dcmd", "|calc", "\uff0b1", "  @x"])
def test_formula_looking_cells_are_neutralised(text):
    assert safe_csv.cell(text).startswith("'")


def test_nul_in_a_cell_is_shown_not_written():
    assert safe_csv.cell("a\x00b") == "a\u2400b"


def test_a_tab_inside_a_span_stays_in_the_brat_text(sample_db):
    from annotator.export.schema import ItemBundle

    body = "The council said\tten were killed."
    item = {"id": 1, "body": body, "date": "2017-05-17"}
    tag = {"id": 5, "kind": "speaker", "start": 4, "end": 21, "text": body[4:21], "state": "accepted",
           "origin": "manual", "attributes": {}, "analyst": "a", "rule": None, "confidence": None}
    text, _ = brat.ann_text(ItemBundle(item, [tag], []))
    [back] = brat.parse_ann(text)
    assert back["text"] == body[4:21] == " ".join(body[s:e] for s, e in back["fragments"])


def test_leftovers_of_a_killed_export_are_removed_by_the_next_one(tmp_path):
    out = tmp_path / "out" / "e.csv"
    out.parent.mkdir()
    child = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from annotator.export.atomic import atomic_text\n"
        "with atomic_text(sys.argv[1]) as fh:\n"
        "    fh.write('x' * 1000); fh.flush(); print('writing', flush=True); time.sleep(60)\n"), str(out)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "writing"
        [part] = [p for p in out.parent.iterdir() if p.name.endswith(".part")]
        assert remove_leftovers(out.parent) == []  # a running export's file is left alone
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert part.exists()  # a killed export cannot clean up after itself
    finally:
        child.kill()
        child.wait()
    with atomic_text(out) as fh:
        fh.write("done\n")
    assert sorted(p.name for p in out.parent.iterdir()) == ["e.csv"]


def test_out_as_a_symlink_writes_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with atomic_text(link) as fh:
        fh.write("new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


def _device(tmp_path: Path) -> Path | None:
    """A character device of our own (a copy of /dev/null's node) so that a failing test can
    never replace the system's /dev/null; None where creating device nodes is not allowed."""
    import stat

    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (OSError, AttributeError):
        return None
    return node


def test_out_as_a_fifo_or_device_is_refused(sample_db, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    device = _device(tmp_path)
    for target in [fifo] + ([device] if device else []):
        with pytest.raises(ExportTargetError), atomic_text(target) as fh:
            fh.write("x")
        assert main(["export", "--format", "csv", "--out", str(target), "--db", db_file(sample_db)]) == 1
        assert "not a file" in capsys.readouterr().err
    assert fifo.is_fifo() and (device is None or device.is_char_device())
    assert main(["export", "--format", "csv", "--out", str(tmp_path), "--db", db_file(sample_db)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_a_fifo_given_to_the_importer_is_named_as_such(sample_db, tmp_path, capsys):
    fifo = tmp_path / "pages.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert main(["import", str(fifo), "--db", db_file(sample_db)]) == 1
    assert time.monotonic() - started < 10
    err = capsys.readouterr().err
    assert "not a regular file" in err and "no such file" not in err
