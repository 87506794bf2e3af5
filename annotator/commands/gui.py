"""The window: `annotator` (no command) or `annotator gui`."""

from __future__ import annotations

import argparse
import sys

from annotator.commands.context import analyst_name, store_path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help="open the window (the default command)")
    p.add_argument("--item", type=int, metavar="ID", help="select this item at start")
    p.add_argument("--screenshot", metavar="FILE.png",
                   help="render the window (1600x1000 unless --size) offscreen, save it as PNG and exit")
    p.add_argument("--size", type=_size, metavar="WxH", help="window size, e.g. 1366x768")
    p.add_argument("--theme", choices=("system", "light", "dark"),
                   help="colours for this run (the window remembers View > Appearance otherwise)")
    p.add_argument("--view", choices=("incidents", "map", "timeline"),
                   help="with --screenshot: render this view (the Incidents panel, the map, the timeline) instead")
    p.add_argument("--import", dest="import_paths", nargs="+", metavar="PATH",
                   help="import these files or folders first (idempotent)")
    p.set_defaults(func=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    if not getattr(args, "screenshot", None):  # a screenshot renders offscreen: no plugin to load
        from annotator import qtcheck

        problem = qtcheck.problem()
        if problem:  # before Qt can abort with "reinstall the application"
            print(problem, file=sys.stderr)
            return 1
    from annotator.ui.app import run  # Qt is imported only when a window is wanted

    return run(
        db_path=store_path(args),
        analyst=getattr(args, "analyst", None),
        item_id=getattr(args, "item", None),
        screenshot=getattr(args, "screenshot", None),
        import_paths=getattr(args, "import_paths", None),
        view=getattr(args, "view", None),
        default_analyst=analyst_name(args),
        size=getattr(args, "size", None),
        theme=getattr(args, "theme", None),
    )


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(n) for n in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1366x768, not {text!r}") from None
    if w < 200 or h < 200:
        raise argparse.ArgumentTypeError("the window needs at least 200x200")
    return w, h
