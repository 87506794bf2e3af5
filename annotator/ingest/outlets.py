"""Outlets analysts read, how to recognise them, and the dateline that opens a report.

An outlet is recognised from the report itself (an agency in its dateline: `BEIRUT (AFP) —`,
`Hama, SANA –`; a credit line such as `Reuters News` or `Source: Xinhua`), from a saved page's
site name, or from the file name (`sana-118209.txt`). `day_first` is the outlet's order for
numeric dates where it is known: Arabic-language and European outlets write day first, US
outlets month first. An outlet not listed here has no known order, and an ambiguous numeric date
from it is left for the analyst to confirm.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from annotator.ingest.pubdate import complete_date


@dataclass(frozen=True)
class Outlet:
    name: str
    patterns: tuple[str, ...]  # how the outlet names itself in text (case-sensitive words)
    slugs: tuple[str, ...]  # how it shows in file names and web addresses
    day_first: bool | None = None


OUTLETS: tuple[Outlet, ...] = (
    Outlet("AFP", ("AFP", "Agence France-Presse", "Agence France Presse"), ("afp",), True),
    Outlet("Reuters", ("Reuters",), ("reuters",), True),
    Outlet("AP", ("AP", "Associated Press"), ("apnews", "ap-"), False),
    Outlet("Xinhua", ("Xinhua",), ("xinhua", "xinhuanet"), None),
    Outlet("SANA", ("SANA", "سانا"), ("sana",), True),
    Outlet("Al Jazeera", ("Al Jazeera", "الجزيرة"), ("aljazeera",), True),
    Outlet("France 24", ("France 24", "FRANCE 24"), ("france24",), True),
    Outlet("SOHR", ("Syrian Observatory For Human Rights", "SOHR", "المرصد السوري"), ("syriahr", "sohr"), True),
    Outlet("SNHR", ("SNHR", "Syrian Network for Human Rights", "الشبكة السورية"), ("snhr", "sn4hr"), True),
    Outlet("Syria Direct", ("Syria Direct",), ("syriadirect", "syria-direct"), True),
    Outlet("Enab Baladi", ("Enab Baladi", "عنب بلدي"), ("enabbaladi", "enab-baladi"), True),
    Outlet("SMART", ("SMART News", "SMART"), ("smartnews", "smart-news"), True),
    Outlet("Orient News", ("Orient News", "أورينت"), ("orient-news", "orientnews"), True),
    Outlet("North Press", ("North Press", "نورث برس"), ("npasyria", "north-press", "northpress"), True),
    Outlet("Anadolu", ("Anadolu Agency", "Anadolu", "AA"), ("aa.com.tr", "anadolu"), True),
    Outlet("UN News", ("UN News", "United Nations"), ("news.un.org", "un-news", "unnews"), True),
    Outlet("OCHA", ("OCHA",), ("ocha", "reliefweb"), True),
    Outlet("Al Arabiya", ("Al Arabiya", "العربية"), ("alarabiya",), True),
    Outlet("Asharq Al-Awsat", ("Asharq Al-Awsat", "الشرق الأوسط"), ("aawsat",), True),
    Outlet("Zaman al-Wasl", ("Zaman al-Wasl", "زمان الوصل"), ("zamanalwsl",), True),
    Outlet("DW", ("Deutsche Welle", "DW"), ("dw.com", "deutsche-welle"), True),
)
_BY_NAME = {o.name.lower(): o for o in OUTLETS}
_WORD_RX = {o.name: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in o.patterns) + r")(?!\w)")
            for o in OUTLETS}


def outlet_named(name: str | None) -> Outlet | None:
    return _BY_NAME.get(name.lower()) if name else None


def outlet_in_text(text: str) -> Outlet | None:
    """The first listed outlet named in `text` (a dateline, credit line or site name)."""
    hits = [(m.start(), i, o) for i, o in enumerate(OUTLETS) if (m := _WORD_RX[o.name].search(text))]
    return min(hits)[2] if hits else None


def outlet_from_path(path: str) -> Outlet | None:
    """The outlet a file's name points at (`sana-118209.txt`, `Reuters_Idlib.txt`)."""
    stem = os.path.basename(path).lower()
    for o in OUTLETS:
        if any(re.search(r"(?<![a-z])" + re.escape(slug), stem) for slug in o.slugs):
            return o
    return None


# A dateline opens the first paragraph: a place in capitals or a capitalised place followed by an
# agency, then a dash or colon. `BEIRUT (AFP) —`, `AMMAN (Reuters) -`, `QAMISHLI, Syria (North
# Press) –`, `Hama, SANA –`, `Damascus, SANA-`, `DAMASCUS, Feb. 3 (Xinhua) --`, `GENEVA, March 3
# (Reuters) -`, `BEIRUT -`, `BEIRUT Nov 5` (a Reuters wire without a dash), `حماة، سانا -`, and the
# dated datelines of UN statements and press releases: `DAMASCUS, 19 March 2020 –`.
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_PLACE_CAPS = r"[A-Z][A-Z'\-]+(?:\s+[A-Z][A-Z'\-]+){0,2}"
_PLACE = r"[A-Z][a-z'\-]+(?:[\s\-][A-Z][a-z'\-]+){0,2}"
# A hyphen or colon needs a space after it ("Tit-for-tat" is a word), unless it follows a capital
# or a parenthesis ("Hasaka, SANA-US forces", "(Reuters)-").
_DASH = r"\s*(?:—|–)\s*|\s*(?:-{1,2}|:)\s+|(?<=[A-Z)])-{1,2}"
DATELINE = re.compile(
    rf"^(?P<dateline>(?P<place>{_PLACE_CAPS}|{_PLACE})(?:,\s*(?P<region>{_PLACE}))?"
    rf"(?:,?\s*(?:(?P<full>\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d{{2}}|{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d{{2}})"
    rf"|(?P<md>{_MONTH}\s+\d{{1,2}})))?"
    rf"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .&\-]{{1,30}})\)|,\s*(?P<agency2>[A-Z][A-Za-z]{{1,12}}(?:\s[A-Z][a-z]+)?)(?=\s*[—–\-]))?"
    rf"(?P<sep>{_DASH}|\s+(?=[A-Z][a-z]))"
    r")")
_AR_DATELINE = re.compile(r"^(?P<dateline>(?P<place>[\u0621-\u064A]+(?:\s[\u0621-\u064A]+)?)\s*[،,]\s*"
                          r"(?P<agency>سانا|عنب بلدي|نورث برس)\s*[-–—]\s*)")
# Words that open a line with a colon or dash but are not places.
_NOT_PLACES = {"Source", "Note", "Update", "Updated", "Photo", "Editor", "Credit", "Reporting", "Published",
               "Posted", "Read", "Related", "Share", "Comment", "Comments", "Warning", "Watch", "Video", "Breaking",
               "Live", "Exclusive", "Analysis", "Opinion", "Q", "A", "Press", "Statement", "Summary", "Tags"}


@dataclass
class Dateline:
    text: str  # as written, without the trailing dash
    place: str
    agency: str | None
    month_day: str | None  # "Feb. 3" in a wire dateline: a hint, never the date by itself
    end: int  # where the story's first word starts, relative to the paragraph
    full_date: str | None = None  # "DAMASCUS, 19 March 2020 –": a dated dateline (UN statements)


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening `paragraph`, or None. A capitalised place needs an agency or a dash
    after it; a place in capitals may stand alone before the text (`BEIRUT Nov 5 At least`)."""
    m = _AR_DATELINE.match(paragraph)
    if m:
        return Dateline(m.group("dateline").rstrip(" -–—"), m.group("place"), m.group("agency"), None, m.end())
    m = DATELINE.match(paragraph)
    if not m:
        return None
    place = m.group("place")
    if place.split()[0].strip("'-") in _NOT_PLACES:
        return None
    agency = m.group("agency") or m.group("agency2")
    caps = place.isupper() and len(place) > 2
    sep = m.group("sep").strip()
    if not caps and not agency and (sep in ("", ":") or len(place.split()) > 2):
        return None  # "Syrian forces killed ..." is a sentence; "Paris – The ..." is a dateline
    if not sep and not (caps and (m.group("md") or m.group("region"))):
        return None  # a bare capitalised word before the text needs a date to count ("BEIRUT Nov 5")
    if sep == ":" and not caps:
        return None
    text = m.group("dateline").rstrip().rstrip("—–-:").rstrip()
    full = complete_date(m.group("full")) if m.group("full") else None
    return Dateline(text, place, agency, m.group("md"), m.end(), full.isoformat() if full else None)
