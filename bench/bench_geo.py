"""Resolution speed and accuracy on LGL (gold spans): hoopoe's ranker vs the most-populous candidate.

    PYTHONPATH=src python bench/bench_geo.py [path/to/lgl.xml]
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from hoopoe.eval.geo import read_corpus
from hoopoe.geo import Geocoder, haversine_km
from hoopoe.geo.build import build_embedded_gazetteer


def main() -> None:
    lgl = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/data/geo/lgl/lgl.xml")
    t = time.perf_counter()
    build_embedded_gazetteer(Path("/tmp/bench-gazetteer.sqlite"))
    print(f"embedded build: {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    geo = Geocoder.default()
    print(f"open: {time.perf_counter() - t:.2f} s")
    arts = read_corpus(lgl)
    gold = [(a, [t for t in a.toponyms if t.lat is not None]) for a in arts]
    n = sum(len(g) for _, g in gold)
    docs = [(geo.recognizer.find(art.text, spans=[(x.start, x.end) for x in tops], demonyms=True), tops)
            for art, tops in gold]
    for label, cold in (("cold lookup cache", True), ("warm lookup cache", False)):
        if cold:
            geo.gaz._cache.clear()
        t = time.perf_counter()
        ok_rank = 0
        for mentions, tops in docs:
            for e, x in zip(geo.resolve_mentions(mentions), tops):
                ok_rank += e is not None and haversine_km(x.lat, x.lon, e.lat, e.lon) <= 161
        dt = time.perf_counter() - t
        print(f"hoopoe ranker, resolution only ({label}): {n / dt:,.0f} toponyms/s, acc@161 {ok_rank / n:.3f}")
    ok_pop = 0
    t = time.perf_counter()
    for art, tops in gold:
        for x in tops:
            c = geo.gaz.candidates(art.text[x.start:x.end])
            best = max(c, key=lambda e: e.population) if c else None
            ok_pop += best is not None and haversine_km(x.lat, x.lon, best.lat, best.lon) <= 161
    dt = time.perf_counter() - t
    print(f"most-populous baseline: {n / dt:,.0f} toponyms/s, acc@161 {ok_pop / n:.3f}  (n={n})")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
