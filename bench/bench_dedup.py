"""Speed of deduplication: events/s on a synthetic set of reports, in memory and over a SQLite store.

    python bench/bench_dedup.py [--events 50000] [--store-events 20000] [--incremental 1000]

The reports are generated: happenings (a type, a day, a town, an actor, casualties, a few words of their own)
spread over a year and 40 countries, each reported 1 to 6 times with the noise real reports have: a week
instead of the day or no date at all, the province or nothing instead of the town, the actor left out,
figures that differ ("at least N"), other wording. Look-alikes come free: same-type happenings in one town
within days of each other. Timed in one run:

  features     building the comparable features of every report (Report.of)
  cluster      the in-memory clusterer over all reports (blocking, scoring, joins, consolidation)
  store        cluster_store over a fresh SQLite store holding --store-events of them (read, cluster, write)
  incremental  --incremental more reports in the last weeks, clustered into that store (reads only their window)

The synthetic truth gives B-cubed and pairwise figures as a sanity check (not a quality claim: the corpus in
tests/fixtures/dedup is that). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from hoopoe.dedup import cluster_store
from hoopoe.dedup.cluster import Clusterer
from hoopoe.dedup.features import Report
from hoopoe.eval.dedup import bcubed, pairwise
from hoopoe.ingest import content_hash
from hoopoe.records import (
    Article,
    ArticleMeta,
    Count,
    DateInfo,
    Document,
    Entity,
    Event,
    Evidence,
    Place,
)
from hoopoe.store import open_store

START = date(2023, 1, 1)
TYPES = ["ASSAULT"] * 6 + ["PROTEST"] * 2 + ["COERCE", "ACCUSE"]
MODES = {"ASSAULT": ["explosives", "firearms", "aerial", "heavy-weapons", "abduct"], "PROTEST": ["demo", "riot"],
         "COERCE": ["arrest", "seize"], "ACCUSE": ["allege"]}
TYPE_WORDS = {"ASSAULT": "attack bomb gunmen blast raid", "PROTEST": "protest march rally crowd demand",
              "COERCE": "arrest detain police custody charge", "ACCUSE": "accuse blame statement allegation"}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class World:
    """Countries with towns (in provinces) and named actors; a vocabulary for distinctive words."""

    def __init__(self, rng: random.Random, countries: int = 40) -> None:
        self.rng = rng
        self.countries = []
        gid = 1_000_000
        for c in range(countries):
            code = f"C{c:02d}"
            lat0, lon0 = rng.uniform(-30, 50), rng.uniform(-20, 120)
            towns = []
            for t in range(25):
                gid += 1
                towns.append(Place(text=f"Town{c}x{t}", name=f"Town{c}x{t}", geonameid=gid,
                                   lat=lat0 + rng.uniform(-3, 3), lon=lon0 + rng.uniform(-3, 3), feature="city",
                                   admin1=f"Prov{c}x{t % 5}", country=code, precision=1))
            actors = [Entity(f"Group{c}x{a}", f"hoopoe:g{c}x{a}", f"Group{c}x{a}", code, "REB", kb_id=f"g{c}x{a}",
                             kind="armed_group") for a in range(6)]
            self.countries.append((code, towns, actors))
        syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
        self.vocab = sorted({"".join(rng.sample(syllables, 3)) for _ in range(3000)})  # letters only, like words

    def happening(self, i: int) -> dict:
        rng = self.rng
        _code, towns, actors = rng.choice(self.countries)
        t = rng.choice(TYPES)
        return {"id": i, "type": t, "day": START + timedelta(days=rng.randrange(365)), "town": rng.choice(towns),
                "actor": rng.choice(actors), "mode": rng.choice(MODES[t]),
                "killed": int(rng.lognormvariate(1.8, 1.0)) if t == "ASSAULT" else None,
                "words": rng.sample(self.vocab, 3)}


def report_of(world: World, h: dict, n: int) -> tuple[ArticleMeta, Event]:
    rng = world.rng
    published = h["day"] + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
    r = rng.random()
    if r < 0.8:
        d = DateInfo(h["day"].isoformat(), h["day"].isoformat(), "day", "on Friday")
    elif r < 0.9:
        monday = h["day"] - timedelta(days=h["day"].weekday())
        d = DateInfo(monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week", "last week")
    else:
        d = DateInfo()
    town: Place = h["town"]
    r = rng.random()
    if r < 0.7:
        loc = town
    elif r < 0.85:
        loc = Place(text=town.admin1, name=town.admin1, geonameid=hash(town.admin1) % 10**6, lat=town.lat,
                    lon=town.lon, feature="admin1", admin1=town.admin1, country=town.country, precision=3)
    else:
        loc = None
    killed = None
    if h["killed"] is not None:
        k = max(1, int(h["killed"] * rng.uniform(0.8, 1.25)))
        killed = Count(k, None if rng.random() < 0.3 else k, None)
    words = " ".join(TYPE_WORDS[h["type"]].split()[:2] + h["words"][: rng.choice([2, 3])] +
                     rng.sample(world.vocab, 2))
    aid = f"h{h['id']}r{n}"
    ev = Event(id=f"{aid}:e0", event=h["type"], mode=[h["mode"]] if rng.random() < 0.8 else [],
               actor=[h["actor"]] if rng.random() < 0.7 else [], date=d, event_loc=loc, killed=killed,
               evidence=Evidence(words, 0, len(words)))
    return ArticleMeta(id=aid, source=f"Outlet{rng.randrange(30)}", published=published.isoformat()), ev


def generate(n_events: int, seed: int, after: date | None = None) -> list[tuple[ArticleMeta, Event, int]]:
    rng = random.Random(seed)
    world = World(random.Random(1))  # the same countries, towns and actors in every set
    world.rng = rng
    out: list[tuple[ArticleMeta, Event, int]] = []
    i = seed * 10_000_000
    while len(out) < n_events:
        h = world.happening(i)
        if after is not None:
            h["day"] = after + timedelta(days=rng.randrange(21))
        for n in range(min(6, 1 + int(rng.expovariate(1 / 1.5)))):
            meta, ev = report_of(world, h, n)
            out.append((meta, ev, h["id"]))
        i += 1
    return out[:n_events]


def scores(labels: dict[str, str], truth: dict[str, int]) -> str:
    gold = {k: str(v) for k, v in truth.items()}
    b3, pw = bcubed(labels, gold), pairwise(labels, gold)
    return (f"B-cubed P {b3['precision']:.3f} R {b3['recall']:.3f} F1 {b3['f1']:.3f}; "
            f"pairwise P {pw['precision']:.3f} R {pw['recall']:.3f} F1 {pw['f1']:.3f}")


def store_docs(store, items) -> None:
    for meta, ev, _ in items:
        text = ev.evidence.text if ev.evidence else meta.id
        art = Article(text=text, id=meta.id, source=meta.source, published=date.fromisoformat(meta.published))
        store.add(Document(article=meta, events=[ev]), art, content_hash(art))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=50_000)
    ap.add_argument("--store-events", type=int, default=20_000)
    ap.add_argument("--incremental", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()

    items = generate(args.events, args.seed)
    truth = {meta.id: h for meta, _, h in items}
    print(f"{len(items)} synthetic reports of {len(set(truth.values()))} happenings")

    t0 = time.perf_counter()
    reports = [Report.of(meta, 0, ev) for meta, ev, _ in items]
    t_feat = time.perf_counter() - t0
    t0 = time.perf_counter()
    cl = Clusterer()
    cl.add_all(reports)
    t_cl = time.perf_counter() - t0
    labels = {k[0]: cid for k, cid in cl.of_report.items()}
    print(f"features     {t_feat:7.2f} s  {len(reports) / t_feat:9.0f} events/s")
    print(f"cluster      {t_cl:7.2f} s  {len(reports) / t_cl:9.0f} events/s  "
          f"({cl.stats.comparisons / len(reports):.1f} comparisons/report, {len(cl.clusters)} clusters, "
          f"{cl.stats.merged} cluster merges)")
    print(f"             {scores(labels, truth)}")
    print(f"             peak RSS {peak_rss_mb():.0f} MB")

    if args.store_events:
        sub = items[: args.store_events]
        with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "bench.db")) as store:
            t0 = time.perf_counter()
            store_docs(store, sub)
            t_add = time.perf_counter() - t0
            t0 = time.perf_counter()
            s = cluster_store(store)
            t_store = time.perf_counter() - t0
            print(f"store        {t_store:7.2f} s  {len(sub) / t_store:9.0f} events/s  (storing them took "
                  f"{t_add:.1f} s; {s.clusters} clusters)")
            if args.incremental:
                last = max(date.fromisoformat(m.published) for m, _, _ in sub)
                new = generate(args.incremental, args.seed + 1, after=last - timedelta(days=14))
                store_docs(store, new)
                t0 = time.perf_counter()
                s2 = cluster_store(store)
                t_inc = time.perf_counter() - t0
                print(f"incremental  {t_inc:7.2f} s  {len(new) / t_inc:9.0f} events/s  ({s2.reports} new reports; "
                      f"{s2.loaded} stored clusters read of {s.clusters}; {s2.joined} joined, "
                      f"{s2.founded} founded)")
    print(f"peak RSS {peak_rss_mb():.0f} MB; python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
