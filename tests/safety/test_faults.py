"""Full disk, read-only file/folder/disk, newer or altered stores, restore while in use (issue 15.1, 15.4).

The full disk is simulated two ways that run anywhere (SQLite's max_page_count for a write that
cannot grow the file; a reported free space of zero for the open), and checked for real on a
small tmpfs when the tests run as root (as CI does)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.services import safety
from annotator.services.importing import import_paths
from annotator.store import StoreError, faults, open_store
from annotator.store import backup as backups
from annotator.store import db as store_db
from tests.conftest import SAMPLE_DATA


def _tag(db_path: Path) -> int:
    return main(["tag", "--db", str(db_path), "--quiet", "--jobs", "1", "--item", "1"])


@pytest.fixture
def store(sample_db, db_path) -> Path:
    sample_db.close()
    return db_path


@pytest.fixture
def no_space(monkeypatch):
    monkeypatch.setattr(faults, "free_bytes", lambda folder: 0)


def test_a_write_on_a_full_disk_is_a_message_not_a_traceback(store, monkeypatch, capsys):
    real_connect = store_db.connect

    def full_connect(path: str) -> sqlite3.Connection:
        conn = real_connect(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={pages}")  # the file cannot grow: SQLITE_FULL on a write
        return conn

    monkeypatch.setattr(store_db, "connect", full_connect)
    assert _tag(store) == 1
    err = capsys.readouterr().err
    assert "the disk is full" in err and "Traceback" not in err and "restore" not in err
    monkeypatch.undo()
    assert sqlite3.connect(store).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_reading_commands_work_on_a_full_disk_and_writing_ones_say_why(store, no_space, tmp_path, capsys):
    assert main(["stats", "--db", str(store)]) == 0
    out = capsys.readouterr()
    assert "items: 12" in out.out and "read-only (the disk is full)" in out.err
    assert main(["items", "--db", str(store)]) == 0
    assert main(["export", "--db", str(store), "--format", "jsonl", "--out", str(tmp_path / "o.jsonl")]) == 0
    assert len((tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()) == 12
    capsys.readouterr()
    for argv in (["tag"], ["import", str(SAMPLE_DATA)]):
        with pytest.raises(SystemExit) as code:
            main([*argv, "--db", str(store)])
        assert code.value.code == 1
        err = capsys.readouterr().err
        assert "the disk is full" in err and "not a readable" not in err and "annotator restore" not in err


def test_a_read_only_store_file_is_read_and_not_written(store, monkeypatch, capsys):
    if os.geteuid() == 0:  # root writes through file modes: report the file as not writable instead
        monkeypatch.setattr(faults, "can_write", lambda p: Path(p).resolve() != store.resolve())
    store.chmod(0o444)
    assert main(["stats", "--db", str(store)]) == 0
    assert "the store file is read-only" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        _tag(store)
    err = capsys.readouterr().err
    assert "read-only" in err and "chmod u+w" in err and "Traceback" not in err
    assert backups.list_backups(store) == [] or all(
        backups.backup_reason(b) != "import" for b in backups.list_backups(store))


def test_a_store_in_a_read_only_folder_is_read_not_called_damaged(store, monkeypatch, capsys):
    folder = store.parent.resolve()
    if os.geteuid() == 0:
        monkeypatch.setattr(faults, "can_write", lambda p: Path(p).resolve() != folder)
    folder.chmod(0o555)
    try:
        assert main(["stats", "--db", str(store)]) == 0
        assert "its folder is read-only" in capsys.readouterr().err
        with pytest.raises(SystemExit):
            _tag(store)
        err = capsys.readouterr().err
        assert "folder" in err and "read-only" in err and "not a readable" not in err
    finally:
        folder.chmod(0o755)


def _future(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('annotator', '9001_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()


def test_a_store_from_a_newer_version_is_refused_untouched(store, capsys):
    _future(store)
    before = store.read_bytes()
    with pytest.raises(StoreError) as exc:
        open_store(store)
    assert exc.value.kind == faults.NEWER and "newer Annotator" in str(exc.value) and "upgrade" in str(exc.value)
    assert "restore" not in str(exc.value)
    with pytest.raises(SystemExit):
        _tag(store)
    assert "9001_from_the_future" in capsys.readouterr().err
    assert store.read_bytes() == before


def _drop_column(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE notes DROP COLUMN checklist")
    conn.commit()
    conn.close()


def test_a_store_with_a_dropped_column_is_refused_on_open_and_restore(sample_db, store, tmp_path, capsys):
    good = backups.backup_dir_for(store)
    altered = tmp_path / "altered.db"
    shutil.copy(store, altered)
    _drop_column(altered)
    assert main(["restore", str(altered), "--db", str(store)]) == 1
    assert "notes lacks column checklist" in capsys.readouterr().err
    assert open_store(store) is not None  # untouched, still opens
    _drop_column(store)
    with pytest.raises(StoreError) as exc:
        open_store(store)
    assert exc.value.kind == faults.SCHEMA and "lacks column checklist" in str(exc.value)
    assert good is not None


def test_a_newer_backup_is_not_restored(store, tmp_path, capsys):
    newer = tmp_path / "newer.db"
    shutil.copy(store, newer)
    _future(newer)
    assert main(["restore", str(newer), "--db", str(store)]) == 1
    assert "newer Annotator" in capsys.readouterr().err


def test_restore_is_refused_while_another_process_has_the_store_open(store, capsys):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA journal_mode=WAL'); c.execute('SELECT 1 FROM items')\n"
         "print('open', flush=True); time.sleep(60)", str(store)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        db = open_store(store)
        backup = safety.backup_now(db, store)
        db.close()
        assert main(["restore", str(backup), "--db", str(store)]) == 1
        err = capsys.readouterr().err
        assert "another program has the store open" in err and f"pid {holder.pid}" in err
    finally:
        holder.kill()
        holder.wait()
    assert main(["restore", str(backup), "--db", str(store)]) == 0


def test_damaged_store_advice_says_what_the_backup_lacks(sample_db, db_path, tmp_path):
    old = safety.backup_now(sample_db, db_path)
    from benchmarks.generate import write_corpus

    write_corpus(tmp_path / "more", 30, seed=1)
    import_paths(sample_db, [tmp_path / "more"])
    advice = backups.restore_advice(db_path)
    assert old.parent.name in advice and "12 items" in advice
    assert "lacks 30 items" in advice and "import-annotations" in advice


def test_restore_on_a_full_disk_says_so(store, no_space, capsys):
    db = open_store(store, readonly=True)
    backup = next(iter(backups.list_backups(store)), None) or safety.backup_now(db, store)
    db.close()
    assert main(["restore", str(backup), "--db", str(store)]) == 1
    err = capsys.readouterr().err
    assert "the disk is full" in err and "integrity" not in err


# --- real filesystems (root only: CI runs as root) ------------------------------------------

def _mount_tmpfs(folder: Path, size: str) -> None:
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small filesystem needs root")
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount tmpfs here: {done.stderr.decode(errors='replace').strip()}")


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "disk"
    _mount_tmpfs(folder, "3m")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def _cli(capsys, *argv: str) -> subprocess.CompletedProcess:
    """Run the CLI in this process (a subprocess per call would cost a second of start-up each)."""
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return subprocess.CompletedProcess(argv, code, out.out, out.err)


def test_a_real_full_disk(small_disk, tmp_path, capsys):
    store = small_disk / "s.db"
    db = open_store(store)
    import_paths(db, [SAMPLE_DATA], analyst="tester")
    backup = safety.backup_now(db, store)
    db.close()
    with open(small_disk / "filler", "wb") as fh:  # fill the disk to the last block
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    stats = _cli(capsys, "stats", "--db", str(store))
    assert stats.returncode == 0 and "items: 12" in stats.stdout, stats.stderr
    tag = _cli(capsys, "tag", "--db", str(store), "--quiet", "--item", "1")
    assert tag.returncode == 1 and "the disk is full" in tag.stderr and "Traceback" not in tag.stderr
    out = tmp_path / "o.csv"
    assert _cli(capsys, "export", "--db", str(store), "--format", "csv", "--out", str(out)).returncode == 0
    restore = _cli(capsys, "restore", str(backup), "--db", str(store))
    assert restore.returncode == 1 and "the disk is full" in restore.stderr and "integrity" not in restore.stderr
    assert not Path(f"{backup}-wal").exists() and not Path(f"{backup}-shm").exists()


def test_a_real_read_only_disk(small_disk, capsys):
    store = small_disk / "s.db"
    db = open_store(store)
    import_paths(db, [SAMPLE_DATA], analyst="tester")
    db.close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    stats = _cli(capsys, "stats", "--db", str(store))
    assert stats.returncode == 0 and "items: 12" in stats.stdout, stats.stderr
    tag = _cli(capsys, "tag", "--db", str(store), "--item", "1")
    assert tag.returncode == 1 and "mounted read-only" in tag.stderr and "Traceback" not in tag.stderr
    time.sleep(0)  # nothing more: the remount is undone by the fixture's unmount


def test_a_write_on_a_full_disk_is_a_refused_action_in_words(store):
    """The window's actions report a ValueError in the status bar: a full disk met mid-session
    arrives as one, worded, instead of an exception inside a Qt slot."""
    from annotator.store import annotations

    db = open_store(store)
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count={pages}")
    rows = [{"item_id": 1, "kind": "speaker", "start": 0, "end": 5, "text": "x" * 5, "attributes": {"name": "n" * 200},
             "rule": "t", "confidence": 0.5}] * 3000
    with pytest.raises(ValueError) as exc:
        annotations.insert_many_suggestions(db, rows)
    assert "the disk is full" in str(exc.value) and isinstance(exc.value, sqlite3.OperationalError)
    assert not db.conn.in_transaction
    db.close()


def test_restore_says_what_the_backup_lacked_and_where_it_is_kept(sample_db, db_path, tmp_path, capsys):
    from benchmarks.generate import write_corpus

    old = safety.backup_now(sample_db, db_path)
    write_corpus(tmp_path / "more", 30, seed=1)
    import_paths(sample_db, [tmp_path / "more"])
    sample_db.close()
    assert main(["restore", str(old), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "the backup lacked 30 items" in out and "before-restore" in out


def test_a_store_locked_by_another_program_says_so(store, monkeypatch, capsys):
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 300)  # fail fast instead of waiting 30 s
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('PRAGMA locking_mode=EXCLUSIVE')\n"
         "c.execute('BEGIN EXCLUSIVE'); c.execute('DELETE FROM history WHERE id < 0')\n"
         "print('locked', flush=True); time.sleep(60)", str(store)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(SystemExit):
            main(["stats", "--db", str(store)])
        err = capsys.readouterr().err
        assert "another program holds the store locked" in err and "restore" not in err
    finally:
        holder.kill()
        holder.wait()
