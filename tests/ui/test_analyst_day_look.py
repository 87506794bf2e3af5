"""Issue 13, last gaps: suggested and accepted tags told apart at a glance (by shape and strength,
not colour alone) in the reader and its legend, light and dark; a titled first-run name dialog
that says what the name is for; theme and text size applied at once; visible dark check boxes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QApplication, QCheckBox

from annotator.store import annotations
from annotator.ui import style
from tests.ui.conftest import suggest
from tests.ui.test_window import show


@pytest.fixture
def restore_style():
    app = QApplication.instance()
    palette, font = app.palette(), app.font()
    yield app
    style.restyle(app, "light", None)
    app.setPalette(palette)
    app.setFont(font)


def _tagged(window):
    """Item 12 with a suggested speaker and an accepted one, shown in the reader."""
    db = window.session.db
    suggested, accepted = suggest(db, 12, ["Syrian Coalition", "United Nations"])
    annotations.update(db, accepted, {"state": "accepted"}, "tester")
    show(window, 12)
    window.session.reload_item()
    return suggested, accepted


def _format(body, tag_id):
    tag = next(t for t in body._tags if t["id"] == tag_id)
    cur = body._cursor(tag["start"], tag["end"])
    for sel in body.extraSelections():
        if (sel.cursor.selectionStart(), sel.cursor.selectionEnd()) == (cur.selectionStart(), cur.selectionEnd()):
            return QTextCharFormat(sel.format)  # a copy: the selection's own goes with it
    raise AssertionError(f"tag {tag_id} is not drawn")


def _rect(body, tag_id):
    tag = next(t for t in body._tags if t["id"] == tag_id)
    return body._span_rects(tag["start"], tag["end"])[0].toRect()


def _near(image, p, want, tolerance):
    c = QColor(image.pixel(p))
    return abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < tolerance


def _kind_pixels(image, points, kind="speaker", tolerance=100):
    """How many points are drawn in the kind's colour (or its edge, a line antialiased)."""
    want = style.KIND_COLOURS[kind]
    return sum(1 for p in points if _near(image, p, want, tolerance) or _near(image, p + QPoint(0, 1), want, tolerance))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_suggested_and_accepted_tags_differ_by_shape_and_strength(window, qtbot, restore_style, theme):
    style.restyle(restore_style, theme, None)
    suggested, accepted = _tagged(window)
    body = window.reader.body
    qtbot.waitUntil(lambda: bool(body.extraSelections()))
    weak, strong = _format(body, suggested), _format(body, accepted)
    # accepted: a strong fill and a solid underline; suggested: a pale fill, no underline ...
    assert strong.underlineStyle() == QTextCharFormat.SingleUnderline
    assert weak.underlineStyle() == QTextCharFormat.NoUnderline
    assert strong.background().color().alpha() - weak.background().color().alpha() >= 60
    # ... and a dashed outline in the kind's colour, which the accepted tag does not have
    body.viewport().repaint()
    image = body.viewport().grab().toImage()
    for tag_id, outlined in ((suggested, True), (accepted, False)):
        r = _rect(body, tag_id)
        top = [QPoint(x, r.top()) for x in range(r.left() + 3, r.right() - 3)]
        found = _kind_pixels(image, top)
        assert (found >= len(top) // 3) if outlined else (found == 0), (tag_id, found, len(top))
    # only the suggestions in view are outlined (issue 15: the reader paints what is in view)
    assert [t["id"] for t in body.suggested_in_view()] == [suggested]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_legend_draws_the_states_as_the_reader_does(window, restore_style, theme):
    style.restyle(restore_style, theme, None)
    legend = window.reader.legend
    boxes = {(kind, s): box.pixmap().toImage() for box, kind, s in legend.samples if s is not None}
    weak, strong = boxes[("speaker", True)], boxes[("speaker", False)]
    # suggested: a dashed frame (kind colour on its left edge, broken); accepted: a solid underline
    left = [QPoint(1, y) for y in range(1, 11)]
    assert 2 <= _kind_pixels(weak, left) < len(left)
    assert _kind_pixels(strong, [QPoint(x, 12) for x in range(26)]) == 26
    assert _kind_pixels(weak, [QPoint(x, 12) for x in range(26)]) == 0
    fill = strong.pixelColor(12, 5).alpha() - weak.pixelColor(12, 5).alpha()
    assert fill >= 60
    labels = [w.text() for w in legend.findChildren(type(window.reader.empty)) if w.text()]
    assert "suggested" in labels and "accepted or edited" in labels


def test_first_run_name_dialog_has_a_title_and_says_what_the_name_is_for(qtbot, settings, monkeypatch):
    from PySide6.QtWidgets import QDialogButtonBox

    from annotator.ui import app as app_module
    from annotator.ui.name_dialog import AnalystNameDialog

    dialog = AnalystNameDialog("rana")
    qtbot.addWidget(dialog)
    assert "name" in dialog.windowTitle().lower() and "Annotator" in dialog.windowTitle()
    from PySide6.QtWidgets import QLabel

    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "history" in text and "export" in text and "every change" in text
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    dialog.name.setText("   ")
    assert not ok.isEnabled()
    dialog.name.setText("Rana Haddad")
    assert ok.isEnabled()

    shown = []

    def answer(self):
        shown.append(self.windowTitle())
        self.name.setText("Rana Haddad")
        return 1

    monkeypatch.setattr(AnalystNameDialog, "exec", answer)
    assert app_module.resolve_analyst(settings, None, "rana", interactive=True) == "Rana Haddad"
    assert shown and shown[0] and settings.value("analyst", "", str) == "Rana Haddad"


def test_theme_change_applies_at_once_to_the_whole_window(window, qtbot, settings, restore_style):
    settings.setValue("appearance", "light")
    style.restyle(restore_style, "light", None)
    suggested, _ = _tagged(window)
    reader = window.reader
    light_fill = _format(reader.body, suggested).background().color().alpha()
    dark = next(a for a in window.findChildren(type(window.menuBar().actions()[0])) if a.text() == "Dark")
    dark.trigger()
    app = QApplication.instance()
    assert settings.value("appearance", "", str) == "dark"
    assert app.palette().color(app.palette().ColorRole.Base).lightness() < 60
    # widgets given their own colours follow too, without a restart
    assert reader.palette().color(reader.backgroundRole()) == QColor(style.THEMES["dark"]["paper"])
    assert reader.meta.palette().color(reader.meta.foregroundRole()) == QColor(style.THEMES["dark"]["muted"])
    assert reader.date.palette().color(reader.date.foregroundRole()) == QColor(style.THEMES["dark"]["text"])
    assert _format(reader.body, suggested).background().color().alpha() != light_fill
    assert "applied" in window.statusBar().currentMessage()


def test_text_size_applies_at_once_to_the_whole_window(window, qtbot, settings, restore_style):
    show(window, 12)
    reader, table = window.reader, window.items.table
    before = {"headline": reader.date.font().pointSizeF(), "body": reader.body.font().pointSizeF(),
              "list": table.font().pointSizeF(), "badge": reader.status.height(),
              "meta": reader.meta.font().pointSizeF()}
    window._text_size(+2)
    after = {"headline": reader.date.font().pointSizeF(), "body": reader.body.font().pointSizeF(),
             "list": table.font().pointSizeF(), "badge": reader.status.height(),
             "meta": reader.meta.font().pointSizeF()}
    assert all(after[k] > before[k] for k in before), (before, after)
    assert after["headline"] == pytest.approx(after["list"] * 1.5)  # the headline stays half as large again
    window._text_size(0)
    assert table.font().pointSizeF() == style.DEFAULT_POINT_SIZE


def _indicator_contrast(box: QCheckBox) -> int:
    """Largest lightness difference between the check box's indicator pixels and its background."""
    image = box.grab().toImage()
    ground = QColor(image.pixel(image.width() - 2, image.height() // 2)).lightness()
    return max(abs(QColor(image.pixel(x, y)).lightness() - ground)
               for x in range(0, 20) for y in range(image.height()))


@pytest.mark.parametrize("checked", [False, True])
def test_check_boxes_are_visible_in_dark_mode(qtbot, restore_style, checked):
    style.restyle(restore_style, "dark", None)
    box = QCheckBox("Source identified" + " " * 30)
    box.setChecked(checked)
    qtbot.addWidget(box)
    box.resize(box.sizeHint())
    assert _indicator_contrast(box) >= 90  # Fusion's own frame differed by ~15 on the dark window
    style.restyle(restore_style, "light", None)
    assert _indicator_contrast(box) >= 90  # and light mode keeps a visible box too
