"""tag, evaluate."""

from __future__ import annotations

import argparse
import json
import sys

from annotator.commands.context import analyst_name, open_or_exit, progress_printer
from annotator.services.evaluation import evaluate, format_report, load_gold
from annotator.services.tagging import tag_items
from annotator.tagging.pipeline import KINDS, parse_kinds


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("tag", parents=[common], help="suggest speakers, locations, casualty figures and dates")
    p.add_argument("--item", type=int, action="append", metavar="ID", help="only this item (repeatable; default: all)")
    p.add_argument("--kinds", metavar="KIND,...", help=f"only these kinds ({','.join(KINDS)}; default: all)")
    p.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: every core)")
    p.add_argument("--keep-outdated", action="store_true",
                   help="keep untouched suggestions the current rules no longer make (default: withdraw them, "
                        "and update those the rules now describe otherwise)")
    p.add_argument("--quiet", action="store_true", help="print only the summary")
    p.set_defaults(func=cmd_tag)

    p = sub.add_parser("evaluate", parents=[common], help="precision/recall/F1 of the taggers against a gold file")
    p.add_argument("--gold", required=True, metavar="FILE", help="JSON lines, one per item (see tests/data/README.md)")
    p.add_argument("--stored", action="store_true",
                   help="score what the store holds (suggestions and reviews) instead of a fresh tagger run")
    p.add_argument("--details", action="store_true", help="also list what was missed or extra, per item")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_evaluate)


def cmd_tag(args: argparse.Namespace) -> int:
    try:
        kinds = parse_kinds(args.kinds)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    db = open_or_exit(args)
    show = progress_printer(args.quiet, "tagged", "items")
    report = tag_items(db, item_ids=args.item, kinds=kinds, analyst=analyst_name(args), progress=show, jobs=args.jobs,
                       refresh=not args.keep_outdated)
    for item_id, error in report.failed:
        print(f"FAILED    item {item_id}: {error}", file=sys.stderr)
    if args.item and report.total < len(set(args.item)):
        print(f"error: {len(set(args.item)) - report.total} of the given items are not in the store", file=sys.stderr)
        print(report.summary())
        return 1
    print(report.summary())
    return 1 if report.failed else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    try:
        gold = load_gold(args.gold)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    report = evaluate(open_or_exit(args, readonly=True), gold, stored=args.stored)
    if args.json:
        out = {k: {"gold": s.gold, "found": s.found, "correct": s.correct, "precision": s.precision,
                   "recall": s.recall, "f1": s.f1} for k, s in report.scores.items()}
        out["event_date_accuracy"] = report.date_accuracy
        out["casualty_event_dates"] = {"matched": report.event_dates.gold, "correct": report.event_dates.correct}
        out["items"], out["missing"] = report.items, report.missing
        if args.details:
            out["errors"] = report.errors
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
        if args.details:
            for e in report.errors:
                print(json.dumps(e, ensure_ascii=False))
    return 1 if report.missing or not report.items else 0
