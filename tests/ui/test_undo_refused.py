"""The window says so when an undo or redo is refused because a colleague changed the rows since
(and when any action is refused): the message names who changed what, the colleague's edit stays,
and the undo list moves on."""

from __future__ import annotations

from annotator.services import review
from annotator.store import annotations, open_store
from tests.ui.conftest import suggest


def test_refused_undo_names_the_colleague_in_the_status_bar(window, store_path, qtbot):
    s = window.session
    tag = suggest(s.db, 2, ["Nazir Hakim"])[0]
    assert window.select_item(2)
    s.perform("Accept speaker", review.accept, tag)
    s.perform("Set status", review.set_item_status, 3, "flagged")  # an earlier step, on another item
    assert s.undo_stack.count() == 2
    s.undo_stack.undo()  # undo the status: nobody touched item 3, so it goes through
    colleague = open_store(store_path)
    try:
        review.edit_attributes(colleague, tag, {"name": "Nazir Hakim", "role": "President"}, "Omar Saleh")
    finally:
        colleague.close()
    s.undo_stack.undo()  # Ctrl+Z on the accept
    shown = window.statusBar().currentMessage()
    assert shown.startswith("Cannot undo “accept speaker”")
    assert "Omar Saleh" in shown and "“Nazir Hakim” (role, state)" in shown
    assert annotations.get(s.db, tag)["attributes"]["role"] == "President"
    assert s.undo_stack.count() == 1 and s.undo_stack.index() == 0  # the refused step left the list
    assert not s.undo_stack.canUndo()
    # the panel shows the tag as the colleague left it (the item was reloaded)
    assert s.view.tag(tag)["attributes"]["role"] == "President"


def test_a_refused_action_says_why_in_the_status_bar(window, qtbot):
    s = window.session
    assert window.select_item(2)
    assert s.perform("Add speaker", review.add_tag, 2, "speaker", 5, 5) is None  # an empty span
    assert window.statusBar().currentMessage() == "span 5-5 is empty or outside the item body"
