"""The suggestion's reading of casualty figures, shared out to worker processes on a big store.

Working out what each figure says (its place from the item's places, its sentence's cues, its
dates) is item by item and most of a suggestion's work; grouping must see the figures in report
date order in one process. So the items, in that order, are cut into chunks of CHUNK; workers take
them in turn and the parent groups the chunks' figures as they come back, oldest first, with at
most two chunks per worker waiting (memory stays flat). The figures are sent as plain tuples (a
pickled dataclass costs the parent twice as long to read) and made Figures again in the parent,
each distinct place once.

Workers die with the process that started them (services.processes) and are stopped when the
run is cancelled or fails (the pool is left by an exception: the generator is closed).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future
from dataclasses import fields
from itertools import islice
from typing import Any

from annotator.services import processes
from annotator.services.incident_model import Figure, LocationAttrs
from annotator.store import Store
from annotator.store import incidents as store
from annotator.store.backup import store_file

CHUNK = 2000  # items per worker task
PARALLEL_FROM = 20_000  # items: below this, starting workers costs more than it saves
JOBS = 2  # worker processes (the parent groups and writes meanwhile)

_FIGURE_FIELDS = tuple(f.name for f in fields(Figure))
_PLACE, _ALSO = _FIGURE_FIELDS.index("place"), _FIGURE_FIELDS.index("also")
_PLACE_FIELDS = tuple(f.name for f in fields(LocationAttrs) if f.init)


def jobs_for(db: Store) -> int:
    """Worker processes worth starting for a suggestion on this store: none (0) for a small or
    in-memory store or a one-core machine, else JOBS."""
    if (os.cpu_count() or 1) < 2 or store_file(db) is None:
        return 0
    return JOBS if store.count_items(db) >= PARALLEL_FROM else 0


def iter_item_figures(db: Store, jobs: int = JOBS) -> Generator[list[Figure], None, None]:
    """As incidents.iter_item_figures (the same figures in the same order), read by `jobs`
    worker processes."""
    path = store_file(db)
    if path is None:
        raise ValueError("workers need a store file")
    places: dict[tuple, LocationAttrs] = {}
    with processes.pool(jobs, ["annotator.services.incident_reading"], _init_worker, (str(path),)) as pool:
        pending: deque[Future] = deque()
        chunks = _chunks(db)
        more = True
        while more or pending:
            while more and len(pending) < 2 * jobs:
                chunk = next(chunks, None)
                if chunk is None:
                    more = False
                else:
                    pending.append(pool.submit(_chunk_figures, chunk))
            if pending:
                for rows in pending.popleft().result():  # oldest first: report date order
                    yield [_figure(row, places) for row in rows]
                if len(places) > 50_000:  # distinct places repeat little past this: keep memory flat
                    places.clear()


def _chunks(db: Store) -> Iterator[list[int]]:
    """The items to read, in report date order, CHUNK at a time."""
    ids = store.iter_suggest_item_ids(db)
    return iter(lambda: list(islice(ids, CHUNK)), [])


# --- in the parent: tuples back to Figures ---------------------------------------------------------
def _figure(row: tuple, places: dict[tuple, LocationAttrs]) -> Figure:
    values = list(row)
    place = values[_PLACE]
    if place is not None:
        values[_PLACE] = _place(place, places)
    if values[_ALSO]:
        values[_ALSO] = tuple([_place(p, places) for p in values[_ALSO]])
    return Figure(*values)


def _place(values: tuple, places: dict[tuple, LocationAttrs]) -> LocationAttrs:
    found = places.get(values)
    if found is None:
        found = places[values] = LocationAttrs(*values)
    return found


# --- in a worker -------------------------------------------------------------------------------
_worker: dict[str, Any] = {}


def _init_worker(path: str) -> None:
    from annotator.services.incidents import _ItemReader
    from annotator.store.db import open_reader

    db = open_reader(path)
    _worker.update(db=db, files=store.source_names(db), reader=_ItemReader(aggregate_places=False))


def _chunk_figures(item_ids: list[int]) -> list[list[tuple]]:
    """The figures of these items (those holding any), each item's as tuples of Figure fields."""
    db, files, reader = _worker["db"], _worker["files"], _worker["reader"]
    items, tags = store.suggest_chunk(db, item_ids)
    by_item: dict[int, list[tuple]] = {}
    for t in tags:
        by_item.setdefault(t[0], []).append(t)
    out = []
    for item_id in item_ids:
        tag_rows = by_item.get(item_id)
        if not tag_rows or not any(t[1] == "casualty" for t in tag_rows) or item_id not in items:
            continue
        _id, day, attribution, source_id, body = items[item_id]
        figures = reader.figures(item_id, day, attribution, files.get(source_id, ""), body or "", tag_rows)
        if figures:
            out.append([_row(f) for f in figures])
    return out


def _row(f: Figure) -> tuple:
    values = [getattr(f, name) for name in _FIGURE_FIELDS]
    values[_PLACE] = _place_row(f.place)
    values[_ALSO] = tuple([_place_row(p) for p in f.also])
    return tuple(values)


def _place_row(p: LocationAttrs | None) -> tuple | None:
    return None if p is None else tuple([getattr(p, name) for name in _PLACE_FIELDS])
