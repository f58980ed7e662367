"""Parquet shards as an ingest target: written in pairs, skipped on re-runs, resumed after a crash,
the latest version of a changed article read back."""

from __future__ import annotations

import pytest
from ingest_corpus import CORPUS_SIZE, write_corpus

from hoopoe.engine import ingest
from hoopoe.export import COLUMN_NAMES

pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install -e '.[parquet]'")
pytest.importorskip("pandas", reason="pandas is not installed: pip install -e '.[parquet]'")

from hoopoe.engine.parquet import ParquetShards, read_shards


def by_article(events) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for aid, eid, typ in zip(events["article_id"], events["event_id"], events["event"]):
        out.setdefault(aid, []).append((eid, typ))
    return {k: sorted(v) for k, v in out.items()}


def test_shards_hold_what_a_store_holds(corpus, reference, tmp_path, monkeypatch):
    from hoopoe.engine import parquet

    monkeypatch.setattr(parquet, "SHARD_ARTICLES", 128)
    out = tmp_path / "shards"
    s = ingest([corpus], out_dir=out)
    assert (s.stored, s.events) == (CORPUS_SIZE, sum(len(v) for v in reference.values()))
    names = sorted(p.name for p in (out / "articles").glob("*.parquet"))
    assert len(names) == 3 and names == sorted(p.name for p in (out / "events").glob("*.parquet"))
    articles, events = read_shards(out)
    assert len(articles) == CORPUS_SIZE and articles["article_id"].is_unique
    assert list(events.columns) == list(COLUMN_NAMES)
    assert by_article(events) == {k: v for k, v in reference.items() if v}
    again = ingest([corpus], out_dir=out)
    assert (again.stored, again.unchanged) == (0, CORPUS_SIZE)
    assert len(list((out / "articles").glob("*.parquet"))) == 3


def test_changed_article_is_read_back_in_its_latest_version(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"id": "x1", "text": "Gunmen attacked a bus in Kabul on Monday."}\n'
                                    '{"id": "x2", "text": "Police arrested five protesters in Herat."}\n')
    out = tmp_path / "shards"
    ingest([folder], out_dir=out)
    (folder / "a.jsonl").write_text('{"id": "x1", "text": "Talks between the two sides were held in Doha."}\n'
                                    '{"id": "x2", "text": "Police arrested five protesters in Herat."}\n')
    s = ingest([folder], out_dir=out)
    assert (s.stored, s.unchanged) == (1, 1)
    articles, events = read_shards(out)
    assert sorted(articles["article_id"]) == ["x1", "x2"]
    assert "Doha" in articles.set_index("article_id").loc["x1", "text"]
    assert "ASSAULT" not in set(events[events["article_id"] == "x1"]["event"])


def test_a_crashed_run_leaves_only_whole_shards(tmp_path):
    folder = write_corpus(tmp_path / "in", range(10))
    out = tmp_path / "shards"
    from hoopoe.ingest import content_hash, read_articles
    from hoopoe.pipeline import default_pipeline

    arts = list(read_articles([folder]))
    shards = ParquetShards(out, shard_articles=4)
    for a in arts[:6]:
        shards.add(default_pipeline().process(a), a, content_hash(a))
    # killed here: one shard pair of 4 written, 2 articles only in memory; and a half-written pair
    (out / "events" / "part-000009-deadbeef.parquet").write_bytes(b"PAR1 half")
    (out / "articles" / "part-000009-deadbeef.parquet.tmp").write_bytes(b"PAR1 half")
    reopened = ParquetShards(out)
    assert not (out / "events" / "part-000009-deadbeef.parquet").exists()
    assert not list(out.glob("*/*.tmp"))
    assert len(reopened.stored_hashes([a.id for a in arts])) == 4
    s = ingest([folder], out_dir=out)
    assert (s.stored, s.unchanged) == (6, 4)
    articles, _ = read_shards(out)
    assert sorted(articles["article_id"]) == sorted(a.id for a in arts)


def test_bad_out_dir(tmp_path):
    from hoopoe.errors import HoopoeError

    (tmp_path / "file").write_text("x")
    with pytest.raises(HoopoeError, match="is a file"):
        ParquetShards(tmp_path / "file")
    with pytest.raises(HoopoeError, match="does not exist"):
        ParquetShards(tmp_path / "no" / "such")
    with pytest.raises(HoopoeError, match="no shards"):
        read_shards(tmp_path)
