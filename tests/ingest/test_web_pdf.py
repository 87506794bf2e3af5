"""Saved web pages (the article only, dated from their markup) and PDF reports (text layer).

The pages and PDFs are written here; no real page is copied.
"""

from __future__ import annotations

import pytest

from annotator.ingest import IngestError, parse_bytes
from tests.ingest.pdfmaker import make_pdf

PARAGRAPHS = [
    "Artillery fire struck the market of a northern town on Saturday morning, killing at least seven civilians "
    "and wounding a dozen more, according to a local monitoring group that tracks the conflict.",
    "Residents said the shelling came from positions south of the town and lasted nearly an hour, while rescue "
    "teams worked to pull survivors from the damaged shops along the main street.",
    "The monitor said it had documented three similar attacks on the town since the start of the month, and "
    "called on all parties to keep civilians and markets out of the fighting.",
]


def page(head: str = "", body_extra: str = "") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html><head><title>Shelling hits market in northern town | Levant Wire</title>
<meta property="og:site_name" content="Levant Wire">{head}
<style>.nav {{ color: red }}</style><script>var tracking = "do not keep this script text";</script></head>
<body><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World news section</a></li>
<li><a href="/sport">Sport results section</a></li></ul></nav>
<main><article><h1>Shelling hits market in northern town</h1>{body_extra}{paragraphs}</article>
<aside class="related"><h3>Read more</h3><ul><li><a href="/a">Unrelated story about football transfers</a></li>
<li><a href="/b">Another unrelated story about weather</a></li></ul></aside></main>
<footer><p>Copyright 2018 Levant Wire. All rights reserved. Contact the newsroom.</p></footer></body></html>""".encode()


@pytest.mark.parametrize("head, body_extra, rule", [
    ('<meta property="article:published_time" content="2018-03-03T09:15:00+02:00">', "",
     '<meta property="article:published_time">'),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2018-03-03T09:15:00Z"}</script>',
     "", "JSON-LD datePublished"),
    ("", '<time datetime="2018-03-03">Saturday</time>', "<time datetime>"),
])
def test_saved_page_is_the_article_dated_from_its_markup(head, body_extra, rule):
    doc = parse_bytes(page(head, body_extra), "saved.html")
    [item] = doc.page.items
    assert doc.format == "html" and doc.page.layout == "article"
    assert item.date == "2018-03-03" and item.parts.date_rule.startswith(rule)
    assert item.title == "Shelling hits market in northern town" and item.parts.outlet == "Levant Wire"
    assert PARAGRAPHS[0] in item.body and PARAGRAPHS[2] in item.body
    for junk in ("World news section", "football transfers", "Copyright", "tracking", "color: red"):
        assert junk not in item.body
    assert doc.offsets_text[item.body_start:item.body_end] == item.body


def test_saved_page_without_a_date_is_flagged_not_guessed():
    # a date in the address or in running text is not the publication date
    doc = parse_bytes(page(body_extra="<p>Talks were due on 5 March 2018.</p>"), "2018-03-03-saved.html")
    [item] = doc.page.items
    assert item.date is None and item.parts.needs_date


def test_pdf_report_lines_rejoined_hyphens_repaired_page_numbers_kept_as_metadata():
    data = make_pdf([
        ["Monitor report on shelling in the north", "Published: 12 April 2019",
         "The monitor said that artillery fire hit the village of Kafr Nabl on Tuesday,",
         "killing four civilians and wounding nine others, including members of the civil-",
         "ian defence teams and of the al-", "Hassan family.", "1"],
        ["A second attack followed on Wednesday near the market of the same village.", "Page 2 of 2"],
    ])
    doc = parse_bytes(data, "report.pdf")
    [item] = doc.page.items
    assert doc.format == "pdf" and doc.data == data and doc.meta["pages"][0] == (1, 0)
    assert item.date == "2019-04-12" and item.title == "Monitor report on shelling in the north"
    assert "four civilians and wounding nine others, including members of the civilian defence" in item.body
    assert "al-Hassan family." in item.body
    assert "Page 2" not in doc.raw and "\n1\n" not in doc.raw
    page_two = dict(doc.meta["pages"])[2]
    assert doc.raw[page_two:].startswith("A second attack")


def test_scanned_pdf_gets_one_clear_line():
    with pytest.raises(IngestError, match="no text layer"):
        parse_bytes(make_pdf([[], []]), "scan.pdf")


def test_broken_pdf_is_refused_with_its_name():
    with pytest.raises(IngestError, match="broken.pdf"):
        parse_bytes(b"%PDF-1.4\nnot really a pdf", "broken.pdf")


@pytest.mark.parametrize("locale, stamp, expected", [
    ("it_IT", "2018-03-02T23:10:00Z", "2018-03-03"),  # past midnight in Rome
    ("en_US", "2018-03-04T01:10:00Z", "2018-03-03"),  # evening before in the Americas
    ("en_GB", "2018-03-03T06:05:00Z", "2018-03-03"),
    ("ar_SY", "2018-03-03T10:00:00+02:00", "2018-03-03"),  # a local time is the outlet's day already
])
def test_a_utc_time_gives_the_outlets_own_day(locale, stamp, expected):
    head = f'<meta property="og:locale" content="{locale}"><meta property="article:published_time" content="{stamp}">'
    [item] = parse_bytes(page(head), "saved.html").page.items
    assert item.date == expected


def test_a_utc_time_near_midnight_without_a_known_zone_is_asked():
    head = '<meta property="article:published_time" content="2018-03-03T23:30:00Z">'
    [item] = parse_bytes(page(head), "saved.html").page.items
    assert item.date is None and "2018-03-03 or 2018-03-04" in item.parts.date_rule


def test_weak_metadata_that_disagrees_with_the_article_date_line_is_asked():
    head = '<meta name="date" content="2018-03-05T10:00:00">'
    [item] = parse_bytes(page(head, "<p>Saturday 3 March 2018</p>"), "saved.html").page.items
    assert item.date is None and item.parts.needs_date and "disagree" in item.parts.date_rule


def test_a_wrapped_caption_is_not_cut_into_a_date_line():
    data = make_pdf([["Opposition loses ground in the north", "",
                      "A child in a tent in a camp for displaced people in the northern countryside of the",
                      "- October 8, 2017 (Local Agency)", "",
                      "The year saw the opposition lose ground in several provinces, while talks abroad went nowhere.",
                      ]])
    [item] = parse_bytes(data, "caption.pdf").page.items
    assert item.date is None and item.parts.needs_date
