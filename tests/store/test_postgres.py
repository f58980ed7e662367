"""PostgreSQL specifics: connection errors in one line (no password shown), a missing driver,
the schema version check and stores that survive reconnecting."""

from __future__ import annotations

import sys

import pytest

from hoopoe.errors import StoreError
from hoopoe.ingest import content_hash
from hoopoe.store import open_store
from hoopoe.store.postgres import redact

pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[postgres]'")


@pytest.mark.parametrize("url,match", [
    ("postgresql://hoopoe@127.0.0.1:1/hoopoe", "cannot connect to PostgreSQL at postgresql://hoopoe@127.0.0.1:1/hoopoe"),
    ("postgres://127.0.0.1:1/db", "Connection refused|could not connect|failed"),
    ("postgresql://[bad", "cannot connect to PostgreSQL"),
    ("postgresql://h/x?nonsense=1", "invalid URI query parameter"),
])
def test_unreachable_server_or_bad_url_is_one_line(url, match):
    with pytest.raises(StoreError, match=match) as e:
        open_store(url)
    assert "\n" not in str(e.value)


def test_password_is_not_shown():
    with pytest.raises(StoreError) as e:
        open_store("postgresql://me:s3cret@127.0.0.1:1/hoopoe")
    assert "s3cret" not in str(e.value) and "me:***@127.0.0.1" in str(e.value)
    assert redact("postgresql://h/db?user=x&password=p&sslmode=require") == \
        "postgresql://h/db?user=x&password=***&sslmode=require"
    assert redact("postgresql://me@h/db") == "postgresql://me@h/db"


def test_missing_driver_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"pip install 'hoopoe\[postgres\]'"):
        open_store("postgresql://localhost/hoopoe")


def test_reconnect_keeps_documents_and_version_is_checked(pg_url, samples):
    with open_store(pg_url) as s:
        for doc, art in samples:
            s.add(doc, art, content_hash(art))
        assert repr(s).endswith("postgresql)")
    with open_store(pg_url) as s:
        assert list(s.documents()) == sorted((d for d, _ in samples), key=lambda d: d.article.id)
        s._transaction(lambda cur: s._exec(cur, "UPDATE schema_version SET version = 999"))
    with pytest.raises(StoreError, match="version 999"):
        open_store(pg_url)


def test_events_stream_through_a_server_side_cursor(pg_url, samples, monkeypatch):
    import hoopoe.store.postgres as pg

    monkeypatch.setattr(pg, "STREAM_ROWS", 1)
    with open_store(pg_url) as s:
        for doc, art in samples:
            s.add(doc, art, content_hash(art))
        first = next(s.events())  # an unfinished iteration leaves the connection usable
        assert first[1].id == "sahel-2023-0314-01:e1"
        expected = [e.id for _, e in s.events()]
        a, b = s.events(), s.events()  # two streams open at once
        assert [(x.id, y.id) for (_, x), (_, y) in zip(a, b)] == list(zip(expected, expected))
        assert len(list(s.events())) == 4 and s.stats()["articles"] == 2
