"""import, stats, items."""

from __future__ import annotations

import argparse
import json
import sys

from annotator.commands.context import analyst_name, open_or_exit, store_path
from annotator.ingest.decode import MAX_BYTES
from annotator.services.dating import date_missing_items, give_dates, parse_iso_date
from annotator.services.importing import import_paths
from annotator.services.stats import store_stats
from annotator.store import items as item_store
from annotator.terminal import json_safe, terminal_safe


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[common], help="import pages and reports (files or folders, recursive: *.txt, *.htm, *.html, *.pdf)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--max-size", type=float, default=MAX_BYTES / 1_048_576, metavar="MB",
                   help="refuse files larger than this (default: %(default).0f MB)")
    p.add_argument("--quiet", action="store_true", help="print only failures and the summary")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="the date for reports of this run whose own date is unknown or ambiguous "
                        "(reports with a date line keep theirs)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("stats", parents=[common], help="counts of sources, items and annotations")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("items", parents=[common], help="list items (one line each, or JSON)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_items)


def cmd_import(args: argparse.Namespace) -> int:
    if args.date:
        try:
            args.date = parse_iso_date(args.date)
        except ValueError as exc:
            print(f"annotator import: {exc}", file=sys.stderr)
            return 2
    db = open_or_exit(args)

    def show(n: int, total: int, result) -> None:  # noqa: ANN001 - FileResult
        # File names and warnings quote outside text: escape controls (\x1b...), never obey them.
        if result.status == "failed" or not args.quiet:
            print(terminal_safe(result.line()), file=sys.stderr if result.status == "failed" else sys.stdout)
        if not args.quiet:
            for w in result.warnings:
                print(f"  warning: {terminal_safe(w)}")

    report = import_paths(db, args.paths, analyst=analyst_name(args), progress=show,
                          max_bytes=int(args.max_size * 1_048_576))
    print(terminal_safe(report.summary() + f" — store: {store_path(args)}"))
    undated = len(date_missing_items(db, report.source_ids))
    if args.date and undated:
        print(f"dated {give_dates(db, report.source_ids, args.date, analyst_name(args))} reports {args.date} "
              "(--date); reports with their own date line keep it")
    elif undated:
        print(f"{undated} reports need a date (none found in the text, or day/month order unknown): "
              "set it in the window, or import again with --date YYYY-MM-DD")
    return 1 if report.failed else 0


def cmd_stats(args: argparse.Namespace) -> int:
    stats = store_stats(open_or_exit(args, readonly=True))
    if args.json:
        print(json.dumps(stats, indent=2, sort_keys=True))
        return 0
    print(f"sources: {stats['sources']}\nitems: {stats['items']}")
    for status, n in sorted(stats["items_by_status"].items()):
        print(f"  {status}: {n}")
    for kind, states in sorted(stats["annotations"].items()):
        print(f"{kind}: " + ", ".join(f"{s} {n}" for s, n in sorted(states.items())))
    return 0


def cmd_items(args: argparse.Namespace) -> int:
    db = open_or_exit(args, readonly=True)
    rows = []
    for row in item_store.items_for_export(db):
        rows.append({"id": row["id"], "date": row["date"], "source": row["source_path"],
                     "start": row["start"], "end": row["end"], "body": row["body"], "title": row["title"],
                     "outlet": row["outlet"], "dateline": row["dateline"]})
    if args.json:
        print(json_safe(json.dumps(rows, ensure_ascii=False, indent=1)))
    else:
        for r in rows:
            print(f"{r['id']:>6}  {r['date'] or 'NEEDS DATE'}  {terminal_safe(r['body'][:100].replace(chr(10), ' '))}")
    return 0
