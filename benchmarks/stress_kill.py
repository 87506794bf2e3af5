"""Crash stress: 100 SIGKILLs at random moments, then count what was lost.

Four trials in five kill the scripted annotation loop (tests/safety/annotation_loop.py) while it
adds, edits, rejects and deletes tags through the services; one in five kills `annotator tag`
on a generated store. After each kill: the store must open and pass PRAGMA integrity_check, the
FTS index and history must match the rows, and every change the loop reported committed must be
there. `annotator tag` kills are checked against a clean run at the end (re-run to completion:
the same suggestions, none doubled). Prints `figure: value unit (target ...)` lines.

    python -m benchmarks.stress_kill [TRIALS]      (BENCH_QUICK=1: 10 trials)
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.generate import build_store
from tests.safety import killing
from tests.safety.checks import check_loop_log, connect, half_written, store_problems

TAG_EVERY = 5


def problems_of(store: Path) -> list[str]:
    from annotator.store import StoreError, open_store

    try:
        open_store(store).close()
    except StoreError as exc:
        return [str(exc)]
    conn = connect(store)
    try:
        return store_problems(conn) + half_written(conn)
    finally:
        conn.close()


def suggestions(store: Path) -> list[tuple]:
    conn = connect(store)
    try:
        return conn.execute('SELECT item_id, kind, start, "end" FROM annotations WHERE origin = \'auto\' '
                            'ORDER BY 1, 2, 3, 4').fetchall()
    finally:
        conn.close()


def run_tag(store: Path, home: Path) -> None:
    done = subprocess.run([*killing.ANNOTATOR, "tag", "--db", str(store), "--quiet"], cwd=killing.ROOT,
                          env=killing.child_env(home), capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise SystemExit(f"annotator tag failed: {done.stderr}")


def main(trials: int | None = None) -> None:
    trials = trials or (10 if os.environ.get("BENCH_QUICK") else 100)
    rng = random.Random(1)
    damaged = lost = committed = locked = tag_kills = loop_kills = 0
    with tempfile.TemporaryDirectory(prefix="stress-kill-") as tmp:
        home = Path(tmp)
        store = build_store(home / "loop.db", 500, seed=31)
        tagged = build_store(home / "tag.db", 1000, seed=32)
        reference = build_store(home / "reference.db", 1000, seed=32)
        log = home / "loop.log"
        for trial in range(trials):
            if trial % TAG_EVERY == TAG_EVERY - 1:
                proc = killing.spawn([*killing.ANNOTATOR, "tag", "--db", str(tagged)], home)
                tag_kills += killing.kill_after(proc, rng.uniform(0.1, 4.0))
                found = problems_of(tagged)
            else:
                proc = killing.spawn(killing.loop_command(store, log, seed=trial), home)
                if rng.random() > 0.15:
                    killing.wait_for(log, f'"pid": {proc.pid}', proc)
                loop_kills += killing.kill_after(proc, rng.uniform(0.0, 0.8))
                found = problems_of(store)
                conn = connect(store)
                result = check_loop_log(conn, log)
                conn.close()
                lost += len(result.lost)
                committed, locked = result.committed, result.locked
            damaged += bool(found)
            if found:
                print(f"   trial {trial}: {found[:3]}", flush=True)
        run_tag(tagged, home)  # finish the interrupted work, then compare with a clean run
        run_tag(reference, home)
        tag_mismatch = suggestions(tagged) != suggestions(reference)
        damaged += bool(problems_of(tagged))
    print(f"kill_trials: {trials} trials, {loop_kills + tag_kills} killed mid-run ({loop_kills} annotation loop, "
          f"{tag_kills} annotator tag; the rest had already finished) (target >= 100)")
    print(f"kill_damaged_stores: {damaged} (target 0)")
    print(f"kill_losses: {lost} of {committed} committed tag changes lost (target 0)")
    print(f"kill_locked_errors: {locked} (target 0)")
    print(f"kill_tag_resume_mismatch: {int(tag_mismatch)} (target 0: killed runs + one re-run = one clean run)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
