"""The publication date of a single report, read from the outlet's own date line.

Outlets write dates in many styles: `March 3, 2018`, `3 Mar 2018`, `Sat 3 Mar 2018`,
`2018-03-03`, `Published: 2018/03/03 09:15`, `Updated 3 March 2018`, `AP , Saturday 3 Mar 2018`,
`Saturday 3, March 2018 at 9:15 AM`, `08:41, February 04, 2013`, `الثلاثاء ٢٨ مارس ٢٠١٧`,
`الأربعاء 22 آذار 2017`. A line is read as a date line only when the date is most of it (or it
is labelled "Published", "Updated", ...): a photo caption or a sentence that names a day is never
taken for the publication date. Arabic digits and the Levantine (آذار) and Egyptian (مارس)
month names are turned into their English forms first; python-dateutil then reads the date, and
only a date with day, month and year all written counts (dateutil fills missing parts from a
default date: the text is parsed against two defaults and must give the same date both times).

A numeric `04/03/2018` is day-first or month-first depending on the outlet: the outlet's known
order decides, and without one the date is left for the analyst to confirm. Never a guess.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime

from dateutil import parser as du_parser

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)

# Arabic month names, Levantine (Syria, Lebanon, Iraq, Jordan) and Egyptian/Gulf (transliterated
# Latin names), with the spellings outlets use (hamza or not, ه or و endings). Two-word names
# come first so that "كانون الثاني" is not read as "كانون".
ARABIC_MONTHS: tuple[tuple[str, str], ...] = (
    ("كانون الثاني", "January"), ("كانون ثاني", "January"), ("تشرين الأول", "October"), ("تشرين أول", "October"),
    ("تشرين الاول", "October"), ("تشرين الثاني", "November"), ("تشرين ثاني", "November"),
    ("كانون الأول", "December"), ("كانون الاول", "December"), ("كانون أول", "December"),
    ("شباط", "February"), ("آذار", "March"), ("اذار", "March"), ("أذار", "March"), ("نيسان", "April"),
    ("أيار", "May"), ("ايار", "May"), ("حزيران", "June"), ("تموز", "July"), ("آب", "August"),
    ("أيلول", "September"), ("ايلول", "September"),
    ("يناير", "January"), ("فبراير", "February"), ("مارس", "March"), ("أبريل", "April"), ("إبريل", "April"),
    ("ابريل", "April"), ("مايو", "May"), ("يونيو", "June"), ("يونيه", "June"), ("يوليو", "July"),
    ("يوليه", "July"), ("أغسطس", "August"), ("اغسطس", "August"), ("سبتمبر", "September"),
    ("أكتوبر", "October"), ("اكتوبر", "October"), ("نوفمبر", "November"), ("ديسمبر", "December"),
)
ARABIC_WEEKDAYS = ("السبت", "الأحد", "الاحد", "الإثنين", "الاثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس",
                   "الجمعة")
_AR_LETTER = "\u0621-\u064A\u0671-\u06D3"  # letters only: the Arabic comma and digits are word ends
_AR_MONTH_RX = re.compile(
    rf"(?<![{_AR_LETTER}])(" + "|".join(re.escape(a) for a, _ in ARABIC_MONTHS) + rf")(?![{_AR_LETTER}])")
_AR_MONTH = dict(ARABIC_MONTHS)
_AR_NOISE = re.compile(rf"(?<![{_AR_LETTER}])(?:" + "|".join(ARABIC_WEEKDAYS) +
                       rf"|يوم|بتوقيت|غرينتش|غرينيتش|الساعة|نشر|في|بتاريخ|تاريخ|النشر|آخر تحديث|تحديث)(?![{_AR_LETTER}])")

_MONTHS = ("january february march april may june july august september october november december").split()

# Month names of the European and Turkish outlets analysts also read (French, Spanish, Portuguese,
# Italian, German, Romanian, Turkish), written in full or abbreviated, turned into English before
# dateutil reads them: "07 decembrie 2019", "jueves, 09 enero 2014", "15. Mai 2019", "3 mars 2018".
EUROPEAN_MONTHS: dict[str, tuple[str, ...]] = {
    "January": ("janvier", "janv", "enero", "janeiro", "gennaio", "januar", "jänner", "jaenner", "ianuarie", "ocak"),
    "February": ("février", "fevrier", "févr", "fevr", "febrero", "fevereiro", "febbraio", "februar", "februarie",
                 "şubat", "subat"),
    "March": ("mars", "marzo", "março", "marco", "märz", "maerz", "martie", "mart"),
    "April": ("avril", "avr", "abril", "aprile", "aprilie", "nisan"),
    "May": ("mai", "mayo", "maio", "maggio", "mayıs", "mayis"),
    "June": ("juin", "junio", "junho", "giugno", "juni", "iunie", "haziran"),
    "July": ("juillet", "juil", "julio", "julho", "luglio", "juli", "iulie", "temmuz"),
    "August": ("août", "aout", "agosto", "ağustos", "agustos"),
    "September": ("septembre", "septiembre", "setiembre", "setembro", "settembre", "septembrie", "eylül", "eylul"),
    "October": ("octobre", "octubre", "outubro", "ottobre", "oktober", "octombrie", "ekim"),
    "November": ("novembre", "noviembre", "novembro", "noiembrie", "kasım", "kasim"),
    "December": ("décembre", "decembre", "déc", "diciembre", "dezembro", "dicembre", "dezember", "decembrie",
                 "aralık", "aralik"),
}
_EU_MONTH = {w: en for en, words in EUROPEAN_MONTHS.items() for w in words}
_EU_MONTH_RX = re.compile(r"(?<![^\W\d_])(" + "|".join(sorted(map(re.escape, _EU_MONTH), key=len, reverse=True)) +
                          r")\.?(?![^\W\d_])", re.IGNORECASE)
# "9 de enero de 2014", "3 de março de 2018": the connectors go once the month is English
_DE = re.compile(r"(\d{1,2})\s+de\s+([A-Z][a-z]+)\s+(?:de\s+|del\s+)?((?:19|20)\d{2})")
_MONTH_WORD = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
               r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"(?:19|20)\d{2}"
# Where a date sits in a line: "3 March 2018", "March 3, 2018", "Saturday 3, March 2018",
# "December 29th, 2019", "2018-03-03", "2018/03/03", "03/04/2018" (the last one may be ambiguous).
_TEXTUAL = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th|\.)?,?\s+(?:of\s+)?{_MONTH_WORD},?\s+{_YEAR}"
    rf"|{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR})\b",
    re.IGNORECASE)
_ISO = re.compile(rf"\b({_YEAR})([-/.])(\d{{1,2}})\2(\d{{1,2}})\b")
_NUMERIC = re.compile(rf"\b(\d{{1,2}})([-/.])(\d{{1,2}})\2({_YEAR})\b")
_LABEL = re.compile(
    r"^\W*(?:published|updated|last\s+updated|posted|first\s+published|date|dated|released|issued|modified|"
    r"nashr|تاريخ\s+النشر|نشر\s+في|آخر\s+تحديث|تاريخ)\b", re.IGNORECASE)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|gmt|utc|[+-]\d{2}:?\d{2}|h\b|uhr\b)?",
                    re.IGNORECASE)
_WEEKDAY_WORD = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.IGNORECASE)
_EU_WEEKDAY = re.compile(
    r"(?<![^\W\d_])(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|"
    r"s[áa]bado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|luni|mar[țt]i|miercuri|joi|"
    r"vineri|s[âa]mb[ăa]t[ăa]|duminic[ăa]|pazartesi|sal[ıi]|[çc]ar[şs]amba|per[şs]embe|cuma|cumartesi|pazar)"
    r"(?![^\W\d_])", re.IGNORECASE)
# Page furniture that shares a date line on some sites: "Xinhua, December 13, 2015 Adjust font size:"
_UI_WORDS = re.compile(r"\b(?:adjust\s+)?(?:font|text)\s+size\b|\bA\+\s*A-|\bprint\b|\be-?mail\b", re.IGNORECASE)
_FILLER = re.compile(r"\b(?:at|on|the|by|gmt|utc|am|pm|a\.m\.|p\.m\.|local\s+time|time)\b", re.IGNORECASE)

# A date line is mostly date: what is left once the date, weekday, clock and label are taken out
# must be this short (a byline or an agency name may share the line: "AP , Saturday 3 Mar 2018").
MAX_REST = 32
# Lines looked at from the top of a report (headline, kicker, byline, date, dateline), blank
# lines not counted (a PDF or a page copied from a browser may put one after every line).
HEAD_LINES = 14

_DEFAULTS = (datetime(1904, 2, 29, 0, 0), datetime(1911, 11, 11, 0, 0))


@dataclass
class DateFinding:
    """What was read: the date (None when unknown or ambiguous), where and by which rule."""

    date: str | None
    line_no: int | None = None  # 1-based line in the text
    line: str | None = None
    rule: str | None = None
    candidates: list[str] = field(default_factory=list)  # for confirmation when ambiguous

    @property
    def needs_date(self) -> bool:
        return self.date is None


def normalise_arabic(text: str) -> str:
    """Arabic-Indic digits to ASCII, Arabic (and European) month names to English, Arabic weekday
    words dropped."""
    text = text.translate(_ARABIC_DIGITS)
    if _EU_MONTH_RX.search(text):
        text = _EU_MONTH_RX.sub(lambda m: _EU_MONTH[m.group(1).lower()], text)
        text = _DE.sub(r"\1 \2 \3", text)
    if not re.search(r"[\u0600-\u06FF]", text):
        return text
    text = _AR_MONTH_RX.sub(lambda m: " " + _AR_MONTH[m.group(1)] + " ", text)
    # "آذار/مارس", "مارس / آذار": one month written twice
    text = re.sub(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r")\s*/\s*\1\b", r"\1", text)
    text = _AR_NOISE.sub(" ", text)
    text = text.replace("،", ",").replace("ـ", " ")
    return re.sub(r"[ \t]+", " ", text)


def complete_date(fragment: str, dayfirst: bool = True) -> date | None:
    """The date `fragment` names with day, month and year all written, else None."""
    got = []
    for default in _DEFAULTS:
        try:
            with warnings.catch_warnings():  # "CEST": the zone is not needed for the day
                warnings.simplefilter("ignore", du_parser.UnknownTimezoneWarning)
                got.append(du_parser.parse(fragment, default=default, dayfirst=dayfirst, fuzzy=True).date())
        except (ValueError, OverflowError, du_parser.ParserError):
            return None
    return got[0] if got[0] == got[1] else None


def _is_date_line(line: str, span: tuple[int, int]) -> bool:
    """Whether the date at `span` is most of `line`: what is left (less label, weekday, clock) is
    short, has no run of lowercase words (a sentence: "Talks were due on 5 March 2018.") and at
    most three Arabic words."""
    rest = line[:span[0]] + " " + line[span[1]:]
    rest = _LABEL.sub(" ", rest)
    for rx in (_CLOCK, _WEEKDAY_WORD, _EU_WEEKDAY, _UI_WORDS, _FILLER):
        rest = rx.sub(" ", rest)
    words = re.findall(r"[^\W\d_]+", rest)
    lowercase = sum(1 for w in words if w.isascii() and w[0].islower())
    arabic = sum(1 for w in words if re.match(r"[\u0621-\u064A]", w))
    return len("".join(words)) <= MAX_REST and lowercase < 2 and arabic <= 3


def read_date_line(line: str, day_first: bool | None = None) -> tuple[str | None, str, list[str]] | None:
    """(iso date or None, rule, candidates) when `line` is a date line, else None.

    `day_first` is the outlet's order for numeric dates (None: unknown)."""
    text = normalise_arabic(line)
    labelled = bool(_LABEL.match(text)) or _LABEL.match(line) is not None
    for rx, rule in ((_TEXTUAL, "written date"), (_ISO, "year-month-day"), (_NUMERIC, "numeric date")):
        for m in rx.finditer(text):
            if not labelled and not _is_date_line(text, m.span()):
                continue
            if not_publication(text, m.span()):
                continue
            if rx is _NUMERIC:
                return _numeric(m, day_first)
            if rx is _ISO:
                try:
                    return date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat(), rule, []
                except ValueError:
                    continue
            found = complete_date(m.group(0))
            if found:
                arabic = text is not line and re.search(r"[\u0600-\u06FF]", line)
                return found.isoformat(), ("Arabic written date" if arabic else rule), []
    return None


# A date that opens or closes a period ("January 1, 2012 - December 31, 2012", "For the Period
# Between August 1, 2012 to October 18, 2012", "7/10/2017 Through 7/16/2017") dates what the
# document covers, not when it came out; so does a date labelled as the day something takes
# effect, expires or is due ("Effective Date: 13 May 2013", "Age as on 01-01-2016").
_RANGE_WORD = r"(?:-{1,2}|–|—|to|through|thru|until|till|au|al|bis|hasta|à)"
_A_DATE = re.compile(rf"(?:{_WEEKDAY_WORD.pattern}\s*,?\s*)?(?:{_TEXTUAL.pattern}|\b{_YEAR}[-/.]\d{{1,2}}[-/.]\d{{1,2}}\b"
                     rf"|\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]{_YEAR}\b)", re.IGNORECASE)
_RANGE_AFTER = re.compile(rf"^\s*{_RANGE_WORD}\s*", re.IGNORECASE)
_RANGE_BEFORE = re.compile(rf"{_RANGE_WORD}\s*$", re.IGNORECASE)
_NOT_PUBLISHED = re.compile(
    r"\b(?:effective|valid(?:ity)?|expir(?:es|y|ation|ing)|deadline|due|closing|date\s+of\s+(?:audit|birth|death)|"
    r"born|died|as\s+on|in\s+force)\b", re.IGNORECASE)


def not_publication(text: str, span: tuple[int, int]) -> bool:
    """Whether the date at `span` in a date line is one end of a period or a labelled
    effective/expiry/due date rather than a publication date."""
    before, after = text[:span[0]], text[span[1]:]
    m = _RANGE_AFTER.match(after)
    if m and _A_DATE.match(after[m.end():]):
        return True
    m = _RANGE_BEFORE.search(before)
    if m and _A_DATE.search(before[:m.start()].rstrip()[-40:]):
        return True
    return bool(_NOT_PUBLISHED.search(before[-60:]))


def _numeric(m: re.Match, day_first: bool | None) -> tuple[str | None, str, list[str]] | None:
    a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    options = []
    for day, month, order in ((a, b, "day first"), (b, a, "month first")):
        try:
            options.append((date(year, month, day).isoformat(), order))
        except ValueError:
            pass
    if not options:
        return None
    if len(options) == 1 or options[0][0] == options[1][0]:
        return options[0][0], "numeric date (only one reading)", []
    if day_first is None:
        return None, "numeric date, day/month order unknown", [o[0] for o in options]
    chosen = options[0] if day_first else options[1]
    return chosen[0], f"numeric date, outlet writes {chosen[1]}", []


_SOCIAL = re.compile(r"\(@\w+\)|pic\.twitter\.com|@\w+\)?\s+\w+\s+\d")


def find_publication_date(lines: list[str], first_line: int = 1, day_first: bool | None = None,
                          tail: int = 4, last_head: int | None = None) -> DateFinding:
    """The first date line among the report's head lines (and a labelled one among its last few
    lines, where some outlets put "Posted on ..."). `lines` are the report's lines; numbers are
    `first_line`-based. `last_head`: the last line index that can still be the head (the story's
    first lines), when the caller knows where the story starts."""
    filled = [i for i, line in enumerate(lines) if line.strip()]  # blank lines do not count
    head = filled[HEAD_LINES - 1] + 1 if len(filled) >= HEAD_LINES else len(lines)
    last_head = head if last_head is None else last_head
    picks = list(range(head)) + [i for i in filled[-tail:] if i >= head] if tail else list(range(head))
    # rows of a table or a list, each opening with its own date ("Oct. 25, 1999 Aberdeen, South
    # Dakota ...", "Feb. 17, 2002 San Juan ..."): none of them dates the document
    # a table's rows may run on below the head: they are counted over the first 60 lines
    rows = _dated_rows(lines[:filled[59] + 1] if len(filled) >= 60 else lines)
    ambiguous: DateFinding | None = None
    for i in picks:
        line = lines[i].strip()
        if not line or len(line) > 160:
            continue
        if (i >= head or i > last_head) and not _LABEL.match(normalise_arabic(line)):
            continue  # below the head only a labelled line counts
        if _SOCIAL.search(line):
            continue  # the signature of an embedded post: "— Name (@handle) January 6, 2020"
        if i in rows:
            continue
        got = read_date_line(line, day_first)
        if got is None:
            continue
        iso, rule, candidates = got
        finding = DateFinding(iso, first_line + i, line, rule, candidates)
        if iso is not None:
            return finding
        ambiguous = ambiguous or finding
    return ambiguous or DateFinding(None, rule="no date line found")


_ROW_LABEL = re.compile(r"\b(?:date|dated|published|publication|updated|issued|released|posted|version|as\s+of)\b",
                        re.IGNORECASE)


def _dated_rows(lines: list[str]) -> set[int]:
    """The lines of a table or list of dated entries among `lines`: unlabelled lines that carry a
    date and at least two more words ("Smith Anne retired 9/12/2012 100.00", "Feb. 17, 2002 San
    Juan ...") when two or more of them name different dates, and dates standing alone on their
    lines (a table's date column as a PDF lays it out) when three or more differ."""
    worded: dict[int, str] = {}
    bare: dict[int, str] = {}
    for i, line in enumerate(lines):
        text = normalise_arabic(line.strip())
        if not text or len(text) > 160 or _LABEL.match(text):
            continue
        m = _A_DATE.search(text)
        if not m:
            continue
        before, after = text[:m.start()], text[m.end():]
        words = len(re.findall(r"[^\W\d_]{2,}", before + " " + after))
        # a row goes on after its date ("... 9/12/2012 100.00"); a line ending with its date, or
        # labelled as one ("PUBLICATION DATE: 5 July 2017", "Endorsed ... on 30 May 2021"), is no row
        if words >= 2 and re.search(r"\w", after) and not _ROW_LABEL.search(before):
            worded[i] = m.group(0)
        elif words == 0:
            bare[i] = m.group(0)
    rows = set(worded) if len(set(worded.values())) >= 2 else set()
    return rows | (set(bare) if len(set(bare.values())) >= 3 else set())


_PARTIAL = re.compile(rf"\b(?:{_MONTH_WORD}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH_WORD})\b", re.IGNORECASE)


def month_day_hint(text: str) -> str | None:
    """A month and day without a year ("Nov 5" in a wire dateline, "22 آذار"): shown to the
    analyst as a hint when asking for the date, never stored as the date."""
    m = _PARTIAL.search(normalise_arabic(text))
    return m.group(0) if m else None
