"""Legacy encodings, BOMs, <meta charset>, mixed files and non-UTF-8 file names (issue 15.2).
The sentences are written for these tests."""

from __future__ import annotations

import os

import pytest

from annotator.cli import main
from annotator.ingest import IngestError, parse_bytes
from annotator.ingest.decode import decode_bytes, encoding_warnings
from annotator.services.importing import import_paths
from annotator.store import open_store

ARABIC = ("قال ناشطون إن 12 مدنيا قتلوا في قصف على دير الزور يوم الأربعاء، وأصيب آخرون بجروح. "
          "وذكر المرصد أن الطائرات استهدفت سوقا شعبيا في المدينة.")
PAGE = ("Coalition News\n17 May 2017 In Coalition News\n\n"
        "The council said that 10 civilians were killed in Deir ez-Zôr. (Source: Media)\n")


def html(body: str, charset: str) -> str:
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>Coalition News</title></head><body><p>{body}</p></body></html>")


@pytest.mark.parametrize("charset", ["windows-1256", "iso-8859-6"])
def test_an_arabic_page_with_meta_charset_is_decoded_as_declared(charset):
    data = html(ARABIC, charset).encode(charset)
    text, encoding = decode_bytes(data, "a.html")
    assert ARABIC in text and encoding.endswith("(meta charset)")
    assert "Ã" not in text and "Þ" not in text


@pytest.mark.parametrize("codec", ["cp1256", "iso-8859-6"])
def test_arabic_without_a_declaration_is_detected_and_how_sure_recorded(codec):
    text, encoding = decode_bytes(((ARABIC + "\n") * 3).encode(codec), "a.txt")
    assert text == (ARABIC + "\n") * 3
    assert "detected" in encoding and "% sure" in encoding


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(codec):
    bom = "\ufeff".encode(codec)
    for data in (bom + PAGE.encode(codec), PAGE.encode(codec)):
        text, encoding = decode_bytes(data, "u.txt")
        assert text == PAGE and encoding.startswith("utf-16")


def test_utf8_bom_and_utf32_bom():
    assert decode_bytes(b"\xef\xbb\xbf" + PAGE.encode(), "b.txt") == (PAGE, "utf-8 (BOM)")
    assert decode_bytes("\ufeff".encode("utf-32-le") + PAGE.encode("utf-32-le"), "b.txt") == (PAGE, "utf-32 (BOM)")


def test_a_file_mixing_utf8_and_cp1252_is_decoded_line_by_line_with_a_warning():
    data = PAGE.encode("utf-8") + "A second line said “twelve” were hurt in Deir ez-Zôr.\n".encode("cp1252")
    text, encoding = decode_bytes(data, "m.txt")
    assert "Deir ez-Zôr. (Source" in text and "“twelve” were hurt in Deir ez-Zôr." in text
    assert "Ã" not in text and "mixed" in encoding
    assert encoding_warnings(encoding)


def test_a_utf8_page_with_a_stale_meta_stays_utf8():
    data = html(ARABIC, "windows-1256").encode("utf-8")
    text, encoding = decode_bytes(data, "s.html")
    assert ARABIC in text and encoding == "utf-8"


def test_a_nul_after_the_first_8kb_is_refused():
    data = PAGE.encode() + b"x" * 9000 + b"\x00" + b"tail\n"
    with pytest.raises(IngestError) as exc:
        decode_bytes(data, "n.txt")
    assert "NUL" in str(exc.value)


def test_an_unsure_guess_is_a_warning_on_import():
    doc = parse_bytes("Coalition News\n17 May 2017 In Coalition News\n\nSaid é. (Source: Media)\n".encode("cp1252"),
                      "x.txt")
    if "% sure" in doc.encoding and int(doc.encoding.split("% sure")[0].rsplit(" ", 1)[1]) < 90:
        assert any("encoding guessed" in w for w in doc.page.warnings)
    assert encoding_warnings("cp1256 (detected, 42% sure)") and not encoding_warnings("cp1256 (detected, 99% sure)")


def test_the_arabic_page_is_stored_as_written_with_its_encoding(tmp_path):
    path = tmp_path / "ar.html"
    body = f"Coalition News</p><p>17 May 2017 In Coalition News</p><p>{ARABIC} (Source: Media)"
    path.write_bytes(html(body, "windows-1256").encode("cp1256"))
    db = open_store(tmp_path / "s.db")
    report = import_paths(db, [path], analyst="tester")
    assert not report.failed
    row = db.conn.execute("SELECT raw, encoding FROM sources").fetchone()
    assert ARABIC in row[0] and row[1] == "cp1256 (meta charset)"
    db.close()


def test_a_file_name_that_is_not_utf8_imports_and_prints_escaped(tmp_path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9\x1b[31m.txt")
    (folder / name).write_bytes(PAGE.encode())
    assert main(["import", str(folder), "--db", str(tmp_path / "s.db")]) == 0
    out = capsys.readouterr().out
    assert "caf\\xe9\\x1b[31m.txt" in out and "\x1b" not in out
    db = open_store(tmp_path / "s.db")
    assert [r[0] for r in db.conn.execute("SELECT name FROM sources")] == ["caf\\xe9\x1b[31m.txt"]
    db.close()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_arabic_utf16_without_bom(codec):
    # Arabic letters have no NUL byte in UTF-16: only the spaces and digits mark it
    page = f"Coalition News\n17 May 2017 In Coalition News\n\n{ARABIC} (Source: Media)\n"
    text, encoding = decode_bytes(page.encode(codec), "a.txt")
    assert text == page and encoding == f"{codec} (no BOM)"


def test_items_output_escapes_controls_in_text_and_json(tmp_path, capsys):
    import json

    page = tmp_path / "p.txt"
    page.write_text("Coalition News\n17 May 2017 In Coalition News\n\nOfficials said \u202e21 gnillik\u202c and \x1b]0;x\x07 "
                    "were here. (Source: Media)\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert main(["import", str(page), "--db", db, "--quiet"]) == 0
    capsys.readouterr()
    assert main(["items", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "\\u202e21 gnillik\\u202c" in out and "\x1b" not in out and "\x07" not in out
    assert main(["items", "--db", db, "--json"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\x1b" not in out
    assert "\u202e21 gnillik" in json.loads(out)[0]["body"]  # the same data
