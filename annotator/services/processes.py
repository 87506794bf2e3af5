"""Worker processes for long jobs (import parsing, tagging, export).

forkserver (or spawn), never plain fork: the window starts these jobs from a worker thread, and
forking a threaded process can deadlock in the child.

Workers die with the process that started them, however it dies (kill -9, a crash, a closed
terminal). Left alone they would not: a pool worker waits on a queue whose write end it holds
itself, the forkserver lives while any worker holds its "alive" pipe, and the resource tracker
while any of them holds its pipe, so one killed run left a forkserver, its workers and a tracker
running forever. Every worker therefore watches a lifeline: the read end of a pipe whose write
end only the starting process holds. When that process is gone the pipe reads end-of-file and
the worker exits at once; then the forkserver and the resource tracker see their pipes close and
exit too. On Linux a worker also asks the kernel for SIGKILL when its own parent (the
forkserver) dies.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

PR_SET_PDEATHSIG = 1  # linux/prctl.h
EXIT_ORPHANED = 3  # a worker's exit status when the process that started it is gone

_lifeline: tuple[Connection, Connection] | None = None
_lifeline_lock = threading.Lock()


def worker_context(preload: list[str]) -> ForkServerContext | SpawnContext:
    """A multiprocessing context whose workers start with `preload` modules already imported."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(preload)
        return ctx
    return multiprocessing.get_context("spawn")


def lifeline() -> Connection:
    """The read end of this process's lifeline (made once). The write end never leaves this
    process: it is not inheritable, and forkserver/spawn children get only the descriptors
    handed to them, so the pipe reads end-of-file exactly when this process is gone."""
    global _lifeline
    with _lifeline_lock:
        if _lifeline is None:
            _lifeline = multiprocessing.Pipe(duplex=False)
        return _lifeline[0]


def watch_parent(line: Connection) -> None:
    """In a worker: exit at once (status EXIT_ORPHANED) when the starting process is gone."""
    die_with_parent()
    threading.Thread(target=_wait_for_eof, args=(line,), name="annotator-lifeline", daemon=True).start()


def _wait_for_eof(line: Connection) -> None:
    try:
        while True:
            line.recv_bytes()  # nothing is ever sent: this returns only by raising at end-of-file
    except (EOFError, OSError):
        pass
    os._exit(EXIT_ORPHANED)  # no cleanup to run: the parent that wanted the results is gone


def die_with_parent(sig: int = signal.SIGKILL) -> bool:
    """Linux: have the kernel send `sig` to this process when its parent exits. False elsewhere
    (the lifeline covers every platform)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)  # this process's own symbols, libc's included (no lookup)
        return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _start_worker(line: Connection, initializer: Callable[..., Any] | None, initargs: tuple) -> None:
    watch_parent(line)
    if initializer is not None:
        initializer(*initargs)


class Pool(ProcessPoolExecutor):
    """A process pool whose workers die with this process, and stop at once when the run is
    abandoned (an exception leaves the `with` block: Ctrl+C, SIGTERM, an error)."""

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> Any:
        if exc_type is not None:
            self.stop_now()
        return super().__exit__(exc_type, exc, tb)

    def stop_now(self) -> None:
        """Drop queued work and end the workers now: nobody wants their results any more."""
        for proc in list((getattr(self, "_processes", None) or {}).values()):
            if proc.is_alive():
                proc.terminate()
        self.shutdown(wait=True, cancel_futures=True)


def pool(jobs: int, preload: list[str], initializer: Callable[..., Any] | None = None,
         initargs: tuple = ()) -> Pool:
    """A process pool whose workers die with this process."""
    return Pool(max_workers=jobs, mp_context=worker_context(preload), initializer=_start_worker,
                initargs=(lifeline(), initializer, initargs))


def _run_worker(line: Connection, target: Callable[..., Any], args: tuple) -> None:
    watch_parent(line)
    target(*args)


def process(ctx: ForkServerContext | SpawnContext, target: Callable[..., Any], args: tuple) -> BaseProcess:
    """A worker process (not started) that dies with this process."""
    return ctx.Process(target=_run_worker, args=(lifeline(), target, args), daemon=True)
