"""Learning from corrections, measured: does reviewing half of a set help the other half?

An analyst reviews the first half of a gold file's items through the same services the window
uses (annotator.services.review): suggestions whose name the gold lists are accepted, those whose
text names a gold entity under another name are edited to it, the rest are rejected, and gold
speakers and places no suggestion found are tagged by hand where the item names them (a suggestion covering part of a gold name has its span
moved to the whole name). Then the
second half is tagged, and scored against the gold (annotator.services.evaluation) beside the
same half tagged in a store nobody reviewed.

    python -m benchmarks.bench_learning [--gold FILE --pages FILE_OR_DIR ...]

Without arguments (`make bench`) it runs on the self-written pages and gold under tests/data and
sample_data. A gold line may carry `"surfaces": {"Canonical name": ["form in the text", ...]}`
so that a hand tag can be placed where the item words the name otherwise.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETS = (  # (gold, pages): every self-written set the repository holds
    ("tests/data/gold_seeds.jsonl", "sample_data"),
    ("tests/data/gold_heldout.jsonl", "tests/data/heldout"),
    ("tests/data/gold_heldout2.jsonl", "tests/data/heldout2"),
)
ANALYST = "benchmark"
GOLD_FIELD = {"speaker": "speakers", "location": "locations"}


@dataclass
class Review:
    accepted: int = 0
    rejected: int = 0
    edited: int = 0
    hand: int = 0
    unplaced: list[str] = field(default_factory=list)  # gold names the item does not word as written


def _key(kind: str, name: str) -> str:
    from annotator.services.evaluation import _place_key
    from annotator.tagging.names import fold

    return _place_key(name) if kind == "location" else fold(name)


def _words_in(small: str, big: str) -> bool:
    return bool(small) and f" {small} " in f" {big} "


def _whole_name(body: str, tag: dict[str, Any], name: str) -> tuple[int, int] | None:
    """The span of `name` as written around the tag when the tag is part of it ("Damascus" in
    "Damascus Rural Specialty Hospital"); the tag's own span when its text is the name under
    another spelling or form; None when the item words the name elsewhere (or inside the tag:
    "Damascus Countryside" is not Damascus)."""
    start, end = tag["start"], tag["end"]
    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", body, re.I):
        if m.start() <= start and end <= m.end():
            return m.span()
    if name.casefold() in body.casefold():
        return None  # the name stands elsewhere in the item: this tag is something else
    return start, end


def _find(body: str, forms: list[str], taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first word-bounded occurrence of any form that no tag of the kind covers yet."""
    for form in forms:
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", body, re.I):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                return m.span()
    return None


def review_item(db: Any, item: dict[str, Any], gold: dict[str, Any], report: Review) -> None:
    """Review one item's speaker and location suggestions from its gold line, as an analyst would."""
    from annotator.services import review
    from annotator.store import annotations

    for kind, gold_field in GOLD_FIELD.items():
        names = {_key(kind, n): n for n in gold.get(gold_field, [])}
        covered: set[str] = set()
        rows = annotations.for_item(db, item["id"], kinds=[kind], states=["suggested"])
        wrong = []
        for a in rows:
            key = _key(kind, (a.get("attributes") or {}).get("name") or a["text"])
            if key in names:
                review.accept(db, a["id"], ANALYST)
                report.accepted += 1
                covered.add(key)
            else:
                wrong.append(a)
        for a in wrong:
            text_key = _key(kind, a["text"])
            target = next((k for k in names if k not in covered and (_words_in(text_key, k) or _words_in(k, text_key))), None)
            whole = _whole_name(item["body"], a, names[target]) if target is not None else None
            if target is not None and (kind == "speaker" or whole is not None):
                if whole is not None and whole != (a["start"], a["end"]):
                    review.change_span(db, a["id"], whole[0], whole[1], ANALYST)  # the tag covered part of the name
                attrs = dict(a.get("attributes") or {}, name=names[target])
                review.edit_attributes(db, a["id"], attrs, ANALYST)
                report.edited += 1
                covered.add(target)
            else:
                review.reject(db, a["id"], ANALYST)
                report.rejected += 1
        taken = [(a["start"], a["end"]) for a in annotations.for_item(db, item["id"], kinds=[kind])
                 if a["state"] != "rejected"]
        for key, name in names.items():
            if key in covered:
                continue
            span = _find(item["body"], [name, *gold.get("surfaces", {}).get(name, [])], taken)
            if span is None:
                report.unplaced.append(name)
                continue
            review.add_tag(db, item["id"], kind, span[0], span[1], ANALYST, {"name": name})
            taken.append(span)
            report.hand += 1


def _store(pages: list[Path], folder: Path, name: str) -> Any:
    from annotator.services.importing import import_paths
    from annotator.store.db import open_store

    db = open_store(folder / name)
    import_paths(db, [str(p) for p in pages])
    return db


def run(gold_rows: list[dict[str, Any]], pages: list[Path]) -> dict[str, Any]:
    """Review the first half, tag the second; scores of the second half with and without learning."""
    from annotator.services.evaluation import evaluate
    from annotator.services.tagging import tag_items
    from annotator.store import tagging as tag_store

    half = len(gold_rows) // 2
    first, second = gold_rows[:half], gold_rows[half:]
    folder = Path(tempfile.mkdtemp(prefix="bench_learning_"))
    try:
        learning_db = _store(pages, folder, "learning.db")
        items = [tag_store.item_for_gold(learning_db, source=g.get("source"), position=g.get("position"), date=g.get("date"))
                 for g in gold_rows]
        if any(i is None for i in items):
            missing = [f"{g.get('source')}#{g.get('position')}" for g, i in zip(gold_rows, items) if i is None]
            raise SystemExit(f"gold items not among the pages: {', '.join(missing[:5])}")
        first_ids = [i["id"] for i in items[:half]]
        second_ids = [i["id"] for i in items[half:]]
        baseline_db = _store(pages, folder, "baseline.db")
        tag_items(baseline_db, second_ids, jobs=1)
        baseline = evaluate(baseline_db, second, stored=True)

        t0 = time.perf_counter()
        tag_items(learning_db, first_ids, jobs=1)
        review = Review()
        for item, gold in zip(items[:half], first):
            review_item(learning_db, item, gold, review)
        tag_items(learning_db, second_ids, jobs=1)
        learned = evaluate(learning_db, second, stored=True)
        return {"half": half, "second": len(second), "review": review, "baseline": baseline, "learned": learned,
                "seconds": time.perf_counter() - t0}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(result: dict[str, Any], label: str) -> float:
    """Print the figures; returns the mean F1 gain of speakers and locations."""
    r: Review = result["review"]
    print(f"{label}: reviewed {result['half']} items (accepted {r.accepted}, edited {r.edited}, rejected {r.rejected}, "
          f"tagged {r.hand} by hand, {len(r.unplaced)} gold names not worded as written), then tagged "
          f"{result['second']} ({result['seconds']:.1f} s)", flush=True)
    gains = []
    for kind in ("speaker", "location", "casualty", "date"):
        before, after = result["baseline"].scores[kind], result["learned"].scores[kind]
        if not before.gold and kind not in GOLD_FIELD:
            continue  # a gold file of speakers and places only
        if kind in GOLD_FIELD:
            gains.append(after.f1 - before.f1)
        print(f"learning {kind} F1: {after.f1:.3f} after learning vs {before.f1:.3f} without review "
              f"({after.f1 - before.f1:+.3f}; P {before.precision:.2f}->{after.precision:.2f}, "
              f"R {before.recall:.2f}->{after.recall:.2f}; target: no fall)", flush=True)
    mean = sum(gains) / len(gains)
    print(f"learning speakers+locations mean F1 gain: {mean:+.3f} (target: >= +0.03)", flush=True)
    return mean


def _pages(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    return out


def main(argv: list[str] | None = None) -> None:
    from annotator.services.evaluation import load_gold

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", help="gold JSONL (tests/data/README.md format)")
    parser.add_argument("--pages", nargs="+", help="the pages the gold names (files or folders)")
    args = parser.parse_args(argv if argv is not None else [])
    if args.gold:
        gold, pages = load_gold(args.gold), _pages(args.pages or [])
        label = f"{Path(args.gold).name}"
    else:
        gold = [row for g, _ in DEFAULT_SETS for row in load_gold(ROOT / g)]
        pages = _pages([str(ROOT / p) for _, p in DEFAULT_SETS])
        label = "self-written pages (tests/data, sample_data)"
    report(run(gold, pages), label)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
