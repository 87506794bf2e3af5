"""A parent that starts workers the way the app does (a pool, an export-style process), prints
`ready` once they run, then waits to be killed. Used by test_orphans.py."""

from __future__ import annotations

import os
import sys
import time

from annotator.services import processes


def main() -> None:
    pool = processes.pool(2, [])
    pids = {pool.submit(os.getpid).result() for _ in range(8)}  # both workers are up
    for _ in range(2):
        pool.submit(time.sleep, 120)
    proc = processes.process(processes.worker_context([]), time.sleep, (120,))
    proc.start()
    print("ready", len(pids) + 1, flush=True)
    time.sleep(120)
    sys.exit(1)  # never reached in the tests


if __name__ == "__main__":
    main()
