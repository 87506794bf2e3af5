"""PDF reports (SNHR, Amnesty, UN): the text layer, with lines re-joined into paragraphs.

pypdf reads each page's text layer, keeping vertical gaps as blank lines. A PDF lays text out in
lines: lines of one paragraph are joined with a space, a word hyphenated across a line end is
re-joined ("civil-\\nians" becomes "civilians"; "al-\\nAssad", a hyphen before a capital, keeps its hyphen); a blank line, a line much
shorter than a full one (a heading, a date line) or a short line ending a sentence ends a
paragraph, unless the sentence goes on in lowercase on the next line (a column narrowed by a
box); a date line is a paragraph of its own. Running page numbers ("3", "Page 3 of 12", "- 3 -", "vii") are dropped from the text and
kept as metadata: where each page starts in the text. A page whose content cannot be parsed is
left out and named, the rest kept; a PDF with no text layer (a scan) is refused with one line
saying so.
"""

from __future__ import annotations

import io
import re

from annotator.ingest.errors import IngestError
from annotator.ingest.pdfdate import PdfClues, metadata_dates
from annotator.ingest.pubdate import read_date_line

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*[-–—])?\s*$",
                          re.IGNORECASE)
_ROMAN_PAGE = re.compile(r"^\s*[ivxlc]{1,7}\s*$")  # front matter numbered "vi", "vii" (lowercase only)
_SENTENCE_END = re.compile(r"[.!?:؟”\"')\]]$")
_BULLET = re.compile(r"^\s*(?:[•▪●◦■□►\-–*]|\d{1,2}[.)]|[a-z][.)])\s+")


def is_pdf(data: bytes, path: str) -> bool:
    return data[:5] == b"%PDF-" or path.lower().endswith(".pdf")


def pdf_text(data: bytes, path: str) -> tuple[str, list[tuple[int, int]], list[int], PdfClues]:
    """(text, [(page number, offset where that page's text starts)], [pages that could not be
    read], what else the file says about its date). A page whose content pypdf cannot parse is left
    out and named; the others are kept."""
    from pypdf import PdfReader  # imported here: only PDF files need it
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # noqa: BLE001 - pypdf raises several kinds here
                raise IngestError(path, "PDF is encrypted; save an unprotected copy to import it") from exc
        pages: list[str] = []
        unread: list[int] = []
        errors: list[Exception] = []
        laid_out_head: str | None = None
        for number, pdf_page in enumerate(reader.pages, 1):
            try:
                text, laid_out = _page_text(pdf_page)
                if laid_out_head is None and text.strip():
                    laid_out_head = laid_out or ""  # the first page with text, when read in plain mode
                pages.append(text)
            except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
                errors.append(exc)
                unread.append(number)
                pages.append("")
        if errors and len(unread) == len(pages):
            raise errors[0]
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(path, f"not a readable PDF ({exc})") from exc
    clues = PdfClues(metadata_dates(reader), laid_out_head or None)
    if not any(p.strip() for p in pages):
        raise IngestError(path, "PDF has no text layer (a scanned document?); run OCR on it first, then import")
    out: list[str] = []
    starts: list[tuple[int, int]] = []
    length = 0
    for number, page in enumerate(pages, 1):
        paragraphs = rejoin(page)
        if not paragraphs:
            continue
        chunk = "\n\n".join(paragraphs)
        if out:
            chunk = "\n\n" + chunk
        starts.append((number, length + (2 if out else 0)))
        out.append(chunk)
        length += len(chunk)
    return "".join(out) + "\n", starts, unread, clues


_COLUMN_GAP = re.compile(r"\S {6,}\S")
_WIDE_GAP = re.compile(r"(?<=\S) {6,}(?=\S)")


def _page_text(page) -> tuple[str, str | None]:  # noqa: ANN001 - a pypdf page
    """The page's text with its vertical gaps kept as blank lines (pypdf's layout mode): a blank
    line is the surest paragraph break. A page set in columns comes out side by side in that mode,
    so there the plain mode, which follows the columns, is used; the layout text (wide gaps made
    line breaks) is then returned too, for a date the plain mode puts elsewhere or leaves out."""
    try:
        laid_out = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - the layout mode is newer and fails on some fonts
        laid_out = ""
    lines = [ln for ln in laid_out.splitlines() if ln.strip()]
    if lines and sum(1 for ln in lines if _COLUMN_GAP.search(ln.strip())) <= len(lines) // 4:
        # the few lines with a wide gap are two things side by side (an address and a date in a
        # letterhead): each part on its own line
        return "\n".join(_WIDE_GAP.sub("\n", ln) if _COLUMN_GAP.search(ln.strip()) else ln
                          for ln in laid_out.split("\n")), None
    return page.extract_text() or "", _WIDE_GAP.sub("\n", laid_out) or None


def rejoin(page: str) -> list[str]:
    """The paragraphs of one page's text layer."""
    lines = [ln.rstrip() for ln in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and (not lines[0].strip() or _PAGE_NUMBER.match(lines[0]) or _ROMAN_PAGE.match(lines[0])):
        lines.pop(0)
    while lines and (not lines[-1].strip() or _PAGE_NUMBER.match(lines[-1]) or _ROMAN_PAGE.match(lines[-1])):
        lines.pop()
    widths = sorted(len(ln) for ln in lines if ln.strip())
    full = widths[int(len(widths) * 0.9)] if widths else 0  # a full line (a few may run longer)
    paragraphs: list[str] = []
    current = ""
    previous = 0
    for k, line in enumerate(lines):
        text = line.strip()
        if not text:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        goes_on = bool(current) and not _SENTENCE_END.search(current) and previous >= full * 0.8
        if len(text) <= 60 and not goes_on and read_date_line(text) is not None:
            if current:
                paragraphs.append(current)
            paragraphs.append(text)  # a date line stands alone: never part of the running text
            current = ""
            continue
        if current and _BULLET.match(text) and (_SENTENCE_END.search(current) or previous < full * 0.8):
            paragraphs.append(current)  # a list item; after a full line not ending a sentence, "- " goes on
            current = ""
        if not current:
            current = text
        elif current.endswith("-") and len(current) > 1 and current[-2].isalpha() and text[:1].islower():
            current = current[:-1] + text  # a word hyphenated at the line end
        elif current.endswith("-") and len(current) > 1 and current[-2].isalpha():
            current = current + text  # "al-\nAssad": the hyphen belongs to the name
        else:
            current = current + " " + text
        previous = len(text)
        if current.endswith("-"):
            continue  # a word or name goes on on the next line
        following = lines[k + 1].strip() if k + 1 < len(lines) else ""
        if following[:1].islower() and not _SENTENCE_END.search(text):
            continue  # a sentence going on in lowercase: a column narrowed by a box or picture
        if len(line) < full * 0.6 or (_SENTENCE_END.search(text) and len(line) < full * 0.8):
            paragraphs.append(current)  # a short line (a heading, a paragraph's last line) ends it
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs
