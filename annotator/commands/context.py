"""What every subcommand needs: the store path, the analyst name, an open store."""

from __future__ import annotations

import argparse
import getpass
import os
import sqlite3
import sys
from pathlib import Path

import sqlite_utils

from annotator.paths import default_store_path
from annotator.store import StoreError, open_store


def store_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_store_path()


def analyst_name(args: argparse.Namespace) -> str:
    name = getattr(args, "analyst", None) or os.environ.get("ANNOTATOR_ANALYST")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "analyst"


def open_or_exit(args: argparse.Namespace, *, backup_on_start: bool = True) -> sqlite_utils.Database:
    """Open the store or exit 1 with the reason; back it up if the last start backup is > 1 h old."""
    path = store_path(args)
    try:
        db = open_store(path)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(1) from exc
    if backup_on_start:
        from annotator.services.safety import startup_backup

        try:
            startup_backup(db, path)
        except (OSError, sqlite3.Error) as exc:  # a failed backup must be seen, not stop the work
            print(f"warning: could not back up {path} ({exc})", file=sys.stderr)
    return db
