"""export, import-annotations, agreement."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from annotator.commands.context import analyst_name, open_or_exit
from annotator.export.atomic import ExportTargetError
from annotator.services.agreement import agreement
from annotator.services.exporting import ALL_FORMATS, DESCRIPTION, STATE_CHOICES, ExportFilter, export
from annotator.services.merge import MergeError, merge_jsonl
from annotator.store.items import ItemFilter
from annotator.vocabulary import ITEM_STATUSES


def iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2017-05-17") from None


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    formats = "; ".join(f"{f}: {DESCRIPTION[f]}" for f in ALL_FORMATS)
    p = sub.add_parser("export", parents=[common], help="export items and tags (jsonl, csv, events, webanno, brat)",
                       description=f"Formats — {formats}. The file (or brat folder) appears only when complete.")
    p.add_argument("--format", required=True, choices=ALL_FORMATS)
    p.add_argument("--out", required=True, metavar="PATH", help="file to write (a folder for brat)")
    p.add_argument("--state", choices=STATE_CHOICES, default=None,
                   help="tags to include: accepted (and edited), reviewed (accepted, edited, rejected), all "
                        "(default: all but rejected)")
    p.add_argument("--status", choices=ITEM_STATUSES, help="only items with this status")
    p.add_argument("--from", dest="date_from", type=iso_date, metavar="DATE", help="only items dated on or after DATE")
    p.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE", help="only items dated on or before DATE")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import-annotations", parents=[common],
                       help="merge tags from another store's JSONL export (same source pages)")
    p.add_argument("file", metavar="FILE.jsonl")
    p.set_defaults(func=cmd_import_annotations)

    p = sub.add_parser("agreement", parents=[common], help="per-kind F1 and Cohen's kappa between two analysts")
    p.add_argument("--a", required=True, metavar="NAME", help="reference analyst")
    p.add_argument("--b", required=True, metavar="NAME", help="analyst compared with A")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_agreement)


def cmd_export(args: argparse.Namespace) -> int:
    db = open_or_exit(args, readonly=True)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        print(f"error: --from {args.date_from} is after --to {args.date_to}", file=sys.stderr)
        return 2
    filters = ExportFilter(ItemFilter(status=args.status, date_from=args.date_from, date_to=args.date_to), args.state)

    def show(done: int, total: int) -> None:
        # Only big exports say how far they are; a small one just prints its summary.
        if not args.quiet and total >= 100_000 and (done % 100_000 == 0 or done == total):
            print(f"  {done}/{total} items", file=sys.stderr)

    try:
        report = export(db, args.format, args.out, filters, progress=show)
    except (ExportTargetError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def cmd_import_annotations(args: argparse.Namespace) -> int:
    db = open_or_exit(args)
    try:
        report = merge_jsonl(db, args.file, analyst=analyst_name(args))
    except MergeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    if report.groups:
        print("conflicts are kept side by side: review them in the window (tags with a conflict group)")
    return 0


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def cmd_agreement(args: argparse.Namespace) -> int:
    db = open_or_exit(args, readonly=True)
    try:
        report = agreement(db, args.a, args.b)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except LookupError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
        return 0
    print(f"agreement between {report.a} (A, reference) and {report.b} (B): {report.items} items both worked on, "
          f"{report.tokens} word tokens")
    print(f"{'kind':<10}{'A tags':>8}{'B tags':>8}{'matched':>9}{'precision':>11}{'recall':>8}{'F1':>7}{'kappa':>8}")
    for k in report.kinds:
        print(f"{k.kind:<10}{k.a_tags:>8}{k.b_tags:>8}{k.matched:>9}{_fmt(k.precision):>11}{_fmt(k.recall):>8}"
              f"{_fmt(k.f1):>7}{_fmt(k.kappa):>8}")
    print("F1: exact span match (item, kind, start, end) on accepted/edited tags. "
          "kappa: Cohen's kappa per word token (\\w+) of those items, token inside a tag of the kind or not.")
    return 0
