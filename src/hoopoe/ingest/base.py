"""What every reader shares: the :class:`Skip` record, stable ids and content hashes, lenient dates."""

from __future__ import annotations

import email.utils
import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime

from hoopoe.errors import BadDate, HoopoeError
from hoopoe.records import Article

_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that yielded no article: where it came from, a reason code, one clear line.

    ``origin`` is the file path, ``path:LINE`` for a JSONL line, ``path#N`` for the N-th feed entry
    (1-based). ``reason`` is one of the codes of :mod:`hoopoe.errors` (``empty``, ``binary``,
    ``encoding``, ``no-text``, ``bad-record``, ``missing-file``, ``too-large``, ``bad-date``) or
    ``extract-error`` / ``store-error`` from the batch runner.
    """

    origin: str
    reason: str
    message: str

    @classmethod
    def from_error(cls, origin: str, error: HoopoeError) -> Skip:
        return cls(origin, error.reason, str(error))

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}: {self.message}"


def _sha1_16(value: str) -> str:
    return "sha1:" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:16]


def normalise_url(url: str) -> str:
    """The URL without surrounding space or ``#fragment``, scheme and host lower-cased."""
    url = url.strip().split("#", 1)[0]
    m = re.match(r"(?i)^([a-z][a-z0-9+.-]*://)([^/?]*)(.*)$", url)
    if m:
        url = m.group(1).lower() + m.group(2).lower() + m.group(3)
    return url


def article_id(text: str, url: str | None = None) -> str:
    """A stable id for an article whose input gives none: ``sha1:`` and 16 hex digits.

    Hashes the normalised URL when there is one (so a corrected article keeps its id and the store
    replaces it), else the text with runs of white space collapsed (so re-wrapping keeps the id).
    """
    if url and url.strip():
        return _sha1_16("url:" + normalise_url(url))
    return _sha1_16("text:" + _WS.sub(" ", text).strip())


def content_hash(article: Article) -> str:
    """A hash of everything extraction reads: changes when the text, title, date, source or url change."""
    h = hashlib.sha256()
    for part in (article.text, article.title, article.url, article.source,
                 article.published.isoformat() if article.published else None, article.language):
        h.update(b"\x00" if part is None else b"\x01" + part.encode("utf-8"))
        h.update(b"\x1f")
    return "sha256:" + h.hexdigest()


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_SLASH_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")


def parse_date(value: object) -> date | None:
    """A publication date read leniently; ``None`` for no value; :class:`BadDate` for a bad one.

    Accepts ``date``/``datetime`` objects, ``YYYY-MM-DD``, ``YYYY/MM/DD``, ISO 8601 date-times (with
    ``Z`` or an offset) and RFC 822 / 2822 dates (``Fri, 08 Oct 2021 14:30:00 +0430``). A date-time
    gives the calendar date *as written* (local to its own offset), never shifted to UTC: that is the
    date the outlet's readers saw and the one "on Friday" is counted from.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise BadDate(f"bad date {value!r}: expected a string like 2021-10-08")
    s = value.strip()
    if not s:
        return None
    try:
        m = _ISO_DATE.match(s) or _SLASH_DATE.match(s)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _ISO_DATETIME.match(s)
        if m:
            datetime.fromisoformat(s.replace("Z", "+00:00"))  # validates the time part too
            return date.fromisoformat(m.group(1))
    except ValueError as e:
        raise BadDate(f"bad date {value!r}: {e}") from None
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    raise BadDate(f"bad date {value!r}: expected YYYY-MM-DD, an ISO 8601 date-time or an RFC 822 date")
