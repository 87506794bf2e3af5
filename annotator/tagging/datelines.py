"""Datelines: where a report was filed ("BEIRUT (AFP) —", "Hama, SANA –", "DARAA, Syria (North
Press) –", "DAMASCUS, May 25 (Xinhua) --", "AMMAN:"), never where its figures happened (DESIGN.md,
import layouts). `dateline_spans(body)` gives their spans; the casualty tagger never takes a
place inside one as a figure's location.

A dateline opens one of the first paragraphs: one to four capitalised place words (commas between
them allowed), then an outlet in brackets, a dash, ", OUTLET –", or (for a capitalised place) a
colon; or the paragraph is only the place ("IDLIB, Syria").
"""

from __future__ import annotations

import re

_PLACE = r"[A-Z][\w’'-]*(?:(?:\s*,\s*|\s+)[A-Z][\w’'-]*){0,3}?"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE})"
    r"(?:\s*,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"  # DAMASCUS, May 25
    r"(?:"
    r"\s*\([^()\n]{2,40}\)\s*(?:[-–—]{1,2}\s*)?"  # (Reuters) -, (North Press) –, (Syria News)
    r"|\s*,\s*\(?[A-Z][\w .&/-]{1,30}?\)?\s*[-–—]{1,2}\s*"  # , SANA -
    r"|\s+[-–—]{1,2}\s+"  # Daraa, Syria – ...
    r"|\s*[-–—]\s*(?=\()"  # Damascus – (SANA-...) –
    r")"
)
_CAPS_COLON = re.compile(r"(?P<place>[A-Z][A-Z’'-]+(?:[ ,]+[A-Z][A-Za-z’'-]*){0,2}):\s")
_PLACE_ONLY = re.compile(rf"(?P<place>{_PLACE})\s*$")


def dateline_spans(body: str, paragraphs: int = 4) -> list[tuple[int, int]]:
    """(start, end) of the place part of each dateline opening one of the first paragraphs."""
    out: list[tuple[int, int]] = []
    pos = 0
    for _ in range(paragraphs):
        while body.startswith("\n", pos):
            pos += 1
        if pos >= len(body):
            break
        end = body.find("\n", pos)
        end = len(body) if end < 0 else end
        line = body[pos:end]
        m = _DATELINE.match(line) or _CAPS_COLON.match(line) or (
            _PLACE_ONLY.match(line) if len(line) < 40 and ("," in line or (line.split() or [""])[0].isupper()) else None)
        if m is not None and len(m.group("place")) < 60:
            out.append((pos + m.start("place"), pos + m.end("place")))
        pos = end + 1
    return out
