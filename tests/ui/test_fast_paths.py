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


def _texts(panel):
    return [panel.list.topLevelItem(i).text(0) for i in range(panel.list.topLevelItemCount())]


def test_a_panel_in_a_hidden_tab_is_filled_when_shown_or_asked(window, qtbot):
    """Switching items skips the tag panels behind another tab; raising the tab, or asking the
    panel for its current tag, shows the item as it is now."""
    db = window.session.db
    suggest(db, 6, ["Riad Seif"], kind="date")
    suggest(db, 7, ["Syrian Coalition"], kind="date")
    window.resize(1600, 1000)  # wide: dates tabbed behind casualties
    window.default_layout(1600)
    window.docks["casualty"].raise_()
    panel = window.panels["date"]
    qtbot.waitUntil(panel.hidden_in_window)
    assert window.select_item(6)
    assert _texts(panel) != ["Riad Seif"]  # not filled while hidden
    window.docks["date"].raise_()
    qtbot.waitUntil(lambda: _texts(panel) == ["Riad Seif"])
    assert not panel.hidden_in_window()
    window.docks["casualty"].raise_()
    qtbot.waitUntil(panel.hidden_in_window)
    assert window.select_item(7)
    assert panel.current()["text"] == "Syrian Coalition"  # asked: caught up at once
    assert _texts(panel) == ["Syrian Coalition"]


def test_tag_rows_make_their_tooltips_when_asked(window):
    db = window.session.db
    [tag_id] = suggest(db, 6, ["Riad Seif"])
    assert window.select_item(6)
    panel = window.panels["speaker"]
    row = next(i for i, t in enumerate(panel.tags) if t["id"] == tag_id)
    assert panel._tooltip(row, 0) == "Riad Seif"
    assert panel._tooltip(row, 1).startswith("Riad Seif")
    assert panel._tooltip(row, 2) == "rule: test.rule"
    review.reject(db, tag_id, analyst="t")
    window.session.reload_item()
    font = panel.list.topLevelItem(row).font(0)
    assert font.italic()  # a rejected row is greyed and italic; back to plain when accepted
    review.accept(db, tag_id, analyst="t")
    window.session.reload_item()
    assert not panel.list.topLevelItem(row).font(0).italic()


def test_the_reader_keeps_its_width_whatever_the_text_length(window):
    """The body's scroll bar is always there: a short item after a long one does not widen
    the text (which re-laid the whole text out on about every other switch)."""
    body = window.reader.body
    widths = set()
    for row in range(window.items.model.rowCount()):
        window.items.select_row(row)
        widths.add(body.viewport().width())
    assert len(widths) == 1


def test_an_item_switch_paints_the_panels_in_one_pass(window, qtbot):
    """Tag panels lay their rows out during the switch, keep their header and their width (no
    scroll bar coming and going): nothing of theirs is left to paint in a later pass."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    db = window.session.db
    suggest(db, 6, ["Riad Seif", "Syrian Coalition"])
    suggest(db, 7, ["Syrian Coalition"])
    app = QApplication.instance()
    panel = window.panels["speaker"]
    late = []

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() in (QEvent.Paint, QEvent.Resize) and (obj is panel.list or panel.list.isAncestorOf(obj)):
                late.append((obj, event.type()))
            return False

    watch = Watch()
    for item_id in (6, 7, 6, 1):
        assert window.select_item(item_id)
        app.processEvents()  # the switch paints
        app.installEventFilter(watch)
        late.clear()
        for _ in range(3):
            app.processEvents()
        app.removeEventFilter(watch)
        assert late == [], item_id
        assert [t["id"] for t in panel.tags] == [t["id"] for t in window.session.view.tags if t["kind"] == "speaker"]


def test_a_suggestion_scrolled_into_view_is_outlined(window, qtbot):
    """The reader outlines only the suggestions in view, and follows the scroll bar."""
    from PySide6.QtGui import QColor

    from annotator.ui.style import KIND_COLOURS

    body = window.reader.body
    text = "\n".join(f"Line {i} of a long report about the shelling." for i in range(200)) + "\nRiad Seif spoke."
    start = text.index("Riad Seif")
    tag = {"id": 99_999, "kind": "speaker", "state": "suggested", "start": start, "end": start + 9,
           "text": "Riad Seif", "origin": "auto", "attributes": {}, "rule": None}
    body.show_body(text, [tag], [])
    assert body._in_view[1] < start  # the top of the text is in view: the tag is not measured

    body.verticalScrollBar().setValue(body.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: body._in_view[1] >= start)
    body.viewport().repaint()
    image = body.viewport().grab().toImage()
    [rect] = body._span_rects(start, start + 9)
    r = rect.toRect()
    want = KIND_COLOURS["speaker"]

    def near(x, y):
        c = QColor(image.pixel(x, y))
        return abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 100

    top = [x for x in range(r.left() + 2, r.right() - 2) if near(x, r.top()) or near(x, r.top() + 1)]
    assert len(top) >= (r.width() - 4) // 3  # dashed: about three pixels in five


def test_list_delegate_options_carry_text_icon_and_the_views_own_features(window):
    from PySide6.QtWidgets import QStyleOptionViewItem

    F = QStyleOptionViewItem.ViewItemFeature
    table, model = window.items.table, window.items.model
    delegate = table.itemDelegate()
    for row in range(min(4, model.rowCount())):
        for col in range(len(COLUMNS)):
            option = QStyleOptionViewItem()
            option.features = F.Alternate if row % 2 else F.None_
            delegate.initStyleOption(option, model.index(row, col))
            text, icon = model.cell(row, col)
            assert option.text == text
            assert bool(option.features & F.HasDisplay) == bool(text)
            assert bool(option.features & F.HasDecoration) == (icon is not None)
            assert bool(option.features & F.Alternate) == bool(row % 2)


def test_an_item_switch_leaves_the_tag_lists_headers_alone(window, qtbot):
    """The header shows the same columns for every item: rows coming and going, the current row
    and the tree's layout of its rows repaint none of it. A wider panel still widens its
    stretching column."""
    from PySide6.QtCore import QEvent, QObject

    db = window.session.db
    suggest(db, 6, ["Riad Seif", "Syrian Coalition"])
    suggest(db, 7, ["Syrian Coalition"])
    header = window.panels["speaker"].list.header()
    paints = []

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Paint:
                paints.append(obj)
            return False

    watch = Watch()
    assert window.select_item(1)
    qtbot.wait(20)
    header.viewport().installEventFilter(watch)
    for item_id in (6, 7, 6, 1, 7):
        assert window.select_item(item_id)
        qtbot.wait(10)
    assert paints == []
    tree = window.panels["speaker"].list
    before = header.sectionSize(1)
    tree.resize(tree.width() + 80, tree.height())
    qtbot.waitUntil(lambda: header.sectionSize(1) > before)
    qtbot.waitUntil(lambda: bool(paints))  # and it is repainted for it
    header.viewport().removeEventFilter(watch)
