"""``read_articles``: files and folders of any supported kind -> Articles and Skips."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from hoopoe import errors
from hoopoe.errors import EmptyInput, HoopoeError, InputError, MissingFile, TooLarge
from hoopoe.ingest.base import Skip, article_id, parse_date
from hoopoe.ingest.decode import MAX_BYTES_PER_CHAR, decode, read_bytes, read_text, sniff_binary
from hoopoe.ingest.feeds import read_feed
from hoopoe.ingest.html import extract_page
from hoopoe.ingest.jsonl import read_jsonl
from hoopoe.ingest.text import split_headline
from hoopoe.records import Article

log = logging.getLogger(__name__)

#: Default cap on an article's text, in characters (about 150,000 words: longer than any news
#: article, short enough that one stray log file cannot stall a batch).
MAX_CHARS = 1_000_000

#: Raw HTML may be this many times ``max_chars`` in bytes before it is refused unread: markup and
#: scripts run 5-20 times the size of a news page's text.
HTML_BYTES_PER_TEXT_CHAR = 50

KIND_BY_SUFFIX = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}

#: Error class by reason code, to raise a skip again as the error it came from.
_ERRORS: dict[str, type[HoopoeError]] = {
    cls.reason: cls for cls in (errors.EmptyInput, errors.BinaryInput, errors.EncodingError, errors.NoTextError,
                                errors.BadRecord, errors.MissingFile, errors.TooLarge, errors.BadDate)}

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_HEAD = re.compile(rb"\A(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)


def sniff_kind(path: Path, head: bytes) -> str:
    """The reader for a file: ``text``, ``html``, ``jsonl`` or ``feed``.

    Content that is clearly HTML (starts with ``<!doctype html``/``<html``) or clearly a feed (an
    XML declaration or comment, then an ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` root) is read as such
    whatever its extension; otherwise the extension decides, and unknown extensions are text.
    """
    if _HTML_HEAD.match(head):
        return "html"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<") and _FEED_ROOT.search(head[:4096]):
        return "feed"
    return KIND_BY_SUFFIX.get(path.suffix.lower(), "text")


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named and files under folders named, folders recursed, hidden files
    and folders (name starting with ``.``) under a folder skipped, files under a folder in
    sorted order of their relative path. Missing paths are yielded as they
    are so that the reader reports them."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [Path(root) / name for name in files if not name.startswith(".")]
            yield from sorted(found, key=lambda f: f.relative_to(path).parts)
        else:
            yield path


def read_text_file(path: str | Path, *, max_chars: int = MAX_CHARS) -> str:
    """The decoded text of one plain-text file, unchanged but for line ends (``\\n``) and a BOM.

    Raises :class:`hoopoe.errors.MissingFile`, ``EmptyInput``, ``BinaryInput``, ``EncodingError`` or
    ``TooLarge`` (see :mod:`hoopoe.ingest.decode` for the decoding rules).
    """
    return read_text(Path(path), max_chars)


def read_article(path: str | Path, *, published: date | str | None = None,
                 max_chars: int = MAX_CHARS) -> Article:
    """The article in one file of any kind (for a JSONL file or a feed: its first article).

    Raises the :mod:`hoopoe.errors` subclass of the file's problem (``MissingFile``, ``EmptyInput``,
    ``BinaryInput``, ``EncodingError``, ``NoTextError``, ``TooLarge``, ``BadDate``, ``BadRecord``),
    for a JSONL file or feed with no usable record: that of its first skip.
    """
    first_skip: Skip | None = None
    for item in _read_file(Path(path), parse_date(published), max_chars):
        if isinstance(item, Article):
            return item
        first_skip = first_skip or item
    assert first_skip is not None  # every reader yields something or raises
    raise _ERRORS.get(first_skip.reason, InputError)(first_skip.message, reason=first_skip.reason)


def _read_text_article(path: Path, data: bytes, published: date | None, max_chars: int) -> Article:
    text = decode(data, str(path))
    if not text.strip():
        raise EmptyInput(f"{path}: only white space")
    if len(text) > max_chars:
        raise TooLarge(f"{path}: {len(text)} characters, more than the limit of {max_chars}")
    title, body = split_headline(text)
    return Article(text=body, id=article_id(body), title=title, published=published, origin=str(path))


def _read_html_article(path: Path, data: bytes, published: date | None, max_chars: int) -> Article:
    page = extract_page(data, str(path))
    if len(page.text) > max_chars:
        raise TooLarge(f"{path}: {len(page.text)} characters of text, more than the limit of {max_chars}")
    return Article(text=page.text, id=article_id(page.text, page.url), title=page.title, url=page.url,
                   source=page.source, published=page.published or published,
                   language=page.language or "en", origin=str(path))


def _read_file(path: Path, published: date | None, max_chars: int) -> Iterator[Article | Skip]:
    if not path.exists():
        raise MissingFile(f"{path}: no such file or folder")
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as e:
        raise MissingFile(f"{path}: cannot be read ({e.strerror or e})") from None
    kind = sniff_kind(path, head)
    if kind == "jsonl":
        yield from read_jsonl(path, published=published, max_chars=max_chars)
        return
    if kind == "feed":
        data = read_bytes(path)  # a feed's size is the sum of its entries; each entry is checked
        sniff_binary(data, str(path))
        yield from read_feed(path, data, published=published, max_chars=max_chars)
    elif kind == "html":
        data = read_bytes(path, max_bytes=max_chars * HTML_BYTES_PER_TEXT_CHAR)
        sniff_binary(data, str(path))
        yield _read_html_article(path, data, published, max_chars)
    else:
        data = read_bytes(path, max_bytes=max_chars * MAX_BYTES_PER_CHAR)
        yield _read_text_article(path, data, published, max_chars)


def read_articles(paths: Iterable[str | Path], *, published: date | str | None = None,
                  max_chars: int = MAX_CHARS) -> Iterator[Article | Skip]:
    """Every article in the files and folders given, in order, or a :class:`Skip` for each input
    that gives none (never an exception for bad input).

    Kinds: plain text (the first line becomes the title only when clearly a headline, see
    :func:`hoopoe.ingest.text.split_headline`), HTML pages (trafilatura), JSONL (one article per
    line), RSS/Atom feeds (one article per entry). ``published`` applies to articles that carry no
    date of their own; a record whose own date cannot be read is skipped with ``bad-date``.
    Every article has an ``id`` (:func:`article_id` when the input gives none) and its ``origin``.
    """
    default = parse_date(published)  # a bad argument is the caller's error: BadDate is raised
    for path in iter_files(paths):
        try:
            for item in _read_file(path, default, max_chars):
                if isinstance(item, Skip):
                    log.info("skip %s", item)
                yield item
        except HoopoeError as e:
            log.info("skip %s: %s", path, e)
            yield Skip.from_error(str(path), e)
