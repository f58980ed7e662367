"""The local engine: worker processes give the same store as a run in process; skips, failures,
duplicates and bad options are handled as in a serial run."""

from __future__ import annotations

import logging
import os

import pytest
from ingest_corpus import CORPUS_SIZE, contents, write_corpus

from hoopoe.engine import EngineError, ingest
from hoopoe.errors import BadDate
from hoopoe.records import Article, ArticleMeta, DateInfo, Document, Event, Evidence
from hoopoe.store import open_store


def fake_extract(article: Article) -> Document:
    """One ASSAULT per sentence that says 'attack'; 'EXPLODE' fails; 'DIE' ends the worker process."""
    if "EXPLODE" in article.text:
        raise RuntimeError("model crashed")
    if "DIE" in article.text:
        os._exit(3)
    events, start = [], 0
    for i, sentence in enumerate(article.text.split(". ")):
        if "attack" in sentence:
            events.append(Event(id=f"{article.id}:e{i}", event="ASSAULT", event_text="attack", date=DateInfo(),
                                evidence=Evidence(sentence, start, start + len(sentence))))
        start += len(sentence) + 2
    return Document(article=ArticleMeta(id=article.id, title=article.title), events=events)


def fake() -> object:
    """The extractor factory handed to workers (picklable: a module-level function)."""
    return fake_extract


def test_two_workers_store_what_one_process_stores(corpus, reference, store_url):
    s = ingest([corpus], db=store_url, workers=2)
    assert (s.read, s.stored, s.unchanged, s.skipped_total) == (CORPUS_SIZE, CORPUS_SIZE, 0, 0)
    assert s.events == sum(len(v) for v in reference.values())
    assert contents(store_url) == reference
    again = ingest([corpus], db=store_url, workers=2)
    assert (again.stored, again.unchanged, again.events) == (0, CORPUS_SIZE, 0)


@pytest.fixture()
def messy(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Militants attacked a checkpoint. Two police officers were hurt.\n")
    (folder / "b.txt").write_text("")
    (folder / "c.txt").write_text("This file will EXPLODE the extractor.\n")
    (folder / "d.jsonl").write_text(
        '{"id": "j1", "text": "A crowd attacked the office."}\n'
        "not json\n"
        '{"id": "j1", "text": "A crowd attacked the office. Then it attacked a car."}\n'  # j1 again, changed
        '{"id": "j2", "text": "Rebels attacked a convoy."}\n')
    (folder / "e.txt").write_text("Militants attacked a checkpoint. Two police officers were hurt.\n")  # = a.txt
    return folder


@pytest.mark.parametrize("workers", [1, 3])
def test_skips_failures_and_duplicates(messy, tmp_path, caplog, workers):
    url = f"sqlite:///{tmp_path / 's.db'}"
    seen: list[int] = []
    with caplog.at_level(logging.ERROR, logger="hoopoe.ingest.runner"):
        s = ingest([messy], db=url, workers=workers, extractor=fake, batch_size=1, progress=seen.append)
    assert seen == list(range(1, 9))  # every input item, articles and skips
    assert (s.read, s.stored, s.unchanged) == (6, 4, 1)  # a, j1, j1 changed, j2; e.txt repeats a.txt
    assert s.skipped == {"empty": 1, "extract-error": 1, "bad-record": 1}
    assert [k.reason for k in s.skip_details] == ["empty", "extract-error", "bad-record"]  # input order
    assert "RuntimeError: model crashed" in caplog.text and "Traceback" in caplog.text
    with open_store(url) as store:
        assert store.stats()["articles"] == 3
        # the later version of j1 wins, as in a serial run
        assert [e.id for _, e in store.events() if e.id.startswith("j1")] == ["j1:e0", "j1:e1"]


def test_a_worker_that_dies_is_an_engine_error_and_nothing_stored_is_lost(tmp_path):
    folder = write_corpus(tmp_path / "in", range(3))
    (folder / "zz-last.txt").write_text("This one will DIE.\n")
    url = f"sqlite:///{tmp_path / 's.db'}"
    with pytest.raises(EngineError, match="run the same command again to resume"):
        ingest([folder], db=url, workers=2, extractor=fake, batch_size=1)
    with open_store(url) as store:
        assert store.stats()["articles"] == 3


@pytest.mark.parametrize("kw,match", [
    ({"engine": "spark"}, "unknown engine 'spark'"),
    ({"workers": 0}, "workers must be 1 or more"),
    ({"db": "x.db", "out_dir": "shards"}, "not both"),
    ({"address": "ray://head:10001"}, "--engine ray"),
    ({"db": "sqlite://", "workers": 2}, "in-memory store"),
])
def test_bad_options_are_clear_errors(tmp_path, kw, match):
    with pytest.raises(EngineError, match=match):
        ingest([tmp_path], extractor=fake, **kw)


def test_bad_date_is_raised_before_anything_starts(tmp_path):
    with pytest.raises(BadDate):
        ingest([tmp_path], db=str(tmp_path / "s.db"), workers=2, published="someday")
    assert not (tmp_path / "s.db").exists()


def test_feeds_are_incremental_with_workers(fixtures_dir, tmp_path):
    feeds = [fixtures_dir / "ingest" / "rss2.xml", fixtures_dir / "ingest" / "atom.xml"]
    url = f"sqlite:///{tmp_path / 's.db'}"
    first = ingest(feeds, db=url, workers=2, extractor=fake)
    assert first.read > 0 and first.stored == first.read - first.unchanged
    again = ingest(feeds, db=url, workers=2, extractor=fake)
    assert (again.read, again.stored, again.unchanged) == (first.read, 0, first.read)
