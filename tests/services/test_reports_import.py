"""Single reports in the store: their parts kept, pastes as sources, a missing date given by
hand (undoable, in history) or by `import --date`, and stores from before migration 0010 upgraded.
Texts are written for these tests."""

from __future__ import annotations

import hashlib
import json

from annotator.cli import main
from annotator.services import changes as change_log
from annotator.services.dating import set_item_date
from annotator.services.importing import import_clipboard, import_paths
from annotator.store import history, items, open_store
from tests.ingest.pdfmaker import make_pdf

DATED = ("Shelling hits market in northern town\n\nBy Lina Haddad\nSaturday 3, March 2018 at 9:15 AM\n\n"
         "BEIRUT (AFP) — Artillery fire struck a crowded market in the northern town on Saturday, killing at least "
         "seven civilians, a war monitor said.\n\nCheck Also\n\nAn unrelated headline\n")
UNDATED = ("Convoy reaches besieged town\n\nGENEVA, March 3 (Reuters) - An aid convoy of twenty trucks reached the "
           "besieged town on Saturday, the agency said in a statement.\n")


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_report_parts_are_stored_and_read_back(empty_db, tmp_path):
    _write(tmp_path, "a.txt", DATED)
    _write(tmp_path, "b.txt", UNDATED)
    _write(tmp_path, "c.pdf", make_pdf([["Monitor report on the north", "Published: 12 April 2019",
                                          "The monitor said artillery fire hit the village on Tuesday and wounded "
                                          "nine people."]]))
    report = import_paths(empty_db, [tmp_path])
    assert not report.failed and report.items_added == 3
    rows = {r["source_name"]: r for r in items.items_for_export(empty_db)}
    dated, undated, pdf = rows["a.txt"], rows["b.txt"], rows["c.pdf"]
    assert (dated["date"], dated["title"], dated["outlet"], dated["dateline"], dated["byline"]) == (
        "2018-03-03", "Shelling hits market in northern town", "AFP", "BEIRUT (AFP)", "Lina Haddad")
    assert dated["date_line"] == "Saturday 3, March 2018 at 9:15 AM" and dated["needs_date"] == 0
    assert "Check Also" not in dated["body"]
    assert undated["date"] is None and undated["needs_date"] == 1 and "March 3 without a year" in undated["date_rule"]
    assert undated["dateline"] == "GENEVA, March 3 (Reuters)" and undated["outlet"] == "Reuters"
    assert pdf["date"] == "2019-04-12"
    source = empty_db.conn.execute("SELECT format, data, meta, sha256 FROM sources WHERE name = 'c.pdf'").fetchone()
    assert source[0] == "pdf" and hashlib.sha256(source[1]).hexdigest() == source[3]
    assert json.loads(source[2])["pages"] == [[1, 0]]
    assert items.item_ids(empty_db, items.ItemFilter(needs_date=True)) == [undated["id"]]
    assert not import_paths(empty_db, [tmp_path]).items_added  # re-importing adds nothing


def test_setting_a_missing_date_is_one_undoable_change_in_history(empty_db, tmp_path):
    import_paths(empty_db, [_write(tmp_path, "b.txt", UNDATED)])
    [item_id] = items.item_ids(empty_db)
    done = set_item_date(empty_db, item_id, "2018-03-03", "alice")
    row = items.get_item(empty_db, item_id)
    assert (row["date"], row["needs_date"]) == ("2018-03-03", 0) and "alice" in row["date_rule"]
    assert done.date_changed and not done.empty
    [entry] = [h for h in history.for_item(empty_db, item_id) if h["action"] == "set date"]
    assert json.loads(entry["before"])["date"] is None and json.loads(entry["after"])["date"] == "2018-03-03"
    change_log.undo(empty_db, done, "alice")
    row = items.get_item(empty_db, item_id)
    assert (row["date"], row["needs_date"]) == (None, 1) and "without a year" in row["date_rule"]
    change_log.redo(empty_db, done, "alice")
    assert items.get_item(empty_db, item_id)["date"] == "2018-03-03"


def test_a_bad_date_is_refused(empty_db, tmp_path):
    import_paths(empty_db, [_write(tmp_path, "b.txt", UNDATED)])
    [item_id] = items.item_ids(empty_db)
    try:
        set_item_date(empty_db, item_id, "2018-02-30", "alice")
    except ValueError as exc:
        assert "YYYY-MM-DD" in str(exc)
    else:
        raise AssertionError("an impossible date was stored")
    assert items.get_item(empty_db, item_id)["date"] is None


def test_a_paste_is_its_own_source_and_pasting_it_again_adds_nothing(empty_db):
    result, first = import_clipboard(empty_db, DATED, label="clipboard test")
    assert result.status == "imported" and first is not None
    source = empty_db.conn.execute("SELECT origin, sha256, raw FROM sources").fetchone()
    assert source[0] == "clipboard" and source[1] == hashlib.sha256(DATED.encode()).hexdigest() and source[2] == DATED
    assert items.get_item(empty_db, first)["date"] == "2018-03-03"
    again, none = import_clipboard(empty_db, DATED)
    assert again.status == "duplicate" and none is None


def test_cli_import_date_fills_only_the_unknown_dates(tmp_path, capsys):
    db_path = tmp_path / "s.db"
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "a.txt", DATED)
    _write(folder, "b.txt", UNDATED)
    assert main(["import", str(folder), "--db", str(db_path), "--date", "2018-03-04"]) == 0
    assert "dated 1 reports 2018-03-04" in capsys.readouterr().out
    assert main(["items", "--db", str(db_path), "--json"]) == 0
    rows = {r["source"].rsplit("/", 1)[-1]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["a.txt"]["date"] == "2018-03-03" and rows["b.txt"]["date"] == "2018-03-04"
    assert rows["b.txt"]["dateline"] == "GENEVA, March 3 (Reuters)" and rows["a.txt"]["outlet"] == "AFP"
    assert main(["import", str(folder), "--db", str(db_path), "--date", "March 4"]) == 2


def test_cli_items_json_date_is_null_when_unknown(tmp_path, capsys):
    db_path = tmp_path / "s.db"
    _write(tmp_path, "b.txt", UNDATED)
    main(["import", str(tmp_path / "b.txt"), "--db", str(db_path)])
    assert "1 reports need a date" in capsys.readouterr().out
    main(["items", "--db", str(db_path), "--json"])
    [row] = json.loads(capsys.readouterr().out)
    assert row["date"] is None and row["title"] == "Convoy reaches besieged town"


def test_a_store_from_before_0010_upgrades_keeping_its_items(tmp_path):
    from sqlite_utils.migrations import Migrations

    import annotator.store.db as store_db
    from annotator.store.migrations import migrations
    from tests.conftest import SAMPLE_DATA
    from tests.store.test_annotation_ids import old_import

    before = Migrations("annotator")
    before._migrations = [m for m in migrations._migrations if m.name < "0010"]
    original, store_db.migrations = store_db.migrations, before
    try:
        db = open_store(tmp_path / "old.db")
    finally:
        store_db.migrations = original
    old_import(db, SAMPLE_DATA)
    rows = db.conn.execute('SELECT id, date, body, start, "end" FROM items ORDER BY id').fetchall()
    db.close()
    db = open_store(tmp_path / "old.db")
    assert db.conn.execute('SELECT id, date, body, start, "end" FROM items ORDER BY id').fetchall() == rows
    assert db.conn.execute("SELECT count(*) FROM items WHERE needs_date = 0 AND layout IS NULL").fetchone()[0] == len(rows)
    word = rows[0][2].split()[3]
    assert rows[0][0] in items.item_ids(db, items.ItemFilter(search=word))  # the search index still answers
    assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.conn.execute("SELECT origin FROM sources LIMIT 1").fetchone()[0] == "file"


def test_jsonl_export_carries_the_report_parts_and_a_null_date(empty_db, tmp_path):
    from annotator.services.exporting import export

    import_paths(empty_db, [_write(tmp_path, "a.txt", DATED), _write(tmp_path, "b.txt", UNDATED)])
    out = tmp_path / "out.jsonl"
    export(empty_db, "jsonl", out)
    lines = {json.loads(line)["outlet"]: json.loads(line) for line in out.read_text("utf-8").splitlines()}
    afp, wire = lines["AFP"], lines["Reuters"]
    assert (afp["date"], afp["dateline"], afp["byline"], afp["needs_date"]) == (
        "2018-03-03", "BEIRUT (AFP)", "Lina Haddad", False)
    assert wire["date"] is None and wire["needs_date"] is True and wire["dateline"] == "GENEVA, March 3 (Reuters)"
