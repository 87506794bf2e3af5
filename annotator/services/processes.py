"""Worker processes for long jobs (import parsing, tagging, export).

forkserver (or spawn), never plain fork: the window starts these jobs from a worker thread, and
forking a threaded process can deadlock in the child.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import ForkServerContext, SpawnContext


def worker_context(preload: list[str]) -> ForkServerContext | SpawnContext:
    """A multiprocessing context whose workers start with `preload` modules already imported."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(preload)
        return ctx
    return multiprocessing.get_context("spawn")
