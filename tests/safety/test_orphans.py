"""Children die with their parent: however the process that started a job dies (SIGKILL, SIGTERM,
SIGHUP), its workers, the forkserver and the resource tracker are gone within seconds; and
SIGTERM/SIGHUP end `annotator tag` as cleanly as Ctrl+C."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.safety.killing import ROOT, child_env

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
GONE_WITHIN = 10.0  # seconds; the lifeline answers in well under one


def session_pids(sid: int) -> list[int]:
    """Live processes of session `sid` (zombies waiting for a reaper do not count)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry))
    return found


def wait_until(check, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


def _default_signals() -> None:
    """In the child, before exec: the signals under test at their default action. An ignored
    signal stays ignored across exec, so a suite started under `nohup` (SIGHUP ignored) or as a
    background job (SIGINT ignored) would hand that on and test the shell, not the app."""
    for sig in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, signal.SIG_DFL)


def start(args: list[str], home: Path, **env: str) -> subprocess.Popen:
    # stderr to a file, not a pipe: a pipe's reader would also wait for every grandchild holding it
    home.mkdir(parents=True, exist_ok=True)
    err = open(home / "stderr.txt", "w")  # noqa: SIM115 - closed by the child's exit; read by err_of
    proc = subprocess.Popen(args, cwd=ROOT, env={**child_env(home), **env}, stdout=subprocess.PIPE,
                            stderr=err, text=True, start_new_session=True, preexec_fn=_default_signals)
    err.close()
    proc.err_file = home / "stderr.txt"  # type: ignore[attr-defined]
    return proc


def err_of(proc: subprocess.Popen) -> str:
    return proc.err_file.read_text()  # type: ignore[attr-defined]


def described(sid: int) -> str:
    out = []
    for pid in session_pids(sid):
        try:
            out.append(f"{pid}: {Path(f'/proc/{pid}/cmdline').read_bytes().replace(bytes(1), b' ')[:150]!r}")
        except OSError:
            pass
    return "; ".join(out)


def reap(proc: subprocess.Popen) -> None:
    """Whatever happens, leave nothing running behind the test."""
    for pid in session_pids(proc.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(timeout=10)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_workers_die_with_the_process_that_started_them(tmp_path, sig):
    proc = start([sys.executable, str(ROOT / "tests" / "safety" / "orphan_parent.py")], tmp_path)
    try:
        line = proc.stdout.readline()
        assert line.startswith("ready"), err_of(proc)
        workers = int(line.split()[1])
        assert len(session_pids(proc.pid)) >= 1 + workers  # parent, pool workers, a process (+ servers)
        os.kill(proc.pid, sig)  # the parent alone, as a crash or `kill` would
        proc.wait(timeout=10)
        assert wait_until(lambda: not session_pids(proc.pid), GONE_WITHIN), \
            f"left running: {described(proc.pid)}"
    finally:
        reap(proc)


@pytest.fixture(scope="module")
def busy_store(tmp_path_factory) -> Path:
    """A store big enough that tagging it with two workers takes several seconds."""
    from benchmarks.generate import write_corpus

    from annotator.services.importing import import_paths
    from annotator.store import open_store

    folder = tmp_path_factory.mktemp("busy")
    write_corpus(folder / "pages", 2000, seed=11)
    db = open_store(folder / "base.db")
    assert not import_paths(db, [folder / "pages"], analyst="t").failed
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return folder / "base.db"


def _tagging(tmp_path: Path, busy_store: Path) -> tuple[subprocess.Popen, Path]:
    store = tmp_path / "s.db"
    shutil.copy(busy_store, store)
    proc = start([sys.executable, "-m", "annotator", "tag", "--db", str(store), "--jobs", "2"], tmp_path,
                 ANNOTATOR_STARTUP_BACKUP="off")
    # parent, resource tracker, forkserver and both workers: the run is under way
    assert wait_until(lambda: len(session_pids(proc.pid)) >= 5 or proc.poll() is not None, 60)
    assert proc.poll() is None, err_of(proc)
    return proc, store


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_end_a_tagging_run_like_ctrl_c(tmp_path, busy_store, sig):
    proc, store = _tagging(tmp_path, busy_store)
    try:
        os.kill(proc.pid, sig)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running 60 s after {signal.Signals(sig).name}: {described(proc.pid)}\n{err_of(proc)}")
        err = err_of(proc)
        assert proc.returncode == 128 + sig
        assert f"terminated ({signal.Signals(sig).name})" in err
        # no traceback of the run itself (a forkserver caught handing over a worker may print its own)
        assert "annotator/" not in err and "KeyboardInterrupt" not in err, err
        assert wait_until(lambda: not session_pids(proc.pid), GONE_WITHIN), \
            f"left running: {described(proc.pid)}"
        # what was stored is whole batches, and the store is sound
        from annotator.store import open_store

        db = open_store(store)
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
    finally:
        reap(proc)


def test_a_killed_tagging_run_leaves_no_process(tmp_path, busy_store):
    proc, _ = _tagging(tmp_path, busy_store)
    try:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert wait_until(lambda: not session_pids(proc.pid), GONE_WITHIN), \
            f"left running: {described(proc.pid)}"
    finally:
        reap(proc)


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _settled(proc: subprocess.Popen, timeout: float = 60) -> bool:
    """The window is up and waiting for input: its CPU time stops growing."""
    last, still, deadline = -1, 0, time.monotonic() + timeout
    time.sleep(1)
    while time.monotonic() < deadline and proc.poll() is None:
        now = _cpu_ticks(proc.pid)
        still = still + 1 if now == last else 0
        if still >= 4:
            return True
        last = now
        time.sleep(0.25)
    return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_close_the_window_as_quit_does(tmp_path, busy_store, sig):
    store = tmp_path / "s.db"
    shutil.copy(busy_store, store)
    home = tmp_path / "home"
    proc = start([sys.executable, "-m", "annotator", "gui", "--db", str(store), "--analyst", "t"], home,
                 ANNOTATOR_STARTUP_BACKUP="off")
    try:
        assert _settled(proc), err_of(proc) if proc.poll() is not None else "the window never settled"
        os.kill(proc.pid, sig)
        proc.wait(timeout=30)
        assert proc.returncode == 0
        ini = (home / "window.ini").read_text()
        assert "geometry" in ini  # closeEvent ran: the layout was saved as on File > Quit
        assert wait_until(lambda: not session_pids(proc.pid), GONE_WITHIN)
    finally:
        reap(proc)
