"""JSONL export split across worker processes writes the same bytes as one process, honours the
filters, and leaves nothing behind when cancelled or when a worker fails."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.services import export_jsonl
from annotator.services.exporting import ExportFilter, export
from annotator.store.exports import chunk_ids
from annotator.store.items import ItemFilter


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(export_jsonl, "PARALLEL_MIN_ITEMS", 1)


def test_chunk_ids_cut_matching_items_into_ranges_of_equal_count(tagged_db):
    chunks = chunk_ids(tagged_db, ItemFilter(), 5)
    assert chunks[0][0] is None and chunks[-1][1] is None
    sizes = [tagged_db.conn.execute("SELECT count(*) FROM items WHERE id >= ? AND id < ?",
                                    (lo or 0, hi or 10**9)).fetchone()[0] for lo, hi in chunks]
    assert sizes == [5, 5, 2]
    assert chunk_ids(tagged_db, ItemFilter(status="reviewed"), 4) == [(None, None)]


@pytest.mark.parametrize("filters", [ExportFilter(state="all"), ExportFilter(),
                                     ExportFilter(items=ItemFilter(date_from="2017-10-04"), state="accepted")])
def test_workers_write_the_same_bytes_as_one_process(tagged_db, tmp_path, small_threshold, filters):
    one, three = tmp_path / "out" / "one.jsonl", tmp_path / "out" / "three.jsonl"
    single = export(tagged_db, "jsonl", one, filters, jobs=1)
    ticks: list[tuple[int, int]] = []
    split = export(tagged_db, "jsonl", three, filters, jobs=3, progress=lambda done, total: ticks.append((done, total)))
    assert three.read_bytes() == one.read_bytes()
    assert (split.items, split.annotations, split.notes, split.rows) == (
        single.items, single.annotations, single.notes, single.rows)
    assert ticks[-1] == (single.items, single.items)
    assert single.worker_cpu == 0 < split.worker_cpu  # the workers did the work and say what it cost
    assert sorted(p.name for p in one.parent.iterdir()) == ["one.jsonl", "three.jsonl"]  # no part files left


def test_cancel_leaves_no_file_and_no_parts(tagged_db, tmp_path, small_threshold):
    out = tmp_path / "out" / "cancelled.jsonl"
    report = export(tagged_db, "jsonl", out, jobs=2, should_stop=lambda: True)
    assert report.cancelled and report.items == 0
    assert list(out.parent.iterdir()) == []


@pytest.fixture
def started(monkeypatch):
    """Every _ChunkedExport the test starts, to look at (or kill) its workers."""
    made: list[export_jsonl._ChunkedExport] = []

    class Recorded(export_jsonl._ChunkedExport):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(export_jsonl, "_ChunkedExport", Recorded)
    return made


def test_cancel_part_way_stops_every_worker_and_leaves_nothing(tagged_db, tmp_path, small_threshold, started):
    out = tmp_path / "out" / "cancelled.jsonl"
    out.parent.mkdir()
    out.write_bytes(b"the previous export\n")
    ticks: list[int] = []
    report = export(tagged_db, "jsonl", out, jobs=2, progress=lambda done, total: ticks.append(done),
                    should_stop=lambda: bool(ticks))
    assert report.cancelled and 0 < report.items < 12
    assert [p.name for p in out.parent.iterdir()] == ["cancelled.jsonl"]
    assert out.read_bytes() == b"the previous export\n"
    assert [p.is_alive() for p in started[0].procs] == [False, False]


def test_a_killed_worker_fails_the_export_and_leaves_nothing(tagged_db, tmp_path, small_threshold, monkeypatch,
                                                              started):
    class KilledAtStart(export_jsonl._ChunkedExport):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for proc in self.procs:  # as the out-of-memory killer or a crash would, before they finish
                proc.kill()

    monkeypatch.setattr(export_jsonl, "_ChunkedExport", KilledAtStart)
    out = tmp_path / "out" / "killed.jsonl"
    with pytest.raises(RuntimeError, match="stopped without finishing"):
        export(tagged_db, "jsonl", out, jobs=2)
    assert list(out.parent.iterdir()) == []


def test_a_failing_worker_fails_the_export(tmp_path):
    target = tmp_path / "part"
    with open(target, "wb") as fh:
        export = export_jsonl._ChunkedExport(str(tmp_path / "no-such-folder" / "gone.db"), fh.fileno(),
                                             ItemFilter(), ("accepted",), [(None, None)], workers=1)
        try:
            with pytest.raises(RuntimeError, match="export worker failed: OperationalError"):
                export.run(lambda: False, lambda n: None)
        finally:
            export.close()
    assert not any(p.is_alive() for p in export.procs)


def test_pieces_land_at_their_offset_whatever_their_number(tmp_path):
    pieces = [bytes([65 + k % 26]) * (k % 7 + 1) for k in range(2500)]  # more than one pwritev call
    path = tmp_path / "out"
    path.write_bytes(b"0123456789")
    fd = os.open(path, os.O_WRONLY)
    try:
        export_jsonl.pwrite_all(fd, pieces, 10)
    finally:
        os.close(fd)
    assert path.read_bytes() == b"0123456789" + b"".join(pieces)


@given(body=st.text(max_size=60))
def test_sqlite_quoting_of_the_body_is_pythons(body):
    """The export takes item bodies JSON-quoted by SQLite (json_quote, then the line separators
    escaped); for any text, those bytes must be what the Python writer makes, and the line must
    parse back to the body."""
    import json
    import sqlite3
    from json.encoder import encode_basestring

    from annotator.tag_json import escape_breaks as _escape_breaks
    from annotator.store.exports import _ITEM_ROW_SQL, BODY_JSON_SQL

    assert BODY_JSON_SQL in _ITEM_ROW_SQL
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE items (body TEXT)")
    conn.execute("INSERT INTO items VALUES (?)", (body,))
    quoted = conn.execute(f"SELECT {BODY_JSON_SQL} FROM items i").fetchone()[0]
    assert quoted == _escape_breaks(encode_basestring(body)).encode("utf-8")
    assert json.loads(quoted) == body
    assert len(quoted.decode("utf-8").splitlines()) <= 1


def test_a_chunk_waits_for_its_place_without_stopping_its_worker(tmp_path):
    """A worker that made chunks 1 and 2 while chunk 0 is still being made elsewhere goes on
    (nothing written, no wait); once chunk 0's length is known both land at their offsets."""
    import multiprocessing

    shared = export_jsonl._Shared(multiprocessing.get_context("spawn"), 4)
    path = tmp_path / "out"
    path.write_bytes(b"")
    fd = os.open(path, os.O_WRONLY)
    try:
        placer, written = export_jsonl._Placer(shared), []
        pending = []
        for k, text in ((1, b"bb"), (2, b"ccc")):
            shared.publish(k, len(text))
            pending.append(export_jsonl._Made(k, [text], len(text), export_jsonl.PartCounts(items=1)))
            assert export_jsonl._write_placed(fd, pending, placer, shared, written, last=False)
        assert [m.k for m in pending] == [1, 2] and path.read_bytes() == b""  # kept, not waited for
        shared.publish(0, 4)  # another worker's chunk 0 is made ...
        os.pwrite(fd, b"aaaa", 0)  # ... and written by it
        assert export_jsonl._write_placed(fd, pending, placer, shared, written, last=False)
        assert pending == [] and path.read_bytes() == b"aaaabbccc"
        assert [shared.results.get(timeout=5)[1] for _ in range(2)] == [1, 2]
        # past MAX_PENDING a worker waits for the place; a stopped export ends the wait
        other = export_jsonl._Shared(multiprocessing.get_context("spawn"), 2)
        other.publish(1, 1)
        many = [export_jsonl._Made(1, [b"d"], 1, export_jsonl.PartCounts()) for _ in range(export_jsonl.MAX_PENDING + 1)]
        other.stop.set()
        assert export_jsonl._write_placed(fd, many, export_jsonl._Placer(other), other, written, last=False) is False
        assert len(many) == export_jsonl.MAX_PENDING + 1 and path.read_bytes() == b"aaaabbccc"
    finally:
        os.close(fd)


def test_the_store_pages_of_every_chunk_are_read_ahead(tagged_db, tmp_path, small_threshold, started):
    export(tagged_db, "jsonl", tmp_path / "out.jsonl", jobs=2)
    assert started[0].prefetch is not None and started[0].hinted == len(started[0].chunks) > 1
