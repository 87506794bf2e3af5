"""What every subcommand needs: the store path, the analyst name, an open store."""

from __future__ import annotations

import argparse
import getpass
import os
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


def open_or_exit(args: argparse.Namespace) -> sqlite_utils.Database:
    try:
        return open_store(store_path(args))
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(1) from exc
