"""Merge annotations exported (JSONL) from another store of the same source pages.

Matching: a line's source is found by its SHA-256 and its item by its text among that source's
items (the n-th identical item on the page matches the n-th such line); tag offsets are into
the item text, so they mean the same thing in both stores.

Per tag, against the tags already on the item:
- the same tag (kind, span, origin, state, analyst and attributes) is already there: unchanged;
- a pending suggestion whose span and kind are already tagged here: unchanged;
- otherwise it is added with its own analyst. If it disagrees with a decided tag here (same
  kind and overlapping span but another span, attributes or decision; or another kind on the
  very same span), both are put in one `conflict_group` for review; nothing is overwritten.
Notes come along with their tag (or item) unless an identical note is already there.

The whole file is one transaction: any bad line (malformed JSON, unknown source, offsets out of
range...) is reported with its line number, and nothing of the file is merged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.export.jsonl import JsonlError, parse_line
from annotator.vocabulary import normalise
from annotator.services.merge_checks import check_annotation, check_item, check_note
from annotator.store import Store
from annotator.store import annotations as tag_store, history, notes
from annotator.store.db import write_tx
from annotator.store.interchange import source_items

MAX_SHOWN = 20
DECISION = {"accepted": "yes", "edited": "yes", "rejected": "no", "suggested": None}


class MergeError(Exception):
    """The file cannot be merged; `problems` name each bad line. Nothing was written."""

    def __init__(self, path: str, problems: list[str]) -> None:
        shown = problems[:MAX_SHOWN]
        more = f"\n  ... and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
        super().__init__(f"{path}: nothing merged, {len(problems)} problem(s):\n  " + "\n  ".join(shown) + more)
        self.path = path
        self.problems = problems


@dataclass
class MergeReport:
    path: str
    lines: int = 0
    added: int = 0
    unchanged: int = 0
    conflicts: int = 0
    notes_added: int = 0
    groups: set[str] = field(default_factory=set)

    def summary(self) -> str:
        return (f"merged {self.path}: {self.lines} items read, {self.added} tags added ({self.conflicts} in conflict, "
                f"{len(self.groups)} conflict groups to review), {self.unchanged} already present, "
                f"{self.notes_added} notes added")


def _same(local: dict[str, Any], inc: dict[str, Any]) -> bool:
    return (local["kind"], local["start"], local["end"], local["origin"], local["state"], local["analyst"]) == (
        inc["kind"], inc["start"], inc["end"], inc["origin"], inc["state"], inc.get("analyst")
    ) and normalise(local["kind"], local["attributes"]) == normalise(inc["kind"], inc.get("attributes"))


def disagree(local: dict[str, Any], inc: dict[str, Any]) -> bool:
    """Two decided tags that cannot both be right."""
    same_span = (local["start"], local["end"]) == (inc["start"], inc["end"])
    overlap = same_span or (local["start"] < inc["end"] and inc["start"] < local["end"])
    mine, theirs = DECISION[local["state"]], DECISION[inc["state"]]
    if mine is None or theirs is None or not overlap:
        return False
    if local["kind"] != inc["kind"]:
        return same_span and mine == theirs == "yes"
    if not same_span or mine != theirs:
        return True
    return mine == "yes" and normalise(local["kind"], local["attributes"]) != normalise(inc["kind"], inc.get("attributes"))


class _Merger:
    def __init__(self, db: Store, path: str, analyst: str | None) -> None:
        self.db, self.analyst = db, analyst
        self.report = MergeReport(path)
        self.problems: list[str] = []
        self.sources: dict[str, Any] = {}
        self.seen: dict[tuple[str, str], int] = defaultdict(int)

    def item_for(self, rec: dict[str, Any]) -> tuple[int | None, str | None]:
        sha = rec["source"]["sha256"].strip().lower()
        if sha not in self.sources:
            found = source_items(self.db, sha)
            by_body: dict[str, list[int]] = defaultdict(list)
            for it in found[1] if found else ():
                by_body[it["body"]].append(it["id"])
            self.sources[sha] = by_body if found else None
        by_body = self.sources[sha]
        name = rec["source"].get("file") or "?"
        if by_body is None:
            return None, f"source {name} (sha256 {sha[:12]}...) is not in this store; import the same page files first"
        n = self.seen[(sha, rec["text"])]
        self.seen[(sha, rec["text"])] += 1
        candidates = by_body.get(rec["text"], [])
        if n >= len(candidates):
            return None, f"item {rec.get('item_id')!r} ({rec.get('date')}) matches no item of {name} in this store"
        return candidates[n], None

    def line(self, number: int, rec: dict[str, Any]) -> None:
        self.report.lines += 1
        problems = check_item(rec)
        item_id = None
        if not problems:
            item_id, problem = self.item_for(rec)
            problems += [problem] if problem else []
        if not problems:
            anns, nts = rec.get("annotations", []), rec.get("notes", [])
            for n, a in enumerate(anns, 1):
                problems += check_annotation(n, a, rec["text"])
            ids = {a.get("id") for a in anns if isinstance(a, dict)}
            for n, note in enumerate(nts, 1):
                problems += check_note(n, note, ids)
        self.problems += [f"line {number}: {p}" for p in problems]
        if not self.problems and item_id is not None:
            self.apply(item_id, rec)

    def apply(self, item_id: int, rec: dict[str, Any]) -> None:
        local = tag_store.for_item(self.db, item_id)
        mapping: dict[Any, int] = {}
        for inc in rec.get("annotations", []):
            mapping[inc.get("id")] = self.annotation(item_id, inc, local)
        existing = {self._note_key(n) for n in notes.for_item(self.db, item_id)}
        for note in rec.get("notes", []):
            target = note["target"]
            ann_id = mapping[target.get("id")] if target["type"] == "annotation" else None
            row = {"annotation_id": ann_id, "grading": note.get("grading"), "sources": note.get("sources") or [],
                   "checklist": note.get("checklist") or {}, "text": note.get("text") or "",
                   "analyst": note.get("analyst"), "created": note.get("created")}
            if self._note_key(row) in existing:
                continue
            notes.insert(self.db, item_id=item_id, **row)
            existing.add(self._note_key(row))
            self.report.notes_added += 1

    @staticmethod
    def _note_key(n: dict[str, Any]) -> tuple:
        return (n.get("annotation_id"), n.get("grading"), repr(n.get("sources") or []),
                repr(sorted((n.get("checklist") or {}).items())), n.get("text") or "", n.get("analyst"), n.get("created"))

    def annotation(self, item_id: int, inc: dict[str, Any], local: list[dict[str, Any]]) -> int:
        for row in local:
            if _same(row, inc):
                self.report.unchanged += 1
                return row["id"]
        if DECISION[inc["state"]] is None:
            for row in local:
                if (row["kind"], row["start"], row["end"]) == (inc["kind"], inc["start"], inc["end"]):
                    self.report.unchanged += 1
                    return row["id"]
        rivals = [row for row in local if disagree(row, inc)]
        group = None
        if rivals:
            groups = sorted(row["conflict_group"] for row in rivals if row["conflict_group"])
            group = groups[0] if groups else f"merge-{item_id}-{min(row['id'] for row in rivals)}"
            for row in rivals:
                if row["conflict_group"] != group:
                    tag_store.update(self.db, row["id"], {"conflict_group": group}, self.analyst, action="conflict")
                    row["conflict_group"] = group
            self.report.conflicts += 1
            self.report.groups.add(group)
        new_id = tag_store.insert(
            self.db, item_id=item_id, kind=inc["kind"], start=inc["start"], end=inc["end"], text=inc["text"],
            attributes={k: v for k, v in (inc.get("attributes") or {}).items() if v is not None},
            origin=inc["origin"], state=inc["state"], analyst=inc.get("analyst"), rule=inc.get("rule"),
            confidence=inc.get("confidence"), conflict_group=group, action="merge")
        self.report.added += 1
        stored = tag_store.get(self.db, new_id)
        if stored is not None:
            local.append(stored)
        return new_id


MAX_LINE_BYTES = 64 * 1024 * 1024  # one item with its tags; a 25 MB page with every tag fits
_TOO_LONG = b"\0too long"


def _lines(fh: Any) -> Iterator[bytes]:
    """The file's lines, each read at most MAX_LINE_BYTES at a time: an endless line is named,
    not read into memory whole."""
    while True:
        raw = fh.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of this line
                raw = fh.readline(MAX_LINE_BYTES)
            yield _TOO_LONG
            continue
        yield raw


def merge_jsonl(db: Store, path: str | Path, analyst: str | None = None) -> MergeReport:
    """Merge the JSONL export at `path` in one transaction; MergeError (nothing merged) on bad input."""
    name = str(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; binary so a bad byte names its line
    except OSError as exc:
        raise MergeError(name, [f"cannot read the file ({exc.strerror or exc})"]) from exc
    merger = _Merger(db, name, analyst)
    with fh, write_tx(db):
        for number, raw in enumerate(_lines(fh), 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if raw is _TOO_LONG:
                merger.problems.append(f"line {number}: longer than {MAX_LINE_BYTES // 1_048_576} MB, not read")
                continue
            if not raw.strip():
                continue
            try:
                rec = parse_line(number, raw.decode("utf-8"))
            except UnicodeDecodeError:
                merger.problems.append(f"line {number}: not UTF-8 text")
                continue
            except JsonlError as exc:
                merger.problems.append(str(exc))
                continue
            merger.line(number, rec)
        if merger.problems:
            raise MergeError(name, merger.problems)
        r = merger.report
        history.record(db, analyst=analyst, action="merge", table="annotations", row_id=None, item_id=None,
                       after={"file": name, "added": r.added, "conflicts": r.conflicts, "notes": r.notes_added,
                              "unchanged": r.unchanged})
    return merger.report
