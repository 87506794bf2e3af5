"""Inter-annotator agreement between two analysts, per kind.

Scope: the items both analysts worked on (each has at least one tag there, in any state). An
analyst's tags are those whose `analyst` is that name and whose state is accepted or edited
(the review step records the analyst on every accept, edit and reject).

- F1 (exact match): a tag of A matches a tag of B with the same item, kind, start and end.
  precision = matched / B's tags, recall = matched / A's tags (A is the reference), F1 their
  harmonic mean = 2 * matched / (A + B); symmetric in A and B.
- Cohen's kappa (token level): the unit is every word token (regex \\w+) of the in-scope item
  bodies. For each kind, each analyst labels a token 1 when it overlaps one of their tags of
  that kind, else 0; kappa = (po - pe) / (1 - pe) over those binary labels. When pe = 1 (both
  label every token the same single way) kappa is undefined and reported as None.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from annotator.vocabulary import ACCEPTED_STATES, KINDS
from annotator.store import Store
from annotator.store.interchange import analyst_annotations, item_bodies

POSITIVE = ACCEPTED_STATES
TOKEN = re.compile(r"\w+")


@dataclass
class KindAgreement:
    kind: str
    a_tags: int
    b_tags: int
    matched: int
    precision: float | None
    recall: float | None
    f1: float | None
    kappa: float | None
    tokens: int


@dataclass
class AgreementReport:
    a: str
    b: str
    items: int
    tokens: int
    kinds: list[KindAgreement] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def f1_scores(a: set, b: set) -> tuple[int, float | None, float | None, float | None]:
    matched = len(a & b)
    return matched, _ratio(matched, len(b)), _ratio(matched, len(a)), _ratio(2 * matched, len(a) + len(b))


def cohen_kappa(labels_a: list[int], labels_b: list[int]) -> float | None:
    """Cohen's kappa of two equal-length binary label sequences (None when undefined)."""
    n = len(labels_a)
    if n == 0:
        return None
    agree = sum(1 for x, y in zip(labels_a, labels_b) if x == y)
    pa, pb = sum(labels_a) / n, sum(labels_b) / n
    po = agree / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    if pe >= 1:
        return None
    return (po - pe) / (1 - pe)


def token_labels(body: str, spans: list[tuple[int, int]]) -> list[int]:
    """1 for each word token of `body` that overlaps any of `spans`, else 0."""
    out = []
    for m in TOKEN.finditer(body):
        s, e = m.span()
        out.append(1 if any(start < e and s < end for start, end in spans) else 0)
    return out


def _by_item(tags: set[tuple[int, int, int]]) -> dict[int, list[tuple[int, int]]]:
    out: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for item_id, start, end in tags:
        out[item_id].append((start, end))
    return out


def agreement(db: Store, a: str, b: str) -> AgreementReport:
    """Per-kind F1 and Cohen's kappa between analysts `a` and `b` (see the module docstring)."""
    if a == b:
        raise ValueError("give two different analysts")
    rows = analyst_annotations(db, (a, b))
    worked: dict[str, set[int]] = {a: set(), b: set()}
    tags: dict[tuple[str, str], set[tuple[int, int, int]]] = defaultdict(set)
    for row in rows:
        worked[row["analyst"]].add(row["item_id"])
        if row["state"] in POSITIVE:
            tags[(row["analyst"], row["kind"])].add((row["item_id"], row["start"], row["end"]))
    for name in (a, b):
        if not worked[name]:
            raise LookupError(f"no tags by analyst {name!r} in this store")
    scope = sorted(worked[a] & worked[b])
    bodies = item_bodies(db, scope)
    report = AgreementReport(a=a, b=b, items=len(scope), tokens=sum(len(TOKEN.findall(t)) for t in bodies.values()))
    for kind in KINDS:
        mine = {t for t in tags[(a, kind)] if t[0] in bodies}
        theirs = {t for t in tags[(b, kind)] if t[0] in bodies}
        spans_a, spans_b = _by_item(mine), _by_item(theirs)
        labels_a: list[int] = []
        labels_b: list[int] = []
        for item_id in scope:
            labels_a += token_labels(bodies[item_id], spans_a.get(item_id, []))
            labels_b += token_labels(bodies[item_id], spans_b.get(item_id, []))
        matched, precision, recall, f1 = f1_scores(mine, theirs)
        report.kinds.append(KindAgreement(kind, len(mine), len(theirs), matched, precision, recall, f1,
                                          cohen_kappa(labels_a, labels_b), len(labels_a)))
    return report
