"""File > Export: format, which tags, where. The items are those the list shows (its filters).
The file goes to the folder of the last export, at first the analyst's Documents folder (or home):
never the hidden folder the store lives in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QWidget)

TAG_CHOICES = ((None, "All but rejected tags"), ("accepted", "Accepted and edited tags only"),
               ("reviewed", "Every analyst decision (no open suggestions)"), ("all", "Everything, rejected included"))


STATUS_CHOICES = ((None, "As the list is filtered now"), ("reviewed", "Reviewed items only"),
                  ("annotated", "Annotated items only"), ("in_progress", "Items in progress only"),
                  ("flagged", "Flagged items only"), ("new", "New items only"))


FOLDER_KEY = "export/folder"


def start_folder(settings: QSettings, key: str = FOLDER_KEY) -> Path:
    """Where an export (or, with key "import/folder", an import) is offered: the last one's folder
    while it exists, else Documents, else home (never the process's working folder)."""
    last = settings.value(key, "", str)
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember_folder(settings: QSettings, out: str, key: str = FOLDER_KEY) -> None:
    """Keep the folder an export was written into (or a file was imported from) for the next one."""
    folder = Path(out).expanduser().parent
    if folder.is_dir():
        settings.setValue(key, str(folder))


class ExportDialog(QDialog):
    def __init__(self, mod: ModuleType, item_count: int, start_dir: Path, parent: QWidget | None = None,
                 count: Callable[[str | None], int] | None = None) -> None:
        super().__init__(parent)
        self.mod = mod
        self._count = count or (lambda _status: item_count)
        self.setWindowTitle("Export")
        self.status = QComboBox()
        for value, label in STATUS_CHOICES:
            self.status.addItem(label, value)
        self.status.setToolTip("Which items: those the list shows, or only those of one status "
                               "(the list's other filters still apply)")
        self.count_label = QLabel()
        self.status.currentIndexChanged.connect(self._show_count)
        self.format = QComboBox()
        descriptions = getattr(mod, "DESCRIPTION", {})
        for fmt in mod.ALL_FORMATS:
            self.format.addItem(descriptions.get(fmt, fmt), fmt)
        self.tags = QComboBox()
        for value, label in TAG_CHOICES:
            self.tags.addItem(label, value)
        self.path = QLineEdit(str(start_dir / "export"))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.format.currentIndexChanged.connect(self._suffix)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Items", self.status)
        form.addRow("", self.count_label)
        form.addRow("Format", self.format)
        form.addRow("Tags", self.tags)
        form.addRow("Save to", where)
        form.addRow(buttons)
        self.resize(560, 0)
        self._suffix()
        self._show_count()

    def _show_count(self) -> None:
        n = self._count(self.status.currentData())
        self.count_label.setText(f"{n:,} item{'s' if n != 1 else ''} will be exported.")

    def _suffix(self) -> None:
        suffix = getattr(self.mod, "SUFFIX", {}).get(self.format.currentData(), "")
        p = Path(self.path.text())
        self.path.setText(str(p.with_suffix(suffix) if suffix else p.with_suffix("")))

    def _browse(self) -> None:
        if self.format.currentData() == "brat":
            path = QFileDialog.getExistingDirectory(self, "Export brat files into", str(Path(self.path.text()).parent))
        else:
            path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text())
        if path:
            self.path.setText(path)

    def choice(self) -> tuple[str, str | None, str]:
        return self.format.currentData(), self.tags.currentData(), self.path.text().strip()

    def item_status(self) -> str | None:
        """The status the export is narrowed to (None: the list's own filter)."""
        return self.status.currentData()
