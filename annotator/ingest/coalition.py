"""Parser for "Coalition News" listing pages.

A page is a title line, then items that each open with a line `DD Month YYYY In <Category>`,
body paragraphs ending with a `(Source: ...)` attribution (its closing parenthesis is sometimes
lost), and page furniture (`Page 3 of 3`, `Home Media Center ... Items filtered by date: ...`)
that is metadata, never item text. Every offset is into the text given to `parse_page`.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import accumulate, repeat

from annotator.ingest.errors import IngestError

MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
# Abbreviations outlets use in the same layout ("3 Mar 2018 In Enab Baladi News"); a page with
# full names splits exactly as before.
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
# The category is greedy (a lazy one re-tries the tail at every character); trailing blanks it
# takes are stripped with the rest.
DATE_LINE = re.compile(
    r"^[ \t]*(?P<day>\d{1,2})[ \t]+(?P<month>[A-Za-z]+)[ \t]+(?P<year>\d{4})[ \t]+In[ \t]+(?P<category>\S[^\r\n]*)\r?$"
)
PAGE_LABEL = re.compile(r"^[ \t]*Page[ \t]+\d+[ \t]+of[ \t]+\d+[ \t]*\r?$", re.IGNORECASE)
# The footer tests ("Items filtered by date:", a "Home  Media Center" line), split so that no
# case-insensitive pattern scans whole paragraphs (slow in `re`):
# the "Home" footer is matched at line starts only, "Items filtered by date:" at each colon.
HOME_FOOTER = re.compile(r"[ \t]*Home[ \t]+Media Center\b", re.IGNORECASE)
ITEMS_FILTERED = re.compile(r"Items filtered by date:", re.IGNORECASE)
# Every line DATE_LINE, PAGE_LABEL or HOME_FOOTER can match starts, after blanks, with a decimal
# digit (what `\d` matches) or P/p/H/h (no other character folds to those under IGNORECASE).
_FIRST = frozenset("PpHh")
ATTRIBUTION = re.compile(r"\(\s*Source\s*:\s*(?P<who>[^)\r\n]*?)\s*(?:\)|(?=\r?\n|$))", re.IGNORECASE)


@dataclass
class ArticleParts:
    """What a single report says about itself beyond its body (None for listing items, whose
    date is their own date line)."""

    layout: str
    outlet: str | None = None
    byline: str | None = None
    dateline: str | None = None  # where it was filed from ("BEIRUT (AFP)"), never an event place
    date_line: str | None = None  # the line the date was read from, as written
    date_line_no: int | None = None
    date_rule: str | None = None  # how it was read, or why there is no date
    needs_date: bool = False  # date unknown or ambiguous: the analyst is asked for it

    def as_tuple(self) -> tuple:
        return (self.layout, self.outlet, self.byline, self.dateline, self.date_line, self.date_line_no,
                self.date_rule, int(self.needs_date))


@dataclass
class ParsedItem:
    position: int
    date: str | None
    category: str | None
    body: str
    attribution: str | None
    start: int
    end: int
    body_start: int
    body_end: int
    line: int
    title: str = field(init=False)
    content_hash: str = field(init=False)
    headline: str | None = None
    parts: ArticleParts | None = None

    def __post_init__(self) -> None:
        # Derived where the page is parsed (a worker process in large imports), so the process
        # that stores the rows, the import's bottleneck, does not spend time on them.
        self.title = self.headline or first_sentence(self.body)
        self.content_hash = hashlib.sha256(self.body.encode("utf-8")).hexdigest()


@dataclass
class ParsedPage:
    title: str | None
    items: list[ParsedItem]
    footer: str | None
    page_label: str | None
    warnings: list[str] = field(default_factory=list)
    layout: str = "listing"


class _Lines:
    """Line boundaries as `str.splitlines` sees them, without an object per line.

    A page of 10 items has ~100 lines but only its date lines and footers need a closer look:
    their first character picks the candidates, the exact patterns then run on those few, and
    the "Items filtered by date:" phrase is looked for only at colons.
    `text(i)` is line i without its \\r/\\n; `end(i)` excludes them too."""

    def __init__(self, text: str) -> None:
        self.chunks = text.splitlines(keepends=True)
        self.start = [0, *accumulate(map(len, self.chunks))][: len(self.chunks)]
        self.dates: dict[int, re.Match] = {}
        footers: set[int] = set()
        firsts = [s[:1] for s in map(str.lstrip, self.chunks, repeat(" \t", len(self.chunks)))]
        for i in [i for i, ch in enumerate(firsts) if ch in _FIRST or ch.isdecimal()]:
            line, first = self.text(i), firsts[i]
            if first.isdecimal():  # only a date line can start with a digit; the others with P or H
                date_match = DATE_LINE.match(line)
                if date_match:
                    self.dates[i] = date_match
            elif (PAGE_LABEL if first in "Pp" else HOME_FOOTER).match(line):
                footers.add(i)
        # A match of ITEMS_FILTERED is 23 characters ending at a colon and holds no line break.
        n = len(ITEMS_FILTERED.pattern) - 1
        colon = text.find(":")
        while colon != -1:
            if colon >= n and ITEMS_FILTERED.match(text, colon - n):
                footers.add(self.index_at(colon))
            colon = text.find(":", colon + 1)
        self.footers = sorted(footers)

    def __len__(self) -> int:
        return len(self.chunks)

    def text(self, i: int) -> str:
        return self.chunks[i].rstrip("\r\n")

    def end(self, i: int) -> int:
        return self.start[i] + len(self.text(i))

    def index_at(self, offset: int) -> int:
        return bisect_right(self.start, offset) - 1


_SENTENCE_END = re.compile(r"[.!?]([\"”’]?\s)")  # no look-behind: it is tried at every position


def first_sentence(body: str, limit: int = 140) -> str:
    para = body.strip().split("\n", 1)[0]
    m = _SENTENCE_END.search(para)
    sentence = para[: m.start(1) + 1] if m else para
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _item_date(m: re.Match, path: str, line: int) -> str:
    day, month_name, year = m.group("day", "month", "year")
    try:
        return _iso_date(day, month_name, year)
    except KeyError:
        raise IngestError(path, f"unknown month {month_name!r} in date line", line) from None
    except ValueError as exc:
        raise IngestError(path, f"impossible date {day} {month_name} {year} ({exc})", line) from exc


@lru_cache(maxsize=4096)  # a page repeats its dates; a 100,000-item import has a few thousand
def _iso_date(day: str, month_name: str, year: str) -> str:
    return date(int(year), MONTHS[month_name.lower()], int(day)).isoformat()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _last_attribution(text: str, start: int, end: int) -> re.Match | None:
    """The last match `ATTRIBUTION.finditer(text, start, end)` would give, trying only at '('."""
    last = None
    pos = text.find("(", start, end)
    while pos != -1:
        m = ATTRIBUTION.match(text, pos, end)
        if m:
            last = m
        pos = text.find("(", m.end() if m else pos + 1, end)
    return last


def _cut_item(text: str, lines: _Lines, date_idx: int, stop_idx: int) -> tuple[int, int, int, str | None]:
    """Return (body_start, body_end, item_end, attribution) for lines date_idx+1 .. stop_idx-1."""
    region_start = lines.end(date_idx)
    region_end = lines.end(stop_idx - 1) if stop_idx - 1 > date_idx else region_start
    body_start, region_end = _trim(text, region_start, region_end)
    attribution = None
    body_end = region_end
    last = _last_attribution(text, body_start, region_end)
    if last:
        tail = text[last.end() : region_end]
        if not tail.strip(" \t\r\n)"):
            attribution = last.group("who").strip() or None
            _, body_end = _trim(text, body_start, last.start())
    return body_start, body_end, region_end, attribution


_last_lines: tuple[str, _Lines] | None = None  # recognise() then parse_page() on the same text


def _lines_of(text: str) -> _Lines:
    global _last_lines
    if _last_lines is not None and _last_lines[0] is text:
        return _last_lines[1]
    lines = _Lines(text)
    _last_lines = (text, lines)
    return lines


def recognise(text: str) -> float:
    """How sure this is a listing: certain with two item date lines or more, likely with one
    (a single report written as `3 Mar 2018 In Enab Baladi News` reads the same way)."""
    dates = _lines_of(text).dates
    return 1.0 if len(dates) >= 2 else 0.6 if dates else 0.0


def parse_page(text: str, path: str = "<text>") -> ParsedPage:
    lines = _lines_of(text)
    date_idx = sorted(lines.dates)
    if not date_idx:
        raise IngestError(path, "no item date line found (expected a line like '17 May 2017 In Coalition News')")
    footer_idx = lines.footers
    title = next((t.strip() for t in map(lines.text, range(date_idx[0])) if t.strip()), None)
    warnings: list[str] = []
    items: list[ParsedItem] = []
    for n, i in enumerate(date_idx):
        line_text, number, m = lines.text(i), i + 1, lines.dates[i]
        item_date = _item_date(m, path, number)
        next_date = date_idx[n + 1] if n + 1 < len(date_idx) else len(lines)
        stop = min([f for f in footer_idx if i < f < next_date] or [next_date])
        body_start, body_end, item_end, attribution = _cut_item(text, lines, i, stop)
        if body_end <= body_start:
            warnings.append(f"{path}:{number}: item dated {item_date} has no text; skipped")
            continue
        if attribution is None:
            warnings.append(f"{path}:{number}: item dated {item_date} has no (Source: ...) line")
        items.append(
            ParsedItem(
                position=len(items),
                date=item_date,
                category=m.group("category").strip(),
                body=text[body_start:body_end],
                attribution=attribution,
                start=lines.start[i] + (len(line_text) - len(line_text.lstrip())),
                end=item_end,
                body_start=body_start,
                body_end=body_end,
                line=number,
            )
        )
    footer_lines = [lines.text(f).strip() for f in footer_idx]
    page_label = next((t for t in footer_lines if PAGE_LABEL.match(t)), None)
    footer = "\n".join(footer_lines) or None
    return ParsedPage(title=title, items=items, footer=footer, page_label=page_label, warnings=warnings)
