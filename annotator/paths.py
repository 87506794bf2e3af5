"""Where the app keeps its files: default store, backups, bundled resources."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Annotator"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def user_data_dir() -> Path:
    override = os.environ.get("ANNOTATOR_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_store_path() -> Path:
    """The store `annotator` opens when no --db is given (ANNOTATOR_DB overrides it)."""
    override = os.environ.get("ANNOTATOR_DB")
    return Path(override) if override else user_data_dir() / "annotator.db"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)
