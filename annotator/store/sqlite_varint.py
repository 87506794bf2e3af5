"""SQLite's variable-length integer, as its file format stores it (the b-tree cells the export's
read-ahead walks, the FTS5 leaf pages the prefix search reads)."""


def varint(data: bytes, pos: int) -> tuple[int, int]:
    """The big-endian varint at `pos`: (value, position after it). Up to eight bytes carry seven
    bits each; a ninth carries eight."""
    value = 0
    for i in range(8):
        byte = data[pos + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos + i + 1
    return (value << 8) | data[pos + 8], pos + 9
