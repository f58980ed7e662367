"""Latency of the HTTP API on a large store: p50/p95/p99 per kind of request, over real HTTP.

    python bench/bench_api.py [--events 1000000] [--db PATH] [--requests 200] [--no-dedup]

Builds (once; reused when --db exists) a synthetic store of --events events: the generated reports of
bench/bench_dedup.py (happenings over a year in 40 countries, each reported 1 to 6 times with noise),
several events per article, stored through ``Store.add`` and clustered by ``cluster_store`` (unless
--no-dedup), so the store looks like one an analyst built with ``hoopoe ingest``. Then starts
``hoopoe serve`` on it and sends the requests the dashboard sends: the first page of events (deduplicated,
newest first), filtered by type, country, a 30-day window, type and country, an actor, a bounding box
with a precision floor, a deep page, every report (dedup off); plus the counting views (time series,
network, actors, places) reported apart. Figures are printed, never asserted.

Baseline in the same run: the same event-list queries called in-process (no HTTP, no JSON), to show
what the server adds on top of the store's own work.
"""

from __future__ import annotations

import argparse
import random
import resource
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
from bench_dedup import generate  # noqa: E402

from hoopoe.ingest import content_hash  # noqa: E402
from hoopoe.records import Article, Document  # noqa: E402
from hoopoe.store import open_store  # noqa: E402

EVENTS_PER_ARTICLE = 5
#: The generator's 40 countries C00..C39 stored under real ISO codes (the API validates country codes).
ISO = ("AFG PAK IND BGD IRN IRQ SYR YEM SAU ISR LBN JOR TUR EGY LBY SDN SSD ETH SOM KEN NGA NER MLI BFA TCD CMR COD "
       "CAF MOZ UKR RUS MMR PHL THA COL MEX VEN HTI PER BRA").split()


def build(db: Path, n_events: int, dedup: bool) -> None:
    t0 = time.perf_counter()
    items = generate(n_events, seed=5)
    for _, ev, _ in items:
        if ev.event_loc is not None and ev.event_loc.country[1:].isdigit():
            ev.event_loc.country = ISO[int(ev.event_loc.country[1:])]
    print(f"generated {len(items)} events in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    with open_store(str(db)) as store:
        for i in range(0, len(items), EVENTS_PER_ARTICLE):
            chunk = items[i:i + EVENTS_PER_ARTICLE]
            meta = chunk[0][0]
            events = []
            for j, (_, ev, _) in enumerate(chunk):
                ev.id = f"{meta.id}:e{j}"
                events.append(ev)
            text = " ".join(ev.evidence.text for ev in events if ev.evidence)
            art = Article(text=text, id=meta.id, source=meta.source, published=date.fromisoformat(meta.published))
            store.add(Document(article=meta, events=events), art, content_hash(art))
            if (i // EVENTS_PER_ARTICLE) % 20000 == 0:
                print(f"  stored {i} events ({time.perf_counter() - t0:.0f} s)", flush=True)
        print(f"stored {len(items)} events in {time.perf_counter() - t0:.0f} s")
        if dedup:
            from hoopoe.dedup import cluster_store

            t0 = time.perf_counter()
            s = cluster_store(store)
            print(f"clustered in {time.perf_counter() - t0:.0f} s: {s}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "hoopoe", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(url + "/api/stats", timeout=30).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def cases(rng: random.Random, n: int, last_day: date) -> dict[str, list[dict]]:
    countries = ISO
    out: dict[str, list[dict]] = {k: [] for k in (
        "first page", "type", "country", "30-day window", "type+country", "actor", "bbox+precision",
        "page 20", "every report", "text search")}
    for _ in range(n):
        day = last_day - timedelta(days=rng.randrange(330))
        c = rng.choice(countries)
        out["first page"].append({})
        out["type"].append({"event": rng.choice(["ASSAULT", "PROTEST", "COERCE", "ACCUSE"])})
        out["country"].append({"country": c})
        out["30-day window"].append({"since": day.isoformat(), "until": (day + timedelta(days=30)).isoformat()})
        out["type+country"].append({"event": rng.choice(["ASSAULT", "PROTEST"]), "country": c})
        out["actor"].append({"actor": f"g{rng.randrange(40)}x{rng.randrange(6)}"})
        lat, lon = rng.uniform(-30, 50), rng.uniform(-20, 120)
        out["bbox+precision"].append({"bbox": f"{lon - 5:.2f},{lat - 5:.2f},{lon + 5:.2f},{lat + 5:.2f}", "min_precision": 1})
        out["page 20"].append({"offset": 950})
        out["every report"].append({"dedup": "false"})
        out["text search"].append({"q": rng.choice(["attack", "protest", "arrest", "blame"])})
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def run_cases(url: str, all_cases: dict[str, list[dict]], path: str = "/api/events") -> list[float]:
    everything: list[float] = []
    with httpx.Client(base_url=url, timeout=120) as client:
        for name, params_list in all_cases.items():
            times = []
            for params in params_list:
                t0 = time.perf_counter()
                r = client.get(path, params=params)
                times.append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    raise SystemExit(f"{name} {params}: HTTP {r.status_code} {r.text[:200]}")
            everything += times
            print(f"  {name:16} p50 {statistics.median(times):7.1f} ms   p95 {pct(times, 95):7.1f} ms   "
                  f"p99 {pct(times, 99):7.1f} ms   max {max(times):7.1f} ms")
    return everything


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=None, help="store file (built if missing; default in /tmp)")
    ap.add_argument("--requests", type=int, default=100, help="requests per kind")
    ap.add_argument("--no-dedup", action="store_true", help="do not cluster the store when building it")
    ap.add_argument("--no-baseline", action="store_true", help="skip the run without the date indexes")
    args = ap.parse_args()
    db = args.db or Path(f"/tmp/hoopoe-bench-api-{args.events}.db")
    if not db.exists():
        build(db, args.events, not args.no_dedup)
    with open_store(str(db)) as store:
        stats = store.stats()
        last = store._query("SELECT MAX(event_from) FROM events")[0][0]
    size_mb = db.stat().st_size / 1e6
    print(f"store {db}: {stats['events']} events, {stats['articles']} articles, {size_mb:.0f} MB")
    rng = random.Random(11)
    all_cases = cases(rng, args.requests, date.fromisoformat(last))

    proc, url = serve(db)
    try:
        print(f"GET /api/events ({args.requests} requests per kind, 1 client, keep-alive):")
        times = run_cases(url, all_cases)
        print(f"  {'ALL':16} p50 {statistics.median(times):7.1f} ms   p95 {pct(times, 95):7.1f} ms   "
              f"p99 {pct(times, 99):7.1f} ms   ({len(times)} requests)")
        print("other views (10 requests each, unfiltered and one country):")
        with httpx.Client(base_url=url, timeout=300) as client:
            for path in ("/api/timeseries", "/api/network", "/api/actors", "/api/places", "/api/stats"):
                for params in ({}, {"country": "SYR"}):
                    ts = []
                    for _ in range(10):
                        t0 = time.perf_counter()
                        client.get(path, params=params).raise_for_status()
                        ts.append((time.perf_counter() - t0) * 1000)
                    print(f"  {path:16} {str(params):20} median {statistics.median(ts):8.1f} ms")
        rss = _rss_mb(proc.pid)
        if rss:
            print(f"server RSS {rss:.0f} MB")
    finally:
        proc.terminate()
        proc.wait()

    if not args.no_baseline:
        # Baseline: the same queries called in this process (no HTTP, no JSON encoding), to show what the
        # server adds on top of the store's own work.
        from hoopoe.api.app import event_query
        from hoopoe.store import read as r

        print("baseline: the same event lists in-process (hoopoe.store.read.event_page, no HTTP):")
        everything = []
        with open_store(str(db)) as store:
            for name, params_list in all_cases.items():
                times = []
                for params in params_list:
                    kw = {k: v for k, v in params.items() if k not in ("offset",)}
                    if "event" in kw:
                        kw["event"] = [kw["event"]]
                    for k in ("since", "until"):
                        if k in kw:
                            kw[k] = date.fromisoformat(kw[k])
                    if "dedup" in kw:
                        kw["dedup"] = kw["dedup"] != "false"
                    query = event_query(**kw)
                    t0 = time.perf_counter()
                    r.event_page(store, query, limit=50, offset=int(params.get("offset", 0)))
                    times.append((time.perf_counter() - t0) * 1000)
                everything += times
                print(f"  {name:16} p50 {statistics.median(times):7.1f} ms   p95 {pct(times, 95):7.1f} ms")
        print(f"  {'ALL':16} p50 {statistics.median(everything):7.1f} ms   p95 {pct(everything, 95):7.1f} ms")
    print(f"bench peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


if __name__ == "__main__":
    main()
