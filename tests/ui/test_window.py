"""The window, driven through its real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.store import annotations, items, notes
from tests.ui.conftest import dump_annotations, suggest


def select_in_reader(win, text, occurrence=0):
    body = win.reader.body
    plain = body.toPlainText()
    start = -1
    for _ in range(occurrence + 1):
        start = plain.index(text, start + 1)
    cur = QTextCursor(body.document())
    cur.setPosition(start)
    cur.setPosition(start + len(text), QTextCursor.KeepAnchor)
    body.setTextCursor(cur)
    body.setFocus()
    return start, start + len(text)


def show(win, item_id):
    assert win.select_item(item_id)
    assert win.session.view.id == item_id


def test_window_opens_with_the_12_sample_items(window):
    model = window.items.model
    assert model.rowCount() == 12
    dates = [model.index(r, 0).data() for r in range(12)]
    assert dates == sorted(dates) and dates.count("2017-05-17") == 4
    assert window.items.count.text() == "12 items"
    assert window.session.view is not None  # the first item is shown at start
    assert window.reader.body.toPlainText() == window.session.view.item["body"]
    assert "Reviewed 0 / 12" in window.progress_label.text()


def test_select_text_then_key_tags_and_panel_and_store_agree(window, qtbot):
    show(window, 3)
    start, end = select_in_reader(window, "Riad Seif")
    qtbot.keyClick(window.reader.body, "1")
    tags = annotations.for_item(window.session.db, 3)
    assert [(t["kind"], t["start"], t["end"], t["origin"], t["state"]) for t in tags] == [
        ("speaker", start, end, "manual", "accepted")]
    panel = window.panels["speaker"]
    assert panel.list.topLevelItemCount() == 1
    assert panel.current()["id"] == tags[0]["id"]
    assert panel.editor.name.text() == "Riad Seif"
    # edit an attribute in the panel, save: the store follows
    panel.editor.role.setText("President of the Syrian Coalition")
    panel.editor.role.textEdited.emit(panel.editor.role.text())
    qtbot.mouseClick(panel.save_btn, Qt.LeftButton)
    stored = annotations.get(window.session.db, tags[0]["id"])
    assert stored["attributes"] == {"name": "Riad Seif", "role": "President of the Syrian Coalition"}
    assert panel.list.topLevelItem(0).text(1) == "Riad Seif — President of the Syrian Coalition"
    assert items.get_item(window.session.db, 3)["status"] == "in_progress"
    # the reader highlights the new tag
    assert any(sel.cursor.selectedText() == "Riad Seif" for sel in window.reader.body.extraSelections())


def test_location_and_casualty_keys_and_span_change(window, qtbot):
    show(window, 5)
    select_in_reader(window, "Raqqa")
    qtbot.keyClick(window.reader.body, "2")
    loc = window.panels["location"].current()
    assert loc["kind"] == "location" and loc["text"] == "Raqqa"
    select_in_reader(window, "Riad Seif")
    qtbot.keyClick(window.reader.body, "3")
    assert window.panels["casualty"].current()["text"] == "Riad Seif"
    # move the location tag to a new selection
    new_start, new_end = select_in_reader(window, "Raqqa", 1)
    qtbot.mouseClick(window.panels["location"].span_btn, Qt.LeftButton)
    moved = annotations.get(window.session.db, loc["id"])
    assert (moved["start"], moved["end"]) == (new_start, new_end)


def test_accept_and_reject_by_keys_in_review_mode(window, qtbot):
    db = window.session.db
    ids = suggest(db, 6, ["Riad Seif", "Syrian Coalition", "UK"])
    show(window, 6)
    window.activateWindow()
    qtbot.waitActive(window)
    window.review.toggle.setChecked(True)
    first = min(ids, key=lambda i: annotations.get(db, i)["start"])
    assert window.session.tag_id == first and window.reader.body.current_id == first
    window.items.table.setFocus()
    qtbot.keyClick(window.items.table, Qt.Key_A)
    assert annotations.get(db, first)["state"] == "accepted"
    second = window.session.tag_id
    assert second != first and annotations.get(db, second)["state"] == "suggested"
    qtbot.keyClick(window.items.table, Qt.Key_X)
    assert annotations.get(db, second)["state"] == "rejected"
    qtbot.keyClick(window.items.table, Qt.Key_K)  # back to an earlier suggestion: none left before
    qtbot.keyClick(window.items.table, Qt.Key_J)
    assert annotations.get(db, window.session.tag_id)["state"] == "suggested"
    qtbot.keyClick(window.items.table, Qt.Key_R)
    assert items.get_item(db, 6)["status"] == "reviewed"
    assert "Reviewed 1 / 12" in window.progress_label.text()
    before = window.items.current_id()
    qtbot.keyClick(window.items.table, Qt.Key_N)
    assert window.items.current_id() != before
    # letters typed into a text field stay text: review keys do not fire there
    window.items.filters.search.setFocus()
    qtbot.keyClicks(window.items.filters.search, "ax")
    assert window.items.filters.search.text() == "ax"


def test_undo_and_redo_restore_the_store_exactly(window, qtbot):
    db = window.session.db
    ids = suggest(db, 7, ["Riad Seif", "French"])
    show(window, 7)
    start_state = dump_annotations(db)
    start_status = items.get_item(db, 7)["status"]
    window.session.perform("Accept", __import__("annotator.services.review", fromlist=["x"]).accept, ids[0])
    select_in_reader(window, "Syrian Coalition")
    qtbot.keyClick(window.reader.body, "1")
    panel = window.panels["speaker"]
    panel.editor.organisation.setText("Syrian Coalition")
    panel.editor.organisation.textEdited.emit("Syrian Coalition")
    panel.save()
    made = panel.current()["id"]
    qtbot.mouseClick(panel.delete_btn, Qt.LeftButton)
    assert annotations.get(db, made) is None
    end_state = dump_annotations(db)
    stack = window.session.undo_stack
    assert stack.count() == 4
    window.activateWindow()
    qtbot.waitActive(window)
    for _ in range(4):
        qtbot.keyClick(window.items.table, Qt.Key_Z, Qt.ControlModifier)
    assert dump_annotations(db) == start_state
    assert items.get_item(db, 7)["status"] == start_status
    assert [window.panels["speaker"].list.topLevelItem(i).text(2) for i in range(2)] == ["suggested"] * 2
    for _ in range(4):
        qtbot.keyClick(window.items.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert dump_annotations(db) == end_state


def test_search_and_filters_narrow_the_list(window, qtbot):
    model, bar = window.items.model, window.items.filters
    bar.search.setText("Raqqa")
    bar.emit_filter()
    n = model.rowCount()
    assert 0 < n < 12
    assert all("Raqqa" in items.get_item(window.session.db, model.item_id(r))["body"] for r in range(n))
    window.items.select_row(0)
    marks = [s.cursor.selectedText() for s in window.reader.body.extraSelections()]
    assert "Raqqa" in marks  # matches are highlighted in the reader
    bar.reset()
    assert model.rowCount() == 12
    bar.date_from.setDate(bar.date_from.date().fromString("2017-10-05", "yyyy-MM-dd"))
    assert model.rowCount() == 6  # 10-05, 10-06, 10-07 (x2), 10-10, 10-11
    bar.date_to.setDate(bar.date_to.date().fromString("2017-10-06", "yyyy-MM-dd"))
    assert model.rowCount() == 2
    bar.reset()
    window.session.perform("Flag", __import__("annotator.services.review", fromlist=["x"]).set_item_status, 5, "flagged")
    bar.status.setCurrentIndex(bar.status.findData("flagged"))
    assert [model.item_id(r) for r in range(model.rowCount())] == [5]
    bar.reset()
    suggest(window.session.db, 2, ["Nazir Hakim"])
    bar.unreviewed.setChecked(True)
    assert [model.item_id(r) for r in range(model.rowCount())] == [2]
    bar.reset()
    bar.kind.setCurrentIndex(bar.kind.findData("speaker"))
    assert model.rowCount() == 1
    bar.kind.setCurrentIndex(0)
    bar.speaker.setText("nazir hakim")
    bar.emit_filter()
    assert [model.item_id(r) for r in range(model.rowCount())] == [2]


def test_sorting_by_columns(window):
    model = window.items.model
    suggest(window.session.db, 4, ["Syrian Coalition"])
    window.items.table.sortByColumn(3, Qt.DescendingOrder)
    assert model.item_id(0) == 4 and model.index(0, 3).data() == "1"
    window.items.table.sortByColumn(0, Qt.DescendingOrder)
    assert model.index(0, 0).data() == "2017-10-11"


def test_verification_note_from_the_panel(window, qtbot):
    show(window, 10)
    panel = window.verification
    panel.grading.setCurrentIndex(panel.grading.findData("fair"))
    panel.sources.setPlainText("https://example.org/report\nSOHR, 5 Oct 2017")
    panel.checks["source_identified"].setChecked(True)
    panel.text.setPlainText("Consistent with two other outlets.")
    qtbot.mouseClick(panel.save_btn, Qt.LeftButton)
    stored = notes.for_item(window.session.db, 10)
    assert len(stored) == 1 and stored[0]["grading"] == "fair" and stored[0]["analyst"] == "tester"
    assert stored[0]["sources"] == ["https://example.org/report", "SOHR, 5 Oct 2017"]
    assert stored[0]["checklist"]["source_identified"] is True
    assert panel.list.count() == 1 and "fair" in panel.list.item(0).text()
    window.session.undo_stack.undo()
    assert notes.for_item(window.session.db, 10) == []


def test_history_dialog_lists_changes(window):
    from annotator.services import review
    from annotator.ui.history_dialog import HistoryDialog

    ids = suggest(window.session.db, 8, ["Ahmed Ramadan"])
    window.session.perform("Accept", review.accept, ids[0])
    dialog = HistoryDialog("item 8", review.item_history(window.session.db, 8), window)
    cells = [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
    assert "accept" in cells and "status" in cells
    row = cells.index("accept")
    assert dialog.table.item(row, 1).text() == "tester"
    assert "state=suggested" in dialog.table.item(row, 4).text()
    assert "state=accepted" in dialog.table.item(row, 5).text()
    dialog.close()


def test_item_model_passes_qtmodeltester(window, qtmodeltester):
    qtmodeltester.check(window.items.model, force_py=True)


def test_long_lists_show_at_once_and_fill_in_from_a_background_thread(window, qtbot, monkeypatch):
    from annotator.ui import item_model

    monkeypatch.setattr(item_model, "FIRST_ROWS", 5)
    model = window.items.model
    window.items.table.sortByColumn(0, Qt.DescendingOrder)
    model._all = model._rank = None  # as on a store opened a moment ago: the full list not read yet
    model.reload()
    assert model.rowCount() == 5 and model.loading
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert model.rowCount() == 12 and not model.loading
    dates = [model.index(r, 0).data() for r in range(12)]
    assert dates == sorted(dates, reverse=True)
    assert window.items.count.text() == "12 items"
    # a filter change while loading wins over the stale background result
    model.reload()
    window.items.filters.status.setCurrentIndex(window.items.filters.status.findData("reviewed"))
    model.wait_for_loaders()
    assert model.rowCount() == 0


def test_plain_search_in_display_order_matches_the_sql_order(window):
    from annotator.services import browse

    model, bar = window.items.model, window.items.filters
    assert model._rank is not None  # ranks of the full list, used to order search hits
    model.wait_for_loaders()
    for descending in (False, True):
        window.items.table.sortByColumn(0, Qt.DescendingOrder if descending else Qt.AscendingOrder)
        for query in ("Seif", "coalition", '"Riad Seif"', "Raqq*", "nosuchword"):
            bar.search.setText(query)
            bar.emit_filter()
            model.wait_for_loaders()  # a prefix search is listed by the reader thread
            shown = [model.item_id(r) for r in range(model.rowCount())]
            expected = browse.item_ids(window.session.db, browse.ItemFilter(search=query), "date", descending)
            assert shown == expected, query


def test_dates_panel_key_4_reads_the_date_and_the_editor_makes_it_a_period(window, qtbot):
    db = window.session.db
    show(window, 10)  # dated Thursday 2017-10-05: "on Wednesday" is the day before
    select_in_reader(window, "Wednesday")
    qtbot.keyClick(window.reader.body, "4")
    [tag] = annotations.for_item(db, 10, kinds=["date"])
    assert (tag["origin"], tag["state"], tag["text"]) == ("manual", "accepted", "Wednesday")
    assert tag["attributes"] == {"value": "2017-10-04"}
    panel = window.panels["date"]
    assert panel.isVisible() and panel.current()["id"] == tag["id"]  # its tab was raised
    assert panel.list.topLevelItem(0).text(1) == "2017-10-04"
    assert panel.editor.when.text() == "2017-10-04"
    panel.editor.when.edit.setText("2017-10-04 to 1 Oct 2017")  # an earlier "to": the period is put in order
    panel.editor.when.edit.textEdited.emit(panel.editor.when.text())
    assert panel.save_btn.isEnabled()
    qtbot.mouseClick(panel.save_btn, Qt.LeftButton)
    assert annotations.get(db, tag["id"])["attributes"] == {"start": "2017-10-01", "end": "2017-10-04"}
    assert panel.list.topLevelItem(0).text(1) == "2017-10-01 – 2017-10-04"
    window.session.undo_stack.undo()
    assert annotations.get(db, tag["id"])["attributes"] == {"value": "2017-10-04"}


def test_review_mode_edit_on_a_date_suggestion_opens_the_dates_panel(window, qtbot):
    db = window.session.db
    [date_id] = suggest(db, 12, ["over the past week"], kind="date")
    annotations.update(db, date_id, {"attributes": {"start": "2017-09-25", "end": "2017-10-02"}}, "tagger")
    show(window, 12)
    window.activateWindow()
    qtbot.waitActive(window)
    window.docks["casualty"].raise_()
    window.review.toggle.setChecked(True)
    assert window.session.tag_id == date_id
    window.items.table.setFocus()
    qtbot.keyClick(window.items.table, Qt.Key_E)
    panel = window.panels["date"]
    assert panel.isVisible() and panel.current()["id"] == date_id
    assert panel.editor.when.edit.hasFocus()
    assert panel.list.topLevelItem(0).text(1) == "2017-09-25 – 2017-10-02"
    qtbot.mouseClick(panel.accept_btn, Qt.LeftButton)
    assert annotations.get(db, date_id)["state"] == "accepted"


def test_odd_stored_values_are_shown_as_text_not_dropped(window, qtbot):
    """A store merged from another tool can hold a count as text, a list for attributes, a
    confidence as a word. Every panel still lists every tag; the hover text still renders."""
    from annotator.ui.body_view import tag_tooltip

    db = window.session.db
    odd = {"casualty": {"count_min": "ten", "count_max": [1], "qualifier": 5, "event_date": 12},
           "location": {"name": None, "lat": "north", "lon": {}, "precision": "x", "feature": 7},
           "date": {"value": "not a date", "start": 3},
           "speaker": ["a list", "not a dict"]}
    for kind, attributes in odd.items():
        [tag_id] = suggest(db, 4, ["Coalition"], kind=kind)[-1:]
        db.conn.execute("UPDATE annotations SET attributes = ?, confidence = 'high' WHERE id = ?",
                        (__import__("json").dumps(attributes), tag_id))
    db.conn.commit()
    show(window, 4)
    for kind in odd:
        panel = window.panels[kind]
        window.docks[kind].raise_()
        assert panel.list.topLevelItemCount() == len([t for t in window.session.view.tags if t["kind"] == kind])
        for i in range(panel.list.topLevelItemCount()):
            panel.list.setCurrentItem(panel.list.topLevelItem(i))
    casualty = next(t for t in window.session.view.tags if t["kind"] == "casualty")
    assert window.panels["casualty"].list.topLevelItem(0).text(1).startswith("ten–[1]")
    assert "confidence high" in tag_tooltip(casualty)
    speaker = next(t for t in window.session.view.tags if t["kind"] == "speaker")
    assert "speaker" in tag_tooltip(speaker).lower()


def test_a_tag_pointing_past_the_text_is_drawn_at_its_end(window, qtbot, qtlog):
    db = window.session.db
    [tag_id] = suggest(db, 4, ["Coalition"])[-1:]
    db.conn.execute('UPDATE annotations SET start = 100000, "end" = 100010 WHERE id = ?', (tag_id,))
    db.conn.commit()
    show(window, 4)
    window.session.select_tag(tag_id)
    assert window.reader.body.current_id == tag_id
    assert not [m for m in qtlog.records if "out of range" in m.message]


def test_history_says_what_a_tagger_run_did_in_words(window):
    """The tagger's one row per item reads as a sentence, not 'Suggested  “”' (no tag, no text)."""
    from annotator.services import review
    from annotator.services.tagging import tag_items
    from annotator.ui.history_dialog import in_words

    tag_items(window.session.db, item_ids=[8], analyst="tester")
    [run] = [e for e in review.item_history(window.session.db, 8) if e.action == "suggest"]
    n = run.after["suggestions"]
    assert n > 1 and in_words(run) == f"Automatic tagging suggested {n} tags"
