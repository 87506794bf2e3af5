"""Tiny PDFs for tests: pages of text lines in Helvetica, written by hand (no PDF writer
dependency). Each page is a list of lines, drawn top to bottom; an empty list is a page with no
text layer (what a scan looks like to a text extractor). A page given as (x, y, text) pieces
draws each piece at that place, in the order given (a table, a date in a corner drawn last)."""

from __future__ import annotations


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]] | list[list[tuple[int, int, str]]], info: dict[str, str] | None = None) -> bytes:
    """`info`: the document information dictionary ({"CreationDate": "D:20230621133027Z"})."""
    objects: list[bytes] = []
    font_id = 3
    page_ids = []
    contents = []
    for lines in pages:
        if lines and isinstance(lines[0], tuple):  # (x, y, text): each piece drawn where it says
            ops = [f"BT /F1 11 Tf {x} {y} Td ({_escape(text)}) Tj ET" for x, y, text in lines]
        else:
            ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
            for line in lines:
                ops.append(f"({_escape(line)}) Tj T*")
            ops.append("ET")
        contents.append("\n".join(ops).encode("latin-1") if lines else b"")
    # object numbers: 1 catalog, 2 pages, 3 font, then (page, content) pairs
    next_id = 4
    for _ in pages:
        page_ids.append((next_id, next_id + 1))
        next_id += 2
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{p} 0 R" for p, _ in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for (_page_id, content_id), stream in zip(page_ids, contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 "
                       f"{font_id} 0 R >> >> /Contents {content_id} 0 R >>".encode())
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    info_ref = ""
    if info:
        fields = " ".join(f"/{k} ({_escape(v)})" for k, v in info.items())
        objects.append(f"<< {fields} >>".encode("latin-1"))
        info_ref = f" /Info {len(objects)} 0 R"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info_ref} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
