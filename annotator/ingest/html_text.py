"""The text of a saved HTML page: markup dropped, block elements as line breaks."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "nav", "blockquote", "pre", "dd", "dt", "hr",
    "main", "aside", "figure", "figcaption", "address", "form", "title",
}
_SKIP = {"script", "style", "noscript", "template", "head"}
_TITLE_OK = {"title"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001 - HTMLParser signature
        if tag in _SKIP and tag not in _TITLE_OK:
            self._skip_depth += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and tag not in _TITLE_OK:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


_LEADING_SPACE = re.compile(r"\s*")
_HTML_TAG = re.compile(r"<(body|div|p|head)\b")


def looks_like_html(text: str) -> bool:
    start = _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]  # always matches; not text.lstrip(): that copied the whole page
    head = text[start:start + 1024].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(_HTML_TAG.search(head))


def html_to_text(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    # Paragraphs are separated by one blank line, as in the text pages.
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1] != "":
            out.append("")
    return "\n".join(out).strip() + "\n"
