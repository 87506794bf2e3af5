"""What every subcommand needs: the store path, the analyst name, an open store."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from annotator.paths import default_store_path
from annotator.store import Store
from annotator.store import DatabaseError, StoreError, faults, open_store
from annotator.store.db import opened_readonly
from annotator.terminal import terminal_safe


def store_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_store_path()


def analyst_name(args: argparse.Namespace) -> str:
    name = getattr(args, "analyst", None) or os.environ.get("ANNOTATOR_ANALYST")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "analyst"


def open_or_exit(args: argparse.Namespace, *, backup_on_start: bool = True,
                 readonly: bool = False) -> Store:
    """Open the store or exit 1 with the reason; back it up if the last start backup is > 1 h old.

    readonly=True (commands that only read): a store that cannot be written (full disk,
    read-only file or folder) is opened read-only, with a note, instead of refused."""
    path = store_path(args)
    try:
        db = open_store(path, readonly=readonly)
    except StoreError as exc:
        print(f"error: {terminal_safe(str(exc))}", file=sys.stderr)
        raise SystemExit(1) from exc
    if opened_readonly(db):
        why = faults.SHORT.get(faults.cause(None, path), "it cannot be written")
        print(f"note: {path} is opened read-only ({why}); nothing will be changed",
              file=sys.stderr)
        return db
    if backup_on_start:
        from annotator.services.safety import startup_backup

        try:
            startup_backup(db, path)
        except (OSError, DatabaseError) as exc:  # a failed backup must be seen, not stop the work
            print(f"warning: could not back up {path} ({exc})", file=sys.stderr)
    return db


def progress_printer(quiet: bool, verb: str, noun: str) -> Callable[[int, int], None]:
    """A progress callback printing "<verb> done/total <noun>" to stderr at most once a second
    (and at the end)."""
    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if not quiet and (now - last[0] >= 1.0 or done == total):
            last[0] = now
            print(f"{verb} {done}/{total} {noun}", file=sys.stderr, flush=True)

    return show
