"""CLI: exit codes and the JSON shapes other tools rely on."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from tests.conftest import SAMPLE_DATA


def test_import_then_stats_json(db_path, capsys):
    assert main(["import", str(SAMPLE_DATA), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "2 imported (12 items)" in out
    assert main(["stats", "--db", str(db_path), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["sources"] == 2 and stats["items"] == 12
    assert stats["items_by_date"]["2017-05-17"] == 4
    assert stats["items_by_date"]["2017-10-07"] == 2
    assert isinstance(stats["annotations"], dict)


def test_items_json_shape(db_path, capsys):
    main(["import", str(SAMPLE_DATA), "--db", str(db_path), "--quiet"])
    capsys.readouterr()
    assert main(["items", "--db", str(db_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 12
    assert set(rows[0]) == {"id", "date", "source", "start", "end", "body", "title", "outlet", "dateline"}


def test_exit_code_1_when_some_file_fails(db_path, tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    code = main(["import", str(SAMPLE_DATA), str(tmp_path / "empty.txt"), "--db", str(db_path)])
    captured = capsys.readouterr()
    assert code == 1
    assert "empty.txt: empty file" in captured.err
    assert "2 imported (12 items)" in captured.out


def test_exit_code_2_for_usage_errors(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["import"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2


def test_db_option_accepted_before_the_command(db_path, capsys):
    assert main(["--db", str(db_path), "import", str(SAMPLE_DATA), "--quiet"]) == 0
    assert db_path.exists()


def test_missing_path_is_named_and_the_rest_imported(db_path, tmp_path, capsys):
    code = main(["import", str(tmp_path / "nope.txt"), str(SAMPLE_DATA), "--db", str(db_path), "--quiet"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.count("nope.txt: no such file or folder") == 1
    assert "2 imported (12 items)" in captured.out


def test_output_piped_into_a_reader_that_leaves_early_is_not_an_error(db_path, tmp_path):
    """`annotator items --json | head -1`: exit 0 and no traceback when head closes the pipe."""
    import subprocess
    import sys

    from benchmarks.generate import write_corpus

    write_corpus(tmp_path / "pages", 300, seed=3)
    assert main(["import", str(tmp_path / "pages"), "--db", str(db_path), "--quiet"]) == 0
    proc = subprocess.Popen([sys.executable, "-m", "annotator.cli", "items", "--json", "--db", str(db_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(100)  # far less than the ~500 KB it writes
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and b"Traceback" not in err and b"Broken pipe" not in err
