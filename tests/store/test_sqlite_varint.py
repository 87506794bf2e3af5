"""SQLite's varint, against encodings worked out from the file format's definition."""

import pytest

from annotator.store.sqlite_varint import varint


@pytest.mark.parametrize(("data", "value", "after"), [
    (b"\x00", 0, 1),
    (b"\x7f", 127, 1),
    (b"\x81\x00", 128, 2),
    (b"\xff\x7f", 16383, 2),
    (b"\x81\x80\x00", 16384, 3),
    (b"\xff" * 8 + b"\xff", 2**64 - 1, 9),  # the ninth byte carries all eight bits
    (b"\x80" * 8 + b"\x01", 1, 9),
])
def test_varint(data, value, after):
    assert varint(b"x" + data + b"tail", 1) == (value, after + 1)
