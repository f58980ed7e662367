"""A real server for the API tests: the bundled sample articles coded into a store (SQLite, and
PostgreSQL when HOOPOE_TEST_PG names a server), deduplicated, and served by ``hoopoe serve`` in a
subprocess on a free local port; the tests talk to it over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx", reason="the API tests need httpx: pip install -e '.[test]'")

API_KEY = "test-key-" + uuid.uuid4().hex[:8]
STARTUP_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    db: str
    process: subprocess.Popen
    log: Path

    def get(self, path: str, **params) -> httpx.Response:
        return httpx.get(self.url + path, params=params or None, timeout=60)

    def json(self, path: str, **params) -> dict:
        r = self.get(path, **params)
        assert r.status_code == 200, (path, params, r.status_code, r.text[:500])
        return r.json()


def start_server(db: str, tmp: Path, *, api_key: str | None = None, host: str | None = None) -> Server:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("HOOPOE_API_KEY", None)
    if api_key:
        env["HOOPOE_API_KEY"] = api_key
    log = tmp / f"server-{port}.log"
    args = [sys.executable, "-m", "hoopoe", "serve", "--db", db, "--port", str(port)]
    if host:
        args += ["--host", host]
    with open(log, "wb") as fh:
        proc = subprocess.Popen(args, stdout=fh, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"hoopoe serve exited with {proc.returncode}: {log.read_text(errors='replace')}")
        try:
            if httpx.get(url + "/api/stats", timeout=2).status_code == 200:
                return Server(url, db, proc, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"hoopoe serve did not answer within {STARTUP_TIMEOUT_S} s: {log.read_text(errors='replace')}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def sample_documents():
    """The bundled sample articles, coded once for the session."""
    from hoopoe.demo import SAMPLES
    from hoopoe.ingest import Skip, read_articles
    from hoopoe.pipeline import default_pipeline

    pipe = default_pipeline()
    articles = [a for a in read_articles([SAMPLES]) if not isinstance(a, Skip)]
    return [(pipe.process(a), a) for a in articles]


def fill_store(url: str, documents) -> None:
    from hoopoe.dedup import cluster_store
    from hoopoe.ingest.base import content_hash
    from hoopoe.store import open_store

    with open_store(url) as store:
        for doc, art in documents:
            store.add(doc, art, content_hash(art))
        cluster_store(store)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def server(request, sample_documents, tmp_path_factory):
    """A running server over the coded samples, once per store engine; ingest enabled with API_KEY."""
    tmp = tmp_path_factory.mktemp(f"api-{request.param}")
    if request.param == "sqlite":
        db = f"sqlite:///{tmp / 'api.db'}"
        schema = None
    else:
        url, conn = request.getfixturevalue("pg_admin")
        schema = f"hoopoe_api_{uuid.uuid4().hex[:10]}"
        conn.execute(f"CREATE SCHEMA {schema}")
        db = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    fill_store(db, sample_documents)
    srv = start_server(db, tmp, api_key=API_KEY)
    yield srv
    stop_server(srv)
    if schema:
        request.getfixturevalue("pg_admin")[1].execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(scope="session")
def readonly_server(sample_documents, tmp_path_factory):
    """A server started without an API key (the default): read-only."""
    tmp = tmp_path_factory.mktemp("api-readonly")
    db = f"sqlite:///{tmp / 'ro.db'}"
    fill_store(db, sample_documents)
    srv = start_server(db, tmp)
    yield srv
    stop_server(srv)
