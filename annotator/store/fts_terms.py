"""The words of the full-text index that start with a prefix, read without touching their hit lists.

Why: the table has no prefix index (adding one means rebuilding the index of a whole store), so
FTS5 answers `negotiat*` by reading and merging the complete hit list of every word that starts
so before it returns a row: a third of a second on a million items, however few rows are
wanted. `fts5vocab` would name the words, but it counts every word's hits on the way. The
words themselves sit in FTS5's segment b-trees: `items_fts_idx` (segid, term, pgno) holds the
first word of each leaf page that starts one, and the leaf pages (`items_fts_data`) hold the
words in order. Reading the few pages around the prefix in each segment gives every word with
that prefix in well under a millisecond; the search is then an OR of those words, which FTS5
evaluates lazily (the first screen costs what it shows).

The leaf format (sqlite/ext/fts5/fts5_index.c, unchanged since FTS5 version 4): a 4-byte
header (u16 offset of the first rowid, u16 size of the page without its footer), the words
(the page's first in full: varint length + bytes; each next one: varint bytes shared with the
word before, varint new bytes, the new bytes), each followed by its hit list, and a footer of
varints giving each word's offset (the first absolute, then deltas). Words of the main index
carry a leading b"0". Anything unexpected gives None, and the caller uses the plain prefix
query: slower, never wrong.
"""

from __future__ import annotations

import re
import sqlite3

import sqlite_utils

from annotator.store.sqlite_varint import varint as _varint

KNOWN_VERSIONS = ("4", "5")  # FTS5 on-disk versions whose leaf pages read as described above
MAX_PAGES = 2_000  # leaf pages read at most (8 MB): a broader prefix keeps the plain query
_SEGMENT_SHIFT = 37  # FTS5_SEGMENT_ROWID(segid, pgno) = (segid << 37) + pgno
_MAIN = b"0"  # first byte of every word of the main index (prefix indexes use "1", "2", ...)


def page_terms(block: bytes, upto: bytes | None = None) -> list[bytes]:
    """The words that start on one leaf page, in order (with the index's leading byte); with
    `upto`, only those before it (the rest are not decoded)."""
    size = int.from_bytes(block[2:4], "big")
    if size < 4 or size > len(block):
        raise ValueError("not a leaf page")
    offsets, i, at = [], size, 0
    while i < len(block):
        delta, i = _varint(block, i)
        at += delta
        offsets.append(at)
    words: list[bytes] = []
    for n, off in enumerate(offsets):
        if n == 0:
            length, j = _varint(block, off)
            word = block[j : j + length]
        else:
            shared, j = _varint(block, off)
            length, j = _varint(block, j)
            word = words[-1][:shared] + block[j : j + length]
        if j + length > size:
            raise ValueError("word runs past the page")
        if upto is not None and word >= upto:
            break
        words.append(word)
    return words


def _usable(db: sqlite_utils.Database, table: str) -> bool:
    try:
        row = db.conn.execute(f"SELECT v FROM {table}_config WHERE k = 'version'").fetchone()
    except sqlite3.OperationalError:
        return False
    return row is not None and str(row[0]) in KNOWN_VERSIONS


def prefix_terms(db: sqlite_utils.Database, prefix: str, table: str = "items_fts",
                 max_words: int | None = None) -> list[str] | None:
    """Every word of `table`'s index that starts with `prefix` (already folded as the tokenizer
    folds: lower case, no diacritics), sorted; None when the index cannot be read this way, the
    prefix spans more than MAX_PAGES leaf pages or (it stops reading then) more than
    `max_words` words start so."""
    if not re.fullmatch(r"\w+", table) or not prefix or not _usable(db, table):
        return None
    key = _MAIN + prefix.encode("utf-8")
    upper = key + b"\xff"  # no UTF-8 text contains 0xff: every word with the prefix sorts below
    conn = db.conn
    found: set[bytes] = set()
    pages = 0
    try:
        with_read = conn.in_transaction
        if not with_read:
            conn.execute("BEGIN")  # one snapshot for the b-tree rows and the pages they point to
        try:
            segments = [r[0] for r in conn.execute(f"SELECT DISTINCT segid FROM {table}_idx")]
            for segid in segments:
                first = conn.execute(f"SELECT pgno FROM {table}_idx WHERE segid = ? AND term <= ? "
                                     "ORDER BY term DESC LIMIT 1", (segid, key)).fetchone()
                more = [r[0] for r in conn.execute(f"SELECT pgno FROM {table}_idx WHERE segid = ? AND term > ? "
                                                   "AND term < ? ORDER BY term", (segid, key, upper))]
                for pgno in ([first[0]] if first else []) + more:
                    pages += 1
                    if pages > MAX_PAGES:
                        return None
                    row = conn.execute(f"SELECT block FROM {table}_data WHERE id = ?",
                                       ((segid << _SEGMENT_SHIFT) + (pgno >> 1),)).fetchone()  # pgno<<1 | dlidx flag
                    if row is None:
                        return None
                    found.update(w for w in page_terms(row[0], upper) if w.startswith(key))
                    if max_words is not None and len(found) > max_words:
                        return None
        finally:
            if not with_read:
                conn.execute("COMMIT")
    except (ValueError, IndexError, sqlite3.OperationalError):
        return None
    try:
        return sorted(w[1:].decode("utf-8") for w in found)
    except UnicodeDecodeError:
        return None


# --- a search's prefix words as ORs of whole words ------------------------------------------------
MAX_TERMS = 500  # words at most in one prefix's OR (each costs a seek per index segment per range)
_PART = re.compile(r'"([^"]*)"(\*?)')
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")


def fold(db: sqlite_utils.Database, token: str, table: str = "items_fts") -> str | None:
    """`token` as the index's tokenizer stores it, when it is one word; None otherwise (or when
    it cannot be asked). ASCII letters and digits only change case; anything else is run
    through the same tokenizer in a private in-memory (temp) table, so accents, dotted capitals
    and the like fold exactly as FTS5 folds the query."""
    if _ASCII_WORD.fullmatch(token):
        return token.lower()
    conn = db.conn
    try:
        if conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'annotator_fold'").fetchone() is None:
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
            spec = re.search(r"tokenize\s*=\s*'((?:[^']|'')*)'", sql[0] if sql else "")
            tokenize = spec.group(1) if spec else "unicode61"
            conn.execute("CREATE VIRTUAL TABLE temp.annotator_fold USING fts5(t, tokenize=%s)"
                         % ("'" + tokenize.replace("'", "''") + "'"))
            conn.execute("CREATE VIRTUAL TABLE temp.annotator_fold_words USING fts5vocab(temp, annotator_fold, 'instance')")
        with_tx = conn.in_transaction
        conn.execute("INSERT INTO temp.annotator_fold(rowid, t) VALUES (1, ?)", (token,))
        words = [r[0] for r in conn.execute("SELECT term FROM temp.annotator_fold_words ORDER BY offset")]
        conn.execute("DELETE FROM temp.annotator_fold")
        if not with_tx and conn.in_transaction:
            conn.commit()  # the temp table only: the store's file is not written
    except sqlite3.Error:
        return None  # a query-only connection: the caller keeps the plain prefix query
    return words[0] if len(words) == 1 else None


def expand_prefixes(db: sqlite_utils.Database, query: str, table: str = "items_fts",
                    max_words: int = MAX_TERMS) -> tuple[str, bool]:
    """A safe FTS5 query (`store.items.fts_query`) with each one-word prefix `"w"*` replaced by
    the OR of the index's words that start so (same hits, found without merging their lists),
    and whether a prefix was left as it was because it could not be spelled out (more than
    `max_words` words start so, a phrase prefix, an unreadable index). A prefix no word starts
    with stays too: FTS5 answers it at once."""
    parts = _PART.findall(query)
    if not any(star for _text, star in parts):
        return query, False
    out: list[str] = []
    left = False
    for text, star in parts:
        words = None
        if star and " " not in text:
            folded = fold(db, text, table)
            words = prefix_terms(db, folded, table, max_words) if folded else None
        if words:
            out.append("(" + " OR ".join('"' + w.replace('"', '""') + '"' for w in words) + ")")
        else:
            out.append(f'"{text}"{star}')
            left = left or (bool(star) and words is None)
    return " AND ".join(out), left
