"""Load time and size of the actor knowledge base, and matching throughput.

    python bench/bench_actors.py [--repeat 5]

Prints, never asserts: ActorKB.load() time (first and best of --repeat), the number of actors and surface forms
by kind, and mentions/s of ActorKB.find on the bundled sample articles.
"""

from __future__ import annotations

import argparse
import collections
import json
import time

from hoopoe.demo import SAMPLES
from hoopoe.resolve.actors import ActorKB


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    start = time.perf_counter()
    kb = ActorKB.load()
    first = time.perf_counter() - start
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        ActorKB.load()
        times.append(time.perf_counter() - start)
    print(f"ActorKB.load: first {first:.3f} s, best {min(times):.3f} s, median {sorted(times)[len(times) // 2]:.3f} s")
    kinds = collections.Counter(a.kind for a in kb)
    names = collections.Counter()
    for a in kb:
        names[a.kind] += 1 + len(a.aliases) + len(a.demonyms) + len(a.capitals)
    print(f"{len(kb)} actors, {len(kb.surfaces)} distinct surface forms, {len(kb.ambiguous)} ambiguous aliases, "
          f"{len(kb.not_actors)} not-actor phrases")
    for kind, n in kinds.most_common():
        print(f"  {kind:16} {n:5} actors {names[kind]:6} names")
    text = "\n\n".join(json.loads(line)["text"] for line in SAMPLES.read_text(encoding="utf-8").splitlines()) * 20
    start = time.perf_counter()
    found = kb.find(text)
    elapsed = time.perf_counter() - start
    print(f"find: {len(found)} mentions in {len(text):,} characters, {len(found) / elapsed:,.0f} mentions/s, "
          f"{len(text) / elapsed / 1e6:.2f} MB/s")


if __name__ == "__main__":
    main()
