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

import importlib

#: Public names and the module each lives in; loaded on first use, so importing the package (as the CLI
#: does to register its commands) costs nothing.
_EXPORTS = {
    "hoopoe.dedup.api": ("cluster_store", "canonical_events", "list_merges", "undo_merge", "reset_clusters",
                         "dedup_stats", "DedupSummary", "DedupError", "DEFAULT_MODALITIES"),
    "hoopoe.dedup.canonical": ("CanonicalEvent", "Estimate", "ReportRecord", "estimate"),
    "hoopoe.dedup.cluster": ("Clusterer", "Constraints", "Decision"),
    "hoopoe.dedup.features": ("Profile", "Report"),
    "hoopoe.dedup.scoring": ("THRESHOLD", "Match", "score"),
    "hoopoe.dedup.tables": ("ClusterFilter", "MergeRecord"),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}

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


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'hoopoe.dedup' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
