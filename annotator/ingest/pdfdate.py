"""Settling a PDF report's date from what the file carries besides its text: the file name, the
PDF's own metadata (document information and XMP) and its first page laid out by position.

Each rule only completes or settles what the text says, or fills a gap, and says so in the
item's date rule; none turns a guess into a date in silence:
- the file name (`report-2014-03-12.pdf`, `20140312.pdf`, `12-Mar-2014.pdf`): taken when the text
  has no date, to give the year of a date written without one ("le 20 juin") when day and month
  agree, and to settle an ambiguous `12/3/2014` when it is one of the two readings;
- the metadata (CreationDate, ModDate, xmp:CreateDate, dc:date): never the date by itself. It
  settles an ambiguous numeric date when exactly one reading is the metadata day or a few days
  before it (a document is written, then saved), and gives the year of a day and month written
  without one on the same terms. Otherwise it is named in the rule as a hint, the date left for
  the analyst to confirm;
- the document's own convention: other numeric dates in it that can only be read one way
  (`10/20/14`), else the name of a US agency or court at its head (month first). A document
  that mixes orders, or says nothing, keeps its ambiguous date flagged.
"""

from __future__ import annotations

import os
import re
from datetime import date
from dataclasses import dataclass, field
from typing import Any

from annotator.ingest.coalition import ParsedItem
from annotator.ingest.pubdate import find_publication_date, read_date_line


@dataclass
class PdfClues:
    """What a PDF says about its date besides its stored text."""

    metadata: list[tuple[str, str]] = field(default_factory=list)  # (field, iso date)
    laid_out_head: str | None = None  # the first page as pypdf's layout mode reads it, when the
    # stored text was read in its plain mode (a page of columns or a table)

_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("january", "jan", "janvier", "janv"), ("february", "feb", "février", "fevrier", "févr", "fevr"),
    ("march", "mar", "mars"), ("april", "apr", "avril", "avr"), ("may", "mai"), ("june", "jun", "juin"),
    ("july", "jul", "juillet", "juil"), ("august", "aug", "août", "aout"),
    ("september", "sep", "sept", "septembre"), ("october", "oct", "octobre"), ("november", "nov", "novembre"),
    ("december", "dec", "décembre", "decembre", "déc"),
)
_MONTH_OF = {name: k + 1 for k, names in enumerate(_MONTH_NAMES) for name in names}
_MONTH_RX = "|".join(sorted(_MONTH_OF, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
# Dates in file names: 2014-03-12, 2014_03_12, 20140312, 12-Mar-2014, Mar-12-2014 (a four-digit
# year always; "4-6-16" is left alone: its order and century are both guesses).
_NAME_PATTERNS = (
    re.compile(rf"(?<!\d)(?P<y>{_YEAR})(?P<s>[-_. ])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?!\d)"),
    re.compile(rf"(?<!\d)(?P<y>{_YEAR})(?P<m>\d{{2}})(?P<d>\d{{2}})(?!\d)"),
    re.compile(rf"(?<![\d\w])(?P<d>\d{{1,2}})[-_. ]?(?P<mn>{_MONTH_RX})\.?[-_. ]?(?P<y>{_YEAR})(?!\d)", re.IGNORECASE),
    re.compile(rf"(?<![^\W\d_])(?P<mn>{_MONTH_RX})\.?[-_. ]?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[-_., ]+(?P<y>{_YEAR})(?!\d)",
               re.IGNORECASE),
)
# A day and month written without a year: "20 juin", "le 1er mars", "June 20"; a text layer may
# lose the spaces ("le20juin") or split a year ("Janvier 20 21", a month and year: not a day).
_DAY_MONTH = re.compile(
    rf"(?<![\d/.-])(?:(?P<d1>\d{{1,2}})(?:er|st|nd|rd|th)?\s*(?:of\s+)?(?P<m1>{_MONTH_RX})\.?(?![^\W\d_])"
    rf"|(?<![^\W\d_])(?P<m2>{_MONTH_RX})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?!\s*\d))"
    rf"(?!,?\s*(?:de\s+)?{_YEAR})",
    re.IGNORECASE)
# How long after a date a PDF may be saved and still settle it (a report written on the 20th,
# saved as PDF on the 21st); a day before allows for the metadata's time zone.
SAVED_WITHIN_DAYS = 7
HEAD_CHARS = 1500  # where a cover's date sits


def name_date(path: str) -> tuple[str, str] | None:
    """(iso date, as written) for the one date a file name carries, else None (no date, two
    different dates, or an impossible one)."""
    stem = os.path.splitext(os.path.basename(path))[0]
    found: dict[str, str] = {}
    for rx in _NAME_PATTERNS:
        for m in rx.finditer(stem):
            month = int(m.group("m")) if "m" in rx.groupindex else _MONTH_OF[m.group("mn").lower()]
            try:
                found.setdefault(date(int(m.group("y")), month, int(m.group("d"))).isoformat(), m.group(0))
            except ValueError:
                continue
    if len(found) != 1:
        return None
    [(iso, written)] = found.items()
    return iso, written


def metadata_dates(reader: Any) -> list[tuple[str, str]]:  # noqa: ANN401 - a pypdf reader
    """[(field, iso date)] from the document information and XMP metadata, as the file writes
    them (the local day of the time written, not converted to UTC). Unreadable fields are skipped."""
    out: list[tuple[str, str]] = []

    def add(label: str, get: Any) -> None:  # noqa: ANN401
        try:
            value = get()
        except Exception:  # noqa: BLE001 - malformed metadata is common and never fatal
            return
        for v in value if isinstance(value, list) else [value]:
            if hasattr(v, "year"):
                iso = date(v.year, v.month, v.day).isoformat()
                if (label, iso) not in out:
                    out.append((label, iso))

    info = _safe(lambda: reader.metadata)
    if info is not None:
        add("CreationDate", lambda: info.creation_date)
        add("ModDate", lambda: info.modification_date)
    xmp = _safe(lambda: reader.xmp_metadata)
    if xmp is not None:
        add("xmp:CreateDate", lambda: xmp.xmp_create_date)
        add("dc:date", lambda: xmp.dc_date)
    return out


def _safe(get: Any) -> Any:  # noqa: ANN401
    try:
        return get()
    except Exception:  # noqa: BLE001 - pypdf raises several kinds on broken metadata
        return None


def _saved_after(day: date, meta: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The first metadata date that is `day` or up to SAVED_WITHIN_DAYS after it."""
    for label, iso in meta:
        lag = (date.fromisoformat(iso) - day).days
        if -1 <= lag <= SAVED_WITHIN_DAYS:
            return label, iso
    return None


def _day_month(text: str) -> tuple[int, int, str] | None:
    m = _DAY_MONTH.search(text)
    if not m:
        return None
    day = int(m.group("d1") or m.group("d2"))
    month = _MONTH_OF[(m.group("m1") or m.group("m2")).lower()]
    return (day, month, m.group(0).strip()) if 1 <= day <= 31 else None


def settle(item: ParsedItem, path: str, text: str, clues: PdfClues) -> None:
    """Complete, settle or fill the date of a one-report PDF `item` from its first page as laid
    out, its file name and its metadata; the rule says which and how. `text` is the stored text."""
    parts = item.parts
    if parts is None:
        return
    meta = clues.metadata
    from_name = name_date(path)
    if item.date is None and parts.date_line is None and clues.laid_out_head:
        # the plain mode put the cover's date out of the head or left it out (a table, a date in
        # a corner): the same page read by position
        found = find_publication_date(clues.laid_out_head.splitlines(), tail=0)
        if found.line is not None:
            parts.date_line, parts.date_line_no = found.line, None  # not a line of the stored text
            where = "in page 1 as pypdf lays it out (the stored text has it elsewhere or not at all)"
            if found.date is not None:
                same = "; the file name agrees" if from_name and from_name[0] == found.date else ""
                _take(item, found.date, f"{found.rule}, {where}{same}")
                return
            parts.date_rule = f"{found.rule}: {' or '.join(found.candidates)}, {where}"
    if item.date is not None:
        if from_name and from_name[0] == item.date:
            parts.date_rule = f"{parts.date_rule}; the file name agrees"
        return
    rule = parts.date_rule or "no date line found"
    settled = rule.replace("day/month order unknown", "two readings")  # the wording once one is chosen
    # an ambiguous numeric date: one of its readings named by the file name or the metadata
    got = read_date_line(parts.date_line) if parts.date_line else None
    candidates = got[2] if got else []
    if candidates:
        if from_name and from_name[0] in candidates:
            _take(item, from_name[0], f"{settled}; the file name's date ({from_name[1]}) is one of them")
            return
        saved = [(c, s) for c in candidates if (s := _saved_after(date.fromisoformat(c), meta))]
        if len(saved) == 1:
            (c, (label, iso)), = saved
            _take(item, c, f"{settled}; only {c} is on or a few days before the PDF's {label} ({iso})")
            return
        order = numeric_order(text)
        if order is not None and len(candidates) == 2:  # candidates: the day-first reading first
            _take(item, candidates[0] if order[0] else candidates[1], f"{settled}; read {order[1]}")
            return
    # a day and month without a year near the top
    partial = _day_month(text[:HEAD_CHARS]) if not candidates else None
    if partial:
        day, month, written = partial
        if from_name:
            named = date.fromisoformat(from_name[0])
            if (named.day, named.month) == (day, month):
                _take(item, from_name[0], f"'{written}' without a year; the year from the file name's date "
                                          f"({from_name[1]})")
                return
        for label, iso in meta:
            saved_on = date.fromisoformat(iso)
            for year in (saved_on.year, saved_on.year - 1):
                try:
                    guess = date(year, month, day)
                except ValueError:
                    continue
                if -1 <= (saved_on - guess).days <= SAVED_WITHIN_DAYS:
                    _take(item, guess.isoformat(), f"'{written}' without a year; the year from the PDF's {label} "
                                                   f"({iso}), a few days after it")
                    return
    if partial:  # the file name or metadata says another day: the analyst decides
        parts.date_rule = f"{rule}; the text names '{partial[2]}' without a year" + (
            f", the file name {from_name[1]}" if from_name else "")
        return
    if from_name and not candidates:
        named = date.fromisoformat(from_name[0])
        agrees = _saved_after(named, meta)
        note = f"; the PDF's {agrees[0]} ({agrees[1]}) agrees" if agrees else ""
        _take(item, from_name[0], f"no date in the text; the date in the file name ({from_name[1]}){note}")
        return
    if meta:  # a hint only: the analyst confirms
        label, iso = meta[0]
        parts.date_rule = f"{rule}; the PDF's {label} is {iso} (not taken: confirm the date)"


# A document recognisably from a US agency, court or government writes numeric dates month first.
_US_DOCUMENT = re.compile(
    r"Federal Register|Supreme Court of the United States|Code of Federal Regulations|\b\d+\s+CFR\b|\bUSDA\b|"
    r"United States (?:District|Court|Department|Government|Senate|House of Representatives|Attorney|Code|Army)|"
    r"\bU\.\s?S\.\s+(?:Department|Government|District|Court|Senate|House|Attorney|Army|Navy|Air Force|Census|"
    r"Embassy|Code|Agency|Government Publishing)", re.IGNORECASE)
_NUMERIC_DATES = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.])")
ORDER_CHARS = 20000  # how much of a document is read for how it writes its dates


def numeric_order(text: str) -> tuple[bool, str] | None:
    """(day first?, why) for a document whose own numeric dates show their order (`10/20/14` can
    only be month first, `20/10/14` day first; both kinds: no order), else whose head names a US
    agency or court (month first); None when neither says."""
    day_first = month_first = None
    for m in _NUMERIC_DATES.finditer(text[:ORDER_CHARS]):
        a, b = int(m.group(1)), int(m.group(3))
        if 12 < a <= 31 and 1 <= b <= 12:
            day_first = day_first or m.group(0)
        elif 12 < b <= 31 and 1 <= a <= 12:
            month_first = month_first or m.group(0)
    if day_first and month_first:
        return None  # the document mixes orders: no guess
    if day_first or month_first:
        return (True, f"day first, as the document's own {day_first} is written") if day_first else (
            False, f"month first, as the document's own {month_first} is written")
    us = _US_DOCUMENT.search(text[:HEAD_CHARS * 2])
    return (False, f"month first, a US document ('{us.group(0)}')") if us else None


def _take(item: ParsedItem, iso: str, rule: str) -> None:
    assert item.parts is not None
    item.date = iso
    item.parts.date_rule = rule
    item.parts.needs_date = False
