"""Engines: run an ingest in this process, in local worker processes, or on Ray.

>>> from hoopoe.engine import ingest
>>> summary = ingest(["news/"], db="postgresql://localhost/hoopoe", workers=4)
>>> summary = ingest(["news/"], out_dir="shards/", engine="ray", address="ray://head:10001")

Every engine runs the same stages over the same batches (:mod:`hoopoe.ingest.runner`): articles
already stored with the same content are skipped before anything is coded, each article is stored in
its own transaction, and a run that is interrupted (even killed) is resumed by running it again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from pathlib import Path

from hoopoe.engine.worker import WorkerSpec
from hoopoe.errors import HoopoeError
from hoopoe.ingest.base import parse_date
from hoopoe.ingest.reader import MAX_CHARS, read_articles
from hoopoe.ingest.runner import IngestSummary, code_tasks, drive, resolved
from hoopoe.records import Article, Document

__all__ = ["ENGINES", "EngineError", "WorkerSpec", "ingest"]

log = logging.getLogger(__name__)

ENGINES: tuple[str, ...] = ("local", "ray")

#: Articles per batch handed to a worker: large enough that the round trip (pickling, queues) is
#: a small part of coding the batch (about 8 x 35 ms for news-length articles), small enough that
#: workers finish together at the end of a run.
BATCH_ARTICLES = 8

#: Batches in flight per worker: one running, one queued, so no worker waits for the driver.
INFLIGHT_PER_WORKER = 2


class EngineError(HoopoeError):
    """A run that cannot start or cannot go on (bad options, a worker process that died)."""

    reason = "engine"


def ingest(paths: Iterable[str | Path], *, db: str | Path | None = None, out_dir: str | Path | None = None,
           engine: str = "local", workers: int = 1, address: str | None = None,
           published: date | str | None = None, settings: object | None = None,
           extractor: Callable[[], Callable[[Article], Document]] | None = None,
           max_chars: int = MAX_CHARS, batch_size: int = BATCH_ARTICLES,
           progress: Callable[[int], None] | None = None) -> IngestSummary:
    """Code every new or changed article under ``paths`` and store it.

    Target: ``db`` (a store URL or SQLite path; default ``hoopoe.db``) or ``out_dir`` (Parquet shards,
    :mod:`hoopoe.engine.parquet`). ``engine="local"``: ``workers`` processes on this machine (1: here,
    in this process); ``engine="ray"``: ``workers`` Ray actors, on a local Ray instance or the
    cluster at ``address``. ``settings``: :class:`hoopoe.pipeline.Settings` (default: the shipped
    pipeline); ``extractor``: a picklable factory of an ``Article -> Document`` function to use
    instead of the pipeline. Bad inputs and failed articles are counted skips in the summary;
    :class:`EngineError` when the run cannot start or a worker process dies (what was stored stays).
    """
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if workers < 1:
        raise EngineError(f"workers must be 1 or more, got {workers}")
    if db is not None and out_dir is not None:
        raise EngineError("give a store (--db) or a folder of Parquet shards (--out-dir), not both")
    if address and engine != "ray":
        raise EngineError("--address is for the Ray engine: add --engine ray")
    published = parse_date(published)  # a bad date is the caller's error, raised before anything starts
    items = read_articles(paths, published=published, max_chars=max_chars)
    sink = _open_sink(db, out_dir)
    try:
        if engine == "local" and workers == 1:
            return drive(items, sink, _inline(sink, settings, extractor), progress=progress)
        spec = WorkerSpec(store_url=_worker_url(sink, engine), settings=settings, extractor=extractor,
                          log_level=logging.getLogger("hoopoe").getEffectiveLevel())
        pool = _pool(engine, spec, workers, address)
        cancel = True
        try:
            summary = drive(items, sink, pool.submit, batch_size=batch_size,
                            max_inflight=INFLIGHT_PER_WORKER * workers, progress=progress)
            cancel = False
            return summary
        except BrokenProcessPool as e:
            raise EngineError(f"a worker process died ({e}); what was stored is kept: "
                              "run the same command again to resume") from None
        except Exception as e:
            if not type(e).__module__.startswith("ray."):
                raise
            first = (str(e).strip().splitlines() or [type(e).__name__])[0]
            raise EngineError(f"a Ray worker failed ({type(e).__name__}: {first}); what was stored is kept: "
                              "run the same command again to resume") from None
        finally:
            pool.close(cancel=cancel)
    finally:
        sink.close()


def _open_sink(db, out_dir):
    if out_dir is not None:
        from hoopoe.engine.parquet import ParquetShards

        return ParquetShards(out_dir)
    from hoopoe.store import open_store

    return open_store(db)


def _inline(sink, settings, extractor):
    if extractor is not None:
        extract = extractor()
    elif settings is not None:
        from hoopoe.pipeline import Pipeline

        extract = Pipeline(settings).process  # type: ignore[arg-type]
    else:
        from hoopoe.pipeline import default_pipeline

        extract = default_pipeline().process
    return lambda tasks: resolved(code_tasks(tasks, extract, sink))


def _worker_url(sink, engine: str) -> str | None:
    """The store workers write to themselves, or ``None`` when the driver writes (Parquet shards; a
    SQLite file under Ray, whose workers may be on other machines)."""
    url = getattr(sink, "url", None)
    dialect = getattr(getattr(sink, "dialect", None), "name", None)
    if dialect is None:
        return None
    if url is None:
        raise EngineError("an in-memory store cannot be shared with worker processes: give a file or a server URL")
    if engine == "ray" and dialect != "postgresql":
        return None
    return url


def _pool(engine: str, spec: WorkerSpec, workers: int, address: str | None):
    if engine == "ray":
        from hoopoe.engine.ray_engine import RayPool

        return RayPool(spec, workers, address=address)
    from hoopoe.engine.local import LocalPool

    return LocalPool(spec, workers)
