"""The Ray engine on a local Ray instance (two CPUs): the same records as a run in process, into
Parquet shards, PostgreSQL or a SQLite file; re-runs skip what is stored."""

from __future__ import annotations

import pytest
from ingest_corpus import CORPUS_SIZE, contents
from test_parquet import by_article

from hoopoe.engine import ingest

ray = pytest.importorskip("ray", reason="ray is not installed: pip install -e '.[ray]'")
pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install -e '.[parquet]'")


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_into_parquet_shards(corpus, reference, tmp_path):
    from hoopoe.engine.parquet import read_shards

    out = tmp_path / "shards"
    s = ingest([corpus], out_dir=out, engine="ray", workers=2)
    assert (s.read, s.stored, s.skipped_total) == (CORPUS_SIZE, CORPUS_SIZE, 0)
    articles, events = read_shards(out)
    assert len(articles) == CORPUS_SIZE
    assert by_article(events) == {k: v for k, v in reference.items() if v}
    again = ingest([corpus], out_dir=out, engine="ray", workers=2)
    assert (again.stored, again.unchanged) == (0, CORPUS_SIZE)


def test_ray_into_a_store(corpus, reference, store_url):
    # PostgreSQL: the actors write; SQLite: the driver writes what the actors send back
    s = ingest([corpus], db=store_url, engine="ray", workers=2)
    assert (s.stored, s.events) == (CORPUS_SIZE, sum(len(v) for v in reference.values()))
    assert contents(store_url) == reference
