"""The date field's reading of what analysts type (issue 13, problem 3)."""

from __future__ import annotations

import pytest

from annotator.services.typed_dates import parse

ITEM = "2017-10-05"  # a Thursday


@pytest.mark.parametrize(("typed", "expected"), [
    ("2017-03-16", ("2017-03-16", "2017-03-16")),
    ("16 Mar 2017", ("2017-03-16", "2017-03-16")),
    ("March 16, 2017", ("2017-03-16", "2017-03-16")),
    ("16/03/2017", ("2017-03-16", "2017-03-16")),
    ("16 March", ("2017-03-16", "2017-03-16")),
    ("Thursday", ("2017-10-05", "2017-10-05")),
    ("on Tuesday morning", ("2017-10-03", "2017-10-03")),
    ("yesterday", ("2017-10-04", "2017-10-04")),
    ("March 2017", ("2017-03-01", "2017-03-31")),
    ("1-5 March 2017", ("2017-03-01", "2017-03-05")),
    ("28 Feb - 3 Mar 2017", ("2017-02-28", "2017-03-03")),
    ("2017-03-05 to 2017-03-01", ("2017-03-01", "2017-03-05")),
    ("last week", ("2017-09-25", "2017-10-01")),  # read as the date tagger reads it
])
def test_typed_dates(typed, expected):
    assert parse(typed, ITEM) == expected


def test_empty_and_unreadable():
    assert parse("  ", ITEM) is None
    for bad in ("unknown20170316", "31 Feb 2017", "next to the river"):
        with pytest.raises(ValueError):
            parse(bad, ITEM)
    with pytest.raises(ValueError, match="item date"):
        parse("Thursday", None)
