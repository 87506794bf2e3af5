"""Opening a store: the window's one way in (ui reaches data only through services).

The window opens its store here and hands the handle to the other services; background
readers and integrity checks open their own connections through the same door.
"""

from __future__ import annotations

from pathlib import Path

from annotator.store import Store, StoreError, faults, open_store
from annotator.store.db import opened_readonly
from annotator.store.window_open import integrity, open_for_window, open_reader

__all__ = ["Store", "StoreError", "integrity", "open_for_window", "open_reader", "open_store", "readonly_reason"]


def readonly_reason(db: Store, path: str | Path) -> str | None:
    """Why the store was opened read-only ("the disk is full"...), or None when it can be written."""
    if not opened_readonly(db):
        return None
    return faults.SHORT.get(faults.cause(None, Path(path)), "it cannot be written")
