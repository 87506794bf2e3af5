"""Incident actions on one store from two connections: undo/redo never erase a colleague's edit."""

from __future__ import annotations

import pytest

from annotator.services import changes as ch
from annotator.services import incidents
from annotator.store import incidents as store
from annotator.store import open_store


def _of(db, annotation_id: int) -> int:
    return store.figure_row(db, annotation_id)["incident_id"]


ACTIONS = {
    "confirm": lambda db, t: incidents.confirm(db, _of(db, t["a20"]), analyst="ana"),
    "edit": lambda db, t: incidents.edit(db, _of(db, t["a20"]), {"label": "Maarat Hazeen strike"}, analyst="ana"),
    "move": lambda db, t: incidents.move_figure(db, t["b23"], _of(db, t["kafr4"]), analyst="ana", role="same"),
    "split": lambda db, t: incidents.split(db, _of(db, t["a20"]), [t["b23"]], analyst="ana"),
    "merge": lambda db, t: incidents.merge(db, [_of(db, t["a20"]), _of(db, t["kafr4"])], analyst="ana"),
    "aggregate": lambda db, t: incidents.set_aggregate(db, t["b23"], True, analyst="ana"),
}


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_undo_of_an_incident_step_is_refused_after_a_colleagues_edit(incident_db, db_path, name):
    a, t = incident_db, incident_db.ids
    incidents.suggest(a)
    c = ACTIONS[name](a, t)
    assert not c.empty
    b = open_store(db_path)
    try:
        for incident_id in sorted(c.incident_ids):
            if store.incident_row(b, incident_id) is not None:
                incidents.edit(b, incident_id, {"label": "named by Omar"}, analyst="omar")
                break
        else:
            pytest.fail("the step left no incident to edit")
        theirs = b.conn.execute("SELECT * FROM incidents ORDER BY id").fetchall()
        with pytest.raises(ch.StaleChange) as refused:
            ch.undo(a, c, "ana")
        assert "omar" in str(refused.value) and "incident" in str(refused.value)
        assert a.conn.execute("SELECT * FROM incidents ORDER BY id").fetchall() == theirs
    finally:
        b.close()
