"""``hoopoe demo``: code the sample articles shipped with the package into a fresh SQLite file and show them."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console

SAMPLES = Path(__file__).resolve().parent / "resources" / "samples" / "samples.jsonl"


def run_demo(db: Path, console: Console | None = None) -> dict:
    from hoopoe.ingest.runner import run_ingest
    from hoopoe.pipeline import default_pipeline
    from hoopoe.report import event_table
    from hoopoe.store import open_store

    from hoopoe.report import make_console

    console = console or make_console()
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    pipe = default_pipeline()
    t1 = time.perf_counter()
    with open_store(str(db)) as store:
        summary = run_ingest([SAMPLES], store, pipe.process)
        from hoopoe.dedup import cluster_store

        dedup = cluster_store(store)  # as `hoopoe ingest` does: reports of one happening become one event
        rows = list(store.events())
        stats = store.stats()
        docs = list(store.documents())
    t2 = time.perf_counter()
    console.print(f"[bold]hoopoe demo[/bold]: {summary.read} sample articles -> {db} "
                  f"(resources loaded in {t1 - t0:.1f}s, coded and stored in {t2 - t1:.1f}s)")
    console.print(event_table(rows, title=f"{len(rows)} events"))
    quotes = [q for d in docs for q in d.quotes]
    if quotes:
        console.print(f"[bold]{len(quotes)} quotes[/bold]")
        for q in quotes:
            who = (q.speaker.identifier_text or q.speaker.entity_text) if q.speaker else "?"
            console.print(f"  {who}: {'“' if q.direct else ''}{q.text[:140]}{'”' if q.direct else ''}")
    commitments = [c for d in docs for c in d.commitments]
    for c in commitments:
        console.print(f"  commitment: {', '.join(a.identifier_text or a.entity_text for a in c.actor)}: {c.text[:120]} "
                      f"[{c.status}]")
    console.print(str(dedup), soft_wrap=True)
    console.print(f"store: {stats}")
    console.print(f"next: hoopoe serve --db {db}   (dashboard and API at http://127.0.0.1:8321/)   |   "
                  f"hoopoe events --db {db} --format csv")
    return {"summary": summary, "stats": stats}
