"""The benchmark corpus: real-report shape, tags that point at their text, a tagged store."""

from __future__ import annotations

import sqlite3
import statistics
from collections import Counter

from benchmarks.generate import REVIEWED_EVERY, build_store, generate_items, generate_pages
from annotator.ingest.coalition import parse_page


def test_items_have_the_shape_of_real_reports() -> None:
    items = list(generate_items(2000, seed=3))
    lengths = [len(it.body) for it in items]
    assert statistics.mean(lengths) >= 1500
    assert 5.5 <= statistics.mean(it.body.count("\n\n") + 1 for it in items) <= 7.5
    assert 14 <= statistics.mean(len(it.tags) for it in items) <= 20
    assert {it.genre for it in items} == {"listing", "article"}
    assert min(lengths) < 800 < 3000 < max(lengths)  # short listing items and long articles
    kinds = Counter(kind for it in items for kind, *_ in it.tags)
    assert set(kinds) == {"speaker", "location", "casualty", "date"}


def test_no_long_phrase_repeats_in_most_items() -> None:
    items = list(generate_items(1000, seed=4))
    shingles: Counter[str] = Counter()
    for it in items:
        words = it.body.split()
        shingles.update({" ".join(words[i : i + 8]) for i in range(len(words) - 7)})
    phrase, count = shingles.most_common(1)[0]
    assert count < 0.3 * len(items), phrase


def test_tags_point_at_their_text_and_pages_parse_back() -> None:
    items = list(generate_items(30, seed=5))
    for it in items:
        for kind, start, end, text, attrs in it.tags:
            assert it.body[start:end] == text, (kind, text)
            assert isinstance(attrs, dict)
    parsed = [p for _name, text in generate_pages(30, seed=5) for p in parse_page(text).items]
    assert [p.body for p in parsed] == [it.body for it in items]


def test_same_seed_same_text_other_seed_other_text() -> None:
    a = [it.body for it in generate_items(1500, seed=6)]
    assert a == [it.body for it in generate_items(1500, seed=6)]
    assert a != [it.body for it in generate_items(1500, seed=7)]


def test_tagged_store_has_every_item_tagged_and_some_reviewed(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ANNOTATOR_BENCH_CACHE", str(tmp_path / "cache"))
    n = 1200
    path = build_store(tmp_path / "s.db", n, seed=8, tagged=True)
    conn = sqlite3.connect(path)
    untagged = conn.execute("SELECT count(*) FROM items WHERE id NOT IN (SELECT item_id FROM annotations)").fetchone()[0]
    assert untagged == 0
    reviewed = conn.execute("SELECT count(*) FROM items WHERE status = 'reviewed'").fetchone()[0]
    assert reviewed == n // REVIEWED_EVERY
    open_in_reviewed = conn.execute("SELECT count(*) FROM annotations a JOIN items i ON i.id = a.item_id "
                                    "WHERE i.status = 'reviewed' AND a.state = 'suggested'").fetchone()[0]
    assert open_in_reviewed == 0
    expected = list(generate_items(n, seed=8))
    for item_id, body in conn.execute("SELECT id, body FROM items WHERE id IN (1, 600, 1200)"):
        assert body == expected[item_id - 1].body
        stored = conn.execute('SELECT kind, start, "end", text FROM annotations WHERE item_id = ? ORDER BY id',
                              (item_id,)).fetchall()
        assert stored == [(k, s, e, t) for k, s, e, t, _ in expected[item_id - 1].tags]
    conn.close()
