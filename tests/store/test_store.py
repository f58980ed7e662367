"""The store on SQLite and PostgreSQL: round trip, idempotence, replacement, filters, opening and errors."""

from __future__ import annotations

import copy
import sqlite3
from datetime import date

import pytest

from hoopoe.errors import StoreError
from hoopoe.ingest import content_hash
from hoopoe.records import ArticleMeta, Event, to_dict
from hoopoe.store import EventFilter, open_store
from hoopoe.store.schema import SCHEMA_VERSION


def test_round_trip_equals_what_went_in(filled, samples):
    for doc, _ in samples:
        back = filled.document(doc.article.id)
        assert back == doc
        assert to_dict(back) == to_dict(doc)
    assert [d.article.id for d in filled.documents()] == sorted(d.article.id for d, _ in samples)
    assert filled.document("no-such-article") is None


def test_stats_count_every_record(filled):
    assert filled.stats() == {"articles": 2, "events": 4, "entities": 6, "places": 2, "quotes": 1, "commitments": 1}


def test_re_adding_the_same_article_changes_nothing(filled, samples):
    doc, art = samples[0]
    h = content_hash(art)
    assert filled.has_article(doc.article.id, h)
    before = filled.stats()
    assert filled.add(doc, art, h) is False
    assert filled.stats() == before
    assert not filled.has_article(doc.article.id, "sha256:other")
    assert not filled.has_article("unknown", h)


def test_changed_text_replaces_the_articles_records(filled, samples):
    doc, art = samples[0]
    art2 = copy.deepcopy(art)
    art2.text += "\n\nA curfew was imposed on Tuesday."
    doc2 = copy.deepcopy(doc)
    doc2.events = doc2.events[:1]
    doc2.quotes, doc2.commitments = [], []
    assert filled.add(doc2, art2, content_hash(art2)) is True
    assert filled.document(doc.article.id) == doc2
    assert filled.has_article(doc.article.id, content_hash(art2))
    assert filled.stats() == {"articles": 2, "events": 3, "entities": 6, "places": 2, "quotes": 0, "commitments": 0}
    # the other article is untouched, and no stale actor rows match the dropped event
    assert filled.document(samples[1][0].article.id) == samples[1][0]
    assert list(filled.events(EventFilter(event="ACCUSE"))) == []


def test_a_failed_write_changes_nothing(filled, samples):
    doc, art = samples[0]
    bad = copy.deepcopy(doc)
    bad.events.append(copy.deepcopy(bad.events[0]))
    bad.events[-1].event = None  # violates NOT NULL on events.type, after the old rows were deleted
    with pytest.raises(StoreError, match="nothing changed"):
        filled.add(bad, art, "sha256:new")
    assert filled.document(doc.article.id) == doc
    assert filled.has_article(doc.article.id, content_hash(art))


def test_document_and_article_ids_must_agree(store, samples):
    doc, art = samples[0]
    art.id = "other"
    with pytest.raises(StoreError, match="other"):
        store.add(doc, art, "h")


def ids(store, **kw) -> list[str]:
    return [e.id for _, e in store.events(EventFilter(**kw))]


def test_events_in_date_order_with_their_article(filled):
    rows = list(filled.events())
    assert [e.id for _, e in rows] == ["sahel-2023-0314-01:e1", "sahel-2023-0314-01:e2",
                                       "bamako-protest:e1", "bamako-protest:e2"]
    meta, ev = rows[0]
    assert isinstance(meta, ArticleMeta) and meta.source == "Sahel Monitor" and meta.published == "2023-03-14"
    assert isinstance(ev, Event) and ev.killed.min == 12


@pytest.mark.parametrize("kw,expected", [
    ({"since": date(2023, 3, 14)}, ["sahel-2023-0314-01:e2", "bamako-protest:e1", "bamako-protest:e2"]),
    ({"until": date(2023, 3, 13)}, ["sahel-2023-0314-01:e1"]),
    ({"since": date(2023, 3, 14), "until": date(2023, 3, 14)}, ["sahel-2023-0314-01:e2"]),  # undated: published
    ({"since": date(2023, 3, 16)}, []),
    ({"country": "MLI"}, ["sahel-2023-0314-01:e1", "bamako-protest:e1", "bamako-protest:e2"]),
    ({"country": "Mali"}, ["sahel-2023-0314-01:e1", "bamako-protest:e1", "bamako-protest:e2"]),
    ({"country": "mli"}, ["sahel-2023-0314-01:e1", "bamako-protest:e1", "bamako-protest:e2"]),
    ({"country": "AFG"}, []),
    ({"event": "protest"}, ["bamako-protest:e1"]),
    ({"actor": "islamic state sahel province"}, ["sahel-2023-0314-01:e2"]),  # canonical name, as recipient
    ({"actor": "ISGS"}, ["sahel-2023-0314-01:e2"]),  # knowledge-base id
    ({"actor": "Q56276455"}, ["sahel-2023-0314-01:e2"]),  # Wikidata id
    ({"actor": "police"}, ["bamako-protest:e2"]),  # text as written
    ({"actor": "Protesters"}, ["bamako-protest:e1", "bamako-protest:e2"]),
    ({"actor": "Protesters", "role": "actor"}, ["bamako-protest:e1"]),
    ({"actor": "Protesters", "role": "recipient"}, ["bamako-protest:e2"]),
    ({"actor": "Menaka regional government", "role": "speaker"}, ["sahel-2023-0314-01:e2"]),
    ({"actor": "Taliban"}, []),
    ({"country": "MLI", "event": "COERCE", "since": date(2023, 3, 1)}, ["bamako-protest:e2"]),
    ({"limit": 2}, ["sahel-2023-0314-01:e1", "sahel-2023-0314-01:e2"]),
    ({"limit": 2, "offset": 1}, ["sahel-2023-0314-01:e2", "bamako-protest:e1"]),
    ({"offset": 3}, ["bamako-protest:e2"]),
    ({"limit": 0}, []),
])
def test_event_filters(filled, kw, expected):
    assert ids(filled, **kw) == expected


@pytest.mark.parametrize("kw,match", [
    ({"country": "Atlantis"}, "Atlantis"),
    ({"actor": "x", "role": "victim"}, "victim"),
    ({"limit": -1}, "limit"),
])
def test_bad_filters_are_clear_errors(filled, kw, match):
    with pytest.raises(StoreError, match=match):
        list(filled.events(EventFilter(**kw)))


def test_store_file_wal_schema_version_and_reopen(tmp_path, samples):
    path = tmp_path / "events.db"
    with open_store(str(path)) as s:
        doc, art = samples[0]
        s.add(doc, art, content_hash(art))
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    (text, h) = con.execute("SELECT text, content_hash FROM articles").fetchone()
    assert text == art.text and h == content_hash(art)
    con.execute("UPDATE schema_version SET version = 999")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="version 999"):
        open_store(f"sqlite:///{path}")


def test_reopened_store_keeps_documents(tmp_path, samples):
    path = tmp_path / "keep.db"
    with open_store(path) as s:
        for doc, art in samples:
            s.add(doc, art, content_hash(art))
    with open_store(f"sqlite:///{path}") as s:
        assert [d for d in s.documents()] == sorted((d for d, _ in samples), key=lambda d: d.article.id)


def test_default_path_and_memory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store() as s:
        assert s.stats()["articles"] == 0
    assert (tmp_path / "hoopoe.db").is_file()
    with open_store("sqlite://") as s:
        assert s.stats()["events"] == 0


@pytest.mark.parametrize("url,match", [
    ("mysql://localhost/db", "unknown store URL scheme"),
    ("/no/such/folder/x.db", "does not exist"),
])
def test_open_store_errors(url, match):
    with pytest.raises(StoreError, match=match):
        open_store(url)


def test_evidence_offsets_are_kept_in_columns(filled, samples):
    doc, art = samples[0]
    rows = filled._query("SELECT evidence_start, evidence_end FROM events WHERE article_id = ? ORDER BY seq",
                         (doc.article.id,))
    for (start, end), ev in zip(rows, doc.events):
        assert art.text[start:end] == ev.evidence.text
    roles = filled._query("SELECT role, identifier_text FROM event_actors WHERE event_id = ? ORDER BY role, seq",
                          (doc.events[1].id,))
    assert roles == [("actor", "Menaka regional government"), ("recipient", "Islamic State Sahel Province"),
                     ("speaker", "Menaka regional government")]


def test_stored_hashes_in_batches(filled, samples, monkeypatch):
    import hoopoe.store.sql as sql

    monkeypatch.setattr(sql, "HASH_BATCH", 1)
    ids = [d.article.id for d, _ in samples]
    got = filled.stored_hashes(ids + ["unknown", ids[0], ""])
    assert got == {d.article.id: content_hash(a) for d, a in samples}
    assert filled.stored_hashes([]) == {}


def test_an_identical_document_from_another_connection_changes_nothing(store_url, samples):
    doc, art = samples[0]
    with open_store(store_url) as one, open_store(store_url) as two:
        assert one.add(doc, art, content_hash(art)) is True
        assert two.add(doc, art, content_hash(art)) is False
        assert two.stats()["events"] == len(doc.events)
        assert two.url == one.url and two.url is not None


def test_records_are_stored_as_to_dict_json(samples):
    import json

    from hoopoe.store.sql import _json

    for doc, _ in samples:
        for rec in [doc, *doc.events, *doc.entities, *doc.places, *doc.quotes, *doc.commitments]:
            assert _json(rec) == json.dumps(to_dict(rec), ensure_ascii=False, separators=(",", ":"))
    with pytest.raises(TypeError, match="cannot store a set"):
        _json({1, 2})
