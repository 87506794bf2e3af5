"""Worker processes for long jobs (import parsing, tagging, export).

forkserver (or spawn), never plain fork: the window starts these jobs from a worker thread, and
forking a threaded process can deadlock in the child.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext


def worker_context(preload: list[str]) -> BaseContext:
    """A multiprocessing context whose workers start with `preload` modules already imported."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(preload)
    return ctx
