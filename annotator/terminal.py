"""Text for a terminal: show control characters, never let them act.

Item text and file names come from outside. An escape sequence in them could recolour, retitle
or rewrite the analyst's terminal, a right-to-left override (U+202E) could make "12" read as
"21", and a newline could forge a line of output. `terminal_safe` writes each such character as
a visible escape (\\x1b, \\u202e); bytes of a file name that were not UTF-8 (Python keeps them as
lone surrogates) are shown as the byte they were (\\xff). Plain text passes unchanged.
"""

from __future__ import annotations

import re
import unicodedata

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


def is_invisible(ch: str) -> bool:
    """True for characters a reader cannot see but that change what is shown (used by the window)."""
    return bool(_UNSAFE.fullmatch(ch)) or unicodedata.category(ch) in ("Cc", "Cf")
