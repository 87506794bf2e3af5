"""Fuzzing the importer: random bytes, random page layouts around real date lines, HTML, mixed
line endings, and storing. Never a crash (only IngestError, with a message naming the file),
every offset valid, and nothing half-imported when a file fails."""

from __future__ import annotations

import html
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given
from hypothesis import strategies as st

from annotator.ingest import Document, IngestError, parse_bytes
from annotator.services.importing import import_paths
from annotator.store import open_store, sources
from annotator.store import items as item_store
from benchmarks.generate import generate_items, generate_pages

MONTHS = "January February March April May June July August September October November December".split()
NEWLINES = ["\n", "\r\n", "\r"]


def valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def check_offsets(doc: Document) -> None:
    """Every item points at itself: the body slice is the body, inside the item slice."""
    text = doc.offsets_text
    if not doc.page.items:  # only date lines without text: each one says so
        assert doc.page.warnings and all("has no text" in w or w.startswith(("encoding guessed", "mixed encodings"))
                                         for w in doc.page.warnings)
    for n, it in enumerate(doc.page.items):
        assert it.position == n
        assert 0 <= it.start <= it.body_start < it.body_end <= it.end <= len(text)
        assert text[it.body_start : it.body_end] == it.body
        assert it.body == it.body.strip() and it.body
        assert it.body in text[it.start : it.end]
        assert it.date is None or date.fromisoformat(it.date)  # None: imported as "needs date"
    starts = [it.start for it in doc.page.items]
    assert starts == sorted(starts) and all(a.end <= b.start for a, b in zip(doc.page.items, doc.page.items[1:]))


def parse_or_refuse(data: bytes, name: str) -> Document | None:
    try:
        doc = parse_bytes(data, name)
    except IngestError as exc:
        assert name in str(exc)  # the one-line message names the file
        return None
    check_offsets(doc)
    return doc


# -- random bytes ---------------------------------------------------------------------------------
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_the_parser(data):
    parse_or_refuse(data, "random.txt")


@given(st.binary(max_size=300), st.binary(max_size=300), st.sampled_from([b"\n", b"\r\n", b"\r"]))
def test_random_bytes_around_a_real_date_line_parse_with_valid_offsets(before, after, nl):
    data = before + nl + b"17 May 2017 In Coalition News" + nl + after
    parse_or_refuse(data, "around.txt")


# -- random page layouts --------------------------------------------------------------------------
# Real sentences of the genre, awkward fragments, and random printable Unicode from hypothesis.
SENTENCES = sorted({s.strip() + "." for it in generate_items(60, seed=5) for s in it.body.split(". ") if s.strip()})
AWKWARD = [
    "(Source: Syrian Coalition’s Media Department)", "text (Source: SNHR", "(source : x) )", ")", "((", "“ ” \"",
    "17 May 2017 in Coalition News", "May 17 2017 In News", "Page", "Home", "Items filtered by date", "٣ آذار",
    "\u200f\u202e", "ﬁ ß İ ı ſ K", "\t", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀",
]
# Any printable text (control characters make a file look binary: the random-bytes tests cover those).
words = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30)
ATTRIBUTIONS = ["", ".", " (Source: Syrian Coalition’s Media Department)", " (Source: Syrian Coalition’s Media Department",
                " (source : SNHR) )", " “quoted (nested) words,” he said."]
FOOTERS = ["Page 2 of 3", " page 1 OF 1 ", "Home Media Center Coalition News Items filtered by date: May 2017"]


def date_line(rng: random.Random) -> tuple[str, date]:
    d = date(1990, 1, 1) + timedelta(days=rng.randrange(15000))
    month = rng.choice([str.title, str.upper, str.lower])(MONTHS[d.month - 1])
    pad, zero, category = rng.choice([("", True, "Coalition News"), (" ", False, "News"), ("\t", True, "Statements"),
                                      ("  ", False, "Coalition  News ")])
    return f"{pad}{d.day:02d} {month} {d.year} In {category}" if zero else f"{pad}{d.day} {month} {d.year} In {category}", d


def build_page(rng: random.Random, odd: list[str]) -> tuple[list[str], list[date]]:
    """Lines of a listing page (title, items, footers) and the item dates in order. `odd` is
    random Unicode from hypothesis, spread over the paragraphs."""
    odd = list(odd)
    lines = [rng.choice(["Coalition News", "", "News items", "  "])]
    found = []
    for _ in range(rng.randint(1, 4)):
        line, d = date_line(rng)
        lines.append(line)
        paras = [rng.choice(SENTENCES)]  # every item has some text of its own
        for _ in range(rng.randint(0, 2)):
            roll = rng.random()
            paras.append(odd.pop() if odd and roll < 0.4 else rng.choice(AWKWARD if roll < 0.6 else SENTENCES))
        for para in paras:
            lines += [rng.choice(["", "", " ", "\t"]), para.strip() or "Text"]
        lines[-1] += rng.choice(ATTRIBUTIONS)
        found.append(d)
        if rng.random() < 0.2:
            lines.append(rng.choice(FOOTERS))
    lines += rng.choice([[], ["", "Page 3 of 3"], ["Page 1 of 1", "Home Media Center Coalition News"]])
    return lines, found


# A seed drives the layout (one draw: fast), hypothesis supplies the odd Unicode (and shrinks it).
pages = st.builds(build_page, st.integers(0, 2**32 - 1).map(random.Random), st.lists(words, max_size=3))


def join(lines: list[str], newlines: list[str]) -> str:
    """The lines with the given endings in turn. A "\\r" then an empty line ending "\\n" would
    read as one CRLF (one line fewer), so that empty line ends "\\r\\n" instead."""
    out, prev = [], ""
    for i, line in enumerate(lines):
        nl = newlines[i % len(newlines)]
        if prev == "\r" and not line and nl == "\n":
            nl = "\r\n"
        out.append(line + nl)
        prev = nl
    return "".join(out)


def normal(body: str) -> str:
    return body.replace("\r\n", "\n").replace("\r", "\n")


markup = st.sampled_from(["<b>", "</b>", "<span class='x'>", "</span>", "<br>", "<script>var a = '<p>';</script>",
                          "<!-- c -->", "&amp;", "&nbsp;", "<img src=x onerror=alert(1)>", "<a href='http://x'>",
                          "</a>", "<style>p{}</style>", "</div>", "<p", "&#x41;"])


@given(pages, st.lists(st.sampled_from(NEWLINES), min_size=2, max_size=4),
       st.sampled_from(["cp1252", "utf-8-sig", "utf-16"]), st.lists(markup, max_size=5))
def test_random_layouts_parse_exactly_whatever_the_line_endings_encoding_or_html(page, mixed, encoding, extra):
    lines, found = page
    expected_dates = [d.isoformat() for d in found]
    # Plain UTF-8 with \n: one item per date line, offsets exact, page furniture never in a body.
    plain = parse_or_refuse(join(lines, ["\n"]).encode("utf-8"), "layout.txt")
    assert plain is not None and [it.date for it in plain.page.items] == expected_dates
    text = plain.offsets_text
    for it in plain.page.items:
        for footer in ("Page 2 of 3", "Items filtered by date:", "Page 3 of 3", "Page 1 of 1"):
            assert footer not in it.body
        if it.attribution is not None:  # cut from the end of the item, never from its body
            assert it.attribution in text[it.body_end : it.end]
    want = [(it.date, it.body, it.attribution) for it in plain.page.items]
    # Mixed line endings (\n, \r\n, old-Mac \r): the same items.
    other = parse_or_refuse(join(lines, mixed).encode("utf-8"), "mixed.txt")
    assert [(it.date, normal(it.body), it.attribution) for it in other.page.items] == want
    # Another encoding: the same items (cp1252 cannot hold every character: then refused or skipped).
    try:
        data = join(lines, ["\r\n"]).encode(encoding)
    except UnicodeEncodeError:
        data = None
    if data is not None:
        enc = parse_or_refuse(data, "encoded.txt")
        if enc is not None:  # cp1252 text can look binary (C1 bytes): refused with a message, not crashed
            # A legacy encoding is detected: the same items, or (a few bytes that read as well in
            # another encoding) a warning that the encoding was a guess; never silent mojibake.
            same = [(it.date, normal(it.body), it.attribution) for it in enc.page.items] == want
            guessed = any(w.startswith(("encoding guessed", "mixed encodings")) for w in enc.page.warnings)
            assert same or guessed or valid_utf8(data), enc.encoding  # bytes valid as UTF-8 read as UTF-8
    # Saved as HTML: offsets into the extracted text, the same dates.
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)
    page_html = parse_or_refuse(f"<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>"
                                .encode(), "page.html")
    assert page_html is not None and page_html.format == "html"
    assert [it.date for it in page_html.page.items] == expected_dates
    # Random markup anywhere must not crash it either.
    if not extra:
        return
    for n, tag in enumerate(extra):
        cut = (n * 97) % (len(body) + 1)
        body = body[:cut] + tag + body[cut:]
    parse_or_refuse(f"<html><body>{body}</body></html>".encode(), "noisy.htm")


# -- storing --------------------------------------------------------------------------------------
POOL = [text.encode() for _, text in generate_pages(40, seed=6, items_per_page=3)]


@pytest.fixture(scope="module")
def scratch_store():
    """One in-memory store for every example: each runs inside a transaction that is rolled
    back afterwards (the import's own transactions nest as savepoints), so each starts empty."""
    db = open_store(":memory:")
    yield db
    db.close()


@pytest.fixture(scope="module")
def drop_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("drop")


def mutate(data: bytes, how: str, k: int) -> bytes:
    if how == "truncate":
        return data[: k % (len(data) + 1)]
    if how == "garbage":
        cut = k % (len(data) + 1)
        return data[:cut] + bytes((k >> s) & 0xFF for s in range(0, 64, 8)) + data[cut:]
    if how == "impossible-date":
        return data.replace(b"In Coalition News", b"In Coalition News\n\n31 February 2017 In Coalition News", 1)
    return data


@given(files=st.lists(st.tuples(st.sampled_from(POOL), st.sampled_from(["whole", "truncate", "garbage", "impossible-date"]),
                                st.integers(0, 2**64 - 1)), min_size=1, max_size=5))
def test_importing_good_and_bad_files_leaves_nothing_of_the_bad_ones(scratch_store, drop_folder, files):
    db = scratch_store
    db.conn.execute("BEGIN")
    try:
        check_import(db, drop_folder, files)
    finally:
        db.conn.execute("ROLLBACK")


def check_import(db: sqlite_utils.Database, drop_folder: Path, files: list[tuple[bytes, str, int]]) -> None:
    for old in drop_folder.iterdir():
        old.unlink()
    for n, (data, how, k) in enumerate(files):
        (drop_folder / f"f{n}.txt").write_bytes(mutate(data, how, k))
    report = import_paths(db, [drop_folder])
    imported = [f for f in report.files if f.status == "imported"]
    assert len(report.files) == len(files)
    assert sources.count_sources(db) == len(imported)
    assert item_store.count_items(db) == report.items_added == sum(f.items for f in imported)
    for f in report.failed:
        assert Path(f.path).name in f.message
    db.conn.execute("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)")
    rows = db.conn.execute("SELECT coalesce(s.text, s.raw), i.body_start, i.body_end, i.body FROM items i "
                           "JOIN sources s ON s.id = i.source_id").fetchall()
    assert all(text[a:b] == body for text, a, b, body in rows)
