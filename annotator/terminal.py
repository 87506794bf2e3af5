"""Text for a terminal: show control characters, never let them act.

Item text and file names come from outside. An escape sequence in them could recolour, retitle
or rewrite the analyst's terminal, a right-to-left override (U+202E) could make "12" read as
"21", and a newline could forge a line of output. `terminal_safe` writes each such character as
a visible escape (\\x1b, \\u202e); bytes of a file name that were not UTF-8 (Python keeps them as
lone surrogates) are shown as the byte they were (\\xff). Plain text passes unchanged.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, bidi embeddings/overrides/isolates/marks, zero-width characters,
# line/paragraph separators and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
                     "\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte itself
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def terminal_safe(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control, bidi and invisible format character written as an escape."""
    if keep_newlines:
        return "\n".join(_UNSAFE.sub(_escape, part) for part in text.split("\n"))
    return _UNSAFE.sub(_escape, text)


# The window shows each such character as one visible mark, so offsets into the text stay the same
# (one code point for one, all in the BMP like the characters they stand for).
BIDI_MARK = "\u21c6"  # ⇆ for embeddings, overrides, isolates and direction marks
INVISIBLE_MARK = "\u25cc"  # ◌ for zero-width characters
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_KEEP = {"\n", "\t"}


def _mark(ch: str) -> str:
    code = ord(ch)
    if ch in _BIDI:
        return BIDI_MARK
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟, the Unicode control pictures
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if ch in ("\u2028", "\u2029"):
        return "\u21b5"  # ↵
    return INVISIBLE_MARK


def visible_marks(text: str) -> str:
    """`text` with every control, bidi and zero-width character replaced by a visible mark, one
    for one (so offsets still line up). Newlines and tabs are kept. The stored text is unchanged:
    this is for display only."""
    if text.isascii() and text.isprintable():
        return text
    return _UNSAFE.sub(lambda m: m.group() if m.group() in _KEEP else _mark(m.group()), text)


def mark_positions(text: str) -> list[int]:
    """Offsets of the characters `visible_marks` replaces (to tint them in the reader)."""
    if text.isascii() and text.isprintable():
        return []
    return [m.start() for m in _UNSAFE.finditer(text) if m.group() not in _KEEP]


def json_safe(text: str) -> str:
    """JSON text with the same characters escaped as \\uXXXX (still the same JSON data): a
    terminal showing `items --json` is not reversed by a U+202E in an item."""
    # json.dumps escapes C0 controls inside strings already; newlines and tabs outside them are layout
    return _UNSAFE.sub(lambda m: m.group() if m.group() in "\n\r\t" else
                       "".join(f"\\u{u:04x}" for u in _utf16(m.group())), text)


def _utf16(ch: str) -> list[int]:
    data = ch.encode("utf-16-be", "surrogatepass")
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]
