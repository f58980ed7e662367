"""Throughput and memory of the pipeline: articles/s, words/s and peak RSS.

    python bench/bench_pipeline.py [--articles 300] [--words 600]

The corpus is generated: news-length articles (about --words words) assembled from the sentences of the bundled
sample articles, with place and actor names varied so that caches do not flatter the figures. Three stages are
timed in the same run so they can be compared:

  baseline   the language-model stage alone (tokens and sentences): the floor any coder pays
  extract    the full pipeline (actors, places, dates, counts, events, quotes, commitments)
  ingest     extract plus storing every document in a fresh SQLite file

Figures are printed, never asserted: timings belong in benchmarks, not unit tests.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from hoopoe.demo import SAMPLES
from hoopoe.ingest import content_hash
from hoopoe.pipeline import default_pipeline
from hoopoe.records import Article
from hoopoe.store import open_store

PLACES = ["Kabul", "Kunduz", "Herat", "Kandahar", "Jalalabad", "Mosul", "Aleppo", "Idlib", "Quetta", "Peshawar",
          "Sanaa", "Aden", "Baghdad", "Kirkuk", "Gaza", "Beirut", "Tripoli", "Mogadishu", "Maiduguri", "Bamako"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus(n: int, words: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    sentences = []
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 4]
    out = []
    for i in range(n):
        body, count = [], 0
        while count < words:
            s = rng.choice(sentences)
            s = re.sub(r"\b(Kabul|Jalalabad|Idlib|Quetta|Doha|Saraqib)\b", lambda m: rng.choice(PLACES), s)
            s = re.sub(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
                       lambda m: "on " + rng.choice(WEEKDAYS), s)
            body.append(s)
            count += len(s.split())
        paras = [" ".join(body[k:k + 3]) for k in range(0, len(body), 3)]
        out.append(Article(text="\n\n".join(paras), id=f"bench-{i}", published=None))
    return out


def run(label: str, articles: list[Article], fn) -> dict:
    words = sum(len(a.text.split()) for a in articles)
    t0 = time.perf_counter()
    for a in articles:
        fn(a)
    dt = time.perf_counter() - t0
    row = {"stage": label, "articles": len(articles), "seconds": round(dt, 2),
           "articles_per_s": round(len(articles) / dt, 1), "words_per_s": round(words / dt),
           "peak_rss_mb": round(peak_rss_mb())}
    print(f"{label:9s} {row['articles_per_s']:8.1f} articles/s {row['words_per_s']:9d} words/s  "
          f"peak RSS {row['peak_rss_mb']} MB  ({len(articles)} articles in {dt:.1f}s)")
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object at the end")
    args = ap.parse_args()
    t0 = time.perf_counter()
    pipe = default_pipeline()
    load = time.perf_counter() - t0
    print(f"pipeline loaded in {load:.2f}s; peak RSS {peak_rss_mb():.0f} MB")
    arts = corpus(args.articles, args.words)
    pipe.process(arts[0])  # warm caches that every process warms once
    rows = [run("baseline", arts, lambda a: pipe.nlp(a.text)), run("extract", arts, pipe.process)]
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "bench.db")) as store:
        rows.append(run("ingest", arts, lambda a: store.add(pipe.process(a), a, content_hash(a))))
    base, ext = rows[0]["articles_per_s"], rows[1]["articles_per_s"]
    print(f"extract costs {base / ext:.1f}x the language-model stage alone")
    if args.json:
        print(json.dumps({"load_s": round(load, 2), "stages": rows}))


if __name__ == "__main__":
    sys.exit(main())
