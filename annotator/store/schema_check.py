"""Is this file a store some Annotator version made, and is that version this one or older?

A store records its applied migrations in `_sqlite_migrations`. A name this version does not
know means a newer Annotator made the store: writing to it could break it for that version, so
it is refused. A store whose tables or columns differ from what its own migrations build (a
dropped column, a table from another program) would fail later with "no such column" half way
through a command, so it is refused up front too. The expected schema is built by replaying the
same migrations on an in-memory database (a few milliseconds, once per process per version).
"""

from __future__ import annotations

import functools
import sqlite3

import sqlite_utils

from annotator import __version__
from annotator.store.migrations import migrations

Schema = dict[str, frozenset[str]]


class SchemaProblem(Exception):
    """The store is not one this version can use; `newer` tells a newer version from a mismatch."""

    def __init__(self, text: str, *, newer: bool) -> None:
        super().__init__(text)
        self.newer = newer


def known_names() -> list[str]:
    return [m.name for m in migrations._migrations]  # noqa: SLF001 - sqlite-utils has no public list


def applied_names(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", (migrations.name,)
        ).fetchall()
    except sqlite3.OperationalError:  # no migrations table: a new, empty store
        return []
    return [r[0] for r in rows]


def schema_of(conn: sqlite3.Connection) -> Schema:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: frozenset(r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')) for t in tables}


@functools.lru_cache(maxsize=16)
def expected_schema(applied: tuple[str, ...]) -> Schema:
    """The schema the first len(applied) known migrations build."""
    db = sqlite_utils.Database(memory=True, execute_plugins=False)
    names = known_names()
    if len(applied) < len(names):
        migrations.apply(db, stop_before=names[len(applied)])
    else:
        migrations.apply(db)
    schema = schema_of(db.conn)
    db.close()
    return schema


def check(conn: sqlite3.Connection) -> None:
    """Raise SchemaProblem when the store is newer than this version or its schema is not a known one."""
    applied = applied_names(conn)
    if not applied and not schema_of(conn):
        return  # a new, empty file: migrations will build it
    known = known_names()
    unknown = [n for n in applied if n not in known]
    if unknown:
        raise SchemaProblem(
            f"made by a newer Annotator (it has changes this version, {__version__}, does not know: "
            f"{', '.join(unknown[:3])}); upgrade Annotator to open it. The store was not touched.", newer=True)
    if applied != known[:len(applied)]:
        raise SchemaProblem(f"its recorded changes ({', '.join(applied) or 'none'}) are not those of any Annotator "
                            "version", newer=False)
    differences = compare(schema_of(conn), expected_schema(tuple(applied)))
    if differences:
        raise SchemaProblem("its tables differ from those Annotator makes (" + "; ".join(differences[:4]) +
                            "): another program changed it, or it is damaged", newer=False)


def compare(found: Schema, expected: Schema) -> list[str]:
    out = []
    for table in sorted(expected.keys() - found.keys()):
        out.append(f"table {table} is missing")
    for table in sorted(found.keys() - expected.keys()):
        out.append(f"unknown table {table}")
    for table in sorted(found.keys() & expected.keys()):
        if missing := sorted(expected[table] - found[table]):
            out.append(f"table {table} lacks column {', '.join(missing)}")
        if extra := sorted(found[table] - expected[table]):
            out.append(f"table {table} has unknown column {', '.join(extra)}")
    return out
