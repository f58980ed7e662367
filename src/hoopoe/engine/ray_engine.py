"""The Ray engine (``hoopoe ingest ... --engine ray [--address ADDR]``): the same batches, coded by
Ray actors that each hold one pipeline (``pip install 'hoopoe[ray]'``; hoopoe must be installed on
every node of a cluster).

Without an address, a local Ray instance with one CPU per worker is started and stopped again; with
one, the run joins that cluster. Actors write to PostgreSQL themselves; for Parquet shards or a SQLite
file the documents come back to the driver, which writes them.
"""

from __future__ import annotations

import logging
import re
import socket
from concurrent.futures import Future

from hoopoe.engine.worker import Worker, WorkerSpec
from hoopoe.errors import HoopoeError
from hoopoe.ingest.runner import Outcome, Task

log = logging.getLogger(__name__)


class _RayWorker:
    """The actor: a :class:`Worker` living in a Ray worker process."""

    def __init__(self, spec: WorkerSpec) -> None:
        self.worker = Worker(spec)

    def run(self, tasks: list[Task]) -> list[Outcome]:
        return self.worker.run(tasks)


def _ray():
    try:
        import ray
    except ImportError:
        raise HoopoeError("the Ray engine needs ray, which is not installed: pip install 'hoopoe[ray]' "
                          "(or use the default engine: --engine local)", reason="missing-dependency") from None
    return ray


#: Seconds to wait for a cluster's head to accept a connection (Ray itself retries for minutes).
CONNECT_TIMEOUT_S = 10


def check_reachable(address: str) -> None:
    """Fail at once, in one line, when a ``host:port`` or ``ray://host:port`` address does not answer
    (other forms, such as ``auto``, are left to Ray)."""
    m = re.match(r"^(?:ray://)?\[?([^\]/]+?)\]?:(\d+)/?$", address.strip())
    if not m:
        return
    try:
        socket.create_connection((m.group(1), int(m.group(2))), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as e:
        raise HoopoeError(f"cannot reach the Ray cluster at {address}: {e.strerror or e}",
                          reason="engine") from None


class RayPool:
    """``workers`` actors (one CPU each); :meth:`submit` a batch to the least busy one."""

    def __init__(self, spec: WorkerSpec, workers: int, *, address: str | None = None) -> None:
        if address:
            check_reachable(address)  # before Ray's own retries, which take minutes
        ray = self._ray = _ray()
        self._started = False
        if not ray.is_initialized():
            opts = {"address": address} if address else {"num_cpus": workers}
            try:
                ray.init(**opts, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
            except Exception as e:  # noqa: BLE001 - ConnectionError, RuntimeError, ValueError...: one line
                where = f"the Ray cluster at {address}" if address else "a local Ray instance"
                raise HoopoeError(f"cannot start or join {where}: {' '.join(str(e).split())}",
                                  reason="engine") from None
            self._started = True
        actor = ray.remote(num_cpus=1)(_RayWorker)
        self._actors = [actor.remote(spec) for _ in range(workers)]
        self._load = [0] * workers

    def submit(self, tasks: list[Task]) -> Future:
        i = min(range(len(self._actors)), key=self._load.__getitem__)
        self._load[i] += 1
        fut = self._actors[i].run.remote(tasks).future()

        def done(_: Future, i: int = i) -> None:
            self._load[i] -= 1

        fut.add_done_callback(done)
        return fut

    def close(self, *, cancel: bool = False) -> None:
        for a in self._actors:
            self._ray.kill(a)
        self._actors = []
        if self._started:
            self._ray.shutdown()
