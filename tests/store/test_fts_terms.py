"""Prefix words read from the FTS5 b-tree are exactly fts5vocab's, and a spelled-out prefix
search finds exactly the rows FTS5's own prefix query finds."""

from __future__ import annotations

import random
import sqlite3

import pytest
import sqlite_utils

from annotator.store import fts_terms, listing

SYLLABLES = ("ne", "go", "ti", "at", "ion", "al", "ep", "po", "ci", "vil", "ian", "reg", "ime", "sa", "id")


def _words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(n)]


@pytest.fixture(params=[None, 256])
def index_db(tmp_path, request) -> sqlite_utils.Database:
    """An FTS5 table like the store's, over rows written in several transactions (several
    segments: no automatic merging), with one word in every row (a hit list over many pages),
    long words (few per page), accented words and deletions; default and small pages."""
    conn = sqlite3.connect(tmp_path / "fts.db")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t(t, rank) VALUES ('automerge', 0)")
    if request.param:
        conn.execute("INSERT INTO t(t, rank) VALUES ('pgsz', ?)", (request.param,))
    conn.commit()
    rng = random.Random(7)
    vocabulary = _words(rng, 3000) + ["Négociation", "négocier", "İdlib", "idlewild", "x" * 300 + "tail"]
    rowid = 0
    for _batch in range(6):
        with conn:
            for _ in range(700):
                rowid += 1
                body = " ".join(["common", *rng.sample(vocabulary, 12)])
                conn.execute("INSERT INTO t(rowid, body) VALUES (?, ?)", (rowid, body))
    with conn:
        conn.execute("DELETE FROM t WHERE rowid % 7 = 0")
    db = sqlite_utils.Database(conn)
    yield db
    conn.close()


def _vocab(db: sqlite_utils.Database, prefix: str) -> list[str]:
    rows = db.conn.execute("SELECT term FROM v WHERE term >= ? AND term < ?", (prefix, prefix + "\U0010ffff"))
    return [r[0] for r in rows]


def _ids(db: sqlite_utils.Database, query: str) -> list[int]:
    return [r[0] for r in db.conn.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", (query,))]


def test_the_index_has_several_segments_and_long_hit_lists(index_db) -> None:
    segments = index_db.conn.execute("SELECT count(DISTINCT segid) FROM t_idx").fetchone()[0]
    pages = index_db.conn.execute("SELECT count(*) FROM t_data").fetchone()[0]
    assert segments >= 6 and pages > 60


def test_prefix_words_are_exactly_those_fts5vocab_lists(index_db) -> None:
    index_db.conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, t, 'row')")
    every = sorted({w[:n] for w in _vocab(index_db, "") for n in (1, 2, 3, 5)})
    prefixes = random.Random(3).sample(every, 120) + ["c", "n", "zz", "negociationz", "idl", "x" * 200]
    for prefix in prefixes:
        assert fts_terms.prefix_terms(index_db, prefix, "t") == _vocab(index_db, prefix), prefix
    assert fts_terms.prefix_terms(index_db, "c", "t", max_words=0) is None  # "common" is one too many


def test_a_spelled_out_prefix_search_finds_what_the_prefix_query_finds(index_db) -> None:
    from annotator.store.items import fts_query

    queries = ("nego*", "Négo*", "IDL*", "common ne*", "ne* go*", '"common" vil*', "reg* zzz*", "zzz*", "c*",
               "x*", "ion")
    for text in queries:
        query = fts_query(text)
        expanded, left = fts_terms.expand_prefixes(index_db, query, "t")
        assert not left
        assert _ids(index_db, expanded) == _ids(index_db, query), text
        if any(w in text.lower() for w in ("nego", "idl", "ne*")):
            assert "*" not in expanded and " OR " in expanded  # spelled out, not merged by FTS5
    broad, left = fts_terms.expand_prefixes(index_db, fts_query("n* common"), "t", max_words=3)
    assert left and '"n"*' in broad and _ids(index_db, broad) == _ids(index_db, fts_query("n* common"))


def test_accents_and_capitals_fold_as_the_tokenizer_folds(index_db) -> None:
    assert fts_terms.fold(index_db, "Négo", "t") == "nego"
    assert fts_terms.fold(index_db, "İDL", "t") == "idl"
    assert fts_terms.fold(index_db, "NeGo", "t") == "nego"
    assert fts_terms.fold(index_db, "a_b", "t") is None  # two words to the tokenizer: a phrase prefix
    assert not index_db.conn.in_transaction  # the temp table's insert is not left open


def test_a_query_only_connection_keeps_the_plain_prefix_query(index_db, tmp_path) -> None:
    conn = sqlite3.connect(tmp_path / "fts.db")
    conn.execute("PRAGMA query_only=ON")
    db = sqlite_utils.Database(conn)
    expanded, left = fts_terms.expand_prefixes(db, '"Négo"*', "t")
    assert left and expanded == '"Négo"*'  # cannot fold in a temp table there
    expanded, left = fts_terms.expand_prefixes(db, '"nego"*', "t")
    assert not left and "*" not in expanded  # ASCII folds without it
    conn.close()


def test_an_unreadable_page_gives_none_not_a_wrong_answer(index_db) -> None:
    with pytest.raises(ValueError):
        fts_terms.page_terms(b"\x00\x00\xff\xff" + b"\x01" * 20)
    with pytest.raises((ValueError, IndexError)):
        fts_terms.page_terms(b"\x00\x00\x00\x08" + b"\x7f\x7f\x7f\x7f" + b"\x04")  # a word longer than the page
    index_db.conn.execute("UPDATE t_config SET v = 99 WHERE k = 'version'")
    assert fts_terms.prefix_terms(index_db, "ne", "t") is None


def test_the_store_search_spells_out_prefixes(sample_db) -> None:
    query = listing.match_query(sample_db, "Raqq*")
    assert "*" not in query and '"raqqa"' in query
    assert not listing.slow_prefix(sample_db, "Raqq*")
    assert listing.slow_prefix(sample_db, "r*", max_words=1)
    assert listing.match_query(sample_db, "regime") == '"regime"'


def test_the_window_asks_the_index_once_per_search(sample_db, monkeypatch) -> None:
    calls = []
    real = listing.expand_prefixes
    monkeypatch.setattr(listing, "expand_prefixes", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    listing._MATCH_CACHE.clear()
    assert not listing.slow_prefix(sample_db, "Raqq*")  # the window's check, then its query
    assert "*" not in listing.match_query(sample_db, "Raqq*")
    assert not listing.slow_prefix(sample_db, "Râqq*") and listing.match_query(sample_db, "Râqq*")
    assert len(calls) == 2
    sample_db.conn.execute("UPDATE items SET status = status WHERE id = 1")  # the store changed
    listing.match_query(sample_db, "Raqq*")
    assert len(calls) == 3
