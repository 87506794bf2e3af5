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
_WEAK_META_DATES = (  # names compared without case: "DC.Date", "dc.date", "Dc.Date.Issued"
    "pubdate", "og:pubdate", "publishdate", "publish-date", "publish_date", "dc.date.issued", "dcterms.issued",
    "dcterms.created", "parsely-pub-date", "citation_publication_date", "article.published", "date", "dc.date",
    "dcterms.date", "sailthru.date",
)
_ISO_START = re.compile(r"^\s*((?:19|20)\d{2})-(\d{2})-(\d{2})")


# Promotion blocks the extraction can leave inside an article: a newsletter or app box between two
# paragraphs, "Read more: <other story>", "RELATED: ...", a cookie notice. A short paragraph that
# opens with such a call, or that is mostly one, is dropped (the stored page keeps it anyway).
PROMO_MAX = 220
_PROMO_START = re.compile(
    r"^\W*(?:skip\s+to\s+(?:main\s+)?content|skip\s+navigation|jump\s+to\s+(?:main\s+)?content|"
    r"continue\s+reading\b|already\s+(?:a\s+)?(?:subscriber|registered|have\s+an\s+account)|subscribed\s+to\b|"
    r"register\s+(?:now|for\s+free|your\s+account)|create\s+(?:a\s+)?(?:free\s+)?account|log\s*in\s+to\s+(?:continue|read)|"
    r"we\s+hope\s+you(?:'|’)?(?:re|\s+are)\s+enjoying|read\s+(?:more|also|next)|also\s+read|see\s+also|related(?:\s+(?:articles?|stories|coverage|news|"
    r"content|topics|posts?|reading))?\s*[:|\-–—]|recommended(?:\s+(?:for\s+you|stories|articles))?\s*[:|\-–—]|"
    r"more\s*(?:from|on)\b.{0,60}[:|\-–—]|more\s*:|most\s+(?:read|popular|viewed|shared)\b|sign\s+up\b|subscribe\b|"
    r"join\s+(?:us|our)\b|follow\s+us\b|download\s+(?:our|the)\b.{0,40}\bapp\b|click\s+here\b|advertisement\b|"
    r"(?:watch|listen)\s*:|support\s+(?:us|our|independent)\b|donate\b|share\s+(?:this|on)\b|"
    r"اقرأ\s+(?:أيضا|أيضاً|ايضا|المزيد)|إقرأ\s+أيضا|اشترك|تابعونا|تابعوا|للمزيد|شاهد\s*:|مواضيع\s+ذات\s+صلة|أخبار\s+ذات\s+صلة)",
    re.IGNORECASE)
_PROMO_ANY = re.compile(
    r"\b(?:sign\s+up\s*(?:now|here|today|free|for\s+(?:our|free)|to\s+(?:our|receive))|free\s+sign\s+up|sign\s+up\W*$|subscribe\s+(?:now|here|today|to\s+(?:our|the\s+(?:newsletter|channel|podcast)))|newsletters?|never\s+miss|our\s+(?:daily|weekly)\s+(?:edition|"
    r"briefing|email)|by\s+email\b.{0,40}\b(?:free|sign)|(?:we|this\s+(?:site|website))\s+uses?\s+cookies|"
    r"all\s+rights\s+reserved|follow\s+us\s+on|download\s+(?:our|the)\s+app|free\s+(?:daily|weekly)\s+(?:digest|newsletter|briefing|email))\b|اشترك\s+في|النشرة\s+البريدية",
    re.IGNORECASE)


# Calls written in title case inside a short paragraph: "Want weekly picks? Sign Up for Our Picks",
# "Follow the series online. Read more from Example.com at Kindness Week.", "Submit your letter to
# the editor via this form." (case matters: "asked to sign up for rations" is reporting).
_PROMO_CASED = re.compile(r"\bSign\s+Up\s+for\b|\bRead\s+more\s+(?:from|at|on)\s+[A-Z]|\bSubmit\s+your\s+letter\b")


def is_promo(paragraph: str) -> bool:
    """A short paragraph that advertises rather than reports (see PROMO_MAX, _PROMO_START, _PROMO_ANY)."""
    if len(paragraph) > PROMO_MAX:
        return False
    if _PROMO_START.match(paragraph):
        return True
    return len(paragraph) <= 160 and bool(_PROMO_ANY.search(paragraph) or _PROMO_CASED.search(paragraph))


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


# JSON-LD nodes by how surely their date is the report's: an article first, then the page, then
# anything else on it (a video, a picture, the publisher), so that an embedded clip's date never
# passes for the story's.
_ARTICLE_TYPES = {"article", "newsarticle", "reportagenews", "analysisnewsarticle", "backgroundnewsarticle",
                  "opinionnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "report",
                  "socialmediaposting", "scholarlyarticle", "techarticle"}


def _ld_rank(node: dict) -> int:
    kinds = node.get("@type")
    kinds = [k.lower() for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)]
    if any(k in _ARTICLE_TYPES for k in kinds):
        return 0
    return 1 if not kinds or any(k in ("webpage", "itempage") for k in kinds) else 2


def _json_ld_dates(tree) -> list[tuple[str, str]]:  # noqa: ANN001 - lxml element
    """(key, value) pairs of publication dates in the page's JSON-LD, wherever nested (`@graph`,
    lists, `mainEntity`), the article's first."""
    found: list[tuple[int, int, str, str]] = []

    def walk(node) -> None:  # noqa: ANN001 - JSON value
        if isinstance(node, dict):
            for n, key in enumerate(("datePublished", "dateCreated")):  # created: when no published
                if isinstance(node.get(key), str):
                    found.append((_ld_rank(node), n, key, node[key]))
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
    return [(key, value) for _, _, key, value in sorted(found, key=lambda f: (f[0], f[1]))]


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


_TIME_PATHS = ('//time[@itemprop="datePublished"][@datetime]', "//time[@pubdate][@datetime]",
               "//article//time[@datetime]", "//time[@datetime]")


def page_date(tree) -> tuple[str | None, str | None, str | None]:  # noqa: ANN001 - lxml element
    """(iso date, rule, the value as written) from the page's markup, or Nones."""
    for attr, name in _META_DATES:
        for node in tree.xpath(f'//meta[@{attr}="{name}"]'):
            value = node.get("content")
            if _iso(value):
                return _iso(value), f'<meta {attr}="{name}">', value
    for node in tree.xpath('//*[@itemprop="datePublished"][@content]'):  # <span itemprop=... content=...>
        if _iso(node.get("content")):
            return _iso(node.get("content")), 'itemprop="datePublished"', node.get("content")
    ld = _json_ld_dates(tree)
    for key, value in ld:
        if _iso(value):
            return _iso(value), f"JSON-LD {key}", value
    for path in _TIME_PATHS:  # the article's own <time> before one in a list of other stories
        for node in tree.xpath(path):
            value = node.get("datetime")
            if _iso(value):
                return _iso(value), "<time datetime>", value
    weak: dict[str, tuple[str, str]] = {}  # lowercased name -> (as written, value): the first of each
    for node in tree.xpath("//meta[@content]"):
        for attr in ("name", "property", "itemprop"):
            written = node.get(attr)
            if written and _iso(node.get("content")):
                weak.setdefault(written.lower(), (f'<meta {attr}="{written}">', node.get("content")))
    for name in _WEAK_META_DATES:
        if name in weak:
            shown, value = weak[name]
            return _iso(value), shown, value
    return None, None, None


# The date the page shows its reader beside the headline ("November 8, 2023, 11:15 PM",
# "Written: 2023-11-07 15:03", a <time> without datetime): read from the short texts that follow
# the headline (a standfirst may come first), within the first 700 characters of text after it. A
# date labelled as a change ("Updated ...") is skipped.
_HEAD_TEXT_CHARS = 700
_CHANGED = re.compile(r"^\W*(?:updated|last\s+updated|modified|last\s+modified|edited|آخر\s+تحديث|تحديث)\b",
                      re.IGNORECASE)
_TEXT_NODES = "following::text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"


def _headline_nodes(tree, headline: str | None) -> list:  # noqa: ANN001 - lxml elements
    """The <h1>s the headline may be, likeliest first: those written exactly as it, then those
    sharing most of its words (the <title> or og:title may word it differently from the page's
    <h1>), else the first <h1> inside the article."""
    h1s = tree.xpath("//h1")
    found = []
    if headline:
        found = [h for h in h1s if " ".join(h.text_content().split()) == headline]
        words = set(re.findall(r"\w+", headline.lower()))
        scored = []
        for k, h in enumerate(h1s):
            hw = set(re.findall(r"\w+", h.text_content().lower()))
            shared = len(words & hw)
            if h not in found and shared >= 3:
                scored.append((shared / min(len(words), len(hw)), -k, h))
        scored.sort(key=lambda x: x[:2], reverse=True)
        found += [h for score, _, h in scored if score >= 0.6][:3]
    if not found:
        inside = [h for h in h1s if h.xpath("ancestor::article or ancestor::main")]
        found = (inside or h1s)[:1]
    return found


# A stamp that names a change anywhere ("Wednesday 28 Aug 2013, last update 14:00") dates the
# change unless it also says which date was the publication ("Published 3 March, updated 4 March").
_CHANGE_ANY = re.compile(r"\b(?:updated|last\s+update|modified|aktualisiert)\b|mis\s+à\s+jour|آخر\s+تحديث|تم\s+التحديث",
                         re.IGNORECASE)
_PUBLISHED_WORD = re.compile(r"\b(?:published|posted|publié|veröffentlicht)\b|نشر", re.IGNORECASE)


def head_date(tree, headline: str | None) -> tuple[str | None, str, list[str]] | None:  # noqa: ANN001 - lxml
    """(iso date, the text as shown, []) of the date written beside the headline; (None, text,
    readings) when it is a numeric date whose day/month order is unknown; or None."""
    for h1 in _headline_nodes(tree, headline):
        got = _date_after(h1)
        if got is not None:
            return got
    return None


def _date_after(h1):  # noqa: ANN001, ANN202 - lxml element
    from annotator.ingest.pubdate import read_date_line

    seen, changed = 0, False
    for node in h1.xpath(_TEXT_NODES)[:80]:
        text = " ".join(str(node).split())
        if not text:
            continue
        if seen > _HEAD_TEXT_CHARS:
            return None  # the story has started
        seen += len(text)
        if len(text) > 160:
            continue  # a standfirst or the first paragraph: never a date line
        if _CHANGED.match(text):
            changed = True  # "Updated" may stand in its own element before the date
        got = read_date_line(text)
        if got is not None and (got[0] is not None or got[2]):
            if changed or (_CHANGE_ANY.search(text) and not _PUBLISHED_WORD.search(text)):
                changed = False
                continue
            return got[0], text, got[2]
        if got is None and not _CHANGED.match(text):
            changed = changed and len(text) < 3  # a separator between the label and the date
    return None


# A date in the page's own address (its canonical or Open Graph URL): /2018/03/03/, /2018-03-03/.
_URL_DATE = re.compile(r"/((?:19|20)\d{2})([/-])(\d{1,2})\2(\d{1,2})(?=[/-]|\.html?|$)")


_ADDRESS = "the date in the page address"  # often the day the page was first made: it settles a UTC
# day or dates a page with nothing else, and never overrules a date the page writes out


def url_date(tree) -> tuple[str, str] | None:  # noqa: ANN001 - lxml element
    """(iso date, address) from the page's canonical or og:url address, or None."""
    for url in tree.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content'):
        m = _URL_DATE.search(url.split("?")[0])
        if m:
            try:
                return date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat(), url
            except ValueError:
                continue
    return None


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
    paragraphs = [p.strip() for p in (doc.text or "").split("\n") if p.strip() and not is_promo(p.strip())]
    if headline and paragraphs and paragraphs[0] == headline:
        paragraphs = paragraphs[1:]
    shown = find_publication_date(paragraphs)  # a date line the article itself shows
    near, address = head_date(tree, headline), url_date(tree)
    # Other witnesses of the day, strongest first: (date, where it was read, as written there); a
    # line that dates a change ("Updated ...") witnesses nothing about the publication
    witnesses = [w for w in (
        (None if _CHANGED.match(shown.line or "") else shown.date, "the article's date line", shown.line),
        (near[0] if near else None, "the date shown beside the headline", near[1] if near else None),
        (address[0] if address else None, _ADDRESS, address[1] if address else None),
    ) if w[0]]
    # a numeric date shown beside the headline whose order is unknown ("07.11.2023"): its readings
    readings = near[2] if near and near[0] is None else []
    near_text = near[1] if near else None
    days = local_days(written, page_zones(tree)) if written else []
    ask = False  # the markup does not settle the day: both readings go to the analyst
    if len(days) > 1:  # a UTC time near midnight somewhere in the outlet's zones
        settled = [w for w in witnesses if w[0] in days]
        if not settled and len(set(readings) & set(days)) == 1:
            settled = [(next(iter(set(readings) & set(days))), "the date shown beside the headline", near_text)]
        if settled:
            when, rule = settled[0][0], f"{rule}, day from {settled[0][1]} “{settled[0][2]}”"
        else:
            rule, when, ask = f"{rule} ({written}) is UTC: the outlet's day is {' or '.join(days)}", None, True
    elif days:
        when = days[0]
    elif witnesses:  # no date in the markup: the article's date line, the date beside the headline, the address
        when, rule, written = witnesses[0]
    if when:  # every other witness must agree with the date taken: a disagreement is asked
        against = [w for w in witnesses if w[0] != when and w[1] != _ADDRESS]
        if not against and readings and when not in readings:  # no reading of "07.11.2023" is the date
            against = [(" or ".join(readings), "the date shown beside the headline", near_text)]
        if not against and shown.candidates and when not in shown.candidates:  # nor of the article's own line
            against = [(" or ".join(shown.candidates), "the article's date line", shown.line)]
        if against:
            rule = f"{rule} ({written}) and {against[0][1]} (“{against[0][2]}”) disagree: {when} or {against[0][0]}"
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
