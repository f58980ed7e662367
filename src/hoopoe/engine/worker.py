"""What runs in a worker (a local process or a Ray actor): one pipeline and one store connection,
loaded once, coding batch after batch."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from hoopoe.ingest.runner import Outcome, Task, code_tasks
from hoopoe.records import Article, Document

#: How often an orphaned worker process notices that its parent is gone, in seconds.
PARENT_POLL_S = 1.0


@dataclass(frozen=True, slots=True)
class WorkerSpec:
    """How to build a worker anywhere (it is pickled to other processes and machines).

    ``store_url``: the store the worker writes to itself; ``None``: documents go back to the driver,
    which writes them (Parquet shards, or a SQLite file a Ray cluster cannot see). ``settings``: the
    :class:`hoopoe.pipeline.Settings` of the pipeline (``None``: the defaults). ``extractor``: a
    picklable factory returning an ``Article -> Document`` function, used instead of the pipeline
    (tests, custom stages).
    """

    store_url: str | None = None
    settings: object | None = None
    extractor: Callable[[], Callable[[Article], Document]] | None = None
    log_level: int = logging.WARNING


class Worker:
    """A pipeline (or the spec's extractor) and, when the spec names one, an open store."""

    def __init__(self, spec: WorkerSpec) -> None:
        from hoopoe.store import open_store

        if spec.extractor is not None:
            self.extract = spec.extractor()
        else:
            from hoopoe.pipeline import Pipeline

            self.extract = Pipeline(spec.settings).process  # type: ignore[arg-type]
        self.store = open_store(spec.store_url) if spec.store_url else None

    def run(self, tasks: list[Task]) -> list[Outcome]:
        return code_tasks(tasks, self.extract, self.store)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


def exit_with_parent() -> None:
    """End this process soon after its parent dies (killed with -9, its workers would otherwise
    wait for work forever). A write in progress is rolled back by the store, as in any crash."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="hoopoe-parent-watch", daemon=True).start()
