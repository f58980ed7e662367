"""The batch runner with a fake extractor: counts, skips, idempotence, failures."""

from __future__ import annotations

import logging

import pytest

from hoopoe.errors import BadDate
from hoopoe.ingest.runner import IngestSummary, run_ingest
from hoopoe.records import Article, ArticleMeta, DateInfo, Document, Event, Evidence
from hoopoe.store import open_store


def fake_extract(article: Article) -> Document:
    """One ASSAULT event per sentence that says 'attack', dated on publication, with evidence."""
    if "EXPLODE" in article.text:
        raise RuntimeError("model crashed")
    events = []
    start = 0
    for i, sentence in enumerate(article.text.split(". ")):
        if "attack" in sentence:
            pub = article.published.isoformat() if article.published else None
            events.append(Event(id=f"{article.id}:e{i}", event="ASSAULT", event_text="attack",
                                date=DateInfo(pub, pub, "day" if pub else "unknown"),
                                evidence=Evidence(sentence, start, start + len(sentence))))
        start += len(sentence) + 2
    meta = ArticleMeta(id=article.id, title=article.title, url=article.url, source=article.source,
                       published=article.published.isoformat() if article.published else None)
    return Document(article=meta, events=events)


@pytest.fixture()
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Militants attacked a checkpoint. Two police officers were hurt.\n")
    (folder / "b.txt").write_text("Rebels attacked a convoy. Later they attacked a base. Talks stalled.\n")
    (folder / "c.txt").write_bytes(b"")
    (folder / "d.txt").write_text("This file will EXPLODE the extractor.\n")
    (folder / "e.jsonl").write_text('{"id": "j1", "text": "A crowd attacked the governor\'s office."}\nnot json\n')
    return folder


def test_summary_counts_everything(inputs, tmp_path):
    seen: list[int] = []
    with open_store(tmp_path / "s.db") as store:
        s = run_ingest([inputs], store, fake_extract, published="2022-05-01", progress=seen.append)
        assert (s.read, s.stored, s.unchanged, s.events) == (4, 3, 0, 4)
        assert s.skipped == {"empty": 1, "extract-error": 1, "bad-record": 1}
        assert [k.reason for k in s.skip_details] == ["empty", "extract-error", "bad-record"]
        assert "RuntimeError: model crashed" in s.skip_details[1].message
        assert s.skip_details[1].origin.endswith("d.txt")
        assert seen == [1, 2, 3, 4, 5, 6]
        assert store.stats()["articles"] == 3 and store.stats()["events"] == 4
        assert all(m.published == "2022-05-01" for m, _ in store.events())
        assert str(s).startswith("read 4, stored 3, unchanged 0, events 4, skipped 3")


def test_second_run_is_unchanged_and_changed_text_is_replaced(inputs, tmp_path):
    calls: list[str] = []

    def counting(article):
        calls.append(article.id)
        return fake_extract(article)

    with open_store(tmp_path / "s.db") as store:
        run_ingest([inputs], store, counting, published="2022-05-01")
        first = len(calls)
        again = run_ingest([inputs], store, counting, published="2022-05-01")
        assert (again.read, again.stored, again.unchanged, again.events) == (4, 0, 3, 0)
        assert len(calls) == first + 1  # only the article whose extraction failed is tried again
        # the JSONL record keeps its id when its text changes: the store replaces its events
        (inputs / "e.jsonl").write_text('{"id": "j1", "text": "A crowd attacked the office. Then it attacked a car."}\n')
        third = run_ingest([inputs / "e.jsonl"], store, counting)
        assert (third.stored, third.events) == (1, 2)
        assert [e.id for _, e in store.events() if e.id.startswith("j1")] == ["j1:e0", "j1:e1"]
        assert store.stats()["articles"] == 3


def test_nothing_stored_is_lost_when_an_article_fails(tmp_path, caplog):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.txt").write_text("Gunmen attacked a bus.\n")
    (folder / "2.txt").write_text("EXPLODE\n")
    (folder / "3.txt").write_text("Soldiers attacked a village.\n")
    with open_store(tmp_path / "s.db") as store, caplog.at_level(logging.ERROR, logger="hoopoe.ingest.runner"):
        s = run_ingest([folder], store, fake_extract)
        assert (s.stored, s.skipped) == (2, {"extract-error": 1})
        assert "extraction failed" in caplog.text and "model crashed" in caplog.text
        assert store.stats()["articles"] == 2


def test_a_document_the_store_refuses_is_a_store_error_skip(tmp_path):
    (tmp_path / "1.txt").write_text("Gunmen attacked a bus.\n")

    def wrong_id(article):
        doc = fake_extract(article)
        doc.article.id = "someone-else"
        return doc

    with open_store(tmp_path / "s.db") as store:
        s = run_ingest([tmp_path / "1.txt"], store, wrong_id)
        assert s.skipped == {"store-error": 1} and s.stored == 0 and store.stats()["articles"] == 0


def test_bad_published_argument_raises_before_reading(tmp_path):
    with open_store(tmp_path / "s.db") as store, pytest.raises(BadDate):
        run_ingest([tmp_path], store, fake_extract, published="yesterday")


def test_empty_summary():
    s = IngestSummary()
    assert s.skipped_total == 0 and str(s) == "read 0, stored 0, unchanged 0, events 0, skipped 0 (none)"
