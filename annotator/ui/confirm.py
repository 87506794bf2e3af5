"""Questions the window asks before an action that is easy to trigger and wide in effect."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def accept_all(parent: QWidget, count: int, where: str) -> bool:
    """Accepting many suggestions unseen is one key away: ask first (undo still works after)."""
    answer = QMessageBox.question(
        parent, "Accept all suggestions",
        f"Accept all {count} open suggestion{'s' if count != 1 else ''} {where} without reviewing them one by one?",
        QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
    return answer == QMessageBox.Yes
