"""What the window reads: the filtered item list, one item with its tags and notes, counts.

A thin layer over store queries so the UI never builds SQL and the CLI/tests can ask the same.
"""

from __future__ import annotations

import time
from array import array
from dataclasses import dataclass, field
from typing import Any

from annotator.store import Store
from annotator.store import aliases, annotations as tag_store, items, listing, notes
from annotator.store.items import ItemFilter, fts_query

__all__ = ["ItemFilter", "ItemView", "SORT_KEYS", "fts_query", "item_ids", "list_rows", "load_item", "progress"]

SORT_KEYS = ("date", "title", "status", "suggested", "accepted", "id")


def item_ids(db: Store, f: ItemFilter | None = None, sort: str = "date",
             descending: bool = False, limit: int | None = None) -> list[int]:
    """Ids of the items matching `f` in display order (only the first `limit`, date order only)."""
    if sort in listing.COUNT_STATES:
        return listing.item_ids_by_count(db, f, sort, descending)
    if sort == "date":
        return listing.item_ids_by_date(db, f, descending, limit)
    return items.item_ids(db, f, order=sort, descending=descending)


def search_ids(db: Store, text: str) -> list[int]:
    """Ids of the items matching a search box text, in no particular order."""
    query = listing.match_query(db, text)
    return listing.fts_ids(db, query) if query else []


SEARCH_CAP = 2_000  # a search with fewer hits is listed whole at once; more go through the walk below
WALK_FIRST = 2048  # display-order ids in the walk's first window (doubling after)
FIRST_SCREEN_S = 0.03  # the first screen of a search stops looking after this; the reader thread does the rest


def slow_to_start(db: Store, f: ItemFilter) -> bool:
    """A prefix search (word*) that the window cannot spell out in a few whole words (see
    listing.match_query; more words start so, or the index cannot be read that way): its first
    hits cost a seek per word and index segment, or FTS5's merge of the full hit list of every
    such word (hundreds of ms to seconds on a million items, whatever the limit), so its first
    screen is found by the reader thread, not the window's."""
    return listing.slow_prefix(db, f.search or "")


def first_search_hits(db: Store, f: ItemFilter, descending: bool, screen: int,
                      order: array | None = None, rank: array | None = None) -> tuple[list[int], bool]:
    """The first hits of a filter with a search, in display (date) order, without finding and
    sorting every hit; (ids, True) when that is every hit.

    Few hits (< SEARCH_CAP): all of them, sorted. Many: when `order` (every id in ascending
    display order) is known and the filter is a plain search, walk it in growing windows and
    ask the FTS index only for each window's id range (FTS5 seeks to a rowid range), stopping
    once a screenful is found; otherwise walk the order index asking the FTS index row by row.
    `rank` (id -> 1 + row in `order`) sorts the few-hits case without SQL."""
    query = listing.match_query(db, f.search or "")
    small = listing.fts_ids_capped(db, query, SEARCH_CAP)
    if len(small) < SEARCH_CAP:
        if only_search(f) and rank is not None and all(0 < i < len(rank) and rank[i] for i in small):
            return sorted(small, key=rank.__getitem__, reverse=descending), True
        return listing.ids_by_date_among(db, list(small), f, descending), True
    if only_search(f) and order is not None:
        return _walk(db, query, order, descending, screen), False
    return listing.first_ids_by_date_probing(db, f, descending, screen, FIRST_SCREEN_S) or [], False


def _walk(db: Store, query: str, order: array, descending: bool, screen: int) -> list[int]:
    """Hits of consecutive windows of the display order; stops after a screenful, or after
    FIRST_SCREEN_S with what it has (still an exact first part of the list)."""
    found: list[int] = []
    n, done, size = len(order), 0, WALK_FIRST
    deadline = time.monotonic() + FIRST_SCREEN_S
    while len(found) < screen and done < n and time.monotonic() < deadline:
        if descending:
            chunk = order[max(0, n - done - size) : n - done][::-1]
        else:
            chunk = order[done : done + size]
        hits = set(listing.fts_ids_between(db, query, min(chunk), max(chunk)))
        found.extend(i for i in chunk if i in hits)
        done += len(chunk)
        size *= 2
    return found  # every hit of the windows walked: an exact first part of the full list


def search_hits(db: Store, text: str) -> array:
    """Every item matching a search box text, in id order (for a background reader)."""
    query = listing.match_query(db, text)
    return listing.fts_all_ids(db, query) if query else array("q")


def in_display_order(hits: array, order: array, descending: bool) -> array:
    """`hits` in the order of `order` (every id, ascending display order): a pass over the
    order with a membership mark, no sort (pure Python, so a reader thread lets the GUI run)."""
    mark = bytearray(max(max(order, default=0), max(hits, default=0)) + 1)
    for i in hits:
        mark[i] = 1
    ids = array("q", [i for i in order if mark[i]])
    if descending:
        ids.reverse()
    return ids


def all_ids_in_order(db: Store) -> array:
    """Every item id in ascending display order."""
    return listing.all_ids_by_date(db)


def count_matching(db: Store, f: ItemFilter) -> int:
    return listing.count_matching(db, f)


def max_item_id(db: Store) -> int:
    return listing.max_item_id(db)


def only_search(f: ItemFilter) -> bool:
    """True when the filter is a text search and nothing else."""
    return bool(f.search) and f == ItemFilter(search=f.search)


def list_rows(db: Store, ids: list[int]) -> dict[int, dict[str, Any]]:
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


def item_row(db: Store, item_id: int) -> dict[str, Any] | None:
    """The item's own row (date, status, source name...), without its tags and notes."""
    return items.get_item(db, item_id)


def load_item(db: Store, item_id: int) -> ItemView | None:
    row = items.get_item(db, item_id)
    if row is None:
        return None
    return ItemView(item=row, tags=tag_store.for_item(db, item_id), notes=notes.for_item(db, item_id))


def progress(db: Store) -> tuple[int, int]:
    """(items reviewed, items in the store) for the status bar."""
    return listing.count_with_status(db, "reviewed"), listing.count_all(db)


def known_names(db: Store, kind: str) -> list[str]:
    """Canonical speaker / location names analysts have used (completion, filters)."""
    return aliases.known_names(db, kind)


def filter_names(db: Store, kind: str) -> list[str]:
    """Names the item list's speaker / location filter completes from: every name in use."""
    return aliases.names_in_use(db, kind)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def _fold(s: str) -> str:
    """As the FTS tokenizer reads text: diacritics removed, case folded."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).casefold()


def _fold_char(ch: str) -> str:
    """One character folded to exactly one, so offsets into the folded text are offsets into
    the body."""
    return (_fold(ch) or ch)[:1]


_FOLDED: dict[str, str] = {}


def fold_text(body: str) -> str:
    """`body` folded per character (same length). ASCII is lowered by a translation table and
    only the other characters are folded one by one (each once per process): folding a whole
    3,600-character report per character took ~15 ms, on the GUI thread, for every search hit
    shown."""
    import re

    lowered = body.translate(_ASCII_LOWER)
    if body.isascii():
        return lowered

    def fold(m: re.Match) -> str:
        ch = m.group()
        out = _FOLDED.get(ch)
        if out is None:
            out = _FOLDED[ch] = _fold_char(ch)
        return out

    return re.sub(r"[^\x00-\x7f]", fold, lowered)


def match_spans(body: str, search: str | None) -> list[tuple[int, int]]:
    """Where the words of a search (as the FTS index reads it) occur in `body`, for highlighting.
    Case-insensitive, whole words; `word*` matches prefixes; "quoted phrases" match as phrases."""
    import re

    query = fts_query(search or "")
    if not query:
        return []
    folded = fold_text(body)
    spans: list[tuple[int, int]] = []
    for phrase, prefix in re.findall(r'"([^"]+)"(\*?)', query):
        words = [re.escape(_fold(w)) for w in phrase.split()]
        pattern = r"\b" + r"\W+".join(words) + (r"\w*" if prefix else r"\b")
        spans += [(m.start(), m.end()) for m in re.finditer(pattern, folded)]
    return sorted(set(spans))
