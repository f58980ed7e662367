"""Clusters, their members and the merge history in the store (tables in :mod:`hoopoe.store.schema`).

:class:`ClusterTables` reads what a dedup run needs (reports not yet clustered, the stored clusters in their
date window, the pairs undone merges keep apart), writes what a :class:`~hoopoe.dedup.cluster.Clusterer`
decided in one transaction, undoes merges, and lists canonical events and merges. It works through the
store's own query helpers, so it runs on any engine the store runs on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from hoopoe.dedup.canonical import CanonicalEvent, summarize
from hoopoe.dedup.cluster import Clusterer, Constraints, new_id, now_iso
from hoopoe.dedup.features import Profile, Report, ReportKey
from hoopoe.errors import StoreError
from hoopoe.records import Event, from_dict, to_dict
from hoopoe.store import schema as q
from hoopoe.store.sql import paged

if TYPE_CHECKING:
    from hoopoe.store.sql import Store


@dataclass(slots=True)
class MergeRecord:
    """One merge decision as stored. ``moved``/``kept``: (article id, event seq, event id) of the reports
    the merge moved and, once undone, of those they were separated from."""

    id: str
    merged_at: str
    into: str
    source: str | None
    score: float
    evidence: float | None
    reasons: list[str]
    method: str
    undone_at: str | None = None
    undo_note: str | None = None
    split_cluster: str | None = None
    moved: list[tuple[str, int, str]] = field(default_factory=list)
    kept: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def undone(self) -> bool:
        return self.undone_at is not None


@dataclass(slots=True)
class ClusterFilter:
    """Which canonical events :meth:`ClusterTables.canonical` returns; every field set must match.
    ``since``/``until``: the reports' dates overlap them; ``min_reports``: at least this many reports."""

    id: str | None = None
    since: date | str | None = None
    until: date | str | None = None
    country: str | None = None
    event: str | None = None
    min_reports: int | None = None
    limit: int | None = None
    offset: int = 0


def _json(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False, separators=(",", ":"))


class ClusterTables:
    """The dedup tables of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # ------------------------------------------------------------------------------------- reading

    @staticmethod
    def _report(row: tuple, offset: int = 0) -> Report:
        from hoopoe.store.sql import Store

        meta = Store._meta(row[offset:offset + 6])
        seq, record = row[offset + 6], row[offset + 7]
        return Report.of(meta, int(seq), from_dict(Event, json.loads(record)))

    def unclustered(self, modalities: tuple[str, ...] = ("asserted",)) -> Iterator[Report]:
        """Stored events of these modalities that are in no cluster yet."""
        if not modalities:
            return
        sql = q.SELECT_UNCLUSTERED.format(marks=", ".join("?" * len(modalities)))
        for row in self.store._stream(sql, list(modalities)):
            yield self._report(row)

    def _clusters(self, sql: str, params: tuple | list) -> dict[str, tuple[str, bool, list[tuple[Report, str | None]]]]:
        out: dict[str, tuple[str, bool, list[tuple[Report, str | None]]]] = {}
        for row in self.store._stream(sql, params):
            cid, created, stale, merge_id = row[0], row[1], bool(row[2]), row[3]
            entry = out.setdefault(cid, (created, stale, []))
            entry[2].append((self._report(row, 4), merge_id))
        return out

    def load(self, clusterer: Clusterer, lo: str | None, hi: str | None) -> int:
        """Load the stored clusters whose dates reach into ``lo..hi`` (ISO days; ``None``: only stale
        ones), undated and stale clusters into ``clusterer``; stale ones are marked to be rewritten.
        Returns the number loaded."""
        sql, params = (q.SELECT_CLUSTERS_IN_WINDOW, (lo, hi)) if lo and hi else (q.SELECT_STALE_CLUSTERS, ())
        found = self._clusters(sql, params)
        for cid, (created, stale, members) in found.items():
            clusterer.load(cid, [r for r, _ in members], created_at=created, changed=stale)
            for r, merge_id in members:
                clusterer.joined_by[r.key] = merge_id
        return len(found)

    def constraints(self) -> Constraints:
        """The pairs of reports that undone merges keep apart."""
        return Constraints(((a, b), (c, d)) for a, b, c, d in self.store._query(q.SELECT_APART))

    def _cluster_reports(self, cluster_id: str) -> tuple[str, list[tuple[Report, str | None]]] | None:
        found = self._clusters(q.SELECT_CLUSTER_REPORTS, (cluster_id,))
        if cluster_id not in found:
            return None
        created, _stale, members = found[cluster_id]
        return created, members

    # ------------------------------------------------------------------------------------- writing

    @staticmethod
    def _row(canon: CanonicalEvent, profile: Profile) -> list[Any]:
        loc, k, w = canon.event_loc, canon.killed, canon.wounded
        span = canon.date_span
        return [
            canon.event, canon.date.start, canon.date.end, canon.date.precision, span.start, span.end,
            (loc.name or loc.text) if loc else None, loc.geonameid if loc else None, loc.lat if loc else None,
            loc.lon if loc else None, loc.admin1 if loc else None,
            (loc.country if loc else None) or profile.country, loc.precision if loc else None,
            k.best if k else None, k.min if k else None, k.max if k else None,
            w.best if w else None, w.min if w else None, w.max if w else None,
            canon.first_reported, canon.first_article, canon.n_reports, canon.n_articles, 0,
            canon.created_at, canon.updated_at, _json(canon),
        ]

    def save(self, clusterer: Clusterer, before: dict[ReportKey, str]) -> None:
        """Write a run's outcome in one transaction. ``before``: each loaded report's cluster as stored."""
        stamp = now_iso()
        reports = {r.key: r for c in clusterer.clusters.values() for r in c.profile.members}
        stored_ids = set(before.values())

        def work(cur: Any) -> None:
            ex = self.store._exec
            for c in clusterer.clusters.values():
                if not c.changed:
                    continue
                canon = summarize(c.id, c.profile, joined_by=clusterer.joined_by,
                                  created_at=c.created_at or stamp, updated_at=stamp)
                row = self._row(canon, c.profile)
                if c.persisted:
                    ex(cur, q.UPDATE_CLUSTER, row + [c.id])
                else:
                    ex(cur, q.INSERT_CLUSTER, [c.id] + row)
            for d in clusterer.decisions:
                ex(cur, q.INSERT_MERGE, (d.id, d.at, d.into, d.source, d.score, d.evidence,
                                         json.dumps(d.reasons, ensure_ascii=False), "auto"))
                for r in d.moved:
                    ex(cur, q.INSERT_MERGE_MEMBER, (d.id, "moved", r.key[0], r.key[1], r.event_id))
            for key, cid in clusterer.of_report.items():
                was = before.get(key)
                if was == cid:
                    continue
                if was is None:
                    ex(cur, q.INSERT_MEMBER, (key[0], key[1], reports[key].event_id, cid,
                                              clusterer.joined_by.get(key), stamp))
                else:
                    ex(cur, q.MOVE_MEMBER, (cid, clusterer.joined_by.get(key), key[0], key[1]))
            for cid in clusterer.removed:
                if cid in stored_ids:
                    ex(cur, q.DELETE_CLUSTER, (cid,))

        self.store._transaction(work)

    def reset(self) -> None:
        """Drop every cluster and active merge; undone merges stay (they still keep their pairs apart)."""
        def work(cur: Any) -> None:
            for stmt in q.DEDUP_RESET:
                self.store._exec(cur, stmt)
        self.store._transaction(work)

    # ------------------------------------------------------------------------------------- merges

    def _merge_rows(self, where: list[str], params: list[Any]) -> list[MergeRecord]:
        sql = q.SELECT_MERGES + (" WHERE " + " AND ".join(where) if where else "") + q.ORDER_MERGES
        out = []
        for row in self.store._query(sql, params):
            m = MergeRecord(id=row[0], merged_at=row[1], into=row[2], source=row[3], score=float(row[4]),
                            evidence=None if row[5] is None else float(row[5]), reasons=json.loads(row[6]),
                            method=row[7], undone_at=row[8], undo_note=row[9], split_cluster=row[10])
            for side, aid, seq, eid in self.store._query(q.SELECT_MERGE_MEMBERS, (m.id,)):
                (m.moved if side == "moved" else m.kept).append((aid, int(seq), eid))
            out.append(m)
        return out

    def merges(self, touching: str | None = None) -> list[MergeRecord]:
        """The merge history, oldest first; ``touching``: only merges into, from or split to this cluster,
        or moving this event (event id) or an event of this article (article id)."""
        if touching:
            return self._merge_rows([q.WHERE_MERGE_TOUCHES], [touching] * 5)
        return self._merge_rows([], [])

    def merge(self, merge_id: str) -> MergeRecord:
        """One merge by id, or by a prefix of its id that only it has."""
        found = self._merge_rows([q.WHERE_MERGE_ID], [merge_id])
        if not found and merge_id:
            found = self._merge_rows([q.WHERE_MERGE_ID_PREFIX], [merge_id.replace("%", "").replace("_", "") + "%"])
        if not found:
            raise StoreError(f"no merge {merge_id!r} in {self.store.location}: `hoopoe merges` lists them")
        if len(found) > 1:
            raise StoreError(f"merge id {merge_id!r} is ambiguous ({', '.join(m.id for m in found[:5])}); "
                             "give more of it")
        return found[0]

    def undo(self, merge_id: str, note: str | None = None) -> tuple[MergeRecord, list[str]]:
        """Undo one merge: the reports it moved leave the cluster they share with the others and form a
        cluster of their own (its old id when the merge joined two clusters); the pairs they were
        separated from are recorded, so no later run merges them back. Returns the merge (as it was)
        and the ids of the clusters made by the split (empty when nothing had to be separated)."""
        m = self.merge(merge_id)
        if m.undone:
            raise StoreError(f"merge {m.id} was already undone at {m.undone_at}")
        where: dict[str, set[ReportKey]] = {}
        for aid, seq, eid in m.moved:
            row = self.store._query(q.SELECT_MEMBER, (aid, seq))
            if row and row[0][1] == eid:
                where.setdefault(row[0][0], set()).add((aid, seq))
        splits: list[tuple[str, str, str, list[tuple[Report, str | None]], list[tuple[Report, str | None]]]] = []
        taken: set[str] = set()
        for cid, keys in sorted(where.items()):
            loaded = self._cluster_reports(cid)
            if loaded is None:
                continue
            created, members = loaded
            kept = [(r, j) for r, j in members if r.key not in keys]
            moved = [(r, j) for r, j in members if r.key in keys]
            if not kept or not moved:
                continue
            new = m.source if (m.source and m.source not in taken
                               and not self.store._query(q.SELECT_CLUSTER_IDS, (m.source,))) else new_id("c")
            taken.add(new)
            splits.append((cid, created, new, kept, moved))
        stamp = now_iso()

        def work(cur: Any) -> None:
            ex = self.store._exec
            for cid, created, new, kept, moved in splits:
                joined = {r.key: (None if j == m.id else j) for r, j in kept + moved}
                moved_profile = Profile.of([r for r, _ in moved])
                moved_canon = summarize(new, moved_profile, joined_by=joined, created_at=stamp, updated_at=stamp)
                ex(cur, q.INSERT_CLUSTER, [new] + self._row(moved_canon, moved_profile))
                for r, _ in moved:
                    ex(cur, q.MOVE_MEMBER, (new, joined[r.key], r.key[0], r.key[1]))
                kept_profile = Profile.of([r for r, _ in kept])
                kept_canon = summarize(cid, kept_profile, joined_by=joined, created_at=created, updated_at=stamp)
                ex(cur, q.UPDATE_CLUSTER, self._row(kept_canon, kept_profile) + [cid])
                for r, _ in kept:
                    ex(cur, q.INSERT_MERGE_MEMBER, (m.id, "kept", r.key[0], r.key[1], r.event_id))
            note_text = note or ("split into " + ", ".join(s[2] for s in splits) if splits
                                 else "nothing to separate: the moved reports are gone or already apart")
            ex(cur, q.UNDO_MERGE, (stamp, note_text, splits[0][2] if splits else None, m.id))

        self.store._transaction(work)
        return m, [s[2] for s in splits]

    # ------------------------------------------------------------------------------------- listing

    def canonical(self, f: ClusterFilter | None = None) -> Iterator[CanonicalEvent]:
        """Canonical events, by date."""
        f = f or ClusterFilter()
        where: list[str] = []
        params: list[Any] = []
        if f.id:
            where.append(q.WHERE_CLUSTER_ID)
            params.append(f.id)
        if f.since:
            where.append(q.WHERE_CLUSTER_SINCE)
            params.append(f.since.isoformat() if isinstance(f.since, date) else str(f.since))
        if f.until:
            where.append(q.WHERE_CLUSTER_UNTIL)
            params.append(f.until.isoformat() if isinstance(f.until, date) else str(f.until))
        if f.country:
            where.append(q.WHERE_CLUSTER_COUNTRY)
            params.append(self.store._country(f.country))
        if f.event:
            where.append(q.WHERE_CLUSTER_TYPE)
            params.append(f.event.strip().upper())
        if f.min_reports:
            where.append(q.WHERE_CLUSTER_MIN_REPORTS)
            params.append(int(f.min_reports))
        sql = q.SELECT_CLUSTER_RECORDS + (" WHERE " + " AND ".join(where) if where else "") + q.ORDER_CLUSTERS
        sql, params = paged(sql, params, f.limit, f.offset)
        for (record,) in self.store._stream(sql, params):
            yield from_dict(CanonicalEvent, json.loads(record))

    def stats(self) -> dict[str, int]:
        """Counts: clusters, reports (clustered events), multi (clusters of 2+ reports), merges, undone."""
        return {k: int(self.store._query(sql)[0][0]) for k, sql in q.COUNT_DEDUP.items()}
