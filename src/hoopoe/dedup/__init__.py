"""Cross-article deduplication: the reports of one happening become one canonical event.

>>> from hoopoe.store import open_store
>>> from hoopoe.dedup import cluster_store, canonical_events, list_merges, undo_merge
>>> with open_store("hoopoe.db") as store:
...     print(cluster_store(store))            # cluster what is new
...     for ev in canonical_events(store):     # one record per happening, every report kept
...         print(ev.event, ev.date.start, ev.n_reports, ev.killed)
...     merge = list_merges(store)[-1]
...     undo_merge(store, merge.id)            # never merged back automatically

Modules: :mod:`.features` (what is compared), :mod:`.scoring` (how), :mod:`.cluster` (incremental
clustering with blocking), :mod:`.canonical` (the canonical record), :mod:`.api` (over a store).
"""

from __future__ import annotations

from hoopoe.dedup.api import (
    DEFAULT_MODALITIES,
    DedupError,
    DedupSummary,
    canonical_events,
    cluster_store,
    dedup_stats,
    list_merges,
    reset_clusters,
    undo_merge,
)
from hoopoe.dedup.canonical import CanonicalEvent, Estimate, ReportRecord, estimate
from hoopoe.dedup.cluster import Clusterer, Constraints, Decision
from hoopoe.dedup.features import Profile, Report
from hoopoe.dedup.scoring import THRESHOLD, Match, score
from hoopoe.dedup.tables import ClusterFilter, MergeRecord

__all__ = [
    "DEFAULT_MODALITIES",
    "THRESHOLD",
    "CanonicalEvent",
    "ClusterFilter",
    "Clusterer",
    "Constraints",
    "Decision",
    "DedupError",
    "DedupSummary",
    "Estimate",
    "Match",
    "MergeRecord",
    "Profile",
    "Report",
    "ReportRecord",
    "canonical_events",
    "cluster_store",
    "dedup_stats",
    "estimate",
    "list_merges",
    "reset_clusters",
    "score",
    "undo_merge",
]
