"""Parquet shards as an ingest target (``hoopoe ingest ... --out-dir DIR``) and reading them back.

    DIR/articles/part-NNNNNN-XXXXXXXX.parquet   one row per article: id, content hash, metadata,
                                                text, event count, the whole Document as JSON
    DIR/events/part-NNNNNN-XXXXXXXX.parquet     the same articles' events in the flat PLOVER columns

A shard pair is written every :data:`SHARD_ARTICLES` articles (and at the end), events first, each
file under a temporary name and renamed when complete: the articles file is the pair's commit mark.
A run that is killed loses at most the articles not yet in a shard, and the next run codes them
again (articles already in a shard with the same content hash are skipped). Shards are append-only:
a changed article is written again in a later shard, and :func:`read_shards` keeps its latest version.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime
from pathlib import Path

from hoopoe.errors import HoopoeError
from hoopoe.export.flat import COLUMNS, flat_row
from hoopoe.records import Article, Document, to_dict

log = logging.getLogger(__name__)

#: Articles per shard: a few MB per file for news-length articles, and a killed run loses at
#: most this many articles' work.
SHARD_ARTICLES = 500

ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "str"), ("content_hash", "str"), ("title", "str"), ("url", "str"), ("source", "str"),
    ("published", "str"), ("language", "str"), ("ingested_at", "str"), ("events", "int"), ("text", "str"),
    ("document", "str"),
)


def _pyarrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise HoopoeError("Parquet output needs pyarrow, which is not installed: pip install 'hoopoe[parquet]'",
                          reason="missing-dependency") from None
    return pa, pq


def _schema(pa, columns):
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    return pa.schema([(name, types[t]) for name, t in columns])


class ParquetShards:
    """A folder of shards that takes documents like a store (:meth:`add`, :meth:`stored_hashes`)."""

    def __init__(self, out_dir: str | Path, *, shard_articles: int | None = None) -> None:
        self.pa, self.pq = _pyarrow()
        self.root = Path(out_dir)
        if self.root.exists() and not self.root.is_dir():
            raise HoopoeError(f"--out-dir {str(self.root)!r} is a file, not a folder", reason="bad-output")
        if not self.root.parent.is_dir():
            raise HoopoeError(f"cannot write shards to {str(self.root)!r}: folder {str(self.root.parent)!r} "
                              "does not exist", reason="bad-output")
        self.shard_articles = shard_articles or SHARD_ARTICLES
        for sub in ("articles", "events"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        self._tidy()
        self._hashes = self._index()
        self._buffer: list[tuple[Document, Article, str]] = []
        self.shards_written = 0

    # -------------------------------------------------------------- the sink protocol
    def stored_hashes(self, article_ids: list[str]) -> dict[str, str]:
        return {a: self._hashes[a] for a in article_ids if a in self._hashes}

    def add(self, doc: Document, article: Article, content_hash: str) -> bool:
        aid = doc.article.id
        if self._hashes.get(aid) == content_hash:
            return False
        self._buffer.append((doc, article, content_hash))
        self._hashes[aid] = content_hash
        if len(self._buffer) >= self.shard_articles:
            self.flush()
        return True

    def flush(self) -> None:
        """Write the buffered documents as one shard pair."""
        if not self._buffer:
            return
        pa = self.pa
        now = datetime.now(UTC).isoformat(timespec="seconds")
        events, articles = [], []
        for doc, art, h in self._buffer:
            m = doc.article
            events += [flat_row(m, ev) for ev in doc.events]
            articles.append({"article_id": m.id, "content_hash": h, "title": m.title, "url": m.url,
                             "source": m.source, "published": m.published, "language": m.language,
                             "ingested_at": now, "events": len(doc.events), "text": art.text,
                             "document": json.dumps(to_dict(doc), ensure_ascii=False)})
        name = f"part-{self._next_number():06d}-{uuid.uuid4().hex[:8]}.parquet"
        try:
            self._write(self.root / "events" / name, pa.Table.from_pylist(events, schema=_schema(pa, COLUMNS)))
            self._write(self.root / "articles" / name,
                        pa.Table.from_pylist(articles, schema=_schema(pa, ARTICLE_COLUMNS)))
        except (OSError, pa.ArrowException) as e:
            raise HoopoeError(f"cannot write shard {self.root / 'articles' / name}: {e}; "
                              f"{len(articles)} articles are kept to be written with the next shard",
                              reason="bad-output") from None
        log.info("wrote shard %s: %d articles, %d events", name, len(articles), len(events))
        self._buffer = []
        self.shards_written += 1

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> ParquetShards:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -------------------------------------------------------------- files
    def _write(self, path: Path, table) -> None:
        tmp = path.with_name(path.name + ".tmp")
        self.pq.write_table(table, tmp)
        tmp.replace(path)

    def _next_number(self) -> int:
        numbers = [int(p.name.split("-")[1]) for p in (self.root / "articles").glob("part-*.parquet")]
        return max(numbers, default=-1) + 1

    def _tidy(self) -> None:
        """Remove what a killed run left half-written: temporary files, events without their articles."""
        for tmp in self.root.glob("*/*.tmp"):
            tmp.unlink(missing_ok=True)
        done = {p.name for p in (self.root / "articles").glob("part-*.parquet")}
        for p in (self.root / "events").glob("part-*.parquet"):
            if p.name not in done:
                log.info("removing %s: its run stopped before the shard was complete", p)
                p.unlink()

    def _index(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for p in sorted((self.root / "articles").glob("part-*.parquet")):
            t = self.pq.read_table(p, columns=["article_id", "content_hash"])
            out.update(zip(t.column("article_id").to_pylist(), t.column("content_hash").to_pylist()))
        return out


def read_shards(out_dir: str | Path):
    """``(articles, events)`` pandas DataFrames of a shard folder, the latest version of each article
    only (``pip install 'hoopoe[parquet]'``)."""
    _, pq = _pyarrow()
    try:
        import pandas as pd
    except ImportError:
        raise HoopoeError("reading shards needs pandas: pip install 'hoopoe[parquet]'",
                          reason="missing-dependency") from None
    root = Path(out_dir)
    names = sorted(p.name for p in (root / "articles").glob("part-*.parquet"))
    if not names:
        raise HoopoeError(f"{root}: no shards (looked for articles/part-*.parquet)", reason="bad-input")
    arts, evs = [], []
    for order, name in enumerate(names):
        a = pq.read_table(root / "articles" / name).to_pandas()
        e = pq.read_table(root / "events" / name).to_pandas()
        a["_order"], e["_order"] = order, order
        arts.append(a)
        evs.append(e)
    articles = pd.concat(arts, ignore_index=True)
    latest = articles.groupby("article_id")["_order"].max()
    articles = articles[articles["_order"] == articles["article_id"].map(latest)]
    events = pd.concat(evs, ignore_index=True)
    events = events[events["_order"] == events["article_id"].map(latest)]
    return (articles.drop(columns="_order").reset_index(drop=True),
            events.drop(columns="_order").reset_index(drop=True))
