"""Test tiers: default tests are offline and need nothing beside the project; tests that read
../shared are marked ``shared`` and skip with a reason when it is absent."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HOOPOE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "SCHEMA.md").is_file():
        pytest.skip(f"../shared is not beside the project (looked in {SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return ROOT / "tests" / "fixtures"


# ------------------------------------------------------------------------------------------ PostgreSQL
# Store tests run against SQLite and, when HOOPOE_TEST_PG names a server (.ci/run starts one), PostgreSQL.
# Each test gets a schema of its own in that database, dropped afterwards.

PG_ENV = "HOOPOE_TEST_PG"


def _with_search_path(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def pg_admin():
    """A connection to the test server (skips with a reason when none is configured)."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server for the tests: set {PG_ENV}=postgresql://... (.ci/run starts one)")
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[postgres]'")
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as e:
        pytest.fail(f"{PG_ENV} is set but the server cannot be reached: {e}")
    yield url, conn
    conn.close()


@pytest.fixture()
def pg_url(pg_admin):
    """A URL for an empty PostgreSQL schema of this test's own."""
    import uuid

    url, conn = pg_admin
    schema = f"hoopoe_test_{uuid.uuid4().hex[:12]}"
    conn.execute(f"CREATE SCHEMA {schema}")
    yield _with_search_path(url, schema)
    conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """The URL of an empty store, once per engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def errors(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith("hoopoe: error:")]


@pytest.fixture()
def run(capsys, monkeypatch):
    """Run ``hoopoe ARGS`` through cli.main() (its error handling included) and capture the output."""
    monkeypatch.setattr(logging, "basicConfig", lambda **kw: None)  # keep pytest's handlers
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("HOOPOE_DEBUG", raising=False)

    def _run(*args: str) -> Result:
        monkeypatch.setattr(sys, "argv", ["hoopoe", *map(str, args)])
        code = 0
        try:
            from hoopoe import cli

            cli.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return Result(code, out, err)

    return _run
