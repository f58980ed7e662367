"""The batch runner: read inputs, extract each new or changed article, store the documents.

One driver serves every engine. It reads the inputs in order, looks up which articles are stored
already with the same content (by article id and content hash, before anything is coded), and hands
the rest out as :class:`Task` batches to a ``submit`` function that returns a future: run inline
(:func:`run_ingest`), in local worker processes or on Ray (:mod:`hoopoe.engine`). Whoever runs a
batch calls :func:`code_tasks`, which extracts and stores each article in its own transaction, so an
interrupted run loses nothing already stored and a second run resumes where the first stopped.
"""

from __future__ import annotations

import logging
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

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


@dataclass(slots=True)
class Task:
    """One article to code: its position among the input items, the article, its content hash."""

    index: int
    article: Article
    content_hash: str


@dataclass(slots=True)
class Outcome:
    """What became of a task. Stored when ``stored``; a skip when ``skip`` is set (``traceback``: the
    extractor's, to log); unchanged otherwise. ``document`` is set instead when the worker does not
    write to the store itself and leaves that to the driver."""

    index: int
    origin: str
    stored: bool = False
    events: int = 0
    skip: Skip | None = None
    traceback: str | None = None
    document: Document | None = None


class Sink(Protocol):
    """Where documents go: a :class:`hoopoe.store.Store`, or Parquet shards (:mod:`hoopoe.engine.parquet`)."""

    def stored_hashes(self, article_ids: list[str]) -> dict[str, str]: ...

    def add(self, doc: Document, article: Article, content_hash: str) -> bool: ...


def _origin(article: Article) -> str:
    return article.origin or article.id or "?"


def code_tasks(tasks: list[Task], extract: Callable[[Article], Document], sink: Sink | None) -> list[Outcome]:
    """Extract each task's article and write its document to ``sink`` (one transaction each); with
    no sink, return the documents for the caller to write. Failures are outcomes, never exceptions."""
    out: list[Outcome] = []
    for t in tasks:
        origin = _origin(t.article)
        try:
            doc = extract(t.article)
        except Exception as e:  # any failure of the extractor is this article's, not the batch's
            out.append(Outcome(t.index, origin, traceback=traceback.format_exc(), skip=Skip(
                origin, EXTRACT_ERROR, f"{origin}: extraction failed: {type(e).__name__}: {e}")))
            continue
        if sink is None:
            out.append(Outcome(t.index, origin, document=doc))
            continue
        out.append(_write(sink, doc, t, origin))
    return out


def _write(sink: Sink, doc: Document, task: Task, origin: str) -> Outcome:
    try:
        stored = sink.add(doc, task.article, task.content_hash)
    except HoopoeError as e:
        return Outcome(task.index, origin, skip=Skip(origin, STORE_ERROR, f"{origin}: {e}"))
    return Outcome(task.index, origin, stored=stored, events=len(doc.events) if stored else 0)


def resolved(value: list[Outcome]) -> Future:
    """A future that is done already (the inline engine's batches)."""
    fut: Future = Future()
    fut.set_result(value)
    return fut


def run_ingest(paths: Iterable[str | Path], store, extract: Callable[[Article], Document], *,
               published: date | str | None = None, max_chars: int = MAX_CHARS,
               progress: Callable[[int], None] | None = None) -> IngestSummary:
    """Read every input, run ``extract`` on each article not already stored with the same content,
    and store the document, here in this process; bad inputs and failures become counted skips,
    never an exception.

    An exception from ``extract`` becomes a skip with reason ``extract-error`` (logged with its
    traceback); a store that refuses a document gives ``store-error``. Each article is stored in its
    own transaction, so nothing stored before a failure is lost. ``progress`` is called after each
    input item (article or skip) with the number of items handled so far.
    A bad ``published`` argument raises :class:`hoopoe.errors.BadDate` before anything is read.
    """
    items = read_articles(paths, published=published, max_chars=max_chars)
    return drive(items, store, lambda tasks: resolved(code_tasks(tasks, extract, store)),
                 batch_size=1, max_inflight=1, progress=progress)


def drive(items: Iterable[Article | Skip], sink: Sink, submit: Callable[[list[Task]], Future], *,
          batch_size: int = 1, max_inflight: int = 1,
          progress: Callable[[int], None] | None = None) -> IngestSummary:
    """Run an ingest over input ``items`` (from :func:`hoopoe.ingest.read_articles`).

    ``sink`` is asked which articles are stored already (``batch_size`` ids per query) and takes the
    documents that workers hand back; ``submit(tasks)`` starts a batch somewhere and returns a future of
    its outcomes. At most ``max_inflight`` batches run at once, so memory stays flat on any corpus.
    An article whose id is already being coded (the same article twice in the input) waits for that
    batch and is then looked up again, so the later version wins as it would in a serial run.
    """
    d = _Driver(sink, submit, batch_size=max(1, batch_size), max_inflight=max(1, max_inflight), progress=progress)
    try:
        for index, item in enumerate(items):
            if isinstance(item, Skip):
                d.skip(index, item)
            else:
                d.article(index, item)
        d.finish()
    except BaseException:
        d.cancel()
        raise
    log.info("ingest: %s", d.summary)
    return d.summary


class _Driver:
    def __init__(self, sink: Sink, submit: Callable[[list[Task]], Future], *, batch_size: int,
                 max_inflight: int, progress: Callable[[int], None] | None) -> None:
        self.sink, self.submit, self.batch_size, self.max_inflight = sink, submit, batch_size, max_inflight
        self.progress = progress
        self.summary = IngestSummary()
        self.handled = 0
        self.skips: list[tuple[int, Skip]] = []
        self.to_check: list[Task] = []  # read, not yet looked up in the store
        self.ready: list[Task] = []  # new or changed, not yet submitted
        self.waiting: list[Task] = []  # same id as an article being coded
        self.busy: Counter[str] = Counter()  # article ids in flight
        self.inflight: dict[Future, list[Task]] = {}

    # -------------------------------------------------------------- input
    def skip(self, index: int, skip: Skip) -> None:
        self.skips.append((index, skip))
        self.summary.add_skip(skip)
        self._tick()

    def article(self, index: int, article: Article) -> None:
        self.summary.read += 1
        self.to_check.append(Task(index, article, content_hash(article)))
        if len(self.to_check) >= self.batch_size:
            self._check()

    def finish(self) -> None:
        while self.to_check or self.ready or self.waiting or self.inflight:
            self._check()
            self._submit(final=True)
            if self.inflight:
                self._collect(block=True)
            elif self.waiting:  # nothing in flight holds them back any more
                self.to_check, self.waiting = self.to_check + self.waiting, []
        self.summary.skip_details = [s for _, s in sorted(self.skips, key=lambda p: p[0])]

    def cancel(self) -> None:
        for fut in self.inflight:
            fut.cancel()

    # -------------------------------------------------------------- plumbing
    def _tick(self) -> None:
        self.handled += 1
        if self.progress is not None:
            self.progress(self.handled)

    def _check(self) -> None:
        """Look the read articles up: unchanged ones are counted, the others made ready."""
        if not self.to_check:
            return
        tasks, self.to_check = self.to_check, []
        try:
            stored = self.sink.stored_hashes([t.article.id for t in tasks])
        except HoopoeError as e:
            log.warning("could not look up stored articles: %s", e)
            stored = {}
        for t in tasks:
            if t.article.id in self.busy:
                self.waiting.append(t)
            elif stored.get(t.article.id) == t.content_hash:
                self.summary.unchanged += 1
                self._tick()
            else:
                self.busy[t.article.id] += 1
                self.ready.append(t)
        self._submit()

    def _submit(self, final: bool = False) -> None:
        while len(self.ready) >= self.batch_size or (final and self.ready):
            if len(self.inflight) >= self.max_inflight:
                self._collect(block=True)
            batch, self.ready = self.ready[:self.batch_size], self.ready[self.batch_size:]
            self.inflight[self.submit(batch)] = batch
        self._collect(block=False)

    def _collect(self, block: bool) -> None:
        if not self.inflight:
            return
        done, _ = wait(list(self.inflight), timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for fut in done:
            batch = self.inflight.pop(fut)
            by_index = {t.index: t for t in batch}
            for outcome in fut.result():
                if outcome.document is not None:  # the worker left the writing to us
                    outcome = _write(self.sink, outcome.document, by_index[outcome.index], outcome.origin)
                self._merge(outcome)
            for t in batch:
                self.busy[t.article.id] -= 1
                if not self.busy[t.article.id]:
                    del self.busy[t.article.id]
        if self.waiting:
            free = [t for t in self.waiting if t.article.id not in self.busy]
            self.waiting = [t for t in self.waiting if t.article.id in self.busy]
            self.to_check += free

    def _merge(self, o: Outcome) -> None:
        s = self.summary
        if o.skip is not None:
            if o.traceback:
                log.error("extraction failed for %s\n%s", o.origin, o.traceback.rstrip())
            else:
                log.warning("could not store %s", o.skip.message)
            self.skips.append((o.index, o.skip))
            s.add_skip(o.skip)
        elif o.stored:
            s.stored += 1
            s.events += o.events
        else:
            s.unchanged += 1
        self._tick()
