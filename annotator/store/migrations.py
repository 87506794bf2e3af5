"""The schema, built only by named, ordered, transactional migrations.

Append new migrations at the end; never edit one that has shipped. Two processes opening an
old store at once may both start the same migration (db.apply_migrations then lets the loser
carry on): a migration must fail or change nothing when it runs a second time.
"""

from __future__ import annotations

import re

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

# The CHECK constraints below are written from the domain vocabulary (one module for everyone).
from annotator.vocabulary import (
    ANNOTATION_KINDS, GRADINGS, INCIDENT_ROLES, INCIDENT_STATES, ITEM_STATUSES, ORIGINS, STATES,
)

migrations = Migrations("annotator")


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            raw TEXT NOT NULL,          -- the decoded file, verbatim
            text TEXT,                  -- extracted text when raw is HTML; NULL means same as raw
            format TEXT NOT NULL CHECK (format IN ('text', 'html')),
            encoding TEXT NOT NULL,
            title TEXT,
            footer TEXT,
            page_label TEXT,
            imported_at TEXT NOT NULL
        )"""
    )
    db.execute(
        f"""
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            date TEXT NOT NULL,
            category TEXT,
            title TEXT,
            body TEXT NOT NULL,
            attribution TEXT,
            start INTEGER NOT NULL,      -- item (date line .. attribution) in the source text
            "end" INTEGER NOT NULL,
            body_start INTEGER NOT NULL, -- body in the source text
            body_end INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ({_in(ITEM_STATUSES)})),
            updated TEXT,
            UNIQUE (source_id, position)
        )"""
    )
    db.execute("CREATE INDEX idx_items_date ON items(date)")
    db.execute("CREATE INDEX idx_items_status ON items(status)")
    db.execute(
        "CREATE VIRTUAL TABLE items_fts USING fts5(body, content='items', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(
        "CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN "
        "INSERT INTO items_fts(rowid, body) VALUES (new.id, new.body); END"
    )
    db.execute(
        "CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN "
        "INSERT INTO items_fts(items_fts, rowid, body) VALUES ('delete', old.id, old.body); END"
    )
    db.execute(
        "CREATE TRIGGER items_fts_au AFTER UPDATE OF body ON items BEGIN "
        "INSERT INTO items_fts(items_fts, rowid, body) VALUES ('delete', old.id, old.body); "
        "INSERT INTO items_fts(rowid, body) VALUES (new.id, new.body); END"
    )
    db.execute(
        f"""
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ({_in(ANNOTATION_KINDS)})),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            attributes TEXT NOT NULL DEFAULT '{{}}',
            origin TEXT NOT NULL CHECK (origin IN ({_in(ORIGINS)})),
            state TEXT NOT NULL CHECK (state IN ({_in(STATES)})),
            rule TEXT,
            rules_version TEXT,
            confidence REAL,
            analyst TEXT,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            conflict_group TEXT,        -- set when a merge found a disagreeing annotation
            CHECK (start >= 0 AND "end" >= start)
        )"""
    )
    db.execute("CREATE INDEX idx_ann_item ON annotations(item_id, start)")
    db.execute("CREATE INDEX idx_ann_kind_state ON annotations(kind, state)")
    db.execute("CREATE INDEX idx_ann_state_item ON annotations(state, item_id)")
    db.execute(
        f"""
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            annotation_id INTEGER REFERENCES annotations(id) ON DELETE CASCADE,
            grading TEXT CHECK (grading IS NULL OR grading IN ({_in(GRADINGS)})),
            sources TEXT NOT NULL DEFAULT '[]',
            checklist TEXT NOT NULL DEFAULT '{{}}',
            text TEXT NOT NULL DEFAULT '',
            analyst TEXT,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_notes_item ON notes(item_id)")
    db.execute(
        """
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            analyst TEXT,
            action TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id INTEGER,
            item_id INTEGER,
            before TEXT,
            after TEXT
        )"""
    )
    db.execute("CREATE INDEX idx_history_item ON history(item_id, id)")
    db.execute(
        """
        CREATE TABLE aliases (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,          -- speaker or location
            surface TEXT NOT NULL,       -- normalised surface form as found in text
            canonical TEXT NOT NULL,
            attributes TEXT NOT NULL DEFAULT '{}',
            analyst TEXT,
            created TEXT NOT NULL,
            UNIQUE (kind, surface)
        )"""
    )
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")


@migrations(name="0002_items_fts_deferred")
def items_fts_deferred(db: Database) -> None:
    """Let a bulk import fill the FTS index once per transaction instead of once per row.

    An FTS5 insert fired by a row trigger flushes the index at every statement (one segment per
    row, then merges): importing was 5x slower than the rows themselves. While `fts_deferred`
    holds its one row, the insert trigger stands aside; `sources.insert_documents` sets the row,
    inserts the items, indexes them with one INSERT ... SELECT and clears the row, all in one
    transaction, so no committed state ever has the index out of step with `items`.
    """
    db.execute("CREATE TABLE fts_deferred (id INTEGER PRIMARY KEY CHECK (id = 1), after_id INTEGER NOT NULL)")
    db.execute("DROP TRIGGER items_fts_ai")
    db.execute(
        "CREATE TRIGGER items_fts_ai AFTER INSERT ON items WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN "
        "INSERT INTO items_fts(rowid, body) VALUES (new.id, new.body); END"
    )


@migrations(name="0003_item_list_indexes")
def item_list_indexes(db: Database) -> None:
    """The window's item list over a million items: the display order (date, page, position)
    straight from an index, and a narrow id-keyed index so a search can sort its matches
    without reading the wide item rows (bodies)."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_items_order ON items(date, source_id, position)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_items_lookup ON items(id, date, source_id, position, status)")


@migrations(name="0004_items_fts_explicit")
def items_fts_explicit(db: Database) -> None:
    """The store code indexes new items itself (`sources.insert_documents` and
    `insert_document`, the only places items are inserted), inside the transaction that inserts
    them. The insert trigger, even standing aside, cost a check per row: a fifth of an import.
    The delete and update triggers stay; they fire on rare, single-row changes."""
    db.execute("DROP TRIGGER IF EXISTS items_fts_ai")
    db.execute("DROP TABLE IF EXISTS fts_deferred")


@migrations(name="0005_annotation_ids_never_reused", transactional=False)
def annotation_ids_never_reused(db: Database) -> None:
    """AUTOINCREMENT on annotations: a deleted tag's id is never given to a new one, so undoing
    the delete (which re-creates the tag under its old id) cannot collide with a tag another
    window or the tagger added meanwhile, and an id in `history` always means one tag.

    SQLite cannot add AUTOINCREMENT in place: the table is rebuilt with foreign keys off (with
    them on, dropping the old table would cascade to the notes on tags), following SQLite's
    "generalized ALTER TABLE" steps, in one transaction that checks the foreign keys before
    committing. Idempotent, since a non-transactional migration is recorded after it runs."""
    from annotator.store.db import write_tx  # db.py imports this module

    conn = db.conn
    table_sql = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'annotations'").fetchone()[0]
    if "AUTOINCREMENT" in table_sql.upper():
        return
    new_sql, replaced = re.subn(r"\bid INTEGER PRIMARY KEY\b", "id INTEGER PRIMARY KEY AUTOINCREMENT", table_sql,
                                count=1)
    if not replaced:
        raise RuntimeError("annotations table has an unexpected definition; not rebuilt")
    new_sql = new_sql.replace("CREATE TABLE annotations", "CREATE TABLE annotations_rebuilt", 1)
    indexes = [row[0] for row in conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'annotations' AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL")]
    if conn.in_transaction:
        conn.execute("COMMIT")
    conn.execute("PRAGMA foreign_keys=OFF")
    try:
        with write_tx(db):
            conn.execute(new_sql)
            conn.execute("INSERT INTO annotations_rebuilt SELECT * FROM annotations")
            conn.execute("DROP TABLE annotations")
            conn.execute("ALTER TABLE annotations_rebuilt RENAME TO annotations")
            for sql in indexes:
                conn.execute(sql)
            # Ids already given out and deleted since are known from the audit log.
            high = conn.execute(
                "SELECT max(coalesce((SELECT max(id) FROM annotations), 0), "
                "coalesce((SELECT max(row_id) FROM history WHERE table_name = 'annotations'), 0))").fetchone()[0]
            conn.execute("DELETE FROM sqlite_sequence WHERE name IN ('annotations', 'annotations_rebuilt')")
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('annotations', ?)", (high,))
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"foreign keys broken by the annotations rebuild: {broken[:3]}")
    finally:
        conn.execute("PRAGMA foreign_keys=ON")


@migrations(name="0006_annotation_export_json")
def annotation_export_json(db: Database) -> None:
    """Each tag keeps its JSONL form beside it (`export_json`, made by export.jsonl's
    annotation_json whenever store.annotations writes the tag), so a million-item JSONL export
    joins stored text instead of formatting five million tags. Any other UPDATE of a tag's
    content clears the copy (trigger), and the export remakes a missing copy itself, so a stale
    copy is never written out."""
    from annotator.tag_json import FRAGMENT_VERSION
    from annotator.store.annotations import refresh_export_json

    db.execute("ALTER TABLE annotations ADD COLUMN export_json TEXT")
    db.execute(
        'CREATE TRIGGER annotations_json_stale AFTER UPDATE OF item_id, kind, start, "end", text, attributes, origin, '
        "state, rule, confidence, analyst ON annotations WHEN new.export_json IS old.export_json "
        "BEGIN UPDATE annotations SET export_json = NULL WHERE id = new.id; END"
    )
    refresh_export_json(db)
    db.execute("INSERT INTO settings (key, value) VALUES ('export_json_version', ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (FRAGMENT_VERSION,))




@migrations(name="0007_incidents")
def incidents(db: Database) -> None:
    """Incidents (issue 18): one event at one place on one day or short span, made of casualty
    tags from one or more items. `figures` holds best/low/high per harm kind as JSON; `edited`
    lists the fields an analyst set, which a re-run of the suggestion never recomputes.
    `incident_figures` places each casualty tag once: in an incident (role same, subgroup,
    other_harm) or, with no incident, as an aggregate. `decided` = an analyst placed it, so a
    re-run never moves it."""
    db.execute(
        f"""
        CREATE TABLE IF NOT EXISTS incidents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            state TEXT NOT NULL CHECK (state IN ({_in(INCIDENT_STATES)})),
            label TEXT NOT NULL DEFAULT '',
            date_start TEXT,
            date_end TEXT,
            date_prec INTEGER,
            place TEXT,
            geonameid INTEGER,
            lat REAL,
            lon REAL,
            where_prec INTEGER,
            kind TEXT,
            figures TEXT NOT NULL DEFAULT '{{}}',
            fatalities REAL,
            number_of_sources INTEGER NOT NULL DEFAULT 0,
            grading TEXT CHECK (grading IS NULL OR grading IN ({_in(GRADINGS)})),
            grading_suggested TEXT,
            event_clarity INTEGER NOT NULL DEFAULT 1,
            edited TEXT NOT NULL DEFAULT '[]',
            analyst TEXT,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_incidents_date ON incidents(date_start)")
    db.execute(
        f"""
        CREATE TABLE IF NOT EXISTS incident_figures (
            annotation_id INTEGER PRIMARY KEY REFERENCES annotations(id) ON DELETE CASCADE,
            incident_id INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ({_in(INCIDENT_ROLES)})),
            decided INTEGER NOT NULL DEFAULT 0,
            analyst TEXT,
            updated TEXT NOT NULL,
            CHECK ((role = 'aggregate') = (incident_id IS NULL))
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_incident_figures_incident ON incident_figures(incident_id)")


@migrations(name="0008_incident_admin")
def incident_admin(db: Database) -> None:
    """An incident's country (ISO2) and province, from its place, for the UCDP columns."""
    cols = {c[1] for c in db.execute("PRAGMA table_info(incidents)").fetchall()}
    for col in ("country", "admin1"):
        if col not in cols:
            db.execute(f"ALTER TABLE incidents ADD COLUMN {col} TEXT")


@migrations(name="0009_learning_overrides")
def learning_overrides(db: Database) -> None:
    """What analysts told the learning layer to forget (Tools > Learned > Undo): a suppression of a
    form everywhere (`context` = '') or a rejection context ("in:syria direct"). `rejections` is
    how many rejections were forgotten: later rejections count again."""
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS learning_overrides (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            form TEXT NOT NULL,
            context TEXT NOT NULL DEFAULT '',
            rejections INTEGER NOT NULL,
            analyst TEXT,
            created TEXT NOT NULL,
            UNIQUE (kind, form, context)
        )"""
    )


def _rebuild_table(db: Database, table: str, edit) -> None:  # noqa: ANN001 - edit: str -> str
    """Re-create `table` from its own CREATE statement changed by `edit` (SQLite cannot change a
    column's constraints in place), keeping rows, ids, indexes and triggers: SQLite's
    "generalized ALTER TABLE" steps with foreign keys off, checked before committing. Run inside
    a transaction the caller holds."""
    conn = db.conn
    table_sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    new_sql = edit(table_sql).replace(f"CREATE TABLE {table}", f"CREATE TABLE {table}_rebuilt", 1)
    old_cols = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    extras = [row[0] for row in conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
        (table,))]
    cols = ", ".join(f'"{c}"' for c in old_cols)
    conn.execute(new_sql)
    conn.execute(f"INSERT INTO {table}_rebuilt ({cols}) SELECT {cols} FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")
    for sql in extras:
        conn.execute(sql)


def _sub(pattern: str, replacement: str):  # noqa: ANN202
    def edit(sql: str) -> str:
        new, n = re.subn(pattern, replacement, sql, count=1)
        if not n:
            raise RuntimeError(f"unexpected table definition; not rebuilt ({pattern!r} not found)")
        return new
    return edit


def _has_column(db: Database, table: str, column: str) -> bool:
    return column in {row[1] for row in db.conn.execute(f"PRAGMA table_info({table})")}


@migrations(name="0010_single_reports", transactional=False)
def single_reports(db: Database) -> None:
    """Single reports beside listings (issue 12).

    sources: PDF files (`format` 'pdf', their original bytes in `data`, the text layer in `raw`),
    pastes (`origin` 'clipboard'), and `meta` (JSON: where each PDF page starts, how a web page
    was extracted). items: `date` may be unknown (NULL, with `needs_date` set: never a guessed
    date); a report keeps its `layout`, `outlet`, `byline`, `dateline` (where it was filed from),
    and where its date came from (`date_line`, `date_line_no`, `date_rule`). Listing items leave
    these NULL: their date is their own date line. Idempotent, like 0005."""
    from annotator.store.db import write_tx  # db.py imports this module

    conn = db.conn
    if _has_column(db, "items", "needs_date"):
        return
    if conn.in_transaction:
        conn.execute("COMMIT")
    conn.execute("PRAGMA foreign_keys=OFF")
    try:
        with write_tx(db):
            # Looked at again under the write lock: another process may have upgraded the store
            # between the look above and taking the lock.
            if _has_column(db, "items", "needs_date"):
                return
            _rebuild_table(db, "sources", _sub(
                r"format TEXT NOT NULL CHECK \(format IN \('text', 'html'\)\),",
                "format TEXT NOT NULL CHECK (format IN ('text', 'html', 'pdf')),"))
            conn.execute("ALTER TABLE sources ADD COLUMN origin TEXT NOT NULL DEFAULT 'file' "
                         "CHECK (origin IN ('file', 'clipboard'))")
            conn.execute("ALTER TABLE sources ADD COLUMN data BLOB")
            conn.execute("ALTER TABLE sources ADD COLUMN meta TEXT")
            _rebuild_table(db, "items", _sub(r"\bdate TEXT NOT NULL,", "date TEXT,"))
            for column in ("layout TEXT", "outlet TEXT", "byline TEXT", "dateline TEXT", "date_line TEXT",
                           "date_line_no INTEGER", "date_rule TEXT",
                           "needs_date INTEGER NOT NULL DEFAULT 0 CHECK (needs_date IN (0, 1))"):
                conn.execute(f"ALTER TABLE items ADD COLUMN {column}")
            conn.execute("CREATE INDEX idx_items_needs_date ON items(id) WHERE needs_date = 1")
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"foreign keys broken by the sources/items rebuild: {broken[:3]}")
    finally:
        conn.execute("PRAGMA foreign_keys=ON")
