"""Counts for `annotator stats` and the window's status bar."""

from __future__ import annotations

from typing import Any

from annotator.store import Store
from annotator.store import annotations as tag_store, items, sources


def store_stats(db: Store) -> dict[str, Any]:
    return {
        "sources": sources.count_sources(db),
        "items": items.count_items(db),
        "items_by_date": items.count_by_date(db),
        "items_by_status": items.count_by_status(db),
        "annotations": tag_store.counts_by_kind_state(db),
    }
