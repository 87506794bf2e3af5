"""What the window reads: the filtered item list, one item with its tags and notes, counts.

A thin layer over store queries so the UI never builds SQL and the CLI/tests can ask the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from annotator.store import aliases, annotations, items, listing, notes
from annotator.store.items import ItemFilter, fts_query

__all__ = ["ItemFilter", "ItemView", "SORT_KEYS", "fts_query", "item_ids", "list_rows", "load_item", "progress"]

SORT_KEYS = ("date", "title", "status", "suggested", "accepted", "id")


def item_ids(db: sqlite_utils.Database, f: ItemFilter | None = None, sort: str = "date",
             descending: bool = False, limit: int | None = None) -> list[int]:
    """Ids of the items matching `f` in display order (only the first `limit`, date order only)."""
    if sort in listing.COUNT_STATES:
        return listing.item_ids_by_count(db, f, sort, descending)
    if sort == "date":
        return listing.item_ids_by_date(db, f, descending, limit)
    return items.item_ids(db, f, order=sort, descending=descending)


def search_ids(db: sqlite_utils.Database, text: str) -> list[int]:
    """Ids of the items matching a search box text, in no particular order."""
    query = fts_query(text)
    return listing.fts_ids(db, query) if query else []


def max_item_id(db: sqlite_utils.Database) -> int:
    return listing.max_item_id(db)


def only_search(f: ItemFilter) -> bool:
    """True when the filter is a text search and nothing else."""
    return bool(f.search) and f == ItemFilter(search=f.search)


def list_rows(db: sqlite_utils.Database, ids: list[int]) -> dict[int, dict[str, Any]]:
    """id -> {date, title, status, suggested, accepted} for one page of the list."""
    return items.list_rows(db, ids)


@dataclass
class ItemView:
    item: dict[str, Any]
    tags: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.item["id"]

    def tag(self, annotation_id: int) -> dict[str, Any] | None:
        return next((t for t in self.tags if t["id"] == annotation_id), None)


def load_item(db: sqlite_utils.Database, item_id: int) -> ItemView | None:
    row = items.get_item(db, item_id)
    if row is None:
        return None
    return ItemView(item=row, tags=annotations.for_item(db, item_id), notes=notes.for_item(db, item_id))


def load_tag(db: sqlite_utils.Database, annotation_id: int) -> dict[str, Any] | None:
    return annotations.get(db, annotation_id)


def progress(db: sqlite_utils.Database) -> tuple[int, int]:
    """(items reviewed, items in the store) for the status bar."""
    return listing.count_with_status(db, "reviewed"), listing.count_all(db)


def known_names(db: sqlite_utils.Database, kind: str) -> list[str]:
    """Canonical speaker / location names analysts have used (completion, filters)."""
    return aliases.known_names(db, kind)


def match_spans(body: str, search: str | None) -> list[tuple[int, int]]:
    """Where the words of a search (as the FTS index reads it) occur in `body`, for highlighting.
    Case-insensitive, whole words; `word*` matches prefixes; "quoted phrases" match as phrases."""
    import re
    import unicodedata

    query = fts_query(search or "")
    if not query:
        return []

    def fold(s: str) -> str:  # the FTS tokenizer removes diacritics; so does the highlighter
        return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).casefold()

    # fold per character so offsets into the folded text are offsets into the body
    folded = "".join((fold(ch) or ch)[:1] for ch in body)
    spans: list[tuple[int, int]] = []
    for phrase, prefix in re.findall(r'"([^"]+)"(\*?)', query):
        words = [re.escape(fold(w)) for w in phrase.split()]
        pattern = r"\b" + r"\W+".join(words) + (r"\w*" if prefix else r"\b")
        spans += [(m.start(), m.end()) for m in re.finditer(pattern, folded)]
    return sorted(set(spans))
