"""Score the taggers against hand-written gold (tests/data/gold_*.jsonl; rules in tests/data/README.md).

Per item: speakers are compared as sets of canonical names, locations as sets of names, casualty
figures as multisets of (kind, count_min); speaker names compare case-, diacritic-, apostrophe- and
article-insensitively, place names by the gazetteer normaliser's key (Deir Ezzor = Deir ez-Zor). Dates: a gold date is correct when a date suggestion overlapping the same
words resolves to the same day or period (accuracy = correct / gold dates). Casualty event dates:
of the figures matched by (kind, count_min), how many carry the gold event date (or none when the
gold has none).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.store import Store
from annotator.store import tagging as tag_store
from annotator.tagging.names import fold
from annotator.tagging.pipeline import TagContext, tag_item

KINDS = ("speaker", "location", "casualty")


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in (*KINDS, "date")})
    event_dates: Score = field(default_factory=Score)  # gold = matched figures, correct = same event date
    items: int = 0
    missing: list[str] = field(default_factory=list)  # gold lines whose item is not in the store
    errors: list[dict[str, Any]] = field(default_factory=list)  # per item: what was missed / extra

    @property
    def date_accuracy(self) -> float:
        return self.scores["date"].recall


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from exc
    return rows


def _place_key(name: str) -> str:
    """Place names compare by the gazetteer's spelling-variant key (Deir Ezzor = Deir ez-Zor)."""
    try:
        from annotator.tagging.normalise import normalise
    except ImportError:  # the place-name normaliser is optional for scoring speakers and figures
        return fold(name)
    return normalise(name) or fold(name)


def _gold_key(row: dict[str, Any]) -> str:
    return f"{row.get('source') or row.get('date')}#{row.get('position', 0)}"


def _dates_of(attrs: dict[str, Any]) -> tuple[Any, ...]:
    if attrs.get("value") or attrs.get("event_date"):
        return (attrs.get("value") or attrs.get("event_date"),)
    start = attrs.get("start") or attrs.get("event_date_start")
    end = attrs.get("end") or attrs.get("event_date_end")
    return (start, end) if start or end else ()


def _system(db: Store, item: dict[str, Any], stored: bool, context: TagContext) -> list[dict[str, Any]]:
    if stored:
        return tag_store.annotations_for_item(db, item["id"])
    return [{"kind": s.kind, "start": s.start, "end": s.end, "text": s.text, "attributes": s.attributes}
            for s in tag_item(item["body"], item["date"], None, context)]


def _set_score(score: Score, gold: set[str], found: set[str]) -> tuple[set[str], set[str]]:
    score.gold += len(gold)
    score.found += len(found)
    score.correct += len(gold & found)
    return gold - found, found - gold


def evaluate(db: Store, gold_rows: list[dict[str, Any]], stored: bool = False,
             context: TagContext | None = None) -> EvalReport:
    """Compare gold with fresh tagger output (default, plain rules) or with what the store holds."""
    report = EvalReport()
    context = context or TagContext()
    for row in gold_rows:
        item = tag_store.item_for_gold(db, source=row.get("source"), position=row.get("position"), date=row.get("date"))
        if item is None:
            report.missing.append(_gold_key(row))
            continue
        report.items += 1
        found = _system(db, item, stored, context)
        by_kind: dict[str, list[dict[str, Any]]] = {k: [] for k in (*KINDS, "date")}
        for a in found:
            by_kind.setdefault(a["kind"], []).append(a)
        errors: dict[str, Any] = {"item": _gold_key(row)}
        for kind, gold_field in (("speaker", "speakers"), ("location", "locations")):
            key = _place_key if kind == "location" else fold
            gold = {key(n) for n in row.get(gold_field, [])}
            system = {key((a["attributes"] or {}).get("name") or a["text"]) for a in by_kind[kind]}
            missed, extra = _set_score(report.scores[kind], gold, system)
            if missed or extra:
                errors[kind] = {"missed": sorted(missed), "extra": sorted(extra)}
        _casualties(report, row.get("casualties", []), by_kind["casualty"], errors)
        _dates(report, item["body"], row.get("dates", []), by_kind["date"], errors)
        if len(errors) > 1:
            report.errors.append(errors)
    return report


def _casualties(report: EvalReport, gold: list[dict[str, Any]], system: list[dict[str, Any]], errors: dict) -> None:
    score = report.scores["casualty"]
    g = Counter((c["kind"], c.get("count_min")) for c in gold)
    s = Counter((a["attributes"].get("kind"), a["attributes"].get("count_min")) for a in system)
    score.gold += sum(g.values())
    score.found += sum(s.values())
    score.correct += sum((g & s).values())
    if g != s:
        errors["casualty"] = {"missed": sorted(map(str, (g - s).elements())), "extra": sorted(map(str, (s - g).elements()))}
    # event dates of matched figures, paired in text order within each (kind, count_min)
    remaining = list(system)
    for c in gold:
        key = (c["kind"], c.get("count_min"))
        match = next((a for a in remaining if (a["attributes"].get("kind"), a["attributes"].get("count_min")) == key), None)
        if match is None:
            continue
        remaining.remove(match)
        report.event_dates.gold += 1
        report.event_dates.found += 1
        if _dates_of(c) == _dates_of(match["attributes"]):
            report.event_dates.correct += 1
        else:
            errors.setdefault("event_dates", []).append({"figure": c.get("text"), "gold": _dates_of(c),
                                                          "found": _dates_of(match["attributes"])})


def _dates(report: EvalReport, body: str, gold: list[dict[str, Any]], system: list[dict[str, Any]], errors: dict) -> None:
    score = report.scores["date"]
    score.gold += len(gold)
    score.found += len(system)
    remaining = list(system)
    missed = []
    for g in gold:
        want, text = _dates_of(g), g["text"].casefold()
        match = next((a for a in remaining if _dates_of(a["attributes"]) == want
                      and (text in a["text"].casefold() or a["text"].casefold() in text)), None)
        if match is None:
            missed.append(f"{g['text']} {want}")
            continue
        remaining.remove(match)
        score.correct += 1
    if missed or remaining:
        errors["date"] = {"missed": missed, "extra": [f"{a['text']} {_dates_of(a['attributes'])}" for a in remaining]}


def format_report(report: EvalReport, label: str = "") -> str:
    lines = [f"{label}{report.items} items" + (f" ({len(report.missing)} gold items not in the store: "
                                                 f"{', '.join(report.missing)})" if report.missing else "")]
    lines.append(f"{'kind':<10}{'gold':>6}{'found':>7}{'correct':>9}{'precision':>11}{'recall':>8}{'F1':>7}")
    for kind in KINDS:
        s = report.scores[kind]
        lines.append(f"{kind:<10}{s.gold:>6}{s.found:>7}{s.correct:>9}{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>7.3f}")
    d = report.scores["date"]
    lines.append(f"{'date':<10}{d.gold:>6}{d.found:>7}{d.correct:>9}{d.precision:>11.3f}{d.recall:>8.3f}{d.f1:>7.3f}")
    lines.append(f"event-date accuracy: {d.correct}/{d.gold} = {report.date_accuracy:.3f} (date tags resolved to the gold day or period)")
    e = report.event_dates
    lines.append(f"casualty event dates: {e.correct}/{e.gold} = {e.recall:.3f} (of figures matched by kind and count)")
    return "\n".join(lines)
