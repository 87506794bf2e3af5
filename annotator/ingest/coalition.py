"""Parser for "Coalition News" listing pages.

A page is a title line, then items that each open with a line `DD Month YYYY In <Category>`,
body paragraphs ending with a `(Source: ...)` attribution (its closing parenthesis is sometimes
lost), and page furniture (`Page 3 of 3`, `Home Media Center ... Items filtered by date: ...`)
that is metadata, never item text. Every offset is into the text given to `parse_page`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from annotator.ingest.errors import IngestError

MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
DATE_LINE = re.compile(
    r"^[ \t]*(?P<day>\d{1,2})[ \t]+(?P<month>[A-Za-z]+)[ \t]+(?P<year>\d{4})[ \t]+In[ \t]+(?P<category>\S[^\r\n]*?)[ \t]*\r?$"
)
PAGE_LABEL = re.compile(r"^[ \t]*Page[ \t]+\d+[ \t]+of[ \t]+\d+[ \t]*\r?$", re.IGNORECASE)
FILTER_FOOTER = re.compile(r"Items filtered by date:|^[ \t]*Home[ \t]+Media Center\b", re.IGNORECASE)
ATTRIBUTION = re.compile(r"\(\s*Source\s*:\s*(?P<who>[^)\r\n]*?)\s*(?:\)|(?=\r?\n|$))", re.IGNORECASE)


@dataclass
class ParsedItem:
    position: int
    date: str
    category: str
    body: str
    attribution: str | None
    start: int
    end: int
    body_start: int
    body_end: int
    line: int

    @property
    def title(self) -> str:
        return first_sentence(self.body)


@dataclass
class ParsedPage:
    title: str | None
    items: list[ParsedItem]
    footer: str | None
    page_label: str | None
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Line:
    number: int
    start: int
    end: int  # without the newline
    text: str


def first_sentence(body: str, limit: int = 140) -> str:
    para = body.strip().split("\n", 1)[0]
    m = re.search(r"(?<=[.!?])[\"”’]?\s", para)
    sentence = para[: m.start() + 1] if m else para
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for number, chunk in enumerate(text.splitlines(keepends=True), 1):
        stripped = chunk.rstrip("\r\n")
        out.append(_Line(number, pos, pos + len(stripped), stripped))
        pos += len(chunk)
    return out


def _is_footer(line: _Line) -> bool:
    return bool(PAGE_LABEL.match(line.text) or FILTER_FOOTER.search(line.text))


def _item_date(m: re.Match, path: str, line: int) -> str:
    month = MONTHS.get(m.group("month").lower())
    if month is None:
        raise IngestError(path, f"unknown month {m.group('month')!r} in date line", line)
    try:
        return date(int(m.group("year")), month, int(m.group("day"))).isoformat()
    except ValueError as exc:
        raise IngestError(path, f"impossible date {m.group('day')} {m.group('month')} {m.group('year')} ({exc})", line) from exc


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_item(text: str, lines: list[_Line], date_idx: int, stop_idx: int) -> tuple[int, int, int, str | None]:
    """Return (body_start, body_end, item_end, attribution) for lines date_idx+1 .. stop_idx-1."""
    region_start = lines[date_idx].end
    region_end = lines[stop_idx - 1].end if stop_idx - 1 > date_idx else region_start
    body_start, region_end = _trim(text, region_start, region_end)
    attribution = None
    body_end = region_end
    matches = list(ATTRIBUTION.finditer(text, body_start, region_end))
    if matches:
        last = matches[-1]
        tail = text[last.end() : region_end]
        if not tail.strip(" \t\r\n)"):
            attribution = last.group("who").strip() or None
            _, body_end = _trim(text, body_start, last.start())
    return body_start, body_end, region_end, attribution


def parse_page(text: str, path: str = "<text>") -> ParsedPage:
    lines = _lines(text)
    date_idx = [i for i, ln in enumerate(lines) if DATE_LINE.match(ln.text)]
    if not date_idx:
        raise IngestError(path, "no item date line found (expected a line like '17 May 2017 In Coalition News')")
    footer_idx = [i for i, ln in enumerate(lines) if _is_footer(ln)]
    title = next((ln.text.strip() for ln in lines[: date_idx[0]] if ln.text.strip()), None)
    warnings: list[str] = []
    items: list[ParsedItem] = []
    for n, i in enumerate(date_idx):
        m = DATE_LINE.match(lines[i].text)
        item_date = _item_date(m, path, lines[i].number)
        next_date = date_idx[n + 1] if n + 1 < len(date_idx) else len(lines)
        stop = min([f for f in footer_idx if i < f < next_date] or [next_date])
        body_start, body_end, item_end, attribution = _cut_item(text, lines, i, stop)
        if body_end <= body_start:
            warnings.append(f"{path}:{lines[i].number}: item dated {item_date} has no text; skipped")
            continue
        if attribution is None:
            warnings.append(f"{path}:{lines[i].number}: item dated {item_date} has no (Source: ...) line")
        items.append(
            ParsedItem(
                position=len(items),
                date=item_date,
                category=m.group("category").strip(),
                body=text[body_start:body_end],
                attribution=attribution,
                start=lines[i].start + (len(lines[i].text) - len(lines[i].text.lstrip())),
                end=item_end,
                body_start=body_start,
                body_end=body_end,
                line=lines[i].number,
            )
        )
    footer_lines = [lines[f].text.strip() for f in footer_idx]
    page_label = next((t for t in footer_lines if PAGE_LABEL.match(t)), None)
    footer = "\n".join(footer_lines) or None
    return ParsedPage(title=title, items=items, footer=footer, page_label=page_label, warnings=warnings)
