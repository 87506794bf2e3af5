"""Read-ahead for the JSONL export's long ordered reads of the store file.

SQLite reads a table one page (4 KB) at a time. In a store whose pages came back from the free
list (a table rebuilt by a migration, rows deleted and added again), a table's pages lie in the
file in descending order, and the kernel's read-ahead follows ascending reads only: every page
is then a separate wait on the disk. On the benchmark machine that is 40 MB/s against 1.5 GB/s
for large reads, and the tagged million's export reads about 14 GB of items and tags.

`Prefetcher.hint_items(first, stop)` finds, from the b-trees' interior pages alone, the leaf
pages that hold the items of an id range, their entries in idx_ann_item and their tags' rows,
and asks the kernel to read them in (posix_fadvise WILLNEED: large requests, served while the
export works on earlier items). It only hints: what a query returns never depends on it. A page
the write-ahead log holds a newer copy of is read from there by SQLite as always; a page that
does not parse as expected (the file changed underneath) ends the hint for that range.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from bisect import bisect_left, bisect_right
import sqlite_utils

from annotator.store.sqlite_varint import varint as _varint

TABLE_INTERIOR, INDEX_INTERIOR, INDEX_LEAF, TABLE_LEAF = 5, 2, 10, 13
MAX_PAGES = 200_000  # pages hinted per call at most (800 MB at 4 KB): a bound, never reached by one chunk
MAX_TAG_IDS = 1_000_000  # tag ids hinted per call at most (a chunk of 2,000 items holds about 36,000)


_CHILD = struct.Struct(">I")
_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _first_int(data: bytes, pos: int) -> int | None:
    """The first column of the record at `pos` when it is an integer (None otherwise)."""
    header_size, p = _varint(data, pos)
    serial, _ = _varint(data, p)
    body = pos + header_size
    if serial in (8, 9):
        return serial - 8
    size = _INT_SIZES.get(serial)
    if size is None:
        return None
    return int.from_bytes(data[body:body + size], "big", signed=True)


class _Page:
    """One interior page: its children and, for each child but the last, the key that bounds it."""

    def __init__(self, data: bytes, offset: int) -> None:
        kind = data[offset]
        if kind not in (TABLE_INTERIOR, INDEX_INTERIOR):
            raise ValueError("not an interior page")
        self.table = kind == TABLE_INTERIOR
        count = struct.unpack_from(">H", data, offset + 3)[0]
        cells = struct.unpack_from(f">{count}H", data, offset + 12)
        self.data, self.cells = data, cells
        self.right = struct.unpack_from(">I", data, offset + 8)[0]

    def child(self, k: int) -> int:
        """Child k (0-based; k == len(cells) is the right-most one)."""
        if k == len(self.cells):
            return self.right
        return struct.unpack_from(">I", self.data, self.cells[k])[0]

    def children(self, ks: range) -> list[int]:
        """Children ks (one comprehension: a chunk's pages list thousands of them)."""
        unpack, data, cells = _CHILD.unpack_from, self.data, self.cells
        inner = [unpack(data, cells[k])[0] for k in ks if k < len(cells)]
        return [*inner, self.right] if ks and ks[-1] == len(cells) else inner

    def key(self, k: int) -> int | None:
        """The key of cell k: a rowid (table) or the first column of the entry (index)."""
        pos = self.cells[k] + 4
        if self.table:
            return _varint(self.data, pos)[0]
        _, pos = _varint(self.data, pos)  # payload size
        return _first_int(self.data, pos)

    def span(self, low: int | None, high: int | None) -> range:
        """The children that may hold keys in [low, high] (None: unbounded), found by bisection
        on the cells' keys (child k holds keys <= key k, the right-most one keys above all)."""
        keys = _Keys(self)
        first = 0 if low is None else bisect_left(keys, low)
        last = len(self.cells) if high is None else min(len(self.cells), bisect_right(keys, high))
        return range(first, last + 1)


class _Keys:
    """A page's cell keys as a sequence for bisect, parsed only where bisect looks."""

    def __init__(self, page: _Page) -> None:
        self.page = page

    def __len__(self) -> int:
        return len(self.page.cells)

    def __getitem__(self, k: int) -> int:
        key = self.page.key(k)
        if key is None:
            raise ValueError("index key is not an integer")
        return key


class Prefetcher:
    """Hints the kernel to read the pages an export of an item-id range will need."""

    def __init__(self, path: str, db: sqlite_utils.Database) -> None:
        conn = db.conn
        roots = dict(conn.execute(
            "SELECT name, rootpage FROM sqlite_master WHERE name IN ('items', 'annotations', 'idx_ann_item')"))
        if len(roots) < 3:
            raise ValueError("the store has no items, annotations or idx_ann_item b-tree")
        self.conn = conn
        self.roots = roots
        self.file = open(path, "rb", buffering=0)  # noqa: SIM115 - held until close(); read only (pread, fadvise)
        self.fd = self.file.fileno()
        header = os.pread(self.fd, 100, 0)
        if len(header) < 100:
            self.file.close()
            raise ValueError("not a SQLite file")
        size = struct.unpack_from(">H", header, 16)[0]
        self.page_size = 65536 if size == 1 else size
        self.depth: dict[int, int] = {}
        self.hinted = 0  # pages hinted so far (for tests and figures)

    def close(self) -> None:
        self.file.close()

    def hint_items(self, first: int | None, stop: int | None) -> None:
        """Hint the items with first <= id < stop (None: unbounded), their idx_ann_item entries
        and their tags' rows. Never raises for a page it cannot read: the hint is then smaller."""
        if not hasattr(os, "posix_fadvise"):
            return
        high = None if stop is None else stop - 1
        pages: list[int] = []
        with contextlib.suppress(ValueError, IndexError, struct.error, OSError):
            self._leaves(self.roots["items"], first, high, pages)
        with contextlib.suppress(ValueError, IndexError, struct.error, OSError):
            self._leaves(self.roots["idx_ann_item"], first, high, pages)
        self._advise(pages)
        pages = []
        try:
            tags = self._tag_ids(first, stop)
        except sqlite3.Error:
            tags = None
        if tags is not None:
            with contextlib.suppress(ValueError, IndexError, struct.error, OSError):
                self._leaves(self.roots["annotations"], *tags, pages)
        self._advise(pages)

    def _tag_ids(self, first: int | None, stop: int | None) -> tuple[int, int] | None:
        """The tag ids (low, high) of the items in the range, as far as two index seeks tell:
        tags are added item by item, so the range's tags run from the first tag of its first
        item to just before the first tag of the next range. When later tags make that wrong
        (ids not rising with items), the range's own lowest and highest ids are read instead;
        a guess too wide is cut to MAX_TAG_IDS (this is a hint: a wrong one costs only reads)."""
        seek = "SELECT id FROM annotations INDEXED BY idx_ann_item WHERE item_id >= ? ORDER BY item_id, start LIMIT 1"
        low = self.conn.execute(seek, [first or 0]).fetchone()
        if low is None:
            return None
        high = self.conn.execute(seek, [stop]).fetchone() if stop is not None else None
        if high is None or high[0] <= low[0]:
            clause, params = ("item_id >= ?", [first or 0]) if stop is None else ("item_id >= ? AND item_id < ?",
                                                                                   [first or 0, stop])
            low, top = self.conn.execute(
                f"SELECT min(id), max(id) FROM annotations INDEXED BY idx_ann_item WHERE {clause}", params).fetchone()
            if low is None:
                return None
            return low, min(top, low + MAX_TAG_IDS)
        return low[0], min(high[0] - 1, low[0] + MAX_TAG_IDS)

    def _page(self, number: int) -> tuple[bytes, int]:
        data = os.pread(self.fd, self.page_size, (number - 1) * self.page_size)
        if len(data) < self.page_size:
            raise ValueError("page past the end of the file")
        return data, (100 if number == 1 else 0)

    def _depth(self, root: int) -> int:
        """Levels of interior pages above the leaves (every leaf of a b-tree is equally deep)."""
        if root not in self.depth:
            depth, number = 0, root
            while True:
                data, offset = self._page(number)
                if data[offset] in (TABLE_LEAF, INDEX_LEAF):
                    break
                depth += 1
                number = _Page(data, offset).child(0)
                if depth > 32:
                    raise ValueError("b-tree deeper than any store")
            self.depth[root] = depth
        return self.depth[root]

    def _leaves(self, root: int, low: int | None, high: int | None, out: list[int]) -> None:
        """Append the leaf pages of the b-tree at `root` that may hold keys in [low, high]
        (index b-trees: entries whose first column is in it), reading interior pages only.
        Index interior pages hold entries themselves: they are hinted with the leaves."""
        levels = self._depth(root)
        frontier = [root]
        for _ in range(levels):
            below: list[int] = []
            for number in frontier:
                data, offset = self._page(number)
                page = _Page(data, offset)
                if not page.table:
                    out.append(number)
                below.extend(page.children(page.span(low, high)))
                if len(below) > MAX_PAGES:
                    raise ValueError("range too wide to hint")
            frontier = below
        out.extend(frontier)

    def _advise(self, pages: list[int]) -> None:
        """WILLNEED on each run of consecutive pages (in either direction) in one request."""
        if not pages:
            return
        pages = sorted(set(pages))
        self.hinted += len(pages)
        # where a run ends: found by one comprehension (a chunk lists thousands of pages)
        ends = [k for k, (a, b) in enumerate(zip(pages, pages[1:]), 1) if b != a + 1]
        size = self.page_size
        for first, stop in zip([0, *ends], [*ends, len(pages)]):
            with contextlib.suppress(OSError):
                os.posix_fadvise(self.fd, (pages[first] - 1) * size, (stop - first) * size, os.POSIX_FADV_WILLNEED)
