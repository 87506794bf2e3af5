"""The SQLite store. The only package that writes SQL."""

from annotator.store.db import DatabaseError, Store, StoreError, open_store, write_tx

__all__ = ["DatabaseError", "Store", "StoreError", "open_store", "write_tx"]
