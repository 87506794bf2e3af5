"""Location tagger alone: gazetteer build time and items/s on one core.

Synthetic items (benchmarks/generate.py, about 1,950 characters) and the seed items (about 1,800
characters, repeated). N = 20,000 synthetic items (BENCH_QUICK=1: 2,000). The whole pipeline's
target is 2,000 items/s on one core (bench_tagging); locations get a share of that budget.
"""

from __future__ import annotations

import os
import time


def _rate(tagger, bodies: list[str]) -> tuple[float, float, int]:
    """Items per second by the wall clock and by this process's CPU time (steadier on a busy machine)."""
    t0, c0 = time.perf_counter(), time.process_time()
    found = sum(len(tagger.tag(b)) for b in bodies)
    return len(bodies) / (time.perf_counter() - t0), len(bodies) / (time.process_time() - c0), found


def main() -> None:
    from annotator.ingest import parse_bytes
    from annotator.tagging.gazetteer import build_index
    from annotator.tagging.locations import LocationTagger
    from benchmarks.generate import generate_items
    from tests.conftest import SEED_FILES

    n = 2_000 if os.environ.get("BENCH_QUICK") else 20_000
    t0 = time.perf_counter()
    idx = build_index()
    print(f"gazetteer build: {time.perf_counter() - t0:.2f} s ({len(idx.entries):,} keys; once per process)", flush=True)

    tagger = LocationTagger()
    synthetic = [it.body for it in generate_items(n, seed=0)]
    tagger.tag(synthetic[0])
    rate, cpu, found = _rate(tagger, synthetic)
    print(f"locations, synthetic items: {rate:,.0f} items/s, {1000 / rate * 1000:,.0f} ms per 1,000 items "
          f"(CPU time: {cpu:,.0f} items/s; target: well above 2,000 items/s; {found / n:.1f} locations each)",
          flush=True)

    seeds = [it.body for f in SEED_FILES for it in parse_bytes(f.read_bytes(), f.name).page.items]
    bodies = seeds * max(1, n // (10 * len(seeds)))
    rate, cpu, found = _rate(tagger, bodies)
    chars = sum(map(len, bodies)) / len(bodies)
    print(f"locations, seed-length items: {rate:,.0f} items/s, {1000 / rate * 1000:,.0f} ms per 1,000 items "
          f"(CPU time: {cpu:,.0f} items/s; {chars:,.0f} chars each; {found / len(bodies):.1f} locations each)",
          flush=True)


if __name__ == "__main__":
    main()
