"""Run the taggers over the store: `tag_items` (shared by `annotator tag`, the window and tests).

Workers compute, the calling process alone writes. A full run splits the items into batches and
hands them to a process pool (every core by default); each batch's suggestions are written in one
transaction. Re-running adds no duplicates: a span that already has an automatic annotation of the
same kind (suggested, accepted, edited or rejected) is never suggested again, manual tags are never
touched and nothing overlapping a manual tag of the same kind is suggested. What analysts taught
(services.learning) applies: aliases, contexts they rejected, and forms they reject past the
store's rate threshold (`suppress_min_rejections` rejections and `suppress_rate` of decisions).

A re-run also keeps earlier suggestions in line with the current rules (and what analysts have
taught them since): a suggestion nobody has touched is withdrawn when the rules no longer make it,
and updated when they give its span other attributes. Every such change is in `history`.
"""

from __future__ import annotations

import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from annotator.services.learning import build_learned, thresholds
from annotator.services import processes
from annotator.store import Store
from annotator.store import aliases as alias_store
from annotator.store import tagging as tag_store
from annotator.store.annotations import insert_many_suggestions, refresh_suggestions, withdraw_suggestions
from annotator.store.db import write_tx
from annotator.tagging.learned import LEARNED_KINDS
from annotator.tagging.pipeline import TagContext, parse_kinds, tag_item

BATCH = 250

ProgressFn = Callable[[int, int], None]  # (items done, items total)


@dataclass
class TagReport:
    items: int = 0  # items tagged
    total: int = 0  # items asked for
    added: int = 0  # suggestions stored
    already_there: int = 0  # same kind and span already auto-suggested (any state)
    beside_manual: int = 0  # overlapping a manual, accepted or edited tag of the same kind
    reviewed_items: int = 0  # items marked reviewed: left as they are
    withdrawn: int = 0  # untouched suggestions the rules no longer make, removed
    refreshed: int = 0  # untouched suggestions whose attributes the rules now give otherwise
    by_kind: dict[str, int] = field(default_factory=dict)
    failed: list[tuple[int, str]] = field(default_factory=list)  # (item id, error)
    cancelled: bool = False
    seconds: float = 0.0
    jobs: int = 1
    store_cpu: float = 0.0  # CPU seconds this process spent storing (reads, writes, commits): where the time goes

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.by_kind.items())) or "none"
        text = (f"{self.items} of {self.total} items tagged in {self.seconds:.1f} s ({self.jobs} process"
                f"{'es' if self.jobs != 1 else ''}): {self.added} new suggestion{'' if self.added == 1 else 's'} ({kinds}); "
                f"{self.already_there} already suggested or reviewed, {self.beside_manual} beside analysts' tags")
        if self.reviewed_items:
            text += f"; {self.reviewed_items} reviewed item{'' if self.reviewed_items == 1 else 's'} left as they are"
        if self.withdrawn or self.refreshed:
            text += (f"; {self.withdrawn} outdated suggestion{'' if self.withdrawn == 1 else 's'} withdrawn, "
                     f"{self.refreshed} updated")
        if self.failed:
            text += f"; {len(self.failed)} item{'' if len(self.failed) == 1 else 's'} failed"
        return text + (" — cancelled" if self.cancelled else "")


def build_context(db: Store) -> TagContext:
    """What the store has learned: speaker names, aliases, rejected contexts, suppressed forms."""
    speaker_aliases = {r["surface"]: r["canonical"] for r in alias_store.all_aliases(db, "speaker")}
    learned = build_learned(db)
    # casualty and date tags have no contexts yet: for them a form rejected past the rate is suppressed
    suppressed = frozenset(k for k in learned_forms_suppressed(db) if k[0] not in LEARNED_KINDS)
    return TagContext(
        known_speakers=tuple(alias_store.known_names(db, "speaker")),
        speaker_aliases=speaker_aliases,
        location_aliases=tuple(alias_store.all_aliases(db, "location")),
        suppressed=suppressed,
        learned=learned,
    )


def learned_forms_suppressed(db: Store) -> list[tuple[str, str]]:
    """(kind, lower-cased text) of casualty and date forms rejected past the rate threshold."""
    n, rate = thresholds(db)
    counts = tag_store.decision_counts(db)
    return [k for k, (r, a) in counts.items() if r >= n and r >= rate * (r + a)]


# -- worker side ----------------------------------------------------------------------------------
_worker_context: TagContext | None = None


def _init_worker(context: TagContext) -> None:
    global _worker_context
    _worker_context = context
    context.taggers()  # build once per process, not per batch


def _tag_batch(rows: list[tuple[int, str, str]], kinds: tuple[str, ...],
               context: TagContext | None = None) -> tuple[list[tuple[int, list[dict[str, Any]]]], list[tuple[int, str]]]:
    context = context or _worker_context or TagContext()
    done, failed = [], []
    for item_id, item_date, body in rows:
        try:
            done.append((item_id, [s.as_row(item_id) for s in tag_item(body, item_date, kinds, context)]))
        except Exception as exc:  # noqa: BLE001 - one bad item must not stop a 100,000-item run; it is reported
            failed.append((item_id, f"{type(exc).__name__}: {exc}"))
    return done, failed


# -- parent side ----------------------------------------------------------------------------------
def _store_batch(db: Store, results: list[tuple[int, list[dict[str, Any]]]], report: TagReport,
                 analyst: str | None, kinds: tuple[str, ...], refresh: bool) -> None:
    started = time.process_time()
    ids = [item_id for item_id, _ in results]
    with write_tx(db):  # what the batch reads and what it writes: one state of the store
        auto, manual = tag_store.taken_spans(db, ids)
        reviewed = tag_store.reviewed_items(db, ids)
        untouched = tag_store.untouched_suggestions(db, ids, kinds) if refresh else {}
        rows: list[dict[str, Any]] = []
        outdated: list[int] = []
        changed: list[tuple[int, dict[str, Any]]] = []
        for item_id, suggestions in results:
            taken, hand, stale = auto[item_id], manual[item_id], untouched.get(item_id, {})
            if item_id in reviewed:  # the analyst's finished review is not re-opened
                report.reviewed_items += 1
                continue
            for row in suggestions:
                kind, start, end = key = (row["kind"], row["start"], row["end"])
                if stale:
                    stored = stale.pop(key, None)
                    if stored is not None and tag_store.suggestion_differs(stored, row):
                        changed.append((stored[0], row))
                if key in taken:
                    report.already_there += 1
                    continue
                if hand and any(k == kind and s < end and start < e for k, s, e in hand):
                    report.beside_manual += 1
                    continue
                taken.add(key)
                rows.append(row)
            outdated.extend(stored[0] for stored in stale.values())  # what the rules no longer say
        for kind, n in Counter(map(itemgetter("kind"), rows)).items():
            report.by_kind[kind] = report.by_kind.get(kind, 0) + n
        report.added += insert_many_suggestions(db, rows, analyst=analyst)
        report.withdrawn += withdraw_suggestions(db, outdated, analyst)
        report.refreshed += refresh_suggestions(db, changed, analyst)
    report.items += len(results)
    report.store_cpu += time.process_time() - started


def _pool(jobs: int, context: TagContext) -> ProcessPoolExecutor:
    return processes.pool(jobs, ["annotator.tagging.pipeline", "annotator.services.tagging"], _init_worker, (context,))


def tag_items(
    db: Store,
    item_ids: Iterable[int] | None = None,
    kinds: Iterable[str] | str | None = None,
    analyst: str | None = None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] | None = None,
    jobs: int | None = None,
    refresh: bool = True,
) -> TagReport:
    """Tag the given items (default: all) and store new suggestions. Unknown kinds raise ValueError.

    With `refresh` (the default), untouched suggestions of the kinds run are brought in line with
    the current rules: withdrawn when the rules no longer make them, updated when they say
    something else of the same span. Reviewed, edited, noted and manual tags are never touched."""
    t0 = time.perf_counter()
    wanted = parse_kinds(kinds)
    ids = tag_store.all_item_ids(db) if item_ids is None else tag_store.existing_item_ids(db, list(dict.fromkeys(item_ids)))
    report = TagReport(total=len(ids))
    context = build_context(db)
    batches = [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(batches)))
    report.jobs = jobs

    def finish(results: list[tuple[int, list[dict[str, Any]]]], failed: list[tuple[int, str]]) -> None:
        _store_batch(db, results, report, analyst, wanted, refresh)
        report.failed.extend(failed)
        if progress:
            progress(report.items + len(report.failed), report.total)

    if jobs == 1:
        for batch in batches:
            if should_stop and should_stop():
                report.cancelled = True
                break
            finish(*_tag_batch(tag_store.item_texts(db, batch), wanted, context))
    else:
        with _pool(jobs, context) as pool:
            pending: deque[Future] = deque()
            queue = deque(batches)
            while queue or pending:
                stop = bool(should_stop and should_stop())
                while queue and not stop and len(pending) < jobs * 2:
                    pending.append(pool.submit(_tag_batch, tag_store.item_texts(db, queue.popleft()), wanted))
                if stop:
                    report.cancelled = True
                    for f in pending:
                        f.cancel()
                    break
                finish(*pending.popleft().result())  # oldest first: results land in item order
    report.seconds = time.perf_counter() - t0
    return report
