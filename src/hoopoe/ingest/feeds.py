"""RSS 2.0 / RSS 1.0 / Atom feed files (feedparser): each entry an article."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from hoopoe.errors import BadDate, BadRecord, HoopoeError, NoTextError, TooLarge
from hoopoe.ingest.base import Skip, article_id, parse_date
from hoopoe.ingest.html import fragment_text
from hoopoe.records import Article

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def _entry_html(entry) -> str:
    """The longest of the entry's content blocks, else its summary (HTML or plain text)."""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _entry_date(entry, origin: str) -> date | None:
    """The entry's own published (else updated) date: the string as written, else feedparser's
    parse of it (UTC); :class:`BadDate` when it has one that neither can read."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return parse_date(raw)
        except BadDate:
            parsed = entry.get(key + "_parsed")
            if parsed:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            raise BadDate(f"{origin}: bad {key} date {raw!r}") from None
    return None


def read_feed(path: Path, data: bytes, *, published: date | None, max_chars: int) -> Iterator[Article | Skip]:
    """Each entry of a feed as an article (source: the feed's title), or a skip naming the entry.

    A feed that feedparser flags as malformed ("bozo") but that still has entries yields them (with
    a warning in the log); a file with no entries raises :class:`NoTextError`.
    """
    import feedparser  # only when a feed is read

    feed = feedparser.parse(data)
    if not feed.entries:
        why = f" ({feed.get('bozo_exception')})" if feed.get("bozo") else ""
        raise NoTextError(f"{path}: not a feed, or a feed with no entries{why}")
    if feed.get("bozo"):
        log.warning("%s: malformed feed, reading its %d entries anyway: %s",
                    path, len(feed.entries), feed.get("bozo_exception"))
    source = (feed.feed.get("title") or "").strip() or None
    for i, entry in enumerate(feed.entries, 1):
        origin = f"{path}#{i}"
        try:
            text = fragment_text(_entry_html(entry))
            if not text:
                raise BadRecord(f"{origin}: feed entry {entry.get('title', '')!r} has no content or summary")
            if len(text) > max_chars:
                raise TooLarge(f"{origin}: {len(text)} characters, more than the limit of {max_chars}")
            link = (entry.get("link") or "").strip() or None
            title = fragment_text(entry.get("title") or "") or None
            given = (entry.get("id") or "").strip()
            yield Article(text=text, id=given or article_id(text, link), title=title, url=link,
                          source=source, published=_entry_date(entry, origin) or published,
                          language=(entry.get("language") or feed.feed.get("language") or "en").split("-")[0].lower() or "en",
                          origin=origin)
        except HoopoeError as e:
            yield Skip.from_error(origin, e)
