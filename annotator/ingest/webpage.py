"""A saved web page that is one report: the article only, and its metadata.

trafilatura finds the article (navigation, asides, "read more" boxes, comments, footers, scripts
and styles dropped) and reads the headline, author and site name. The publication date is read
here, before any text, from the page's own markup, in this order: `article:published_time` (Open
Graph) and similar meta tags, JSON-LD `datePublished`, then the first `<time datetime>`. Only a
date written in full counts; a page without one is imported with the date unknown (trafilatura's
own date guessing from URLs and text is not used: it can guess wrong, silently).

The text stored for the page (and that offsets point into) is the headline, the date line as the
page wrote it, and the article's paragraphs, separated by blank lines, so that the single-report
layout reads it as it reads copied text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from annotator.ingest.pubdate import complete_date, find_publication_date

# Strongest first: the publication time in Open Graph and schema.org; then names some sites use
# for it and others for the last change (read only when nothing better is there, and checked
# against the date written in the article: a disagreement is asked, never settled silently).
_META_DATES = (
    ("property", "article:published_time"), ("property", "og:article:published_time"),
    ("name", "article:published_time"), ("property", "og:published_time"), ("itemprop", "datePublished"),
)
_WEAK_META_DATES = (
    ("name", "pubdate"), ("property", "og:pubdate"), ("name", "publishdate"), ("name", "dc.date.issued"),
    ("name", "DC.date.issued"), ("name", "dcterms.created"), ("name", "parsely-pub-date"), ("name", "date"),
    ("name", "sailthru.date"),
)
_ISO_START = re.compile(r"^\s*((?:19|20)\d{2})-(\d{2})-(\d{2})")


@dataclass
class WebArticle:
    text: str  # headline, date line, paragraphs
    headline: str | None
    outlet: str | None
    byline: str | None
    date: str | None
    date_rule: str | None
    date_line: str | None
    conflict: bool = False  # the markup and the article's own date line disagree: to be confirmed


def _iso(value: str | None) -> str | None:
    m = _ISO_START.match(value or "")
    if not m:  # "Tue Jul 30 09:35:14 CEST 2019": read only when day, month and year are all there
        found = complete_date(value or "") if value and len(value) < 60 else None
        return found.isoformat() if found else None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _json_ld_dates(tree) -> list[tuple[str, str]]:  # noqa: ANN001 - lxml element
    found: list[tuple[str, str]] = []

    def walk(node) -> None:  # noqa: ANN001 - JSON value
        if isinstance(node, dict):
            for key in ("datePublished", "dateCreated"):  # created: when a page gives no published
                if isinstance(node.get(key), str):
                    found.append((key, node[key]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text_content() or "null"))
        except ValueError:
            continue
    return found


# A timestamp in UTC names the outlet's day only once its time zone is known: 23:01Z is the next
# day in Rome, 01:09Z the day before in Denver. The page's language and region (og:locale,
# <html lang>) give the range of UTC offsets its outlet can be in; a page that says nothing is
# taken to be from anywhere between the Americas and the Middle East, the outlets analysts read.
# When the UTC time falls on different days across that range, the day is not taken from the
# timestamp: the article's own date line settles it, or the analyst is asked.
_ZONES = {
    "en-us": (-10, -4), "en-ca": (-8, -3), "es-us": (-10, -4), "en-gb": (0, 1), "en-ie": (0, 1), "pt-pt": (0, 1),
    "en-au": (8, 11), "en-nz": (12, 13), "ja": (9, 9), "ko": (9, 9), "zh": (8, 8), "en-in": (5, 6), "hi": (5, 6),
    "ar": (2, 4), "fa": (3, 4), "he": (2, 3), "tr": (3, 3), "ru": (2, 12), "uk": (2, 3), "es-ar": (-3, -3),
    "pt-br": (-5, -2), "es-mx": (-8, -5), "en": (-10, 1), "es": (-8, 2), "pt": (-5, 1),
    "de": (1, 2), "fr": (1, 2), "it": (1, 2), "nl": (1, 2), "sv": (1, 2), "da": (1, 2), "nb": (1, 2), "pl": (1, 2),
    "fi": (2, 3), "el": (2, 3), "cs": (1, 2),
}
_DEFAULT_ZONES = (-8, 4)
_STAMP = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})\s*$")


def page_zones(tree) -> tuple[int, int]:  # noqa: ANN001 - lxml element
    """The UTC offsets (hours, lowest and highest) the page's outlet can be in."""
    values = [n.get("content") for n in tree.xpath('//meta[@property="og:locale"]')] + tree.xpath("/html/@lang")
    for value in values:
        tag = (value or "").strip().lower().replace("_", "-")
        if tag in _ZONES:
            return _ZONES[tag]
        if tag.split("-")[0] in _ZONES:
            return _ZONES[tag.split("-")[0]]
    return _DEFAULT_ZONES


def local_days(value: str, zones: tuple[int, int]) -> list[str]:
    """The outlet's possible days for a timestamp: one, or two when a UTC time falls on different
    days across the outlet's zones. A time written with its own non-zero offset is local already."""
    m = _STAMP.match(value)
    if not m or m.group(4) not in ("Z", "+00:00", "+0000", "-00:00"):
        iso = _iso(value)
        return [iso] if iso else []
    stamp = datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}:{m.group(3)}")
    return sorted({(stamp + timedelta(hours=h)).date().isoformat() for h in range(zones[0], zones[1] + 1)})


def page_date(tree) -> tuple[str | None, str | None, str | None]:  # noqa: ANN001 - lxml element
    """(iso date, rule, the value as written) from the page's markup, or Nones."""
    for attr, name in _META_DATES:
        for node in tree.xpath(f'//meta[@{attr}="{name}"]'):
            value = node.get("content")
            if _iso(value):
                return _iso(value), f'<meta {attr}="{name}">', value
    ld = _json_ld_dates(tree)
    for key, value in sorted(ld, key=lambda kv: kv[0] != "datePublished"):
        if _iso(value):
            return _iso(value), f"JSON-LD {key}", value
    for node in tree.xpath("//article//time[@datetime] | //time[@datetime]"):
        value = node.get("datetime")
        if _iso(value):
            return _iso(value), "<time datetime>", value
    for attr, name in _WEAK_META_DATES:
        for node in tree.xpath(f'//meta[@{attr}="{name}"]'):
            value = node.get("content")
            if _iso(value):
                return _iso(value), f'<meta {attr}="{name}">', value
    return None, None, None


def extract(html: str) -> WebArticle | None:
    """The article of a saved page, or None when the page holds no article text."""
    import lxml.html  # imported here: only saved web pages need lxml and trafilatura
    import trafilatura

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    when, rule, written = page_date(tree)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                      favor_precision=True, deduplicate=False,
                                      date_extraction_params={"extensive_search": False})
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():  # (dict only with as_dict=True)
        return None
    headline = (doc.title or "").strip() or None
    site = (doc.sitename or "").strip() or None
    if headline and site and headline.endswith(site):  # "Headline | Site" in <title>
        headline = re.sub(r"\s*[|\-–—:]\s*$", "", headline[: -len(site)]).strip() or headline
    paragraphs = [p.strip() for p in (doc.text or "").split("\n") if p.strip()]
    if headline and paragraphs and paragraphs[0] == headline:
        paragraphs = paragraphs[1:]
    shown = find_publication_date(paragraphs)  # a date line the article itself shows
    days = local_days(written, page_zones(tree)) if written else []
    ask = False  # the markup does not settle the day: both readings go to the analyst
    if len(days) > 1:  # a UTC time near midnight somewhere in the outlet's zones
        if shown.date in days:
            when, rule = shown.date, f"{rule}, day from the article's date line “{shown.line}”"
        else:
            rule, when, ask = f"{rule} ({written}) is UTC: the outlet's day is {' or '.join(days)}", None, True
    elif days:
        when = days[0]
    if when and shown.date and shown.date != when:
        rule = (f"{rule} ({written}) and the article's date line (“{shown.line}”) disagree: "
                f"{when} or {shown.date}")
        when, ask = None, True
    head = [headline] if headline else []
    date_line = f"Published: {when}" if when else None
    if date_line:
        head.append(date_line)
    if doc.author:
        head.append(f"By {doc.author.strip()}")
    text = "\n\n".join(head + paragraphs) + "\n"
    return WebArticle(text=text, headline=headline, outlet=site, byline=(doc.author or "").strip() or None,
                      date=when, date_rule=f"{rule}: {written}" if rule and when else rule, date_line=date_line,
                      conflict=ask)
