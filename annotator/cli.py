"""`annotator`: the window by default, subcommands for headless work.

Each area keeps its subcommands in `annotator/commands/<area>.py` with a `register(subparsers,
common)` function; this module only assembles them and maps errors to exit codes:
0 all done, 1 some input failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
from typing import Any

from annotator import __version__

COMMAND_MODULES = ("core", "gui", "export", "tagging", "safety", "incidents")

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def common_options(top_level: bool) -> argparse.ArgumentParser:
    """--db and --analyst, accepted before or after the subcommand."""
    parent = argparse.ArgumentParser(add_help=False)
    default = None if top_level else argparse.SUPPRESS
    parent.add_argument("--db", metavar="PATH", default=default,
                        help="store file (default: the per-user store; ANNOTATOR_DB overrides)")
    parent.add_argument("--analyst", metavar="NAME", default=default,
                        help="name recorded on every change (default: ANNOTATOR_ANALYST or your login)")
    return parent


def build_parser(modules: tuple[str, ...] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Annotate and review conflict news items. With no command, opens the window.",
        parents=[common_options(top_level=True)],
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_options(top_level=False)
    for name in modules:
        importlib.import_module(f"annotator.commands.{name}").register(sub, common)
    return parser


def opens_window(argv: list[str]) -> bool:
    """True when the arguments ask for the window: no command, or `gui`."""
    pre = argparse.ArgumentParser(prog="annotator", add_help=False, parents=[common_options(top_level=True)])
    _known, rest = pre.parse_known_args(argv)
    return not rest or rest[0] == "gui"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # The window needs only its own command: importing every other command's module (tagger,
    # exporters, importer) would add a few hundred ms before the window can open.
    parser = build_parser(("gui",) if opens_window(argv) else COMMAND_MODULES)
    args = parser.parse_args(argv)
    if args.command is None:
        from annotator.commands.gui import run_gui

        return run_gui(args)
    previous = ending_like_ctrl_c()
    try:
        return int(args.func(args) or 0)
    except Terminated as exc:  # SIGTERM, or SIGHUP when the terminal closed
        _say(f"terminated ({exc.name})")
        return 128 + exc.signum
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `annotator items --json | head`: the reader left, nothing is wrong
        _silence_stdout()
        return 0
    except _store_faults() as exc:
        # A full disk, a read-only file or a lock met half way through a command: the
        # transaction rolled back; say why in words instead of a traceback.
        from annotator.store import faults
        from annotator.terminal import terminal_safe

        if not faults.is_store_fault(exc):
            raise
        from annotator.commands.context import store_path

        print(f"error: {terminal_safe(faults.explain(exc, store_path(args)))}", file=sys.stderr)
        return EXIT_SOME_FAILED
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: the run ends as Ctrl+C ends it (the open transaction rolls back, worker
    pools shut down, the store stays consistent); a KeyboardInterrupt so every path that already
    handles Ctrl+C handles these the same way."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.name = signal.Signals(signum).name
        super().__init__(self.name)


def _raise_terminated(signum: int, frame: object) -> None:
    for name in ("SIGTERM", "SIGHUP"):  # a second signal ends the process at once
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    raise Terminated(signum)


def ending_like_ctrl_c() -> dict[int, Any]:
    """Make SIGTERM and SIGHUP raise Terminated in the main thread; returns the handlers replaced."""
    previous: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, _raise_terminated)
    return previous


def _say(message: str) -> None:
    try:  # after SIGHUP the terminal may be gone
        print(message, file=sys.stderr)
    except OSError:
        pass


def _store_faults() -> tuple[type[BaseException], ...]:
    """What a store fault met half way raises. Looked up only when an exception arrives: the
    store package (and sqlite-utils) is not imported by commands that never open a store."""
    from annotator.store import DatabaseError

    return (DatabaseError, OSError)


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; into the closed pipe that would print a second error.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def gui_main() -> int:
    return main([])


if __name__ == "__main__":
    raise SystemExit(main())
