"""Dates as analysts type them into a date field: `2017-03-16`, `16 Mar 2017`, `16/03/2017`,
`March 16`, `Thursday` or `yesterday` (against the item date), `March 2017` (the month), and
periods such as `1-5 March 2017` or `2017-03-01 to 2017-03-05`.

`parse(text, item_date)` returns (first, last) ISO dates; first == last for one day; None for
an empty field. Text it cannot read raises ValueError with a message for the analyst.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower(): n for n, name in enumerate(calendar.day_abbr)})
RELATIVE = {"today": 0, "yesterday": 1, "day before yesterday": 2}

_PERIOD = re.compile(r"\s*(?:\bto\b|\buntil\b|\btill\b|–|—|\.\.|\s-\s)\s*", re.I)
_DAY_RANGE = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})(?=\s*[a-z])", re.I)  # "1-5 March"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")  # day first, as in the region's press
_WORDS = re.compile(r"[a-z]+|\d+", re.I)

Parsed = tuple[str, str]


def _day(y: int, m: int, d: int) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise ValueError(f"there is no day {d} in {calendar.month_name[m] if 1 <= m <= 12 else m} {y}") from None


def _month(y: int, m: int) -> tuple[date, date]:
    if not 1 <= m <= 12:
        raise ValueError(f"no month {m}")
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _one(text: str, ref: date | None, year: int | None = None, month: int | None = None) -> tuple[date, date]:
    """One date or month; `year`/`month` fill what the text leaves out (the other end of a period)."""
    t = text.strip().lower().rstrip(".,")
    for prefix in ("on ", "in ", "of "):
        t = t.removeprefix(prefix)
    for part_of_day in (" morning", " afternoon", " evening", " night"):  # the day is what is recorded
        t = t.removesuffix(part_of_day)
    t = t.strip()
    if m := _ISO.match(t):
        d = _day(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    if m := _ISO_MONTH.match(t):
        return _month(int(m[1]), int(m[2]))
    if m := _NUMERIC.match(t):
        y = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        d = _day(y, int(m[2]), int(m[1]))
        return d, d
    if t in RELATIVE or t in WEEKDAYS or t.removeprefix("last ") in WEEKDAYS:
        if ref is None:
            raise ValueError(f"“{text.strip()}” needs the item date, and this item has none")
        if t in RELATIVE:
            d = ref - timedelta(days=RELATIVE[t])
        else:  # the latest such weekday on or before the item date, as news reports mean it
            back = (ref.weekday() - WEEKDAYS[t.removeprefix("last ")]) % 7
            d = ref - timedelta(days=back)
        return d, d
    words = _WORDS.findall(t)
    months = [MONTHS[w] for w in words if w in MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    unknown = [w for w in words if not w.isdigit() and w not in MONTHS and w not in WEEKDAYS and w != "of"]
    if unknown or len(months) > 1 or len(numbers) > 2:
        raise ValueError(f"cannot read “{text.strip()}” as a date (try 2017-03-16 or 16 Mar 2017)")
    years = [n for n in numbers if n > 31]
    days = [n for n in numbers if n <= 31]
    the_year = years[0] if years else year if year is not None else ref.year if ref else None
    mo = months[0] if months else month
    if the_year is None:
        raise ValueError(f"“{text.strip()}” has no year, and this item has no date to take it from")
    if mo is None:
        if days or not years:
            raise ValueError(f"cannot read “{text.strip()}” as a date (no month)")
        return date(the_year, 1, 1), date(the_year, 12, 31)
    if not days:
        return _month(the_year, mo)
    d = _day(the_year, mo, days[0])
    return d, d


# Dates a conflict report can mean; 0001-01-01 or 9999-12-31 is a typo or a placeholder.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def plausible(d: date) -> date:
    """`d`, or ValueError when its year is outside FIRST_YEAR..LAST_YEAR."""
    if not FIRST_YEAR <= d.year <= LAST_YEAR:
        raise ValueError(f"{d.isoformat()} is outside {FIRST_YEAR}-{LAST_YEAR}: a typo or a placeholder?")
    return d


def parse(text: str, item_date: str | None) -> Parsed | None:
    """(first, last) ISO dates for what the analyst typed; None when the field is empty. What
    the field's own forms do not cover ("last week", "since 2011", "over the past five days",
    "yesterday evening") is read as the date tagger reads it in a report."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return _parse(text, item_date)
    except ValueError as own:
        found = _as_tagger_reads_it(text, item_date)
        if found is None:
            raise own from None
        return found


def _as_tagger_reads_it(text: str, item_date: str | None) -> Parsed | None:
    from annotator.tagging.dates import find_dates  # the taggers load on first use

    best = max(find_dates(text, item_date or ""), key=lambda m: m.end - m.start, default=None)
    if best is None or (best.end - best.start) * 2 < len(text):
        return None  # the tagger read only a small part of it: not what the analyst meant
    if best.value is not None:
        return best.value.isoformat(), best.value.isoformat()
    if best.first is None or best.last is None:
        return None
    return best.first.isoformat(), best.last.isoformat()


def _parse(text: str, item_date: str | None) -> Parsed:
    try:
        ref = date.fromisoformat((item_date or "")[:10])
    except ValueError:
        ref = None
    parts = [p for p in _PERIOD.split(_DAY_RANGE.sub(r"\1 to \2", text)) if p.strip()]
    if len(parts) > 2:
        raise ValueError(f"cannot read “{text}”: a period has two ends")
    if len(parts) == 1:
        first, last = _one(parts[0], ref)
    else:
        end_first, last = _one(parts[1], ref)
        # "1-5 March 2017": the first end takes the month and year of the second
        first, _ = _one(parts[0], ref, year=end_first.year, month=end_first.month)
        if first > last:
            first, last = last, first
    return plausible(first).isoformat(), plausible(last).isoformat()


def shown(first: str | None, last: str | None) -> str:
    """How the field shows a stored date or period."""
    if first and last and first != last:
        return f"{first} to {last}"
    return first or last or ""
