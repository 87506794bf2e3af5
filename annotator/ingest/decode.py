"""Bytes to text: refuse binaries, try UTF-8 then cp1252, and say which one worked."""

from __future__ import annotations

import codecs

from annotator.ingest.errors import IngestError

MAX_BYTES = 25 * 1024 * 1024  # a listing page is ~20 KB; anything this big is not one

_TEXT_CONTROLS = {9, 10, 12, 13}
_OTHER_CONTROLS = bytes(b for b in range(32) if b not in _TEXT_CONTROLS)


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
    """Return (text, encoding name) or raise IngestError with a message naming the file."""
    if not data.strip():
        raise IngestError(path, "empty file, nothing to import")
    if len(data) > max_bytes:
        raise too_large(path, len(data), max_bytes)
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"bad UTF-16 text at byte {exc.start}") from exc
    if looks_binary(data):
        raise IngestError(path, "binary file, not a text or HTML page")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(path, f"neither UTF-8 nor cp1252 text (byte 0x{data[exc.start]:02x})", line) from exc
