"""The shortcuts taken for speed show exactly what the slow paths showed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.cli import opens_window
from annotator.services import review
from annotator.ui.item_model import COLUMNS
from annotator.ui.style import STATUS_LABELS
from tests.ui.conftest import suggest


def test_list_delegate_cells_match_the_model_data(window):
    model = window.items.model
    for row in range(model.rowCount()):
        for col in range(len(COLUMNS)):
            text, icon = model.cell(row, col)
            assert text == (model.index(row, col).data(Qt.DisplayRole) or "")
            assert (icon is not None) == (COLUMNS[col][0] == "status")


def test_reader_header_and_status_badge_follow_the_item(window):
    view = window.session.view
    assert window.reader.meta.text().endswith(f"#{view.id}")
    assert window.reader.status.text() == STATUS_LABELS[view.item["status"]]
    window.session.perform("Flag", review.set_item_status, view.id, "flagged")
    assert window.reader.status.text() == "Flagged"


def test_accept_updates_the_counts_and_the_reviewed_total(window):
    db = window.session.db
    ids = suggest(db, 6, ["Riad Seif"])
    assert window.select_item(6)
    model, row = window.items.model, window.items.model.row_of(6)
    window.session.perform("Accept", review.accept, ids[0])
    stored = db.conn.execute("SELECT count(*) FROM annotations WHERE item_id = 6 AND state = 'accepted'").fetchone()[0]
    assert stored >= 1 and model.index(row, 4).data() == str(stored)  # the row was refetched
    window.session.perform("Mark reviewed", review.set_item_status, 6, "reviewed")
    reviewed = db.conn.execute("SELECT count(*) FROM items WHERE status = 'reviewed'").fetchone()[0]
    assert f"Reviewed {reviewed} / 12" in window.progress_label.text()
    window.session.undo_stack.undo()
    assert f"Reviewed {reviewed - 1} / 12" in window.progress_label.text()


def test_only_window_arguments_take_the_short_start():
    assert opens_window([]) and opens_window(["gui", "--item", "3"]) and opens_window(["--db", "x.db"])
    assert opens_window(["--analyst", "gui"])  # a name, not a command
    assert not opens_window(["stats"]) and not opens_window(["--help"]) and not opens_window(["--version"])
