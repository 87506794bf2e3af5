"""Start-up reads nothing that grows with every tag: completion lists load on first use."""

from __future__ import annotations

from annotator.services import browse, review
from tests.ui.conftest import suggest


def test_speaker_names_load_when_the_editor_is_first_entered(window, qtbot, monkeypatch):
    db = window.session.db
    ids = suggest(db, 3, ["Riad Seif"])
    window.session.perform("Accept", review.accept, ids[0])
    calls = []
    real = browse.known_names
    monkeypatch.setattr(browse, "known_names", lambda d, kind: calls.append(kind) or real(d, kind))
    panel = window.panels["speaker"]
    panel.hide()
    panel.show()  # as at start-up: no store-wide read
    assert calls == []
    panel._focus_changed(window.reader.body, panel.editor.name)  # the analyst goes into the name field
    assert calls == ["speaker"]
    panel._focus_changed(window.reader.body, panel.editor.name)  # once only
    assert calls == ["speaker"]
    assert "Riad Seif" in panel.editor.name.completer().model().stringList()
