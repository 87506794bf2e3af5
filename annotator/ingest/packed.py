"""A parsed document as plain tuples: what the store keeps, cheap to send between processes.

Large imports parse in worker processes and store in one; that one process is the import's
bottleneck. Unpickling a `Document` (an object per item, each with a copy of its body) cost it
0.63 s per 100,000 items; these tuples cost 0.16 s. Bodies are not sent at all: each is
`offsets_text[body_start:body_end]`, sliced where the rows are built.
"""

from __future__ import annotations

from typing import NamedTuple

from annotator.ingest import Document, IngestError, read_document
from annotator.ingest.coalition import ParsedItem
from annotator.ingest.decode import MAX_BYTES

class PackedSource(NamedTuple):
    """The `sources` row of a document, in the store's column order."""
    path: str
    name: str
    sha256: str
    size: int
    raw: str
    text: str | None  # extracted text for HTML; None when offsets are into raw
    format: str
    encoding: str
    title: str | None
    footer: str | None
    page_label: str | None
    origin: str  # "file" or "clipboard"
    data: bytes | None  # the original bytes when raw is not them decoded (PDF)
    meta: str | None  # JSON: PDF page starts, how a web page was extracted


SOURCE_FIELDS = PackedSource._fields
# Field order of each tuple in `PackedDocument.items`: plain tuples, 100,000 objects per import.
# `parts` is None for listing items and `ArticleParts.as_tuple()` (ARTICLE_FIELDS) for a report.
ITEM_FIELDS = ("position", "date", "category", "title", "attribution", "start", "end", "body_start", "body_end",
               "content_hash", "parts")
ARTICLE_FIELDS = ("layout", "outlet", "byline", "dateline", "date_line", "date_line_no", "date_rule", "needs_date")


class PackedDocument(NamedTuple):  # tuples: pickled in C (a dataclass ran Python code per page)
    source: PackedSource
    items: tuple[tuple, ...]
    warnings: tuple[str, ...]

    @property
    def offsets_text(self) -> str:
        """The text item offsets point into: the extracted text of HTML, else the raw text."""
        return self.source.text if self.source.text is not None else self.source.raw

    def bodies(self) -> list[str]:
        text = self.offsets_text
        return [text[item[7]:item[8]] for item in self.items]


def _item_tuple(it: ParsedItem) -> tuple:
    return (it.position, it.date, it.category, it.title, it.attribution, it.start, it.end, it.body_start,
            it.body_end, it.content_hash, it.parts.as_tuple() if it.parts is not None else None)


def pack(doc: Document) -> PackedDocument:
    """The store's view of a parsed `Document`."""
    page = doc.page
    source = PackedSource(doc.path, doc.name, doc.sha256, doc.size, doc.raw, doc.text, doc.format, doc.encoding,
                          page.title, page.footer, page.page_label, doc.origin, doc.data, doc.meta_json())
    return PackedDocument(source, tuple(map(_item_tuple, page.items)), tuple(page.warnings))


def read_packed(path, max_bytes: int = MAX_BYTES) -> PackedDocument | IngestError:
    """Read, parse and pack one file; a file that cannot be imported gives its error (as a
    value, so a worker process hands it back like any result)."""
    try:
        return pack(read_document(path, max_bytes=max_bytes))
    except IngestError as exc:
        return exc
