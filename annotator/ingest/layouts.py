"""Layouts as plug-ins: each says how sure it is that a text is written its way; the best wins.

A layout is a module-level object with a `name`, `recognise(text) -> confidence` (0 to 1) and
`parse(text, path) -> ParsedPage`. Layouts are asked in order and a certain answer (1.0) stops
the search, so the Coalition listing, asked first, costs no more than before. The single-report
layout answers for any text with a low confidence: a file no listing fits is one article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from annotator.ingest import article, coalition
from annotator.ingest.coalition import ParsedPage


@dataclass(frozen=True)
class Layout:
    name: str
    recognise: Callable[[str], float]
    parse: Callable[[str, str], ParsedPage]
    description: str


LISTING = Layout("listing", coalition.recognise, coalition.parse_page,
                 "a listing page: a title line, items each opened by `17 May 2017 In Coalition News`")
ARTICLE = Layout("article", article.recognise, article.parse,
                 "one report: headline, the outlet's date line, byline, dateline, body")
LAYOUTS: list[Layout] = [LISTING, ARTICLE]


def choose(text: str, layouts: list[Layout] | None = None) -> tuple[Layout, float]:
    best, best_score = None, -1.0
    for layout in layouts or LAYOUTS:
        score = layout.recognise(text)
        if score > best_score:
            best, best_score = layout, score
        if score >= 1.0:
            break
    assert best is not None
    return best, best_score


def parse_text(text: str, path: str) -> ParsedPage:
    """Split `text` with the layout that recognises it best."""
    layout, _ = choose(text)
    return layout.parse(text, path)
