"""Bad input gets one clear message naming the file (and line); nothing of it is stored."""

from __future__ import annotations

import pytest

from annotator.ingest import IngestError, parse_bytes, read_document
from annotator.services.importing import import_paths
from annotator.store import items as item_store
from annotator.store import sources

GOOD = "Coalition News\n17 May 2017 In Coalition News\n\nThe council said that 10 civilians were killed. (Source: Media)\n"


def _write(folder, name, data: bytes):
    path = folder / name
    path.write_bytes(data)
    return path


def test_cp1252_is_decoded_and_recorded(tmp_path):
    path = _write(tmp_path, "cp.txt", GOOD.replace("council", "council’s").encode("cp1252"))
    doc = read_document(path)
    assert doc.encoding.startswith("cp1252 (detected")
    assert "council’s" in doc.page.items[0].body


@pytest.mark.parametrize(
    "name, data, needle",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"\n\n  \n", "empty file"),
        ("binary.txt", bytes(range(256)) * 20, "binary file"),
        ("baddate.txt", GOOD.replace("17 May", "31 February").encode(), "impossible date"),
    ],
)
def test_each_bad_file_gets_a_message_naming_it(tmp_path, name, data, needle):
    path = _write(tmp_path, name, data)
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert name in str(err.value)
    assert needle in str(err.value)


def test_a_file_without_listing_date_lines_is_one_report_with_its_date_unknown(tmp_path):
    # Refused before issue 12; a file is never refused for its layout alone.
    doc = read_document(_write(tmp_path, "nodate.txt", b"Coalition News\nJust some text without dates.\n"))
    [item] = doc.page.items
    assert doc.page.layout == "article" and item.date is None and item.parts.needs_date
    assert item.body == "Just some text without dates."


def test_impossible_date_names_the_line(tmp_path):
    path = _write(tmp_path, "baddate.txt", GOOD.replace("17 May", "31 February").encode())
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert err.value.line == 2
    assert f"{path}:2:" in str(err.value)


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.write(GOOD.encode())
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert "huge.txt" in str(err.value) and "50.0 MB" in str(err.value)


def test_html_page_is_read_as_text():
    html = (
        b"<!DOCTYPE html><html><head><title>x</title><script>var a=1;</script></head><body>"
        b"<h1>Coalition News</h1><div>17 May 2017 In Coalition News</div>"
        b"<p>The council said &amp; warned that <b>10 civilians</b> were killed. (Source: Media)</p>"
        b"<p>Page 1 of 1</p></body></html>"
    )
    doc = parse_bytes(html, "page.html")
    assert doc.format == "html"
    (item,) = doc.page.items
    assert item.body == "The council said & warned that 10 civilians were killed."
    assert doc.text[item.body_start : item.body_end] == item.body
    assert "<" not in doc.text and "var a" not in doc.text


def test_bad_files_do_not_stop_the_import_and_leave_nothing(empty_db, tmp_path):
    _write(tmp_path, "a_good.txt", GOOD.encode())
    _write(tmp_path, "b_empty.txt", b"")
    _write(tmp_path, "c_binary.txt", b"\x00\x01\x02" * 100)
    _write(tmp_path, "d_baddate.txt", (GOOD + "\n31 February 2017 In Coalition News\n\nMore.\n").encode())
    report = import_paths(empty_db, [tmp_path])
    assert [f.status for f in report.files] == ["imported", "failed", "failed", "failed"]
    assert item_store.count_items(empty_db) == 1
    assert sources.count_sources(empty_db) == 1


def test_a_failure_while_storing_rolls_back_the_whole_file(empty_db, tmp_path, monkeypatch):
    path = _write(tmp_path, "two.txt", (GOOD + "\n18 May 2017 In Coalition News\n\nSecond item.\n").encode())
    real = empty_db.conn

    class FailingConn:
        """Lets the source row in, then fails on the items: a crash mid-file."""

        def __getattr__(self, name):
            return getattr(real, name)

        def executemany(self, *args):
            raise RuntimeError("disk full")

    monkeypatch.setattr(empty_db, "conn", FailingConn())
    report = import_paths(empty_db, [path])
    monkeypatch.undo()
    assert report.failed and "disk full" in report.failed[0].message
    assert sources.count_sources(empty_db) == 0
    assert item_store.count_items(empty_db) == 0


def test_missing_path_is_reported(empty_db, tmp_path):
    report = import_paths(empty_db, [tmp_path / "nope"])
    assert report.failed and "no such file" in report.failed[0].message


def test_parallel_parsing_keeps_file_order_and_reports_bad_files(tmp_path):
    from annotator.services.importing import PARALLEL_MIN_FILES, read_documents

    files = []
    for n in range(PARALLEL_MIN_FILES + 6):
        data = b"" if n % 10 == 3 else GOOD.replace("10 civilians", f"{n} civilians").encode()
        files.append(_write(tmp_path, f"p{n:03d}.txt", data))
    results = list(read_documents(files, jobs=2))
    assert [p for p, _ in results] == files
    for n, (path, doc) in enumerate(results):
        if n % 10 == 3:
            assert isinstance(doc, IngestError) and path.name in str(doc) and doc.path == str(path)
        else:
            assert f"{n} civilians" in doc.bodies()[0]
