"""Exports appear whole or not at all: cancel and failure leave the old file and no temp file."""

from __future__ import annotations

import pytest

from annotator.export import events
from annotator.services.exporting import FORMATS, export
from tests.export.conftest import out_path


@pytest.mark.parametrize("fmt", FORMATS)
def test_cancel_leaves_nothing(tagged_db, tmp_path, fmt):
    folder = tmp_path / "exports"
    out = out_path(folder, fmt)
    calls = []
    report = export(tagged_db, fmt, out, should_stop=lambda: calls.append(1) or len(calls) > 5)
    assert report.cancelled and report.items == 5
    assert "cancelled" in report.summary()
    assert list(folder.iterdir()) == []


def test_failure_keeps_the_previous_export(tagged_db, tmp_path, monkeypatch):
    out = tmp_path / "exports" / "events.csv"
    export(tagged_db, "events", out)
    before = out.read_bytes()

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(events, "event_row", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        export(tagged_db, "events", out)
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["events.csv"]


def test_progress_reports_totals(tagged_db, tmp_path):
    seen = []
    report = export(tagged_db, "jsonl", tmp_path / "x.jsonl", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (12, 12) and report.items == 12
    assert (tmp_path / "x.jsonl").stat().st_mode & 0o777 == 0o600  # as private as the store


def test_the_summary_counts_in_words(tmp_path):
    """'1 note', not '1 notes' (the window's status bar and the CLI print it)."""
    from annotator.services.exporting import ExportReport

    one = ExportReport("jsonl", tmp_path / "x.jsonl", items=1, annotations=1, notes=1).summary()
    assert one.startswith("exported 1 item, 1 tag, 1 note as jsonl")
    many = ExportReport("jsonl", tmp_path / "x.jsonl", items=12, annotations=0, notes=2).summary()
    assert many.startswith("exported 12 items, 0 tags, 2 notes as jsonl")
