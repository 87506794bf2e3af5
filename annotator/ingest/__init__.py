"""Document parsers: files in, items with exact offsets out. Pure Python, no Qt, no SQL."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.ingest.coalition import ParsedItem, ParsedPage
from annotator.ingest.decode import MAX_BYTES, decode_bytes, encoding_warnings, too_large
from annotator.ingest.errors import IngestError
from annotator.ingest.html_text import html_to_text, looks_like_html

SUFFIXES = (".txt", ".htm", ".html", ".pdf")

__all__ = ["Document", "IngestError", "ParsedItem", "ParsedPage", "find_documents", "read_document", "parse_bytes",
           "parse_clipboard"]


@dataclass
class Document:
    path: str
    name: str
    sha256: str
    size: int
    raw: str
    text: str | None  # extracted text for HTML; None when offsets are into raw
    format: str
    encoding: str
    page: ParsedPage
    origin: str = "file"  # or "clipboard"
    data: bytes | None = None  # the original bytes when `raw` is not them decoded (PDF)
    meta: dict[str, Any] = field(default_factory=dict)  # PDF page starts, extraction notes

    @property
    def offsets_text(self) -> str:
        return self.text if self.text is not None else self.raw

    def meta_json(self) -> str | None:
        return json.dumps(self.meta, ensure_ascii=False, sort_keys=True) if self.meta else None


def storable_path(path: str) -> str:
    """A file name as the store keeps it: bytes that were not UTF-8 (kept by Python as lone
    surrogates, which SQLite refuses) written as \\xNN, so the file still imports."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def parse_bytes(data: bytes, path: str, max_bytes: int = MAX_BYTES, origin: str = "file") -> Document:
    from annotator.ingest import article, layouts, pdf, pdfdate  # layouts imports this package's modules

    path = storable_path(path)
    if len(data) > max_bytes:
        raise too_large(path, len(data), max_bytes)
    common: dict[str, Any] = dict(path=path, name=os.path.basename(path), sha256=hashlib.sha256(data).hexdigest(),
                                  size=len(data), origin=origin)
    if pdf.is_pdf(data, path):
        raw, starts, unread, clues = pdf.pdf_text(data, path)
        layout, _ = layouts.choose(raw)
        if layout is layouts.ARTICLE:  # a report: its front matter (copyright, imprint) is no trailer
            page = article.parse(raw, path, document=True)
            pdfdate.settle(page.items[0], path, raw, clues)
            if page.items[0].date is not None:
                page.warnings = [w for w in page.warnings if not w.startswith(f"{path}: no publication date found")]
        else:
            page = layout.parse(raw, path)
        meta: dict[str, Any] = {"pages": starts}
        if unread:
            meta["unreadable_pages"] = unread
            page.warnings.append(f"{path}: page(s) {', '.join(map(str, unread))} have a text layer pypdf cannot "
                                 "read; imported without them")
        return Document(**common, raw=raw, text=None, format="pdf", encoding="pdf text layer", page=page,
                        data=data, meta=meta)
    raw, encoding = decode_bytes(data, path, max_bytes)
    doc = _decoded(common, raw, encoding, path)
    doc.page.warnings[:0] = encoding_warnings(encoding)  # an unsure guess or a mixed file: say so
    return doc


def _decoded(common: dict, raw: str, encoding: str, path: str) -> Document:
    from annotator.ingest import layouts  # layouts imports this package's modules

    is_html = path.lower().endswith((".htm", ".html")) or looks_like_html(raw)
    if not is_html:
        return Document(**common, raw=raw, text=None, format="text", encoding=encoding,
                        page=layouts.parse_text(raw, path))
    text = html_to_text(raw)
    if layouts.LISTING.recognise(text) > 0:  # a saved listing page splits exactly as before
        return Document(**common, raw=raw, text=text, format="html", encoding=encoding,
                        page=layouts.LISTING.parse(text, path))
    return _web_article(common, raw, text, encoding, path)


def _web_article(common: dict, raw: str, text: str, encoding: str, path: str) -> Document:
    """A saved page of one report: the article only, dated from its markup when it can be."""
    from annotator.ingest import article, webpage

    found = webpage.extract(raw)
    meta: dict[str, Any] = {"extraction": "trafilatura" if found else "all page text (no article found)"}
    if found is not None:
        text = found.text
    elif not text.strip():
        raise IngestError(path, "saved page holds no text (a page its scripts fill in?); save it once it has "
                                "loaded, or copy its text")
    page = article.parse(text, path, outlet_hint=found.outlet if found else None)
    parts = page.items[0].parts
    if found is not None and parts is not None:
        if found.conflict:  # never settled silently: both readings go to the analyst
            page.items[0].date, parts.needs_date, parts.date_rule = None, True, found.date_rule
            parts.date_line = parts.date_line_no = None
        elif found.date and parts.date_line == found.date_line:
            parts.date_rule = found.date_rule  # the markup it came from, not the line written from it
        if found.byline and not parts.byline:
            parts.byline = found.byline
    return Document(**common, raw=raw, text=text, format="html", encoding=encoding, page=page, meta=meta)


def parse_clipboard(text: str, html: str | None = None, label: str = "clipboard") -> Document:
    """A paste: HTML when the clipboard has it (the page's own markup), else the plain text.
    Stored as its own source with origin `clipboard`; the SHA-256 is of the UTF-8 bytes."""
    if html and html.strip():
        return parse_bytes(html.encode("utf-8"), f"{label}.html", origin="clipboard")
    return parse_bytes(text.encode("utf-8"), f"{label}.txt", origin="clipboard")


def read_document(path: str | Path, max_bytes: int = MAX_BYTES) -> Document:
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:  # refuse before reading 50 MB into memory
                raise too_large(name, size, max_bytes)
            data = fh.read()
    except OSError as exc:
        raise IngestError(name, f"cannot read file ({exc.strerror or exc})") from exc
    return parse_bytes(data, name, max_bytes)


def find_documents(paths: list[str | Path]) -> tuple[list[Path], list[IngestError]]:
    """Expand folders (recursively) into importable files, sorted for a stable order."""
    found: list[Path] = []
    errors: list[IngestError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(_files_under(p), key=_path_order))
        elif p.is_file():
            found.append(p)
        elif p.exists():  # a FIFO, socket or device: reading it could block or never end
            errors.append(IngestError(str(p), "not a regular file (a FIFO, socket or device); nothing read"))
        else:
            errors.append(IngestError(str(p), "no such file or folder"))
    return found, errors


def _files_under(folder: Path) -> Iterator[Path]:
    # os.walk reads file types from the directory listing; Path.rglob + is_file stats each file.
    for top, _dirs, names in os.walk(folder):
        for name in names:
            if name.lower().endswith(SUFFIXES) and os.path.isfile(path := os.path.join(top, name)):
                yield Path(path)


def _path_order(path: Path) -> tuple[str, ...]:
    # The order Path objects sort in, compared as tuples in C (sorting Paths by their own
    # __lt__ took a quarter of a second for 10,000 files).
    return path.parts
