"""Incremental clustering of reports into happenings, in memory, with blocking.

:class:`Clusterer` holds clusters (each a :class:`~hoopoe.dedup.features.Profile`) indexed by country and
week. A new report is scored only against the clusters of its country (or of no known country) whose date
lies within :data:`~hoopoe.dedup.scoring.MAX_GAP_DAYS` of its own, so the work per report does not grow with
the store. It joins the best-scoring cluster that clears the threshold, or founds a new one; a last pass
merges clusters that the new reports have made look alike (order effects: a vague first report founds a
cluster that precise later ones would have joined). Every join and every merge is a :class:`Decision`
with its score and reasons. Persistence is in :mod:`hoopoe.dedup.tables`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from hoopoe.dedup.features import Profile, Report, ReportKey, ReportRef
from hoopoe.dedup.scoring import COMPATIBLE_TYPES, MAX_GAP_DAYS, THRESHOLD, Match, score

#: Clusters whose date spans more weeks than this are indexed once per country ("wide"), not per week.
MAX_INDEX_WEEKS = 10
#: Rounds of the cluster-against-cluster pass (each round only looks at clusters changed in the last).
CONSOLIDATE_ROUNDS = 3
_WIDE, _UNDATED = -1, -2  # week keys of clusters with a very wide date or none


def new_id(prefix: str) -> str:
    """A random id that does not depend on any counter (safe for concurrent writers)."""
    return prefix + uuid.uuid4().hex[:12]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class Decision:
    """One automatic merge: ``moved`` reports joined cluster ``into`` (from cluster ``source`` when two
    clusters were merged, ``None`` when a new report joined)."""

    id: str
    at: str
    into: str
    source: str | None
    moved: list[Report]
    score: float
    evidence: float
    reasons: list[str]


@dataclass(slots=True)
class Cluster:
    id: str
    profile: Profile
    persisted: bool = False  # already in the store
    created_at: str = ""
    changed: bool = False  # members or summary to write
    keys: list[tuple[str, int]] = field(default_factory=list)  # where it is indexed
    seq: int = 0  # order of creation or loading: breaks ties, so results do not depend on set order


class Constraints:
    """Pairs of reports that must not be in one cluster (from undone merges)."""

    def __init__(self, pairs: Iterable[tuple[ReportRef, ReportRef]] = ()) -> None:
        self._apart: dict[ReportRef, set[ReportRef]] = {}
        for a, b in pairs:
            self.add(a, b)

    def add(self, a: ReportRef, b: ReportRef) -> None:
        self._apart.setdefault(a, set()).add(b)
        self._apart.setdefault(b, set()).add(a)

    def blocked(self, a: Profile, b: Profile) -> bool:
        if not self._apart:
            return False
        small, large = (a, b) if len(a.refs) <= len(b.refs) else (b, a)
        for ref in small.refs:
            other = self._apart.get(ref)
            if other and not other.isdisjoint(large.refs):
                return True
        return False

    def __len__(self) -> int:
        return sum(len(v) for v in self._apart.values()) // 2


@dataclass(slots=True)
class RunStats:
    reports: int = 0
    joined: int = 0  # reports that joined an existing or earlier cluster
    founded: int = 0  # reports that founded a cluster
    merged: int = 0  # cluster-with-cluster merges
    comparisons: int = 0


class Clusterer:
    """Clusters in memory; :meth:`load` existing ones, :meth:`add_all` new reports, read the result."""

    def __init__(self, *, threshold: float = THRESHOLD, constraints: Constraints | None = None,
                 id_factory: Callable[[str], str] = new_id, clock: Callable[[], str] = now_iso) -> None:
        self.threshold = threshold
        self.constraints = constraints or Constraints()
        self.clusters: dict[str, Cluster] = {}
        self.of_report: dict[ReportKey, str] = {}
        self.joined_by: dict[ReportKey, str | None] = {}  # merge id that brought a report in; None: founder
        self.decisions: list[Decision] = []
        self.removed: dict[str, str] = {}  # cluster merged away -> cluster it went into
        self.stats = RunStats()
        self._new_id = id_factory
        self._clock = clock
        self._index: dict[tuple[str, int], set[str]] = {}  # (country or "", week) -> cluster ids
        self._by_week: dict[int, set[str]] = {}  # week -> cluster ids, every country

    # ------------------------------------------------------------------------------------- index

    @staticmethod
    def _weeks(p: Profile) -> list[int]:
        d = p.date
        if d is None:
            return [_UNDATED]
        first, last = (d.lo - MAX_GAP_DAYS) // 7, (d.hi + MAX_GAP_DAYS) // 7
        return list(range(first, last + 1)) if last - first < MAX_INDEX_WEEKS else [_WIDE]

    def _unindex(self, c: Cluster) -> None:
        for key in c.keys:
            self._index.get(key, set()).discard(c.id)
            self._by_week.get(key[1], set()).discard(c.id)
        c.keys = []

    def _reindex(self, c: Cluster) -> None:
        self._unindex(c)
        country = c.profile.country or ""
        c.keys = [(country, w) for w in self._weeks(c.profile)]
        for key in c.keys:
            self._index.setdefault(key, set()).add(c.id)
            self._by_week.setdefault(key[1], set()).add(c.id)

    def candidates(self, p: Profile) -> set[str]:
        """Ids of the clusters a profile could belong with: same or unknown country, date within reach."""
        weeks = self._weeks(p)
        probe = set(weeks) | {_WIDE, _UNDATED}
        out: set[str] = set()
        if p.country:
            for country in (p.country, ""):
                for w in probe:
                    out |= self._index.get((country, w), set())
        else:
            for w in probe:
                out |= self._by_week.get(w, set())
        return out

    # ------------------------------------------------------------------------------------- building

    def load(self, cluster_id: str, reports: list[Report], *, created_at: str = "", changed: bool = False) -> None:
        """Add an existing (stored) cluster."""
        c = Cluster(cluster_id, Profile.of(reports), persisted=True, created_at=created_at, changed=changed,
                    seq=len(self.clusters) + len(self.removed))
        self.clusters[cluster_id] = c
        for r in reports:
            self.of_report[r.key] = cluster_id
        self._reindex(c)

    def _found(self, r: Report) -> Cluster:
        c = Cluster(self._new_id("c"), Profile.of(r), created_at=self._clock(), changed=True,
                    seq=len(self.clusters) + len(self.removed))
        self.clusters[c.id] = c
        self.of_report[r.key] = c.id
        self.joined_by[r.key] = None
        self._reindex(c)
        self.stats.founded += 1
        return c

    def best_match(self, p: Profile, exclude: str | None = None) -> tuple[Cluster | None, Match | None]:
        """The cluster a profile fits best, if any clears the threshold."""
        best: tuple[Cluster | None, Match | None] = (None, None)
        for cid in sorted(self.candidates(p), key=lambda i: self.clusters[i].seq):
            if cid == exclude:
                continue
            c = self.clusters[cid]
            q = c.profile
            if q.type != p.type and frozenset({q.type, p.type}) not in COMPATIBLE_TYPES:
                continue
            if not q.articles.isdisjoint(p.articles):
                continue
            self.stats.comparisons += 1
            m = score(p, q, blocked=self.constraints.blocked(p, q))
            if m.veto is None and m.score >= self.threshold and (best[1] is None or m.score > best[1].score):
                best = (c, m)
        return best

    def add(self, r: Report) -> str:
        """Place one new report; returns its cluster id."""
        if r.key in self.of_report:
            return self.of_report[r.key]
        self.stats.reports += 1
        p = Profile.of(r)
        c, m = self.best_match(p)
        if c is None or m is None:
            return self._found(r).id
        d = Decision(self._new_id("m"), self._clock(), c.id, None, [r], m.score, m.evidence, m.reasons)
        self.decisions.append(d)
        c.profile.add(r)
        c.changed = True
        self.of_report[r.key] = c.id
        self.joined_by[r.key] = d.id
        self._reindex(c)
        self.stats.joined += 1
        return c.id

    def add_all(self, reports: Iterable[Report], *, consolidate: bool = True) -> None:
        """Place new reports, most informative of each publication day first, then merge look-alike
        clusters among those they touched."""
        ordered = sorted(reports, key=lambda r: (r.published or 0, -r.specificity, r.key))
        touched: dict[str, None] = {}
        for r in ordered:
            touched[self.add(r)] = None
        if consolidate:
            self.consolidate(touched)

    def consolidate(self, cluster_ids: Iterable[str]) -> None:
        """Merge each given cluster with the best other cluster it now matches, for a few rounds."""
        todo = list(dict.fromkeys(cluster_ids))
        for _ in range(CONSOLIDATE_ROUNDS):
            changed: list[str] = []
            for cid in todo:
                c = self.clusters.get(cid)
                if c is None:
                    continue
                other, m = self.best_match(c.profile, exclude=cid)
                if other is None or m is None:
                    continue
                into, source = (other, c) if (other.profile.size, other.persisted) >= (c.profile.size, c.persisted) \
                    else (c, other)
                self._merge(into, source, m)
                changed.append(into.id)
            if not changed:
                break
            todo = changed

    def _merge(self, into: Cluster, source: Cluster, m: Match) -> None:
        d = Decision(self._new_id("m"), self._clock(), into.id, source.id, list(source.profile.members),
                     m.score, m.evidence, m.reasons)
        self.decisions.append(d)
        into.profile.add(source.profile)
        into.changed = True
        for r in source.profile.members:
            self.of_report[r.key] = into.id
            self.joined_by[r.key] = d.id
        self._unindex(source)
        del self.clusters[source.id]
        self.removed[source.id] = into.id
        self._reindex(into)
        self.stats.merged += 1
