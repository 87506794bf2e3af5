"""`make bench`: run every benchmark module in turn and print its figures.

Each module in BENCHMARKS has a `main()` that prints lines `name: value unit (target ...)`.
Set BENCH_QUICK=1 for small sizes while developing.
"""

from __future__ import annotations

import importlib
import sys
import time

BENCHMARKS = ("bench_import", "bench_ui", "stress_kill", "bench_export", "bench_tagging", "bench_locations",
              "bench_learning", "bench_incidents")


def main() -> int:
    only = sys.argv[1:]
    for name in BENCHMARKS:
        if only and name not in only:
            continue
        print(f"== {name}", flush=True)
        t0 = time.perf_counter()
        importlib.import_module(f"benchmarks.{name}").main()
        print(f"   ({time.perf_counter() - t0:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
