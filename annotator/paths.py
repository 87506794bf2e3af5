"""Where the app keeps its files: default store, backups, bundled resources."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import platformdirs

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:
    from importlib.abc import Traversable

APP_NAME = "Annotator"


def _resources() -> Traversable:
    """The bundled data: the package `annotator.resources` (the resources/ folder, installed
    inside the package), wherever the package is installed."""
    try:
        return resources.files("annotator.resources")
    except ModuleNotFoundError:
        # A development install made before resources/ became a package (pip install -e .
        # again fixes it): the folder beside the source still holds the same files.
        return Path(__file__).resolve().parent.parent / "resources"


RESOURCES = _resources()


def user_data_dir() -> Path:
    override = os.environ.get("ANNOTATOR_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_store_path() -> Path:
    """The store `annotator` opens when no --db is given (ANNOTATOR_DB overrides it)."""
    override = os.environ.get("ANNOTATOR_DB")
    return Path(override) if override else user_data_dir() / "annotator.db"


def resource(*parts: str) -> Traversable:
    """One bundled file, e.g. resource("gazetteer", "syria.json").read_text(encoding="utf-8")."""
    return RESOURCES.joinpath(*parts)
