"""Incremental clustering of reports into happenings, in memory, with blocking.

:class:`Clusterer` holds clusters (each a :class:`~hoopoe.dedup.features.Profile`) indexed by country and
day (and, for reports that name no place, by the parties they name). A new report is scored only against
the clusters of its country (or of no known place) whose date lies within
:data:`~hoopoe.dedup.scoring.MAX_GAP_DAYS` of its own, so the work per report grows with the number of
events of those days in that country, not with the store. Among the clusters it could plausibly belong to,
the evidence for each is discounted by how many there are (:func:`~hoopoe.dedup.scoring.among`); it joins
the best one that clears the threshold, or founds a new cluster. A last pass merges clusters that the new
reports have made look alike (order effects: a vague first report founds a cluster that precise later
ones would have joined). Every join and every merge is a :class:`Decision` with its score and reasons.
Persistence is in :mod:`hoopoe.dedup.tables`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from hoopoe.dedup.features import Profile, Report, ReportKey, ReportRef
from hoopoe.dedup.scoring import (
    BIAS,
    COMPATIBLE_TYPES,
    MAX_GAP_DAYS,
    THRESHOLD,
    Match,
    among,
    score,
)

#: Clusters whose date spans more days than this are indexed once ("wide"), not under each day.
MAX_INDEX_DAYS = 62
#: Named parties (and codes) a cluster is indexed under, for reports that name no place.
MAX_INDEX_PARTIES = 12
#: Rounds of the cluster-against-cluster pass (each round only looks at clusters changed in the last).
CONSOLIDATE_ROUNDS = 3
#: A cluster counts as a plausible alternative for a report when the evidence for it falls short of the
#: even-odds line by at most this much (a score of about 0.27 or more): what a reader would hesitate over.
PLAUSIBLE_MARGIN = 1.0
_WIDE, _UNDATED = -1, -2  # day keys of clusters with a very wide date or none


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
    keys: list[tuple] = field(default_factory=list)  # where it is indexed
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
        # ("c", country, day): placed clusters; ("c", "", day): placeless and partyless ones; ("np", party,
        # day): placeless ones naming a party; ("p", party, day): any naming a party; ("w", day): all

        self._index: dict[tuple, set[str]] = {}

    # ------------------------------------------------------------------------------------- index

    @staticmethod
    def _days(p: Profile, margin: int = 0) -> list[int]:
        """The days a profile is indexed under (``margin`` 0) or probes (``MAX_GAP_DAYS``)."""
        d = p.date
        if d is None:
            return [_UNDATED]
        if d.width > MAX_INDEX_DAYS:
            return [_WIDE]
        return list(range(d.lo - margin, d.hi + margin + 1))

    @staticmethod
    def _parties(p: Profile) -> list[str]:
        """The named parties of a profile (entity keys and their country or organisation codes)."""
        keys = list((p.actors + p.recipients).keys())[:MAX_INDEX_PARTIES]
        codes = ["code:" + c for c in (p.actor_codes + p.recipient_codes)]
        return keys + codes[:MAX_INDEX_PARTIES]

    def _keys(self, p: Profile) -> set[tuple]:
        days = self._days(p)
        parties = self._parties(p)
        keys: set[tuple] = {("w", d) for d in days} | {("p", party, d) for party in parties for d in days}
        if p.country:
            keys |= {("c", p.country, d) for d in days}
        elif parties:  # no place: found by reports that name one of its parties
            keys |= {("np", party, d) for party in parties for d in days}
        else:  # neither place nor party: any report of those days may belong with it
            keys |= {("c", "", d) for d in days}
        return keys

    def _unindex(self, c: Cluster) -> None:
        for key in c.keys:
            self._index.get(key, set()).discard(c.id)
        c.keys = []

    def _reindex(self, c: Cluster) -> None:
        keys = self._keys(c.profile)
        old = set(c.keys)
        for key in old - keys:
            self._index.get(key, set()).discard(c.id)
        for key in keys - old:
            self._index.setdefault(key, set()).add(c.id)
        c.keys = list(keys)

    def candidates(self, p: Profile) -> set[str]:
        """Ids of the clusters a profile could belong with, dates within reach: of its country, or placeless
        ones naming one of its parties or none; with no place, any naming one of its parties (or placeless
        and partyless); with neither place nor party, any."""
        days = set(self._days(p, MAX_GAP_DAYS)) | {_WIDE, _UNDATED}
        parties = self._parties(p)
        if p.country:
            probes = [("c", country, d) for country in (p.country, "") for d in days]
            probes += [("np", party, d) for party in parties for d in days]
        elif parties:
            probes = [("p", party, d) for party in parties for d in days] + [("c", "", d) for d in days]
        else:
            probes = [("w", d) for d in days]
        out: set[str] = set()
        for key in probes:
            found = self._index.get(key)
            if found:
                out |= found
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
        """The cluster a profile fits best, if any clears the threshold once the number of plausible
        alternatives is taken into account (:func:`~hoopoe.dedup.scoring.among`)."""
        plausible: list[tuple[Cluster, Match]] = []
        for cid in self.candidates(p):
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
            if m.veto is None and m.evidence >= BIAS - PLAUSIBLE_MARGIN:
                plausible.append((c, m))
        best: tuple[Cluster | None, Match | None] = (None, None)
        for c, m in plausible:
            m = among(m, len(plausible))
            if m.score < self.threshold:
                continue
            # ties go to the older cluster, so the outcome does not depend on set order
            if best[1] is None or (m.score, -c.seq) > (best[1].score, -best[0].seq):  # type: ignore[union-attr]
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
        clusters among those that grew (a cluster founded by a report and left alone was compared, as that
        report, with every cluster of its days already)."""
        ordered = sorted(reports, key=lambda r: (r.published or 0, -r.specificity, r.key))
        before = len(self.decisions)
        for r in ordered:
            self.add(r)
        if consolidate:
            grew = dict.fromkeys(d.into for d in self.decisions[before:])
            self.consolidate(grew)

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
