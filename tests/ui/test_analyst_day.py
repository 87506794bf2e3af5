"""Issue 13, "the analyst's day": each numbered problem reproduced through the real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.store import annotations
from tests.ui.conftest import suggest as suggest_all
from tests.ui.test_window import select_in_reader, show


def suggest(db, item_id, words, kind="speaker", attributes=None):
    """Ids of the new suggestions for `words` (a speaker keeps its name; other kinds start empty)."""
    ids = []
    for w in words:
        before = set(suggest_all(db, item_id, [], kind))
        [new] = set(suggest_all(db, item_id, [w], kind)) - before
        if kind != "speaker" or attributes is not None:
            annotations.update(db, new, {"attributes": attributes or {}}, "tagger")
        ids.append(new)
    return ids


def _active(window, qtbot):
    window.activateWindow()
    qtbot.waitActive(window)


def _review(window, qtbot, item_id):
    show(window, item_id)
    window.session.reload_item()  # suggestions were put in the store behind the window's back
    _active(window, qtbot)
    window.review.toggle.setChecked(True)
    window.reader.body.setFocus()


# --- 1: E on a casualty figure ---------------------------------------------------------------------
def test_1_e_on_a_casualty_opens_its_editor_and_keys_go_there_not_to_a_speaker(window, qtbot):
    db = window.session.db
    [speaker] = suggest(db, 12, ["Syrian Coalition"])
    [casualty] = suggest(db, 12, ["10 civilians were killed"], kind="casualty")
    _review(window, qtbot, 12)
    window.panels["speaker"].focus_editor(speaker)  # the analyst edited the speaker earlier
    window.reader.body.setFocus()
    window.session.select_tag(casualty)
    qtbot.keyClick(window.reader.body, Qt.Key_E)
    editor = window.panels["casualty"].editor
    assert QApplication.focusWidget() is editor.count_min
    assert editor.tag["id"] == casualty
    qtbot.keyClicks(editor.count_min, "10")
    qtbot.keyClick(editor.count_min, Qt.Key_Return)
    assert annotations.get(db, casualty)["attributes"]["count_min"] == 10
    assert annotations.get(db, speaker)["attributes"] == {"name": "Syrian Coalition"}  # untouched
    assert window.reader.body.hasFocus()  # Enter hands the keys back to the review


def test_1_e_puts_the_cursor_in_the_first_field_of_every_kind(window, qtbot):
    db = window.session.db
    for kind, words in (("speaker", "Syrian Coalition"), ("location", "Deir Ezzor"),
                        ("casualty", "10 civilians"), ("date", "Monday")):
        [tag] = suggest(db, 12, [words], kind=kind)
        _review(window, qtbot, 12)
        window.session.select_tag(tag)
        qtbot.keyClick(window.reader.body, Qt.Key_E)
        editor = window.panels[kind].editor
        assert QApplication.focusWidget() is editor.first_field(), kind
        assert editor.tag["id"] == tag
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
        window.review.toggle.setChecked(False)


# --- 2: edits commit on focus change, selection change, Enter; Esc reverts ---------------------------
def test_2_an_edit_is_saved_when_another_tag_is_clicked(window, qtbot):
    db = window.session.db
    first, second = suggest(db, 3, ["Riad Seif", "Staffan de Mistura"])
    show(window, 3)
    _active(window, qtbot)
    panel = window.panels["speaker"]
    panel.list.setCurrentItem(panel.list.topLevelItem(0))
    assert panel.current()["id"] == first
    qtbot.mouseClick(panel.editor.organisation, Qt.LeftButton)
    qtbot.keyClicks(panel.editor.organisation, "Syrian Coalition")
    rect = panel.list.visualItemRect(panel.list.topLevelItem(1))
    qtbot.mouseClick(panel.list.viewport(), Qt.LeftButton, pos=rect.center())
    assert annotations.get(db, first)["attributes"]["organisation"] == "Syrian Coalition"
    assert panel.current()["id"] == second
    window.session.undo_stack.undo()  # the edit is its own undo step
    assert "organisation" not in annotations.get(db, first)["attributes"]


def test_2_enter_saves_esc_reverts_and_a_new_item_saves_too(window, qtbot):
    db = window.session.db
    [tag] = suggest(db, 3, ["Riad Seif"])
    show(window, 3)
    _active(window, qtbot)
    panel = window.panels["speaker"]
    panel.focus_editor(tag)
    qtbot.keyClicks(panel.editor.role, "President")
    qtbot.keyClick(panel.editor.role, Qt.Key_Escape)
    assert panel.editor.role.text() == "" and "role" not in annotations.get(db, tag)["attributes"]
    panel.focus_editor(tag)
    qtbot.keyClicks(panel.editor.role, "President")
    qtbot.keyClick(panel.editor.role, Qt.Key_Enter)
    assert annotations.get(db, tag)["attributes"]["role"] == "President"
    panel.focus_editor(tag)
    qtbot.keyClicks(panel.editor.organisation, "Coalition")
    window.items.next_item(1)  # moving to another item never drops the edit
    assert annotations.get(db, tag)["attributes"]["organisation"] == "Coalition"


# --- 3: dates typed as analysts write them -------------------------------------------------------------
def test_3_dates_typed_in_any_common_form_resolve_against_the_item_date(window, qtbot):
    db = window.session.db
    [tag] = suggest(db, 12, ["Monday"], kind="date")  # item 12 is dated Monday 2017-10-02
    show(window, 12)
    _active(window, qtbot)
    panel = window.panels["date"]
    for typed, stored in (("16 Mar 2017", {"value": "2017-03-16"}), ("Thursday", {"value": "2017-09-28"}),
                          ("25/09/2017", {"value": "2017-09-25"}),
                          ("1-5 March 2017", {"start": "2017-03-01", "end": "2017-03-05"})):
        panel.focus_editor(tag)
        field = panel.editor.when.edit
        field.selectAll()
        qtbot.keyClicks(field, typed)
        qtbot.keyClick(field, Qt.Key_Return)
        assert annotations.get(db, tag)["attributes"] == stored, typed
    # a period goes back to one day by typing one day; the clear button empties it
    panel.focus_editor(tag)
    qtbot.mouseClick(panel.editor.when.clear, Qt.LeftButton)
    qtbot.keyClicks(panel.editor.when.edit, "2017-10-01")
    qtbot.keyClick(panel.editor.when.edit, Qt.Key_Return)
    assert annotations.get(db, tag)["attributes"] == {"value": "2017-10-01"}


def test_3_calendar_opens_at_the_item_date_and_item_date_button(window, qtbot):
    db = window.session.db
    [tag] = suggest(db, 12, ["10 civilians were killed"], kind="casualty")
    show(window, 12)
    panel = window.panels["casualty"]
    window.docks["casualty"].raise_()
    field = panel.editor.event_date
    assert field.text() == ""
    field.menu.aboutToShow.emit()
    assert (field.calendar.yearShown(), field.calendar.monthShown()) == (2017, 10)
    qtbot.mouseClick(field.today, Qt.LeftButton)
    assert field.text() == "2017-10-02"
    panel.commit()
    assert annotations.get(db, tag)["attributes"]["event_date"] == "2017-10-02"
    field.edit.setText("unknown20170316")
    field.edit.textEdited.emit(field.text())
    assert field.error and not panel.commit()  # unreadable: kept as typed, not saved
    assert annotations.get(db, tag)["attributes"]["event_date"] == "2017-10-02"


# --- 6: completion and gazetteer ------------------------------------------------------------------------
def test_6_completion_never_alters_the_name_and_hand_tagged_places_get_coordinates(window, qtbot):
    db = window.session.db
    show(window, 5)
    select_in_reader(window, "Raqqa")
    qtbot.keyClick(window.reader.body, "2")
    panel = window.panels["location"]
    attrs = annotations.get(db, panel.current()["id"])["attributes"]
    assert attrs["name"] == "Raqqa" and attrs["country"] == "SY" and abs(attrs["lat"] - 35.95) < 0.1
    panel.focus_editor()
    completer = panel.editor.name.completer()
    assert completer.model().rowCount() > 100  # completion is there without pressing E first
    panel.editor.name.setText("Istanbul")
    panel.editor.name.textEdited.emit("Istanbul")
    completer.activated.emit("Istanbul (TR)")
    panel.editor.name.setText("Istanbul (TR)")  # what QCompleter itself writes after `activated`
    qtbot.wait(10)
    panel.commit()
    stored = annotations.get(db, panel.current()["id"])["attributes"]
    assert stored["name"] == "Istanbul" and stored["country"] == "TR"


# --- 8: undo shows what it changes -----------------------------------------------------------------------
def test_8_undo_goes_to_the_item_and_tag_it_changes_first(window, qtbot):
    db = window.session.db
    [tag] = suggest(db, 5, ["Riad Seif"])
    show(window, 5)
    panel = window.panels["speaker"]
    panel.focus_editor(tag)
    qtbot.keyClicks(panel.editor.role, "President")
    qtbot.keyClick(panel.editor.role, Qt.Key_Return)
    show(window, 3)
    window.session.select_tag(None)
    _active(window, qtbot)
    window.items.table.setFocus()
    qtbot.keyClick(window.items.table, Qt.Key_Z, Qt.ControlModifier)
    assert "role" not in annotations.get(db, tag)["attributes"]
    assert window.session.view.id == 5 and window.items.current_id() == 5
    assert window.session.tag_id == tag and window.reader.body.current_id == tag
    assert "item #5" in window.statusBar().currentMessage() and "Riad Seif" in window.statusBar().currentMessage()
    # with the list filtered to nothing, redo still shows the item it changes in the reader
    window.items.filters.search.setText("nosuchwordanywhere")
    window.items.filters.emit_filter()
    assert window.items.model.rowCount() == 0
    window.session.show_item(None)
    qtbot.keyClick(window.items.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert annotations.get(db, tag)["attributes"]["role"] == "President"
    assert window.session.view.id == 5 and window.reader.body.current_id == tag
    assert window.reader.body.toPlainText() == window.session.view.item["body"]


# --- 7: notes with an explicit target ----------------------------------------------------------------------
def test_7_notes_follow_the_selected_tag_and_say_what_they_are_about(window, qtbot):
    from annotator.store import notes

    db = window.session.db
    [speaker] = suggest(db, 12, ["Syrian Coalition"])
    [casualty] = suggest(db, 12, ["10 civilians were killed"], kind="casualty")
    _review(window, qtbot, 12)
    panel = window.verification
    window.session.select_tag(casualty)
    panel.new_note(on_tag=True)
    panel.grading.setCurrentIndex(panel.grading.findData("weak"))
    panel.grading.activated.emit(panel.grading.currentIndex())
    panel.text.setPlainText("One activist source only.")
    window.session.select_tag(speaker)  # moving on saves the note, on the casualty
    [note] = notes.for_item(db, 12)
    assert note["annotation_id"] == casualty and note["grading"] == "weak"
    assert "speaker" in panel.target.text() and "Syrian Coalition" in panel.target.text()
    assert panel.target_box.currentData() == speaker and panel.current() is None
    casualty_row = window.panels["casualty"].list.topLevelItem(0)
    assert casualty_row.text(1).startswith("✎")  # the tag carries a note
    # a note on the whole item, by keyboard, without leaving review mode
    qtbot.keyClick(window.reader.body, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    assert panel.target_box.currentData() is None and "whole item" in panel.target.text()
    assert window.review.active
    panel.text.setPlainText("Dated by the report, not the strike.")
    qtbot.mouseClick(panel.save_btn, Qt.LeftButton)
    by_target = {n["annotation_id"]: n["text"] for n in notes.for_item(db, 12)}
    assert by_target == {casualty: "One activist source only.", None: "Dated by the report, not the strike."}
    # an explicit target can be chosen for an existing note too
    panel._select(next(n["id"] for n in notes.for_item(db, 12) if n["annotation_id"] is None))
    panel.target_box.setCurrentIndex(panel.target_box.findData(speaker))
    panel.target_box.activated.emit(panel.target_box.currentIndex())
    qtbot.mouseClick(panel.save_btn, Qt.LeftButton)
    assert {n["annotation_id"] for n in notes.for_item(db, 12)} == {casualty, speaker}


# --- 4 and 5: a window for a laptop -----------------------------------------------------------------------
def _overlaps(window, a, b):
    ra = a.rect().translated(a.mapTo(window, a.rect().topLeft()))
    rb = b.rect().translated(b.mapTo(window, b.rect().topLeft()))
    return ra.intersects(rb)


def test_4_the_window_fits_1024x700_and_nothing_is_cut_or_covered(window, qtbot):
    from PySide6.QtWidgets import QPushButton

    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 700, hint
    window.resize(1024, 700)
    qtbot.wait(20)
    assert (window.width(), window.height()) == (1024, 700)
    window.reset_layout()
    qtbot.wait(20)
    # dragging the splitter all the way never slides the reader under the panels
    window.splitter.setSizes([5000, 10])
    qtbot.wait(20)
    assert window.reader.width() >= 300
    for dock in window.docks.values():
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            assert not _overlaps(window, window.reader, dock), dock.objectName()
    # panels fold into tabs: one column of panels at this width, the buttons' labels whole
    assert len(window.tabifiedDockWidgets(window.docks["speaker"])) == 3
    panel = window.panels["speaker"]
    for button in panel.findChildren(QPushButton):
        needed = button.fontMetrics().horizontalAdvance(button.text())
        assert button.width() >= needed, button.text()
    window.resize(1800, 1000)
    qtbot.wait(20)
    assert window.tabifiedDockWidgets(window.docks["speaker"]) == []  # two columns when wide


def test_4_a_window_larger_than_the_screen_is_clamped_to_it(window, qtbot, monkeypatch):
    from PySide6.QtCore import QRect

    from annotator.ui import window_layout

    area = QRect(0, 0, 1280, 690)  # 1920x1080 at 150 %, less a taskbar
    monkeypatch.setattr(window_layout, "available", lambda _w: area)
    window.resize(2400, 1500)  # a layout saved on a larger screen, or at 150 % scale
    window.move(area.right() - 100, area.top() + 50)
    window_layout.clamp_to_screen(window)
    frame = window.frameGeometry()
    assert area.contains(frame.topLeft()) and frame.width() <= area.width() and frame.height() <= area.height()
    assert window_layout.first_size(window).width() <= area.width()


def test_5_columns_resize_and_are_remembered(window, qtbot, settings, store_path):
    from PySide6.QtWidgets import QHeaderView

    from annotator.ui.app import create_window

    items_header = window.items.table.horizontalHeader()
    panel_header = window.panels["speaker"].list.header()
    for header in (items_header, panel_header):
        assert all(header.sectionResizeMode(c) == QHeaderView.Interactive for c in (0, 2))
    items_header.resizeSection(2, 150)
    panel_header.resizeSection(0, 222)
    window.close()
    again = create_window(store_path, "tester", settings)
    qtbot.addWidget(again)
    assert again.items.table.horizontalHeader().sectionSize(2) == 150
    assert again.panels["speaker"].list.header().sectionSize(0) == 222
    again.close()
    again.session.db.close()


def test_5_the_reader_keeps_a_readable_line_length(window, qtbot):
    window.resize(2400, 1200)
    window.splitter.setSizes([300, 2000])
    qtbot.wait(20)
    body = window.reader.body
    chars = body.viewport().width() / body.fontMetrics().averageCharWidth()
    assert body.width() > 1000 and chars <= 100, chars


# --- 9: spans snap to words; keys grow and shrink a tag ------------------------------------------------------
def test_9_a_drag_from_mid_word_tags_whole_words_and_alt_arrows_resize(window, qtbot):
    db = window.session.db
    show(window, 3)
    body = window.reader.body
    plain = body.toPlainText()
    start = plain.index("Riad Seif") + 2  # the drag started inside "Riad"
    end = plain.index("Riad Seif") + len("Riad Se")
    from PySide6.QtGui import QTextCursor

    cur = QTextCursor(body.document())
    cur.setPosition(start)
    cur.setPosition(end, QTextCursor.KeepAnchor)
    body.setTextCursor(cur)
    body.setFocus()
    qtbot.keyClick(body, "1")
    tag = annotations.get(db, window.session.tag_id)
    assert tag["text"] == "Riad Seif"
    _active(window, qtbot)
    body.setFocus()
    qtbot.keyClick(body, Qt.Key_Left, Qt.AltModifier | Qt.ShiftModifier)  # grow at the start
    assert annotations.get(db, tag["id"])["text"] == "Coalition Riad Seif"
    qtbot.keyClick(body, Qt.Key_Right, Qt.AltModifier | Qt.ShiftModifier)  # shrink at the start
    qtbot.keyClick(body, Qt.Key_Right, Qt.AltModifier)  # grow at the end
    assert annotations.get(db, tag["id"])["text"] == "Riad Seif will"
    qtbot.keyClick(body, Qt.Key_Left, Qt.AltModifier)
    qtbot.keyClick(body, Qt.Key_Left, Qt.AltModifier)
    qtbot.keyClick(body, Qt.Key_Left, Qt.AltModifier)  # never below one word
    assert annotations.get(db, tag["id"])["text"] == "Riad"


# --- 10: re-suggesting never re-opens reviewed work ------------------------------------------------------------
def test_10_suggest_tags_never_offers_a_corrected_span_again_or_touches_a_reviewed_item(window, qtbot):
    from annotator.services import review, tagging

    db = window.session.db
    tagging.tag_items(db, [12], kinds="date", jobs=1)
    monday = next(t for t in annotations.for_item(db, 12, kinds=["date"]) if "Monday" in t["text"])
    show(window, 12)
    window.session.reload_item()
    # the analyst corrects the span (drops "of") and the date, and marks another item reviewed
    start = monday["start"] + monday["text"].index("Monday")
    window.session.perform("Span", review.change_span, monday["id"], start, start + len("Monday"))
    window.session.perform("Edit", review.edit_attributes, monday["id"], {"value": "2017-10-02"})
    tagging.tag_items(db, [12], kinds="date", jobs=1)
    dates = annotations.for_item(db, 12, kinds=["date"])
    overlapping = [t for t in dates if t["id"] != monday["id"] and t["start"] < start + 6 and start < t["end"]]
    assert overlapping == []  # the old wrong span is not suggested beside the correction
    window.session.perform("Reviewed", review.set_item_status, 12, "reviewed")
    for t in annotations.for_item(db, 12, kinds=["date"]):
        if t["state"] == "suggested":
            window.session.perform("Reject", review.reject, t["id"])
    before = annotations.for_item(db, 12)
    report = tagging.tag_items(db, [12], jobs=1)
    assert annotations.for_item(db, 12) == before and report.reviewed_items == 1


# --- 12: export keeps everything ------------------------------------------------------------------------------
def test_12_export_dialog_item_status_csv_with_title_source_sentence_and_notes_csv(window, qtbot, tmp_path,
                                                                                  monkeypatch):
    import csv

    from annotator.services import notes as note_service
    from annotator.services import review
    from annotator.ui import long_work
    from annotator.ui.export_dialog import ExportDialog

    db = window.session.db
    [tag] = suggest(db, 12, ["10 civilians were killed"], kind="casualty", attributes={"count_min": 10})
    window.session.perform("Accept", review.accept, tag)
    window.session.perform("Note", note_service.add_note, 12, annotation_id=tag, grading="weak", text="One source.",
                           sources=["activists"], checklist={"source_identified": True})
    window.session.perform("Reviewed", review.set_item_status, 12, "reviewed")
    window.session.perform("Item note", note_service.add_note, 3, text="Statement only.")

    seen = {}

    def fake_exec(dialog):
        dialog.status.setCurrentIndex(dialog.status.findData("reviewed"))
        seen["count"] = dialog.count_label.text()
        dialog.format.setCurrentIndex(dialog.format.findData(seen["fmt"]))
        dialog.tags.setCurrentIndex(dialog.tags.findData("accepted"))
        dialog.path.setText(str(seen["out"]))
        return ExportDialog.Accepted

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    for fmt in ("csv", "notes"):
        seen.update(fmt=fmt, out=tmp_path / f"{fmt}.csv")
        assert long_work.export_dialog(window) is not None
        qtbot.waitUntil(lambda: not window.progress.busy, timeout=20000)
    assert seen["count"].startswith("1 item ")
    [row] = list(csv.DictReader((tmp_path / "csv.csv").open(encoding="utf-8", newline="")))
    assert row["item_id"] == "12" and row["item_status"] == "reviewed"
    assert row["item_title"] and row["source_file"].endswith(".txt")
    assert row["sentence"].startswith("Activists in rural Deir Ezzor said that 10 civilians were killed")
    assert "no notes" in window.statusBar().currentMessage() or "notes" in window.statusBar().currentMessage()
    [note] = list(csv.DictReader((tmp_path / "notes.csv").open(encoding="utf-8", newline="")))
    assert (note["target"], note["tag_text"], note["grading"], note["source_identified"], note["sources"]) == (
        "tag", "10 civilians were killed", "weak", "yes", "activists")


def test_12_csv_export_does_not_claim_notes_it_left_out(window, tmp_path):
    from annotator.services import notes as note_service
    from annotator.services.exporting import export

    note_service.add_note(window.session.db, 3, "tester", text="Statement only.")
    report = export(window.session.db, "csv", tmp_path / "x.csv")
    assert report.notes == 0 and "no notes" in report.summary()
    assert export(window.session.db, "notes", tmp_path / "n.csv").notes == 1


# --- smaller items ------------------------------------------------------------------------------------------------
def test_accept_all_asks_first_and_cancel_changes_nothing(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    db = window.session.db
    ids = suggest(db, 3, ["Riad Seif", "Staffan de Mistura"])
    show(window, 3)
    window.session.reload_item()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.Cancel)
    _active(window, qtbot)
    qtbot.keyClick(window.items.table, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    assert "2 open suggestions" in asked[0]
    assert {annotations.get(db, i)["state"] for i in ids} == {"suggested"}
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    qtbot.mouseClick(window.panels["speaker"].accept_all_btn, Qt.LeftButton)
    assert {annotations.get(db, i)["state"] for i in ids} == {"accepted"}


def test_help_lists_every_key_and_tooltips_read_in_words(window):
    from annotator.ui.body_view import tag_tooltip
    from annotator.ui.shortcuts_dialog import ShortcutsDialog, shortcut_rows

    rows = shortcut_rows(window)
    keys = {k for _, k, _ in rows}
    assert {"J", "K", "A", "X", "E", "N", "R", "Ctrl+Z", "Ctrl+Shift+N", "Alt+Right"} <= keys
    assert any("Tag the selected text" in what for *_, what in rows)
    dialog = ShortcutsDialog(window)
    assert dialog.tree.topLevelItemCount() >= 5
    dialog.close()
    tip = tag_tooltip({"kind": "casualty", "state": "suggested", "origin": "auto", "rule": "cas.num",
                       "confidence": 0.8, "attributes": {"qualifier": "at_least", "count_min": 1500, "kind": "killed"}})
    assert "Reported as: at least" in tip and "Lowest count: 1,500" in tip and "at_least" not in tip


def test_dark_mode_and_text_size_are_settings(window, settings, qtbot):
    from PySide6.QtWidgets import QApplication

    from annotator.ui import style

    app = QApplication.instance()
    old_palette, old_font = app.palette(), app.font()
    try:
        assert style.apply_style(app, "dark") == "dark"
        assert app.palette().color(app.palette().ColorRole.Base).lightness() < 60
        assert style.scheme("system") in ("light", "dark")
        size = window.reader.body.font().pointSizeF()
        window._text_size(+1)
        assert window.reader.body.font().pointSizeF() > size
        assert settings.value("font_size", 0.0, float) > 0
    finally:
        style.apply_style(app, "light")
        app.setPalette(old_palette)
        app.setFont(old_font)


# --- 11: history in words, with a jump and a revert ------------------------------------------------------------
def test_11_history_rows_read_in_words_jump_to_the_tag_and_revert_one_change(window, qtbot, monkeypatch):
    from annotator.services import review
    from annotator.ui.history_dialog import HistoryDialog

    db = window.session.db
    [tag] = suggest(db, 12, ["10 civilians were killed"], kind="casualty",
                    attributes={"count_min": 10, "qualifier": "exact"})
    show(window, 12)
    window.session.reload_item()
    window.session.perform("Edit", review.edit_attributes, tag, {"count_min": 12, "qualifier": "at_least"})
    window.session.perform("Reviewed", review.set_item_status, 12, "reviewed")
    window.session.select_tag(None)
    shown_dialogs = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda d: shown_dialogs.append(d) or 0)
    window.show_history()
    dialog = shown_dialogs[0]
    words = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
    edit_row = next(i for i, w in enumerate(words) if w.startswith("Edited casualty"))
    assert "“10 civilians were killed”" in words[edit_row]
    assert "Lowest count 10 → 12" in words[edit_row] and "Reported as exact → at least" in words[edit_row]
    assert "Item status: In progress → Reviewed" in words
    assert not any("annotations 1" in w or "{" in w for w in words)
    dialog.table.selectRow(edit_row)
    dialog.go_to()
    assert window.session.tag_id == tag and window.reader.body.current_id == tag
    window.show_history()
    dialog = shown_dialogs[1]
    dialog.table.selectRow(edit_row)
    assert dialog.revert_btn.isEnabled()
    dialog.revert_selected()
    assert annotations.get(db, tag)["attributes"] == {"count_min": 10, "qualifier": "exact"}
    from annotator.store import items as item_store

    assert item_store.get_item(db, 12)["status"] == "reviewed"  # only that one change went back
    window.session.undo_stack.undo()  # a revert is an ordinary, undoable change
    assert annotations.get(db, tag)["attributes"] == {"count_min": 12, "qualifier": "at_least"}


def test_11_speaker_and_location_filters_take_part_names_and_spelling_variants(window, qtbot):
    from annotator.services import review

    db = window.session.db
    show(window, 3)
    select_in_reader(window, "Riad Seif")
    qtbot.keyClick(window.reader.body, "1")
    window.session.perform("Edit", review.edit_attributes, window.session.tag_id, {"name": "Riad Seif"})
    suggest(db, 6, ["Raqqa"], kind="location", attributes={"name": "Raqqa"})
    model, bar = window.items.model, window.items.filters
    for field, typed, expected in ((bar.speaker, "Riad S", [3]), (bar.speaker, "riad saif", [3]),
                                   (bar.location, "Raq", [6]), (bar.speaker, "nobody here", [])):
        bar.reset()
        field.setText(typed)
        bar.emit_filter()
        model.wait_for_loaders()
        assert [model.item_id(r) for r in range(model.rowCount())] == expected, typed
    bar.location.setFocus()  # completion lists suggested names too, not only hand-edited ones
    assert "Raqqa" in bar.location.completer().model().stringList()


def test_review_keys_after_ctrl_r_never_land_in_the_search_box(window, qtbot):
    db = window.session.db
    ids = suggest(db, 3, ["Riad Seif", "Staffan de Mistura"])
    show(window, 3)
    window.session.reload_item()
    _active(window, qtbot)
    window.items.filters.search.setFocus()  # where the focus is at start on some desktops
    qtbot.keyClick(window.items.filters.search, Qt.Key_R, Qt.ControlModifier)
    assert window.review.active and window.reader.body.hasFocus()
    qtbot.keyClick(window.reader.body, Qt.Key_A)
    assert window.items.filters.search.text() == ""
    assert annotations.get(db, ids[0])["state"] == "accepted"


def test_a_speaker_is_one_entity_edited_once_for_all_its_mentions(window, qtbot):
    db = window.session.db
    ids = suggest(db, 5, ["Riad Seif", "Seif"])
    annotations.update(db, ids[1], {"attributes": {"name": "Riad Seif", "quote": "his own words"}}, "tagger")
    show(window, 5)
    window.session.reload_item()
    panel = window.panels["speaker"]
    assert panel.count.text().startswith("2 mentions of 1 person")
    assert panel.list.topLevelItem(0).text(1).endswith("×2")
    _active(window, qtbot)
    panel.focus_editor(ids[0])
    qtbot.keyClicks(panel.editor.role, "President of the Syrian Coalition")
    qtbot.keyClick(panel.editor.role, Qt.Key_Return)
    stored = [annotations.get(db, i)["attributes"] for i in ids]
    assert all(a["role"] == "President of the Syrian Coalition" for a in stored)
    assert stored[1]["quote"] == "his own words"  # what belongs to one mention stays with it
    window.session.undo_stack.undo()  # one step for the entity
    assert all("role" not in annotations.get(db, i)["attributes"] for i in ids)
    panel.all_mentions.setChecked(False)
    panel.focus_editor(ids[0])
    qtbot.keyClicks(panel.editor.role, "Head")
    qtbot.keyClick(panel.editor.role, Qt.Key_Return)
    assert [annotations.get(db, i)["attributes"].get("role") for i in ids] == ["Head", None]


def test_7_a_note_on_a_tag_made_by_key_is_saved_on_that_tag(window, qtbot):
    """A tag made with 1/2/3/4 is the verification form's target at once: About offers it and the
    note is saved on it (it was saved on the whole item while the heading named the new tag)."""
    from annotator.store import notes

    db = window.session.db
    _review(window, qtbot, 12)
    select_in_reader(window, "Syrian Coalition")
    qtbot.keyClick(window.reader.body, "1")
    tag = window.session.tag_id
    assert annotations.get(db, tag)["text"] == "Syrian Coalition"
    panel = window.verification
    panel.new_note(on_tag=True)
    assert "Syrian Coalition" in panel.target.text()
    assert panel.target_box.currentData() == tag
    panel.text.setPlainText("Named in the report's first line.")
    qtbot.mouseClick(panel.save_btn, Qt.LeftButton)
    [note] = notes.for_item(db, 12)
    assert note["annotation_id"] == tag


def test_6_enter_while_the_completion_list_is_open_saves_the_name(window, qtbot):
    """Typing a place and pressing Enter saves it, list open or not (Enter only closed the list:
    the field kept the keys and nothing was saved until a second Enter)."""
    db = window.session.db
    show(window, 5)
    select_in_reader(window, "Raqqa")
    qtbot.keyClick(window.reader.body, "2")
    panel = window.panels["location"]
    tag = panel.current()["id"]
    panel.focus_editor()
    name = panel.editor.name
    name.selectAll()
    qtbot.keyClicks(name, "Cairo")
    popup = name.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key_Return)
    qtbot.waitUntil(lambda: annotations.get(db, tag)["attributes"]["name"] == "Cairo", timeout=2000)
    assert not popup.isVisible() and not name.hasFocus()  # saved, and the keys are the reader's again
