"""Checkpoints beside a bulk writer: the WAL is copied into the database file by a thread of
its own while the writer goes on.

In a large import every batch commit ran an automatic checkpoint (WAL pages copied into the
file, then an fsync) in the one process that everything else waits for. While a
`BackgroundCheckpoints` is open, the writer's automatic checkpoints are off and a thread with
its own connection runs a PASSIVE checkpoint after each commit; in WAL mode SQLite lets a
checkpoint and a writer run at once. Nothing is less safe: committed transactions are in the
WAL until they are copied, as before, and a crash is recovered from the WAL.
"""

from __future__ import annotations

import sqlite3
import threading
from types import TracebackType

import sqlite_utils

from annotator.store.backup import store_file
from annotator.store.db import connect


class BackgroundCheckpoints:
    """`with BackgroundCheckpoints(db) as checkpoints: ... checkpoints.committed() ...`"""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.path = store_file(db)
        self.wake = threading.Event()
        self.stopping = False
        self.pending = False
        self.thread: threading.Thread | None = None
        self.saved_interval: int | None = None

    def __enter__(self) -> BackgroundCheckpoints:
        if self.path is None:  # in memory: there is no WAL
            return self
        self.saved_interval = self.db.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        self.db.conn.execute("PRAGMA wal_autocheckpoint=0")
        self.thread = threading.Thread(target=self._run, name="wal-checkpoints", daemon=True)
        self.thread.start()
        return self

    def committed(self) -> None:
        """A transaction was committed: copy what the WAL holds when the thread is free."""
        self.pending = True
        self.wake.set()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.thread is None:
            return
        self.stopping = True
        self.wake.set()
        self.thread.join()  # after its last checkpoint: the writer leaves a WAL already copied
        self.db.conn.execute(f"PRAGMA wal_autocheckpoint={int(self.saved_interval or 1000)}")

    def _run(self) -> None:
        conn = connect(str(self.path))
        try:
            while True:  # __exit__ sets `wake` too, so the last commit is always copied
                self.wake.wait()
                self.wake.clear()
                if self.pending:
                    self.pending = False
                    self._checkpoint(conn)
                if self.stopping and not self.pending:
                    return
        finally:
            conn.close()

    @staticmethod
    def _checkpoint(conn: sqlite3.Connection) -> None:
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error:  # only an optimisation here: the next checkpoint copies it all
            pass
