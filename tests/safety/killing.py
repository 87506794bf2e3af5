"""Start a process in its own session and SIGKILL it (and its workers) at a chosen moment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LOOP = Path(__file__).resolve().parent / "annotation_loop.py"
ANNOTATOR = [sys.executable, "-m", "annotator"]


def child_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    env.update(ANNOTATOR_HOME=str(home), ANNOTATOR_ANALYST="crash-test", QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    return env


def spawn(args: list[str], home: Path, stdout: Any = subprocess.DEVNULL, stderr: Any = subprocess.DEVNULL
          ) -> subprocess.Popen:
    # A new session: the kill reaches the whole group (a process pool's workers included), as
    # pulling the plug would.
    return subprocess.Popen(args, cwd=ROOT, env=child_env(home), stdout=stdout, stderr=stderr,
                            start_new_session=True)


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)


def kill_after(proc: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL the group after `seconds` (True), unless the process ended before (False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            kill_group(proc)  # any worker left behind goes too
            return False
        time.sleep(0.005)
    kill_group(proc)
    return True


def loop_command(store: Path, log: Path, seed: int, actions: int | None = None, analyst: str = "loop",
                 until: Path | None = None) -> list[str]:
    cmd = [sys.executable, str(LOOP), str(store), str(log), "--seed", str(seed), "--analyst", analyst]
    return cmd + (["--actions", str(actions)] if actions else []) + (["--until", str(until)] if until else [])


def wait_for(log: Path, text: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text():
            return
        if proc.poll() is not None:
            raise AssertionError(f"{proc.args} ended with {proc.returncode} before {text!r}")
        time.sleep(0.01)
    raise AssertionError(f"timed out waiting for {text!r}")
