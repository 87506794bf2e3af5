"""PDF reports as real ones are laid out: front matter with a copyright line, columns narrowed by
a box, roman page numbers, a page pypdf cannot parse. The PDFs are written here."""

from __future__ import annotations

from annotator.ingest import parse_bytes
from tests.ingest.pdfmaker import make_pdf

STORY = [
    "Artillery fire struck the market of a northern town on Saturday morning, killing at least seven",
    "civilians and wounding a dozen more, according to a local monitoring group that tracks the war.",
    "",
    "Residents said the shelling came from positions south of the town and lasted nearly an hour.",
]


def test_front_matter_copyright_does_not_end_a_pdf_report():
    data = make_pdf([
        ["Levant Monitor Annual Report 2018", "",
         "This report covers the documentation work of the monitor across the northern provinces in 2018.", "",
         "\u00a9 Levant Monitor 2018. All rights reserved.",
         "Copyright: no part of this report may be copied without permission.", "Index: LM 01/2018"],
        STORY,
        ["A second chapter on detention follows the chapter on shelling in the north."],
    ])
    [item] = parse_bytes(data, "annual.pdf").page.items
    assert "killing at least seven civilians" in item.body
    assert item.body.rstrip().endswith("in the north.")


def test_web_copy_still_ends_at_its_trailer():
    text = ("Shelling hits market in northern town\n\n" + " ".join(STORY[:2]) + "\n\nRelated articles\n\n"
            "Another story about the weather in the south of the country, told at length here.\n")
    [item] = parse_bytes(text.encode(), "copy.txt").page.items
    assert "weather" not in item.body


def test_lines_of_a_column_narrowed_by_a_box_stay_one_paragraph():
    data = make_pdf([[
        "The monitor documented the names of the victims and the places where they were killed in 2018.",
        "Working with such families is as much about seeking structural changes in the law",
        "as it is about helping the",
        "individuals themselves.",
        "",
        "A new paragraph starts here and runs for a full line of text across the page width too.",
    ]])
    [item] = parse_bytes(data, "column.pdf").page.items
    assert "in the law as it is about helping the individuals themselves." in item.body
    assert "\n\nA new paragraph starts here" in item.body


def test_roman_page_numbers_are_dropped_and_pages_kept():
    data = make_pdf([["Foreword to the annual report of the monitor", "vi"],
                     ["vii", "Abbreviations used in the annual report of the monitor"], STORY])
    doc = parse_bytes(data, "front.pdf")
    assert "\nvi\n" not in doc.raw and "vii" not in doc.raw
    assert [n for n, _ in doc.meta["pages"]] == [1, 2, 3]


def test_a_page_pypdf_cannot_parse_is_left_out_and_named():
    data = make_pdf([["First page of the monitor report on the north."], ["BROKENPAGE"],
                     ["Third page of the monitor report on the north."]])
    data = data.replace(b"(BROKENPAGE) Tj T*", b"(x) Tj ) 7467 Tm0040001 TBack)ty)6(g.2(6Tw")
    doc = parse_bytes(data, "damaged.pdf")
    [item] = doc.page.items
    assert "First page" in doc.raw and "Third page" in doc.raw
    assert doc.meta["unreadable_pages"] == [2] and [n for n, _ in doc.meta["pages"]] == [1, 3]
    assert any("damaged.pdf: page(s) 2" in w for w in doc.page.warnings)


def test_a_date_line_in_a_cover_block_stands_alone_and_dates_the_report():
    data = make_pdf([[
        "This section of the monitor's bulletin carries notices to the public about documented attacks on",
        "civilians and the names of the victims, and is published every week by the monitor.",
        "",
        "Weekly Bulletin of the Levant Monitor 4712",
        "Vol. 8, No. 152",
        "Saturday, March 3, 2018",
        "issued by the documentation department",
        "Northern Provinces Desk",
        "",
        *STORY,
    ]])
    doc = parse_bytes(data, "bulletin.pdf")
    [item] = doc.page.items
    assert "\n\nSaturday, March 3, 2018\n\n" in doc.raw
    assert item.date == "2018-03-03"


def test_blank_lines_do_not_use_up_the_head_of_a_copied_report():
    head = "\n\n".join(["Court of the Northern Province", "Case of the market shelling", "Petitioner", "v.",
                       "Respondent", "No. 07-1315", "Aleppo", "Tuesday, January 13, 2009"])
    text = head + "\n\n" + " ".join(STORY[:2]) + "\n"
    [item] = parse_bytes(text.encode(), "hearing.txt").page.items
    assert item.date == "2009-01-13"


def test_a_court_style_cover_of_many_short_paragraphs_is_read_for_its_date():
    cover = ["Official record of the hearing before the provincial court of the northern district of the country", "",
             "- - - - - - - - x MARKET TRADERS OF THE NORTHERN TOWN, :", "", "Petitioners :", "", "v. : No. 07-1315", "",
             "PROVINCIAL COUNCIL. :", "", "Respondent :", "", "Case of the market stalls", "", "Docket 12 :", "",
             "- - - - - - - - x Aleppo", "", "Tuesday, January 13, 2009", "",
             "The above-entitled matter came on for hearing before the court at 1:01 p.m.", ""]
    [item] = parse_bytes(make_pdf([cover + STORY]), "hearing.pdf").page.items
    assert item.date == "2009-01-13"


# Dates a PDF report carries besides its text: the file name and the PDF's metadata.
MINUTES = ["Planning committee of the town council", "",
           "Minutes of the public meeting held on 20 June, at 4 pm in the council room", "", *STORY]


def test_a_day_without_a_year_takes_the_year_from_the_file_name_when_they_agree():
    [item] = parse_bytes(make_pdf([MINUTES]), "minutes-2023-06-20.pdf").page.items
    assert item.date == "2023-06-20" and not item.parts.needs_date
    assert "without a year" in item.parts.date_rule and "file name" in item.parts.date_rule


def test_a_day_without_a_year_and_a_file_name_naming_another_day_is_flagged():
    page = parse_bytes(make_pdf([MINUTES]), "minutes-2023-06-27.pdf").page
    assert page.items[0].date is None and page.items[0].parts.needs_date
    assert "20 June" in page.items[0].parts.date_rule
    assert any("no publication date found" in w for w in page.warnings)


def test_a_day_without_a_year_takes_the_year_from_the_metadata_saved_a_day_later():
    data = make_pdf([MINUTES], info={"CreationDate": "D:20230621133027Z"})
    [item] = parse_bytes(data, "minutes.pdf").page.items
    assert item.date == "2023-06-20"
    assert "CreationDate" in item.parts.date_rule


def test_metadata_alone_is_a_hint_never_the_date():
    data = make_pdf([["Shelling report from the northern provinces", "", *STORY]],
                    info={"CreationDate": "D:20180303100000+02'00'"})
    page = parse_bytes(data, "report.pdf").page
    [item] = page.items
    assert item.date is None and item.parts.needs_date
    assert "2018-03-03 (not taken" in item.parts.date_rule


def test_a_file_name_date_is_taken_when_the_text_has_none_and_said_so():
    data = make_pdf([["Shelling report from the northern provinces", "", *STORY]],
                    info={"CreationDate": "D:20180304100000Z"})
    for name, written in (("report-2018-03-03.pdf", "2018-03-03"), ("report_20180303.pdf", "20180303"),
                          ("03-Mar-2018 report.pdf", "03-Mar-2018")):
        page = parse_bytes(data, name).page
        [item] = page.items
        assert item.date == "2018-03-03", name
        assert f"file name ({written})" in item.parts.date_rule and "CreationDate" in item.parts.date_rule
        assert not any("no publication date found" in w for w in page.warnings)


def test_a_file_name_with_two_dates_or_a_two_digit_year_gives_none():
    from annotator.ingest.pdfdate import name_date

    assert name_date("agenda_4-6-16.pdf") is None
    assert name_date("2018-03-03_to_2018-03-09.pdf") is None
    assert name_date("report-2018-02-30.pdf") is None
    assert name_date("Mar-3-2018.pdf") == ("2018-03-03", "Mar-3-2018")


AMBIGUOUS = ["Weekly shelling summary of the monitor", "", "Issued 4/3/2018", "", *STORY]


def test_an_ambiguous_numeric_date_is_settled_by_the_file_name_or_a_close_metadata_date():
    [item] = parse_bytes(make_pdf([AMBIGUOUS]), "summary-2018-04-03.pdf").page.items
    assert item.date == "2018-04-03" and "file name" in item.parts.date_rule
    data = make_pdf([AMBIGUOUS], info={"CreationDate": "D:20180305090000Z"})
    [item] = parse_bytes(data, "summary.pdf").page.items
    assert item.date == "2018-03-04" and "CreationDate (2018-03-05)" in item.parts.date_rule


def test_an_ambiguous_numeric_date_stays_flagged_when_nothing_settles_it():
    data = make_pdf([AMBIGUOUS], info={"CreationDate": "D:20190101090000Z"})
    [item] = parse_bytes(data, "summary.pdf").page.items
    assert item.date is None and item.parts.needs_date
    assert "2018-03-04 or 2018-04-03" in item.parts.date_rule


def test_a_written_date_wins_over_the_file_name_and_a_match_is_noted():
    data = make_pdf([["Weekly shelling summary of the monitor", "", "5 March 2018", "", *STORY]])
    [item] = parse_bytes(data, "summary-2018-03-05.pdf").page.items
    assert item.date == "2018-03-05" and item.parts.date_rule == "written date; the file name agrees"
    [item] = parse_bytes(data, "summary-2018-03-09.pdf").page.items
    assert item.date == "2018-03-05" and item.parts.date_rule == "written date"


def _price_table(corner_date: str) -> list[tuple[int, int, str]]:
    """A one-page table whose date, in the top right corner, is drawn last: pypdf's plain mode
    (used for a page of columns) puts it at the end of the page's text."""
    pieces = [(50, 800, "Weekly Fuel Prices Round-Up")]
    for k, place in enumerate("Aleppo Idlib Hama Homs Latakia Tartus Raqqa Hasaka Qamishli Deir Daraa Suwayda "
                              "Quneitra Damascus Manbij Afrin".split()):
        y = 760 - k * 16
        pieces += [(50, y, place), (250, y, f"{1 + k / 10:.2f} - {1.2 + k / 10:.2f}"),
                   (420, y, f"{1.1 + k / 10:.2f} - {1.3 + k / 10:.2f}")]
    return [*pieces, (420, 800, corner_date)]


def test_a_cover_date_the_plain_text_misplaces_is_read_from_the_page_as_laid_out():
    [item] = parse_bytes(make_pdf([_price_table("Fri, Feb 24, 2017")]), "prices.pdf").page.items
    assert item.date == "2017-02-24" and not item.parts.needs_date
    assert item.parts.date_line == "Fri, Feb 24, 2017" and item.parts.date_line_no is None
    assert "as pypdf lays it out" in item.parts.date_rule


def test_an_ambiguous_corner_date_is_still_flagged_or_settled_by_the_file_name():
    data = make_pdf([_price_table("24/2/2017")])  # one reading only: 24 is no month
    assert parse_bytes(data, "prices.pdf").page.items[0].date == "2017-02-24"
    data = make_pdf([_price_table("4/2/2017")])
    [item] = parse_bytes(data, "prices.pdf").page.items
    assert item.date is None and "2017-02-04 or 2017-04-02" in item.parts.date_rule
    [item] = parse_bytes(data, "prices-2017-04-02.pdf").page.items
    assert item.date == "2017-04-02" and "file name" in item.parts.date_rule


def test_a_day_and_month_in_a_text_layer_that_lost_its_spaces_or_split_a_year():
    from annotator.ingest.pdfdate import _day_month

    assert _day_month("Séance publique tenue le20juin,à 16h00") == (20, 6, "20juin")
    assert _day_month("Rapport final Janvier 20 21") is None  # a month and a year split by the layer
    assert _day_month("Réunion du 1er mars 2020") is None  # a full date is no day without a year


def test_an_ambiguous_date_is_read_in_the_order_the_document_writes_its_other_dates():
    body = ["Polling stations opened on 10/20/2014 and closed on 11/04/2014 across the county."]
    [item] = parse_bytes(make_pdf([[*AMBIGUOUS, "", *body]]), "summary.pdf").page.items
    assert item.date == "2018-04-03" and "month first, as the document's own 10/20/2014" in item.parts.date_rule
    body = ["Polling stations opened on 20/10/2014 and closed on 04/11/2014 across the county."]
    [item] = parse_bytes(make_pdf([[*AMBIGUOUS, "", *body]]), "summary.pdf").page.items
    assert item.date == "2018-03-04" and "day first" in item.parts.date_rule
    body = ["Stations opened on 20/10/2014; the count ended 10/21/2014, both as the county wrote them."]
    [item] = parse_bytes(make_pdf([[*AMBIGUOUS, "", *body]]), "summary.pdf").page.items
    assert item.date is None and item.parts.needs_date  # mixed orders: no guess


def test_an_ambiguous_date_in_a_us_agency_document_is_month_first():
    head = ["Federal Register notice on fuel prices in the region", "", "Issued 4/3/2018", "", *STORY]
    [item] = parse_bytes(make_pdf([head]), "notice.pdf").page.items
    assert item.date == "2018-04-03" and "a US document ('Federal Register')" in item.parts.date_rule
    [item] = parse_bytes(make_pdf([AMBIGUOUS]), "summary.pdf").page.items
    assert item.date is None  # nothing says whose convention: flagged
