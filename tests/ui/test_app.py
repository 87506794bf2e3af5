"""Start-up settings (analyst name, recent stores, layout) and File > Export from the window."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from annotator.ui import long_work
from annotator.ui.app import create_window, resolve_analyst


def test_analyst_name_is_asked_once_then_remembered(settings, monkeypatch, qtbot):
    assert resolve_analyst(settings, None, "login", interactive=False) == "login"
    from annotator.ui.name_dialog import AnalystNameDialog

    asked = []

    def answer(dialog):
        asked.append(dialog.name.text())
        dialog.name.setText("Lina Haddad")
        return 1

    monkeypatch.setattr(AnalystNameDialog, "exec", answer)
    assert resolve_analyst(settings, None, "login", interactive=True) == "Lina Haddad"
    assert asked == ["login"]  # the login name is offered as the default
    assert resolve_analyst(settings, None, "login", interactive=True) == "Lina Haddad"
    assert len(asked) == 1  # not asked again
    assert resolve_analyst(settings, "Bob", "login", interactive=True) == "Bob"  # --analyst wins


def test_recent_stores_and_window_layout_are_kept(qtbot, store_path, settings, tmp_path):
    def open_window(path):
        win = create_window(path, "tester", settings)
        qtbot.addWidget(win)
        win.restore_layout()
        win.show()
        return win

    def close(win):
        win.close()  # saves geometry, dock state and splitter to the settings
        win.session.db.close()

    first = open_window(store_path)
    first.splitter.setSizes([380, 620])
    first.docks["verification"].hide()
    width = first.splitter.sizes()[0]
    close(first)
    second = open_window(store_path)
    assert second.splitter.sizes()[0] == width  # the list keeps the width the analyst gave it
    assert second.docks["verification"].isHidden()
    close(second)
    other = tmp_path / "other.db"
    close(open_window(other))
    assert settings.value("recent_stores", [], list)[:2] == [str(other), str(store_path)]


def test_export_from_the_window_uses_the_list_filters(window, qtbot, tmp_path):
    bar = window.items.filters
    bar.search.setText("Raqqa")
    bar.emit_filter()
    listed = window.items.model.rowCount()
    out = tmp_path / "items.jsonl"
    job = long_work.run_export(window, "jsonl", None, str(out))
    assert job is not None
    qtbot.waitUntil(lambda: not window.progress.busy, timeout=20000)
    assert not isinstance(job.report, Exception), job.report
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == listed < 12
    assert all("Raqqa" in json.dumps(json.loads(line), ensure_ascii=False) for line in lines)


def test_review_mode_e_opens_the_editor_of_the_current_suggestion(window, qtbot):
    from tests.ui.conftest import suggest

    suggest(window.session.db, 9, ["Raqqa"], kind="location")
    window.select_item(9)
    window.activateWindow()
    qtbot.waitActive(window)
    window.review.toggle.setChecked(True)
    window.items.table.setFocus()
    qtbot.keyClick(window.items.table, Qt.Key_E)
    panel = window.panels["location"]
    assert panel.current()["text"] == "Raqqa"
    assert panel.editor.name.hasFocus()


def test_opening_the_window_takes_the_startup_backup_once_an_hour(qtbot, tmp_path):
    from annotator.services.importing import import_paths
    from annotator.store import open_store
    from annotator.store.backup import backup_reason, list_backups
    from annotator.ui.app import create_window
    from tests.conftest import SAMPLE_DATA

    path = tmp_path / "s.db"
    db = open_store(path)
    import_paths(db, [SAMPLE_DATA])
    db.close()
    startup = lambda: [b for b in list_backups(path) if backup_reason(b) == "startup"]  # noqa: E731
    assert startup() == []
    for _ in range(2):
        win = create_window(path, "tester")
        qtbot.addWidget(win)
        win.close()
    assert len(startup()) == 1


def test_a_screenshot_run_prints_no_qt_plugin_noise(tmp_path, store_path):
    """`annotator gui --screenshot` printed "This plugin does not support propagateSizeHints()"
    eight times; it prints only where the picture went."""
    import os
    import subprocess
    import sys

    out = tmp_path / "shot.png"
    env = {**os.environ, "ANNOTATOR_HOME": str(tmp_path / "home"), "ANNOTATOR_STARTUP_BACKUP": "off"}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run([sys.executable, "-m", "annotator", "gui", "--db", str(store_path), "--analyst", "rana",
                           "--screenshot", str(out)], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000
    assert "propagateSizeHints" not in done.stderr + done.stdout, done.stderr
