"""Two (or more) processes writing one store at once: nobody sees "database is locked", all lands."""

from __future__ import annotations

import sqlite3
import subprocess
import threading
import time

from annotator.services import review
from annotator.store import open_store, write_tx
from annotator.store import items as item_store
from benchmarks.generate import build_store, write_corpus
from tests.safety import killing
from tests.safety.checks import check_loop_log, connect, half_written, read_log, store_problems

ACTIONS = 100


def test_two_analysts_and_an_import_write_at_once(tmp_path):
    store = build_store(tmp_path / "store.db", 200, seed=21)
    pages = tmp_path / "pages"
    write_corpus(pages, 3000, seed=22)
    log = tmp_path / "loops.log"
    importer = killing.spawn([*killing.ANNOTATOR, "import", str(pages), "--db", str(store), "--quiet"], tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stop = tmp_path / "import-finished"
    loops = [killing.spawn(killing.loop_command(store, log, seed, ACTIONS, analyst=name, until=stop), tmp_path,
                           stderr=subprocess.PIPE)
             for seed, name in ((1, "amal"), (2, "basel"))]
    imported = importer.communicate(timeout=240)
    stop.touch()  # the analysts go on working until the import is over
    outcomes = [*(p.communicate(timeout=240) for p in loops), imported]
    errors = "".join(err.decode() for _, err in outcomes)
    assert [p.returncode for p in (*loops, importer)] == [0, 0, 0], errors
    events = read_log(log)
    locked = sum(e["event"] == "locked" for e in events) + errors.count("locked")
    assert locked == 0
    assert sum(e["event"] == "finished" for e in events) == 2
    assert "300 imported (3000 items)" in outcomes[2][0].decode()
    conn = connect(store)
    try:
        # The writers really overlapped: each one's first and last commit bracket another's.
        spans = {who: conn.execute("SELECT min(at), max(at) FROM history WHERE analyst = ?", (who,)).fetchone()
                 for who in ("amal", "basel", "crash-test")}
        assert spans["amal"][0] < spans["basel"][1] and spans["basel"][0] < spans["amal"][1]
        assert spans["crash-test"][0] < min(spans["amal"][1], spans["basel"][1])
        result = check_loop_log(conn, log, resolve=False)
        assert result.committed >= 2 * ACTIONS and result.in_flight == 0 and result.lost == []
        assert store_problems(conn) == [] and half_written(conn) == []
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 3200
        writers = {r[0] for r in conn.execute("SELECT DISTINCT analyst FROM history WHERE table_name = 'annotations'")}
        assert {"amal", "basel"} <= writers
    finally:
        conn.close()


def test_a_write_waits_for_another_process_holding_the_lock(sample_db, db_path):
    """BEGIN IMMEDIATE queues on the busy timeout instead of failing."""
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE settings SET value = value")

    def release() -> None:
        time.sleep(0.6)
        other.execute("COMMIT")

    holder = threading.Thread(target=release)
    holder.start()
    t0 = time.monotonic()
    item_id = item_store.item_ids(sample_db, item_store.ItemFilter())[0]
    changes = review.add_tag(sample_db, item_id, "location", 0, 5, "waiting-analyst")
    waited = time.monotonic() - t0
    holder.join()
    other.close()
    assert changes.created_id is not None
    assert waited >= 0.5


def test_read_then_write_transactions_on_two_connections_never_fail(db_path, sample_db):
    """Two connections that read, then write, in one transaction: with deferred transactions
    one of them gets SQLITE_BUSY at once (no waiting helps). write_tx takes the write lock up
    front, so they queue instead and both finish."""
    second = open_store(db_path)
    errors: list[BaseException] = []

    def work(db, n: int) -> None:  # noqa: ANN001
        try:
            for i in range(30):
                with write_tx(db):
                    db.conn.execute("SELECT count(*) FROM items").fetchone()
                    time.sleep(0.002)  # hold the lock a moment so the other thread queues
                    db.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (f"k{n}-{i}", "v"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    # Each thread has its own connection (as two processes would).
    threads = [threading.Thread(target=work, args=(d, n)) for n, d in enumerate((sample_db, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    second.close()
    assert errors == []
    assert sample_db.conn.execute("SELECT count(*) FROM settings WHERE key LIKE 'k%'").fetchone()[0] == 60
