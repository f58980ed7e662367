"""The store: one schema for documents and their articles, in SQLite or PostgreSQL.

>>> from hoopoe.store import open_store, EventFilter
>>> with open_store("sqlite:///events.db") as store:
...     for meta, event in store.events(EventFilter(country="AFG", event="ASSAULT")):
...         print(meta.published, event.event, event.killed)

All SQL is in :mod:`hoopoe.store.schema`; engine differences are a :class:`Dialect`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hoopoe.errors import StoreError
from hoopoe.store.countries import CountryNames
from hoopoe.store.sql import ACTOR_ROLES, Dialect, EventFilter, Store

__all__ = ["open_store", "Store", "EventFilter", "Dialect", "ACTOR_ROLES", "DEFAULT_PATH", "SQLITE"]

DEFAULT_PATH = "hoopoe.db"

#: SQLite: ``?`` parameters; the module's implicit transactions are off (``isolation_level=None``)
#: and the store issues ``BEGIN IMMEDIATE`` itself: a write transaction takes the write lock at once
#: (waiting for another process's), so it never fails half-way on a lock it cannot upgrade.
SQLITE = Dialect("sqlite", paramstyle="qmark", begin="BEGIN IMMEDIATE")

#: How long a writer waits for another process's lock before failing, in seconds. Batch runs
#: commit one article at a time (milliseconds), so 30 s only expires when a writer is stuck.
SQLITE_BUSY_TIMEOUT_S = 30.0


def _sqlite_path(url: str) -> str:
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):] or ":memory:"
    if url.startswith("sqlite://"):
        rest = url[len("sqlite://"):]
        return rest or ":memory:"
    return url


def open_sqlite(path: str) -> Store:
    """A store in a SQLite file (created with its folder's parent existing), WAL journal, foreign keys on."""
    if path != ":memory:":
        parent = Path(path).expanduser().resolve().parent
        if not parent.is_dir():
            raise StoreError(f"cannot open store {path!r}: folder {str(parent)!r} does not exist")
        path = str(Path(path).expanduser())
    try:
        conn = sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as e:
        raise StoreError(f"cannot open store {path!r}: {e}") from e
    try:
        return Store(conn, SQLITE, location=path, country_codes=CountryNames(),
                     url=None if path == ":memory:" else f"sqlite:///{Path(path).resolve()}")
    except BaseException:
        conn.close()
        raise


def open_store(url_or_path: str | Path | None = None) -> Store:
    """Open (creating if needed) the store at a path or URL.

    ``None`` -> ``hoopoe.db`` in the working folder; ``sqlite:///path.db`` or a plain path -> SQLite;
    ``sqlite://`` or ``:memory:`` -> an in-memory SQLite store; ``postgresql://user:pw@host/db`` (or
    ``postgres://``, any libpq URL) -> PostgreSQL (needs ``pip install 'hoopoe[postgres]'``).
    Failures are one-line :class:`hoopoe.errors.StoreError`.
    """
    url = str(url_or_path) if url_or_path is not None else DEFAULT_PATH
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in ("postgresql", "postgres"):
        from hoopoe.store.postgres import open_postgres

        return open_postgres(url)
    if scheme and scheme != "sqlite":
        raise StoreError(f"unknown store URL scheme {scheme!r}: use a path, sqlite:///path.db or postgresql://...")
    return open_sqlite(_sqlite_path(url))
