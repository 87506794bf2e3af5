"""Amounts and qualifiers as the genre writes them (DESIGN.md conventions)."""

from __future__ import annotations

import pytest

from annotator.tagging.numbers import QUANTITY, parse_number, read_quantity


@pytest.mark.parametrize(
    ("text", "value"),
    [("7", 7), ("1,500", 1500), ("120,000", 120000), ("2.5 million", 2_500_000), ("seven", 7), ("fifty", 50),
     ("twenty-three", 23), ("Twenty three", 23), ("two hundred and fifty", 250), ("three thousand", 3000),
     ("a hundred", 100), ("a dozen", 12), ("half a million", 500_000), ("1 million", 1_000_000), ("dozens", None),
     ("", None), ("houses", None)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at least 50", (50, None, "at_least", False)),
        ("about 50", (50, 50, "about", True)),
        ("around 11,000", (11000, 11000, "about", True)),
        ("more than 120,000", (120000, None, "more_than", True)),
        ("over 300,000", (300000, None, "more_than", True)),
        ("nearly 100", (None, 100, "nearly", True)),
        ("up to 100", (None, 100, "up_to", True)),
        ("80", (80, 80, "exact", False)),
        ("between 20 and 30", (20, 30, "about", True)),
        ("dozens", (None, None, "vague", True)),
        ("hundreds of thousands", (None, None, "vague", True)),
        ("Tens of thousands", (None, None, "vague", True)),
        ("some 160,000", (160000, 160000, "about", True)),
    ],
)
def test_qualifiers(text, expected):
    m = QUANTITY.search(text)
    assert m is not None and m.group(0) == text
    q = read_quantity(m)
    assert (q["count_min"], q["count_max"], q["qualifier"], q["approximate"]) == expected


def test_five_and_six_stay_two_numbers():
    assert [m.group(0) for m in QUANTITY.finditer("five and six")] == ["five", "six"]


def test_a_alone_is_not_a_number():
    assert QUANTITY.search("a man was arrested") is None
