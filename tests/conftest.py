"""Test tiers: default tests are offline and need nothing beside the project; tests that read
../shared are marked ``shared`` and skip with a reason when it is absent."""

from __future__ import annotations

import os
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
