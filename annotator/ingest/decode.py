"""Bytes to text: refuse binaries, honour BOMs and <meta charset>, detect legacy encodings.

Order: a byte-order mark (UTF-8/16/32) decides; then valid UTF-8 (bytes in a legacy encoding
almost never form valid multi-byte UTF-8, so a page that is valid UTF-8 is UTF-8 even when a
stale <meta> says otherwise); then the page's own <meta charset>; then a file mixing UTF-8 lines
with lines in a legacy encoding is decoded line by line; then charset-normalizer picks the
encoding (windows-1256, ISO-8859-6, cp1252, ...). The encoding name returned says which rule
decided and, for a detected one, how sure it is ("windows-1256 (detected, 97% sure)"); the
importer stores it with the source and `encoding_warnings` turns an unsure guess into a warning.
"""

from __future__ import annotations

import codecs
import re

from annotator.ingest.errors import IngestError

MAX_BYTES = 25 * 1024 * 1024  # a listing page is ~20 KB; anything this big is not one
SURE = 0.9  # below this a detected encoding is reported as a guess to check

_TEXT_CONTROLS = {9, 10, 12, 13}
_OTHER_CONTROLS = bytes(b for b in range(32) if b not in _TEXT_CONTROLS)
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_META = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# What browsers do with some labels (WHATWG Encoding): latin-1 and ASCII pages are windows-1252.
_WHATWG = {"latin_1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252", "utf_16": "utf-8", "utf-16": "utf-8"}
_SURE_NAME = re.compile(r"\((?:detected|mixed)[^)]*?(\d+)% sure\)")


def too_large(path: str, size: int, max_bytes: int) -> IngestError:
    return IngestError(
        path,
        f"file is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB limit "
        "for one page; split it or raise --max-size",
    )


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _OTHER_CONTROLS))  # C speed, not a Python loop
    return controls > max(8, len(sample) // 100)


def decode_bytes(data: bytes, path: str, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """Return (text, encoding description) or raise IngestError with a message naming the file."""
    if not data.strip():
        raise IngestError(path, "empty file, nothing to import")
    if len(data) > max_bytes:
        raise too_large(path, len(data), max_bytes)
    text, encoding = _decode(data, path)
    if "\x00" in text:  # past the 8 KB sniffed for binaries: still not a page
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise IngestError(path, "NUL character in the text: a binary or damaged file, not a page", line)
    return text, encoding


def _decode(data: bytes, path: str) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), f"{name} (BOM)"
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"bad {name} text at byte {exc.start + len(bom)}") from exc
    utf16 = _bomless_utf16(data)
    if utf16:
        return utf16
    if looks_binary(data):
        raise IngestError(path, "binary file, not a text or HTML page")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared(data)
    if declared:
        try:
            return data.decode(declared), f"{declared} (meta charset)"
        except UnicodeDecodeError:
            pass  # the declaration is wrong: detect
    mixed = _mixed(data)
    if mixed:
        return mixed
    return _detected(data, path)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: its ASCII characters (Latin text, and the spaces and digits of
    Arabic text) put a NUL in every other byte, all on one side."""
    sample = data[:8192]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    codec = "utf-16-le" if odd > half * 0.02 and even == 0 else "utf-16-be" if even > half * 0.02 and odd == 0 else None
    if codec is None or len(data) % 2:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return (text, f"{codec} (no BOM)") if not looks_binary(text.encode("utf-8")) else None


def _declared(data: bytes) -> str | None:
    """The codec a <meta charset=...> or <meta http-equiv ... content="...; charset=..."> names."""
    m = _META.search(data[:8192])
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _WHATWG.get(name, name)


def _mixed(data: bytes) -> tuple[str, str] | None:
    """Lines of UTF-8 and lines of a legacy encoding in one file (pages pasted together)."""
    lines = data.split(b"\n")
    bad: list[int] = []
    utf8_words = False
    for i, line in enumerate(lines):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(i)
            continue
        utf8_words = utf8_words or not line.isascii()
    if not utf8_words or not bad:
        return None
    legacy, sure = _guess(b"\n".join(lines[i] for i in bad))
    if legacy is None:
        return None
    bad_set = set(bad)
    text = "\n".join(line.decode(legacy) if i in bad_set else line.decode("utf-8") for i, line in enumerate(lines))
    return text, f"utf-8 + {legacy} (mixed: {len(bad)} lines {legacy}, {round(sure * 100)}% sure)"


# The encodings these pages come in besides UTF-8: Windows and ISO pages in English, Arabic,
# Turkish, Kurdish (Latin), Russian. Leaving out the DOS code pages keeps a short English line
# from being read as cp775 or cp850 (both decode it without error, to the wrong letters); the
# order breaks ties between equally good readings.
CANDIDATES = ("cp1252", "cp1256", "iso8859_6", "cp1254", "cp1250", "cp1251", "iso8859_15", "mac_roman")
TOLERANCE = 0.1
_RANKED = tuple(codecs.lookup(c).name for c in CANDIDATES)


def _order(name: str) -> int:
    return _RANKED.index(name) if name in _RANKED else len(_RANKED)


def _guess(data: bytes) -> tuple[str | None, float]:
    """charset-normalizer's best reading of `data` among CANDIDATES, and how sure (0..1)."""
    from charset_normalizer import from_bytes  # imported here: only legacy files pay for it

    matches = list(from_bytes(data, cp_isolation=list(CANDIDATES)))
    if not matches:
        return None, 0.0

    # Less mess first; readings within TOLERANCE of the cleanest count as equally clean, and of
    # those the more usual encoding wins (a stray "¼" reads as cleaner "Ľ" in cp1250, but an
    # English page is far more likely cp1252; Arabic in cp1252 is a mess far past the tolerance).
    cleanest = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= cleanest + TOLERANCE]
    best = min(close, key=lambda m: (min(_order(codecs.lookup(e).name) for e in m.could_be_from_charset), m.chaos))
    name = min((codecs.lookup(e).name for e in best.could_be_from_charset), key=_order)
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None, 0.0
    sure = max(0.0, 1.0 - best.chaos)
    if any(str(m) != text for m in close):  # as clean a reading with other letters: a coin toss
        sure = min(sure, 0.5)
    return name, sure


def _detected(data: bytes, path: str) -> tuple[str, str]:
    name, sure = _guess(data)
    if name is None:
        try:
            return data.decode("cp1252"), "cp1252 (detected, 0% sure)"
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise IngestError(path, f"not text in any encoding tried (byte 0x{data[exc.start]:02x})", line) from exc
    return data.decode(name), f"{name} (detected, {round(sure * 100)}% sure)"


def encoding_warnings(encoding: str) -> list[str]:
    """A warning for an unsure guess or a mixed file, from decode_bytes' encoding description."""
    m = _SURE_NAME.search(encoding)
    if "mixed" in encoding:
        return [f"mixed encodings, decoded line by line: {encoding}; check the text"]
    if m and int(m.group(1)) < SURE * 100:
        return [f"encoding guessed as {encoding}; check the text and re-import it saved as UTF-8 if it reads wrong"]
    return []
