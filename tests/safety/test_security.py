"""Nothing leaks, nothing lands where imported data says: no network, private files, no data-named paths."""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import urllib.request
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.services.importing import import_paths
from annotator.store import open_store
from tests.conftest import SAMPLE_DATA, NetworkBlocked

ROOT = Path(__file__).resolve().parents[2]


# -- no network -----------------------------------------------------------------------------------
@pytest.mark.parametrize("family", [socket.AF_INET, socket.AF_INET6])
def test_the_guard_trips_on_any_internet_socket(family):
    with pytest.raises(NetworkBlocked):
        socket.socket(family, socket.SOCK_STREAM)
    with pytest.raises(NetworkBlocked):
        socket.socket()  # the default family is AF_INET


def test_the_guard_trips_on_connections_and_name_lookups():
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("example.org", 443)
    with pytest.raises(NetworkBlocked):
        socket.gethostbyname("example.org")
    with pytest.raises(NetworkBlocked):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=0.1)


def test_local_unix_sockets_stay_allowed():
    """Process pools (annotator tag) talk over AF_UNIX sockets: those are not the network."""
    a, b = socket.socketpair(socket.AF_UNIX)
    a.sendall(b"x")
    assert b.recv(1) == b"x"
    a.close()
    b.close()


def test_cli_paths_run_under_the_guard_without_touching_the_network(tmp_path, capsys):
    """Import, stats, items, tag (in-process), backup, restore and every export, guard armed."""
    db = tmp_path / "store.db"
    assert main(["import", str(SAMPLE_DATA), "--db", str(db)]) == 0
    assert main(["stats", "--db", str(db), "--json"]) == 0
    assert main(["items", "--db", str(db), "--json"]) == 0
    assert main(["tag", "--db", str(db), "--jobs", "1", "--quiet"]) == 0
    assert main(["backup", "--db", str(db)]) == 0
    backup = re.search(r"backup written: (\S+)", capsys.readouterr().out).group(1)
    assert main(["restore", backup, "--db", str(db)]) == 0
    from annotator.services.exporting import FORMATS

    for fmt in FORMATS:
        assert main(["export", "--db", str(db), "--format", fmt, "--out", str(tmp_path / f"out-{fmt}"), "--quiet"]) == 0
    assert json.loads(_run_json(["stats", "--db", str(db), "--json"], capsys))["items"] == 12


def _run_json(argv: list[str], capsys) -> str:  # noqa: ANN001
    capsys.readouterr()
    assert main(argv) == 0
    return capsys.readouterr().out


# -- private files --------------------------------------------------------------------------------
def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_store_wal_and_backups_are_private_even_with_a_lax_umask(tmp_path):
    old = os.umask(0)
    try:
        path = tmp_path / "lax" / "store.db"
        db = open_store(path)
        import_paths(db, [SAMPLE_DATA])
        assert mode(path) == 0o600
        for suffix in ("-wal", "-shm"):  # SQLite gives them the store's own permissions
            side = Path(f"{path}{suffix}")
            if side.exists():
                assert mode(side) == 0o600
        from annotator.services.safety import backup_now

        made = backup_now(db, path)
        assert mode(made) == 0o600 and mode(made.parent) == 0o700
        db.close()
    finally:
        os.umask(old)


# -- names from imported data are never paths to write --------------------------------------------
HOSTILE = """../../../../tmp/annotator-pwned
31 May 2017 In ../../../../tmp/annotator-pwned-category

Nothing here is a file name: ../../etc/passwd, /tmp/annotator-pwned-body, C:\\\\Windows\\\\x, ~/.ssh/id_rsa,
%2e%2e%2f, \x1b[31m, <script>alert(1)</script>, =cmd|' /C calc'!A0, @SUM(1+1) and $(touch /tmp/annotator-pwned-sh).
Speaker Riad Seif said "../../x" in ../../../../tmp/annotator-pwned-place. (Source: ../../../../tmp/annotator-pwned-source)

Page 1 of 1
"""


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_hostile_names_in_imported_data_never_become_paths(tmp_path, capsys):
    drop = tmp_path / "in"
    drop.mkdir()
    hostile_file = drop / "..%2f..%2fannotator-pwned-file.txt"
    hostile_file.write_text(HOSTILE, encoding="utf-8")
    db = tmp_path / "store.db"
    assert main(["import", str(drop), "--db", str(db)]) == 0
    assert main(["tag", "--db", str(db), "--jobs", "1", "--quiet"]) == 0
    before = tree(tmp_path)
    from annotator.services.exporting import FORMATS

    outs = {fmt: tmp_path / "exports" / f"out-{fmt}" for fmt in FORMATS}
    for fmt, out in outs.items():
        assert main(["export", "--db", str(db), "--format", fmt, "--out", str(out), "--quiet"]) == 0
    created = tree(tmp_path) - before
    brat_files = {str(p.relative_to(tmp_path)) for p in outs["brat"].iterdir()}
    # Everything new is one of the export targets, or (brat) a file named by item id or config.
    for name in created:
        assert name.startswith("exports"), name
    assert all(re.fullmatch(r"exports/out-brat/(item-\d{7}\.(txt|ann)|annotation\.conf|visual\.conf)", f)
               for f in brat_files), brat_files
    assert [p for p in tmp_path.parent.rglob("*pwned*") if p != hostile_file] == []
    assert not list(Path("/tmp").glob("annotator-pwned*"))


# Every module that writes files, and why its names cannot come from imported data. A new
# writer fails this test: check where its file names come from, then add it here.
WRITERS = {
    "annotator/export/atomic.py": "the export target the analyst chose (--out or the dialog)",
    "annotator/export/brat.py": "item-<id>.txt/.ann and fixed config names inside that target",
    "annotator/store/db.py": "the store file the analyst chose",
    "annotator/store/backup.py": "<store name>-<UTC time>-<reason>.db beside the store",
    "annotator/store/window_open.py": "read-only connections to the chosen store",
    "annotator/services/safety.py": "a connection to the chosen store",
    "annotator/paths.py": "the per-user data folder",
    "annotator/tagging/gazetteer_tools.py": "developer tool regenerating the bundled gazetteer",
    "annotator/ui/app.py": "the --screenshot file",
    "annotator/cli.py": "os.devnull only (stdout after the reader of a pipe has gone)",
}
WRITE_CALLS = re.compile(
    r"write_text|write_bytes|\bopen\([^)\n]*['\"][wax]b?\+?['\"]|os\.open\(|\.mkdir\(|shutil\.(copy|move)|"
    r"os\.(replace|rename)|mkdtemp|mkstemp|\.save\([^)]|sqlite3\.connect\("
)


def test_only_reviewed_modules_write_files():
    writers = {
        str(p.relative_to(ROOT)) for p in (ROOT / "annotator").rglob("*.py") if WRITE_CALLS.search(p.read_text("utf-8"))
    }
    assert writers <= set(WRITERS), f"new code writes files, review where its names come from: {writers - set(WRITERS)}"
