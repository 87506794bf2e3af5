"""Opening a store: the window's one way in (ui reaches data only through services).

The window opens its store here and hands the handle to the other services; background
readers and integrity checks open their own connections through the same door.
"""

from __future__ import annotations

from annotator.store import Store, StoreError, open_store
from annotator.store.window_open import integrity, open_for_window, open_reader

__all__ = ["Store", "StoreError", "integrity", "open_for_window", "open_reader", "open_store"]
