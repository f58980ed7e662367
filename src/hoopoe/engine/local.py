"""The default engine: worker processes on this machine (``hoopoe ingest --workers N``).

Workers are started with ``spawn`` (safe whatever threads or connections the parent holds); each
loads the pipeline once and, for a store URL, opens its own connection and commits each article
itself (SQLite serialises the writers' short transactions, PostgreSQL runs them side by side).
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from concurrent.futures import Future, ProcessPoolExecutor

from hoopoe.engine.worker import Worker, WorkerSpec, exit_with_parent
from hoopoe.ingest.runner import Outcome, Task

# One worker per process, built by the pool's initializer: the only module state, and only in workers.
_worker: Worker | None = None


def _init(spec: WorkerSpec) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    exit_with_parent()
    logging.basicConfig(level=spec.log_level, format="hoopoe: %(levelname)s: %(message)s")
    _worker = Worker(spec)


def _run(tasks: list[Task]) -> list[Outcome]:
    assert _worker is not None, "worker used before its initializer ran"
    return _worker.run(tasks)


class LocalPool:
    """``workers`` processes; :meth:`submit` a batch, get a future of its outcomes."""

    def __init__(self, spec: WorkerSpec, workers: int, *, start_method: str = "spawn") -> None:
        self.workers = workers
        self._ex = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(start_method),
                                       initializer=_init, initargs=(spec,))

    def submit(self, tasks: list[Task]) -> Future:
        return self._ex.submit(_run, tasks)

    def close(self, *, cancel: bool = False) -> None:
        self._ex.shutdown(wait=True, cancel_futures=cancel)
