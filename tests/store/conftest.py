"""Sample documents (tests/fixtures/ingest/documents.json: two Sahel articles, four events) and stores
(``store``, ``filled``: on each engine, see ``store_url`` in tests/conftest.py)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hoopoe.ingest import content_hash
from hoopoe.records import Article, Document, from_dict
from hoopoe.store import open_store


@pytest.fixture()
def samples(fixtures_dir) -> list[tuple[Document, Article]]:
    data = json.loads((fixtures_dir / "ingest" / "documents.json").read_text(encoding="utf-8"))
    out = []
    for d in data["documents"]:
        doc = from_dict(Document, d)
        m = doc.article
        art = Article(text=data["texts"][m.id], id=m.id, title=m.title, url=m.url, source=m.source,
                      published=date.fromisoformat(m.published) if m.published else None)
        out.append((doc, art))
    return out


@pytest.fixture()
def store(store_url):
    """An empty store, once on SQLite and once on PostgreSQL (skipped without a server)."""
    with open_store(store_url) as s:
        yield s


@pytest.fixture()
def filled(store, samples):
    for doc, art in samples:
        assert store.add(doc, art, content_hash(art)) is True
    return store
