"""The packed form workers send: the same rows as the parsed document, without item objects."""

from __future__ import annotations

import pickle

from annotator.ingest import parse_bytes, read_document
from annotator.ingest.packed import ITEM_FIELDS, SOURCE_FIELDS, PackedDocument, pack, read_packed
from annotator.ingest.errors import IngestError
from annotator.ingest.html_text import html_to_text
from annotator.services.importing import parse_jobs
from annotator.store import sources
from tests.conftest import SEED_FILES


def test_packed_seed_keeps_every_field_and_body():
    for seed in SEED_FILES:
        doc = read_document(seed)
        packed = pack(doc)
        assert dict(zip(SOURCE_FIELDS, packed.source)) == {f: getattr(doc, f, None) or getattr(doc.page, f, None)
                                                           for f in SOURCE_FIELDS}
        assert [dict(zip(ITEM_FIELDS, t)) for t in packed.items] == [
            {f: getattr(it, f) for f in ITEM_FIELDS} for it in doc.page.items]
        assert packed.bodies() == [it.body for it in doc.page.items]
        assert (packed.source.path, packed.source.sha256, packed.source.size, packed.source.encoding) == (doc.path, doc.sha256, doc.size,
                                                                              doc.encoding)
        assert list(packed.warnings) == doc.page.warnings


def test_html_bodies_come_from_the_extracted_text():
    page = SEED_FILES[0].read_text(encoding="utf-8")
    html = "<html><body>" + "".join(f"<p>{line}</p>\n" for line in page.splitlines()) + "</body></html>"
    doc = parse_bytes(html.encode(), "page.html")
    packed = pack(doc)
    assert packed.offsets_text == html_to_text(html) != packed.source[4]
    assert packed.bodies() == [it.body for it in doc.page.items] and len(packed.bodies()) == 4


def test_packed_document_survives_pickling_and_gives_the_store_the_same_rows():
    doc = read_document(SEED_FILES[1])
    back = pickle.loads(pickle.dumps(pack(doc)))
    assert isinstance(back, PackedDocument) and back == pack(doc)
    rows = sources._item_rows(back, 7, "stamp")
    assert [r[5] for r in rows] == [it.body for it in doc.page.items]
    assert rows[0] == (7, 0, doc.page.items[0].date, "Coalition News", doc.page.items[0].title,
                       doc.page.items[0].body, doc.page.items[0].attribution, doc.page.items[0].start,
                       doc.page.items[0].end, doc.page.items[0].body_start, doc.page.items[0].body_end,
                       doc.page.items[0].content_hash, "new", "stamp")


def test_read_packed_returns_errors_as_values(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    err = read_packed(empty)
    assert isinstance(err, IngestError) and "empty.txt" in str(err)


def test_one_core_is_left_to_the_storing_process(monkeypatch):
    import annotator.services.importing as importing

    monkeypatch.setattr(importing.os, "cpu_count", lambda: 8)
    assert parse_jobs() == 7
    monkeypatch.setattr(importing.os, "cpu_count", lambda: 1)
    assert parse_jobs() == 1


def test_workers_parse_only_a_bounded_window_ahead_of_the_store(tmp_path, monkeypatch):
    """Parsed pages wait in memory until stored: no more than FILES_AHEAD (+ a chunk) at once."""
    from concurrent.futures import Future

    import annotator.services.importing as importing

    in_flight: list[int] = []
    submitted: list[list] = []

    class SameProcessPool:  # runs each chunk at once; records how far ahead the reader asked
        def __init__(self, **_kwargs):
            pass

        def submit(self, fn, chunk, max_bytes):
            submitted.append(chunk)
            in_flight.append(sum(map(len, submitted)) - consumed[0])
            future = Future()
            future.set_result(fn(chunk, max_bytes))
            return future

        def shutdown(self, **_kwargs):
            pass

    consumed = [0]
    monkeypatch.setattr(importing.processes, "pool", lambda jobs, preload: SameProcessPool())
    monkeypatch.setattr(importing, "CHUNK_FILES", 4)
    monkeypatch.setattr(importing, "FILES_AHEAD", 12)
    monkeypatch.setattr(importing.os, "cpu_count", lambda: 2)
    files = []
    for n in range(importing.PARALLEL_MIN_FILES + 30):
        path = tmp_path / f"p{n:03d}.txt"
        path.write_bytes(SEED_FILES[n % 2].read_bytes().replace(b"Coalition", f"C{n}".encode(), 1))
        files.append(path)
    order = []
    for path, doc in importing.read_documents(files, jobs=1):
        consumed[0] += 1
        order.append(path)
        assert not isinstance(doc, IngestError) and doc.source.path == str(path)
    assert order == files
    assert max(in_flight) <= 12 + 4
