"""Pull the plug: SIGKILL an annotating analyst and `annotator tag` at random moments.

After every kill the store must open, pass PRAGMA integrity_check, hold every change the process
reported committed, and contain no half-written change (a row without its history, an FTS index
out of step, a batch of suggestions without its history rows). `benchmarks/stress_kill.py` runs
the same trials 100 times.
"""

from __future__ import annotations

import random
import subprocess
import time

import pytest

from annotator.store import open_store
from benchmarks.generate import build_store
from tests.safety import killing
from tests.safety.checks import check_loop_log, connect, half_written, store_problems

LOOP_TRIALS = 14
TAG_TRIALS = 6
TAG_ITEMS = 500  # two batches of `annotator tag`


def assert_whole(path) -> None:  # noqa: ANN001
    open_store(path).close()  # opens: quick check, migrations, connection settings
    conn = connect(path)
    try:
        assert store_problems(conn) == []
        assert half_written(conn) == []
    finally:
        conn.close()


def loop_trial(store, log, home, rng: random.Random, seed: int) -> bool:  # noqa: ANN001
    """One run of the annotation loop, killed at a random moment; True if it was killed."""
    proc = killing.spawn(killing.loop_command(store, log, seed), home)
    if rng.random() < 0.15:  # sometimes while it is still starting
        return killing.kill_after(proc, rng.uniform(0.0, 0.4))
    killing.wait_for(log, f'"pid": {proc.pid}', proc)
    return killing.kill_after(proc, rng.uniform(0.0, 0.6))


def test_annotation_loop_killed_at_random_moments_loses_nothing(tmp_path):
    store = build_store(tmp_path / "store.db", 300, seed=11)
    log = tmp_path / "loop.log"
    rng = random.Random(20240611)
    killed = committed = 0
    for trial in range(LOOP_TRIALS):
        killed += loop_trial(store, log, tmp_path, rng, seed=trial)
        assert_whole(store)
        conn = connect(store)
        result = check_loop_log(conn, log)
        conn.close()
        assert result.lost == [], f"trial {trial}: committed changes lost: {result.lost[:5]}"
        assert result.in_flight <= 1
        committed = result.committed
    assert killed >= LOOP_TRIALS - 1  # the loop never ends by itself
    assert committed > LOOP_TRIALS  # the kills did land among real work


def all_item_ids(path) -> set[int]:  # noqa: ANN001
    conn = connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM items")}
    finally:
        conn.close()


def reference_suggestions(path) -> set[tuple]:  # noqa: ANN001
    conn = connect(path)
    try:
        return set(conn.execute('SELECT item_id, kind, start, "end", text FROM annotations WHERE origin = \'auto\''))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def tag_reference(tmp_path_factory):
    """The same store tagged once, cleanly: what the killed runs must end up with."""
    folder = tmp_path_factory.mktemp("tag-reference")
    store = build_store(folder / "ref.db", TAG_ITEMS, seed=12)
    t0 = time.monotonic()
    done = subprocess.run([*killing.ANNOTATOR, "tag", "--db", str(store), "--jobs", "1", "--quiet"],
                          cwd=killing.ROOT, env=killing.child_env(folder), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return reference_suggestions(store), time.monotonic() - t0


def test_annotator_tag_killed_at_random_moments_loses_nothing(tmp_path, tag_reference):
    tag_reference, clean_run_seconds = tag_reference
    store = build_store(tmp_path / "store.db", TAG_ITEMS, seed=12)
    rng = random.Random(7)
    killed = reported = 0
    for trial in range(TAG_TRIALS):
        jobs = "2" if trial % 3 == 1 else "1"  # some runs with a process pool, whose workers die too
        err = tmp_path / f"tag{trial}.err"
        with err.open("w") as fh:
            proc = killing.spawn([*killing.ANNOTATOR, "tag", "--db", str(store), "--jobs", jobs], tmp_path, stderr=fh)
            if trial % 3 == 0:  # soon after a batch was reported committed
                killing.wait_for(err, "tagged ", proc)
                killed += killing.kill_after(proc, rng.uniform(0.0, 0.3))
            else:  # anywhere from start-up to the end of a run as long as a clean one
                killed += killing.kill_after(proc, rng.uniform(0.1, 1.0) * clean_run_seconds)
        assert_whole(store)
        got = reference_suggestions(store)
        assert got <= tag_reference, "a killed run stored suggestions a clean run does not make"
        # `tagged X/Y items` is printed after X items' suggestions were committed (items in id order).
        progress = [line.split()[1] for line in err.read_text().splitlines() if line.startswith("tagged ")]
        if progress:
            done_items = int(progress[-1].split("/")[0])
            reported += done_items
            first = set(sorted({s[0] for s in tag_reference} | all_item_ids(store))[:done_items])
            missing = {s for s in tag_reference if s[0] in first} - got
            assert not missing, f"trial {trial}: {len(missing)} suggestions reported committed are missing"
    # Finish the work: nothing committed before the kills is lost or doubled.
    done = subprocess.run([*killing.ANNOTATOR, "tag", "--db", str(store), "--jobs", "1", "--quiet"], cwd=killing.ROOT,
                          env=killing.child_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert_whole(store)
    assert reference_suggestions(store) == tag_reference
    conn = connect(store)
    dupes = conn.execute('SELECT count(*) FROM (SELECT 1 FROM annotations GROUP BY item_id, kind, start, "end" '
                         "HAVING count(*) > 1)").fetchone()[0]
    conn.close()
    assert dupes == 0
    assert killed >= TAG_TRIALS // 2
    assert reported > 0  # some kills came after committed batches
