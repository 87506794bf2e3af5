"""agreement: per-kind exact-span F1 and token-level Cohen's kappa on a case worked out by hand."""

from __future__ import annotations

import json
import re

import pytest

from annotator.cli import main
from annotator.services.agreement import agreement, cohen_kappa
from annotator.store import items
from tests.export.conftest import tag


@pytest.fixture
def two_analysts(sample_db):
    db = sample_db
    # locations on item 12: both tag "Buqras Fokani" (2 tokens); alice also "Albu Leil" (2 tokens),
    # bob also "Deir Ezzor" (2 tokens) and rejects alice's "Albu Leil".
    tag(db, 12, "Buqras Fokani", "location", analyst="alice")
    tag(db, 12, "Albu Leil", "location", analyst="alice")
    tag(db, 12, "Buqras Fokani", "location", analyst="bob")
    tag(db, 12, "Deir Ezzor", "location", analyst="bob")
    tag(db, 12, "Albu Leil", "location", analyst="bob", state="rejected")
    # speakers on item 8: the same tag by both
    tag(db, 8, "Ahmed Ramadan", "speaker", analyst="alice")
    tag(db, 8, "Ahmed Ramadan", "speaker", analyst="bob", origin="auto", state="edited")
    # an item only alice worked on is out of scope
    tag(db, 2, "Nazir Hakim", "speaker", analyst="alice")
    return db


def test_known_f1_and_kappa(two_analysts):
    report = agreement(two_analysts, "alice", "bob")
    n = sum(len(re.findall(r"\w+", items.get_item(two_analysts, i)["body"])) for i in (8, 12))
    assert report.items == 2 and report.tokens == n
    k = {x.kind: x for x in report.kinds}
    loc = k["location"]
    assert (loc.a_tags, loc.b_tags, loc.matched) == (2, 2, 1)
    assert loc.precision == loc.recall == loc.f1 == 0.5
    # 2 tokens both positive, 2 only alice, 2 only bob, n - 6 both negative
    po = (n - 4) / n
    pe = (4 / n) ** 2 + (1 - 4 / n) ** 2
    assert loc.kappa == pytest.approx((po - pe) / (1 - pe))
    assert n == 591 and loc.kappa == pytest.approx(0.49659, abs=1e-5)
    sp = k["speaker"]
    assert (sp.matched, sp.f1, sp.kappa) == (1, 1.0, 1.0)
    assert k["date"].f1 is None and k["date"].kappa is None  # nobody tagged dates: undefined


def test_cohen_kappa_textbook_case():
    # 50 units: both yes 20, both no 15, a yes/b no 5, a no/b yes 10 -> po 0.7, pe 0.5, kappa 0.4
    a = [1] * 20 + [0] * 15 + [1] * 5 + [0] * 10
    b = [1] * 20 + [0] * 15 + [0] * 5 + [1] * 10
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa([0, 0], [0, 0]) is None and cohen_kappa([], []) is None


def test_cli(two_analysts, capsys):
    db = two_analysts.conn.execute("PRAGMA database_list").fetchone()[2]
    assert main(["agreement", "--a", "alice", "--b", "bob", "--db", db]) == 0
    out = capsys.readouterr().out
    assert re.search(r"location\s+2\s+2\s+1\s+0\.500\s+0\.500\s+0\.500\s+0\.49\d", out)
    assert "2 items both worked on" in out
    assert main(["agreement", "--a", "alice", "--b", "bob", "--db", db, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kinds"][0]["kind"] == "speaker" and data["kinds"][0]["f1"] == 1.0
    assert main(["agreement", "--a", "alice", "--b", "carol", "--db", db]) == 1
    assert "no tags by analyst 'carol'" in capsys.readouterr().err
    assert main(["agreement", "--a", "alice", "--b", "alice", "--db", db]) == 2
