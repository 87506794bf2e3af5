"""incidents suggest, incidents list."""

from __future__ import annotations

import argparse
import json
import sys

from annotator.commands.context import analyst_name, open_or_exit, progress_printer
from annotator.vocabulary import INCIDENT_STATES


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("incidents", parents=[common], help="group casualty figures across reports into incidents")
    inner = p.add_subparsers(dest="incidents_command", metavar="ACTION", required=True)
    s = inner.add_parser("suggest", parents=[common],
                         help="suggest incidents (keeps confirmed incidents and every analyst decision)")
    s.add_argument("--quiet", action="store_true", help="print only the summary")
    s.set_defaults(func=cmd_suggest)
    ls = inner.add_parser("list", parents=[common], help="list incidents and aggregate figures")
    ls.add_argument("--json", action="store_true", help='print {"incidents": [...], "aggregates": [...]}')
    ls.add_argument("--state", choices=("suggested", "confirmed", "all"), default="all")
    ls.set_defaults(func=cmd_list)


def cmd_suggest(args: argparse.Namespace) -> int:
    from annotator.services.incidents import suggest

    db = open_or_exit(args)
    show = progress_printer(args.quiet, "read", "casualty figures")
    report = suggest(db, analyst=analyst_name(args), progress=show)
    print(report.summary())
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from annotator.services.incidents import list_all

    db = open_or_exit(args, backup_on_start=False)
    states = INCIDENT_STATES if args.state == "all" else (args.state,)
    listing = list_all(db, states)
    if args.json:
        json.dump(listing, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for i in listing["incidents"]:
        count = "" if i["best"] is None else f"{i['best']:g} (low {i['low']:g}, high {i['high']:g}) "
        print(f"#{i['id']:<6} {i['state']:<9} {i['date_start']} {i['place'] or '-':<24} {count}{i['kind']}; "
              f"{i['sources']} source(s), {i['grading']}; {len(i['figures'])} figure(s)")
    print(f"{len(listing['incidents'])} incidents, {len(listing['aggregates'])} aggregate figures")
    return 0
