"""Suggesting incidents with worker processes reading the figures (a big store) gives exactly what
one process gives; a cancel stops the workers and changes nothing."""

from __future__ import annotations

from annotator.services import incident_reading, incidents, processes
from annotator.store import incidents as store


def _placings(db) -> dict[int, tuple]:
    """annotation id -> (the other figures of its incident, role): the grouping, ids aside."""
    members: dict[int | None, set[int]] = {}
    rows = db.conn.execute("SELECT annotation_id, incident_id, role FROM incident_figures").fetchall()
    for a, i, _role in rows:
        members.setdefault(i, set()).add(a)
    return {a: (frozenset(members[i]) if i is not None else None, role) for a, i, role in rows}


def test_workers_read_the_same_figures_in_the_same_order(incident_db, monkeypatch):
    monkeypatch.setattr(incident_reading, "CHUNK", 2)  # several chunks from six items
    alone = list(incidents.iter_item_figures(incident_db))
    shared = list(incident_reading.iter_item_figures(incident_db, jobs=2))
    assert [[f.annotation_id for f in figures] for figures in shared] == \
        [[f.annotation_id for f in figures] for figures in alone]
    assert shared == alone  # every field, places included


def test_a_run_with_workers_groups_as_one_process_does(incident_db, monkeypatch):
    monkeypatch.setattr(incident_reading, "CHUNK", 2)
    one = incidents.suggest(incident_db, analyst="tester", jobs=0)
    grouped = _placings(incident_db)
    fields = {r["label"]: r for r in store.list_incidents(incident_db)}
    two = incidents.suggest(incident_db, analyst="tester", jobs=2)
    assert (two.figures, two.incidents, two.aggregates) == (one.figures, one.incidents, one.aggregates) == (8, 3, 1)
    assert _placings(incident_db) == grouped
    again = {r["label"]: r for r in store.list_incidents(incident_db)}
    keep = ("date_start", "date_end", "place", "figures", "number_of_sources", "grading_suggested")
    assert {k: [r[c] for c in keep] for k, r in again.items()} == {k: [r[c] for c in keep] for k, r in fields.items()}


def test_cancel_stops_the_workers_and_changes_nothing(incident_db, monkeypatch):
    monkeypatch.setattr(incident_reading, "CHUNK", 1)
    pools = []
    make = processes.pool

    def recording_pool(*args, **kwargs):
        pools.append(make(*args, **kwargs))
        return pools[-1]

    monkeypatch.setattr(processes, "pool", recording_pool)
    report = incidents.suggest(incident_db, analyst="tester", jobs=2, should_stop=lambda: True)
    assert report.cancelled
    assert incident_db.conn.execute("SELECT count(*) FROM incidents").fetchone()[0] == 0
    assert incident_db.conn.execute("SELECT count(*) FROM incident_figures").fetchone()[0] == 0
    assert len(pools) == 1
    assert pools[0]._processes is None or not any(p.is_alive() for p in pools[0]._processes.values())


def test_small_and_memory_stores_read_in_one_process(incident_db, monkeypatch):
    assert incident_reading.jobs_for(incident_db) == 0  # six items
    monkeypatch.setattr(incident_reading, "PARALLEL_FROM", 5)
    monkeypatch.setattr(incident_reading.os, "cpu_count", lambda: 2)
    assert incident_reading.jobs_for(incident_db) == incident_reading.JOBS
    monkeypatch.setattr(incident_reading.os, "cpu_count", lambda: 1)
    assert incident_reading.jobs_for(incident_db) == 0
