"""JSON Lines (and plain JSON) files of articles: one object per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from hoopoe.errors import BadRecord, EmptyInput, HoopoeError, TooLarge
from hoopoe.ingest.base import Skip, article_id, parse_date
from hoopoe.ingest.decode import decode, has_wide_bom, read_bytes, sniff_binary
from hoopoe.records import Article

#: Keys of a record, as read: ``text`` or ``html`` is required, the rest optional.
RECORD_KEYS = ("id", "text", "html", "title", "url", "source", "published", "language")


def record_to_article(rec: Any, origin: str, *, published: date | None, max_chars: int) -> Article:
    """One JSON object as an :class:`Article`; :class:`BadRecord` / :class:`TooLarge` /
    :class:`hoopoe.errors.BadDate` / :class:`hoopoe.errors.NoTextError` when it is not usable."""
    if not isinstance(rec, dict):
        raise BadRecord(f"{origin}: expected a JSON object with 'text' or 'html', got {type(rec).__name__}")
    for key in ("text", "html", "title", "url", "source", "language"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            raise BadRecord(f"{origin}: '{key}' must be a string, got {type(rec[key]).__name__}")
    title, source, url = rec.get("title"), rec.get("source"), rec.get("url")
    text = rec.get("text")
    if (not text or not text.strip()) and rec.get("html"):
        from hoopoe.ingest.html import extract_page

        page = extract_page(rec["html"], origin)
        text, title = page.text, title or page.title
        source, url = source or page.source, url or page.url
        if rec.get("published") is None and page.published:
            rec = {**rec, "published": page.published.isoformat()}
    if not text or not text.strip():
        raise BadRecord(f"{origin}: no 'text' (or 'html') in the record")
    if len(text) > max_chars:
        raise TooLarge(f"{origin}: {len(text)} characters, more than the limit of {max_chars}")
    pub = parse_date(rec.get("published")) or published
    given = rec.get("id")
    if given is not None and not isinstance(given, (str, int)):
        raise BadRecord(f"{origin}: 'id' must be a string or an integer, got {type(given).__name__}")
    return Article(text=text.replace("\r\n", "\n"), id=str(given) if given not in (None, "") else article_id(text, url),
                   title=title or None, url=url or None, source=source or None, published=pub,
                   language=rec.get("language") or "en", origin=origin)


def read_jsonl(path: Path, *, published: date | None, max_chars: int) -> Iterator[Article | Skip]:
    """Each line of a JSONL file (blank lines ignored) as an article, or a skip naming the line.

    A ``.json`` file holding one JSON array or object is read as those records instead.
    Lines are decoded one by one as UTF-8, so one bad line costs only itself.
    """
    data = read_bytes(path)
    if path.suffix.lower() == ".json":
        try:
            whole = json.loads(decode(data, str(path)))
        except ValueError:
            whole = None
        if whole is not None:
            items = whole if isinstance(whole, list) else [whole]
            for i, rec in enumerate(items, 1):
                origin = f"{path}#{i}"
                try:
                    yield record_to_article(rec, origin, published=published, max_chars=max_chars)
                except HoopoeError as e:
                    yield Skip.from_error(origin, e)
            return
    if has_wide_bom(data):  # UTF-16/32: decode the whole file (errors are the file's)
        lines = [ln.encode("utf-8") for ln in decode(data, str(path)).split("\n")]
    else:
        sniff_binary(data, str(path))
        lines = data.split(b"\n")
    seen = False
    for lineno, raw in enumerate(lines, 1):
        origin = f"{path}:{lineno}"
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        seen = True
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield Skip(origin, "encoding", f"{origin}: line is not UTF-8 (bad byte at column {e.start + 1})")
            continue
        try:
            rec = json.loads(line)
        except ValueError as e:
            yield Skip(origin, BadRecord.reason, f"{origin}: not JSON ({e})")
            continue
        try:
            yield record_to_article(rec, origin, published=published, max_chars=max_chars)
        except HoopoeError as e:
            yield Skip.from_error(origin, e)
    if not seen:
        raise EmptyInput(f"{path}: only blank lines")
