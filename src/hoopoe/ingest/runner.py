"""The batch runner: read inputs, extract each new or changed article, store the documents.

It takes the extraction function as an argument, so it runs the same with the real pipeline, a
worker pool's ``map`` wrapped in a function, or a fake extractor in tests.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hoopoe.errors import HoopoeError
from hoopoe.ingest.base import Skip, content_hash
from hoopoe.ingest.reader import MAX_CHARS, read_articles
from hoopoe.records import Article, Document

log = logging.getLogger(__name__)

EXTRACT_ERROR = "extract-error"
STORE_ERROR = "store-error"


@dataclass(slots=True)
class IngestSummary:
    """What a batch did. ``read``: articles read; ``stored``: new or changed ones stored;
    ``unchanged``: already stored with the same content; ``events``: events stored;
    ``skipped``: skips by reason; ``skip_details``: every skip, in input order."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    events: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    skip_details: list[Skip] = field(default_factory=list)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def add_skip(self, skip: Skip) -> None:
        self.skip_details.append(skip)
        self.skipped = dict(Counter(self.skipped) + Counter({skip.reason: 1}))

    def __str__(self) -> str:
        skips = ", ".join(f"{n} {r}" for r, n in sorted(self.skipped.items())) or "none"
        return (f"read {self.read}, stored {self.stored}, unchanged {self.unchanged}, "
                f"events {self.events}, skipped {self.skipped_total} ({skips})")


def run_ingest(paths: Iterable[str | Path], store, extract: Callable[[Article], Document], *,
               published: date | str | None = None, max_chars: int = MAX_CHARS,
               progress: Callable[[int], None] | None = None) -> IngestSummary:
    """Read every input, run ``extract`` on each article not already stored with the same content,
    and store the document; bad inputs and failures become counted skips, never an exception.

    An exception from ``extract`` becomes a skip with reason ``extract-error`` (logged with its
    traceback); a store that refuses a document gives ``store-error``. Each article is stored in its
    own transaction, so nothing stored before a failure is lost. ``progress`` is called after each
    input item (article or skip) with the number of items handled so far.
    A bad ``published`` argument raises :class:`hoopoe.errors.BadDate` before anything is read.
    """
    summary = IngestSummary()
    done = 0
    for item in read_articles(paths, published=published, max_chars=max_chars):
        done += 1
        if isinstance(item, Skip):
            summary.add_skip(item)
        else:
            _one(item, store, extract, summary)
        if progress is not None:
            progress(done)
    log.info("ingest: %s", summary)
    return summary


def _one(article: Article, store, extract: Callable[[Article], Document], summary: IngestSummary) -> None:
    summary.read += 1
    origin = article.origin or article.id or "?"
    h = content_hash(article)
    if store.has_article(article.id, h):
        summary.unchanged += 1
        return
    try:
        doc = extract(article)
    except Exception as e:  # any failure of the extractor is this article's, not the batch's
        log.exception("extraction failed for %s", origin)
        summary.add_skip(Skip(origin, EXTRACT_ERROR, f"{origin}: extraction failed: {type(e).__name__}: {e}"))
        return
    try:
        if store.add(doc, article, h):
            summary.stored += 1
            summary.events += len(doc.events)
        else:
            summary.unchanged += 1
    except HoopoeError as e:
        log.warning("could not store %s: %s", origin, e)
        summary.add_skip(Skip(origin, STORE_ERROR, f"{origin}: {e}"))
