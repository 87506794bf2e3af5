"""The SQLite store. The only package that writes SQL."""

from annotator.store.db import StoreError, open_store, write_tx

__all__ = ["StoreError", "open_store", "write_tx"]
