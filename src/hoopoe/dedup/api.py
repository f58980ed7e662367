"""Dedup over a store: cluster what is new, list canonical events and merges, undo a merge."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from hoopoe.dedup.canonical import CanonicalEvent
from hoopoe.dedup.cluster import Clusterer
from hoopoe.dedup.scoring import MAX_GAP_DAYS, THRESHOLD
from hoopoe.dedup.tables import ClusterFilter, ClusterTables, MergeRecord
from hoopoe.errors import HoopoeError

log = logging.getLogger(__name__)

#: Modalities clustered by default: what happened. Negated, future and hypothetical events are not
#: happenings; historical ones are background to the story, not reports of it.
DEFAULT_MODALITIES: tuple[str, ...] = ("asserted",)


class DedupError(HoopoeError):
    reason = "dedup"


@dataclass(slots=True)
class DedupSummary:
    """What one run did. ``reports``: events clustered now; ``joined``: of those, how many joined a
    cluster; ``founded``: founded one; ``merged``: cluster-with-cluster merges; ``loaded``: stored
    clusters read for context; ``refreshed``: stale clusters rewritten; totals after the run."""

    reports: int = 0
    joined: int = 0
    founded: int = 0
    merged: int = 0
    loaded: int = 0
    refreshed: int = 0
    comparisons: int = 0
    clusters: int = 0
    multi: int = 0
    clustered: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (f"dedup: {self.reports} new reports ({self.joined} joined a cluster, {self.founded} new clusters, "
                f"{self.merged} cluster merges); store: {self.clusters} canonical events from {self.clustered} "
                f"reports, {self.multi} with 2+ reports ({self.seconds:.2f} s)")


def cluster_store(store, *, threshold: float = THRESHOLD, modalities: tuple[str, ...] = DEFAULT_MODALITIES,
                  consolidate: bool = True) -> DedupSummary:
    """Cluster every stored event of ``modalities`` that is in no cluster yet, incrementally: only the
    stored clusters whose dates lie within reach of the new events are read, new events join them or
    found new clusters, and everything is written in one transaction. Stale clusters (an article of
    theirs was re-ingested) are rewritten too."""
    if not 0.0 < threshold < 1.0:
        raise DedupError(f"threshold must be between 0 and 1 (exclusive), got {threshold}")
    t0 = time.perf_counter()
    tables = ClusterTables(store)
    new = list(tables.unclustered(modalities))
    clusterer = Clusterer(threshold=threshold, constraints=tables.constraints())
    days = [d for r in new if r.interval is not None for d in (r.interval.lo, r.interval.hi)]
    if days:
        lo = date.fromordinal(min(days) - MAX_GAP_DAYS - 1).isoformat()
        hi = date.fromordinal(max(days) + MAX_GAP_DAYS + 1).isoformat()
        loaded = tables.load(clusterer, lo, hi)
    else:
        loaded = tables.load(clusterer, None, None)
    before = dict(clusterer.of_report)
    refreshed = sum(1 for c in clusterer.clusters.values() if c.changed)
    clusterer.add_all(new, consolidate=consolidate)
    if clusterer.decisions or any(c.changed for c in clusterer.clusters.values()) or clusterer.removed:
        tables.save(clusterer, before)
    s = clusterer.stats
    totals = tables.stats()
    summary = DedupSummary(reports=s.reports, joined=s.joined, founded=s.founded, merged=s.merged, loaded=loaded,
                           refreshed=refreshed, comparisons=s.comparisons, clusters=totals["clusters"],
                           multi=totals["multi"], clustered=totals["reports"],
                           seconds=time.perf_counter() - t0)
    log.info("%s", summary)
    return summary


def canonical_events(store, f: ClusterFilter | None = None) -> Iterator[CanonicalEvent]:
    """Canonical events (one per cluster), by date, filtered by ``f``."""
    return ClusterTables(store).canonical(f)


def list_merges(store, touching: str | None = None) -> list[MergeRecord]:
    """The merge history, oldest first (``touching``: a cluster id, event id or article id)."""
    return ClusterTables(store).merges(touching)


def undo_merge(store, merge_id: str, note: str | None = None) -> tuple[MergeRecord, list[str]]:
    """Undo one merge (by id or unique id prefix); its reports are never merged back automatically.
    Returns the merge and the ids of the clusters the split made."""
    return ClusterTables(store).undo(merge_id, note)


def reset_clusters(store) -> None:
    """Forget every cluster and active merge (undone merges stay, and keep their pairs apart)."""
    ClusterTables(store).reset()


def dedup_stats(store) -> dict[str, int]:
    return ClusterTables(store).stats()
