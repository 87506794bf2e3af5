"""Single reports: date styles, datelines, article parts, furniture dropped, layouts chosen.

Every text here is written for these tests in the styles outlets use; no real report is copied.
"""

from __future__ import annotations

import pytest

from annotator.ingest import IngestError, parse_bytes
from annotator.ingest.article import parse
from annotator.ingest.layouts import choose
from annotator.ingest.outlets import find_dateline, outlet_from_path
from annotator.ingest.pubdate import find_publication_date, month_day_hint, read_date_line


@pytest.mark.parametrize("line, iso", [
    ("March 3, 2018", "2018-03-03"),
    ("3 Mar 2018", "2018-03-03"),
    ("Sat 3 Mar 2018", "2018-03-03"),
    ("2018-03-03", "2018-03-03"),
    ("Published: 2018/03/03 09:15", "2018-03-03"),
    ("Updated 3 March 2018", "2018-03-03"),
    ("AP , Saturday 3 Mar 2018", "2018-03-03"),
    ("Saturday 3, March 2018 at 9:15 AM", "2018-03-03"),
    ("10:05, March 03, 2018", "2018-03-03"),
    ("Posted: Mar 3, 2018 10:05 PM", "2018-03-03"),
    ("Daily Archives: Saturday March 3rd, 2018", "2018-03-03"),
    ("Source: Wire| 2018-03-03 10:05:00|Editor: Sam", "2018-03-03"),
    ("السبت 3 آذار 2018", "2018-03-03"),
    ("السبت ٣ مارس ٢٠١٨ - ١٠:٠٥ بتوقيت غرينتش", "2018-03-03"),
    ("7 كانون الثاني 2019", "2019-01-07"),
    ("١٢ تشرين الأول ٢٠١٧", "2017-10-12"),
    ("13/03/2018", "2018-03-13"),  # one reading only
])
def test_date_line_styles(line, iso):
    got = read_date_line(line)
    assert got is not None and got[0] == iso


@pytest.mark.parametrize("line", [
    # a photo caption or a sentence naming a date is not the outlet's date line
    "Residents carry belongings along the road out of the town on Tuesday, March 3, 2018, after a night of shelling.",
    "The council said the convoy that left on 3 March 2018 had reached the camp two days later, officials said.",
    "3 March",  # no year
    "On Saturday",
])
def test_not_date_lines(line):
    assert read_date_line(line) is None


def test_ambiguous_numeric_date_is_left_for_confirmation_unless_the_outlet_order_is_known():
    assert read_date_line("04/03/2018") == (None, "numeric date, day/month order unknown", ["2018-03-04", "2018-04-03"])
    assert read_date_line("04/03/2018", day_first=True)[0] == "2018-03-04"
    assert read_date_line("04/03/2018", day_first=False)[0] == "2018-04-03"


def test_month_day_without_year_is_only_a_hint():
    assert month_day_hint("GENEVA, March 3 (Wire) - Talks resumed") == "March 3"
    assert month_day_hint("قالت المصادر الأربعاء 22 آذار، إن") == "22 March"
    assert find_publication_date(["GENEVA, March 3 (Wire) - Talks resumed on Saturday."]).date is None


@pytest.mark.parametrize("paragraph, text, agency", [
    ("BEIRUT (AFP) — Shelling hit the town.", "BEIRUT (AFP)", "AFP"),
    ("Hama, SANA – Army units moved north.", "Hama, SANA", "SANA"),
    ("Hasaka, SANA-Convoys arrived.", "Hasaka, SANA", "SANA"),
    ("QAMISHLI, Syria (North Press) – Four were hurt.", "QAMISHLI, Syria (North Press)", "North Press"),
    ("GENEVA, March 3 (Reuters) - Talks resumed.", "GENEVA, March 3 (Reuters)", "Reuters"),
    ("AMMAN — Refugees in the camp said.", "AMMAN", None),
    ("حماة، سانا - قال مصدر", "حماة، سانا", "سانا"),
])
def test_datelines(paragraph, text, agency):
    found = find_dateline(paragraph)
    assert found is not None and found.text == text and found.agency == agency


@pytest.mark.parametrize("paragraph", [
    "Syrian forces shelled the town on Monday.", "Tit-for-tat attacks went on.", "Source: the ministry said.",
    "The Observatory said so.",
])
def test_sentences_are_not_datelines(paragraph):
    assert find_dateline(paragraph) is None


REPORT = """4 min read
Latest News:

Shelling hits market in northern town, monitor says

By Lina Haddad
Saturday 3, March 2018 at 9:15 AM

BEIRUT (AFP) — Artillery fire struck a crowded market in the northern town of Kafr Nabl on Saturday, killing
at least seven civilians, a war monitor said.

The monitor said the shells were fired from positions held by government forces south of the town.

Check Also

Another headline about something else entirely

Leave your comment
This website uses cookies to improve your experience.
"""


def test_a_copied_report_keeps_its_parts_and_drops_the_page_furniture():
    page = parse(REPORT, "copied.txt")
    [item] = page.items
    parts = item.parts
    assert page.layout == "article" and item.title == "Shelling hits market in northern town, monitor says"
    assert item.date == "2018-03-03" and not parts.needs_date
    assert parts.date_line == "Saturday 3, March 2018 at 9:15 AM" and parts.date_line_no == 7
    assert parts.byline == "Lina Haddad" and parts.dateline == "BEIRUT (AFP)" and parts.outlet == "AFP"
    assert item.body.startswith("BEIRUT (AFP) — Artillery") and item.body.endswith("south of the town.")
    for furniture in ("min read", "Latest News", "Check Also", "Another headline", "comment", "cookies"):
        assert furniture not in item.body
    assert REPORT[item.body_start:item.body_end] == item.body  # offsets into the text given
    assert "Check Also" in page.footer


def test_a_report_without_a_date_is_imported_with_the_date_unknown_and_a_hint():
    text = "Convoy reaches besieged town\n\nBEIRUT Nov 5 An aid convoy of 20 trucks reached the town, the agency said.\n"
    [item] = parse(text, "wire.txt").items
    assert item.date is None and item.parts.needs_date
    assert "Nov 5 without a year" in item.parts.date_rule
    assert item.parts.dateline == "BEIRUT Nov 5"


def test_an_ambiguous_date_is_flagged_unless_the_outlet_writes_day_first():
    text = "Aid delivered to camps\n04/03/2018\n\nAid agencies delivered food baskets to three camps near the border, " \
           "the organisers said in a statement.\n"
    [unknown] = parse(text, "notes.txt").items
    assert unknown.date is None and "2018-03-04 or 2018-04-03" in unknown.parts.date_rule
    [known] = parse(text, "sana-notes.txt").items  # the file name names an outlet writing day first
    assert known.date == "2018-03-04" and known.parts.outlet == "SANA"
    assert known.parts.date_rule == "numeric date, outlet writes day first"


def test_a_closing_source_line_is_the_attribution_and_a_masthead_is_not_the_headline():
    text = ("The Syrian Observatory For Human Rights\n\nShelling kills five in the south\n\n"
            "Shelling on the town killed five civilians on Thursday, a monitoring group said in a statement.\n\n"
            "Source: Wire service report\n")
    [item] = parse(text, "monitor.txt").items
    assert item.title == "Shelling kills five in the south" and item.attribution == "Wire service report"
    assert item.body.endswith("in a statement.") and text[item.start:item.end].endswith("Wire service report")
    assert item.parts.outlet == "SOHR"


def test_arabic_report_with_arabic_indic_digits():
    text = "قصف على ريف حماة\nالثلاثاء ٢٨ مارس ٢٠١٧ - ٠٤:٥٤ بتوقيت غرينتش\n\n" \
           "قالت مصادر محلية إن القصف استهدف البلدة صباح اليوم وأدى إلى أضرار مادية في المنازل والطرق.\n"
    [item] = parse(text, "ar.txt").items
    assert item.date == "2017-03-28" and item.parts.date_rule == "Arabic written date"
    assert item.title == "قصف على ريف حماة"


def test_layouts_listing_first_then_one_report():
    listing = "Coalition News\n17 May 2017 In Coalition News\nText one. (Source: A)\n18 May 2017 In Coalition News\n" \
              "Text two. (Source: B)\n"
    assert choose(listing)[0].name == "listing" and choose(listing)[1] == 1.0
    assert choose(REPORT)[0].name == "article"
    one = parse_bytes(b"Enab story\n3 Mar 2018 In Enab Baladi News\nA single story with an abbreviated month.\n", "e.txt")
    assert one.page.layout == "listing" and one.page.items[0].date == "2018-03-03"


def test_outlet_from_file_name():
    assert outlet_from_path("/x/sana-118209.txt").name == "SANA"
    assert outlet_from_path("/x/enabbaladi_story.txt").name == "Enab Baladi"
    assert outlet_from_path("/x/notes.txt") is None


def test_a_page_of_furniture_is_still_imported_whole_with_a_warning():
    doc = parse_bytes(b"Share\nPrint\n\nRead more\n", "nav.txt")
    [item] = doc.page.items
    assert item.body == "Share\nPrint\n\nRead more" and "page furniture" in doc.page.warnings[0]


def test_blank_text_is_refused_with_a_message():
    with pytest.raises(IngestError, match="empty file"):
        parse_bytes(b"\n  \n", "blank.txt")


def test_a_dated_tweet_below_the_story_is_not_its_date():
    text = ("Council swears in new judge\n\nThe state swore in its new supreme court justice on Monday in a short "
            "ceremony at the capitol, officials said.\n\nThe ceremony was broadcast live.\n\n"
            "— A Reporter (@reporter) January 6, 2020\n")
    [item] = parse(text, "t.txt").items
    assert item.date is None and item.parts.needs_date


def test_a_report_pasted_without_its_headline_keeps_its_first_sentence_in_the_body():
    """The lede is running text, not a headline: it stays in the body (the reader and the tagger
    see only the body), and a real headline is still read as one."""
    lede = "Shelling on the town of Saraqib killed 7 civilians on Friday, the local council said."
    item = parse(f"Aleppo Daily\nMarch 3, 2018\n\n{lede}\nThe council added that 12 people were injured.\n").items[0]
    assert item.body.startswith(lede) and item.headline is None and item.date == "2018-03-03"
    item = parse(f"Shelling kills seven in Saraqib, local council says\nMarch 3, 2018\n\n{lede}\n").items[0]
    assert item.headline == "Shelling kills seven in Saraqib, local council says" and item.body == lede
