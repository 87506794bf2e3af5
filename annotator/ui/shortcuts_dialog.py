"""Help > Keyboard shortcuts: every key of the window on one sheet, read from the window's own
actions (so the sheet cannot drift from what the keys do), plus the keys the reader and the
editors handle themselves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QMainWindow, QTreeWidget, QTreeWidgetItem, \
    QVBoxLayout

FIXED = (
    ("Reader", "1 / 2 / 3 / 4", "Tag the selected text as speaker / location / casualty / date (whole words)"),
    ("Editors", "Enter", "Save the edit and go back to the reader"),
    ("Editors", "Esc", "Put the fields back as stored and go back to the reader"),
    ("Editors", "Tab / Shift+Tab", "Next / previous field (leaving a field saves it)"),
)


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, keys, what) for every menu action that has a key, then the fixed keys."""
    rows: list[tuple[str, str, str]] = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        title = menu_action.text().replace("&", "")
        stack = [menu]
        while stack:
            current = stack.pop(0)
            for act in current.actions():
                if act.menu() is not None:
                    stack.append(act.menu())
                    continue
                keys = ", ".join(k.toString(QKeySequence.NativeText) for k in act.shortcuts())
                if keys:
                    rows.append((title, keys, act.text().replace("&", "").split("\t")[0]))
    return rows + list(FIXED)


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Keys", "What they do"])
        self.tree.setRootIsDecorated(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for menu, keys, what in shortcut_rows(window):
            if menu not in groups:
                groups[menu] = QTreeWidgetItem([menu])
                self.tree.addTopLevelItem(groups[menu])
            groups[menu].addChild(QTreeWidgetItem([keys, what]))
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(620, 640)
        self.setAttribute(Qt.WA_DeleteOnClose, False)
