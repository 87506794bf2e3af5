"""backup, restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.commands.context import open_or_exit, store_path
from annotator.services import safety
from annotator.store import backup as backups


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common],
                       help="copy the store into its backups folder now (or --list the backups)")
    p.add_argument("--list", action="store_true", help="list the backups, newest first, and take none")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[common],
                       help="replace the store with a backup (the current store is kept as a backup first)")
    p.add_argument("file", metavar="FILE", help="a backup file (see `annotator backup --list`)")
    p.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    path = store_path(args)
    if args.list:
        found = backups.list_backups(path)
        if not found:
            print(f"no backups yet in {backups.backup_dir_for(path)}")
        for b in found:
            print(f"{b}  ({backups.backup_reason(b)}, {_size(b.stat().st_size)})")
        print(_usage_line(path, found))
        return 0
    db = open_or_exit(args, backup_on_start=False)
    target = safety.backup_now(db, path)
    print(f"backup written: {target}")
    print(f"keeping the newest {backups.keep_count(db)} backups in {target.parent}, "
          f"at most {backups.max_size_text(db)} the store's size together (the newest always)")
    print(_usage_line(path, backups.list_backups(path), db))
    return 0


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1000
    return f"{n:,.1f} TB"


def _usage_line(path: Path, found: list[Path], db=None) -> str:  # noqa: ANN001
    """Space the backups take, beside the budget and the free disk space."""
    used = sum(b.stat().st_size for b in found)
    line = f"{len(found)} backup{'s' if len(found) != 1 else ''} using {_size(used)}"
    if Path(path).exists():
        reader = None
        if db is None:
            from annotator.store.window_open import open_reader

            db = reader = open_reader(path)
        try:
            budget = backups.max_size_text(db)
            line += (f" (budget {budget}: {_size(backups.max_bytes(path, db))}; "
                     f"store {_size(backups.store_bytes(path))})")
        finally:
            if reader is not None:
                reader.close()
    folder = backups.backup_dir_for(path)
    probe = folder if folder.exists() else Path(path).parent
    if probe.exists():
        import shutil

        line += f"; {_size(shutil.disk_usage(probe).free)} free on the disk"
    return line


def cmd_restore(args: argparse.Namespace) -> int:
    source = Path(args.file)
    path = store_path(args)
    if not source.is_file():
        print(f"error: {source}: no such backup file", file=sys.stderr)
        return 1
    lacks = backups.what_backup_lacks(source, path)
    try:
        result = safety.restore(source, path)
    except ValueError as exc:
        text = str(exc)
        print(f"error: {text}" + ("" if text.endswith(".") else "; the store was not touched"), file=sys.stderr)
        return 1
    if result.previous_damaged:
        print(f"the damaged store was moved aside to {result.previous}")
    elif result.previous:
        print(f"the store as it was is kept as {result.previous}")
    print(f"restored {path} from {source}")
    if lacks and result.previous:
        print(f"the backup lacked {lacks} that the store held: they are in {result.previous} "
              "(export them from it with --db and merge them back with import-annotations)")
    return 0
