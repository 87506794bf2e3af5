"""The JSONL export joins each tag's stored JSON (annotations.export_json); whatever happens to
those copies, the file is byte for byte what formatting every tag afresh gives."""

from __future__ import annotations

import io
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from annotator.export import jsonl
from annotator.export.schema import ItemBundle
from annotator.services.exporting import ExportFilter, export
from annotator.store import settings
from annotator.store.export_lines import stored_json_usable
from annotator.store.exports import STATE_SETS, iter_export


def fresh_bytes(db, state="all") -> bytes:
    """The reference: every tag formatted from its columns (the bundle writer)."""
    out = io.StringIO()
    jsonl.write((ItemBundle(*b) for b in iter_export(db, None, STATE_SETS[state])), out)
    return out.getvalue().encode("utf-8")


def exported(db, tmp_path, name="out.jsonl", state="all") -> bytes:
    out = tmp_path / name
    export(db, "jsonl", out, ExportFilter(state=state))
    return out.read_bytes()


def stored(db, annotation_id):
    return db.conn.execute("SELECT export_json FROM annotations WHERE id = ?", (annotation_id,)).fetchone()[0]


def test_every_write_keeps_the_stored_json_and_the_export_matches(tagged_db, tmp_path):
    from annotator.services import changes, review

    assert stored_json_usable(tagged_db)
    assert tagged_db.conn.execute("SELECT count(*) FROM annotations WHERE export_json IS NULL").fetchone()[0] == 0
    tid = tagged_db.ids["hakim"]
    review.accept(tagged_db, tid, "carol")  # update
    deleted = review.delete_tag(tagged_db, tagged_db.ids["ramadan"], "carol")  # a manual tag
    changes.undo(tagged_db, deleted, "carol")  # restore
    assert '"state":"accepted"' in stored(tagged_db, tid)
    assert '"name":"Ahmed Ramadan"' in stored(tagged_db, tagged_db.ids["ramadan"])
    for state in ("all", "default", "accepted"):
        assert exported(tagged_db, tmp_path, state=None if state == "default" else state) == fresh_bytes(tagged_db, state)


def test_a_change_made_behind_the_store_clears_the_copy_and_is_still_exported(tagged_db, tmp_path):
    tid = tagged_db.ids["buqras"]
    tagged_db.conn.execute("UPDATE annotations SET state = 'rejected', text = 'Buqras' WHERE id = ?", (tid,))
    tagged_db.conn.commit()
    assert stored(tagged_db, tid) is None  # the trigger cleared it
    data = exported(tagged_db, tmp_path)
    assert data == fresh_bytes(tagged_db)
    assert b'"text":"Buqras","origin":"manual","state":"rejected"' in data


def test_copies_from_another_version_are_not_used(tagged_db, tmp_path):
    tagged_db.conn.execute("UPDATE annotations SET export_json = '{\"stale\":true}'")
    tagged_db.conn.commit()
    settings.set_setting(tagged_db, "export_json_version", "0")
    assert not stored_json_usable(tagged_db)
    data = exported(tagged_db, tmp_path)
    assert b"stale" not in data and data == fresh_bytes(tagged_db)


OPEN = "import sys; from annotator.store import open_store; open_store(sys.argv[1]).close()"


def test_processes_opening_an_old_store_at_once_all_upgrade_it(tmp_path):
    from tests.store.test_annotation_ids import _old_store, _old_tag, old_import

    path = tmp_path / "old.db"
    db = _old_store(path)
    from tests.conftest import SAMPLE_DATA

    old_import(db, SAMPLE_DATA)  # today's importer writes columns added after that store
    _old_tag(db, 3, 0, 4)
    db.close()
    procs = [subprocess.Popen([sys.executable, "-c", OPEN, str(path)], stderr=subprocess.PIPE) for _ in range(3)]
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    from annotator.store import open_store
    from annotator.store.migrations import migrations

    db = open_store(path)
    assert migrations.pending(db) == []
    assert stored_json_usable(db) and stored(db, 1) is not None
    db.close()


def test_tags_at_one_start_and_line_separators_come_out_as_formatted_afresh(tagged_db, tmp_path, monkeypatch):
    """Tags sharing a start are ordered by end then id (not as stored: the longest one here was
    stored first), and U+0085/U+2028/U+2029 anywhere in an item's fields are escaped."""
    from annotator.services import export_jsonl
    from tests.export.conftest import tag

    body = tagged_db.conn.execute("SELECT body FROM items WHERE id = 12").fetchone()[0]
    phrase = body.split(".")[0]
    words = phrase.split()
    first = tag(tagged_db, 12, phrase, "speaker")
    second = tag(tagged_db, 12, " ".join(words[:2]), "location")
    third = tag(tagged_db, 12, " ".join(words[:2]), "date")
    tagged_db.conn.execute("UPDATE items SET attribution = 'said\u2028by\x85someone\u2029', "
                           "body = body || ' end\u2028of\u2029the\x85item' WHERE id = 1")
    tagged_db.conn.commit()
    monkeypatch.setattr(export_jsonl, "PARALLEL_MIN_ITEMS", 1)
    expected = fresh_bytes(tagged_db)
    line = next(x for x in expected.splitlines() if x.startswith(b'{"item_id":12,'))
    assert line.index(b'"id":%d,' % second) < line.index(b'"id":%d,' % third) < line.index(b'"id":%d,' % first)
    assert b"said\\u2028by\\u0085someone\\u2029" in expected and b"end\\u2028of\\u2029the\\u0085item" in expected
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}.jsonl"
        export(tagged_db, "jsonl", out, ExportFilter(state="all"), jobs=jobs)
        assert out.read_bytes() == expected


@given(text=st.text(alphabet=st.sampled_from("ab “”é\u0628\u0645\u0085\u2028\u2029\n"), max_size=40))
def test_escaping_line_separators_in_bytes_is_escaping_them_in_text(text):
    """The byte version looks for single bytes first; Arabic letters (ب, م) and é share them."""
    from annotator.tag_json import escape_breaks, escape_breaks_utf8

    assert escape_breaks_utf8(text.encode("utf-8")) == escape_breaks(text).encode("utf-8")
