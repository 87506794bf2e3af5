"""A single report: headline, the outlet's date line, byline, dateline, body; one item.

This layout takes any text no listing layout claims, so a file is never refused for its layout.
Text copied from a browser carries page furniture around the article: a reading-time or "Latest
News:" line above it, "Check Also", "We recommend:", comment boxes and cookie notices below it.
The body is the span from the first paragraph of the story to the line before the first such
trailer; what was cut is kept as the page footer (the stored source stays verbatim anyway).
Every offset is into the text given to `parse`.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import accumulate
from typing import NoReturn

from annotator.ingest.coalition import ArticleParts, ParsedItem, ParsedPage
from annotator.ingest.outlets import Dateline, Outlet, find_dateline, outlet_from_path, outlet_in_text, outlet_named
from annotator.ingest.pubdate import DateFinding, complete_date, find_publication_date, month_day_hint, read_date_line

NAME = "article"

# Lines of page furniture above or inside the head of a story.
_FURNITURE = re.compile(
    r"^\W*(?:\d+\s+min(?:ute)?s?\s+read|latest\s+news:?|breaking\s+news|advertising\s+console|main\s+menu|"
    r"news\s+and\s+updates|logo(?:\s+wide)?|a\s+a\s+a|video\s*player\s*close|share|print|home|menu|skip\s+to\s+content|"
    r"\d+|published:?\s*updated:?|advertisement)\W*$",
    re.IGNORECASE)
# A line that starts what follows the story: related links, comments, newsletters, cookies.
_TRAILER = re.compile(
    r"^\W*(?:check\s+also|related\s+(?:articles?|posts?|stories|news|content|topics)|related:|read\s+(?:more|also)\b|"
    r"see\s+also|more\s+(?:from|on\s+this|stories)|we\s+recommend|you\s+(?:may|might)\s+also\s+like|"
    r"recommended\s+(?:for\s+you|stories|articles)|leave\s+(?:a|your)\s+(?:comment|reply)|selections\s+for\s+you|"
    r"comments\s+powered\s+by|\d*\s*comments?$|this\s+website\s+uses\s+cookies|we\s+use\s+cookies|key\s*words?:|tags?:|"
    r"explore\s+xinhuanet|share\s+(?:this|on|via)|follow\s+us|subscribe\b|sign\s+up\s+(?:for|to)\s+our|newsletter|"
    r"most\s+(?:read|popular|viewed)|prev\s+\d|previous\s+article|next\s+article|【\d+】|all\s+rights\s+reserved|"
    r"copyright\b|©|مقالات\s+ذات\s+صلة|زر\s+الذهاب\s+إلى\s+الأعلى|اقرأ\s+أيض|إذا\s+كنت\s+تعتقد|اذا\s+كنت\s+تعتقد|"
    r"شارك\s+(?:هذا|المقال)|أخبار\s+ذات\s+صلة|الأكثر\s+قراءة|أهم\s+الأخبار|no\s+comments|post\s+a\s+comment|"
    r"please\s+enter\s+your\s+(?:comment|name)|your\s+comment|add\s+a\s+comment|be\s+the\s+first\s+to\s+comment|"
    r"[\w ]{2,40}\s+website\s+contains\s+only\s+a\s+portion\s+of\s+the\s+news)",
    re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^\s*(?:Source|المصدر)\s*:\s*(?P<who>\S.*?)\s*$")
_BYLINE = re.compile(r"^\s*(?:By|BY|Written\s+by|Reporting\s+by|بقلم|إعداد|تقرير)\s*:?\s+(?P<who>\S.{1,80}?)\s*$")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w’'\-.]*|al-\w+|a-\w+|and|&|,|bin|ibn|de|el-\w+)$")
# Masthead lines that name the site, not the story.
_MASTHEADS = {"the syrian observatory for human rights", "المرصد السوري لحقوق الانسان", "المرصد السوري لحقوق الإنسان",
              "reuters news", "syria direct", "enab baladi", "عنب بلدي"}
_ARABIC = re.compile(r"[\u0621-\u064A]")


def recognise(text: str) -> float:
    """Any text can be one report: the lowest confidence, taken when no listing fits."""
    return 0.1


class _Text:
    def __init__(self, text: str) -> None:
        self.text = text
        self.chunks = text.splitlines(keepends=True)
        self.starts = [0, *accumulate(map(len, self.chunks))][: len(self.chunks)]
        self.lines = [c.rstrip("\r\n") for c in self.chunks]

    def end(self, i: int) -> int:
        return self.starts[i] + len(self.lines[i])

    def span(self, i: int) -> tuple[int, int]:
        """Line i without its surrounding blanks."""
        line = self.lines[i]
        lead = len(line) - len(line.lstrip())
        return self.starts[i] + lead, self.starts[i] + len(line.rstrip())


def _words(line: str) -> list[str]:
    return line.split()


def _is_paragraph(line: str) -> bool:
    """A line of running text rather than a headline, kicker, byline or date line."""
    return len(line) >= 90 or len(_words(line)) >= 14


def _is_sentence(line: str) -> bool:
    """A sentence of running text (a paragraph's length, ending with a full stop): a report pasted
    without its headline starts with one; a headline is shorter or has no full stop at its end."""
    return _is_paragraph(line) and line.rstrip().rstrip("\"”’'").endswith(".")


def _is_byline(line: str) -> str | None:
    m = _BYLINE.match(line)
    if m:
        return m.group("who")
    words = line.replace(",", " , ").split()
    if 2 <= len(words) <= 9 and len(line) <= 70 and all(_NAME_WORD.match(w) for w in words) \
            and not read_date_line(line):
        return line.strip()
    return None


def parse(text: str, path: str = "<text>", outlet_hint: str | None = None, document: bool = False) -> ParsedPage:
    """`document`: the text layer of a PDF report. Copied text and web pages end at the first line
    that starts what follows a story on a web page ("Related articles", "© ...", "Subscribe"); a
    PDF report has no such trailer (its copyright and imprint come on its first pages, before the
    report itself, and are kept). Its cover block (court, docket, agency, volume) may run longer
    before the date line: ten paragraphs from the start of the text are read for it (within the
    first 14 lines that are not blank), not two."""
    t = _Text(text)
    n = len(t.lines)
    warnings: list[str] = []
    outlet: Outlet | None = outlet_named(outlet_hint)
    credits: list[str] = []
    # 1. the headline: the first line of at least three words that is not furniture or a date
    i = 0
    headline_idx: int | None = None
    while i < n:
        line = t.lines[i].strip()
        if not line or _FURNITURE.match(line):
            i += 1
            continue
        if line.casefold() in _MASTHEADS:
            credits.append(line)
            i += 1
            continue
        if len(_words(line)) < 3 and not _ARABIC.search(line) or len(_words(line)) < 2:
            i += 1  # a kicker ("Egypt", "Security Council") or a section label
            continue
        if read_date_line(line):
            i += 1  # a date line above the headline (read below with the others)
            continue
        if find_dateline(line) or len(line) > 200 or _is_sentence(line):
            break  # the story starts without a headline (its first sentence stays in the body)
        headline_idx = i
        i += 1
        break
    # 2. the head: date line, byline, credits, a repeated headline, a teaser, until running text
    byline: str | None = None
    body_idx: int | None = None
    headline = t.lines[headline_idx].strip() if headline_idx is not None else None
    while i < n:
        line = t.lines[i].strip()
        if not line or _FURNITURE.match(line) or line == headline:
            i += 1
            continue
        if _is_paragraph(line) or find_dateline(line) or _TRAILER.match(line):
            body_idx = i
            break
        if byline is None and (who := _is_byline(line)):
            byline = who
        elif not read_date_line(line):
            credits.append(line)
        i += 1
    if body_idx is None:  # only short lines after the headline: they are the story
        after = headline_idx + 1 if headline_idx is not None else 0
        body_idx = next((j for j in range(after, n) if (x := t.lines[j].strip()) and not _FURNITURE.match(x)
                         and not _TRAILER.match(x)), None)
    if body_idx is None:
        if headline_idx is not None:
            body_idx = headline_idx  # a headline alone is the whole report
        else:  # only lines that look like furniture: keep them all rather than refuse the file
            body_idx = next((j for j in range(n) if t.lines[j].strip()), None)
            if body_idx is None:
                raise_empty(path)
            warnings.append(f"{path}: no story found apart from page furniture; imported as it is")
        headline = None
    # 3. the end: the line before the first trailer, less a closing "Source: ..." line
    stop = next((j for j in range(body_idx + 1, n) if not document and _TRAILER.match(t.lines[j].strip())), n)
    if headline is None and headline_idx is None and warnings:
        stop = n
    footer = "\n".join(x.strip() for x in t.lines[stop:] if x.strip()) or None
    last = stop - 1
    while last > body_idx and not re.search(r"\w", t.lines[last]):
        last -= 1
    attribution = None
    item_end = t.span(last)[1]
    m = _SOURCE_LINE.match(t.lines[last])
    if m and last > body_idx:  # the item runs to the end of its "Source:" line; the body stops before
        attribution = m.group("who")
        last -= 1
        while last > body_idx and not t.lines[last].strip():
            last -= 1
    body_start, body_end = t.span(body_idx)[0], t.span(last)[1]
    dateline = find_dateline(text[body_start:body_end])
    # 4. the outlet: a hint from a saved page, the dateline's agency, credits, the file name
    if outlet is None and dateline and dateline.agency:
        outlet = outlet_in_text(dateline.agency)
    if outlet is None and credits:
        outlet = outlet_in_text("\n".join(credits))
    if outlet is None:
        outlet = outlet_from_path(path)
    outlet_name = outlet.name if outlet else (outlet_hint or (dateline.agency if dateline and dateline.agency else None))
    # 5. the date, from the outlet's date line; numeric dates in Arabic are always day first
    day_first = outlet.day_first if outlet else None
    if day_first is None and _ARABIC.search(text[:2000]):
        day_first = True
    # the date line sits above the story or just below its first paragraph ("AFP| Last Updated")
    found = find_publication_date(t.lines, day_first=day_first, last_head=_lines_below(t, body_idx, 10 if document else 2))
    if found.date and found.line_no and headline_idx is not None and found.line_no - 1 < headline_idx:
        found = _stale_header(found, text[t.starts[headline_idx]:body_end])  # captions in the head count
    if found.date is None and not found.candidates:
        found = _other_date_places(t, found, headline_idx, headline, dateline, body_idx, text[body_start:body_end],
                                   day_first)
    rule = found.rule
    if found.date is None:
        hint = (dateline.month_day if dateline and dateline.month_day else None) or month_day_hint(
            text[body_start:min(body_end, body_start + 400)])
        if found.candidates:
            rule = f"{rule}: {' or '.join(found.candidates)}"
        elif hint:
            rule = f"{rule}; the report names {hint} without a year"
        warnings.append(f"{path}: no publication date found ({rule}); imported with date unknown")
    start = t.span(headline_idx)[0] if headline_idx is not None and headline_idx < body_idx else body_start
    parts = ArticleParts(
        layout=NAME, outlet=outlet_name, byline=byline, dateline=dateline.text if dateline else None,
        date_line=found.line, date_line_no=found.line_no, date_rule=rule, needs_date=found.date is None)
    item = ParsedItem(
        position=0, date=found.date, category=None, body=text[body_start:body_end], attribution=attribution,
        start=start, end=item_end, body_start=body_start, body_end=body_end, line=(headline_idx if headline_idx is not None and start != body_start else body_idx) + 1,
        headline=headline, parts=parts)
    return ParsedPage(title=headline, items=[item], footer=footer, page_label=None, warnings=warnings,
                      layout=NAME)


_BODY_DATE = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?,?\s+(?:19|20)\d{2}|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,\s+(?:19|20)\d{2})\b")
STALE_DAYS = 366


def _stale_header(found: DateFinding, body: str) -> DateFinding:
    """A date line above the headline may be the site's clock ("Saturday, November 23, 2024"
    printed on every page the day it was saved) rather than the report's date: when the story
    names full dates and the latest of them is more than a year before it, it is asked."""
    named = [d for m in _BODY_DATE.finditer(body) if (d := complete_date(m.group(0)))]
    if found.date is None or not named:
        return found
    if (date.fromisoformat(found.date) - max(named)).days > STALE_DAYS:
        rule = (f"the date line above the headline (“{found.line}”) is {found.date}, but the latest date the "
                f"story names is {max(named).isoformat()}: a page header's date? confirm")
        return DateFinding(None, found.line_no, found.line, rule, [found.date])
    return found


# A date that ends the headline after a separator: "Humanitarian Update Syria - Issue 08 | 28
# January 2020 [EN/AR]", "Syria (Q&A - Excerpt from the daily press briefing - May 18, 2012)".
_TITLE_DATE = re.compile(
    r"(?:\||[-–—]|,)\s*(?P<date>\d{1,2}\s+[A-Za-z]+\.?\s+(?:19|20)\d{2}|[A-Za-z]+\.?\s+\d{1,2},?\s+(?:19|20)\d{2}"
    r"|\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2})\s*(?:\[[^\]]{1,12}\]|\))?\s*$")


def _other_date_places(t: _Text, found: DateFinding, headline_idx: int | None, headline: str | None,
                       dateline: Dateline | None, body_idx: int, body: str, day_first: bool | None) -> DateFinding:
    """When no date line dates the report: the full date of its dateline ("DAMASCUS, 19 March
    2020 –"), else a date that ends its headline after a separator, unless the story names that
    day (then it is the day of the event the headline is about, not of the report)."""
    if dateline and dateline.full_date:
        return DateFinding(dateline.full_date, body_idx + 1, dateline.text, "date in the dateline")
    if headline and headline_idx is not None and (m := _TITLE_DATE.search(headline)):
        if m.group("date")[0].isdigit() and not re.search(r"[A-Za-z]", m.group("date")):
            got = read_date_line(m.group("date"), day_first)  # a numeric date: one reading, or the outlet's order
            day = date.fromisoformat(got[0]) if got and got[0] else None
        else:
            day = complete_date(m.group("date"))
        if day and not _names_day(body, day):
            return DateFinding(day.isoformat(), headline_idx + 1, headline, "date at the end of the headline")
    return found


def _names_day(body: str, day: date) -> bool:
    """Whether `body` names the day and month of `day` ("on 7 April", "April 7")."""
    month = day.strftime("%B")
    return re.search(rf"\b(?:{day.day}(?:st|nd|rd|th)?\s+(?:of\s+)?{month[:3]}[a-z]*\.?|{month[:3]}[a-z]*\.?\s+{day.day})"
                     r"(?!\d)", body, re.IGNORECASE) is not None


def _lines_below(t: _Text, start: int, paragraphs: int) -> int:
    """The index of the last line of the `paragraphs` paragraphs from line `start` on."""
    i, seen, n = start, 0, len(t.lines)
    while i < n:
        if t.lines[i].strip() and (i == start or not t.lines[i - 1].strip()):
            seen += 1
            if seen > paragraphs:
                return i - 1
        i += 1
    return n - 1


def raise_empty(path: str) -> NoReturn:
    from annotator.ingest.errors import IngestError

    raise IngestError(path, "no text to import")
