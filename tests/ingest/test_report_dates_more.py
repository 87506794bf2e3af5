"""More date styles and traps, from a third set of real reports (measured outside the repository):
European month names, dated datelines of UN statements, a date ending a bulletin's headline,
furniture on a date line, and dates that must not date a report (a period, an effective date, a
table of dated rows). Every text here is written for these tests."""

from __future__ import annotations

import pytest

from annotator.ingest.article import parse
from annotator.ingest.outlets import find_dateline
from annotator.ingest.pubdate import find_publication_date, read_date_line

STORY = ("Shelling struck the market of a northern town in the morning, killing at least seven civilians and "
         "wounding a dozen more, a local monitoring group said.")


@pytest.mark.parametrize("line, iso", [
    ("07 decembrie 2019", "2019-12-07"),  # Romanian
    ("jueves, 09 enero 2014 - 10:21 h", "2014-01-09"),  # Spanish weekday, month and clock
    ("9 de enero de 2014", "2014-01-09"),
    ("15. Mai 2019, 05:28 Uhr", "2019-05-15"),  # German day with a full stop
    ("3 mars 2018", "2018-03-03"),
    ("12 Ekim 2021", "2021-10-12"),  # Turkish
    ("Wire, December 13, 2015 Adjust font size:", "2015-12-13"),  # furniture sharing the date line
])
def test_more_date_line_styles(line, iso):
    got = read_date_line(line)
    assert got is not None and got[0] == iso


@pytest.mark.parametrize("line", [
    "For the Period Between August 1, 2012 to October 18, 2012",
    "January 1, 2012 - December 31, 2012",
    "7/10/2017 Through 7/16/2017",
    "2012-01-01 to 2012-12-31",
    "Effective Date: 13 May 2013",
    "Date prices effective from 01/04/2025",
    "Age as on 01-01-2016",
    "Ce rapport du lundi n'a pas de date",  # a weekday word alone is no date
])
def test_periods_and_effective_dates_are_not_publication_dates(line):
    got = read_date_line(line)
    assert got is None or got[0] is None and not got[2]


def test_labelled_publication_dates_still_read_beside_a_change():
    assert read_date_line("Published 3 March 2018 - Updated 4 March 2018")[0] == "2018-03-03"
    assert read_date_line("March 3, 2018 - 09:15")[0] == "2018-03-03"


def test_rows_of_dated_incidents_do_not_date_the_document():
    lines = ["Appendix", "Incidents involving aircraft, 1995-2005", "Date Place Aircraft Damage",
             "Oct. 25, 1999 Northfield, Kansas Small jet destroyed all aboard",
             "Feb. 17, 2002 Port Vale, Chile Airliner NA NA",
             "Mar. 3, 2003 Lakeside, Peru Airliner NA NA"]
    assert find_publication_date(lines).date is None
    # one dated line opening a report is still its date line
    assert find_publication_date(["3 Mar 2018 Wire Desk", "Headline of the story here", STORY]).date == "2018-03-03"


@pytest.mark.parametrize("opening, iso", [
    ("DAMASCUS, 19 March 2020 – The coordinator expressed sorrow over the death of a staff member.", "2020-03-19"),
    ("Aleppo, 25 July 2018 - The United Nations condemns the attacks on civilians in the city today.", "2018-07-25"),
    ("BEIRUT, March 3, 2018 (Wire) - At least ten people were killed in the east of the country.", "2018-03-03"),
])
def test_a_dated_dateline_dates_a_statement(opening, iso):
    dl = find_dateline(opening)
    assert dl is not None and dl.full_date == iso
    item = parse(f"Statement by the coordinator on the attack\n\n{opening}\n\n{STORY}\n").items[0]
    assert item.date == iso and not item.parts.needs_date
    assert item.parts.date_rule == "date in the dateline"


def test_a_wire_dateline_without_a_year_still_asks():
    item = parse(f"Shells hit the capital\n\nCAPITAL, Nov 4 (Wire) -- {STORY}\n").items[0]
    assert item.date is None and item.parts.needs_date


def test_a_date_ending_the_headline_dates_a_bulletin():
    text = (f"Humanitarian Bulletin North Region - Issue 08 | 28 January 2020 [EN/AR]\n\nSituation Report\n\n"
            f"{STORY} Since 1 December 2019 more families have fled.\n")
    item = parse(text).items[0]
    assert item.date == "2020-01-28" and item.parts.date_rule == "date at the end of the headline"
    text = f"Ministry (Q&A - Excerpt from the daily press briefing - May 18, 2012)\n\n{STORY}\n"
    assert parse(text).items[0].date == "2012-05-18"


def test_a_headline_naming_the_day_its_story_tells_is_not_dated_by_it():
    text = f"Attack on the market town - 7 April 2018\n\n{STORY} The attack on 7 April was the worst this year.\n"
    item = parse(text).items[0]
    assert item.date is None and item.parts.needs_date


@pytest.mark.parametrize("trailer", [
    "No comments:\nPost a Comment\nNote: Only a member of this blog may post a comment.",
    "Please enter your comment!\nPlease enter your name here",
    "The Wire Agency website contains only a portion of the news stories offered to subscribers.",
    "أهم الأخبار",
])
def test_comment_forms_and_notices_end_the_body(trailer):
    text = f"Shelling hits a market town\n\nMarch 3, 2018\n\n{STORY}\n\n{trailer}\n"
    item = parse(text).items[0]
    assert item.body.rstrip().endswith("group said.")
    assert item.date == "2018-03-03"


def test_a_date_line_above_the_headline_far_after_every_date_the_story_names_is_asked():
    text = (f"Saturday, November 23, 2024\n\nHarbour City\n\nFamilies struggle to start over in the north\n\n"
            f"Families receive blankets in a camp in the north, December 29, 2016.\n\n{STORY}\n")
    item = parse(text).items[0]
    assert item.date is None and item.parts.needs_date and "2024-11-23" in item.parts.date_rule
    text = f"October 11, 2014\n\nFierce fighting in a border town\n\n{STORY} Fighting began on October 9, 2014.\n"
    assert parse(text).items[0].date == "2014-10-11"  # a blog's date above its story stays


def _saved(head: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{STORY} Paragraph {k} goes on about the shelling and the families who fled.</p>"
                         for k in range(3))
    return (f"<!DOCTYPE html><html><head><title>Owner apologises for landing a helicopter on a pitch | Wire</title>"
            f'<meta property="og:title" content="Owner apologises for landing a helicopter on a pitch">{head}</head>'
            f"<body><h1>Sections</h1><main><article><h1>Club owner apologises after landing a helicopter on a "
            f"children's pitch</h1>{body}{paragraphs}</article></main></body></html>").encode()


def test_the_headline_written_differently_from_the_title_still_finds_the_date_beside_it():
    from annotator.ingest import parse_bytes

    data = _saved('<meta name="DC.date.issued" content="2015-11-13">',
                  '<div class="meta"><span class="by">By Sam Writer</span><span class="timestamp">Nov 12, 2015, '
                  '3:43 PM ET</span></div>')
    [item] = parse_bytes(data, "saved.html").page.items
    assert item.date is None and item.parts.needs_date  # the markup's day and the shown day disagree: asked
    assert "2015-11-12" in item.parts.date_rule and "2015-11-13" in item.parts.date_rule


def test_an_ambiguous_date_line_in_the_article_that_fits_no_reading_of_the_shown_date_is_asked():
    from annotator.ingest import parse_bytes

    data = _saved("", "<time>jueves, 09 enero 2014 - 10:21 h</time><p>Sam Writer | Port City | 08/01/2014</p>")
    [item] = parse_bytes(data, "saved.html").page.items
    assert item.date is None and item.parts.needs_date


def test_a_numeric_date_ending_the_headline_is_read_in_the_outlets_order():
    text = f"Berlin renames streets of its colonial past | DW | 10.06.2013\n\n{STORY}\n"
    assert parse(text, "dw.com-streets.txt").items[0].date == "2013-06-10"
    assert parse(text, "streets.txt").items[0].date is None  # order unknown: asked


def test_a_list_of_donors_with_dates_mid_line_does_not_date_the_report():
    lines = ["Vote Yes Committee", "Major Contribution Report", "Last Name First Name Occupation Date Amount",
             "Writer Sam retired teacher 9/12/2012 100.00", "Reader Ann nurse 10/13/2012 250.00"]
    assert find_publication_date(lines).date is None
    # a byline beside a date stays a date line when no other dated line is there
    assert find_publication_date(["Shelling hits a town", "Sam Writer, Wire Desk 3 March 2018"]).date == "2018-03-03"


def test_a_date_column_laid_out_one_cell_a_line_does_not_date_the_page():
    lines = ["Appendix", "Incidents 1995-2005", "Date", "Place", "Aircraft", "Oct. 25, 1999", "Northfield, Kansas",
             "Small jet", "A long account of what happened to the aircraft follows here in the table cell text.",
             "June 13, 2000", "Port Vale", "Airliner", "Another account.", "Mar. 3, 2003", "Lakeside", "Airliner"]
    assert find_publication_date(lines).date is None


@pytest.mark.parametrize("promo, kept", [
    ("- Want weekly picks on what to watch? Sign Up for Our Weekly Picks", False),
    ("This story is part of a kindness series. Read more from Example.com at Kindness Week.", False),
    ("Submit your letter to the editor via this form. Read more letters.", False),
    ("Residents were asked to sign up for rations at the town hall on Monday.", True),
    ("She said she would read more from the report at the meeting.", True),
])
def test_title_case_calls_in_a_short_paragraph_are_promotion(promo, kept):
    from annotator.ingest.webpage import is_promo

    assert is_promo(promo) is not kept


def test_cover_lines_each_ending_with_their_own_date_are_no_table():
    lines = ["URGENT ACTION", "URGENT ACTION TITLE: Threats against members of a farmers' union",
             "PUBLICATION DATE: 5 July 2017", "INDEX NUMBER: XYZ 37/6674/2017", "SUMMARY:",
             "On 30 June 2017 unknown assailants attacked three union members on the road home."]
    assert find_publication_date(lines).date == "2017-07-05"
    lines = ["Endorsed by the Resident Coordinator on 30 May 2021",
             "Pre-approved by the Emergency Relief Coordinator on 3 June 2021", "Anticipatory Action Framework"]
    assert find_publication_date(lines).date is not None
