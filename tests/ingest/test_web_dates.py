"""Saved web pages: the date sources real outlets use beyond Open Graph, and promotion blocks
dropped from the article. Every page here is written for the test; no real page is copied."""

from __future__ import annotations

import pytest

from annotator.ingest import parse_bytes
from annotator.ingest.webpage import is_promo
from tests.ingest.test_web_pdf import PARAGRAPHS, page


def one(head: str = "", body_extra: str = ""):
    [item] = parse_bytes(page(head, body_extra), "saved.html").page.items
    return item


def test_a_utc_time_near_midnight_is_settled_by_the_date_shown_beside_the_headline():
    item = one('<meta property="article:published_time" content="2018-03-04T04:15:00Z">',
               '<div class="byline">By Sam Writer</div><div class="when">March 3, 2018, 11:15 PM</div>')
    assert item.date == "2018-03-03"
    assert "beside the headline" in item.parts.date_rule and not item.parts.needs_date


def test_a_utc_time_near_midnight_is_settled_by_the_date_in_the_page_address():
    item = one('<link rel="canonical" href="https://levant.example/world/2018/03/03/market-shelling/">'
               '<meta property="article:published_time" content="2018-03-03T23:30:00Z">')
    assert item.date == "2018-03-03" and "page address" in item.parts.date_rule


def test_without_markup_the_date_shown_beside_the_headline_dates_the_page():
    item = one(body_extra='<p class="date">Written: 2018-03-03 15:03:30<span> / </span></p>')
    assert item.date == "2018-03-03" and "date line" in item.parts.date_rule  # kept in the article text
    item = one(body_extra='<div class="meta"><span>Levant Wire</span> <span>Written: 2018-03-03 15:03</span></div>')
    assert item.date == "2018-03-03" and not item.parts.needs_date


def test_a_time_element_without_datetime_is_read_from_its_text():
    item = one(body_extra="<time>Saturday 3 March 2018</time>")
    assert item.date == "2018-03-03"


def test_an_updated_date_beside_the_headline_is_not_the_publication_date():
    labelled = one(body_extra="<span>Updated</span><span>March 14, 2018</span>")
    assert labelled.date is None and labelled.parts.needs_date
    item = one('<meta itemprop="datePublished" content="2018-03-08T11:15:28+02:00">',
               "<p>Updated 2010 GMT March 14, 2018</p>")
    assert item.date == "2018-03-08" and not item.parts.needs_date


def test_a_shown_date_that_disagrees_with_the_markup_is_asked():
    item = one('<meta property="article:published_time" content="2018-03-05T10:00:00+02:00">',
               "<p>3 March 2018</p>")
    assert item.date is None and item.parts.needs_date and "disagree" in item.parts.date_rule


def test_the_address_alone_dates_a_page_but_never_overrules_its_markup():
    alone = one('<meta property="og:url" content="https://levant.example/2018/03/03/market-shelling.html">')
    assert alone.date == "2018-03-03" and "page address" in alone.parts.date_rule
    # the address often carries the day the page was first made
    item = one('<link rel="canonical" href="https://levant.example/2018/03/02/market-shelling/">'
               '<meta property="article:published_time" content="2018-03-03T09:00:00+02:00">')
    assert item.date == "2018-03-03"


def test_a_date_in_a_query_or_story_number_is_not_an_address_date():
    item = one('<link rel="canonical" href="https://levant.example/news/story?id=20180303&d=2018/03/03">')
    assert item.date is None and item.parts.needs_date


def test_json_ld_graph_takes_the_articles_date_not_an_embedded_videos():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
          '{"@type": "VideoObject", "name": "Clip", "datePublished": "2018-02-20T08:00:00+02:00"},'
          '{"@type": "WebPage", "datePublished": "2018-03-01T08:00:00+02:00"},'
          '{"@type": ["NewsArticle"], "headline": "Shelling", "dateModified": "2018-03-09T08:00:00+02:00",'
          ' "datePublished": "2018-03-03T08:00:00+02:00"}]}</script>')
    item = one(ld)
    assert item.date == "2018-03-03" and item.parts.date_rule.startswith("JSON-LD datePublished")


def test_itemprop_date_published_on_any_element():
    item = one(body_extra='<span itemprop="datePublished" content="2018-03-03T09:00:00+02:00">3/3</span>')
    assert item.date == "2018-03-03" and 'itemprop="datePublished"' in item.parts.date_rule


def test_the_articles_time_element_before_a_list_of_other_stories():
    other = '<ul class="latest"><li><time datetime="2018-02-27T10:00:00+02:00">27 Feb</time> Older story</li></ul>'
    mine = '<time itemprop="datePublished" datetime="2018-03-03T10:00:00+02:00">3 March 2018</time>'
    html = page(body_extra=mine).replace(b"<main>", b"<main>" + other.encode())
    [item] = parse_bytes(html, "saved.html").page.items
    assert item.date == "2018-03-03"


PROMOS = [
    "Get the Levant Wire daily edition by email and never miss our top stories Free Sign Up",
    "Read more: Aid convoy reaches the eastern countryside",
    "RELATED: Talks on prisoner exchange stall again",
    "Sign up for our weekly briefing on the north.",
    "اقرأ أيضاً: قافلة مساعدات تصل إلى الريف الشرقي",
    "Continue reading for free",
    "We hope you're enjoying the Levant Wire's reporting from the north.",
    "Subscribed to the Levant Wire? Register your account with the same email as your subscription.",
    "A free daily digest of the biggest stories of the day from the north",
]


@pytest.mark.parametrize("promo", PROMOS)
def test_promotion_blocks_inside_the_article_are_dropped(promo):
    body = PARAGRAPHS[0]
    html = page().replace(f"<p>{PARAGRAPHS[1]}</p>".encode(), f"<p>{PARAGRAPHS[1]}</p><p>{promo}</p>".encode())
    [item] = parse_bytes(html, "saved.html").page.items
    assert promo not in item.body
    assert body in item.body and PARAGRAPHS[1] in item.body and PARAGRAPHS[2] in item.body


@pytest.mark.parametrize("text", [
    "Residents said they would sign up for the aid list.",
    "The council asked families to subscribe to the new water service.",
    "Support for the truce grew among local councils in the south.",
    "More than 40 people were killed, the monitor said.",
    "Families were told to register for aid at the council office.",
    "The talks will continue, reading from the draft agreed in Geneva, the envoy said.",
    PARAGRAPHS[0],
])
def test_reporting_that_names_such_words_is_kept(text):
    assert not is_promo(text)


def test_a_numeric_date_beside_the_headline_that_fits_no_reading_of_the_markup_is_asked():
    item = one('<script type="application/ld+json">{"@type": "NewsArticle", '
               '"datePublished": "2018-03-06T18:19:00+01:00"}</script>',
               '<p class="stand"><span>Stand: </span>07.03.2018, 07:30 Uhr</p>')
    assert item.date is None and item.parts.needs_date and "disagree" in item.parts.date_rule
    agrees = one('<meta property="article:published_time" content="2018-03-07T07:30:00+01:00">',
                 '<p class="stand"><span>Stand: </span>07.03.2018, 07:30 Uhr</p>')
    assert agrees.date == "2018-03-07"


def test_a_stamp_naming_the_last_update_is_not_the_publication_date():
    item = one(body_extra='<div class="stamp">الأربعاء، 28 آب/اغسطس 2018، آخر تحديث 14:00 (GMT+0400)</div>')
    assert item.date is None and item.parts.needs_date
    both = one(body_extra='<div class="stamp">Published 3 March 2018, updated 4 March 2018</div>')
    assert both.date == "2018-03-03"


def test_a_skip_link_is_not_article_text():
    assert is_promo("Skip to content") and is_promo("Skip to main content")


@pytest.mark.parametrize("meta", [
    '<meta name="DC.Date" content="2018-03-03T07:30+01:00">',
    '<meta name="dcterms.date" content="2018-03-03">',
    '<meta name="parsely-pub-date" content="2018-03-03T12:30:00Z">',
    '<meta name="sailthru.date" content="Sat, 03 Mar 2018 10:00:00 +0200">',
    '<meta name="citation_publication_date" content="2018/03/03">',
])
def test_other_publication_meta_names_date_a_page_whatever_their_case(meta):
    item = one(meta)
    assert item.date == "2018-03-03" and not item.parts.needs_date


def test_a_modified_time_alone_never_dates_a_page():
    item = one('<meta property="article:modified_time" content="2018-03-09T10:00:00+02:00">'
               '<meta name="last-modified" content="2018-03-09">')
    assert item.date is None and item.parts.needs_date
