"""PostgreSQL connections for the store (psycopg 3: ``pip install 'hoopoe[postgres]'``)."""

from __future__ import annotations

import re
import uuid
from typing import Any

from hoopoe.errors import StoreError
from hoopoe.store import schema as q
from hoopoe.store.countries import CountryNames
from hoopoe.store.sql import Dialect, Store

#: Seconds to wait for the server before giving up with a clear error (an unreachable host would
#: otherwise hang for the operating system's TCP timeout, minutes).
CONNECT_TIMEOUT_S = 10

#: Rows a server-side cursor sends per round trip when events are streamed.
STREAM_ROWS = 500


def _stream_cursor(conn: Any) -> Any:
    # WITH HOLD: the cursor outlives the implicit transaction of an autocommit connection; a name
    # of its own, so that several streams can be open on one connection.
    cur = conn.cursor(name=f"hoopoe_stream_{uuid.uuid4().hex[:12]}", withhold=True)
    cur.itersize = STREAM_ROWS
    return cur


#: psycopg in autocommit mode, so that reads never leave a transaction open; writes start one
#: with ``BEGIN`` themselves, as on SQLite.
POSTGRES = Dialect("postgresql", paramstyle="format", begin="BEGIN", schema_lock=q.POSTGRES_SCHEMA_LOCK,
                   stream_cursor=_stream_cursor, indexes=q.POSTGRES_INDEXES, newest_first="DESC NULLS LAST")


def redact(url: str) -> str:
    """The URL with its password, if any, replaced by ``***`` (for messages and logs)."""
    url = re.sub(r"^([a-z]+://[^:/@?]*):[^@/?]*@", r"\1:***@", url, flags=re.IGNORECASE)
    return re.sub(r"(?i)([?&]password=)[^&]*", r"\1***", url)


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__


def open_postgres(url: str) -> Store:
    """A store in a PostgreSQL database (the tables are created on first use, once, even when
    several processes open a new database at the same moment)."""
    shown = redact(url)
    try:
        import psycopg
    except ImportError:
        raise StoreError(f"cannot open {shown}: PostgreSQL needs psycopg, which is not installed: "
                         "pip install 'hoopoe[postgres]'") from None
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S, application_name="hoopoe")
    except psycopg.Error as e:
        raise StoreError(f"cannot connect to PostgreSQL at {shown}: {_one_line(e)}") from None
    try:
        return Store(conn, POSTGRES, location=shown, country_codes=CountryNames(), url=url)
    except BaseException:
        conn.close()
        raise
