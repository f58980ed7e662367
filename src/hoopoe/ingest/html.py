"""HTML pages (trafilatura, offline) and HTML fragments (feed entries) to plain text."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from hoopoe.errors import BadDate, NoTextError
from hoopoe.ingest.base import parse_date

log = logging.getLogger(__name__)

#: htmldate settings: only dates in the page's markup and metadata, never a date guessed from the
#: body text (which is as likely the date of the event as the date of publication).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


#: Main text shorter than this is page furniture (a "Home" link, a cookie notice) that
#: trafilatura's fallbacks picked up, not an article. The shortest news items, one-sentence briefs,
#: run 80 characters and more; menus and buttons stay under 30.
MIN_PAGE_TEXT_CHARS = 40


@dataclass(slots=True)
class Page:
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None


def _paragraphs(text: str) -> str:
    """One paragraph per line (trafilatura's output) -> paragraphs separated by a blank line."""
    lines = [ln.strip() for ln in text.split("\n")]
    return "\n\n".join(ln for ln in lines if ln)


def extract_page(html: str | bytes, where: str = "html") -> Page:
    """Main text, title, publication date, site name and URL of a full HTML page.

    The title is removed from the head of the text when trafilatura repeats it there. A date that
    the page metadata gives but that cannot be read is dropped with a warning (the page's markup is
    not the user's input). :class:`NoTextError` when there is no main text.
    """
    from trafilatura import bare_extraction  # heavy import, only when HTML is read

    try:
        doc = bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                              date_extraction_params=_DATE_PARAMS)
    except Exception as e:  # trafilatura raises assorted lxml errors on broken markup
        log.debug("trafilatura failed on %s: %s", where, e)
        doc = None
    data = (doc.as_dict() if hasattr(doc, "as_dict") else doc) if doc is not None else None
    text = _paragraphs((data or {}).get("text") or "")
    if len(text) < MIN_PAGE_TEXT_CHARS:
        raise NoTextError(f"{where}: HTML with no main text" + (f" (only {text!r})" if text else ""))
    title = ((data or {}).get("title") or "").strip() or None
    if title and text.startswith(title):
        rest = text[len(title):]
        if rest.startswith("\n"):
            text = rest.lstrip("\n")
    published = None
    if data.get("date"):
        try:
            published = parse_date(data["date"])
        except BadDate:
            log.warning("%s: ignoring unreadable page date %r", where, data["date"])
    return Page(text=text, title=title, published=published,
                source=(data.get("sitename") or "").strip() or None,
                url=(data.get("url") or "").strip() or None,
                language=(data.get("language") or "").strip() or None)


_BLOCK = frozenset("""address article aside blockquote dd div dl dt figcaption figure footer form h1 h2 h3
h4 h5 h6 header hr li main nav ol p pre section table td th tr ul""".split())
_SKIP = frozenset(("script", "style", "noscript", "template", "iframe", "svg"))
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


class _FragmentText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content or summary): block elements become
    paragraphs separated by a blank line, ``<br>`` a line break, entities decoded, scripts dropped,
    runs of spaces collapsed. Plain text without markup passes through with its spaces collapsed."""
    parser = _FragmentText()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts)
    paragraphs = []
    for block in re.split(r"\n\s*\n", raw):
        lines = [_SPACE.sub(" ", ln).strip() for ln in block.split("\n")]
        block = "\n".join(ln for ln in lines if ln)
        if block:
            paragraphs.append(block)
    return "\n\n".join(paragraphs)
