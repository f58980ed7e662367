"""Ingest throughput and memory: extract-only, into SQLite, into PostgreSQL, with 1 and 2 workers.

    python bench/bench_ingest.py [--articles 2000] [--words 600] [--workers 1 2] [--pg URL] [--json]

The corpus (a JSONL file of news-length articles, see bench_pipeline.corpus) is generated once; each
run is a fresh process, so its peak memory is its own:

  extract   read and code every article, store nothing (workers hand the documents back)
  sqlite    hoopoe.engine.ingest into a new SQLite file
  postgres  hoopoe.engine.ingest into a new PostgreSQL schema (with --pg URL, or $HOOPOE_TEST_PG;
            left out when neither is set)

1 worker codes in the main process (``hoopoe ingest``'s default); N > 1 starts N worker processes,
each loading the pipeline once. Times are wall-clock from the call to the summary, start-up of the
workers included. Peak memory: the main process's and the largest worker's, and the total if every
worker peaked at once (an upper bound). The scaling ratio of 2 workers over 1 is printed per target.
Figures are printed, never asserted; other work on the machine shows in them (the load average is
printed with them).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = ("extract", "sqlite", "postgres")

#: The cores the CPU-time estimate assumes (the bar is set for a 2-core machine).
CORES = 2


class NullSink:
    """A sink that keeps nothing: extract-only runs through the same driver and workers."""

    def stored_hashes(self, article_ids):
        return {}

    def add(self, doc, article, content_hash) -> bool:
        return True

    def close(self) -> None:
        pass


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_s(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def child(args: argparse.Namespace) -> None:
    """One run, in its own process; prints one JSON line."""
    from hoopoe.engine import BATCH_ARTICLES, INFLIGHT_PER_WORKER, ingest
    from hoopoe.ingest import read_articles

    workers = args.workers[0]
    cpu0 = cpu_s(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    if args.target == "extract":
        from hoopoe.ingest.runner import code_tasks, drive, resolved

        items = read_articles([args.corpus])
        if workers == 1:
            from hoopoe.pipeline import default_pipeline

            extract = default_pipeline().process
            summary = drive(items, NullSink(), lambda tasks: resolved(code_tasks(tasks, extract, None)))
        else:
            from hoopoe.engine.local import LocalPool
            from hoopoe.engine.worker import WorkerSpec

            pool = LocalPool(WorkerSpec(store_url=None), workers)
            try:
                summary = drive(items, NullSink(), pool.submit, batch_size=BATCH_ARTICLES,
                                max_inflight=INFLIGHT_PER_WORKER * workers)
            finally:
                pool.close()
    else:
        summary = ingest([args.corpus], db=args.url, workers=workers)
    dt = time.perf_counter() - t0
    main_cpu, workers_cpu = cpu_s(resource.RUSAGE_SELF) - cpu0, cpu_s(resource.RUSAGE_CHILDREN)
    print(json.dumps({"main_cpu_s": round(main_cpu, 1), "workers_cpu_s": round(workers_cpu, 1),"target": args.target, "workers": workers, "articles": summary.read,
                      "stored": summary.stored, "events": summary.events, "skipped": summary.skipped_total,
                      "seconds": round(dt, 2), "articles_per_s": round(summary.read / dt, 1),
                      "main_peak_mb": round(peak_mb(resource.RUSAGE_SELF)),
                      "worker_peak_mb": round(peak_mb(resource.RUSAGE_CHILDREN)) if workers > 1 else 0}))


def _pg_schema(url: str, schema: str, create: bool) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}" if create else f"DROP SCHEMA {schema} CASCADE")
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def run_one(target: str, workers: int, corpus: Path, tmp: Path, pg: str | None) -> dict:
    url, schema = None, None
    if target == "sqlite":
        url = f"sqlite:///{tmp / f'bench-{workers}.db'}"
    elif target == "postgres":
        schema = f"hoopoe_bench_{uuid.uuid4().hex[:8]}"
        url = _pg_schema(pg, schema, create=True)
    cmd = [sys.executable, str(Path(__file__)), "--child", "--target", target, "--workers", str(workers),
           "--corpus", str(corpus)] + (["--url", url] if url else [])
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    finally:
        if schema:
            _pg_schema(pg, schema, create=False)
    if out.returncode != 0:
        raise SystemExit(f"{target} with {workers} workers failed:\n{out.stderr}")
    row = json.loads(out.stdout.strip().splitlines()[-1])
    row["total_peak_mb"] = row["main_peak_mb"] + workers * row["worker_peak_mb"] if workers > 1 else row["main_peak_mb"]
    # What the run would take with CORES idle cores: the busiest of the processes, or all of the work
    # spread over the cores, whichever is longer (an estimate from CPU time, for a loaded machine).
    busiest = max(row["main_cpu_s"], row["workers_cpu_s"] / workers if workers > 1 else 0)
    ideal = max(busiest, (row["main_cpu_s"] + row["workers_cpu_s"]) / CORES)
    row["idle_articles_per_s"] = round(row["articles"] / ideal, 1) if ideal else None
    print(f"{target:8s} {workers} worker{'s' if workers > 1 else ' '} {row['articles_per_s']:7.1f} articles/s "
          f"({row['articles']} in {row['seconds']:.1f}s)  peak RSS main {row['main_peak_mb']} MB"
          + (f", largest worker {row['worker_peak_mb']} MB, at most {row['total_peak_mb']} MB in all"
             if workers > 1 else ""), flush=True)
    print(f"{'':19s}CPU: main {row['main_cpu_s']}s" + (f", workers {row['workers_cpu_s']}s" if workers > 1 else "")
          + f"; on {CORES} idle cores about {row['idle_articles_per_s']} articles/s", flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--targets", nargs="+", choices=TARGETS, default=list(TARGETS))
    ap.add_argument("--pg", default=os.environ.get("HOOPOE_BENCH_PG") or os.environ.get("HOOPOE_TEST_PG"),
                    help="PostgreSQL URL for the postgres target (default $HOOPOE_BENCH_PG or $HOOPOE_TEST_PG)")
    ap.add_argument("--json", action="store_true", help="print every figure as one JSON object at the end")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--target", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--url", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)

    sys.path.insert(0, str(HERE))
    from bench_pipeline import corpus

    targets = [t for t in args.targets if t != "postgres" or args.pg]
    if "postgres" in args.targets and not args.pg:
        print("postgres: left out (no server: give --pg URL or set HOOPOE_TEST_PG)")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        path = tmp / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for a in corpus(args.articles, args.words):
                fh.write(json.dumps({"id": a.id, "text": a.text}) + "\n")
        words = sum(len(json.loads(line)["text"].split()) for line in path.open(encoding="utf-8"))
        print(f"corpus: {args.articles} articles, {words / args.articles:.0f} words each on average; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the start")
        rows = [run_one(t, w, path, tmp, args.pg) for t in targets for w in args.workers]
    print(f"load average {os.getloadavg()[0]:.2f} at the end (other work on the machine slows every figure)")
    for t in targets:
        by = {r["workers"]: r for r in rows if r["target"] == t}
        if 1 in by and 2 in by:
            print(f"{t:8s} scaling: 2 workers give {by[2]['articles_per_s'] / by[1]['articles_per_s']:.2f}x "
                  f"the throughput of 1 (measured); "
                  f"{by[2]['idle_articles_per_s'] / by[1]['idle_articles_per_s']:.2f}x on {CORES} idle cores (from CPU time)")
    if args.json:
        print(json.dumps({"rows": rows, "load_end": os.getloadavg()[0]}))


if __name__ == "__main__":
    sys.exit(main())
